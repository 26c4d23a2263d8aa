namespace HeyGen.Client;

/// <summary>
/// Mirrors the official SDK's <c>APIError</c>: its message names only the status ("API request failed with status 400");
/// the body HeyGen sent, which says what actually went wrong, is in <see cref="ResponseText"/>.
/// </summary>
public sealed class HeyGenApiException(int status, string responseText)
    : Exception($"API request failed with status {status}")
{
    public int Status { get; } = status;
    public string ResponseText { get; } = responseText;
}

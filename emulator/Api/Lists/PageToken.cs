using System.Text;
using HeyGenEmulator.Errors;

namespace HeyGenEmulator.Api;

/// <summary>
/// v2 streaming.list's <c>next_pagination_token</c>: base64 of <c>page:N</c>, opaque to clients. Sent back as the
/// query parameter (<see cref="FromQuery"/>) it stands for page N; anything that is not a token this emulator wrote is 400 40012.
/// </summary>
public static class PageToken
{
    public const int MaxPage = 100_000;
    private const string Prefix = "page:";
    private static readonly string[] QueryNames = ["token", "pagination_token", "next_pagination_token"];

    public static string For(int page) => Convert.ToBase64String(Encoding.UTF8.GetBytes(Prefix + page.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>
    /// The token as sent back: HeyGen's docs do not name the query parameter, so <c>token</c>, <c>pagination_token</c>
    /// and <c>next_pagination_token</c> are all read (the first one given).
    /// </summary>
    public static string FromQuery(IQueryCollection query) =>
        QueryNames.Select(name => query[name].ToString()).FirstOrDefault(v => v.Length > 0) ?? "";

    /// <summary>The page a token stands for, or null when none was given.</summary>
    public static int? Read(string token)
    {
        if (token.Length == 0) return null;
        if (token.Length <= 64 && TryDecode(token) is { } text && text.StartsWith(Prefix, StringComparison.Ordinal)
            && int.TryParse(text.AsSpan(Prefix.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var page)
            && page is >= 1 and <= MaxPage)
            return page;
        throw HeyGenErrors.InvalidQuery("token is not a next_pagination_token of this list").ToException();
    }

    private static string? TryDecode(string token)
    {
        var bytes = new byte[token.Length];
        return Convert.TryFromBase64String(token, bytes, out var written) ? Encoding.UTF8.GetString(bytes, 0, written) : null;
    }
}

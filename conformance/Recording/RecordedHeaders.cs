using System.Net.Http.Headers;
using HeyGenEmulator.Configuration;

namespace HeyGenEmulator.Conformance.Recording;

/// <summary>
/// Headers as recorded: credentials (<c>X-Api-Key</c> in any case, <c>Authorization</c>, the emulator's admin token,
/// cookies) masked as the journal masks keys, and learned by the scenario's recording so they are masked anywhere else too.
/// </summary>
internal static class RecordedHeaders
{
    private static readonly HashSet<string> Secret = new(StringComparer.OrdinalIgnoreCase)
    {
        "X-Api-Key", "Authorization", "Proxy-Authorization", Admin.AdminTokenCheck.HeaderName, "Cookie", "Set-Cookie",
    };

    public static IReadOnlyDictionary<string, string> Of(HttpHeaders headers, HttpHeaders? contentHeaders, ScenarioRecording recording) =>
        headers.Concat(contentHeaders ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
            .GroupBy(h => h.Key, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => string.Join(",", g.SelectMany(h => h.Value).Select(v => Secret.Contains(g.Key) ? Masked(v, recording) : v)), StringComparer.OrdinalIgnoreCase);

    /// <summary>"Bearer &lt;token&gt;" keeps its scheme; the credential itself is masked and remembered.</summary>
    private static string Masked(string value, ScenarioRecording recording)
    {
        var space = value.IndexOf(' ', StringComparison.Ordinal);
        var (scheme, credential) = space > 0 && !value[..space].Contains('=', StringComparison.Ordinal) ? (value[..(space + 1)], value[(space + 1)..]) : ("", value);
        recording.Learn(credential);
        return scheme + Masking.Mask(credential);
    }
}

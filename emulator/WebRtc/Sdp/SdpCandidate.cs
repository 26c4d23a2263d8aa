using System.Globalization;

namespace HeyGenEmulator.WebRtc.Sdp;

/// <summary>
/// One ICE candidate (RFC 8839 §5.1). <see cref="Address"/> stays a string because browsers may hide
/// addresses behind mDNS names ("….local").
/// </summary>
public sealed record SdpCandidate(
    string Foundation,
    int Component,
    string Transport,
    uint Priority,
    string Address,
    int Port,
    string Type,
    string? RelatedAddress = null,
    int? RelatedPort = null,
    IReadOnlyDictionary<string, string>? Extensions = null)
{
    /// <summary>Host candidate priority for component 1: type pref 126, local pref 65535 (RFC 8445 §5.1.2.1).</summary>
    public static uint HostPriority(int component = 1, int localPreference = 65535) =>
        (126u << 24) | ((uint)localPreference << 8) | (uint)(256 - component);

    /// <summary>The attribute value, without "a=": "candidate:1 1 udp 2130706431 10.0.0.1 5000 typ host".</summary>
    public string ToAttributeValue()
    {
        var s = $"candidate:{Foundation} {Component} {Transport} {Priority} {Address} {Port} typ {Type}";
        if (RelatedAddress is not null) s += $" raddr {RelatedAddress}";
        if (RelatedPort is not null) s += $" rport {RelatedPort}";
        if (Extensions is not null)
            foreach (var (k, v) in Extensions) s += $" {k} {v}";
        return s;
    }

    /// <summary>
    /// Parses a candidate as trickled by a browser ("candidate:…", optionally with "a=" in front). Returns null
    /// and a reason for anything malformed; never throws.
    /// </summary>
    public static SdpCandidate? TryParse(string? text, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(text)) return Fail("empty candidate", out error);
        var s = text.Trim();
        if (s.StartsWith("a=", StringComparison.Ordinal)) s = s[2..];
        if (!s.StartsWith("candidate:", StringComparison.OrdinalIgnoreCase)) return Fail("does not start with 'candidate:'", out error);
        var f = s["candidate:".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (f.Length < 8) return Fail("too few fields", out error);

        string foundation = f[0];
        if (foundation.Length is 0 or > 32) return Fail("bad foundation", out error);
        if (!int.TryParse(f[1], NumberStyles.None, CultureInfo.InvariantCulture, out int component) || component is < 1 or > 256)
            return Fail("bad component id", out error);
        string transport = f[2].ToLowerInvariant();
        if (transport is not ("udp" or "tcp")) return Fail($"unsupported transport '{f[2]}'", out error);
        if (!uint.TryParse(f[3], NumberStyles.None, CultureInfo.InvariantCulture, out uint priority) || priority == 0)
            return Fail("bad priority", out error);
        string address = f[4];
        if (!IsPlausibleAddress(address)) return Fail("bad connection address", out error);
        if (!TryParsePort(f[5], out int port)) return Fail("bad port", out error);
        if (f[6] != "typ") return Fail("missing 'typ'", out error);
        string type = f[7];
        if (type is not ("host" or "srflx" or "prflx" or "relay")) return Fail($"unknown candidate type '{type}'", out error);

        string? raddr = null;
        int? rport = null;
        var extensions = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 8; i < f.Length; i += 2)
        {
            if (i + 1 >= f.Length) return Fail($"attribute '{f[i]}' has no value", out error);
            switch (f[i])
            {
                case "raddr":
                    if (!IsPlausibleAddress(f[i + 1])) return Fail("bad raddr", out error);
                    raddr = f[i + 1];
                    break;
                case "rport":
                    if (!TryParsePort(f[i + 1], out int rp)) return Fail("bad rport", out error);
                    rport = rp;
                    break;
                default:
                    extensions[f[i]] = f[i + 1];
                    break;
            }
        }
        return new SdpCandidate(foundation, component, transport, priority, address, port, type, raddr, rport, extensions);
    }

    private static bool TryParsePort(string s, out int port) =>
        int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is >= 0 and <= 65535;

    private static bool IsPlausibleAddress(string s) =>
        System.Net.IPAddress.TryParse(s, out _)
        || (s.Length is > 0 and <= 253 && s.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-'));

    private static SdpCandidate? Fail(string reason, out string? error)
    {
        error = reason;
        return null;
    }
}

using System.Globalization;

namespace HeyGenEmulator.WebRtc.Sdp;

/// <summary>
/// Parses a session description. Broken structure (no v=0, a line that is not "x=…", a bad m-line) fails the
/// whole parse with a reason; a malformed attribute value is recorded in <see cref="SessionDescription.Problems"/>
/// and left out, so the validator can name it. Never throws.
/// </summary>
public static class SdpParser
{
    private const int MaxLength = 256 * 1024;

    public static SessionDescription? TryParse(string? sdp, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(sdp)) return Fail("SDP is empty", out error);
        if (sdp.Length > MaxLength) return Fail("SDP is too large", out error);

        var lines = sdp.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToArray();
        if (lines.Length == 0 || lines[0] != "v=0") return Fail("SDP must start with v=0", out error);

        var problems = new List<SdpValidationError>();
        var session = new SectionBuilder(null, problems);
        var media = new List<SectionBuilder>();
        string? origin = null;
        var bundle = new List<string>();
        bool iceLite = false;

        for (int n = 0; n < lines.Length; n++)
        {
            string line = lines[n];
            if (line.Length < 2 || line[1] != '=' || !char.IsAsciiLetterLower(line[0]))
                return Fail($"line {n + 1} is not of the form x=value", out error);
            string value = line[2..];
            switch (line[0])
            {
                case 'o' when media.Count == 0:
                    origin = value;
                    break;
                case 'm':
                    var m = ParseMediaLine(value);
                    if (m is null) return Fail($"line {n + 1}: malformed m-line '{line}'", out error);
                    media.Add(m.WithProblems(problems));
                    break;
                case 'a':
                    var current = media.Count == 0 ? session : media[^1];
                    if (media.Count == 0 && value.StartsWith("group:BUNDLE", StringComparison.Ordinal))
                        bundle.AddRange(value["group:BUNDLE".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries));
                    else if (media.Count == 0 && value == "ice-lite")
                        iceLite = true;
                    else
                        current.AddAttribute(value);
                    break;
            }
        }

        return new SessionDescription(origin, bundle, iceLite, session.IceUfrag, session.IcePwd, session.Fingerprint,
            session.Setup, media.Select(b => b.Build()).ToArray(), problems);
    }

    private static SectionBuilder? ParseMediaLine(string value)
    {
        var f = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (f.Length < 4) return null;
        string portText = f[1].Split('/')[0];
        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port > 65535) return null;
        return new SectionBuilder(null, null!) { Media = f[0], Port = port, Protocol = f[2], Formats = f[3..] };
    }

    private static SessionDescription? Fail(string reason, out string? error)
    {
        error = reason;
        return null;
    }

    /// <summary>Collects one section's attributes (or the session's, when Media is null).</summary>
    private sealed class SectionBuilder(string? media, List<SdpValidationError> problems)
    {
        private List<SdpValidationError> _problems = problems;
        private readonly Dictionary<int, (string Codec, int Clock, int? Channels)> _rtpmap = new();
        private readonly Dictionary<int, string> _fmtp = new();
        private readonly Dictionary<int, List<string>> _rtcpFb = new();
        private readonly List<string> _attributes = new();
        private readonly List<SdpCandidate> _candidates = new();

        public string? Media { get; init; } = media;
        public int Port { get; init; }
        public string Protocol { get; init; } = "";
        public string[] Formats { get; init; } = [];
        public string? Mid { get; private set; }
        public string? Direction { get; private set; }
        public string? IceUfrag { get; private set; }
        public string? IcePwd { get; private set; }
        public SdpFingerprint? Fingerprint { get; private set; }
        public SdpSetup? Setup { get; private set; }
        public bool RtcpMux { get; private set; }
        public bool EndOfCandidates { get; private set; }
        public int? SctpPort { get; private set; }
        public int? MaxMessageSize { get; private set; }

        public SectionBuilder WithProblems(List<SdpValidationError> problems)
        {
            _problems = problems;
            return this;
        }

        public void AddAttribute(string attribute)
        {
            _attributes.Add(attribute);
            int colon = attribute.IndexOf(':');
            string name = colon < 0 ? attribute : attribute[..colon];
            string value = colon < 0 ? "" : attribute[(colon + 1)..];
            switch (name)
            {
                case "mid": Mid = value.Trim(); break;
                case "sendrecv" or "sendonly" or "recvonly" or "inactive": Direction = name; break;
                case "rtcp-mux": RtcpMux = true; break;
                case "end-of-candidates": EndOfCandidates = true; break;
                case "ice-ufrag": IceUfrag = value.Trim(); break;
                case "ice-pwd": IcePwd = value.Trim(); break;
                case "fingerprint":
                    // Several fingerprints may be listed; keep the first we can parse.
                    var fp = SdpFingerprint.TryParse(value);
                    if (fp is null) Problem(SdpErrorCode.InvalidFingerprint, $"malformed fingerprint '{value}'");
                    else Fingerprint ??= fp;
                    break;
                case "setup":
                    Setup = value.Trim() switch
                    {
                        "active" => SdpSetup.Active,
                        "passive" => SdpSetup.Passive,
                        "actpass" => SdpSetup.ActPass,
                        _ => null,
                    };
                    if (Setup is null) Problem(SdpErrorCode.InvalidSetup, $"unknown setup value '{value}'");
                    break;
                case "candidate":
                    var candidate = SdpCandidate.TryParse(attribute, out var reason);
                    if (candidate is null) Problem(SdpErrorCode.InvalidCandidate, $"malformed candidate: {reason}");
                    else _candidates.Add(candidate);
                    break;
                case "rtpmap": ParseRtpmap(value); break;
                case "fmtp":
                    if (SplitPt(value) is { } f) _fmtp[f.Pt] = f.Text;
                    break;
                case "rtcp-fb":
                    if (SplitPt(value) is { } fb)
                    {
                        if (!_rtcpFb.TryGetValue(fb.Pt, out var list)) _rtcpFb[fb.Pt] = list = new List<string>();
                        list.Add(fb.Text);
                    }
                    break;
                case "sctp-port":
                    if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int sp)) SctpPort = sp;
                    break;
                case "max-message-size":
                    if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int mms)) MaxMessageSize = mms;
                    break;
            }
        }

        private void ParseRtpmap(string value)
        {
            if (SplitPt(value) is not { } r) return;
            var parts = r.Text.Split('/');
            if (parts.Length < 2 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int clock)) return;
            int? channels = parts.Length > 2 && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out int ch) ? ch : null;
            _rtpmap[r.Pt] = (parts[0], clock, channels);
        }

        private static (int Pt, string Text)? SplitPt(string value)
        {
            int space = value.IndexOf(' ');
            if (space <= 0) return null;
            return int.TryParse(value[..space], NumberStyles.None, CultureInfo.InvariantCulture, out int pt) && pt <= 127
                ? (pt, value[(space + 1)..].Trim())
                : null;
        }

        private void Problem(SdpErrorCode code, string message) => _problems.Add(new SdpValidationError(code, message, Mid));

        public SdpMediaSection Build()
        {
            var payloads = new List<SdpPayloadType>();
            foreach (var format in Formats)
            {
                if (!int.TryParse(format, NumberStyles.None, CultureInfo.InvariantCulture, out int pt)) continue;
                if (!_rtpmap.TryGetValue(pt, out var map)) continue;
                payloads.Add(new SdpPayloadType(pt, map.Codec, map.Clock, map.Channels,
                    _fmtp.GetValueOrDefault(pt), _rtcpFb.TryGetValue(pt, out var fb) ? fb : []));
            }
            return new SdpMediaSection(Media ?? "", Port, Protocol, Formats, Mid, Direction, IceUfrag, IcePwd, Fingerprint,
                Setup, RtcpMux, payloads, _candidates, EndOfCandidates, SctpPort, MaxMessageSize, _attributes);
        }
    }
}

using System.Text;

namespace HeyGenEmulator.WebRtc.Sdp;

/// <summary>
/// Writes the server's offer: ICE-lite, one bundled transport, we send only. Mids are the section indexes
/// ("0", "1", "2") in the order audio, video, data channel, skipping sections that are turned off.
/// </summary>
public static class SdpOfferBuilder
{
    public const int OpusPayloadType = 111;
    public const int Vp8PayloadType = 96;
    public const int H264PayloadType = 102;
    public const string H264Fmtp = "level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f";
    public const string OpusFmtp = "minptime=10;useinbandfec=1";

    /// <exception cref="ArgumentException">The options cannot make a usable offer (our own input, not the wire's).</exception>
    public static string Build(SdpOfferOptions o)
    {
        Validate(o);
        var kinds = new List<SdpMediaKind>();
        if (o.IncludeAudio) kinds.Add(SdpMediaKind.Audio);
        if (o.IncludeVideo) kinds.Add(SdpMediaKind.Video);
        if (o.IncludeDataChannel) kinds.Add(SdpMediaKind.Application);

        string ipVersion = o.ConnectionAddress.Contains(':') ? "IP6" : "IP4";
        var sb = new StringBuilder();
        Line(sb, "v=0");
        Line(sb, $"o=- {o.SessionId} {o.SessionVersion} IN {ipVersion} {o.ConnectionAddress}");
        Line(sb, "s=-");
        Line(sb, "t=0 0");
        Line(sb, "a=group:BUNDLE " + string.Join(' ', Enumerable.Range(0, kinds.Count)));
        Line(sb, "a=ice-lite");
        Line(sb, $"a=msid-semantic: WMS {o.StreamId}");

        for (int i = 0; i < kinds.Count; i++)
        {
            var kind = kinds[i];
            switch (kind)
            {
                case SdpMediaKind.Audio:
                    Line(sb, $"m=audio {o.Port} UDP/TLS/RTP/SAVPF {OpusPayloadType}");
                    break;
                case SdpMediaKind.Video:
                    Line(sb, $"m=video {o.Port} UDP/TLS/RTP/SAVPF {VideoPayloadType(o.VideoCodec)}");
                    break;
                default:
                    Line(sb, $"m=application {o.Port} UDP/DTLS/SCTP webrtc-datachannel");
                    break;
            }
            Line(sb, $"c=IN {ipVersion} {o.ConnectionAddress}");
            Line(sb, $"a=mid:{i}");
            Line(sb, $"a=ice-ufrag:{o.IceUfrag}");
            Line(sb, $"a=ice-pwd:{o.IcePwd}");
            Line(sb, $"a=fingerprint:{o.Fingerprint}");
            Line(sb, $"a=setup:{SetupText(o.Setup)}");
            for (int c = 0; c < o.Candidates.Count; c++)
            {
                var host = o.Candidates[c];
                var candidate = new SdpCandidate((c + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), 1, "udp", SdpCandidate.HostPriority(1, 65535 - c),
                    host.Address, host.Port, "host");
                Line(sb, "a=" + candidate.ToAttributeValue());
            }
            Line(sb, "a=end-of-candidates");

            if (kind == SdpMediaKind.Application)
            {
                Line(sb, $"a=sctp-port:{o.SctpPort}");
                Line(sb, $"a=max-message-size:{o.MaxMessageSize}");
                continue;
            }

            Line(sb, "a=sendonly");
            Line(sb, "a=rtcp-mux");
            bool audio = kind == SdpMediaKind.Audio;
            string track = audio ? o.AudioTrackId : o.VideoTrackId;
            uint ssrc = audio ? o.AudioSsrc : o.VideoSsrc;
            string stream = (audio ? o.AudioStreamId : o.VideoStreamId) ?? o.StreamId;
            Line(sb, $"a=msid:{stream} {track}");
            if (audio)
            {
                Line(sb, $"a=rtpmap:{OpusPayloadType} opus/48000/2");
                Line(sb, $"a=fmtp:{OpusPayloadType} {OpusFmtp}");
            }
            else
            {
                int pt = VideoPayloadType(o.VideoCodec);
                Line(sb, o.VideoCodec == SdpVideoCodec.Vp8 ? $"a=rtpmap:{pt} VP8/90000" : $"a=rtpmap:{pt} H264/90000");
                Line(sb, $"a=rtcp-fb:{pt} nack");
                Line(sb, $"a=rtcp-fb:{pt} nack pli");
                Line(sb, $"a=rtcp-fb:{pt} ccm fir");
                if (o.VideoCodec == SdpVideoCodec.H264) Line(sb, $"a=fmtp:{pt} {H264Fmtp}");
            }
            Line(sb, $"a=ssrc:{ssrc} cname:{o.Cname}");
            Line(sb, $"a=ssrc:{ssrc} msid:{stream} {track}");
        }
        return sb.ToString();
    }

    public static int VideoPayloadType(SdpVideoCodec codec) => codec == SdpVideoCodec.Vp8 ? Vp8PayloadType : H264PayloadType;

    public static string SetupText(SdpSetup setup) => setup switch
    {
        SdpSetup.Active => "active",
        SdpSetup.Passive => "passive",
        _ => "actpass",
    };

    // SDP requires CRLF line endings (RFC 8866 §5).
    private static void Line(StringBuilder sb, string line) => sb.Append(line).Append("\r\n");

    private static void Validate(SdpOfferOptions o)
    {
        if (!o.IncludeAudio && !o.IncludeVideo && !o.IncludeDataChannel)
            throw new ArgumentException("An offer needs at least one section.");
        if (o.Setup == SdpSetup.Active)
            throw new ArgumentException("We are the DTLS server: setup must be actpass or passive.");
        if (o.Port is < 1 or > 65535) throw new ArgumentException("Port must be 1–65535.");
        if (o.Fingerprint.Value.Length == 0) throw new ArgumentException("Fingerprint is empty.");
        foreach (var s in new[] { o.IceUfrag, o.IcePwd, o.ConnectionAddress, o.Cname, o.StreamId, o.AudioTrackId, o.VideoTrackId, o.AudioStreamId ?? o.StreamId, o.VideoStreamId ?? o.StreamId })
            if (string.IsNullOrEmpty(s) || s.Any(char.IsWhiteSpace))
                throw new ArgumentException($"SDP token '{s}' is empty or contains whitespace.");
    }
}

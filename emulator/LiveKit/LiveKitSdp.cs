using System.Text;
using HeyGenEmulator.WebRtc.Sdp;

namespace HeyGenEmulator.LiveKit;

/// <summary>What the subscriber offer carries: the avatar's ids and the transport values of the peer behind it.</summary>
public sealed record SubscriberOfferSpec(
    string AvatarSid,
    string AudioTrackSid,
    string VideoTrackSid,
    SdpVideoCodec VideoCodec,
    bool IncludeMedia,
    bool Msid);

/// <summary>An offer and LiveKit's <c>mid_to_track_id</c> for it.</summary>
public sealed record LiveKitOffer(string Sdp, IReadOnlyDictionary<string, string> MidToTrackId);

/// <summary>SDP for LiveKit's two connections, written with the engine's <see cref="SdpOfferBuilder"/>.</summary>
public static class LiveKitSdp
{
    /// <summary>
    /// The subscriber offer (spec S2): sendonly audio + video with <c>a=msid:PA|TR TR</c> when the avatar is present,
    /// and an <c>m=application</c> section for <c>_reliable</c>/<c>_lossy</c>; BUNDLE, rtcp-mux, setup actpass.
    /// </summary>
    public static LiveKitOffer SubscriberOffer(SubscriberOfferSpec spec, string ufrag, string pwd, SdpFingerprint fingerprint,
        string address, int port, uint audioSsrc, uint videoSsrc, string cname)
    {
        var sdp = SdpOfferBuilder.Build(new SdpOfferOptions
        {
            IceUfrag = ufrag,
            IcePwd = pwd,
            Fingerprint = fingerprint,
            ConnectionAddress = address,
            Port = port,
            Candidates = [new SdpHostCandidate(address, port)],
            Setup = SdpSetup.ActPass,
            IncludeAudio = spec.IncludeMedia,
            IncludeVideo = spec.IncludeMedia,
            IncludeDataChannel = true,
            VideoCodec = spec.VideoCodec,
            AudioSsrc = audioSsrc,
            VideoSsrc = videoSsrc,
            Cname = cname,
            StreamId = spec.AvatarSid,
            AudioStreamId = spec.AvatarSid + "|" + spec.AudioTrackSid,
            VideoStreamId = spec.AvatarSid + "|" + spec.VideoTrackSid,
            AudioTrackId = spec.AudioTrackSid,
            VideoTrackId = spec.VideoTrackSid,
        });
        if (!spec.Msid) sdp = WithoutMsid(sdp);
        var mids = new Dictionary<string, string>(StringComparer.Ordinal);
        if (spec.IncludeMedia)
        {
            mids["0"] = spec.AudioTrackSid;
            mids["1"] = spec.VideoTrackSid;
        }
        return new LiveKitOffer(sdp, mids);
    }

    /// <summary>Drops every msid line (the negative test of pitfall 1); the stream then has no id the client can map.</summary>
    public static string WithoutMsid(string sdp) => string.Concat(sdp.Split("\r\n")
        .Where(l => l.Length > 0 && !l.StartsWith("a=msid", StringComparison.Ordinal) && !(l.StartsWith("a=ssrc:", StringComparison.Ordinal) && l.Contains(" msid:")))
        .Select(l => l + "\r\n"));

    /// <summary>
    /// Our answer to the client's publisher offer (spec S11): ICE-lite, we stay the DTLS server (setup passive), every
    /// section accepted receive-only with the offer's Opus (audio) or first codec (video), SCTP kept. Null (and why)
    /// when the offer cannot be answered.
    /// </summary>
    public static string? PublisherAnswer(string offerSdp, string ufrag, string pwd, SdpFingerprint fingerprint, string address, int port, out string? error)
    {
        var offer = SdpParser.TryParse(offerSdp, out error);
        if (offer is null) return null;
        if (offer.Media.Count == 0) { error = "offer has no media sections"; return null; }
        var ip = address.Contains(':') ? "IP6" : "IP4";
        var sb = new StringBuilder();
        void Line(string l) => sb.Append(l).Append("\r\n");
        Line("v=0");
        Line($"o=- {Random.Shared.NextInt64(1, long.MaxValue)} 2 IN {ip} {address}");
        Line("s=-");
        Line("t=0 0");
        var accepted = offer.Media.Where(m => m.Kind is not null && m.Port != 0).Select(m => m.Mid).Where(m => m is not null).ToArray();
        if (accepted.Length > 0) Line("a=group:BUNDLE " + string.Join(' ', accepted));
        Line("a=ice-lite");
        Line("a=msid-semantic: WMS *");
        var candidate = new SdpCandidate("1", 1, "udp", SdpCandidate.HostPriority(), address, port, "host").ToAttributeValue();
        foreach (var m in offer.Media)
        {
            var accept = m.Kind is not null && m.Port != 0 && m.Mid is not null;
            if (!accept)
            {
                Line($"m={m.Media} 0 {m.Protocol} {string.Join(' ', m.Formats)}");
                Line($"c=IN {ip} 0.0.0.0");
                if (m.Mid is not null) Line($"a=mid:{m.Mid}");
                Line("a=inactive");
                continue;
            }
            SdpPayloadType? pt = null;
            if (m.Kind == SdpMediaKind.Audio)
                pt = m.PayloadTypes.FirstOrDefault(p => p.Codec.Equals("opus", StringComparison.OrdinalIgnoreCase)) ?? (m.PayloadTypes.Count > 0 ? m.PayloadTypes[0] : null);
            else if (m.Kind == SdpMediaKind.Video)
                pt = m.PayloadTypes.FirstOrDefault(p => p.Codec.Equals("VP8", StringComparison.OrdinalIgnoreCase)) ?? (m.PayloadTypes.Count > 0 ? m.PayloadTypes[0] : null);
            if (m.Kind == SdpMediaKind.Application)
                Line($"m=application {port} {m.Protocol} {string.Join(' ', m.Formats)}");
            else if (pt is null) { Line($"m={m.Media} 0 {m.Protocol} {string.Join(' ', m.Formats)}"); Line($"a=mid:{m.Mid}"); continue; }
            else Line($"m={m.Media} {port} {m.Protocol} {pt.Id}");
            Line($"c=IN {ip} {address}");
            Line($"a=mid:{m.Mid}");
            Line($"a=ice-ufrag:{ufrag}");
            Line($"a=ice-pwd:{pwd}");
            Line($"a=fingerprint:{fingerprint}");
            Line("a=setup:passive");
            Line("a=" + candidate);
            Line("a=end-of-candidates");
            if (m.Kind == SdpMediaKind.Application)
            {
                Line($"a=sctp-port:{m.SctpPort ?? 5000}");
                Line("a=max-message-size:262144");
                continue;
            }
            Line(m.Direction is "recvonly" or "inactive" ? "a=inactive" : "a=recvonly");
            Line("a=rtcp-mux");
            var channels = pt!.Channels is { } c ? "/" + c : "";
            Line($"a=rtpmap:{pt.Id} {pt.Codec}/{pt.ClockRate}{channels}");
            if (pt.Fmtp is not null) Line($"a=fmtp:{pt.Id} {pt.Fmtp}");
        }
        return sb.ToString();
    }
}

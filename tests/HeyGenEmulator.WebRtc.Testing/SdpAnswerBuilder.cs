using System.Text;
using HeyGenEmulator.WebRtc.Ice;
using HeyGenEmulator.WebRtc.Sdp;

namespace HeyGenEmulator.WebRtc.Testing;

/// <summary>
/// A receive-only answer to one of the engine's offers, the least a browser's answer must say: every section accepted
/// with the offer's first codec, BUNDLE of all mids, rtcp-mux, the answerer's ICE credentials and certificate
/// fingerprint, and setup:active (the answerer is the DTLS client, as browsers are against an ICE-lite server).
/// </summary>
public static class SdpAnswerBuilder
{
    /// <param name="offer">The parsed offer.</param>
    /// <param name="local">The answerer's ICE credentials.</param>
    /// <param name="sha256Fingerprint">The answerer's certificate fingerprint (colon-separated hex).</param>
    public static string Build(SessionDescription offer, IceCredentials local, string sha256Fingerprint)
    {
        var sb = new StringBuilder();
        void Line(string s) => sb.Append(s).Append("\r\n");
        Line("v=0");
        Line($"o=- {Random.Shared.NextInt64(1, long.MaxValue)} 2 IN IP4 127.0.0.1");
        Line("s=-");
        Line("t=0 0");
        Line("a=group:BUNDLE " + string.Join(' ', offer.Media.Select(m => m.Mid)));
        foreach (var m in offer.Media)
        {
            var formats = m.Kind == SdpMediaKind.Application ? "webrtc-datachannel" : string.Join(' ', m.PayloadTypes.Take(1).Select(p => p.Id));
            Line($"m={m.Media} 9 {m.Protocol} {formats}");
            Line("c=IN IP4 0.0.0.0");
            Line($"a=mid:{m.Mid}");
            Line($"a=ice-ufrag:{local.Ufrag}");
            Line($"a=ice-pwd:{local.Pwd}");
            Line($"a=fingerprint:sha-256 {sha256Fingerprint}");
            Line("a=setup:active");
            if (m.Kind == SdpMediaKind.Application)
            {
                if (m.SctpPort is { } port) Line($"a=sctp-port:{port}");
                continue;
            }
            Line("a=recvonly");
            Line("a=rtcp-mux");
            foreach (var p in m.PayloadTypes.Take(1))
            {
                Line($"a=rtpmap:{p.Id} {p.Codec}/{p.ClockRate}" + (p.Channels is { } ch ? $"/{ch}" : ""));
                if (p.Fmtp is not null) Line($"a=fmtp:{p.Id} {p.Fmtp}");
            }
        }
        return sb.ToString();
    }

    /// <summary>The payload type the answer accepts for the first section of <paramref name="kind"/>, or -1.</summary>
    public static int AcceptedPayloadType(SessionDescription offer, SdpMediaKind kind) =>
        offer.Media.FirstOrDefault(m => m.Kind == kind)?.PayloadTypes is { Count: > 0 } types ? types[0].Id : -1;
}

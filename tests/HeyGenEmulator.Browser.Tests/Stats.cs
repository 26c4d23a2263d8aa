using System.Text.Json;
using Microsoft.Playwright;

namespace HeyGenEmulator.Browser.Tests;

public sealed record VideoStats(double FramesDecoded, double Width, double Height, double PacketsReceived, double PacketsLost, string? Codec);
public sealed record AudioStats(double PacketsReceived, double TotalAudioEnergy, double AudioLevel, string? Codec);
public sealed record PeerStats(string Ice, string Connection, VideoStats? Video, AudioStats? Audio);

/// <summary>getStats() of an RTCPeerConnection in the page, reduced to what the tests assert on.</summary>
public static class Stats
{
    /// <summary>JS: an async function of one argument, the RTCPeerConnection, returning plain JSON.</summary>
    private const string Collect = """
        async (pc) => {
          if (!pc) return null;
          const stats = await pc.getStats();
          const codecs = {};
          stats.forEach(r => { if (r.type === 'codec') codecs[r.id] = r.mimeType; });
          const out = { ice: pc.iceConnectionState, connection: pc.connectionState, video: null, audio: null };
          stats.forEach(r => {
            if (r.type !== 'inbound-rtp') return;
            if (r.kind === 'video') out.video = { framesDecoded: r.framesDecoded ?? 0, width: r.frameWidth ?? 0, height: r.frameHeight ?? 0,
              packetsReceived: r.packetsReceived ?? 0, packetsLost: r.packetsLost ?? 0, codec: codecs[r.codecId] ?? null };
            if (r.kind === 'audio') out.audio = { packetsReceived: r.packetsReceived ?? 0, totalAudioEnergy: r.totalAudioEnergy ?? 0,
              audioLevel: r.audioLevel ?? 0, codec: codecs[r.codecId] ?? null };
          });
          return out;
        }
        """;

    /// <summary>Stats of the demo page's global <c>peerConnection</c>.</summary>
    public static Task<PeerStats?> OfDemoPageAsync(IPage page) => GetAsync(page, $"(async () => ({Collect})(typeof peerConnection === 'undefined' ? null : peerConnection))()");

    /// <summary>Stats of <c>window.sessions[id].pc</c> (sessions opened by <see cref="RawFlow"/>).</summary>
    public static Task<PeerStats?> OfSessionAsync(IPage page, string sessionId) =>
        GetAsync(page, $"(async () => ({Collect})(window.sessions?.['{sessionId}']?.pc))()");

    private static async Task<PeerStats?> GetAsync(IPage page, string expression)
    {
        var json = await page.EvaluateAsync<JsonElement?>(expression);
        if (json is not { ValueKind: JsonValueKind.Object } o) return null;
        VideoStats? video = o.GetProperty("video") is { ValueKind: JsonValueKind.Object } v
            ? new VideoStats(v.GetProperty("framesDecoded").GetDouble(), v.GetProperty("width").GetDouble(), v.GetProperty("height").GetDouble(),
                v.GetProperty("packetsReceived").GetDouble(), v.GetProperty("packetsLost").GetDouble(), v.GetProperty("codec").GetString())
            : null;
        AudioStats? audio = o.GetProperty("audio") is { ValueKind: JsonValueKind.Object } a
            ? new AudioStats(a.GetProperty("packetsReceived").GetDouble(), a.GetProperty("totalAudioEnergy").GetDouble(),
                a.GetProperty("audioLevel").GetDouble(), a.GetProperty("codec").GetString())
            : null;
        return new PeerStats(o.GetProperty("ice").GetString() ?? "", o.GetProperty("connection").GetString() ?? "", video, audio);
    }
}

/// <summary>The v1 flow as a page script (what the demo page does), for sessions the tests shape themselves.</summary>
public static class RawFlow
{
    public const string Start = """
        async ({ base, key, encoding, quality }) => {
          const h = { 'Content-Type': 'application/json', 'X-Api-Key': key };
          const created = await fetch(base + '/v1/streaming.new', { method: 'POST', headers: h,
            body: JSON.stringify({ quality, video_encoding: encoding, avatar_name: '', voice: {} }) });
          if (!created.ok) throw new Error('streaming.new ' + created.status + ' ' + await created.text());
          const info = (await created.json()).data;
          const pc = new RTCPeerConnection({ iceServers: info.ice_servers2 });
          window.sessions = window.sessions || {};
          window.sessions[info.session_id] = { pc };
          pc.ontrack = e => {
            if (e.track.kind !== 'video') return;
            const v = document.createElement('video');
            v.muted = true; v.autoplay = true; v.playsInline = true; v.srcObject = e.streams[0];
            document.body.appendChild(v);
          };
          pc.onicecandidate = ({ candidate }) => {
            if (candidate) fetch(base + '/v1/streaming.ice', { method: 'POST', headers: h,
              body: JSON.stringify({ session_id: info.session_id, candidate: candidate.toJSON() }) });
          };
          await pc.setRemoteDescription(info.sdp);
          const answer = await pc.createAnswer();
          await pc.setLocalDescription(answer);
          const started = await fetch(base + '/v1/streaming.start', { method: 'POST', headers: h,
            body: JSON.stringify({ session_id: info.session_id, sdp: answer }) });
          if (!started.ok) throw new Error('streaming.start ' + started.status + ' ' + await started.text());
          return info.session_id;
        }
        """;

    public const string Stop = """
        async ({ base, key, id }) => {
          const r = await fetch(base + '/v1/streaming.stop', { method: 'POST',
            headers: { 'Content-Type': 'application/json', 'X-Api-Key': key }, body: JSON.stringify({ session_id: id }) });
          return r.status;
        }
        """;
}

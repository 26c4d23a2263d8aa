// Joins a v2 session's room with LiveKit's native SDK and reports the first video and audio frames it decodes.
// Usage: node join.mjs <emulator base url> <api key> <quality>
import { Room, RoomEvent, VideoStream, AudioStream, TrackKind } from '@livekit/rtc-node';
import { report, api, sleep } from './report.mjs';

const [baseUrl, apiKey, quality = 'low'] = process.argv.slice(2);
const post = api(baseUrl, apiKey);
const created = await post('/v1/streaming.new', { version: 'v2', quality });
const session = created.body.data;
report('new', { status: created.status, session_id: session.session_id });
report('start', { status: (await post('/v1/streaming.start', { session_id: session.session_id })).status });

const room = new Room();
const seen = new Set();
room.on(RoomEvent.TrackSubscribed, async (track, _publication, participant) => {
  const video = track.kind === TrackKind.KIND_VIDEO;
  const stream = video ? new VideoStream(track) : new AudioStream(track);
  for await (const event of stream) {
    const what = video ? 'video' : 'audio';
    if (!seen.has(what)) {
      seen.add(what);
      report(what, video
        ? { identity: participant.identity, width: event.frame.width, height: event.frame.height }
        : { identity: participant.identity, sample_rate: event.sampleRate, channels: event.channels });
    }
    if (seen.size === 2) break;
  }
});
await room.connect(session.url, session.access_token, { autoSubscribe: true });
report('joined', { participants: [...room.remoteParticipants.values()].map((p) => p.identity) });
for (let i = 0; i < 100 && seen.size < 2; i++) await sleep(100);
report('stop', { status: (await post('/v1/streaming.stop', { session_id: session.session_id })).status });
await room.disconnect();
process.exit(0);

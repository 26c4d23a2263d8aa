// A whole v2 session as a server-side app drives it with LiveKit's native SDK: join, decode the avatar's video and
// audio, a REST streaming.task, a data message that becomes a talk task, a published microphone tone, then stop.
// Reports (one JSON line each): new, start, joined, video, audio, event (every avatar event), task, data_sent,
// mic_published, mic_done, stop, disconnected. user_start/user_stop go to chat sockets, not LiveKit: the test reads
// them from the journal.
// Usage: node session.mjs <emulator base url> <api key> <quality>
import {
  Room, RoomEvent, VideoStream, AudioStream, TrackKind, AudioSource, AudioFrame, LocalAudioTrack,
  TrackPublishOptions, TrackSource,
} from '@livekit/rtc-node';
import { report, api, sleep, waitFor } from './report.mjs';

const [baseUrl, apiKey, quality = 'low'] = process.argv.slice(2);
const post = api(baseUrl, apiKey);
const created = await post('/v1/streaming.new', { version: 'v2', quality });
const session = created.body.data;
const sessionId = session.session_id;
report('new', { status: created.status, session_id: sessionId });
report('start', { status: (await post('/v1/streaming.start', { session_id: sessionId })).status });

const room = new Room();
const seen = new Set();
const events = [];
room.on(RoomEvent.TrackSubscribed, async (track, _publication, participant) => {
  const video = track.kind === TrackKind.KIND_VIDEO;
  const what = video ? 'video' : 'audio';
  for await (const event of video ? new VideoStream(track) : new AudioStream(track)) {
    if (seen.has(what)) continue; // keep draining so the stream does not back up
    seen.add(what);
    report(what, video
      ? { identity: participant.identity, width: event.frame.width, height: event.frame.height }
      : { identity: participant.identity, sample_rate: event.sampleRate, channels: event.channels });
  }
});
room.on(RoomEvent.DataReceived, (payload, participant, kind, topic) => {
  let body;
  try { body = JSON.parse(new TextDecoder().decode(payload)); } catch { return; }
  events.push(body);
  report('event', { from: participant?.identity ?? null, topic: topic ?? null, type: body.type, task_id: body.task_id ?? null, message: body.message ?? null });
});
let disconnected = false;
room.on(RoomEvent.Disconnected, (reason) => {
  disconnected = true;
  report('disconnected', { reason });
});

await room.connect(session.url, session.access_token, { autoSubscribe: true });
report('joined', { participants: [...room.remoteParticipants.values()].map((p) => p.identity) });
await waitFor(() => seen.size === 2, 10000);

const stopped = (taskId) => () => events.some((e) => e.type === 'avatar_stop_talking' && e.task_id === taskId);

// A REST task: its four events carry the task_id REST returned.
const task = await post('/v1/streaming.task', { session_id: sessionId, text: 'Hello from a native client.', task_type: 'repeat' });
report('task', { status: task.status, task_id: task.body.data?.task_id ?? null });
await waitFor(stopped(task.body.data?.task_id), 15000);

// A reliable data message, as an app sends text to the avatar: it becomes a talk task.
const before = events.length;
await room.localParticipant.publishData(new TextEncoder().encode(JSON.stringify('What is the weather like?')), { reliable: true });
report('data_sent', {});
await waitFor(() => events.slice(before).some((e) => e.type === 'avatar_stop_talking'), 15000);

// A microphone: a 440 Hz tone for 1.5 s, then silence, through the publisher connection.
const source = new AudioSource(48000, 1);
const mic = LocalAudioTrack.createAudioTrack('microphone', source);
const options = new TrackPublishOptions();
options.source = TrackSource.SOURCE_MICROPHONE;
const publication = await room.localParticipant.publishTrack(mic, options);
report('mic_published', { sid: publication.sid });
const frameSamples = 480; // 10 ms at 48 kHz
for (let i = 0; i < 250; i++) {
  const frame = AudioFrame.create(48000, 1, frameSamples);
  if (i < 150) for (let s = 0; s < frameSamples; s++) frame.data[s] = Math.round(12000 * Math.sin((2 * Math.PI * 440 * (i * frameSamples + s)) / 48000));
  await source.captureFrame(frame);
}
report('mic_done', {});
await sleep(1500); // the VAD's hangover (600 ms) after the tone's end, with room for the queued audio to drain

report('stop', { status: (await post('/v1/streaming.stop', { session_id: sessionId })).status });
await waitFor(() => disconnected, 5000);
await room.disconnect();
process.exit(0);

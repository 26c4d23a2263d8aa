// The realtime socket end to end, as pipecat uses it: a v2 session, the socket opened before the LiveKit join, 2 s of
// speech in agent.speak chunks then speak_end, again with audio_buffer_append/commit, then an utterance interrupted
// midway. LiveKit's native SDK subscribes to the avatar; audio energy and the video's mouth are measured per frame.
// Usage: node realtime.mjs <emulator base url> <api key>
import { Room, RoomEvent, VideoStream, AudioStream, TrackKind } from '@livekit/rtc-node';
import { report, api, sleep } from './report.mjs';
import { speechPcm, rms, avatarMeasure, openRealtime, sendUtterance, firstLoud, LOUD } from './realtime-kit.mjs';

const [baseUrl, apiKey] = process.argv.slice(2);
const post = api(baseUrl, apiKey);
const created = await post('/v1/streaming.new', { version: 'v2', quality: 'low' });
const session = created.body.data;
report('start', { status: (await post('/v1/streaming.start', { session_id: session.session_id })).status });

const socket = openRealtime(session.realtime_endpoint);
await socket.opened;

const audio = [];
const video = [];
const room = new Room();
room.on(RoomEvent.TrackSubscribed, async (track) => {
  if (track.kind === TrackKind.KIND_VIDEO) {
    for await (const event of new VideoStream(track)) video.push({ t: performance.now(), ...avatarMeasure(event.frame) });
  } else {
    for await (const frame of new AudioStream(track, { sampleRate: 48000, numChannels: 1 })) audio.push({ t: performance.now(), rms: rms(frame) });
  }
});
await room.connect(session.url, session.access_token, { autoSubscribe: true });
report('joined', { participants: [...room.remoteParticipants.values()].map((p) => p.identity) });
for (let i = 0; i < 200 && (audio.length < 100 || video.length < 25); i++) await sleep(50);
await sleep(1000); // an idle stretch before the first utterance

const summarise = (from, to) => {
  const frames = video.filter((f) => f.t >= from && f.t <= to);
  const mouths = frames.map((f) => f.mouth);
  return {
    frames: frames.length,
    mouth_min: Math.min(...mouths),
    mouth_max: Math.max(...mouths),
    talking_background: frames.filter((f) => f.talkingBackground).length / Math.max(1, frames.length),
  };
};

async function utterance(family, id) {
  const pcm = speechPcm(2.0);
  const t0 = performance.now();
  sendUtterance(socket, pcm, id, family);
  const sentMs = performance.now() - t0;
  await sleep(3500);
  const rise = firstLoud(audio, t0);
  const loud = audio.filter((f) => f.t >= t0 && f.rms > LOUD);
  const last = loud.at(-1);
  const after = last ? audio.filter((f) => f.t > last.t && f.t <= last.t + 1000) : [];
  report('utterance', {
    family,
    sent_ms: sentMs,
    rise_ms: rise ? rise.t - t0 : null,
    loud_ms: rise && last ? last.t - rise.t : null,
    quiet_after_frames: after.length,
    quiet_after_max_rms: after.length ? Math.max(...after.map((f) => f.rms)) : null,
    idle_before: summarise(t0 - 1000, t0),
    talking: rise && last ? summarise(rise.t + 300, last.t - 300) : null,
    idle_after: last ? summarise(last.t + 500, last.t + 1200) : null,
    events: socket.events.filter((e) => e.t >= t0 && e.type?.startsWith('agent.')).map((e) => ({ type: e.type, event_id: e.event_id, task: e.task?.id, ms: e.t - t0 })),
  });
}

await utterance('speak', '812');
await utterance('append', 'a-1');

// Interrupt mid-utterance, as pipecat does on barge-in (no speak_end follows).
{
  const t0 = performance.now();
  sendUtterance(socket, speechPcm(4.0), '900', 'speak');
  for (let i = 0; i < 100 && !firstLoud(audio, t0); i++) await sleep(10);
  await sleep(500);
  const tInterrupt = performance.now();
  socket.send({ type: 'agent.interrupt', event_id: '900' });
  socket.send({ type: 'agent.start_listening', event_id: crypto.randomUUID() });
  await sleep(1500);
  const loudAfter = audio.filter((f) => f.t > tInterrupt && f.rms > LOUD);
  const lastLoud = loudAfter.at(-1);
  report('interrupt', {
    silent_ms: lastLoud ? lastLoud.t - tInterrupt : 0,
    loud_frames_after: loudAfter.length,
    frames_after: audio.filter((f) => f.t > tInterrupt).length,
    talking_after: summarise(tInterrupt + 400, tInterrupt + 1400),
    events: socket.events.filter((e) => e.t >= t0 && e.type?.startsWith('agent.')).map((e) => ({ type: e.type, event_id: e.event_id, ms: e.t - tInterrupt })),
  });
}

report('participants', { identities: [...room.remoteParticipants.values()].map((p) => p.identity) });
report('stop', { status: (await post('/v1/streaming.stop', { session_id: session.session_id })).status });
const code = await Promise.race([socket.closed, sleep(5000).then(() => null)]);
report('closed', {
  code,
  states: socket.events.filter((e) => e.type === 'session.state_updated').map((e) => e.state),
  non_objects: socket.nonObjects.length,
  first_types: socket.events.slice(0, 2).map((e) => e.type),
});
await room.disconnect();
process.exit(0);

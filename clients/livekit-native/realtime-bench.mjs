// bench realtime: audio-in → audio-out latency of the realtime socket at a LiveKit subscriber, for N sessions at once
// in this one process. Each session: a v2 session, its realtime socket, LiveKit's native SDK subscribed to the avatar's
// audio only; then U utterances of 1 s of speech (pipecat's chunking, speak_end), each timed from sending its first
// chunk to the first 10 ms audio frame above the silence threshold the subscriber decodes.
// Usage: node realtime-bench.mjs <emulator base url> <api key> <sessions> <utterances>
import { Room, RoomEvent, AudioStream, TrackKind } from '@livekit/rtc-node';
import { report, api, sleep } from './report.mjs';
import { speechPcm, rms, openRealtime, sendUtterance, LOUD } from './realtime-kit.mjs';

const [baseUrl, apiKey, sessionsArg = '1', utterancesArg = '5'] = process.argv.slice(2);
const sessions = Number(sessionsArg);
const utterances = Number(utterancesArg);
const post = api(baseUrl, apiKey);
const pcm = speechPcm(1.0);

async function setUp(index) {
  const created = await post('/v1/streaming.new', { version: 'v2', quality: 'low' });
  const session = created.body.data;
  await post('/v1/streaming.start', { session_id: session.session_id });
  const socket = openRealtime(session.realtime_endpoint);
  await socket.opened;
  const room = new Room();
  const state = { index, session, socket, room, frames: 0, waiting: null, lastLoud: 0 };
  const subscribe = (publication) => { if (publication.kind === TrackKind.KIND_AUDIO) publication.setSubscribed(true); };
  room.on(RoomEvent.TrackPublished, subscribe);
  room.on(RoomEvent.TrackSubscribed, async (track) => {
    if (track.kind !== TrackKind.KIND_AUDIO) return;
    for await (const frame of new AudioStream(track, { sampleRate: 48000, numChannels: 1 })) {
      state.frames++;
      if (rms(frame) <= LOUD) continue;
      const now = performance.now();
      state.lastLoud = now;
      if (state.waiting) {
        state.waiting.resolve(now);
        state.waiting = null;
      }
    }
  });
  await room.connect(session.url, session.access_token, { autoSubscribe: false });
  for (const participant of room.remoteParticipants.values()) for (const publication of participant.trackPublications.values()) subscribe(publication);
  return state;
}

async function speakAll(state) {
  await sleep(Math.random() * 1000); // sessions speak at their own moments, overlapping
  for (let u = 0; u < utterances; u++) {
    const heard = new Promise((resolve) => { state.waiting = { resolve }; });
    const t0 = performance.now();
    sendUtterance(state.socket, pcm, `${state.index}-${u}`, 'speak');
    const t = await Promise.race([heard, sleep(3000).then(() => null)]);
    report('latency', { session: state.index, utterance: u, ms: t === null ? null : t - t0 });
    state.waiting = null;
    await sleep(1800 + Math.random() * 400); // the utterance plays out, then a pause
  }
}

const started = performance.now();
const states = [];
for (let i = 0; i < sessions; i += 5) states.push(...(await Promise.all(Array.from({ length: Math.min(5, sessions - i) }, (_, k) => setUp(i + k)))));
for (let i = 0; i < 100 && states.some((s) => s.frames < 50); i++) await sleep(100);
report('ready', { sessions: states.length, setup_ms: performance.now() - started, without_audio: states.filter((s) => s.frames < 50).length });
await Promise.all(states.map(speakAll));
for (const s of states) {
  await post('/v1/streaming.stop', { session_id: s.session.session_id });
  await s.room.disconnect();
}
report('done', { non_objects: states.reduce((n, s) => n + s.socket.nonObjects.length, 0) });
process.exit(0);

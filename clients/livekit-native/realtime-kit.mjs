// What the realtime-socket scripts share: speech-like PCM as pipecat sends it, and measures of what a LiveKit
// subscriber receives (audio energy per frame, the drawn avatar's mouth and background per video frame).
import { VideoBufferType } from '@livekit/rtc-node';
import WebSocket from 'ws';

export const PCM_RATE = 24000;

/** Voiced, speech-like PCM s16le mono 24 kHz: a gliding 140 Hz fundamental with harmonics, syllable-rate swells, never silent. */
export function speechPcm(seconds, seed = 0) {
  const n = Math.round(seconds * PCM_RATE);
  const pcm = Buffer.alloc(n * 2);
  let phase = 0;
  for (let i = 0; i < n; i++) {
    const t = i / PCM_RATE;
    const f0 = 140 + 20 * Math.sin(2 * Math.PI * 0.7 * t + seed);
    phase += (2 * Math.PI * f0) / PCM_RATE;
    let v = 0;
    for (let k = 1; k <= 10; k++) v += Math.sin(k * phase) / k;
    const envelope = 0.6 + 0.4 * Math.sin(2 * Math.PI * 3.5 * t + seed);
    pcm.writeInt16LE(Math.max(-32767, Math.min(32767, Math.round(5000 * envelope * v))), i * 2);
  }
  return pcm;
}

/** pipecat's HeyGenVideoService chunking: 400 ms first, then 1 s chunks, then the remainder. */
export function pipecatChunks(pcm) {
  const chunks = [];
  let offset = 0;
  for (const size of [19200]) {
    chunks.push(pcm.subarray(offset, Math.min(pcm.length, offset + size)));
    offset += size;
  }
  while (offset < pcm.length) {
    chunks.push(pcm.subarray(offset, Math.min(pcm.length, offset + 48000)));
    offset += 48000;
  }
  return chunks;
}

export const rms = (frame) => {
  const data = frame.data;
  let sum = 0;
  for (let i = 0; i < data.length; i++) sum += data[i] * data[i];
  return Math.sqrt(sum / Math.max(1, data.length));
};

/**
 * The drawn avatar (FfmpegArguments.DrawnClip): mouth = red pixels (R > 100, G < 90) around (0.5 W, 0.59 H), whose
 * area swings at 4 Hz in the talking loop and stays put in the idle one; the talking loop's background is darker
 * (0x2f5f8f against 0x3b6ea5), read at the top-left corner.
 */
export function avatarMeasure(frame) {
  const rgba = frame.convert(VideoBufferType.RGBA);
  const { width: w, height: h, data } = rgba;
  let mouth = 0;
  for (let y = Math.floor(h * 0.5); y < Math.floor(h * 0.7); y++)
    for (let x = Math.floor(w * 0.38); x < Math.floor(w * 0.62); x++) {
      const p = (y * w + x) * 4;
      if (data[p] > 100 && data[p + 1] < 90) mouth++;
    }
  const corner = (2 * w + 2) * 4;
  return { mouth, talkingBackground: data[corner] < 53 };
}

/** Opens the realtime socket as pipecat does (the URL verbatim, no headers); collects every event with its arrival time. */
export function openRealtime(url) {
  const ws = new WebSocket(url);
  const events = [];
  const nonObjects = [];
  ws.on('message', (data) => {
    const t = performance.now();
    let event;
    try { event = JSON.parse(data.toString()); } catch { nonObjects.push(String(data).slice(0, 80)); return; }
    if (event === null || typeof event !== 'object' || Array.isArray(event)) nonObjects.push(String(data).slice(0, 80));
    else events.push({ t, ...event });
  });
  const opened = new Promise((resolve, reject) => { ws.once('open', resolve); ws.once('error', reject); });
  const closed = new Promise((resolve) => ws.once('close', (code) => resolve(code)));
  const send = (message) => ws.send(JSON.stringify(message));
  return { ws, events, nonObjects, opened, closed, send };
}

/** Sends an utterance as pipecat does (speak chunks, speak_end) or as HeyGen's alpha docs do (append chunks, commit). */
export function sendUtterance(socket, pcm, id, family = 'speak') {
  for (const chunk of pipecatChunks(pcm))
    socket.send({ type: family === 'speak' ? 'agent.speak' : 'agent.audio_buffer_append', audio: chunk.toString('base64'), event_id: id });
  socket.send(family === 'speak' ? { type: 'agent.speak_end', event_id: id } : { type: 'agent.audio_buffer_commit', audio: '', event_id: id });
}

export const LOUD = 300;

/** First frame at or after `from` whose energy is above LOUD, or null. */
export const firstLoud = (frames, from, until = Infinity) => frames.find((f) => f.t >= from && f.t <= until && f.rms > LOUD) ?? null;

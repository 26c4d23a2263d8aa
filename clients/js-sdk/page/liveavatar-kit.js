// The kit's adapter over the official LiveAvatar web SDK bundle (window.HeyGenSDK = @heygen/liveavatar-web-sdk), driven
// from C# through Playwright, used exactly as an app uses it: the session token comes from the app's backend (the
// driver), then new LiveAvatarSession(token, {apiUrl, voiceChat}), start(), repeat()/message()/repeatAudio(), stop().
// window.la is the default session; window.laSession(name) makes more (concurrency bench).
// Calls resolve to {ok:true, value} or {ok:false, error:{name, message, errorCode, status}} (the SDK's SessionApiError).
(function () {
  'use strict';
  const SDK = window.HeyGenSDK;
  const { now, requests, realFetch } = window.fetchLog;

  const describeError = (e) => (e && typeof e === 'object')
    ? { name: e.name || 'Error', message: String(e.message), errorCode: e.errorCode, status: e.status }
    : { name: 'Error', message: String(e) };
  async function call(fn) {
    try { return { ok: true, value: (await fn()) ?? null }; } catch (e) { return { ok: false, error: describeError(e) }; }
  }
  const detailOf = (d) => { try { return d === undefined ? null : JSON.parse(JSON.stringify(d)); } catch { return String(d); } };

  // The events a LiveAvatarSession emits: its own (SessionEvent) and the agent's it re-emits (AgentEventsEnum).
  const eventNames = [...Object.values(SDK.SessionEvent), ...Object.values(SDK.AgentEventsEnum)];

  function makeSession(name) {
    const events = [];
    const marks = {};
    const video = document.createElement('video');
    video.autoplay = true;
    video.playsInline = true;
    document.getElementById('videos').appendChild(video);
    let session = null;
    let frames = 0;
    const countFrames = () => { frames++; video.requestVideoFrameCallback(countFrames); };
    video.requestVideoFrameCallback(countFrames);

    // inbound-rtp of the avatar participant's ("heygen") receivers of one kind.
    async function receiverStats(kind) {
      const out = { energy: 0, framesDecoded: 0 };
      const room = session && session.room;
      for (const p of room ? room.remoteParticipants.values() : []) {
        if (p.identity !== 'heygen') continue;
        for (const pub of p.trackPublications.values()) {
          const receiver = pub.track && pub.track.kind === kind && pub.track.receiver;
          if (!receiver) continue;
          (await receiver.getStats()).forEach((s) => {
            if (s.type !== 'inbound-rtp') return;
            out.energy += s.totalAudioEnergy || 0;
            out.framesDecoded += s.framesDecoded || 0;
          });
        }
      }
      return out;
    }

    return {
      name, events, marks, requests, now,
      get session() { return session; },
      // opts: {token, apiUrl, voiceChat}
      start(opts) {
        return call(async () => {
          const config = { apiUrl: opts.apiUrl };
          if (opts.voiceChat !== undefined && opts.voiceChat !== null) config.voiceChat = opts.voiceChat;
          session = new SDK.LiveAvatarSession(opts.token, config);
          for (const eventName of eventNames)
            session.on(eventName, (detail) => {
              events.push({ name: eventName, t: now(), detail: detailOf(detail) });
              if (eventName === SDK.SessionEvent.SESSION_STREAM_READY) {
                session.attach(video);
                video.play().catch(() => {});
                marks.streamReady ??= now();
              }
            });
          marks.startCalled = now();
          try { await session.start(); } finally { marks.startSettled = now(); }
          return { sessionId: session.sessionId, mode: session.mode, state: session.state, maxSessionDuration: session.maxSessionDuration };
        });
      },
      repeat(text) { return call(() => session.repeat(text)); },
      message(text) { return call(() => session.message(text)); },
      repeatAudio(b64) { return call(() => session.repeatAudio(b64)); },
      interrupt() { return call(() => session.interrupt()); },
      keepAlive() { return call(() => session.keepAlive()); },
      stop() { return call(() => session.stop()); },
      async stats() {
        const v = await receiverStats('video');
        const a = await receiverStats('audio');
        return { t: now(), state: session ? session.state : null, sessionId: session ? session.sessionId : null,
                 videoWidth: video.videoWidth, videoHeight: video.videoHeight, frames,
                 framesDecoded: v.framesDecoded, audioEnergy: a.energy,
                 participants: session && session.room ? [...session.room.remoteParticipants.values()].map((p) => p.identity) : [] };
      },
    };
  }

  const sessions = {};
  window.laSession = (name) => (sessions[name] ||= makeSession(name));
  window.la = window.laSession('main');
  // A plain fetch from the page (the browser's CORS rules apply), for the error tests: {status, body, allowOrigin}.
  window.laFetch = async (url, init) => {
    try {
      const r = await realFetch(url, init);
      return { status: r.status, body: await r.text(), allowOrigin: r.headers.get('access-control-allow-origin') };
    } catch (e) {
      return { status: 0, body: String(e), allowOrigin: null };
    }
  };
  window.laRejections = [];
  window.addEventListener('unhandledrejection', (e) => window.laRejections.push(describeError(e.reason)));
  window.laReady = { sdkVersion: SDK.sdkVersion, livekitVersion: SDK.livekitVersion, events: eventNames };
})();

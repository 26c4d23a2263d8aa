// The kit's adapter over the official SDK bundle (window.HeyGenSDK), driven from C# through Playwright.
// window.kit is the default session; window.kitSession(name) makes more (concurrency bench).
// Every method resolves to {ok:true, value} or {ok:false, error:{name,message,status,responseText}} (with calledAt and
// settledAt, page times), never rejects,
// so the driver sees the SDK's error as the SDK built it.
(function () {
  'use strict';
  const SDK = window.HeyGenSDK;
  const { now, requests } = window.fetchLog;

  function describeError(e) {
    if (e === null || e === undefined) return { name: 'Error', message: String(e) };
    if (typeof e !== 'object') return { name: 'Error', message: String(e) };
    if (typeof Event !== 'undefined' && e instanceof Event)
      return { name: 'Event', message: `${e.type} event on ${e.target && e.target.constructor ? e.target.constructor.name : '?'}`, type: e.type };
    return {
      name: e.name || (e.constructor && e.constructor.name) || 'Error',
      message: e.message === undefined ? String(e) : String(e.message),
      status: e.status,
      responseText: e.responseText,
      reason: e.reason,
      stack: e.stack ? String(e.stack).split('\n').slice(0, 6).join('\n') : undefined,
    };
  }

  function describeDetail(name, detail) {
    if (typeof MediaStream !== 'undefined' && detail instanceof MediaStream)
      return { id: detail.id, tracks: detail.getTracks().map((t) => ({ kind: t.kind, id: t.id, readyState: t.readyState, muted: t.muted })) };
    if (typeof detail === 'object' && detail !== null) {
      try { return JSON.parse(JSON.stringify(detail)); } catch { return String(detail); }
    }
    return detail === undefined ? null : detail;
  }

  // calledAt/settledAt: page time when the SDK call began and settled (the clock of the events' t).
  async function call(fn) {
    const calledAt = now();
    try {
      return { ok: true, value: await fn() ?? null, calledAt, settledAt: now() };
    } catch (e) {
      return { ok: false, error: describeError(e), calledAt, settledAt: now() };
    }
  }

  function makeSession(name) {
    const events = [];
    const errors = [];
    const video = document.createElement('video');
    video.autoplay = true;
    video.playsInline = true;
    video.id = 'video-' + name;
    document.getElementById('videos').appendChild(video);
    let avatar = null;
    let sessionInfo = null;
    const marks = {};

    function record(eventName, detail) {
      events.push({ name: eventName, t: now(), wall: Date.now(), detail: describeDetail(eventName, detail) });
    }

    const session = {
      name,
      events,
      errors,
      requests,
      marks,
      sdkVersion: SDK.sdkVersion,
      livekitVersion: SDK.livekitVersion,
      get avatar() { return avatar; },
      // Page time (ms since load), the clock of events[].t and marks.
      now,

      // opts: {token, basePath, request: <StartAvatarRequest as the SDK takes it>}
      start(opts) {
        return call(async () => {
          avatar = new SDK.StreamingAvatar({ token: opts.token, basePath: opts.basePath });
          for (const eventName of Object.values(SDK.StreamingEvents)) {
            avatar.on(eventName, (ev) => {
              const detail = ev && 'detail' in ev ? ev.detail : ev;
              record(eventName, detail);
              if (eventName === 'stream_ready' && detail instanceof MediaStream) {
                video.srcObject = detail;
                video.play().catch((e) => errors.push(describeError(e)));
              }
            });
          }
          marks.startCalled = now();
          try {
            sessionInfo = await avatar.createStartAvatar(opts.request);
          } finally {
            marks.startSettled = now();
          }
          // Secrets stay in the page; the driver gets what it needs to correlate with the emulator.
          return { session_id: sessionInfo.session_id, url: sessionInfo.url, has_access_token: !!sessionInfo.access_token,
                   session_duration_limit: sessionInfo.session_duration_limit, is_paid: sessionInfo.is_paid };
        });
      },
      speak(opts) { return call(() => avatar.speak(opts)); },
      interrupt() { return call(() => avatar.interrupt()); },
      keepAlive() { return call(() => avatar.keepAlive()); },
      startVoiceChat(opts) { return call(() => avatar.startVoiceChat(opts || {})); },
      closeVoiceChat() { return call(() => avatar.closeVoiceChat()); },
      stop() {
        return call(async () => {
          marks.stopCalled = now();
          try { return await avatar.stopAvatar(); } finally { marks.stopSettled = now(); }
        });
      },
      // S6: feed the <video> through livekit-client's own track.attach() so adaptive stream watches its visibility
      // (the SDK's stream_ready MediaStream bypasses that: no element is known, no track_setting is ever sent).
      attachVideoToRoom() {
        const room = avatar && avatar.room;
        for (const p of room ? room.remoteParticipants.values() : [])
          for (const pub of p.videoTrackPublications.values())
            if (pub.track) { pub.track.attach(video); return pub.trackSid; }
        return null;
      },
      // S6: hide (display:none) or show the <video> fed from stream_ready.
      setVideoHidden(hidden) { video.style.display = hidden ? 'none' : ''; return video.style.display; },
      // inbound-rtp of the avatar's video track, from its RTCRtpReceiver (works in both livekit-client versions).
      async inboundVideo() {
        const room = avatar && avatar.room;
        if (!room) return null;
        for (const p of room.remoteParticipants.values())
          for (const pub of p.videoTrackPublications.values()) {
            const receiver = pub.track && pub.track.receiver;
            if (!receiver) continue;
            for (const s of (await receiver.getStats()).values())
              if (s.type === 'inbound-rtp')
                return { trackSid: pub.trackSid, framesDecoded: s.framesDecoded || 0, framesReceived: s.framesReceived || 0,
                         bytesReceived: s.bytesReceived || 0, packetsReceived: s.packetsReceived || 0 };
          }
        return null;
      },
      stats() {
        const q = video.getVideoPlaybackQuality ? video.getVideoPlaybackQuality() : null;
        const room = avatar && avatar.room;
        return {
          t: now(),
          sessionId: avatar ? avatar.sessionId : null,
          roomState: room ? room.state : null,
          videoWidth: video.videoWidth,
          videoHeight: video.videoHeight,
          readyState: video.readyState,
          currentTime: video.currentTime,
          totalVideoFrames: q ? q.totalVideoFrames : 0,
          droppedVideoFrames: q ? q.droppedVideoFrames : 0,
          tracks: video.srcObject ? video.srcObject.getTracks().map((t) => ({ kind: t.kind, readyState: t.readyState })) : [],
        };
      },
    };
    return session;
  }

  const sessions = {};
  window.kitSession = (name) => (sessions[name] ||= makeSession(name));
  window.kit = window.kitSession('main');
  window.kitReady = { sdkVersion: SDK.sdkVersion, livekitVersion: SDK.livekitVersion, events: Object.values(SDK.StreamingEvents) };
  window.addEventListener('unhandledrejection', (e) => window.kit.errors.push(describeError(e.reason)));
})();

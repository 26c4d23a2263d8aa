'use strict';
// The emulator's dashboard: fetches from the admin API when its change feed moves (and once a second) and draws it.
// No framework, no build step: the emulator inlines this file into /_emulator/ui.
(() => {
  const TOKEN_KEY = 'heygen-emulator-admin-token';
  const params = new URLSearchParams(location.search);
  if (params.has('token')) {
    // Kept for this tab only and sent as a header; the address bar (and history) lose it at once.
    sessionStorage.setItem(TOKEN_KEY, params.get('token'));
    history.replaceState(null, '', location.pathname);
  }
  const token = sessionStorage.getItem(TOKEN_KEY);

  const $ = (id) => document.getElementById(id);
  const escapeHtml = (value) => String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
  const time = (iso) => (iso ? new Date(iso).toISOString().slice(11, 23) : '–');
  const seconds = (s) => (s == null ? '–' : s >= 3600 ? `${(s / 3600).toFixed(1)} h` : s >= 60 ? `${Math.floor(s / 60)} min ${Math.round(s % 60)} s` : `${s.toFixed(1)} s`);
  const bytes = (n) => (n >= 1 << 20 ? `${(n / (1 << 20)).toFixed(1)} MB` : n >= 1024 ? `${(n / 1024).toFixed(1)} kB` : `${n} B`);

  // Script time per update, for the responsiveness check (the browser test reads it).
  const stats = { updates: 0, lastMs: 0, maxMs: 0, totalMs: 0, slowest: '' };
  window.dashboardStats = stats;
  const measured = (name, draw) => (...args) => {
    const start = performance.now();
    draw(...args);
    const ms = performance.now() - start;
    stats.updates++;
    stats.lastMs = ms;
    stats.totalMs += ms;
    if (ms > stats.maxMs) { stats.maxMs = ms; stats.slowest = name; }
  };

  async function call(method, path, body) {
    const headers = {};
    if (token) headers['X-Emulator-Admin-Token'] = token;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch('/_emulator' + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store' });
    const text = await response.text();
    const json = text ? JSON.parse(text) : null;
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${json && json.message ? json.message : text}`);
    return json;
  }

  function showError(error) {
    const box = $('error');
    box.hidden = !error;
    box.textContent = error ? String(error.message || error) : '';
  }

  async function act(method, path, body) {
    try {
      const result = await call(method, path, body);
      showError(null);
      await refreshAll();
      return result;
    } catch (e) {
      showError(e);
      return null;
    }
  }

  // ---- sessions ----------------------------------------------------------------------------------------------
  const cards = new Map(); // session_id → { root, img, badge, tasks, fields, values (what is shown), previewKey }
  // HeyGen's own versions are v1, v2, …; any other API the emulator serves is shown by its version name as it is.
  const apiName = (version) => (/^v\d+$/.test(version || '') ? `HeyGen ${version}` : version || '?');

  // One skeleton, cloned per session (cheaper than parsing markup 50 times); one click handler for every card.
  const skeleton = document.createElement('article');
  skeleton.className = 'session';
  const FIELDS = ['api', 'times', 'key', 'avatar', 'idle-left', 'time-left', 'audio', 'peers', 'sent'];
  const LABELS = ['API', 'times', 'key', 'avatar', 'idle left', 'time left', 'audio', 'peers', 'sent'];
  skeleton.innerHTML = '<div class="preview"><img alt="avatar preview"><span class="badge">idle</span></div>' +
    '<div class="info"><div class="id"></div><dl><dt>state</dt><dd><span class="state"></span><span class="reason"></span></dd>' +
    FIELDS.map((f, i) => `<dt>${LABELS[i]}</dt><dd class="${f}"></dd>`).join('') + '</dl></div>' +
    '<ol class="tasks"></ol><div class="actions">' +
    '<button type="button" data-action="kill">Stop (kill)</button>' +
    '<button type="button" data-action="drop">Drop signal</button>' +
    '<button type="button" data-action="calls">Calls</button></div>';

  function card(id) {
    let c = cards.get(id);
    if (c) return c;
    const root = skeleton.cloneNode(true);
    root.dataset.sessionId = id;
    c = { root, img: root.querySelector('img'), badge: root.querySelector('.badge'), tasks: root.querySelector('.tasks'), tasksShown: '', previewKey: '', fields: {}, values: {} };
    for (const f of [...FIELDS, 'id', 'state', 'reason', 'badge']) c.fields[f] = root.querySelector('.' + f);
    c.fields.id.textContent = id;
    cards.set(id, c);
    return c;
  }

  $('sessions').addEventListener('click', (event) => {
    const button = event.target.closest('button[data-action]');
    const id = button && button.closest('article.session').dataset.sessionId;
    if (!id) return;
    const path = `/sessions/${encodeURIComponent(id)}`;
    if (button.dataset.action === 'kill') act('DELETE', path);
    else if (button.dataset.action === 'drop') act('POST', `${path}/drop_signal`);
    else {
      $('filter-session').value = id;
      drawJournal();
      $('journal-panel').scrollIntoView();
    }
  });

  function set(c, field, text) {
    if (c.values[field] === text) return;
    c.values[field] = text;
    c.fields[field].textContent = text;
  }

  // The frame the avatar shows now, fetched when its state changes (the endpoint answers with a frame prepared once).
  // Queued and fetched four at a time after the draw: 50 new sessions are 50 requests, not a burst the emulator (and
  // its media timing) would feel, and the draw itself stays cheap.
  const previewQueue = [];
  let previewsInFlight = 0;
  function queuePreview(c, id, key) {
    c.previewKey = key;
    previewQueue.push([c, id, key]);
    if (previewQueue.length === 1) setTimeout(pumpPreviews, 0);
  }
  function pumpPreviews() {
    while (previewsInFlight < 4 && previewQueue.length) {
      const [c, id, key] = previewQueue.shift();
      if (c.previewKey !== key) continue; // changed again since: a newer request is queued
      previewsInFlight++;
      loadPreview(c, id, key).finally(() => { previewsInFlight--; pumpPreviews(); });
    }
  }
  async function loadPreview(c, id, key) {
    try {
      const headers = token ? { 'X-Emulator-Admin-Token': token } : {};
      const response = await fetch(`/_emulator/sessions/${encodeURIComponent(id)}/preview.png`, { headers, cache: 'no-store' });
      if (!response.ok || c.previewKey !== key) return;
      const url = URL.createObjectURL(await response.blob());
      if (c.img.src.startsWith('blob:')) URL.revokeObjectURL(c.img.src);
      c.img.src = url;
      c.img.dataset.frame = response.headers.get('X-Emulator-Preview') || '';
    } catch {
      c.previewKey = ''; // try again on the next poll
    }
  }

  const drawSessions = measured('drawSessions', (sessions) => {
    const container = $('sessions');
    $('session-count').textContent = sessions.length ? `(${sessions.filter((s) => s.state !== 'closed').length} open, ${sessions.length} listed)` : '';
    $('no-sessions').hidden = sessions.length > 0;
    const seen = new Set();
    // New cards are filled off the page and go in together: one layout, not one per card.
    const fresh = document.createDocumentFragment();
    sessions.forEach((s) => {
      seen.add(s.session_id);
      const known = cards.has(s.session_id);
      const c = card(s.session_id);
      if (!known) fresh.appendChild(c.root);
      const closed = s.state === 'closed';
      const key = s.talking ? 'talking' : 'idle';
      if (c.previewKey !== key) queuePreview(c, s.session_id, key);
      if (c.values.look !== `${s.state}|${key}`) {
        c.values.look = `${s.state}|${key}`;
        c.root.classList.toggle('closed', closed);
        c.root.dataset.state = s.state;
        c.root.dataset.talking = String(s.talking);
        c.badge.className = 'badge' + (s.talking ? ' talking' : '');
        c.fields.state.className = 'state ' + s.state;
      }
      set(c, 'badge', closed ? 'closed' : s.talking ? 'talking · audio' : 'idle');
      const p = s.peers || {};
      const m = s.media || {};
      // Only what changed is written, as text: 50 cards cost a few string comparisons per poll.
      set(c, 'api', apiName(s.version));
      set(c, 'state', s.state);
      set(c, 'reason', s.close_reason ? ` (${s.close_reason})` : '');
      set(c, 'times', `created ${time(s.created_at)} · started ${time(s.started_at)}${s.closed_at ? ` · closed ${time(s.closed_at)}` : ''}`);
      set(c, 'key', s.api_key);
      set(c, 'avatar', `${s.avatar_id} · ${s.quality} · ${s.video_encoding}`);
      set(c, 'idle-left', `${seconds(s.idle_left_seconds)}${s.idle_timeout_seconds != null ? ` of ${seconds(s.idle_timeout_seconds)}` : ''}`);
      set(c, 'time-left', seconds(s.duration_left_seconds));
      set(c, 'audio', `${s.talking ? 'playing' : 'silent'}${s.listening ? ' · listening' : ''}`);
      set(c, 'peers', `LiveKit: ${(p.livekit_participants || []).join(', ') || 'none'} · chat ${p.chat_sockets ?? 0} · realtime ${p.realtime_sockets ?? 0}`);
      set(c, 'sent', `${m.packets_sent ?? 0} packets · ${bytes(m.bytes_sent ?? 0)}`);
      const tasks = (s.tasks || []).slice(-8).map((t) =>
        `<li class="task ${escapeHtml(t.state)}" data-task-id="${escapeHtml(t.task_id)}">${escapeHtml(t.state)} · ${escapeHtml(t.task_type)} · ${(t.duration_ms / 1000).toFixed(1)} s · “${escapeHtml(t.text)}”</li>`).join('');
      if (tasks !== c.tasksShown) { c.tasks.innerHTML = tasks; c.tasksShown = tasks; }
    });
    container.appendChild(fresh); // sessions are listed oldest first: the new ones go last
    for (const [id, c] of cards) {
      if (seen.has(id)) continue;
      if (c.img.src.startsWith('blob:')) URL.revokeObjectURL(c.img.src);
      c.root.remove();
      cards.delete(id);
    }
  });

  // ---- journal -----------------------------------------------------------------------------------------------
  let journal = [];
  const expanded = new Set();
  const kinds = new Set();
  const failed = (e) => e.status >= 400 || e.fault;

  const drawJournal = measured('drawJournal', () => {
    const session = $('filter-session').value.trim();
    const kind = $('filter-kind').value;
    const status = $('filter-status').value;
    const path = $('filter-path').value.trim().toLowerCase();
    for (const e of journal) {
      if (!kinds.has(e.kind)) {
        kinds.add(e.kind);
        const option = document.createElement('option');
        option.value = option.textContent = e.kind;
        $('filter-kind').appendChild(option);
      }
    }
    const rows = [];
    for (let i = journal.length - 1; i >= 0 && rows.length < 400; i--) {
      const e = journal[i];
      if (session && e.session_id !== session) continue;
      if (kind && e.kind !== kind) continue;
      if (status === 'failed' ? !failed(e) : status && String(e.status)[0] !== status) continue;
      if (path && !e.path.toLowerCase().includes(path)) continue;
      rows.push(`<tr class="entry${failed(e) ? ' failed' : ''}" data-id="${e.id}" data-status="${e.status}">` +
        `<td>${e.id}</td><td>${time(e.time)}</td><td>${escapeHtml(e.kind)}</td><td>${escapeHtml(e.method)}</td>` +
        `<td class="path">${escapeHtml(e.path)}</td><td class="status">${e.status}${e.fault ? ' (fault)' : ''}</td>` +
        `<td>${Math.round(e.duration_ms)}</td><td class="sid">${escapeHtml(e.session_id || '')}</td></tr>`);
      if (expanded.has(e.id)) {
        rows.push(`<tr class="bodies"><td colspan="8"><div class="pair"><div><strong>request</strong>${e.api_key ? ` · key ${escapeHtml(e.api_key)}` : ''}` +
          `<pre>${escapeHtml(JSON.stringify(e.request, null, 2))}</pre></div><div><strong>response</strong><pre>${escapeHtml(JSON.stringify(e.response, null, 2))}</pre></div></div></td></tr>`);
      }
    }
    const html = rows.join('');
    const body = $('journal');
    if (body.dataset.shown !== html) { body.innerHTML = html; body.dataset.shown = html; }
  });

  $('journal').addEventListener('click', (event) => {
    const row = event.target.closest('tr.entry');
    if (!row) return;
    const id = Number(row.dataset.id);
    if (expanded.has(id)) expanded.delete(id); else expanded.add(id);
    drawJournal();
  });
  for (const id of ['filter-session', 'filter-path']) $(id).addEventListener('input', () => drawJournal());
  for (const id of ['filter-kind', 'filter-status']) $(id).addEventListener('change', () => drawJournal());
  $('journal-clear-filters').addEventListener('click', () => { $('journal-filters').reset(); drawJournal(); });

  // ---- faults, clock, reset, preparation -----------------------------------------------------------------------
  const drawFaults = measured('drawFaults', (faults) => {
    const html = faults.map((f) => `<tr data-fault-id="${f.id}"><td>${f.id}</td><td>${escapeHtml(f.endpoint)}</td><td>${f.status ?? ''}</td><td>${f.code ?? ''}</td>` +
      `<td>${escapeHtml(f.message ?? '')}</td><td>${f.remaining ?? '∞'}</td><td>${f.delay_ms} ms</td><td>${f.probability}</td><td>${f.hits}</td></tr>`).join('');
    const body = $('faults');
    if (body.dataset.shown !== html) { body.innerHTML = html; body.dataset.shown = html; }
  });

  $('fault-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const spec = {};
    for (const input of event.target.querySelectorAll('input')) {
      const value = input.value.trim();
      if (value === '') continue;
      spec[input.name] = input.type === 'number' ? Number(value) : value;
    }
    act('POST', '/faults', spec).then((added) => { if (added) event.target.reset(); });
  });
  $('fault-clear').addEventListener('click', () => act('DELETE', '/faults'));

  const drawClock = measured('drawClock', (clock) => {
    $('clock-now').textContent = new Date(clock.now).toISOString().replace('T', ' ').slice(0, 19);
    $('clock-offset').textContent = clock.offset_seconds ? `(+${seconds(clock.offset_seconds)} ahead of real time)` : '(real time)';
  });
  const advance = (s) => act('POST', '/clock/advance', { seconds: s });
  for (const button of document.querySelectorAll('[data-advance]')) button.addEventListener('click', () => advance(Number(button.dataset.advance)));
  $('advance-custom').addEventListener('click', () => {
    const s = Number($('advance-seconds').value);
    if (s > 0) advance(s);
  });
  $('reset').addEventListener('click', () => {
    if (confirm('Reset the emulator? Every session, token, knowledge base, fault and journal entry goes, and the clock returns to real time.')) {
      expanded.clear();
      journal = []; // the next poll fetches it whole
      act('POST', '/reset');
    }
  });

  const drawHealth = measured('drawHealth', (health) => {
    $('version').textContent = health.version ? `v${health.version}` : '';
    const preparing = health.preparing === true;
    $('preparing').hidden = !preparing;
    if (preparing) {
      $('prepare-bar').value = health.percent ?? 0;
      const left = health.seconds_left != null ? ` · about ${seconds(health.seconds_left)} left` : '';
      $('prepare-text').textContent = `${Math.floor(health.percent ?? 0)} %${health.clip ? ` · ${health.clip}` : ''}${left}`;
    }
  });

  // ---- updates -----------------------------------------------------------------------------------------------
  // Sessions, clock and journal are fetched when the emulator says something moved (a long poll on /changes: every
  // API, LiveKit and chat call, a session closed, the clock moved, a reset) and besides once a second for counters
  // and countdowns, 400 ms while an avatar talks (its preview must follow). Polling them every 400 ms regardless cost
  // the emulator more CPU, with 50 sessions streaming, than anything the page showed.
  async function refreshSessions() {
    const [sessions, clock] = await Promise.all([call('GET', '/sessions'), call('GET', '/clock')]);
    drawSessions(sessions);
    drawClock(clock);
    return sessions.some((s) => s.talking);
  }
  // The journal is fetched by increments (entries after the newest one held); in full at first and after it was
  // cleared (a reset, a DELETE from a script): copying the whole journal on every update cost more than the media.
  const JournalKept = 2000;
  let journalFull = true;
  async function refreshJournal() {
    const full = journalFull || journal.length === 0;
    journalFull = false;
    const newest = journal.length ? journal[journal.length - 1].id : 0;
    const entries = await call('GET', full ? `/journal?limit=${JournalKept}` : `/journal?since=${newest}&limit=${JournalKept}`);
    journal = full ? entries : journal.concat(entries).slice(-JournalKept);
    drawJournal();
  }
  // Faults change only through the admin API (the page's own actions refresh at once); health matters while clips
  // are being prepared: both are polled slowly otherwise.
  let preparing = true;
  async function refreshSlow() {
    const [faults, health] = await Promise.all([call('GET', '/faults'), call('GET', '/health')]);
    drawFaults(faults);
    drawHealth(health);
    preparing = health.preparing === true;
  }

  // One pull at a time, at most every MinGapMs: a burst of changes (50 sessions created at once) is a few pulls.
  const MinGapMs = 250;
  let lastPull = -Infinity, pullTimer = 0, talking = false;
  async function pull() {
    pullTimer = 0;
    lastPull = performance.now();
    const [anyTalking] = await Promise.all([refreshSessions(), refreshJournal()]);
    talking = anyTalking;
  }
  // Pulls run one after another: two at once would both append the same journal increment.
  let queue = Promise.resolve();
  const pullNow = () => (queue = queue.then(pull).catch(showError));
  function schedulePull() {
    if (pullTimer) return;
    pullTimer = setTimeout(pullNow, Math.max(0, lastPull + MinGapMs - performance.now()));
  }
  async function refreshAll() { await Promise.all([pullNow(), refreshSlow()]); }

  let version = -1, clears = -1;
  async function watch() {
    for (;;) {
      try {
        const change = await call('GET', `/changes?after=${version}&wait_ms=25000`);
        if (change.journal_clears !== clears) { clears = change.journal_clears; journalFull = true; }
        if (change.version !== version) { version = change.version; schedulePull(); }
      } catch (e) {
        showError(e);
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
  }

  function every(ms, refresh) {
    const tick = async () => {
      try { await refresh(); } catch (e) { showError(e); }
      setTimeout(tick, typeof ms === 'function' ? ms() : ms);
    };
    tick();
  }
  watch();
  every(() => (talking ? 400 : 1000), async () => { if (performance.now() - lastPull >= (talking ? 350 : 900)) schedulePull(); });
  every(() => (preparing ? 1000 : 3000), refreshSlow);
})();

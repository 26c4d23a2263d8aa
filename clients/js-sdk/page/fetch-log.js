// What both adapters (kit.js, liveavatar-kit.js) share: page time (ms since load) and the log of every HTTP call the
// page makes (the SDK's REST calls), as the browser sent them. Loaded before either; window.fetchLog = {now, requests, realFetch}.
(function () {
  'use strict';
  const t0 = performance.now();
  const now = () => Math.round((performance.now() - t0) * 10) / 10;
  const requests = [];
  const realFetch = window.fetch.bind(window);
  window.fetch = async function (input, init) {
    const url = typeof input === 'string' ? input : input.url;
    const entry = { url, method: (init && init.method) || 'GET', body: init && typeof init.body === 'string' ? init.body : null, t: now() };
    requests.push(entry);
    try {
      const response = await realFetch(input, init);
      entry.status = response.status;
      entry.tEnd = now();
      return response;
    } catch (e) {
      entry.error = String(e);
      entry.tEnd = now();
      throw e;
    }
  };
  window.fetchLog = { now, requests, realFetch };
})();

// What every script shares: one JSON object per stdout line (read by tests/HeyGenEmulator.Native.Tests/NodeScript.cs),
// and the emulator's REST API as a client would call it.
export const report = (kind, fields = {}) => process.stdout.write(JSON.stringify({ kind, t: performance.now(), ...fields }) + '\n');

export function api(baseUrl, apiKey) {
  return async (path, body) => {
    const response = await fetch(baseUrl + path, {
      method: 'POST',
      headers: { 'x-api-key': apiKey, 'content-type': 'application/json' },
      body: JSON.stringify(body ?? {}),
    });
    return { status: response.status, body: await response.json() };
  };
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until the condition holds or the time is up; true when it held. */
export async function waitFor(condition, timeoutMs) {
  for (const end = Date.now() + timeoutMs; Date.now() < end; await sleep(50)) if (condition()) return true;
  return condition();
}

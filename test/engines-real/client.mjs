// Runs in real Deno and Bun (test/engines-real/deno-bun.test.mjs starts it): the conformance
// checks (conformance/checks.mjs) against the runtime's native WebSocket, then against the shim
// from each entry a user of that runtime gets, in strict and standard mode, plus detect().
// No Node APIs: plain ES2022 with the web globals both runtimes have.
//
//   <runtime> client.mjs <config JSON>
//     { wsUrl, httpUrl, refusedUrl, checks: file URL of conformance/checks.mjs,
//       entries: [{ label, url }]  modules to import: a fixture module re-exporting the package
//                                  by name, or a dist/ file by URL }
//   → one line of JSON on stdout: { runtime, version, native, nativeInit, entries: [{ label,
//     resolved, detect, runs: { strict, standard }, options }] }, each run a list of check
//     results, options what a socket with backend options ({ headers }) and a protocol did,
//     nativeInit what the engine's own constructor did with a WebSocketInit second argument.
const config = JSON.parse(globalThis.Deno ? Deno.args[0] : process.argv[2]);
const { runChecks } = await import(config.checks);

// The engine's own constructor, taken before any entry is imported.
const NativeWebSocket = globalThis.WebSocket;
const common = {
  wsUrl: config.wsUrl,
  refusedUrl: config.refusedUrl,
  timeoutMs: 5000,
  fetchLog: (id) => fetch(`${config.httpUrl}/log/${encodeURIComponent(id)}?wait=1`).then((r) => r.json())
};

const out = {
  runtime: globalThis.Deno ? 'deno' : typeof globalThis.Bun === 'object' ? 'bun' : 'other',
  version: globalThis.Deno ? Deno.version.deno : globalThis.Bun ? Bun.version : null,
  native: await runChecks({ ...common, WebSocket: NativeWebSocket, mode: 'standard' }),
  nativeInit: null,
  entries: []
};

/** SPEC §5 backend options (third argument) with a protocol: what the server saw, what the socket says. */
function backendOptions(WebSocket) {
  return connectAndLog((url) => new WebSocket(url, ['chat'], { headers: { 'x-test': 'deno-bun' } }));
}

/** The engine's own constructor given a WebSocketInit ({ headers, protocols }) as its second argument: the thrown error's name and message, or what the server saw. */
async function nativeInit() {
  try {
    return await connectAndLog((url) => new NativeWebSocket(url, { headers: { 'x-test': 'deno-bun' }, protocols: ['chat'] }));
  } catch (e) {
    return { thrown: `${e && e.name}: ${e && e.message}` };
  }
}

async function connectAndLog(make) {
  const id = 'opts-' + Math.random().toString(36).slice(2, 10);
  const ws = make(`${config.wsUrl}/backend-options?id=${id}&proto=first`);
  const opened = await new Promise((resolve) => {
    const timer = setTimeout(() => resolve('timeout'), 5000);
    ws.onopen = () => (clearTimeout(timer), resolve('open'));
    ws.onclose = () => (clearTimeout(timer), resolve('closed before open'));
  });
  const protocol = ws.protocol;
  if (ws.readyState !== 3) {
    const closed = new Promise((resolve) => (ws.onclose = resolve));
    ws.close(1000);
    await closed;
  }
  const rec = await common.fetchLog(id);
  return { opened, protocol, xTest: rec && rec.xTest, protocolsOffered: rec && rec.protocolsOffered };
}

out.nativeInit = await nativeInit();

for (const entry of config.entries) {
  const mod = await import(entry.url);
  // A fixture module re-exports the package (`export * from 'websocket-shim'`) and says which file
  // the runtime resolved; a dist/ file stands for itself.
  const api = mod.api || mod;
  const report = api.detect();
  const runs = {};
  for (const mode of ['strict', 'standard']) {
    const WebSocket = api.createWebSocketClass({ mode });
    runs[mode] = await runChecks({ ...common, WebSocket, mode });
  }
  const options = await backendOptions(api.createWebSocketClass({ mode: 'standard' }));
  out.entries.push({ label: entry.label, resolved: mod.resolved || entry.url, detect: JSON.parse(JSON.stringify(report)), runs, options });
}
console.log(JSON.stringify(out));

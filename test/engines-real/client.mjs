// Runs in real Deno and Bun (test/engines-real/deno-bun.test.mjs starts it): the conformance
// checks (conformance/checks.mjs) against the runtime's native WebSocket, then against the shim
// from each entry a user of that runtime gets, in strict and standard mode, plus detect().
// No Node APIs: plain ES2022 with the web globals both runtimes have.
//
//   <runtime> client.mjs <config JSON>
//     { wsUrl, httpUrl, refusedUrl, checks: file URL of conformance/checks.mjs,
//       entries: [{ label, url }]  modules to import: a fixture module re-exporting the package
//                                  by name, or a dist/ file by URL }
//   → one line of JSON on stdout: { runtime, version, native, entries: [{ label, resolved,
//     detect, runs: { strict, standard } }] }, each run a list of check results.
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
  entries: []
};

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
  out.entries.push({ label: entry.label, resolved: mod.resolved || entry.url, detect: JSON.parse(JSON.stringify(report)), runs });
}
console.log(JSON.stringify(out));

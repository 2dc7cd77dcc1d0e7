// Runs in real Deno and Bun (test/engines-real/script-tag.test.mjs starts it through
// runtimes.mjs's runClient): imports a script-tag build by file URL, as a CDN URL or a vendored
// copy would be, then reports detect() and what `new WebSocket(url)` threw.
//
//   <runtime> script-tag-client.mjs <config JSON: { file: file URL of the build, url: a ws: URL }>
//   → one line of JSON on stdout: { shim, installed, detect, threw: [name, code, message, instanceof DOMException] | null }
const config = JSON.parse(globalThis.Deno ? Deno.args[0] : process.argv[2]);
await import(config.file);
const shim = globalThis.WebSocketShim;
const out = { shim: typeof shim, installed: globalThis.WebSocket === shim.WebSocket, detect: shim.detect(), threw: null };
try {
  new WebSocket(config.url);
} catch (e) {
  out.threw = [e.name, e.code, e.message, e instanceof DOMException];
}
console.log(JSON.stringify(out));

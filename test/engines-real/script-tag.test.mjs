// The script-tag builds in real Deno and Bun (issue 13): those builds are for browsers and carry
// none of the runtimes' engine families (src/script-tag/engines/runtimes.ts). Run there anyway (a
// CDN URL imported as a module, a vendored copy), each installs, and `new WebSocket()` throws a
// NotSupportedError naming the npm package before the engine is asked: no connection reaches the
// server. The test/legacy doubles check the same on React Native's profiles.
import { expect } from 'chai';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureDenoBun, DENO_BUN_PINS } from '../runtimes/fetch-deno-bun.mjs';
import { makeProject, runClient, root } from './runtimes.mjs';

const FILES = ['dist/websocket-shim.umd.min.js', 'dist/websocket-shim.modern.umd.min.js'];
const WHY = "this script-tag build of websocket-shim is for browsers; in Bun, Deno and React Native import 'websocket-shim' (the npm package)";
const script = join(root, 'test', 'engines-real', 'script-tag-client.mjs');

describe(`script-tag builds in real Deno ${DENO_BUN_PINS.deno} and Bun ${DENO_BUN_PINS.bun}: installed, every connection refused loudly`, function () {
  this.timeout(120000);
  let project;
  let server;
  let connections = 0;
  let url;
  const fetched = {};

  before(async function () {
    this.timeout(900000);
    for (const f of await ensureDenoBun(['deno', 'bun'])) fetched[f.name] = f;
    project = makeProject();
    // A plain TCP listener: any connection attempt at all is counted.
    server = createServer((s) => {
      connections++;
      s.destroy();
    });
    await new Promise((r) => server.listen(0, '127.0.0.1', r));
    url = `ws://127.0.0.1:${server.address().port}/`;
  });

  after(function () {
    if (server) server.close();
    if (project) project.dispose();
  });

  for (const name of ['deno', 'bun']) {
    for (const file of FILES) {
      it(`${name}, ${file.replace('dist/', '')}: WebSocketShim set and installed; detect() backend runtime-build-only with runtimeBuild; new WebSocket() throws NotSupportedError; no connection`, async function () {
        if (fetched[name].error) throw new Error(`${name} could not be fetched: ${fetched[name].error}`);
        const before = connections;
        const r = await runClient(name, project, { file: pathToFileURL(join(root, file)).href, url }, { script, timeoutMs: 60000 });
        expect(r.code, r.err).to.equal(0);
        const got = r.report;
        expect([got.shim, got.installed, got.detect.installed, got.detect.backend]).to.deep.equal(['object', true, true, 'runtime-build-only']);
        expect(got.detect.unsupported).to.include('runtimeBuild: ' + WHY);
        expect(got.threw).to.deep.equal(['NotSupportedError', 9, 'websocket-shim: ' + WHY + '.', true]);
        await new Promise((res) => setTimeout(res, 100));
        expect(connections - before, 'connections to the server').to.equal(0);
      });
    }
  }
});

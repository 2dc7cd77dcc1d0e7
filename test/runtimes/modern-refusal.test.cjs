// The modern entry on a Node it does not cover (README "Modern or full build": Node 18+; issue 13:
// "it refuses to install (clear error, detect() says why) on an engine it does not cover"), on a
// real Node 16 from the registry: it has a constructible EventTarget, URL and buffer.Blob with
// arrayBuffer(), but no global DOMException (Node 17+). Run by the matrix's modern entry on the
// majors in MODERN_REFUSED (test/runtimes/matrix.mjs) instead of the integration suites.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { expect, pkgDir, rmTree, startServer, wsUrl, uid, nativeCtor, thrown } = require('../support/integration-helpers.cjs');

const WHY = 'websocket-shim/modern needs constructibleDOMException, which this engine lacks; load the full build (websocket-shim) here';

describe('websocket-shim/modern on a Node it does not cover: refused, nothing installed, detect() says why', function () {
  // bug: "needs constructibleDOMException, blobArrayBuffer" on Node 16 (see detect() below): the
  // exact reason is asserted by every refusal here.
  let dir;
  let server;
  const byName = (specifier) => require(require.resolve(specifier, { paths: [dir] }));
  before(async function () {
    server = await startServer();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ws-shim-modern-refused-'));
    fs.mkdirSync(path.join(dir, 'node_modules'));
    fs.symlinkSync(pkgDir, path.join(dir, 'node_modules', 'websocket-shim'), 'junction');
  });
  after(function () {
    rmTree(dir);
    return server.close();
  });

  function expectRefusal(fn) {
    const error = thrown(fn);
    expect(error, 'no exception').to.be.an('error');
    // No DOMException on this runtime: an Error with the DOMException's name (src/modern/entry-support.ts).
    expect([error.constructor, error.name, error.message]).to.deep.equal([Error, 'NotSupportedError', WHY]);
  }

  it('the runtime is one the entry does not cover: no global DOMException, but EventTarget, URL and a Blob with arrayBuffer()', function () {
    expect(typeof globalThis.DOMException).to.equal('undefined');
    expect(typeof EventTarget).to.equal('function');
    expect(typeof URL).to.equal('function');
    expect(typeof require('buffer').Blob.prototype.arrayBuffer).to.equal('function');
  });

  it("require('websocket-shim/modern') loads; new WebSocket(), createWebSocketClass() and install() throw NotSupportedError naming what is missing", function () {
    const m = byName('websocket-shim/modern');
    expect(typeof m.WebSocket).to.equal('function');
    expectRefusal(() => new m.WebSocket(wsUrl(server, uid())));
    expectRefusal(() => m.createWebSocketClass({ native: nativeCtor() }));
    expectRefusal(() => m.install());
    expect(globalThis.WebSocket).to.equal(undefined);
    expect(Object.keys(globalThis).filter((k) => /websocketShim/i.test(k))).to.deep.equal([]);
  });

  // bug: on Node 14.18–17 the entry also named blobArrayBuffer, which buffer.Blob has: its checks
  // ran (src/index.ts) before the Node entry had set buffer.Blob up (now src/node-setup.ts, first).
  it('detect(): unsupported starts with modernEntry and the reason, no normalization is claimed, not installed', function () {
    const r = byName('websocket-shim/modern').detect();
    expect(r.unsupported[0]).to.equal('modernEntry: ' + WHY);
    expect(r.normalizations).to.deep.equal([]);
    expect([r.installed, r.features.constructibleDOMException, r.features.constructibleEventTarget]).to.deep.equal([false, false, true]);
  });

  it("require('websocket-shim/modern/auto') throws the same and installs nothing", function () {
    expectRefusal(() => byName('websocket-shim/modern/auto'));
    expect(globalThis.WebSocket).to.equal(undefined);
  });

  it("control: the full build on this runtime talks to the server (require('websocket-shim'))", async function () {
    const { WebSocket } = byName('websocket-shim');
    const ws = new WebSocket(wsUrl(server, uid()));
    const got = await new Promise((resolve, reject) => {
      ws.onerror = () => reject(new Error('error event'));
      ws.onopen = () => ws.send('hi');
      ws.onmessage = (e) => {
        ws.close(1000);
        resolve(e.data);
      };
    });
    expect(got).to.equal('hi');
  });
});

// The binary-data suite (test/support/binary-suite.cjs) against engines of another age, in a
// `vm` page without Promise, whose Blob has no arrayBuffer() and whose FileReader reads in a
// timer task (test/support/vm-host.cjs). The real UMD bundle runs there, over an engine double
// built on a real `ws` client (test/support/engine-double.cjs), so the bytes really travel:
//
//   Gecko 11–17 (QUIRKS §3, §4): send() knows strings and ArrayBuffers only; a Blob goes out as
//   the text "[object Blob]", a view as the text "1,2,3"; an invalid binaryType throws an XPCOM
//   error. Found twice: declared with `capabilities`, and by the probe (a Firefox 15 user agent
//   and a native-looking constructor), with no options at all.
//   An engine that only gives Blobs, and throws TypeError on send(Blob) (ws < 8.18): binary
//   messages are read (FileReader) for 'arraybuffer', in order.
//   A page with no Blob class at all: 'blob' falls back to ArrayBuffer and detect() says so.
//
// The doubles run over ws 8 whatever WS_SHIM_BACKEND says, so the suite runs in the 'ws' run only.
'use strict';
const { BACKEND, expect, startServer, skipBecause } = require('../support/integration-helpers.cjs');
const { createVmHost } = require('../support/vm-host.cjs');
const { createEngineDouble } = require('../support/engine-double.cjs');
const { defineBinarySuite, realmKit } = require('../support/binary-suite.cjs');

/** The message the engine double delivers as an unreadable Blob (variant with unreadableIncoming). */
const UNREADABLE = Buffer.from('this Blob cannot be read (test)');

const FIREFOX_15 = 'Mozilla/5.0 (Windows NT 6.1; WOW64; rv:15.0) Gecko/20100101 Firefox/15.0';

/** The doubles: an engine that throws on send(ArrayBuffer of 4093 bytes) and close(code, 'engine-throws'). */
function throwOnSend(data) {
  return data && typeof data === 'object' && data.byteLength === 4093 ? new Error('NS_ERROR_FAILURE (test)') : null;
}
function throwOnClose(code, reason) {
  return reason === 'engine-throws' ? new Error('NS_ERROR_FAILURE (test)') : null;
}

/**
 * A page (vm context) for one variant. `engine`: engine-double options; `capabilities`: what
 * install() and createWebSocketClass() are told (undefined: nothing, the probes decide).
 */
function legacyEnv(label, pageOptions) {
  const p = pageOptions;
  let host = null;
  const classes = {};
  function page() {
    if (host) return host;
    const provide = {};
    if (p.userAgent) provide.navigator = { userAgent: p.userAgent };
    host = createVmHost({
      remove: ['Promise'],
      legacyBlob: p.blob === false ? false : { readDelay: p.readDelay || 0 },
      provide: provide,
      engine: function (realm, h) {
        const extra = { realm: realm, Blob: h.Blob, report: h.report };
        // A delivered Blob of exactly UNREADABLE's bytes cannot be read (as a File changed on disk).
        if (p.unreadableIncoming) {
          extra.onBlob = function (blob, bytes) {
            if (bytes.equals(UNREADABLE)) h.markUnreadable(blob);
          };
        }
        return createEngineDouble(Object.assign(extra, p.engine));
      },
      options: p.capabilities ? { capabilities: p.capabilities } : undefined
    });
    return host;
  }
  function classFor(mode, throwing) {
    const key = mode + (throwing ? '-throwing' : '');
    if (classes[key]) return classes[key];
    const h = page();
    let native = h.engine.Ctor;
    if (throwing) {
      native = createEngineDouble(
        Object.assign({ realm: h.realm, Blob: h.Blob, report: h.report, throwOnSend: throwOnSend, throwOnClose: throwOnClose }, p.engine)
      ).Ctor;
    }
    // strict: the class the bundle installed on the page by itself; else one made by the page.
    classes[key] = mode === 'strict' && !throwing
      ? h.WebSocket
      : h.shim.createWebSocketClass({ mode: mode, native: native, capabilities: p.capabilities });
    return classes[key];
  }
  return {
    label: label,
    modes: ['strict', 'standard'],
    page: page,
    classFor: (mode) => classFor(mode, false),
    get kit() {
      const h = page();
      return realmKit(h.realm, h.Blob);
    },
    isBlob: (v) => !!page().Blob && v instanceof page().Blob,
    blobBytes: (b) => Promise.resolve(page().bytesOf(b)),
    withBuffer: false,
    engineFraming: false,
    unreadableBlob: function (bytes) {
      const h = page();
      if (!h.Blob) return Promise.resolve(null);
      // A File whose file changed on disk: its FileReader read fails with NotReadableError.
      return Promise.resolve(h.markUnreadable(new h.Blob([realmKit(h.realm, h.Blob).buffer(bytes)])));
    },
    throwingClass: (mode) => classFor(mode, true),
    uncaught: () => page().uncaught.slice(),
    detect: () => page().shim.detect(),
    server: startServer,
    skip: function (ctx, reason) {
      skipBecause(ctx, reason);
    },
    omitBlobOnly: true, // a page made without Blob: the tests that need one do not apply
    soak: p.soak,
    soakCount: p.soakCount,
    dispose: function () {
      if (host) host.dispose();
    }
  };
}

const VARIANTS = [
  {
    label: 'Gecko 11–17 double, declared with capabilities',
    engine: {},
    capabilities: { sendBlob: false, sendViews: false },
    report: function (d) {
      expect(d.backend).to.equal('browser');
      expect(d.quirks).to.include.members(['declaredCannotSendBlob', 'declaredCannotSendViews', 'noBlobArrayBuffer']);
    }
  },
  {
    label: 'Gecko 15 double, found by the probe',
    engine: { nativeCode: true },
    userAgent: FIREFOX_15,
    soak: false, // the same engine and path as the variant above: it proves the probe finds it
    report: function (d) {
      expect(d.backend).to.equal('gecko-11-17');
      expect(d.quirks).to.include.members(['geckoBlobSendUnsupported', 'geckoViewsSentAsText', 'noBlobArrayBuffer']);
    }
  },
  {
    label: 'an engine that only gives Blobs and throws on send(Blob)',
    engine: { binaryTypes: ['blob'], sendBlob: 'throw', sendViews: 'send' },
    capabilities: { sendBlob: false },
    // Reads take a while (large or disk-backed Blobs): the engine's close event comes while the
    // messages before it are still being read, and must wait for them.
    readDelay: 15,
    unreadableIncoming: true,
    more: function (env) {
      it("a received Blob that cannot be read fails the connection with 'arraybuffer' (never a silent drop)", async function () {
        const server = await startServer();
        const WS = env.classFor('strict');
        const ws = new WS(server.url + '/t?id=' + encodeURIComponent('unreadable-in-' + process.pid + '-' + Date.now()));
        ws.binaryType = 'arraybuffer';
        const seen = [];
        await new Promise(function (resolve, reject) {
          ws.addEventListener('open', resolve);
          ws.addEventListener('close', () => reject(new Error('closed before open')));
        });
        const done = new Promise(function (resolve) {
          ws.addEventListener('message', (ev) => seen.push(['message', Buffer.from(new Uint8Array(ev.data)).toString('hex')]));
          ws.addEventListener('error', () => seen.push(['error', ws.readyState]));
          ws.addEventListener('close', (ev) => {
            seen.push(['close', ev.code, ev.wasClean]);
            resolve();
          });
        });
        const R = env.page().realm;
        const bytes = (list) => {
          const u = new R.Uint8Array(list.length);
          u.set(list);
          return u.buffer;
        };
        ws.send(bytes([1, 1]));
        ws.send(bytes(UNREADABLE)); // echoed as a Blob the page cannot read
        ws.send(bytes([3]));
        await done;
        expect(seen).to.deep.equal([['message', '0101'], ['error', 3], ['close', 1006, false]]);
        expect(env.uncaught()).to.deep.equal([]);
        await server.close();
      });
    },
    report: function (d) {
      expect(d.quirks).to.include('declaredCannotSendBlob');
    }
  },
  {
    label: 'a page without any Blob class',
    engine: {},
    blob: false,
    capabilities: { sendViews: false },
    soakCount: 2000,
    report: function (d) {
      expect(d.features.blob).to.equal(false);
      expect(d.unsupported.some((u) => /^blobMessages\b/.test(u))).to.equal(true);
    }
  }
];

if (BACKEND === 'ws') describe('binary-legacy (vm pages without Promise and Blob#arrayBuffer)', function () {
  VARIANTS.forEach(function (v) {
    const env = legacyEnv(v.label, v);
    describe(v.label, function () {
      after(function () {
        env.dispose();
      });

      it('the page has no Promise and no Blob#arrayBuffer; detect() names the engine and what the shim does about it', function () {
        const h = env.page();
        expect(h.run('typeof Promise')).to.equal('undefined');
        expect(h.run('typeof Blob === "function" ? typeof Blob.prototype.arrayBuffer : "no Blob"')).to.equal(v.blob === false ? 'no Blob' : 'undefined');
        const d = env.detect();
        expect(d.installed).to.equal(true);
        expect(d.features.promise).to.equal(false);
        expect(d.features.blobArrayBuffer).to.equal(false);
        if (v.blob !== false) {
          expect(d.features.fileReader).to.equal(true);
          expect(d.normalizations).to.include('blobReadBeforeSend');
        }
        v.report(d);
      });

      defineBinarySuite(env);
      if (v.more) v.more(env);
    });
  });
});

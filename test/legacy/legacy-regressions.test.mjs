// Regression tests for the legacy-engine bugs real pages and apps found and the engine doubles
// missed (issue 12), each through the UMD bundle on the profiles of the engines it concerns
// (test/legacy/profiles.mjs; QtWebKit 5.212 runs the dispatchEvent one for real in
// test/browsers, page legacy-regressions.html). Each is named after the bug.
import { expect } from 'chai';
import { PROFILES } from './profiles.mjs';
import { UMD_FILES, profileSuite } from './support/profile-host.mjs';

const byId = (id) => PROFILES.find((p) => p.id === id);
const on = (ws, type) => new Promise((resolve) => ws.addEventListener(type, resolve));
const hex = (buf) => Buffer.from(new Uint8Array(buf)).toString('hex');
const tag = (v) => Object.prototype.toString.call(v).slice(8, -1);

// Engines whose EventTarget the shim supplies (no constructible EventTarget) and whose events
// come from document.createEvent: IE 11, Safari <= 9, Presto, Gecko 11-17, WebKit 2012.
const OWN_TARGET = ['ie11', 'safari-9', 'opera-12', 'firefox-15', 'webkit-2012'];

describe('legacy regressions (issue 12), through the UMD on the engine profiles', function () {
  this.timeout(20000);
  const suite = profileSuite('regression');
  const context = suite.context;
  const url = suite.url;

  describe("dispatchEvent with an engine's event (read-only target) on the package's EventTarget", function () {
    // An engine event as document.createEvent('Event') gives it: `target`, `currentTarget` and
    // `eventPhase` are getters on the prototype (IE 11, Presto, Gecko, QtWebKit: Node's Event
    // is the same shape), or read-only, non-configurable own properties (Safari <= 9).
    const kinds = {
      'prototype getters': () => {
        const ev = new Event('ping', { cancelable: true });
        return ev;
      },
      'own read-only properties': () => {
        const ev = { type: 'ping', defaultPrevented: false, cancelable: true };
        ev.preventDefault = function () {
          Object.defineProperty(ev, 'defaultPrevented', { value: true });
        };
        for (const k of ['target', 'currentTarget', 'srcElement']) Object.defineProperty(ev, k, { value: null, writable: false, configurable: false, enumerable: true });
        Object.defineProperty(ev, 'eventPhase', { value: 0, writable: false, configurable: false });
        return Object.preventExtensions(ev);
      }
    };
    for (const id of OWN_TARGET) {
      for (const [kind, make] of Object.entries(kinds)) {
        it(`${id}: ${kind}: listeners run with target and currentTarget the socket; preventDefault() counts`, function () {
          const h = context(id);
          expect(h.detect().features.constructibleEventTarget, 'the profile uses the package EventTarget').to.equal(false);
          const ws = new h.WebSocket(url('echo=0').href);
          const seen = [];
          ws.addEventListener('ping', (e) => seen.push([e.target === ws, e.currentTarget === ws, e.eventPhase, e.type]));
          ws.addEventListener('ping', (e) => e.preventDefault());
          ws.addEventListener('ping', { handleEvent: (e) => seen.push(['handleEvent', e.target === ws]) });
          const ev = make();
          let result;
          expect(() => (result = ws.dispatchEvent(ev))).to.not.throw();
          expect(seen).to.deep.equal([[true, true, 2, 'ping'], ['handleEvent', true]]);
          expect(result, 'dispatchEvent() returns false: a listener called preventDefault()').to.equal(false);
          expect(h.uncaught).to.deep.equal([]);
          ws.close();
        });
      }
      it(`${id}: stopImmediatePropagation() on an engine's event stops the package's dispatch`, function () {
        const h = context(id);
        const ws = new h.WebSocket(url('echo=0').href);
        const seen = [];
        ws.addEventListener('ping', (e) => {
          seen.push(1);
          e.stopImmediatePropagation();
        });
        ws.addEventListener('ping', () => seen.push(2));
        ws.dispatchEvent(new Event('ping'));
        expect(seen).to.deep.equal([1]);
        ws.close();
      });
    }
  });

  describe('no ArrayBuffer.prototype.slice (Firefox <= 11): send(arrayBuffer) on the queued path', function () {
    for (const id of ['firefox-15', 'ie10']) {
      for (const file of UMD_FILES) {
        it(`${id} (${file}): a Blob then an ArrayBuffer and a view, slice removed: every byte in order, copied at send()`, async function () {
          const h = context(id, { file });
          h.run('delete ArrayBuffer.prototype.slice;');
          expect(h.run('typeof ArrayBuffer.prototype.slice')).to.equal('undefined');
          const u = url('echo=0');
          const ws = new h.WebSocket(u.href);
          await on(ws, 'open');
          // A Blob first: it is read before it is sent (these engines), so what follows queues.
          ws.send(new Blob([new Uint8Array([0xb0, 0xb1])]));
          const ab = h.run('var __ab = new Uint8Array([1, 2, 3]).buffer; __ab');
          const view = h.run('var __v = new Uint8Array([9, 4, 5, 6, 9]).subarray(1, 4); __v');
          expect(() => ws.send(ab)).to.not.throw();
          expect(() => ws.send(view)).to.not.throw();
          // Changed after send(): what was sent is the bytes at the time of the call.
          h.run('new Uint8Array(__ab)[0] = 0xff; __v[0] = 0xff;');
          ws.close(1000);
          const rec = await suite.server.log(u.id);
          expect(rec.frames.map((f) => `${f.type} ${f.hex}`)).to.deep.equal(['binary b0b1', 'binary 010203', 'binary 040506']);
          expect(h.uncaught).to.deep.equal([]);
        });
      }
    }
  });

  describe("React Native loses binary messages with binaryType 'blob' (the default)", function () {
    // RN's Blob cannot be made from bytes (BlobManager); with BlobModule its WebSocket makes
    // the Blobs itself, without it every binary message is an ArrayBuffer.
    const rn = (id, blobModule) => {
      const p = structuredClone(byId(id));
      p.globals.web = { ...p.globals.web, Blob: 'rn' };
      p.engine.binaryType = { ...p.engine.binaryType, blobModule };
      return p;
    };
    for (const id of ['react-native-android', 'react-native-ios']) {
      for (const blobModule of [true, false]) {
        it(`${id}, ${blobModule ? 'with' : 'without'} BlobModule: every binary message delivered (${blobModule ? 'the engine makes the Blob' : 'as ArrayBuffer'}), none dropped, nothing uncaught`, async function () {
          const h = context(rn(id, blobModule));
          expect(() => h.run('new Blob([new Uint8Array(1)])'), 'control: RN Blob refuses bytes').to.throw(/not supported/);
          const r = h.detect();
          expect(r.features.blobFromBytes).to.equal(false);
          expect(r.unsupported.filter((x) => x.startsWith('blobFromBytes:')).length).to.equal(1);
          const ws = new h.WebSocket(url().href);
          const got = [];
          ws.addEventListener('message', (e) => got.push(e.data));
          await on(ws, 'open');
          expect(ws.binaryType).to.equal('blob');
          ws.send(h.run('new Uint8Array([1, 2, 3]).buffer'));
          ws.send('text');
          ws.send(h.run('new Uint8Array([4]).buffer'));
          while (got.length < 3) await new Promise((r) => setTimeout(r, 10));
          const kinds = got.map((d) => (typeof d === 'string' ? 'string' : tag(d)));
          const binary = blobModule ? 'Blob' : 'ArrayBuffer';
          expect(kinds).to.deep.equal([binary, 'string', binary]);
          const bytes = async (d) => hex(blobModule ? await d.arrayBuffer() : d);
          expect([await bytes(got[0]), got[1], await bytes(got[2])]).to.deep.equal(['010203', 'text', '04']);
          // binaryType 'arraybuffer': ArrayBuffers, from either engine setting.
          ws.binaryType = 'arraybuffer';
          ws.send(h.run('new Uint8Array([5]).buffer'));
          while (got.length < 4) await new Promise((r) => setTimeout(r, 10));
          expect([tag(got[3]), hex(got[3])]).to.deep.equal(['ArrayBuffer', '05']);
          expect(h.uncaught).to.deep.equal([]);
          ws.close();
        });
      }
    }
  });

  describe("close() on an engine whose close() takes no arguments (SPEC §4 as of 2026-12-03)", function () {
    for (const id of ['firefox-6', 'chrome-5', 'safari-5.1']) {
      it(`${id}: close(4000, 'bye') closes the socket (the peer sees 1005); detect() names the lost code`, async function () {
        const h = context(id);
        const u = url('echo=0');
        const ws = new h.WebSocket(u.href);
        await on(ws, 'open');
        const closed = on(ws, 'close');
        expect(() => ws.close(4000, 'bye')).to.not.throw();
        expect(ws.readyState).to.equal(2);
        await closed;
        expect(ws.readyState).to.equal(3);
        const rec = await suite.server.log(u.id);
        expect([rec.close.code, rec.close.hadBody]).to.deep.equal([1005, false]);
        expect(h.detect().unsupported.filter((x) => x.startsWith('closeCodeOnWire:'))).to.have.length(1);
      });
    }
  });

  describe('a page that declared `var WebSocket` (writable, non-configurable global)', function () {
    // Firefox 6-10 pages aliased MozWebSocket with a top-level `var` (a new global, not
    // configurable); where the engine has a WebSocket, old engines made the declared global
    // non-configurable too. Node's vm makes `var` globals configurable, so the page script
    // defines the property as a browser's `var` leaves it.
    const decl = (name) =>
      `var __native = this.${name}; Object.defineProperty(this, 'WebSocket', { value: __native, writable: true, enumerable: true, configurable: false });`;
    const PAGE = { 'firefox-6': decl('MozWebSocket'), 'firefox-8': decl('MozWebSocket'), 'safari-9': decl('WebSocket'), ie11: decl('WebSocket') };
    for (const id of Object.keys(PAGE)) {
      for (const file of UMD_FILES) {
        it(`${id} (${file}): the UMD loads and installs by assignment; uninstall() restores the same way`, function () {
          const h = context(id, { file, before: PAGE[id] });
          const d = Object.getOwnPropertyDescriptor(h.sandbox, 'WebSocket');
          expect([d.configurable, d.writable]).to.deep.equal([false, true]);
          expect(h.run('typeof WebSocketShim')).to.equal('object');
          expect(h.run('WebSocket === WebSocketShim.WebSocket && WebSocket !== __native')).to.equal(true);
          expect(h.run('WebSocketShim.uninstall()')).to.equal(true);
          expect(h.run('WebSocket === __native')).to.equal(true);
          const after = Object.getOwnPropertyDescriptor(h.sandbox, 'WebSocket');
          expect([after.configurable, after.writable, after.enumerable]).to.deep.equal([d.configurable, d.writable, d.enumerable]);
          expect(h.uncaught).to.deep.equal([]);
        });
      }
    }
  });

  describe('detect() runs its probes once', function () {
    for (const id of ['safari-9', 'ie11', 'react-native-android', 'firefox-6']) {
      it(`${id}: a second and third detect() read neither the user agent nor the engine again, and report the same`, function () {
        const h = context(id);
        const first = h.detect();
        let reads = 0;
        const nav = h.sandbox.navigator || {};
        const ua = nav.userAgent;
        const product = nav.product;
        h.sandbox.navigator = Object.defineProperties({}, {
          userAgent: { get: () => (reads++, ua), enumerable: true },
          product: { get: () => (reads++, product), enumerable: true }
        });
        expect([h.detect(), h.detect()]).to.deep.equal([first, first]);
        expect(reads, 'navigator reads by detect() after its first call').to.equal(0);
      });
    }
  });

  describe("the interface object inherits from an EventTarget the engine cannot construct (QtWebKit 5.212, Safari <= 9)", function () {
    // Web IDL: WebSocket's [[Prototype]] is EventTarget. Where the engine's EventTarget exists but
    // cannot be constructed, the package's own serves instances; the interface object still
    // inherits from the engine's (it reached nothing before: Function.prototype).
    for (const id of OWN_TARGET) {
      it(`${id}: Object.getPrototypeOf(WebSocket) is the engine's EventTarget where there is one; instances are EventTargets`, function () {
        const h = context(id);
        const ET = h.sandbox.EventTarget;
        const ws = new h.WebSocket(url('echo=0').href);
        if (typeof ET === 'function') {
          expect(Object.getPrototypeOf(h.WebSocket) === ET, '[[Prototype]] of the interface object').to.equal(true);
          expect(ws instanceof ET, 'instanceof EventTarget').to.equal(true);
        } else {
          expect(Object.getPrototypeOf(h.WebSocket) === h.run('Function.prototype'), 'no EventTarget: Function.prototype').to.equal(true);
        }
        ws.close();
      });
    }
  });
});

// A page of an engine of another age, in a Node `vm` context: a fresh realm whose globals are
// chosen (ES built-ins removed, web classes provided), with an engine double as its WebSocket,
// and the real UMD bundle loaded as a <script> would load it (it installs over that WebSocket
// on its own, reading `WebSocketShimOptions`). Reusable for historical browser profiles:
//
//   const host = createVmHost({
//     remove: ['Promise'],                          // globals the engine did not have
//     legacyBlob: true,                             // Blob without arrayBuffer + FileReader (below);
//                                                   // { readDelay: ms } for reads that take a while
//     provide: { navigator: { userAgent: '...' } }, // more globals: values, or function (realm, host)
//     engine: (realm, host) => createEngineDouble({ realm, Blob: host.Blob, report: host.report }),
//     options: { mode: 'strict', capabilities: { sendBlob: false } }, // WebSocketShimOptions
//     globalNames: ['window', 'self']               // the global's names for itself (default)
//   });
//   host.WebSocket        the installed class          host.shim   window.WebSocketShim
//   host.realm            the page's global (its ArrayBuffer, Uint8Array, ...)
//   host.uncaught         errors the page would report as uncaught (timers, event listeners)
//   host.bytesOf(blob)    a page Blob's bytes (Buffer), for assertions
//   host.dispose()
//
// The page's Blob (legacyBlob) is the Blob of Gecko < 69, Safari < 14 and IE: `size`, `type`,
// `slice()`, and no `arrayBuffer()`/`text()`/`stream()`; its FileReader reads asynchronously
// (a timer task), as those engines' FileReader did. `host.markUnreadable(blob)` makes a read
// fail with NotReadableError, as for a File whose file changed on disk.
//
// CommonJS, syntax no newer than Node 10.
'use strict';
const vm = require('vm');
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..', '..');

/**
 * Blob (no arrayBuffer) and FileReader (timer-based) for the realm `realm`. `readDelay`: ms a
 * read takes (a large or disk-backed Blob), default 0 (the next timer task).
 */
function createLegacyBlobClasses(realm, report, readDelay) {
  const bytes = new WeakMap();
  const unreadable = new WeakSet();
  const tagOf = (v) => Object.prototype.toString.call(v).slice(8, -1);

  function partBytes(p) {
    if (p && typeof p === 'object') {
      if (bytes.has(p)) return bytes.get(p);
      if (tagOf(p) === 'ArrayBuffer') return Buffer.from(new Uint8Array(p));
      if (ArrayBuffer.isView(p)) return Buffer.from(new Uint8Array(p.buffer, p.byteOffset, p.byteLength));
    }
    // Strings (USVString: lone surrogates become U+FFFD) and anything else by ToString.
    return Buffer.from(String(p), 'utf8');
  }

  function Blob(parts, options) {
    if (!(this instanceof Blob)) throw new TypeError("Failed to construct 'Blob': Please use the 'new' operator");
    const list = parts === undefined ? [] : Array.prototype.slice.call(parts);
    const buf = Buffer.concat(list.map(partBytes));
    bytes.set(this, buf);
    Object.defineProperty(this, 'size', { value: buf.length, enumerable: true });
    Object.defineProperty(this, 'type', { value: options && options.type ? String(options.type).toLowerCase() : '', enumerable: true });
  }
  Blob.prototype.slice = function (start, end, type) {
    const b = bytes.get(this);
    const n = b.length;
    const rel = (v, d) => (v === undefined ? d : v < 0 ? Math.max(n + v, 0) : Math.min(v, n));
    const s = rel(start, 0);
    const e = rel(end, n);
    const out = new Blob([], { type: type });
    bytes.set(out, Buffer.from(b.slice(s, Math.max(e, s))));
    Object.defineProperty(out, 'size', { value: Math.max(e - s, 0) });
    return out;
  };
  Object.defineProperty(Blob.prototype, Symbol.toStringTag, { value: 'Blob', configurable: true });

  function FileReader() {
    this.readyState = 0;
    this.result = null;
    this.error = null;
    this.onload = null;
    this.onerror = null;
    this.onabort = null;
    this.onloadend = null;
  }
  FileReader.EMPTY = 0;
  FileReader.LOADING = 1;
  FileReader.DONE = 2;
  FileReader.prototype.readAsArrayBuffer = function (blob) {
    if (!bytes.has(blob)) throw new TypeError("Failed to execute 'readAsArrayBuffer' on 'FileReader': parameter 1 is not of type 'Blob'.");
    if (this.readyState === 1) {
      const e = new Error('InvalidStateError');
      e.name = 'InvalidStateError';
      throw e;
    }
    const self = this;
    this.readyState = 1;
    setTimeout(function () {
      self.readyState = 2;
      let type = 'load';
      if (unreadable.has(blob)) {
        self.error = { name: 'NotReadableError', message: 'The requested file could not be read' };
        type = 'error';
      } else {
        const b = bytes.get(blob);
        const u = new realm.Uint8Array(b.length);
        u.set(b);
        self.result = u.buffer;
      }
      const fire = function (name) {
        const h = self['on' + name];
        if (typeof h !== 'function') return;
        try {
          h.call(self, { type: name, target: self });
        } catch (e) {
          report(e);
        }
      };
      fire(type);
      fire('loadend');
    }, readDelay || 0);
  };

  return {
    Blob: Blob,
    FileReader: FileReader,
    bytesOf: function (blob) {
      if (!bytes.has(blob)) throw new TypeError('not a page Blob: ' + tagOf(blob));
      return bytes.get(blob);
    },
    markUnreadable: function (blob) {
      unreadable.add(blob);
      return blob;
    }
  };
}

function createVmHost(options) {
  const o = options || {};
  const file = o.file || 'dist/websocket-shim.umd.js';
  const uncaught = [];
  const report = function (e) {
    uncaught.push(e);
  };
  const sandbox = {};
  const context = vm.createContext(sandbox);
  const run = function (code, filename) {
    return vm.runInContext(code, context, { filename: filename || 'page.js' });
  };
  const realm = run('this', 'realm.js');
  // A page's global names for itself (a worker has `self` only): engines before globalThis
  // (Node < 12's V8 among them) have no other way to reach the global object.
  const names = o.globalNames || ['window', 'self'];
  run(names.map((n) => 'this[' + JSON.stringify(n) + '] = this;').join('\n'), 'global-names.js');
  // Globals the engine did not have.
  const remove = o.remove || [];
  run(
    remove.map((n) => (n.indexOf('.') === -1 ? 'delete this[' + JSON.stringify(n) + '];' : 'delete ' + n + ';')).join('\n'),
    'remove-globals.js'
  );
  // Timers (functions only); an error thrown in a task is what the page reports as uncaught.
  const timer = function (set) {
    return function (fn, ms) {
      if (typeof fn !== 'function') throw new TypeError('timers: functions only');
      const args = Array.prototype.slice.call(arguments, 2);
      return set(function () {
        try {
          fn.apply(undefined, args);
        } catch (e) {
          report(e);
        }
      }, ms);
    };
  };
  sandbox.setTimeout = timer(setTimeout);
  sandbox.setInterval = timer(setInterval);
  sandbox.clearTimeout = function (id) {
    clearTimeout(id);
  };
  sandbox.clearInterval = function (id) {
    clearInterval(id);
  };
  const host = {
    context: context,
    realm: realm,
    run: run,
    uncaught: uncaught,
    report: report,
    Blob: null,
    FileReader: null,
    engine: null,
    bytesOf: null,
    markUnreadable: null
  };
  if (o.legacyBlob) {
    const web = createLegacyBlobClasses(realm, report, o.legacyBlob.readDelay);
    sandbox.Blob = web.Blob;
    sandbox.FileReader = web.FileReader;
    host.Blob = web.Blob;
    host.FileReader = web.FileReader;
    host.bytesOf = web.bytesOf;
    host.markUnreadable = web.markUnreadable;
  }
  const provide = o.provide || {};
  Object.keys(provide).forEach(function (name) {
    const v = provide[name];
    sandbox[name] = typeof v === 'function' && v.length === 2 && v.vmHostFactory ? v(realm, host) : v;
  });
  if (o.engine) {
    host.engine = o.engine(realm, host);
    Object.defineProperty(sandbox, o.engineName || 'WebSocket', { value: host.engine.Ctor, writable: true, configurable: true, enumerable: false });
  }
  if (o.options) sandbox.WebSocketShimOptions = o.options;
  run(fs.readFileSync(path.join(root, file), 'utf8'), file);
  host.shim = realm.WebSocketShim;
  Object.defineProperty(host, 'WebSocket', {
    get: function () {
      return realm.WebSocket;
    }
  });
  host.dispose = function () {
    if (host.engine && host.engine.closeAll) host.engine.closeAll();
  };
  return host;
}

/** Marks a `provide` entry as a factory called with (realm, host). */
function factory(fn) {
  const f = function (realm, host) {
    return fn(realm, host);
  };
  f.vmHostFactory = true;
  return f;
}

module.exports = { createVmHost: createVmHost, createLegacyBlobClasses: createLegacyBlobClasses, factory: factory };

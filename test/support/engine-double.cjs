// An engine double: a W3C-style WebSocket constructor over a REAL `ws` client, so bytes
// really travel to the test server, whose binary behaviour is chosen by options. Made for
// test/support/vm-host.cjs: it lives in Node's realm like a browser's native object, and
// makes the ArrayBuffers and Blobs it delivers in the page's realm.
//
// The defaults are Gecko 11–17 (QUIRKS.md §3, §4): send() knows strings and ArrayBuffers
// only — BCD/MDN "ArrayBuffer and String only" for 11–18, and "ArrayBufferView is not
// recognised and falls back to string conversion" — so a Blob goes out as the TEXT frame
// "[object Blob]" and a Uint8Array as the text "1,2,3"; binaryType is 'blob' or 'arraybuffer'
// and an invalid value throws an XPCOM error (NS_ERROR_ILLEGAL_VALUE), not a DOMException;
// bufferedAmount grows after close ("Always increment outgoing buffer len, even if closed").
// Such an engine ran without Promise (Firefox 29) and without Blob#arrayBuffer (Firefox 69):
// vm-host.cjs gives the page a Blob without arrayBuffer and a FileReader.
//
// CommonJS, syntax no newer than Node 10.
'use strict';
const WS = require('ws');

const tagOf = (v) => Object.prototype.toString.call(v).slice(8, -1);

const DEFAULTS = {
  /** 'text': String(blob) as a text frame (Gecko 11–17, hixie WebKit) | 'throw': TypeError (ws < 8.18) | 'send' */
  sendBlob: 'text',
  /** 'text': String(view) as a text frame (Gecko 11–17) | 'send': the viewed bytes */
  sendViews: 'text',
  /** binaryType values the engine knows; ['blob']: an engine that only gives Blobs */
  binaryTypes: ['blob', 'arraybuffer'],
  /** 'throw' (Gecko 11: NS_ERROR_ILLEGAL_VALUE) | 'ignore' | 'reset' (undici: back to 'blob') */
  invalidBinaryType: 'throw',
  /** The look of a browser's own constructor: Function.prototype.toString says "[native code]". */
  nativeCode: false,
  /** (data) → an error to throw from send(), or null: an engine that fails while taking data. */
  throwOnSend: null,
  /** (code, reason) → an error to throw from close(), or null. */
  throwOnClose: null,
  /** (blob, bytes): called for each Blob the engine delivers (a test may make it unreadable). */
  onBlob: null
};

/**
 * Creates an engine constructor.
 *   realm   the page's global (vm context): ArrayBuffer and Uint8Array of that realm
 *   Blob    the page's Blob class (binary messages with binaryType 'blob'); null: none
 *   report  how the page reports an uncaught error (a listener that throws)
 * Returns { Ctor, sockets, closeAll() }. Each entry of `sockets` is an engine socket; a test
 * may set `socket.failNextSend = error` or `socket.failClose = error` to make the engine throw
 * (RN Android's "Cannot send a message. Unknown WebSocket id", RN#8949; IE's send() when CLOSED).
 */
function createEngineDouble(opts) {
  const o = Object.assign({}, DEFAULTS, opts || {});
  const realm = o.realm;
  const sockets = [];
  const report = o.report || function (e) {
    throw e;
  };

  function realmArrayBuffer(buf) {
    const u = new realm.Uint8Array(buf.length);
    u.set(buf);
    return u.buffer;
  }

  function Engine(url, protocols) {
    if (!(this instanceof Engine)) {
      throw new TypeError("Failed to construct 'WebSocket': Please use the 'new' operator");
    }
    const self = this;
    this._readyState = 0;
    this._binaryType = 'blob';
    this._buffered = 0;
    this._listeners = {};
    this._failed = false;
    this.failNextSend = null;
    this.failClose = null;
    this.sent = []; // what this engine put on the wire: [type, Buffer]
    this.url = String(url);
    this.protocol = '';
    this.extensions = '';
    const list = protocols === undefined ? [] : Array.isArray(protocols) ? protocols.map(String) : [String(protocols)];
    const ws = new WS(this.url, list, { perMessageDeflate: false });
    this._ws = ws;
    sockets.push(this);
    ws.on('open', function () {
      if (self._readyState !== 0) return;
      self._readyState = 1;
      self.protocol = ws.protocol || '';
      self.extensions = ws.extensions || '';
      dispatch(self, { type: 'open', target: self });
    });
    ws.on('message', function (data, isBinary) {
      if (self._readyState !== 1) return;
      const buf = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
      let payload;
      if (isBinary === false || typeof data === 'string') payload = buf.toString('utf8');
      else if (self._binaryType === 'blob' && o.Blob) {
        payload = new o.Blob([realmArrayBuffer(buf)]);
        if (o.onBlob) o.onBlob(payload, buf);
      }
      else payload = realmArrayBuffer(buf);
      dispatch(self, { type: 'message', data: payload, origin: '', lastEventId: '', target: self });
    });
    ws.on('error', function () {
      self._failed = true;
    });
    ws.on('close', function (code, reason) {
      const wasOpen = self._readyState >= 1;
      self._readyState = 3;
      if (self._failed || code === 1006 || !wasOpen) {
        dispatch(self, { type: 'error', target: self });
        dispatch(self, { type: 'close', code: 1006, reason: '', wasClean: false, target: self });
      } else {
        dispatch(self, { type: 'close', code: code, reason: Buffer.from(reason || '').toString('utf8'), wasClean: true, target: self });
      }
    });
  }

  function dispatch(self, ev) {
    const list = (self._listeners[ev.type] || []).slice();
    const handler = self['on' + ev.type];
    if (typeof handler === 'function') list.push(handler);
    for (let i = 0; i < list.length; i++) {
      try {
        list[i].call(self, ev);
      } catch (e) {
        report(e);
      }
    }
  }

  const C = { CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3 };
  Object.keys(C).forEach(function (k) {
    Engine[k] = C[k];
    Engine.prototype[k] = C[k];
  });
  Object.defineProperty(Engine.prototype, 'readyState', {
    get: function () {
      return this._readyState;
    }
  });
  Object.defineProperty(Engine.prototype, 'bufferedAmount', {
    get: function () {
      return this._buffered;
    }
  });
  Object.defineProperty(Engine.prototype, 'binaryType', {
    get: function () {
      return this._binaryType;
    },
    set: function (v) {
      const t = String(v);
      if (o.binaryTypes.indexOf(t) !== -1) {
        this._binaryType = t;
        return;
      }
      if (o.invalidBinaryType === 'throw') {
        const e = new Error('Component returned failure code: 0x80070057 (NS_ERROR_ILLEGAL_VALUE)');
        e.name = 'NS_ERROR_ILLEGAL_VALUE';
        throw e;
      }
      if (o.invalidBinaryType === 'reset') this._binaryType = 'blob';
    }
  });
  Engine.prototype.addEventListener = function (type, fn) {
    const list = this._listeners[type] || (this._listeners[type] = []);
    if (typeof fn === 'function' && list.indexOf(fn) === -1) list.push(fn);
  };
  Engine.prototype.removeEventListener = function (type, fn) {
    const list = this._listeners[type] || [];
    const i = list.indexOf(fn);
    if (i !== -1) list.splice(i, 1);
  };

  Engine.prototype.send = function (data) {
    if (this._readyState === 0) {
      const e = new Error('INVALID_STATE_ERR');
      e.name = 'InvalidStateError';
      throw e;
    }
    if (this.failNextSend) {
      const err = this.failNextSend;
      this.failNextSend = null;
      throw err;
    }
    const thrown = o.throwOnSend ? o.throwOnSend(data) : null;
    if (thrown) throw thrown;
    const tag = tagOf(data);
    let type = 'text';
    let buf;
    if (tag === 'ArrayBuffer') {
      type = 'binary';
      buf = Buffer.from(new Uint8Array(data));
    } else if (tag === 'Blob' || tag === 'File') {
      if (o.sendBlob === 'throw') throw new TypeError('The first argument must be of type string or an instance of Buffer, ArrayBuffer, or Array or an Array-like Object. Received an instance of Blob');
      if (o.sendBlob === 'send') {
        type = 'binary';
        buf = o.bytesOfBlob(data);
      } else buf = Buffer.from(String(data), 'utf8');
    } else if (data && typeof data === 'object' && ArrayBuffer.isView(data)) {
      if (o.sendViews === 'send') {
        type = 'binary';
        buf = Buffer.from(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
      } else buf = Buffer.from(String(data), 'utf8');
    } else {
      buf = Buffer.from(String(data), 'utf8');
    }
    const size = buf.length;
    this._buffered += size;
    if (this._readyState !== 1) return; // Gecko: counted, even if closed
    const self = this;
    this.sent.push([type, buf]);
    this._ws.send(buf, { binary: type === 'binary' }, function () {
      self._buffered -= size;
    });
  };

  Engine.prototype.close = function (code, reason) {
    if (this.failClose) {
      const err = this.failClose;
      this.failClose = null;
      throw err;
    }
    const thrown = o.throwOnClose ? o.throwOnClose(code, reason) : null;
    if (thrown) throw thrown;
    if (this._readyState >= 2) return;
    const connecting = this._readyState === 0;
    this._readyState = 2;
    if (connecting) {
      this._failed = true;
      this._ws.terminate();
      return;
    }
    if (code === undefined) this._ws.close();
    else this._ws.close(code, reason);
  };

  let Ctor = Engine;
  if (o.nativeCode && typeof Proxy === 'function') {
    // Function.prototype.toString of a callable proxy is "function () { [native code] }".
    Ctor = new Proxy(Engine, {});
  }
  return {
    Ctor: Ctor,
    sockets: sockets,
    closeAll: function () {
      for (let i = 0; i < sockets.length; i++) {
        try {
          sockets[i]._ws.terminate();
        } catch (e) {
          // already gone
        }
      }
    }
  };
}

module.exports = { createEngineDouble: createEngineDouble, ENGINE_DEFAULTS: DEFAULTS };

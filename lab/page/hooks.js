// The host APIs the lab's copy of the check list (lab/build/checks.js) needs, as WSLabHooks:
// the engine's own where it has them, small fallbacks where it does not (IE 11 has no Promise,
// TextEncoder or URL; QtWebKit 5.212 and old Android WebViews lack some). ES5, and nothing here
// touches the page's globals: the checks get these through their wrapper, so the shim's
// detect() still sees the engine as it is.
(function (root, factory) {
  var api = factory(root);
  if (typeof module === 'object' && module && module.exports) module.exports = api;
  else root.WSLabHooks = api;
})(typeof self !== 'undefined' ? self : typeof global !== 'undefined' ? global : this, function (root) {
  'use strict';

  var later =
    typeof root.setImmediate === 'function'
      ? function (fn) { root.setImmediate(fn); }
      : function (fn) { setTimeout(fn, 0); };

  // --- Promise: resolve/reject/then/catch, Promise.resolve, Promise.race (what __awaiter and
  // the checks call). Callbacks run in a later task, in order.
  function LabPromise(executor) {
    var self = this;
    self._state = 0; // 0 pending, 1 fulfilled, 2 rejected
    self._value = undefined;
    self._queue = [];
    var done = false;
    function settle(state, value) {
      if (done) return;
      done = true;
      if (state === 1 && value && (typeof value === 'object' || typeof value === 'function')) {
        var then;
        try {
          then = value.then;
        } catch (e) {
          done = false;
          return settle(2, e);
        }
        if (typeof then === 'function') {
          done = false;
          var once = false;
          try {
            then.call(
              value,
              function (v) { if (!once) { once = true; settle(1, v); } },
              function (r) { if (!once) { once = true; settle(2, r); } }
            );
          } catch (e) {
            if (!once) { once = true; settle(2, e); }
          }
          return;
        }
      }
      self._state = state;
      self._value = value;
      var q = self._queue;
      self._queue = [];
      for (var i = 0; i < q.length; i++) self._run(q[i]);
    }
    try {
      executor(function (v) { settle(1, v); }, function (r) { settle(2, r); });
    } catch (e) {
      settle(2, e);
    }
  }
  LabPromise.prototype._run = function (h) {
    var self = this;
    later(function () {
      var fn = self._state === 1 ? h.ok : h.fail;
      if (typeof fn !== 'function') {
        if (self._state === 1) h.resolve(self._value);
        else h.reject(self._value);
        return;
      }
      var v;
      try {
        v = fn(self._value);
      } catch (e) {
        h.reject(e);
        return;
      }
      h.resolve(v);
    });
  };
  LabPromise.prototype.then = function (ok, fail) {
    var self = this;
    return new LabPromise(function (resolve, reject) {
      var h = { ok: ok, fail: fail, resolve: resolve, reject: reject };
      if (self._state === 0) self._queue.push(h);
      else self._run(h);
    });
  };
  LabPromise.prototype['catch'] = function (fail) {
    return this.then(undefined, fail);
  };
  LabPromise.resolve = function (v) {
    return v instanceof LabPromise ? v : new LabPromise(function (resolve) { resolve(v); });
  };
  LabPromise.reject = function (r) {
    return new LabPromise(function (resolve, reject) { reject(r); });
  };
  LabPromise.race = function (list) {
    return new LabPromise(function (resolve, reject) {
      for (var i = 0; i < list.length; i++) LabPromise.resolve(list[i]).then(resolve, reject);
    });
  };

  // --- UTF-8 (the checks compare text as UTF-8 bytes).
  function LabTextEncoder() {}
  LabTextEncoder.prototype.encode = function (s) {
    s = String(s);
    var out = [];
    for (var i = 0; i < s.length; i++) {
      var c = s.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
        var d = s.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          i++;
        } else c = 0xfffd;
      } else if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
      if (c < 0x80) out.push(c);
      else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
      else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
      else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    }
    return typeof Uint8Array === 'function' ? new Uint8Array(out) : out;
  };
  function LabTextDecoder() {}
  // Decodes like TextDecoder('utf-8'): each ill-formed sequence becomes U+FFFD.
  LabTextDecoder.prototype.decode = function (bytes) {
    var s = '';
    var i = 0;
    var n = bytes ? bytes.length : 0;
    while (i < n) {
      var b = bytes[i];
      var need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
      if (need < 0) {
        s += '\ufffd';
        i++;
        continue;
      }
      var c = need === 0 ? b : b & (0x3f >> need);
      var lo = b === 0xe0 ? 0xa0 : b === 0xf0 ? 0x90 : 0x80;
      var hi = b === 0xed ? 0x9f : b === 0xf4 ? 0x8f : 0xbf;
      var j = 1;
      for (; j <= need; j++) {
        var x = bytes[i + j];
        if (i + j >= n || x < lo || x > hi) break;
        c = (c << 6) | (x & 63);
        lo = 0x80;
        hi = 0xbf;
      }
      if (j <= need) {
        s += '\ufffd';
        i += j;
        continue;
      }
      i += need + 1;
      if (c >= 0x10000) {
        c -= 0x10000;
        s += String.fromCharCode(0xd800 + (c >> 10), 0xdc00 + (c & 1023));
      } else s += String.fromCharCode(c);
    }
    return s;
  };

  // --- URL: only what the checks ask of it (a path-absolute reference against the page's URL).
  function LabURL(ref, base) {
    var m = /^([a-zA-Z][a-zA-Z0-9+.-]*:)\/\/([^\/?#]*)/.exec(String(base));
    if (!m || String(ref).charAt(0) !== '/' || String(ref).charAt(1) === '/') throw new TypeError('LabURL: unsupported input');
    this.protocol = m[1].toLowerCase();
    // The scheme's default port is not serialized.
    this.host = m[2].toLowerCase().replace(this.protocol === 'http:' || this.protocol === 'ws:' ? /:80$/ : /:443$/, '');
    this.href = this.protocol + '//' + this.host + ref;
  }

  function own(name, fallback) {
    var v = root[name];
    return typeof v === 'function' ? v : fallback;
  }

  return {
    Promise: own('Promise', LabPromise),
    TextEncoder: own('TextEncoder', LabTextEncoder),
    TextDecoder: own('TextDecoder', LabTextDecoder),
    URL: typeof root.URL === 'function' && (function () {
      try {
        return new root.URL('/a', 'http://h/').href === 'http://h/a';
      } catch (e) {
        return false;
      }
    })() ? root.URL : LabURL,
    // No fallback: a check that tags an object with Symbol.toStringTag cannot run without one.
    Symbol: typeof root.Symbol === 'function' ? root.Symbol : undefined,
    startsWith: function (s, prefix) {
      s = String(s);
      prefix = String(prefix);
      return s.substring(0, prefix.length) === prefix;
    },
    repeat: function (s, n) {
      var out = '';
      for (var i = 0; i < n; i++) out += s;
      return out;
    },
    // For tests: the fallbacks themselves, whatever the engine has.
    fallbacks: { Promise: LabPromise, TextEncoder: LabTextEncoder, TextDecoder: LabTextDecoder, URL: LabURL }
  };
});

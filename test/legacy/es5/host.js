// Host prelude for the UMD bundle in a bare ES5 engine (duk, mujs, rhino, jsc). ES5 only.
//
// The runner writes `var __ENGINE = '<name>', __STRIP = [...];` before this file, then this
// prelude, then the bundle, then the test script, into one file the engine runs. The prelude
// gives the engine what a page would: `window`/`self` as the global, `console`, a timer queue
// (`setTimeout` that takes functions only; the test drains it, so every engine runs timers the
// same way, at the end of each step), and a scripted engine double `WebSocket` standing in for
// the native one. `__STRIP` names host globals to delete first (jsc: the ES2015 globals, so it
// behaves as an ES5-era JavaScriptCore and any unguarded use of them throws).
var __host = (function (global) {
  var i;
  for (i = 0; i < __STRIP.length; i++) {
    try {
      delete global[__STRIP[i]];
    } catch (e) {
      // a non-configurable global stays; the test reports typeof of each
    }
  }
  var out = typeof print === 'function' ? print : function (s) { console.log(s); };
  var slice = Array.prototype.slice;
  global.window = global;
  global.self = global;
  if (typeof global.console !== 'object' || !global.console) {
    global.console = { log: out, warn: out, error: out, info: out };
  }

  // --- timers: a queue drained by host.drain() ----------------------------------------
  var queue = [];
  var seq = 0;
  var now = 0;
  var uncaught = [];
  global.setTimeout = function setTimeout(fn, ms) {
    if (typeof fn !== 'function') throw new TypeError('setTimeout: functions only (as under a strict CSP)');
    seq++;
    queue.push({ id: seq, fn: fn, args: slice.call(arguments, 2), at: now + (+ms > 0 ? +ms : 0) });
    return seq;
  };
  global.clearTimeout = function clearTimeout(id) {
    for (var j = 0; j < queue.length; j++) {
      if (queue[j].id === id) {
        queue.splice(j, 1);
        return;
      }
    }
  };
  function drain(limit) {
    var n = 0;
    while (queue.length && n < (limit || 10000)) {
      var best = 0;
      for (var j = 1; j < queue.length; j++) {
        if (queue[j].at < queue[best].at || (queue[j].at === queue[best].at && queue[j].id < queue[best].id)) best = j;
      }
      var t = queue.splice(best, 1)[0];
      if (t.at > now) now = t.at;
      n++;
      try {
        t.fn.apply(undefined, t.args);
      } catch (e) {
        // What a page reports through window.onerror: an uncaught error in a task.
        uncaught.push(e);
      }
    }
    return n;
  }

  // --- the engine double: a W3C-style native WebSocket, scripted by the test ---------
  // Records every constructor call and every send/close with its exact arguments; the test
  // fires open/message/error/close. Events are plain objects (there is no Event class here).
  function FakeWebSocket(url) {
    if (!(this instanceof FakeWebSocket)) throw new TypeError('FakeWebSocket: use new');
    this.url = url;
    this.readyState = 0;
    this.protocol = '';
    this.extensions = '';
    this.bufferedAmount = 0;
    this.binaryType = 'blob';
    this.calls = [];
    this.listeners = {};
    this.args = slice.call(arguments);
    FakeWebSocket.instances.push(this);
  }
  FakeWebSocket.instances = [];
  FakeWebSocket.last = function () {
    return FakeWebSocket.instances[FakeWebSocket.instances.length - 1];
  };
  var names = ['CONNECTING', 'OPEN', 'CLOSING', 'CLOSED'];
  for (i = 0; i < names.length; i++) FakeWebSocket[names[i]] = FakeWebSocket.prototype[names[i]] = i;
  FakeWebSocket.prototype.addEventListener = function (type, fn) {
    (this.listeners[type] || (this.listeners[type] = [])).push(fn);
  };
  FakeWebSocket.prototype.removeEventListener = function (type, fn) {
    var list = this.listeners[type] || [];
    for (var j = 0; j < list.length; j++) {
      if (list[j] === fn) {
        list.splice(j, 1);
        return;
      }
    }
  };
  FakeWebSocket.prototype.send = function () {
    this.calls.push({ op: 'send', args: slice.call(arguments) });
  };
  FakeWebSocket.prototype.close = function () {
    this.calls.push({ op: 'close', args: slice.call(arguments) });
    if (this.readyState < 2) this.readyState = 2;
  };
  FakeWebSocket.prototype.fire = function (type, fields) {
    var ev = { type: type, target: this };
    if (fields) for (var k in fields) ev[k] = fields[k];
    if (type === 'open') this.readyState = 1;
    if (type === 'close') this.readyState = 3;
    var list = (this.listeners[type] || []).slice();
    for (var j = 0; j < list.length; j++) list[j].call(this, ev);
    if (typeof this['on' + type] === 'function') this['on' + type](ev);
  };
  // As Web IDL defines interface objects: writable, configurable, not enumerable.
  Object.defineProperty(global, 'WebSocket', { value: FakeWebSocket, writable: true, configurable: true, enumerable: false });
  global.FakeWebSocket = FakeWebSocket;

  return { engine: __ENGINE, print: out, drain: drain, uncaught: uncaught, strip: __STRIP };
})(this);

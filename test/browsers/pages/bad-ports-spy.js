// Before the script-tag build: the mode from the query (WebSocketShimOptions), and a spy around
// the engine's WebSocket that records every URL the engine is asked to connect to. A Proxy keeps
// the constructor's prototype, constants and statics, so the shim wraps it as the engine's own;
// where there is no Proxy, a plain wrapping constructor does the same.
(function () {
  // (No URLSearchParams: QtWebKit 5.212 has none.)
  var mode = /[?&]mode=([^&]*)/.exec(location.search);
  if (mode && mode[1]) window.WebSocketShimOptions = { mode: decodeURIComponent(mode[1]) };
  var Native = window.WebSocket;
  var calls = (window.__engineCalls = []);
  function record(url) {
    calls.push(String(url));
  }
  if (typeof Proxy === 'function') {
    window.WebSocket = new Proxy(Native, {
      construct: function (target, args, newTarget) {
        record(args[0]);
        return Reflect.construct(target, args, newTarget === window.WebSocket ? target : newTarget);
      }
    });
    return;
  }
  // No Proxy (QtWebKit 5.212): a constructor that records the URL and returns the engine's
  // socket, with the engine's prototype and constants, as a webview's own class would be.
  var Spy = function WebSocket(url, protocols) {
    record(url);
    return arguments.length > 1 ? new Native(url, protocols) : new Native(url);
  };
  Spy.prototype = Native.prototype;
  var names = ['CONNECTING', 'OPEN', 'CLOSING', 'CLOSED'];
  for (var i = 0; i < names.length; i++) Spy[names[i]] = Native[names[i]];
  window.WebSocket = Spy;
})();

// Before the script-tag build: the mode from the query (WebSocketShimOptions), and a spy around
// the engine's WebSocket that records every URL the engine is asked to connect to. A Proxy keeps
// the constructor's prototype, constants and statics, so the shim wraps it as the engine's own.
(function () {
  // (No URLSearchParams: QtWebKit 5.212 has none.)
  var mode = /[?&]mode=([^&]*)/.exec(location.search);
  if (mode && mode[1]) window.WebSocketShimOptions = { mode: decodeURIComponent(mode[1]) };
  var Native = window.WebSocket;
  var calls = (window.__engineCalls = []);
  window.WebSocket = new Proxy(Native, {
    construct: function (target, args, newTarget) {
      calls.push(String(args[0]));
      return Reflect.construct(target, args, newTarget === window.WebSocket ? target : newTarget);
    }
  });
})();

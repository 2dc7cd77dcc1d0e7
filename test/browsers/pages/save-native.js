// Runs before any copy of the shim: what the page had, for the install/uninstall pages.
(function () {
  var names = ['WebSocket', 'CloseEvent', 'MessageEvent'];
  var descriptors = {};
  for (var i = 0; i < names.length; i++) descriptors[names[i]] = Object.getOwnPropertyDescriptor(window, names[i]) || null;
  window.__saved = { WebSocket: window.WebSocket, CloseEvent: window.CloseEvent, MessageEvent: window.MessageEvent, descriptors: descriptors };
})();

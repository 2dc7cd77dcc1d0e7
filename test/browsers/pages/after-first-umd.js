// Runs between the two copies of the script-tag build: what the first one installed.
window.__first = { WebSocket: window.WebSocket, api: window.WebSocketShim };

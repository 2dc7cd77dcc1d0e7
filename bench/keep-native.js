window.NativeWebSocket = window.WebSocket;

// A tiny app that uses the ponyfill only (SPEC §1): no global is touched, and the bundle
// carries no install code.
import { WebSocket } from 'websocket-shim';

window.__appLoaded = 'ponyfill';
window.__ponyfillWebSocket = WebSocket;

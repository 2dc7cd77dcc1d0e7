/**
 * The Node ESM entries (dist/websocket-shim.node.mjs, dist/auto.node.mjs): a thin wrapper over
 * the CJS build next to it, so ESM and CJS in one Node process share one module state (as ws
 * does). A default import of the CJS file works on every Node with an ES module loader
 * (12.17+), before named CJS exports could be detected.
 */
// Resolved by rollup.config.mjs to ./websocket-shim.node.cjs or ./auto.node.cjs (src/types/node-cjs.d.ts).
import api from 'websocket-shim:node-cjs';

export const WebSocket = api.WebSocket;
export const CloseEvent = api.CloseEvent;
export const MessageEvent = api.MessageEvent;
export const install = api.install;
export const uninstall = api.uninstall;
export const detect = api.detect;
export const version = api.version;
export const createWebSocketClass = api.createWebSocketClass;
export default api;

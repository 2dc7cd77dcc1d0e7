/**
 * The Node.js entry (SPEC §5): the ponyfill, plus the `ws` package as the engine where
 * Node has no built-in WebSocket, `buffer.Blob` where there is no global Blob
 * (Node 14.18/15.7–17), and Node's own DOMException where it is not a global (11–16).
 * Runs on Node 10+: no globalThis, no global TextEncoder/EventTarget/DOMException needed.
 */
import './node-setup';

export * from './index';

/**
 * The Node.js entry (SPEC §5): the ponyfill, plus the `ws` package as the engine where
 * Node has no built-in WebSocket, and `buffer.Blob` where there is no global Blob
 * (Node 14.18/15.7–17).
 */
import { setNodeFallback } from './backends';
import { setFallbackBlob } from './blob';

declare const require: (id: string) => any;

setNodeFallback(function () {
  try {
    return require('ws');
  } catch (e) {
    return null;
  }
});
try {
  const B = require('buffer').Blob;
  if (typeof B === 'function') setFallbackBlob(B);
} catch (e) {
  // Node < 14.18: no Blob anywhere; binary messages stay ArrayBuffers (README).
}

export * from './index';

/**
 * What the Node.js entry (src/node.ts) sets up before the ponyfill's module runs: the Node
 * engines (`ws` where Node has no WebSocket, undici's quirks), Node's UTF-8 count, `buffer.Blob`
 * where there is no global Blob (Node 14.18/15.7–17) and Node's own DOMException where it is not
 * a global (11–16). A module of its own, imported first: the ponyfill's exports are made when
 * its module runs (src/index.ts), and the modern entry decides there whether it covers this
 * engine, so everything it asks about must be in place by then.
 */
import { setNodeEngines } from './backends';
import { nodeEngines } from './transports/node-engines';
import { watchUpgrades, releaseFailedUpgrade, forgetEstablished } from './transports/undici-upgrade';
import { setFallbackBlob } from './blob';
import { setNativeByteLength } from './utf8';
import { setDOMExceptionSource } from './errors';

declare const require: (id: string) => any;

// `ws` where Node has no WebSocket; undici >= 7.30 keeps the socket of a handshake it failed:
// released through its diagnostics channel.
setNodeEngines(
  nodeEngines(
    function () {
      try {
        return require('ws');
      } catch (e) {
        return null;
      }
    },
    {
      watch: function () {
        watchUpgrades();
      },
      release: releaseFailedUpgrade,
      opened: forgetEstablished
    }
  )
);
// bufferedAmount's UTF-8 count of a string: Node's native one (an unpaired surrogate counts 3
// bytes, as its U+FFFD does; test/unit/utf8 checks both counts agree).
try {
  const NodeBuffer = require('buffer').Buffer;
  if (NodeBuffer && typeof NodeBuffer.byteLength === 'function') {
    setNativeByteLength(function (str: string) {
      return NodeBuffer.byteLength(str, 'utf8');
    });
  }
} catch (e) {
  // the JavaScript count
}
try {
  const B = require('buffer').Blob;
  if (typeof B === 'function') setFallbackBlob(B);
} catch (e) {
  // Node < 14.18: no Blob anywhere; binary messages stay ArrayBuffers (README).
}
// Node 11–16: DOMException exists but is not a global; a MessagePort throws one (DataCloneError)
// for a value it cannot clone. Only asked where there is no global DOMException; Node 10 (no
// worker_threads without a flag) keeps the package's own class.
setDOMExceptionSource(function () {
  const MessageChannel = require('worker_threads').MessageChannel;
  const channel = new MessageChannel();
  try {
    channel.port1.postMessage(function () {});
  } catch (e: any) {
    return e && e.name === 'DataCloneError' ? e.constructor : null;
  } finally {
    channel.port1.close();
    channel.port2.close();
  }
  return null;
});


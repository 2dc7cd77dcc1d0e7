/**
 * What the wrapped engine cannot send, declared by the user where no probe can see it
 * (SPEC §1 "a way to wrap a given native constructor", §4): a webview's own class, a
 * script polyfill, an engine double in tests, an engine build the probes do not know. The
 * probes (src/engines/, src/backends.ts) already cover the engines QUIRKS.md names
 * (Gecko 11–17, ws, Node's built-in, React Native); a declaration can only take a capability
 * away, never claim one a probe found missing.
 *
 *   createWebSocketClass({ native: MyWebSocket, capabilities: { sendBlob: false } })
 *   install({ capabilities: { sendBlob: false, sendViews: false } })
 *   <script>WebSocketShimOptions = { capabilities: { sendBlob: false } }</script>
 */
import { Backend, Transport } from './transports/types';
import { copyBytes, isArrayBuffer, isArrayBufferView } from './webidl';
import { wrapTransport } from './transports/engine-calls';

export interface EngineCapabilities {
  /**
   * false: the engine cannot send a Blob (it throws, crashes, or sends the text
   * "[object Blob]"). The shim reads each Blob (`Blob#arrayBuffer`, else FileReader) and hands
   * the engine its bytes, in call order: later data waits behind it, close() too.
   */
  sendBlob?: boolean;
  /**
   * false: the engine sends ArrayBufferViews wrongly (as text, element by element, or empty).
   * The shim hands it an ArrayBuffer of exactly the viewed bytes.
   */
  sendViews?: boolean;
}

/** The backend with the declared capabilities taken away (the same object when nothing changes). */
export function applyCapabilities(backend: Backend, caps?: EngineCapabilities | null): Backend {
  if (!caps || typeof caps !== 'object') return backend;
  const noBlob = caps.sendBlob === false && backend.canSendBlob;
  const noViews = caps.sendViews === false;
  if (!noBlob && !noViews) return backend;
  const out: Backend = {} as Backend;
  for (const k in backend) (out as any)[k] = (backend as any)[k];
  out.quirks = backend.quirks.slice();
  if (noBlob) {
    out.canSendBlob = false;
    out.quirks.push('declaredCannotSendBlob');
  }
  if (noViews) {
    out.sendsViews = false;
    out.quirks.push('declaredCannotSendViews');
    out.create = function (url, protocols, options, events): Transport {
      const t = backend.create(url, protocols, options, events);
      return wrapTransport(t, {
        send: function (data) {
          // The class gives a Uint8Array for a view here; the engine gets an ArrayBuffer.
          t.send(typeof data !== 'string' && !isArrayBuffer(data) && isArrayBufferView(data) ? viewBuffer(data) : data);
        }
      });
    };
  }
  return out;
}

/** The view's buffer when the view covers all of it, else a copy of the viewed bytes. */
function viewBuffer(v: ArrayBufferView): ArrayBuffer {
  const b = v.buffer as ArrayBuffer;
  return v.byteOffset === 0 && v.byteLength === b.byteLength ? b : copyBytes(v);
}

/**
 * Which engine the WebSocket class wraps (SPEC §1 options, §5 Node): a constructor the
 * user gives, else the host's `WebSocket` (never one of our own), else `MozWebSocket`
 * (Gecko 6–10), else in Node the `ws` package. With none, a clear error naming `ws`.
 */
import { getGlobal } from './global';
import { domException } from './errors';
import { Backend } from './transports/types';
import { nativeBackend } from './transports/native';
import { isWsClass, wsBackend } from './transports/ws';
import { isShimClass } from './websocket';

const MARKER = '__websocketShim__';

let nodeFallback: (() => any) | null = null;

/** Node entry: how to load `ws` when the runtime has no WebSocket. */
export function setNodeFallback(loader: () => any): void {
  nodeFallback = loader;
}

function isNode(): boolean {
  const p = getGlobal().process;
  return !!(p && p.versions && typeof p.versions.node === 'string');
}

/** The host's native constructor, looking through an installed shim. */
export function hostNative(): { name: string; ctor: any } | null {
  const g = getGlobal();
  const marker = g[MARKER];
  if (marker && marker.native) return { name: marker.nativeName, ctor: marker.native };
  if (typeof g.WebSocket === 'function' && !isShimClass(g.WebSocket)) return { name: 'WebSocket', ctor: g.WebSocket };
  if (typeof g.MozWebSocket === 'function' || (g.MozWebSocket && typeof g.MozWebSocket === 'object')) {
    return { name: 'MozWebSocket', ctor: g.MozWebSocket };
  }
  return null;
}

/** Node's built-in WebSocket (undici): the deviations measured in QUIRKS §9. */
const UNDICI_QUIRKS = [
  'undiciSendBlobLostOnClose',
  'undiciRefusedConnectionNoClose',
  'undiciCloseInConnectingSynchronous',
  'undiciClampRoundsWrong',
  'undiciReasonWithoutCodeNoBody',
  'undiciBufferedAmountNotGrowingAfterClose',
  'undiciBinaryTypeResets',
  'undiciHandlerMovesToEnd'
];

export function backendFor(Native: any, name?: string): Backend {
  if (isWsClass(Native)) return wsBackend(Native);
  if (isNode()) {
    return nativeBackend(Native, {
      name: 'node-builtin',
      canSendBlob: false,
      sendsViews: false,
      passOptions: true,
      quirks: UNDICI_QUIRKS
    });
  }
  const quirks = name === 'MozWebSocket' ? ['prefixedMozWebSocket'] : [];
  return nativeBackend(Native, { name: 'browser', quirks: quirks });
}

/** Node without a built-in WebSocket: the `ws` backend, when the package can be loaded. */
export function fallbackBackend(): Backend | null {
  const WS = nodeFallback ? nodeFallback() : null;
  return WS ? wsBackend(WS) : null;
}

/** The backend for a class created without an explicit native; throws when there is none. */
export function resolveBackend(): Backend {
  const host = hostNative();
  if (host) return backendFor(host.ctor, host.name);
  const fallback = fallbackBackend();
  if (fallback) return fallback;
  if (nodeFallback) {
    throw domException(
      'NotSupportedError',
      "websocket-shim: this Node.js has no built-in WebSocket and the 'ws' package is not installed. Run: npm install ws"
    );
  }
  throw domException('NotSupportedError', 'websocket-shim: this runtime has no WebSocket implementation to wrap.');
}

export { MARKER };

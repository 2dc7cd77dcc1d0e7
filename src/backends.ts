/**
 * Which engine the WebSocket class wraps (SPEC §1 options, §5 Node): a constructor the
 * user gives, else the host's `WebSocket` (never one of our own), else `MozWebSocket`
 * (Gecko 6–10), else in Node the `ws` package. With none, a clear error naming `ws`.
 */
import { getGlobal } from './global';
import { domException } from './errors';
import { Backend } from './transports/types';
import { nativeBackend } from './transports/native';
import { isWsClass } from './transports/ws';
import { legacyBackend } from './transports/legacy';
import { hostSignals, isWebKitNotBlink } from './engines/signals';
import { isShimClass } from './websocket';

const MARKER = '__websocketShim__';

/** The Node engines (src/transports/node-engines.ts), registered by the Node entry only. */
export interface NodeEngines {
  /** The backend for the `ws` package's class; null for any other constructor. */
  ws(Native: any): Backend | null;
  /** The backend for Node's built-in WebSocket (undici); null for any other constructor. */
  undici(Native: any): Backend | null;
  /** Node without a global WebSocket: `ws` where it is installed, else null. */
  fallback(): Backend | null;
}

let node: NodeEngines | null = null;

/** Node entry: the Node engines (the browser and script-tag builds have none). */
export function setNodeEngines(engines: NodeEngines): void {
  node = engines;
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

/**
 * Whether a constructor is undici's WebSocket (Node's built-in, or the `undici` package's), or
 * a class extending it: only that one takes a WebSocketInit second argument. An Electron/NW.js
 * renderer's class (Chromium's) or another native a user gives in Node is not (issue 10, item 4).
 */
export function isUndici(Native: any): boolean {
  const g = getGlobal();
  const p = g.process;
  if (!p || !p.versions || typeof p.versions.undici !== 'string') return false;
  for (let C = Native, i = 0; typeof C === 'function' && i < 8; C = Object.getPrototypeOf(C), i++) {
    let src = '';
    try {
      src = Function.prototype.toString.call(C);
    } catch (e) {
      return false;
    }
    // undici's constructor converts its second argument as "... or WebSocketInit" (source text).
    if (src.indexOf('[native code]') === -1 && src.indexOf('WebSocketInit') !== -1) return true;
  }
  return false;
}

export function backendFor(Native: any, name?: string): Backend {
  const ws = node && node.ws(Native);
  if (ws) return ws;
  // Legacy engines and non-Node runtimes (src/engines/registry.ts); before isNode(): Bun and Deno 2 define `process`.
  const legacy = legacyBackend(Native, name);
  if (legacy) return legacy;
  if (isNode()) {
    const undici = node && node.undici(Native);
    if (undici) return undici;
    // A browser or script-tag build loaded in Node: it has no Node engines to wrap them with.
    if (!node && (isWsClass(Native) || isUndici(Native))) return nodeBuildOnly(Native);
  }
  const quirks = name === 'MozWebSocket' ? ['prefixedMozWebSocket'] : [];
  // WebKit drops a Blob still being read when close() comes, and all sent after it: read here
  // (the WebKit sniff of src/engines/signals.ts, shared with the legacy WebKit families).
  const webkit = isWebKitNotBlink(hostSignals(Native, name));
  if (webkit) quirks.push('webkitBlobLostOnClose');
  return nativeBackend(Native, { name: 'browser', quirks: quirks, canSendBlob: !webkit });
}

/** Node without a built-in WebSocket: the `ws` backend, when the package can be loaded. */
export function fallbackBackend(): Backend | null {
  return node ? node.fallback() : null;
}

/**
 * `ws` or Node's built-in WebSocket seen by a build without the Node engines (the script-tag or
 * browser build loaded in Node): installing works, a connection fails loudly (SPEC §4) and
 * detect() says why, rather than wrapping the engine without normalizing its quirks.
 */
function nodeBuildOnly(Native: any): Backend {
  const why = "this build of websocket-shim is for browsers; in Node.js import or require 'websocket-shim', which resolves its Node build";
  return {
    name: 'node-build-only',
    native: Native,
    canSendBlob: false,
    sendsViews: false,
    quirks: [],
    unsupported: ['nodeBuild: ' + why],
    create: function () {
      throw domException('NotSupportedError', 'websocket-shim: ' + why + '.');
    }
  };
}

/** The backend for a class created without an explicit native; throws when there is none. */
export function resolveBackend(): Backend {
  const host = hostNative();
  if (host) return backendFor(host.ctor, host.name);
  const fallback = fallbackBackend();
  if (fallback) return fallback;
  if (node) {
    throw domException(
      'NotSupportedError',
      "websocket-shim: this Node.js has no built-in WebSocket and the 'ws' package is not installed. Run: npm install ws"
    );
  }
  throw domException('NotSupportedError', 'websocket-shim: this runtime has no WebSocket implementation to wrap.');
}

export { MARKER };

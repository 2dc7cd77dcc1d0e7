/**
 * Which engine the WebSocket class wraps (SPEC §1 options, §5 Node): a constructor the
 * user gives, else the host's `WebSocket` (never one of our own), else `MozWebSocket`
 * (Gecko 6–10), else in Node the `ws` package. With none, a clear error naming `ws`.
 */
import { getGlobal } from './global';
import { domException } from './errors';
import { Backend } from './transports/types';
import { nativeBackend, FailedHandshakeRelease } from './transports/native';
import { isWsClass, wsBackend } from './transports/ws';
import { legacyBackend } from './transports/legacy';
import { hostSignals, isWebKitNotBlink } from './engines/signals';
import { isShimClass } from './websocket';

const MARKER = '__websocketShim__';

let nodeFallback: (() => any) | null = null;
let undiciUpgrades: FailedHandshakeRelease | null = null;

/** Node entry: how to load `ws` when the runtime has no WebSocket. */
export function setNodeFallback(loader: () => any): void {
  nodeFallback = loader;
}

/** Node entry: how to release the socket of a handshake undici failed (src/transports/undici-upgrade.ts). */
export function setUndiciUpgradeRelease(release: FailedHandshakeRelease): void {
  undiciUpgrades = release;
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

/** The runtime's undici version (process.versions.undici) as [major, minor], or null. */
function undiciVersion(): number[] | null {
  const p = getGlobal().process;
  const v = p && p.versions && p.versions.undici;
  const m = typeof v === 'string' ? /^(\d+)\.(\d+)\./.exec(v) : null;
  return m ? [+m[1], +m[2]] : null;
}

/** Whether the runtime's undici is older than major.minor (false when unknown). */
function undiciBelow(major: number, minor: number): boolean {
  const v = undiciVersion();
  return !!v && (v[0] < major || (v[0] === major && v[1] < minor));
}

/**
 * Whether a constructor is undici's WebSocket (Node's built-in, or the `undici` package's), or
 * a class extending it: only that one takes a WebSocketInit second argument. An Electron/NW.js
 * renderer's class (Chromium's) or another native a user gives in Node is not (issue 10, item 4).
 */
function isUndici(Native: any): boolean {
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
  if (isWsClass(Native)) return wsBackend(Native);
  // Legacy engines and non-Node runtimes (src/engines/registry.ts); before isNode(): Bun and Deno 2 define `process`.
  const legacy = legacyBackend(Native, name);
  if (legacy) return legacy;
  if (isNode() && isUndici(Native)) {
    const quirks = UNDICI_QUIRKS.slice();
    const unsupported: string[] = [];
    // undici < 6.16.0 (Node 21, early 20.x/22.x; nodejs/undici#3202): a message with an empty
    // payload that ends a TCP read is held until the next frame arrives. The shim cannot see
    // it before undici hands it over, so it can only say so.
    if (undiciBelow(6, 16)) {
      quirks.push('undiciEmptyMessageHeldUntilNextFrame');
      unsupported.push('emptyMessagePrompt: undici < 6.16 holds a message with an empty payload until the next frame arrives');
    }
    // undici before 6.29 / 7.29 (measured: 6.11–6.23, 7.8, 7.16): a server that selects a
    // subprotocol none was asked for makes undici throw an uncaught TypeError in its own
    // handshake code (`.includes` of null), ending the process; the shim is not on that stack.
    const undici = undiciVersion();
    if (undici && (undici[0] <= 6 ? undiciBelow(6, 29) : undici[0] === 7 && undici[1] < 29)) {
      quirks.push('undiciThrowsOnUnrequestedProtocol');
      unsupported.push('unrequestedProtocol: undici < 6.29 / < 7.29 throws an uncaught TypeError when a server selects a subprotocol none was asked for');
    }
    // undici >= 7.30 (Node 24.22.3): a handshake failed after the server's 101 keeps its socket
    // open (the peer sees an open connection; the process never exits). The Node entry releases it.
    const keepsSocket = !!undici && !undiciBelow(7, 30) && undiciUpgrades !== null;
    if (keepsSocket) quirks.push('undiciKeepsSocketAfterFailedHandshake');
    return nativeBackend(Native, {
      failedHandshake: keepsSocket ? undiciUpgrades! : undefined,
      name: 'node-builtin',
      canSendBlob: false,
      sendsViews: false,
      optionsAs: 'init',
      takesEngineEvents: true,
      quirks: quirks,
      unsupported: unsupported
    });
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

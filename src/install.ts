/**
 * install / uninstall and the install marker shared by every copy of the package on a
 * page (ESM, CJS, UMD, several versions): one global key records what was installed and
 * what was there before, so installing twice never wraps twice and uninstall restores
 * exactly what was there (SPEC §1).
 */
import { getGlobal, hasOwn } from './global';
import { createWebSocketClass, WebSocketClass } from './websocket';
import { getEventClasses } from './events';
import { getTargetKind } from './event-target';
import { backendFor, fallbackBackend, hostNative, MARKER } from './backends';
import { Backend } from './transports/types';
import { Mode, toMode } from './modes';
import { version } from './version';
import { requireEntrySupport } from './entry-support';
import { applyCapabilities, EngineCapabilities } from './capabilities';

export interface InstallOptions {
  /** 'strict' (default) or 'standard' (SPEC §3). */
  mode?: Mode;
  /** Wrap this constructor instead of the host's (a webview's class, `ws`, a test double). */
  native?: any;
  /** What the engine cannot send, where no probe can see it (README "Binary data"). */
  capabilities?: EngineCapabilities;
}

interface Marker {
  version: string;
  mode: Mode;
  installed: WebSocketClass;
  native: any;
  nativeName: string | null;
  /** install()'s `capabilities`, for detect(). */
  capabilities: EngineCapabilities | null;
  saved: { [name: string]: PropertyDescriptor | null };
  /** The backend the installed class uses: a mode switch keeps it. */
  backend?: Backend;
}

/** The globals install() replaces (SPEC §1: uninstall restores exactly what was there). */
const GLOBALS = ['WebSocket', 'CloseEvent', 'MessageEvent'];

/**
 * Their property descriptors as this copy of the package found them when it loaded, taken
 * before any of its code reads a value: Node 20/21 (`--experimental-websocket`) define
 * `globalThis.WebSocket` as a lazy accessor that turns into a data property on its first
 * read, and the ponyfill or detect() may read it before install() runs. Taken when this module
 * is evaluated: before the entry's own body (src/index.ts reads MessageEvent and CloseEvent
 * there); no module evaluated before this one reads them. Marked pure: a bundle that never
 * calls install() (the ponyfill) drops it with the rest of the install code.
 */
const descriptorsAtLoad = /*#__PURE__*/ snapshotGlobals();

function snapshotGlobals(): { [name: string]: PropertyDescriptor | undefined } {
  const out: { [name: string]: PropertyDescriptor | undefined } = {};
  try {
    const g = getGlobal();
    for (let i = 0; i < GLOBALS.length; i++) out[GLOBALS[i]] = Object.getOwnPropertyDescriptor(g, GLOBALS[i]);
  } catch (e) {
    // No global object found: install() will say so.
  }
  return out;
}

export function getMarker(): Marker | null {
  const g = getGlobal();
  return hasOwn(g, MARKER) ? g[MARKER] : null;
}

/**
 * Installs the patched WebSocket on the global object; returns the installed constructor.
 * Where there is no engine to wrap (no WebSocket, no MozWebSocket, no `ws` in Node: Android
 * browser <= 4.3, Node < 22 without ws), it changes nothing and returns null, so pages and
 * libraries that test `typeof WebSocket` still choose their own fallback.
 */
export function install(options?: InstallOptions): WebSocketClass | null {
  // The modern entry refuses an engine it does not cover (src/modern/entry-support.ts).
  requireEntrySupport();
  const existing = getMarker();
  const o = options || {};
  if (existing) return o.mode === undefined ? existing.installed : switchMode(existing, toMode(o.mode));
  const mode = toMode(o.mode);
  const g = getGlobal();
  // Saved before anything reads the globals: reading one of Node's lazy globals (an
  // accessor) turns it into a data property, and uninstall must restore the accessor.
  const saved: { [name: string]: PropertyDescriptor | null } = {};
  for (let i = 0; i < GLOBALS.length; i++) saved[GLOBALS[i]] = descriptorBeforeUs(g, GLOBALS[i]);
  const host = o.native ? { name: 'custom', ctor: o.native } : hostNative();
  const fallback = host ? null : fallbackBackend();
  if (!host && !fallback) return null;
  const backend = applyCapabilities(host ? backendFor(host.ctor, host.name) : fallback!, o.capabilities);
  const Ctor = createWebSocketClass({ mode: mode, backend: backend });
  const events = getEventClasses(getTargetKind().native);
  const marker: Marker = {
    version: version,
    mode: mode,
    installed: Ctor,
    native: host ? host.ctor : null,
    nativeName: host ? host.name : null,
    capabilities: o.capabilities || null,
    saved: saved,
    backend: backend
  };
  // The globals first, the marker last (issue 10, item 7): a global that cannot be replaced
  // (a non-configurable WebSocket) undoes what was set and throws, leaving no marker that says
  // the shim is installed.
  try {
    setGlobal(g, 'WebSocket', Ctor);
    // Where the engine has none (Node 20–22, IE, Firefox < 8), the package's event classes.
    if (typeof g.CloseEvent !== 'function') setGlobal(g, 'CloseEvent', events.CloseEvent);
    if (typeof g.MessageEvent !== 'function') setGlobal(g, 'MessageEvent', events.MessageEvent);
  } catch (e) {
    restoreGlobals(g, saved);
    throw e;
  }
  Object.defineProperty(g, MARKER, { value: marker, configurable: true, enumerable: false, writable: false });
  return Ctor;
}

/**
 * install({ mode }) after an install in another mode (every script-tag page has one): never a
 * class of another mode than asked for. The global becomes a class in the new mode on the same
 * engine; sockets opened before keep the mode they were made in.
 */
function switchMode(marker: Marker, mode: Mode): WebSocketClass {
  if (marker.mode === mode) return marker.installed;
  let backend = marker.backend;
  if (!backend) {
    // A marker written by another copy of the package that does not record its backend.
    const fallback = marker.native ? null : fallbackBackend();
    if (!marker.native && !fallback) throw new Error('websocket-shim: cannot switch to ' + mode + ' mode: no engine to wrap');
    backend = applyCapabilities(marker.native ? backendFor(marker.native, marker.nativeName || undefined) : fallback!, marker.capabilities || undefined);
  }
  const Ctor = createWebSocketClass({ mode: mode, backend: backend });
  marker.installed = Ctor;
  marker.mode = mode;
  marker.backend = backend;
  setGlobal(getGlobal(), 'WebSocket', Ctor);
  return Ctor;
}

/**
 * What a global was before this package touched it. Where it was an accessor when the package
 * loaded and is now a data property holding the value that accessor gives, the read that
 * turned it into one was (or might have been) ours: the accessor is what was there (Node
 * 20/21's lazy `WebSocket`). Asking the saved getter may define the property again (Node's
 * does, the first time): whatever it did is undone.
 */
function descriptorBeforeUs(g: any, name: string): PropertyDescriptor | null {
  const now = Object.getOwnPropertyDescriptor(g, name);
  const atLoad = descriptorsAtLoad[name];
  if (now && atLoad && typeof atLoad.get === 'function' && atLoad.configurable && hasOwn(now, 'value')) {
    let lazy: unknown;
    try {
      lazy = atLoad.get.call(g);
    } catch (e) {
      lazy = {};
    }
    Object.defineProperty(g, name, now);
    if (lazy === now.value) return atLoad;
  }
  return now || null;
}

/** Puts back the saved descriptors (or removes what was not there); best effort. */
function restoreGlobals(g: any, saved: { [name: string]: PropertyDescriptor | null }): void {
  for (let i = 0; i < GLOBALS.length; i++) {
    const name = GLOBALS[i];
    const before = saved[name];
    try {
      const now = Object.getOwnPropertyDescriptor(g, name);
      if (before) {
        if (!now || now.value !== before.value || now.get !== before.get) Object.defineProperty(g, name, before);
      } else if (now) delete g[name];
    } catch (e) {
      // A global that cannot be changed back was not changed either.
    }
  }
}

function setGlobal(g: any, name: string, value: unknown): void {
  try {
    // The same shape as the Web IDL interface objects: writable, configurable, not enumerable.
    Object.defineProperty(g, name, { value: value, writable: true, configurable: true, enumerable: false });
    return;
  } catch (e) {
    // A non-configurable global (a page's top-level `var WebSocket`): assigned if writable.
    const d = Object.getOwnPropertyDescriptor(g, name);
    if (!d || !d.writable) throw new TypeError("websocket-shim: cannot install: the global '" + name + "' cannot be replaced");
  }
  g[name] = value;
  if (g[name] !== value) throw new TypeError("websocket-shim: cannot install: the global '" + name + "' cannot be replaced");
}

/** Removes the installed WebSocket and restores what was there; false when nothing was installed. */
export function uninstall(): boolean {
  const marker = getMarker();
  if (!marker) return false;
  const g = getGlobal();
  for (let i = 0; i < GLOBALS.length; i++) {
    const name = GLOBALS[i];
    const before = marker.saved[name];
    if (before) Object.defineProperty(g, name, before);
    else delete g[name];
  }
  delete g[MARKER];
  return true;
}

/**
 * The global object of the host, found without `globalThis` (Node 10, IE, duktape)
 * and without `Function('return this')` (forbidden under a strict CSP).
 */
declare const global: unknown;
declare const self: unknown;
declare const window: unknown;

export type AnyGlobal = { [key: string]: any };

export function getGlobal(): AnyGlobal {
  if (typeof globalThis === 'object' && globalThis) return globalThis as unknown as AnyGlobal;
  if (typeof self === 'object' && self) return self as AnyGlobal;
  if (typeof window === 'object' && window) return window as AnyGlobal;
  if (typeof global === 'object' && global) return global as AnyGlobal;
  throw new Error('websocket-shim: cannot find the global object');
}

export function hasOwn(obj: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key);
}

/** `Object.prototype.toString` tag: recognises values from any realm (iframes, vm contexts). */
export function tagOf(value: unknown): string {
  return Object.prototype.toString.call(value).slice(8, -1);
}

/** Run `fn` in a later task (setTimeout 0), the way the spec "queues a task". */
export function queueTask(fn: () => void): void {
  setTimeout(fn, 0);
}

/** The globals install() replaces (SPEC §1: uninstall restores exactly what was there). */
export const REPLACED_GLOBALS = ['WebSocket', 'CloseEvent', 'MessageEvent'];

/**
 * Their property descriptors as this copy of the package found them when it loaded, taken
 * before any of its code reads a value: Node 20/21 (`--experimental-websocket`) define
 * `globalThis.WebSocket` as a lazy accessor that turns into a data property on its first
 * read, and the ponyfill or detect() may read it before install() runs.
 */
export const descriptorsAtLoad: { [name: string]: PropertyDescriptor | undefined } = {};
(function () {
  try {
    const g = getGlobal();
    for (let i = 0; i < REPLACED_GLOBALS.length; i++) {
      descriptorsAtLoad[REPLACED_GLOBALS[i]] = Object.getOwnPropertyDescriptor(g, REPLACED_GLOBALS[i]);
    }
  } catch (e) {
    // No global object found: install() will say so.
  }
})();

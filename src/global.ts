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

/**
 * An ArrayBuffer by its tag (any realm), with instanceof first for this realm's: the tag costs
 * ~200 ns per call in Node 24 (issue 13). Not a brand check (webidl.ts isArrayBuffer is one).
 */
export function isArrayBufferTagged(value: unknown): boolean {
  return (typeof ArrayBuffer !== 'undefined' && value instanceof ArrayBuffer) || tagOf(value) === 'ArrayBuffer';
}

/** Run `fn` in a later task (setTimeout 0), the way the spec "queues a task". */
export function queueTask(fn: () => void): void {
  setTimeout(fn, 0);
}


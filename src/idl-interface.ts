/**
 * Interface objects as Web IDL defines them (SPEC §2 "Interface objects"; Web IDL §3.7):
 * what makes the package's WebSocket and event classes look like the engine's own interfaces
 * to code and to the Web IDL test harness. Each helper does what the engine can express and
 * leaves the rest as it is: on ES5 engines a function's `name` is not configurable, and there
 * is no `Object.setPrototypeOf` or `Symbol.toStringTag`.
 */
import { getGlobal } from './global';

/** Names a function (`get url`, `CloseEvent`) where `name` is configurable (ES2015+). */
export function setFunctionName(fn: Function, name: string): void {
  try {
    Object.defineProperty(fn, 'name', { value: name, configurable: true });
  } catch (e) {
    // ES5 engines: `name` is non-configurable (or absent); the function keeps its own.
  }
}

/**
 * A regular attribute (Web IDL §3.7.6): an accessor on the prototype, enumerable and
 * configurable, its getter named `get <name>` (length 0), its setter `set <name>` (length 1),
 * or no setter for a readonly attribute. `get` and `set` do the brand check themselves.
 */
export function defineAttribute(
  proto: object,
  name: string,
  get: (this: any) => unknown,
  set?: (this: any, value: unknown) => void
): void {
  setFunctionName(get, 'get ' + name);
  if (set) setFunctionName(set, 'set ' + name);
  Object.defineProperty(proto, name, { get: get, set: set, enumerable: true, configurable: true });
}

/** A regular operation (Web IDL §3.7.7): writable, enumerable, configurable, named. */
export function defineOperation(proto: object, name: string, fn: Function): void {
  setFunctionName(fn, name);
  Object.defineProperty(proto, name, { value: fn, writable: true, enumerable: true, configurable: true });
}

/**
 * The interface object's own shape (Web IDL §3.7.1, §3.7.3): `name`; `prototype` neither
 * writable, enumerable nor configurable; its [[Prototype]] the parent interface object (so
 * `Object.getPrototypeOf(CloseEvent) === Event` and statics inherit); the prototype's
 * `Symbol.toStringTag` (so `String(new CloseEvent('close'))` is `[object CloseEvent]`).
 */
export function finishInterface(Ctor: any, name: string, Parent: any): void {
  setFunctionName(Ctor, name);
  if (Parent && typeof Object.setPrototypeOf === 'function') {
    try {
      Object.setPrototypeOf(Ctor, Parent);
    } catch (e) {
      // An engine that refuses (a frozen function): statics stay on the object itself.
    }
  }
  const S = getGlobal().Symbol;
  if (S && typeof S.toStringTag === 'symbol') {
    Object.defineProperty(Ctor.prototype, S.toStringTag, { value: name, writable: false, enumerable: false, configurable: true });
  }
  try {
    Object.defineProperty(Ctor, 'prototype', { writable: false, enumerable: false, configurable: false });
  } catch (e) {
    // Not expected (a function's prototype can always be made read-only); never break the class.
  }
}

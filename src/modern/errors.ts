/**
 * The modern entry's DOMException: the engine's own, always (SPEC §2 "Errors"). No package
 * class: an engine without a constructible DOMException is refused (src/modern/entry-support.ts).
 */
import { getGlobal } from '../global';
import type { DOMExceptionConstructor, DOMExceptionLike } from '../errors';

export type { DOMExceptionConstructor, DOMExceptionLike };

/** The engine's DOMException when it can be constructed and reports legacy codes, else null. */
export function nativeDOMException(): DOMExceptionConstructor | null {
  const Native = getGlobal().DOMException;
  try {
    const probe = new Native('probe', 'SyntaxError');
    if (probe.name === 'SyntaxError' && probe.code === 12 && probe instanceof Error) return Native;
  } catch (e) {
    // None, or not constructible.
  }
  return null;
}

export function getDOMException(): DOMExceptionConstructor {
  return getGlobal().DOMException;
}

export function domException(name: string, message: string): DOMExceptionLike {
  return new (getDOMException())(message, name);
}

export function isDOMException(value: unknown, name?: string): boolean {
  const Native = getGlobal().DOMException;
  return typeof Native === 'function' && value instanceof Native && (name === undefined || (value as DOMExceptionLike).name === name);
}

/** The full build's Node 11–16 hook (src/node.ts): every engine the modern entry runs on has the global. */
export function setDOMExceptionSource(_find: () => any): void {}

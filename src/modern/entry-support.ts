/**
 * The engines the modern entry covers (README "Modern or full build"): those of the last five
 * years, with ES2017, a constructible EventTarget, a constructible DOMException with legacy
 * codes, a URL constructor that follows the URL Standard for ws: URLs and Blob#arrayBuffer.
 * Elsewhere it refuses: install(), createWebSocketClass() and `new WebSocket()` throw a
 * NotSupportedError naming what is missing, and detect() lists it under `unsupported`
 * (`modernEntry`). It never falls back to code of its own: that is the full build.
 */
import { getGlobal } from '../global';
import { nativeTargetKind } from '../native-target';
import { nativeDOMException } from '../errors';
import { conformingURL } from '../url';
import { blobConstructor } from '../blob';

let missing: string[] | null = null;

/** What this engine lacks of what the modern entry needs, by detect() feature name (probed once). */
export function modernMissing(): string[] {
  if (missing) return missing;
  const g = getGlobal();
  const B = blobConstructor();
  missing = [];
  // ES2017 built-ins (the syntax is ES2017 too: an ES5 engine cannot even parse this entry).
  const es2017 = typeof Object.values === 'function' && typeof (String.prototype as any).padStart === 'function';
  if (!es2017 || typeof g.WeakMap !== 'function' || typeof g.Reflect !== 'object') missing.push('es2017');
  if (!nativeTargetKind()) missing.push('constructibleEventTarget');
  if (!nativeDOMException()) missing.push('constructibleDOMException');
  if (!conformingURL()) missing.push('urlConstructor');
  if (typeof B !== 'function' || typeof B.prototype.arrayBuffer !== 'function') missing.push('blobArrayBuffer');
  return missing;
}

function explanation(): string {
  return 'websocket-shim/modern needs ' + modernMissing().join(', ') + ', which this engine lacks; load the full build (websocket-shim) here';
}

export function entryUnsupported(): string[] {
  return modernMissing().length ? ['modernEntry: ' + explanation()] : [];
}

export function requireEntrySupport(): void {
  if (!modernMissing().length) return;
  // The engine's DOMException where it can make one, else an Error with the same name.
  const D = nativeDOMException();
  if (D) throw new D(explanation(), 'NotSupportedError');
  const e = new Error(explanation());
  e.name = 'NotSupportedError';
  throw e;
}

export function refusingClass(): any {
  if (!modernMissing().length) return null;
  return function WebSocket() {
    requireEntrySupport();
  };
}

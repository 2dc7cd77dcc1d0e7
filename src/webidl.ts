/**
 * Web IDL conversions the WebSocket interface needs (SPEC §2; WebIDL §3.2):
 * `[Clamp] unsigned short`, DOMString, and recognition of BufferSource / Blob
 * from any realm (internal slots, not `instanceof`, so iframe and vm-context values work).
 */
import { getGlobal, tagOf } from './global';
import { blobConstructor } from './blob';

/**
 * WebIDL "ConvertToInt" for `[Clamp] unsigned short`:
 * ToNumber (Symbol/BigInt → TypeError), NaN → 0, clamp to [0, 65535],
 * round to nearest with ties to even (1000.5 → 1000, 2999.5 → 3000).
 */
export function toClampedUnsignedShort(value: unknown): number {
  // Unary minus of a Symbol or BigInt throws TypeError, as ToNumber does; `+x` on BigInt also throws.
  let x = +(value as number);
  if (x !== x) return 0;
  if (x <= 0) return 0;
  if (x >= 65535) return 65535;
  const floor = Math.floor(x);
  const diff = x - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

/**
 * WebIDL DOMString: ToString, which throws TypeError for a Symbol (String(sym) would not).
 * Not `'' + value`: that is ToPrimitive hint "default" (valueOf before toString for objects).
 */
export function toDOMString(value: unknown): string {
  if (typeof value === 'symbol') throw new TypeError('Cannot convert a Symbol value to a string');
  return String(value);
}

/**
 * Buffers and Blobs are recognised by their internal slots, as Web IDL's union conversion
 * does, not by `Symbol.toStringTag` (a plain object can claim any tag): a brand-checking
 * getter of this realm (`ArrayBuffer.prototype.byteLength`, `Blob.prototype.size`) is called
 * on the value and throws for anything else. These getters work on other realms' objects
 * (iframes, vm contexts). Tags only where the engine has no such getter (ES5 engines with
 * attributes as own data properties).
 */
function getterOf(Ctor: any, name: string): ((this: unknown) => unknown) | null {
  try {
    const d = typeof Ctor === 'function' ? Object.getOwnPropertyDescriptor(Ctor.prototype, name) : undefined;
    return d && typeof d.get === 'function' ? d.get : null;
  } catch (e) {
    return null;
  }
}

/**
 * Calls a brand-checking getter: true when the value has the slots it reads. The result must
 * be a number too: some getters do not check (Node 14.18–17's `buffer.Blob#size` reads a private
 * symbol and gives undefined for anything else).
 */
function branded(get: (this: unknown) => unknown, value: unknown): boolean {
  try {
    return typeof get.call(value) === 'number';
  } catch (e) {
    return false;
  }
}

/**
 * The brand-checking getter of `Ctor.prototype[name]`, looked up once per constructor: send() and
 * every binary message ask, and Object.getOwnPropertyDescriptor on each call costs more than the
 * check itself.
 */
interface GetterCache {
  ctor: unknown;
  get: ((this: unknown) => unknown) | null;
}
function cachedGetter(cache: GetterCache, Ctor: any, name: string): ((this: unknown) => unknown) | null {
  if (cache.ctor !== Ctor || cache.ctor === undefined) {
    cache.get = getterOf(Ctor, name);
    cache.ctor = Ctor;
  }
  return cache.get;
}

function hasSlots(value: unknown, cache: GetterCache, Ctor: any, name: string, tag: string): boolean {
  if (!value || typeof value !== 'object') return false;
  const get = cachedGetter(cache, Ctor, name);
  return get ? branded(get, value) : tagOf(value) === tag;
}

const arrayBufferGetter: GetterCache = { ctor: undefined, get: null };
const sharedGetter: GetterCache = { ctor: undefined, get: null };
const blobGetter: GetterCache = { ctor: undefined, get: null };

/** [[ArrayBufferData]], not shared (an ArrayBuffer of any realm; a SharedArrayBuffer is not one). */
export function isArrayBuffer(value: unknown): value is ArrayBuffer {
  return hasSlots(value, arrayBufferGetter, typeof ArrayBuffer === 'undefined' ? null : ArrayBuffer, 'byteLength', 'ArrayBuffer');
}

/** [[ArrayBufferData]] and shared: a SharedArrayBuffer (where the engine exposes the class, else by tag). */
export function isSharedArrayBuffer(value: unknown): boolean {
  const g = getGlobal();
  return hasSlots(value, sharedGetter, g.SharedArrayBuffer, 'byteLength', 'SharedArrayBuffer');
}

const VIEW_TAGS: { [tag: string]: true } = {
  DataView: true,
  Int8Array: true,
  Uint8Array: true,
  Uint8ClampedArray: true,
  Int16Array: true,
  Uint16Array: true,
  Int32Array: true,
  Uint32Array: true,
  Float16Array: true,
  Float32Array: true,
  Float64Array: true,
  BigInt64Array: true,
  BigUint64Array: true
};

/** [[ViewedArrayBuffer]]: `ArrayBuffer.isView` reads the slot (any realm); tags where it is missing. */
export function isArrayBufferView(value: unknown): value is ArrayBufferView {
  if (!value || typeof value !== 'object') return false;
  if (typeof ArrayBuffer !== 'undefined' && typeof ArrayBuffer.isView === 'function') return ArrayBuffer.isView(value);
  const buffer = (value as ArrayBufferView).buffer;
  return VIEW_TAGS[tagOf(value)] === true && (isArrayBuffer(buffer) || isSharedArrayBuffer(buffer));
}

/** Blob or File from any realm, including Node's `buffer.Blob`: `Blob.prototype.size` brand-checks. */
export function isBlob(value: unknown): value is Blob {
  if (!value || typeof value !== 'object') return false;
  const get = cachedGetter(blobGetter, blobConstructor(), 'size');
  if (get) return branded(get, value);
  const tag = tagOf(value);
  if (tag !== 'Blob' && tag !== 'File') return false;
  const b = value as Blob;
  return typeof b.size === 'number' && typeof b.type === 'string' && typeof b.slice === 'function';
}

export type BufferSourceKind = 'buffer' | 'view' | 'blob' | null;

/**
 * Web IDL union conversion of `(BufferSource or Blob or USVString)` up to the string case:
 * which member the value is, or null for "convert it with ToString". BufferSource is not
 * [AllowShared]: a SharedArrayBuffer or a view on one → TypeError.
 */
export function bufferSourceKind(value: unknown): BufferSourceKind {
  if (!value || typeof value !== 'object') return null;
  // The members are disjoint, so the order of the checks changes no answer; it is chosen so
  // that send() of a view, an ArrayBuffer or a Blob calls no getter that throws (a brand check
  // that fails throws, and an exception per send() is the slowest part of it). Views first
  // (ArrayBuffer.isView reads the slot without throwing), then what the tag suggests.
  if (isArrayBufferView(value)) {
    const buffer = (value as ArrayBufferView).buffer;
    if (!isArrayBuffer(buffer) && isSharedArrayBuffer(buffer)) throw new TypeError('The provided ArrayBufferView value must not be shared.');
    return 'view';
  }
  // An ArrayBuffer or a Blob of this realm: recognised without a tag (a string made per call,
  // ~200 ns in Node 24; issue 13, send(Blob)). instanceof alone is not a brand check: the slot
  // is checked too, and an object that only inherits from Blob.prototype goes on to the tag.
  if (typeof ArrayBuffer !== 'undefined' && value instanceof ArrayBuffer && isArrayBuffer(value)) return 'buffer';
  // (A Blob class without an object prototype, an arrow function say, would make instanceof throw.)
  const B = blobConstructor();
  if (B && B.prototype && typeof B.prototype === 'object' && value instanceof B && isBlob(value)) return 'blob';
  const tag = tagOf(value);
  const blobFirst = tag === 'Blob' || tag === 'File';
  if (blobFirst && isBlob(value)) return 'blob';
  if (isArrayBuffer(value)) return 'buffer';
  if (isSharedArrayBuffer(value)) throw new TypeError('The provided ArrayBuffer value must not be shared.');
  return !blobFirst && isBlob(value) ? 'blob' : null;
}

/** The bytes a view covers, as a Uint8Array over the same memory (no copy). */
export function viewBytes(view: ArrayBufferView): Uint8Array {
  if (view instanceof Uint8Array) return view;
  // Only a view of another realm can be a Uint8Array that instanceof does not see.
  if (!(view.buffer instanceof ArrayBuffer) && tagOf(view) === 'Uint8Array') return view as Uint8Array;
  return new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
}

/**
 * A fresh ArrayBuffer holding exactly the bytes of a buffer or view, as they are now.
 * send() hands the engine the data as it was at the call (WHATWG WebSockets send(): the
 * data is sent, not a live reference); data that must wait in the shim's queue is copied, so
 * a buffer the caller reuses right after send() does not change what goes on the wire. Also
 * the form given to engines that cannot send views (they get an ArrayBuffer of the viewed bytes).
 */
export function copyBytes(data: ArrayBuffer | ArrayBufferView): ArrayBuffer {
  const buffer = (isArrayBuffer(data) ? data : (data as ArrayBufferView).buffer) as ArrayBuffer;
  const offset = isArrayBuffer(data) ? 0 : (data as ArrayBufferView).byteOffset;
  const length = isArrayBuffer(data) ? (data as ArrayBuffer).byteLength : (data as ArrayBufferView).byteLength;
  if (typeof buffer.slice === 'function') return buffer.slice(offset, offset + length);
  // Firefox <= 11 has no ArrayBuffer.prototype.slice: copy through byte views.
  const out = new Uint8Array(length);
  out.set(new Uint8Array(buffer, offset, length));
  return out.buffer as ArrayBuffer;
}

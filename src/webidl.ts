/**
 * Web IDL conversions the WebSocket interface needs (SPEC §2; WebIDL §3.2):
 * `[Clamp] unsigned short`, DOMString, and recognition of BufferSource / Blob
 * from any realm (tags, not `instanceof`, so iframe and vm-context values work).
 */
import { tagOf } from './global';

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

export function isArrayBuffer(value: unknown): value is ArrayBuffer {
  if (!value || typeof value !== 'object') return false;
  // Same-realm fast path; the tag recognises other realms' buffers.
  return (typeof ArrayBuffer !== 'undefined' && value instanceof ArrayBuffer) || tagOf(value) === 'ArrayBuffer';
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

export function isArrayBufferView(value: unknown): value is ArrayBufferView {
  if (!value || typeof value !== 'object') return false;
  if (typeof ArrayBuffer !== 'undefined' && typeof ArrayBuffer.isView === 'function' && ArrayBuffer.isView(value)) {
    return true;
  }
  // Another realm's view (ArrayBuffer.isView is realm-independent, but old engines lack it).
  return VIEW_TAGS[tagOf(value)] === true && isArrayBuffer((value as ArrayBufferView).buffer);
}

/** Blob or File from any realm, including Node's `buffer.Blob`. */
export function isBlob(value: unknown): value is Blob {
  if (!value || typeof value !== 'object') return false;
  const tag = tagOf(value);
  if (tag !== 'Blob' && tag !== 'File') return false;
  const b = value as Blob;
  return typeof b.size === 'number' && typeof b.type === 'string' && typeof b.slice === 'function';
}

/** The bytes a view covers, as a Uint8Array over the same memory (no copy). */
export function viewBytes(view: ArrayBufferView): Uint8Array {
  if (view instanceof Uint8Array || tagOf(view) === 'Uint8Array') return view as Uint8Array;
  return new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
}

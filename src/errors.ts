/**
 * DOMException (SPEC §2 "Errors"): the native class where it is constructible and gives
 * the legacy `code`, else the package's own class with the same name, message and code.
 * Node 11–16 have a DOMException but not as a global (the Node entry recovers it, see
 * setDOMExceptionSource); Node 10 has none; IE and old Safari cannot construct it.
 */
import { getGlobal } from './global';

/** Legacy codes from Web IDL's DOMException names table. */
const LEGACY_CODES: { [name: string]: number } = {
  IndexSizeError: 1,
  HierarchyRequestError: 3,
  WrongDocumentError: 4,
  InvalidCharacterError: 5,
  NoModificationAllowedError: 7,
  NotFoundError: 8,
  NotSupportedError: 9,
  InvalidStateError: 11,
  SyntaxError: 12,
  InvalidModificationError: 13,
  NamespaceError: 14,
  InvalidAccessError: 15,
  TypeMismatchError: 17,
  SecurityError: 18,
  NetworkError: 19,
  AbortError: 20,
  URLMismatchError: 21,
  QuotaExceededError: 22,
  TimeoutError: 23,
  InvalidNodeTypeError: 24,
  DataCloneError: 25
};

export interface DOMExceptionLike extends Error {
  readonly code: number;
}

export type DOMExceptionConstructor = new (message?: string, name?: string) => DOMExceptionLike;

/**
 * The package's own DOMException. Written as an ES5 constructor (not `class extends Error`):
 * ES5-compiled subclasses of Error break `instanceof` (see DEVELOPERS.md, known traps).
 */
export const OwnDOMException: DOMExceptionConstructor = /*#__PURE__*/ (function () {
  // Built in a function (no work at module scope): a bundle that never throws drops it (issue 13).
  const OwnDOMException = function DOMException(this: any, message?: string, name?: string) {
    if (!this || typeof this !== 'object' || this === getGlobal()) {
      throw new TypeError("Failed to construct 'DOMException': Please use the 'new' operator");
    }
    const err = new Error(message === undefined ? '' : '' + message);
    define(this, 'message', err.message);
    define(this, 'name', name === undefined ? 'Error' : '' + name);
    define(this, 'code', LEGACY_CODES[this.name] || 0);
    if (err.stack !== undefined) define(this, 'stack', err.stack);
  } as unknown as DOMExceptionConstructor;

  OwnDOMException.prototype = Object.create(Error.prototype, {
    constructor: { value: OwnDOMException, writable: true, configurable: true },
    toString: {
      value: function (this: Error) {
        return this.name + ': ' + this.message;
      },
      writable: true,
      configurable: true
    }
  });
  /**
   * Web IDL's legacy code constants, on the interface object and the prototype (as for any
   * IDL constant). Listed, not derived from the names: four have no name (DOMSTRING_SIZE_ERR,
   * NO_DATA_ALLOWED_ERR, INUSE_ATTRIBUTE_ERR, VALIDATION_ERR) and URLMismatchError's is URL_MISMATCH_ERR.
   */
  (
    'INDEX_SIZE_ERR DOMSTRING_SIZE_ERR HIERARCHY_REQUEST_ERR WRONG_DOCUMENT_ERR INVALID_CHARACTER_ERR ' +
    'NO_DATA_ALLOWED_ERR NO_MODIFICATION_ALLOWED_ERR NOT_FOUND_ERR NOT_SUPPORTED_ERR INUSE_ATTRIBUTE_ERR ' +
    'INVALID_STATE_ERR SYNTAX_ERR INVALID_MODIFICATION_ERR NAMESPACE_ERR INVALID_ACCESS_ERR VALIDATION_ERR ' +
    'TYPE_MISMATCH_ERR SECURITY_ERR NETWORK_ERR ABORT_ERR URL_MISMATCH_ERR QUOTA_EXCEEDED_ERR TIMEOUT_ERR ' +
    'INVALID_NODE_TYPE_ERR DATA_CLONE_ERR'
  )
    .split(' ')
    .forEach(function (constName, i) {
      const desc = { value: i + 1, enumerable: true, writable: false, configurable: false };
      Object.defineProperty(OwnDOMException, constName, desc);
      Object.defineProperty(OwnDOMException.prototype, constName, desc);
    });
  return OwnDOMException;
})();

function define(obj: object, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value: value, writable: true, configurable: true, enumerable: false });
}

let source: (() => any) | null = null;
let sourced: { value: any } | null = null;

/**
 * Node entry: where the runtime has a DOMException that is not a global (Node 11–16), a
 * function that finds it, so errors are the runtime's own class. Asked once, when needed.
 */
export function setDOMExceptionSource(find: () => any): void {
  source = find;
  sourced = null;
  chosen = null;
}

function sourcedDOMException(): any {
  if (!source) return null;
  if (!sourced) {
    let value: any = null;
    try {
      value = source();
    } catch (e) {
      value = null;
    }
    sourced = { value: value };
  }
  return sourced.value;
}

/** The native DOMException when it can be constructed and reports legacy codes, else null. */
export function nativeDOMException(): DOMExceptionConstructor | null {
  const g = getGlobal().DOMException;
  const Native = typeof g === 'function' ? g : sourcedDOMException();
  if (typeof Native !== 'function') return null;
  try {
    const probe = new Native('probe', 'SyntaxError');
    if (probe.name === 'SyntaxError' && probe.code === 12 && probe instanceof Error) return Native;
  } catch (e) {
    // IE10/11 and old Safari: DOMException exists but is not constructible.
  }
  return null;
}

let chosen: DOMExceptionConstructor | null = null;

/** The DOMException class this package throws: native where usable, else its own. */
export function getDOMException(): DOMExceptionConstructor {
  if (!chosen) chosen = nativeDOMException() || presentedAs(engineDOMException()) || OwnDOMException;
  return chosen;
}

/** The engine's DOMException interface object, constructible or not (IE10/11, QtWebKit 5.212). */
function engineDOMException(): any {
  const g = getGlobal().DOMException;
  const Native = typeof g === 'function' || (g && typeof g === 'object') ? g : sourcedDOMException();
  return Native && Native.prototype && typeof Native.prototype === 'object' ? Native : null;
}

/**
 * Where the engine has a DOMException that cannot be constructed (QtWebKit 5.212 / Safari 10
 * era, IE10/11), the package's own class presents itself as the engine's: instances inherit
 * from the engine's `DOMException.prototype` and their `constructor` is the engine's, so
 * `e instanceof DOMException` and `e.constructor === DOMException` hold, as for the engine's
 * own exceptions. Name, message and legacy code stay own properties (the engine's accessors
 * on its prototype would reject an object it did not make). SPEC §2 also wants `instanceof
 * Error`: where the engine's DOMException.prototype does not reach Error.prototype (IE10/11),
 * instances keep Error.prototype below them and only `constructor` names the engine's class.
 */
function presentedAs(Native: any): DOMExceptionConstructor | null {
  if (!Native) return null;
  const Presented = function DOMException(this: any, message?: string, name?: string) {
    OwnDOMException.call(this, message, name);
  } as unknown as DOMExceptionConstructor;
  try {
    const errorChain = Native.prototype instanceof Error;
    Presented.prototype = Object.create(errorChain ? Native.prototype : Error.prototype, {
      constructor: { value: Native, writable: true, configurable: true },
      toString: { value: OwnDOMException.prototype.toString, writable: true, configurable: true }
    });
  } catch (e) {
    return null;
  }
  return Presented;
}

export function domException(name: string, message: string): DOMExceptionLike {
  const Ctor = getDOMException();
  return new Ctor(message, name);
}

export function isDOMException(value: unknown, name?: string): boolean {
  if (!value || typeof value !== 'object') return false;
  const e = value as DOMExceptionLike;
  const Native = getGlobal().DOMException;
  const isOne =
    (e as any) instanceof (OwnDOMException as any) ||
    (chosen !== null && (e as any) instanceof (chosen as any)) ||
    (e as any) instanceof (getDOMException() as any) ||
    (typeof Native === 'function' && e instanceof Native);
  return isOne && (name === undefined || e.name === name);
}

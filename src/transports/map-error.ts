/**
 * SPEC §2 "Errors": no error type but DOMException (and IDL TypeErrors) escapes.
 * Engines throw their own: ws TypeError/RangeError/plain Error (and an ECMAScript
 * SyntaxError for bad URLs), Gecko XPCOM errors, RN plain Errors, DOMExceptions of another
 * realm. Validation runs before the engine is called, so these are rare; when one happens
 * anyway it becomes the DOMException of the same name, or the one the spec names for
 * that step.
 */
import { domException, isDOMException } from '../errors';

const DOM_NAMES = /^(SyntaxError|SecurityError|InvalidStateError|InvalidAccessError|NotSupportedError)$/;

export function mapEngineError(error: unknown, fallbackName: string): Error {
  if (isDOMException(error)) return error as Error;
  const e = error as { name?: unknown; message?: unknown } | null;
  const name = e && typeof e.name === 'string' && DOM_NAMES.test(e.name) ? e.name : fallbackName;
  const message = e && typeof e.message === 'string' ? e.message : '' + error;
  return domException(name, message);
}

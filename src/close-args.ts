/**
 * `close(code, reason)` argument conversion and validation (SPEC §2; WHATWG WebSockets
 * "close(code, reason)" steps 1–2), done before readyState is looked at and before the
 * engine is touched.
 */
import { domException } from './errors';
import { hasUnpairedSurrogate, toWellFormed, utf8ByteLength } from './utf8';
import { toClampedUnsignedShort, toDOMString } from './webidl';
import { Mode } from './modes';

/** Errors name the operation, as engines do (and as send()'s do). */
const PREFIX = "Failed to execute 'close' on 'WebSocket': ";

/** What was passed and, where the IDL conversion changed it, what it became: `'abc' (converted to 0)`. */
function describeCode(given: unknown, code: number): string {
  if (typeof given === 'number' && given === code) return String(code);
  let shown: string;
  if (typeof given === 'string') shown = "'" + given + "'";
  else if (typeof given === 'number') shown = String(given);
  else if (given === null) shown = 'null';
  else if (typeof given === 'boolean') shown = String(given);
  else shown = 'a value of type ' + typeof given;
  return shown + ' (converted to ' + code + ')';
}

export interface CloseRequest {
  /** The code to put on the wire; undefined means a close frame without a body. */
  code?: number;
  /** The reason to put on the wire (already well-formed); only with a code. */
  reason?: string;
}

export function validateClose(args: ArrayLike<unknown>, mode: Mode): CloseRequest {
  // IDL: `undefined` is the same as a missing optional argument.
  const hasCode = args.length > 0 && args[0] !== undefined;
  const hasReason = args.length > 1 && args[1] !== undefined;
  // IDL conversions, in argument order: [Clamp] unsigned short, then USVString.
  const code = hasCode ? toClampedUnsignedShort(args[0]) : undefined;
  let reason = hasReason ? toDOMString(args[1]) : undefined;

  // Step 1: a code that is neither 1000 nor in 3000–4999 → InvalidAccessError.
  if (code !== undefined && code !== 1000 && (code < 3000 || code > 4999)) {
    throw domException(
      'InvalidAccessError',
      PREFIX + 'The close code must be either 1000, or between 3000 and 4999. ' + describeCode(args[0], code) + ' is neither.'
    );
  }
  if (reason !== undefined) {
    // SPEC §3 strict: an unpaired surrogate is a SyntaxError; standard: USVString → U+FFFD.
    if (mode === 'strict' && hasUnpairedSurrogate(reason)) {
      throw domException(
        'SyntaxError',
        PREFIX + "The close reason contains an unpaired surrogate (mode 'strict'; mode 'standard' replaces it with U+FFFD)."
      );
    }
    reason = toWellFormed(reason);
    // Step 2: more than 123 UTF-8 bytes → SyntaxError (checked even without a code).
    const bytes = utf8ByteLength(reason);
    if (bytes > 123) {
      throw domException(
        'SyntaxError',
        PREFIX + 'The close reason must not be greater than 123 UTF-8 bytes; it is ' + bytes + ' bytes (' + reason.length + ' UTF-16 code units).'
      );
    }
  }
  // SPEC §2: a reason without a code sends 1000 with the reason.
  if (reason !== undefined) return { code: code === undefined ? 1000 : code, reason: reason };
  // SPEC §3: close() with neither sends 1000 in strict mode, no body in standard mode.
  if (code === undefined) return mode === 'strict' ? { code: 1000 } : {};
  return { code: code };
}

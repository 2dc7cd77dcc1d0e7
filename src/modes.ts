/**
 * SPEC §3: the two modes. `strict` (default) is what the request documents: unpaired
 * surrogates are a SyntaxError and `close()` sends 1000; `standard` is the current WHATWG text.
 */
export type Mode = 'strict' | 'standard';

export function toMode(value: unknown): Mode {
  if (value === undefined || value === null || value === 'strict') return 'strict';
  if (value === 'standard') return 'standard';
  throw new TypeError("websocket-shim: mode must be 'strict' or 'standard', not '" + value + "'");
}

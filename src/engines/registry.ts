/**
 * The legacy engine families and non-Node runtimes, in probe order (SPEC §4, §6): the first whose
 * probe matches is the host's. Runtimes first (they define globals of their own; Bun also defines
 * process.versions.node), then what the constructor itself shows (MozWebSocket, hixie-76's
 * CLOSED = 2), then the user agent of the engine's own constructor. Adding an engine: a file in
 * this folder and one line here (a runtime: in runtimes.ts, which the script-tag builds replace).
 */
import { EngineFamily } from './family';
import { probeFamilies } from './probe';
import { RUNTIMES } from './runtimes';
import { geckoMoz } from './gecko-moz';
import { webkitHixie76 } from './webkit-hixie76';
import { webkit2012 } from './webkit-2012';
import { webkitSafari } from './webkit-safari';
import { gecko1117 } from './gecko-11-17';
import { presto } from './presto';
import { trident } from './trident';

export const FAMILIES: EngineFamily[] = /*#__PURE__*/ RUNTIMES.concat([geckoMoz, webkitHixie76, webkit2012, webkitSafari, gecko1117, presto, trident]);

/** The family of `Native` (found under the global `name`) and the quirks found; null for the rest. */
export function probeEngine(Native: any, name?: string): { family: EngineFamily; found: string[] } | null {
  return probeFamilies(FAMILIES, Native, name);
}

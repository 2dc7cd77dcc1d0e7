/**
 * The engine families the modern entry covers (src/engines/registry.ts has them all): the
 * runtimes (Bun, Deno, React Native) and Safari 14.1–16 (webkit-safari). The older families
 * (Gecko with MozWebSocket, 11–17; hixie-76 and 2012 WebKits; Presto; Trident) are engines the
 * modern entry refuses (no constructible EventTarget), so their code is not in it.
 */
import { EngineFamily } from '../../engines/family';
import { probeFamilies } from '../../engines/probe';
import { RUNTIMES } from '../../engines/runtimes';
import { webkitSafari } from '../../engines/webkit-safari';

export const FAMILIES: EngineFamily[] = /*#__PURE__*/ RUNTIMES.concat([webkitSafari]);

export function probeEngine(Native: any, name?: string): { family: EngineFamily; found: string[] } | null {
  return probeFamilies(FAMILIES, Native, name);
}

/** Probing a list of engine families in order (src/engines/registry.ts, src/modern/engines/registry.ts). */
import { EngineFamily } from './family';
import { hostSignals } from './signals';

/** The first family of `families` whose probe matches `Native` (found under the global `name`), with the quirks found. */
export function probeFamilies(families: EngineFamily[], Native: any, name?: string): { family: EngineFamily; found: string[] } | null {
  const s = hostSignals(Native, name);
  for (let i = 0; i < families.length; i++) {
    const extra = families[i].probe(s);
    if (extra === null) continue;
    const found = (extra ? extra + ' ' : '') + families[i].quirks;
    // A family without quirks (src/script-tag/engines/runtimes.ts) reports none.
    return { family: families[i], found: found ? found.split(' ') : [] };
  }
  return null;
}

/**
 * The non-browser runtimes among the engine families (SPEC §6), probed first (they define globals
 * of their own; Bun also defines process.versions.node). The script-tag builds have a module of
 * their own in this one's place (src/script-tag/engines/runtimes.ts, swapped in by
 * rollup.config.mjs): script tags are for browsers, and these families are not in them.
 */
import { EngineFamily } from './family';
import { bun } from './bun';
import { deno } from './deno';
import { reactNative } from './react-native';

export const RUNTIMES: EngineFamily[] = [bun, deno, reactNative];

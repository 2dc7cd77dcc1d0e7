/**
 * Which engines this entry runs on. The full build runs on every engine it knows (what it
 * cannot do there is in detect().unsupported); the modern entry's version of this module
 * (src/modern/entry-support.ts) refuses engines it does not cover.
 */

/** detect() `unsupported` entries about the entry itself: none for the full build. */
export function entryUnsupported(): string[] {
  return [];
}

/** Throws where the entry refuses this engine: never for the full build. */
export function requireEntrySupport(): void {}

/** The WebSocket export where the entry refuses this engine (a class that throws); null here. */
export function refusingClass(): any {
  return null;
}

/**
 * The modern entry has no URL parser of its own (the full build's is src/url-parser.ts): it
 * refuses an engine whose URL constructor does not follow the URL Standard for ws: URLs
 * (src/modern/entry-support.ts), so src/url.ts always takes the engine's.
 */
import type { Parser, URLParts } from '../url-parser';

export type { Parser, URLParts };

/** Never chosen on an engine the entry runs on; parses nothing. */
export const ownParser: Parser = function () {
  return null;
};

/** Bun 1.x (docs/detect.md "Bun"). */
import { EngineFamily, CLOSE_WITHOUT_STATUS } from './family';
import { read, versionNumber } from './signals';

export const bun: EngineFamily = {
  name: 'bun',
  // §4 'nodebuffer' (oven-sh/bun WebSocket.h @088836da; still so in Bun 1.4.5, test/engines-real).
  quirks: 'bunBinaryTypeNodebuffer',
  probe: function (s) {
    // Bun also defines process.versions.node: before any Node check.
    const proc = read(s.g, 'process');
    const b = read(s.g, 'Bun');
    if (!(typeof b === 'object' || (proc && proc.versions && typeof proc.versions.bun === 'string'))) return null;
    const v = versionNumber(read(b, 'version') || read(read(proc, 'versions'), 'bun'));
    let found = '';
    // §2 any code went on the wire (oven-sh/bun src/js/thirdparty/ws.js, WebSocket.cpp @0ac21218)
    // until the RFC-set check of oven-sh/bun#32820: measured in Bun 1.3.14, gone in 1.4.0.
    if (!(v >= 10400)) found = 'bunNoCloseCodeValidation ';
    // close() without a code sent 1000 (@0ac21218) until oven-sh/bun#33457: measured in
    // Bun 1.4.0–1.4.3, an empty close frame from 1.4.4 (test/engines-real).
    if (!(v >= 10404)) found += 'bunCloseWithoutCodeSends1000';
    return found.trim();
  },
  adapt: function (s) {
    // Backend options reach Bun as a WebSocketInit second argument.
    s.opts.optionsAs = 'init';
    if (s.has('bunCloseWithoutCodeSends1000')) s.unsupported.push(CLOSE_WITHOUT_STATUS);
  }
};

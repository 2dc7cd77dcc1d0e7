/** Bun 1.x (docs/detect.md "Bun"). */
import { EngineFamily, CLOSE_WITHOUT_STATUS, CLOSE_REASON, CLOSE_STATUS_ABSENT } from './family';
import { bunVersion, versionNumber } from './signals';

export const bun: EngineFamily = {
  name: 'bun',
  // §4 'nodebuffer' (oven-sh/bun WebSocket.h @088836da; still so in Bun 1.4.5, test/engines-real).
  quirks: 'bunBinaryTypeNodebuffer',
  probe: function (s) {
    // Bun also defines process.versions.node: before any Node check.
    const bv = bunVersion(s.g);
    if (bv === null) return null;
    const v = versionNumber(bv);
    let found = '';
    // §2 any code went on the wire (oven-sh/bun src/js/thirdparty/ws.js, WebSocket.cpp @0ac21218)
    // until the RFC-set check of oven-sh/bun#32820: measured in Bun 1.3.14, gone in 1.4.0.
    if (!(v >= 10400)) found = 'bunNoCloseCodeValidation ';
    // close() without a code sent 1000 (@0ac21218) until oven-sh/bun#33457: measured in
    // Bun 1.4.3, an empty close frame in 1.4.4 (test/engines-real).
    if (!(v >= 10404)) found += 'bunCloseWithoutCodeSends1000 ';
    // §2 protocols offered, none selected: a clean close 1002 "Missing client protocol" and no
    // error event, measured in Bun 1.4.3; 1.4.4 fails the connection (error, close 1006), and
    // 1.3.14 neither opens nor closes (test/engines-real).
    if (v >= 10400 && !(v >= 10404)) found += 'bunProtocolMismatchClosesCleanly ';
    // Measured in Bun 1.3.14, gone in 1.4.3 (test/engines-real): close() fires the close event
    // inside the call (readyState CLOSED at once); a peer's close frame arrives as an unclean
    // close, one without a status code as 1000; a reason longer than 3 bytes is not sent.
    // Named for 1.3.x only: older releases not measured (the Bun 1.1 profile does not model them).
    if (v >= 10300 && !(v >= 10400)) found += 'bunCloseEventInsideClose bunPeerCloseUnclean bunCloseReasonDropped';
    return found.trim();
  },
  adapt: function (s) {
    // Backend options reach Bun as a WebSocketInit second argument.
    s.opts.optionsAs = 'init';
    if (s.has('bunCloseWithoutCodeSends1000')) s.unsupported.push(CLOSE_WITHOUT_STATUS);
    s.a.failCloseBeforeOpen = s.has('bunProtocolMismatchClosesCleanly');
    s.a.deferCloseInClose = s.has('bunCloseEventInsideClose');
    s.a.peerCloseClean = s.has('bunPeerCloseUnclean');
    // The peer sees the close code alone; 1000 cannot be told from no status code.
    if (s.has('bunCloseReasonDropped')) s.unsupported.push(CLOSE_REASON, CLOSE_STATUS_ABSENT);
  }
};

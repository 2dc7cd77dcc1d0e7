/** Chrome 4–13, Safari 5.x, iOS 4.2–5.1: WebKit speaking hixie-76 (docs/detect.md "WebKit"). */
import { EngineFamily } from './family';
import { read } from './signals';
import { textOnly } from './text-only';

export const webkitHixie76: EngineFamily = {
  name: 'webkit-hixie76',
  // §1 hixie-76 (WebCore/websockets/WebSocket.idl @0330f934): `void close()`, one protocol
  // string, no `protocol` attribute, close events with wasClean only (2011 WebSocket.cpp).
  quirks: 'webkitHixie76 webkitCloseWithoutArguments webkitSingleProtocolString webkitProtocolAttributeUndefined webkitCloseEventWasCleanOnly',
  probe: function (s) {
    // The 2010 IDL: CLOSED = 2, no CLOSING (@3d4c02f5), a polyfill of it included.
    if (read(s.Native, 'CLOSED') === 2) return 'readyStateClosedIsTwo';
    // Chrome ≤ 13 and WebKit before 535 (Safari 5.x, iOS ≤ 5.1).
    return s.native && s.webkit > 0 && (s.chrome > 0 ? s.chrome <= 13 : s.webkit < 535) ? '' : null;
  },
  adapt: function (s) {
    textOnly(s, 'webkit');
  }
};

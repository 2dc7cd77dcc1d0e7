/** Chrome 14–20, Safari 6.0: WebKit 535–536 (docs/detect.md "WebKit"). */
import { EngineFamily } from './family';
import { isWebKitNotBlink } from './signals';
import { webkitAdapt } from './webkit-safari';

export const webkit2012: EngineFamily = {
  name: 'webkit-2012',
  // §2, §3 surrogates throw, reason validated only with a code (Modules/websockets/WebSocket.cpp
  // @00140795); §5b messages while CLOSING.
  quirks: 'webkitSurrogatesThrow webkitReasonValidatedOnlyWithCode webkitMessagesWhileClosing',
  probe: function (s) {
    if (!s.native || !(s.webkit > 0) || !(s.webkit < 537 || s.chrome <= 20)) return null;
    return isWebKitNotBlink(s) ? 'webkitBlobLostOnClose' : '';
  },
  adapt: webkitAdapt
};

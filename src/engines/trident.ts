/** Internet Explorer 10 and 11 (docs/detect.md "Internet Explorer 10, 11 (Trident)"). */
import { EngineFamily } from './family';
import { read } from './signals';

export const trident: EngineFamily = {
  name: 'trident',
  // §5a SecurityError past the per-server connection cap (IESF_WebSocketMaxConnectionsPerServer;
  // engine.io-client#362); §3 send() after close throws (MSDN hh994652).
  quirks: 'ieConnectionLimitSecurityError ieSendThrowsWhenClosed',
  probe: function (s) {
    // IE8–11: document.documentMode.
    return s.native && typeof read(read(s.g, 'document'), 'documentMode') === 'number' ? '' : null;
  },
  adapt: function (s) {
    s.a.capFails = true;
  }
};

/** Firefox 11–17 (docs/detect.md "Firefox (Gecko)"). */
import { EngineFamily } from './family';

export const gecko1117: EngineFamily = {
  name: 'gecko-11-17',
  // §3 views sent as text, Blobs not sent as bytes (Gecko @bb112fb5; BCD: views from 18, bug 775368).
  quirks: 'geckoViewsSentAsText geckoBlobSendUnsupported',
  probe: function (s) {
    return s.native && /Gecko\/\d+/.test(s.ua) && s.firefox >= 11 && s.firefox <= 17 ? '' : null;
  },
  adapt: function (s) {
    s.opts.canSendBlob = false;
    s.opts.sendsViews = false;
    s.a.viewsAsBuffer = true;
  }
};

/** Safari 6.1–16 and the WebKits of that time (QtWebKit 5.212) (docs/detect.md "WebKit"). */
import { EngineFamily, FamilySetup } from './family';
import { isWebKitNotBlink } from './signals';

/** WebKit 2012 and Safari: Blobs read first where WebKit loses them; CSP's SecurityError fails the connection. */
export function webkitAdapt(s: FamilySetup): void {
  if (s.has('webkitBlobLostOnClose')) s.opts.canSendBlob = false;
  s.a.capFails = true;
}

export const webkitSafari: EngineFamily = {
  name: 'webkit-safari',
  // §4 invalid binaryType throws (@71eb6616, fixed in WebKit/WebKit#13742, Safari 17); §2 reason
  // validated only with a code (@71eb6616); Blob lost at close() (measured, WebKitGTK 2.50).
  quirks: 'webkitBinaryTypeThrows webkitReasonValidatedOnlyWithCode',
  probe: function (s) {
    const webkit = isWebKitNotBlink(s);
    return webkit && s.ua.indexOf('Android') === -1 && s.safari >= 6 && s.safari <= 16 ? 'webkitBlobLostOnClose' : null;
  },
  adapt: webkitAdapt
};

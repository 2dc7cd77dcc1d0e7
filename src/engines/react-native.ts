/** React Native, Android (OkHttp) and iOS (SocketRocket) (docs/detect.md "React Native"). */
import { EngineFamily, CLOSE_WITHOUT_STATUS } from './family';
import { isReactNative } from './signals';

export const reactNative: EngineFamily = {
  name: 'react-native',
  // §2 close() unvalidated in JS, OkHttp throws natively (RN Libraries/WebSocket/WebSocket.js;
  // WebSocketModule.close); close() sends 1000 (CLOSE_NORMAL); §5b `extension`; iOS custom codes
  // as 1001 (RN#28412); close() while CONNECTING opens later (RN#35554).
  quirks: 'rnNoCloseValidation rnCloseWithoutCodeSends1000 rnExtensionMisspelt rnCustomCloseCodeReportedAs1001 rnCloseWhileConnectingOpensLater',
  probe: function (s) {
    return isReactNative(s.g) ? '' : null;
  },
  adapt: function (s) {
    // The constructor takes `(url, protocols, options)`.
    s.opts.optionsAs = 'third';
    // Blob send needs the native BlobModule (an invariant crash without it): read it first.
    s.opts.canSendBlob = false;
    // RN cannot make a Blob from bytes (BlobManager: "Creating blobs from 'ArrayBuffer' and
    // 'ArrayBufferView' are not supported"); its own binaryType 'blob' can, with BlobModule.
    s.opts.engineBlobs = true;
    s.unsupported.push(CLOSE_WITHOUT_STATUS, 'customCloseCodes: on iOS, custom close codes are reported as 1001');
  }
};

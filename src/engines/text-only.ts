/**
 * What the text-only engines of 2010–2011 share (Gecko 6/7–10 `MozWebSocket`, hixie-76 WebKit):
 * no binary frames, and — where the probe found it — close() without arguments, one protocol
 * string, no `protocol` attribute, close events without a code (SPEC §4; docs/detect.md).
 */
import { FamilySetup } from './family';

export function textOnly(s: FamilySetup, prefix: string): void {
  s.a.sendsBinary = false;
  s.unsupported.push('binaryFrames: text frames only; binary send() throws NotSupportedError');
  // SPEC §4: close(code, reason) is validated, then the engine's close() without arguments.
  s.a.noCloseArgs = s.has(prefix + 'CloseWithoutArguments');
  if (s.a.noCloseArgs) s.unsupported.push('closeCodeOnWire: close() takes no arguments; close(code, reason) closes without them (the peer sees 1005)');
  s.a.one = s.has(prefix + 'SingleProtocolString');
  if (s.a.one) s.unsupported.push('multipleProtocols: one protocol only; more throw NotSupportedError');
  s.a.inferProtocol = s.has('webkitProtocolAttributeUndefined');
  if (s.has('geckoCloseEventWithoutCode') || s.has('webkitCloseEventWasCleanOnly')) {
    s.unsupported.push('closeEventCode: close events carry no code or reason (reported as 1005)');
  }
}

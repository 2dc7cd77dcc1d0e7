// Error messages say what was passed, what it became and why (issue 14 item 5): the bugs were
// "close('abc') says '0 is neither'", "the reason-length error gives no byte count", "a relative
// URL in Node does not say that Node has no base URL", "close() errors have no prefix".
import { expect } from 'chai';
import { load } from './_helpers.mjs';

const { validateClose } = load('close-args');
const { parseWebSocketURL } = load('url');

function messageOf(fn) {
  try {
    fn();
  } catch (e) {
    return { name: e.name, message: e.message };
  }
  throw new Error('did not throw');
}

const PREFIX = "Failed to execute 'close' on 'WebSocket': ";
const RANGE = 'The close code must be either 1000, or between 3000 and 4999. ';

describe('error messages', function () {
  describe('close(code): what was passed and what it became', function () {
    it("close('abc') names 'abc' and the 0 it converted to (bug: said only '0 is neither')", function () {
      expect(messageOf(() => validateClose(['abc'], 'strict'))).to.deep.equal({
        name: 'InvalidAccessError',
        message: PREFIX + RANGE + "'abc' (converted to 0) is neither."
      });
    });
    it('a number that is already the code is shown once: close(1001)', function () {
      expect(messageOf(() => validateClose([1001], 'standard')).message).to.equal(PREFIX + RANGE + '1001 is neither.');
    });
    it('a number changed by [Clamp]: close(2999.4) → 2999, close(70000) → 65535, close(NaN) → 0', function () {
      expect(messageOf(() => validateClose([2999.4], 'strict')).message).to.equal(PREFIX + RANGE + '2999.4 (converted to 2999) is neither.');
      expect(messageOf(() => validateClose([70000], 'strict')).message).to.equal(PREFIX + RANGE + '70000 (converted to 65535) is neither.');
      expect(messageOf(() => validateClose([NaN], 'strict')).message).to.equal(PREFIX + RANGE + 'NaN (converted to 0) is neither.');
    });
    it('null, booleans and objects', function () {
      expect(messageOf(() => validateClose([null], 'strict')).message).to.equal(PREFIX + RANGE + 'null (converted to 0) is neither.');
      expect(messageOf(() => validateClose([true], 'strict')).message).to.equal(PREFIX + RANGE + 'true (converted to 1) is neither.');
      expect(messageOf(() => validateClose([{ valueOf: () => 42 }], 'strict')).message).to.equal(
        PREFIX + RANGE + 'a value of type object (converted to 42) is neither.'
      );
    });
  });

  describe('close(code, reason): the byte count', function () {
    it('a 124-byte reason says 124 bytes (and its UTF-16 length)', function () {
      expect(messageOf(() => validateClose([1000, 'a'.repeat(124)], 'strict'))).to.deep.equal({
        name: 'SyntaxError',
        message: PREFIX + 'The close reason must not be greater than 123 UTF-8 bytes; it is 124 bytes (124 UTF-16 code units).'
      });
    });
    it('62 × "é" is 62 code units but 124 bytes', function () {
      expect(messageOf(() => validateClose([4000, '\u00e9'.repeat(62)], 'standard')).message).to.equal(
        PREFIX + 'The close reason must not be greater than 123 UTF-8 bytes; it is 124 bytes (62 UTF-16 code units).'
      );
    });
    it('strict mode: an unpaired surrogate names the mode that would replace it', function () {
      expect(messageOf(() => validateClose([1000, 'a\ud800'], 'strict'))).to.deep.equal({
        name: 'SyntaxError',
        message: PREFIX + "The close reason contains an unpaired surrogate (mode 'strict'; mode 'standard' replaces it with U+FFFD)."
      });
    });
  });

  describe('new WebSocket(url): a relative URL without a base URL', function () {
    it("'/relative' in plain Node says there is no base URL (bug: said only 'invalid')", function () {
      expect(messageOf(() => parseWebSocketURL('/relative'))).to.deep.equal({
        name: 'SyntaxError',
        message:
          "The URL '/relative' is relative, and this runtime has no base URL to resolve it against (no document or location, as in Node.js). Use an absolute ws:// or wss:// URL."
      });
    });
    it('an absolute URL that does not parse is still "invalid"', function () {
      expect(messageOf(() => parseWebSocketURL('ws://[::1'))).to.deep.equal({ name: 'SyntaxError', message: "The URL 'ws://[::1' is invalid." });
    });
    it('with a base, a relative URL resolves (no error)', function () {
      expect(parseWebSocketURL('/chat', 'https://example.test/app/').href).to.equal('wss://example.test/chat');
    });
  });
});

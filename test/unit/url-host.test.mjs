// src/url-host.ts, src/url-ipv4.ts, src/url-ipv6.ts — the own URL parser's host parser (the URL
// Standard's "host parsing": percent-decoding, domain to ASCII as far as it goes, the forbidden
// domain code points, "ends in a number", the IPv4 parser and serializer, the IPv6 parser and
// serializer), used on engines without a conforming URL (IE10/11, old Safari, QtWebKit, duktape,
// mujs). Expected values are written from the URL Standard's algorithms and examples and WPT's
// url/resources/urltestdata.json cases (read, not copied); each one is also checked against Node's
// URL, which follows the Standard, so a wrong expectation here fails as such.
import { expect } from 'chai';
import { load, expectDOMException } from './_helpers.mjs';

const { parseWebSocketURL, setURLParserForTesting } = load('url');
const { parseHost } = load('url-host');
const { ipv4, endsInNumber } = load('url-ipv4');
const { ipv6 } = load('url-ipv6');

/** Node's URL (the reference) on the same input: its href, or 'SyntaxError' where it fails. */
function nodeSays(input) {
  try {
    return new URL(input).href;
  } catch (e) {
    return 'SyntaxError';
  }
}

/** [input, the serialized URL or 'SyntaxError'], through the own parser. */
function vectors(list) {
  before(() => setURLParserForTesting('own'));
  after(() => setURLParserForTesting(null));
  for (const [input, expected] of list) {
    it(JSON.stringify(input) + ' → ' + expected, function () {
      expect(nodeSays(input), "Node's URL (the reference) agrees with the expectation").to.equal(expected);
      if (expected === 'SyntaxError') expectDOMException(() => parseWebSocketURL(input), 'SyntaxError');
      else expect(parseWebSocketURL(input).href).to.equal(expected);
    });
  }
}

describe('url-host: the own parser parses hosts as the URL Standard says', function () {
  describe('bug: hex, octal and short IPv4 hosts were kept as names (ws://0x7f.1/ must be ws://127.0.0.1/)', function () {
    vectors([
      ['ws://0x7f.1/', 'ws://127.0.0.1/'],
      ['ws://1.2.3/', 'ws://1.2.0.3/'],
      ['ws://1.2/', 'ws://1.0.0.2/'],
      ['ws://0/', 'ws://0.0.0.0/'],
      ['ws://0x/', 'ws://0.0.0.0/'],
      ['ws://0x.0x.0/', 'ws://0.0.0.0/'],
      ['ws://0x7f000001/', 'ws://127.0.0.1/'],
      ['ws://0X7F.0.0.1/', 'ws://127.0.0.1/'],
      ['ws://017700000001/', 'ws://127.0.0.1/'],
      ['ws://0177.0.0.01/', 'ws://127.0.0.1/'],
      ['ws://01.2.3.4./', 'ws://1.2.3.4/'],
      ['ws://192.168.257/', 'ws://192.168.1.1/'],
      ['ws://192.0x00A80001/', 'ws://192.168.0.1/'],
      ['ws://4294967295/', 'ws://255.255.255.255/'],
      ['ws://0xffffffff/', 'ws://255.255.255.255/'],
      ['ws://1.0xffffff/', 'ws://1.255.255.255/'],
      ['ws://00000000000000000000000000000010/', 'ws://0.0.0.8/'],
      ['ws://0x7f.1:80/', 'ws://127.0.0.1/'],
      ['ws://0x7f.1:8080/p?q', 'ws://127.0.0.1:8080/p?q'],
      // Not ending in a number: names, as they are.
      ['ws://1.2.3.4../', 'ws://1.2.3.4../'],
      ['ws://example.1com/', 'ws://example.1com/'],
      ['ws://0xg/', 'ws://0xg/'],
      ['ws://0x7f.1.example/', 'ws://0x7f.1.example/'],
      ['ws://1.2.3.4.example/', 'ws://1.2.3.4.example/']
    ]);
    it('http://0x7f.1/ becomes ws://127.0.0.1/ (constructor step 3), origin ws://127.0.0.1', function () {
      setURLParserForTesting('own');
      try {
        const r = parseWebSocketURL('http://0x7f.1:8080/');
        expect(r.href).to.equal('ws://127.0.0.1:8080/');
        expect(r.origin).to.equal('ws://127.0.0.1:8080');
      } finally {
        setURLParserForTesting(null);
      }
    });
  });

  describe('bug: out-of-range, malformed and 5-part IPv4 hosts were accepted (ws://256.0.0.1/ must throw SyntaxError)', function () {
    vectors([
      ['ws://256.0.0.1/', 'SyntaxError'],
      ['ws://1.256.3.4/', 'SyntaxError'],
      ['ws://1.2.3.256/', 'SyntaxError'],
      ['ws://1.2.3.4.5/', 'SyntaxError'],
      ['ws://256.256.256.256.256/', 'SyntaxError'],
      ['ws://4294967296/', 'SyntaxError'],
      ['ws://10000000000/', 'SyntaxError'],
      ['ws://0xffffffff1/', 'SyntaxError'],
      ['ws://0x100000000/', 'SyntaxError'],
      ['ws://1.0x1000000/', 'SyntaxError'],
      ['ws://1.2.0x10000/', 'SyntaxError'],
      ['ws://999999999999999999999/', 'SyntaxError'],
      ['ws://09/', 'SyntaxError'],
      ['ws://1.2.3.08/', 'SyntaxError'],
      ['ws://09.2.3.4/', 'SyntaxError'],
      ['ws://foo.09/', 'SyntaxError'],
      ['ws://foo.0x/', 'SyntaxError'],
      ['ws://example.com.1/', 'SyntaxError'],
      ['ws://1..2/', 'SyntaxError'],
      ['ws://.1/', 'SyntaxError'],
      ['ws://1.2.3.4.5./', 'SyntaxError']
    ]);
  });

  describe('bug: IPv6 hosts were neither validated nor serialized (ws://[0:0:0:0:0:0:0:1]/ must be ws://[::1]/)', function () {
    vectors([
      ['ws://[0:0:0:0:0:0:0:1]/', 'ws://[::1]/'],
      ['ws://[::ffff:1.2.3.4]/', 'ws://[::ffff:102:304]/'],
      ['ws://[::1.2.3.4]/', 'ws://[::102:304]/'],
      ['ws://[::127.0.0.1]/', 'ws://[::7f00:1]/'],
      ['ws://[1:2:3:4:5:6:1.2.3.4]/', 'ws://[1:2:3:4:5:6:102:304]/'],
      ['ws://[::]/', 'ws://[::]/'],
      ['ws://[0:0:0:0:0:0:0:0]:8080/', 'ws://[::]:8080/'],
      ['ws://[1::]/', 'ws://[1::]/'],
      ['ws://[1:2:3:4:5:6:7::]/', 'ws://[1:2:3:4:5:6:7:0]/'],
      ['ws://[::2:3:4:5:6:7:8]/', 'ws://[0:2:3:4:5:6:7:8]/'],
      ['ws://[1:0:0:2:0:0:0:3]/', 'ws://[1:0:0:2::3]/'],
      ['ws://[1:0:0:2:0:0:3:4]/', 'ws://[1::2:0:0:3:4]/'],
      ['ws://[0:0:1:0:0:1:0:0]/', 'ws://[::1:0:0:1:0:0]/'],
      ['ws://[1:0:2:3:4:5:6:7]/', 'ws://[1:0:2:3:4:5:6:7]/'],
      ['ws://[1:2:3:4:5:6:0:0]/', 'ws://[1:2:3:4:5:6::]/'],
      ['ws://[ABCD:0000:00EF::]/', 'ws://[abcd:0:ef::]/'],
      ['ws://[2001:DB8::1]:443/', 'ws://[2001:db8::1]:443/'],
      ['wss://[2001:db8::1]:443/', 'wss://[2001:db8::1]/']
    ]);
  });

  describe('bug: invalid IPv6 hosts were accepted (ws://[:::]/ must throw SyntaxError)', function () {
    vectors([
      ['ws://[:::]/', 'SyntaxError'],
      ['ws://[1:2:3:4:5:6:7:8:9]/', 'SyntaxError'],
      ['ws://[1:2:3:4:5:6:7]/', 'SyntaxError'],
      ['ws://[1:2:3:4:5:6:7:8::]/', 'SyntaxError'],
      ['ws://[::1:2:3:4:5:6:7:8]/', 'SyntaxError'],
      ['ws://[1::2::3]/', 'SyntaxError'],
      ['ws://[12345::]/', 'SyntaxError'],
      ['ws://[1:]/', 'SyntaxError'],
      ['ws://[:1]/', 'SyntaxError'],
      ['ws://[1::2:]/', 'SyntaxError'],
      ['ws://[g::]/', 'SyntaxError'],
      ['ws://[::1.2.3]/', 'SyntaxError'],
      ['ws://[::1.2.3.4.5]/', 'SyntaxError'],
      ['ws://[::1.2.3.256]/', 'SyntaxError'],
      ['ws://[::01.2.3.4]/', 'SyntaxError'],
      ['ws://[::1.2.3.4x]/', 'SyntaxError'],
      ['ws://[::ffff1.2.3.4]/', 'SyntaxError'],
      ['ws://[1:2:3:4:5:6:7:1.2.3.4]/', 'SyntaxError'],
      ['ws://[1.2.3.4]/', 'SyntaxError'],
      ['ws://[%3A%3A1]/', 'SyntaxError'],
      ['ws://[::1]x/', 'SyntaxError'],
      ['ws://[::1/', 'SyntaxError'],
      ['ws://[]/', 'SyntaxError'],
      ['ws://a[::1]/', 'SyntaxError']
    ]);
  });

  describe('bug: percent-encoded hosts were checked before decoding, and not as IPv4 (ws://%30x7f.%31/ must be ws://127.0.0.1/)', function () {
    vectors([
      ['ws://ex%41mple.com/', 'ws://example.com/'],
      ['ws://H%41/', 'ws://ha/'],
      ['ws://a%2Eb/', 'ws://a.b/'],
      ['ws://%2e/', 'ws://./'],
      ['ws://a%2e/', 'ws://a./'],
      ['ws://%30x7f.%31/', 'ws://127.0.0.1/'],
      ['ws://%31%32%37.0.0.1/', 'ws://127.0.0.1/'],
      ['ws://%32%35%36.0.0.1/', 'SyntaxError'],
      ['ws://a%25b/', 'SyntaxError'],
      ['ws://a%2Fb/', 'SyntaxError'],
      ['ws://a%3Ab/', 'SyntaxError'],
      ['ws://a%5Bb/', 'SyntaxError'],
      ['ws://a%00b/', 'SyntaxError'],
      ['ws://a%7Fb/', 'SyntaxError'],
      ['ws://%ff/', 'SyntaxError'],
      ['ws://a%c3/', 'SyntaxError'],
      ['ws://a%ed%a0%80/', 'SyntaxError'],
      ['ws://a%c0%ae/', 'SyntaxError'],
      ['ws://%/', 'SyntaxError'],
      ['ws://a%4/', 'SyntaxError']
    ]);
  });

  describe('bug: U+FFFD and other code points UTS #46 disallows were accepted in a host (ws://a\\ufffdb/ must throw SyntaxError)', function () {
    vectors([
      ['ws://a\ufffdb/', 'SyntaxError'],
      ['ws://a\ud800b/', 'SyntaxError'], // a lone surrogate: U+FFFD after the USVString conversion
      ['ws://a%EF%BF%BDb/', 'SyntaxError'],
      ['ws://a\u0080b/', 'SyntaxError'],
      ['ws://a\u0085b/', 'SyntaxError'],
      ['ws://a\u00a0b/', 'SyntaxError'],
      ['ws://a\u3000b/', 'SyntaxError'],
      ['ws://a\ue000b/', 'SyntaxError'],
      ['ws://a\ufdd0b/', 'SyntaxError'],
      ['ws://a\ufffeb/', 'SyntaxError'],
      ['ws://a\uffffb/', 'SyntaxError'],
      ['ws://\u00e9.1/', 'SyntaxError'], // ends in a number, so IPv4, which it is not
      ['ws://\u00e9.com:99999/', 'SyntaxError']
    ]);
  });

  // mujs 1.x's decodeURIComponent decodes a UTF-8-encoded surrogate (%ED%A0%80) to a lone
  // surrogate instead of throwing URIError (ES5 15.1.3 "Decode"; measured with the UMD in
  // /usr/bin/mujs, test/legacy's engines). Simulated here with a decodeURIComponent that does so.
  describe('bug: on mujs, a percent-encoded surrogate in a host was accepted (ws://a%ed%a0%80/ must throw SyntaxError)', function () {
    const real = globalThis.decodeURIComponent;
    before(function () {
      setURLParserForTesting('own');
      globalThis.decodeURIComponent = (s) => (/^%ed%a0%80$/i.test(s) ? '\ud800' : real(s));
    });
    after(function () {
      globalThis.decodeURIComponent = real;
      setURLParserForTesting(null);
    });
    it('control: the stand-in decodes it as mujs does', function () {
      expect(decodeURIComponent('%ed%a0%80')).to.equal('\ud800');
    });
    it('ws://a%ed%a0%80/ → SyntaxError (U+FFFD, as a UTF-8 decoder gives)', function () {
      expect(nodeSays('ws://a%ed%a0%80/')).to.equal('SyntaxError');
      expectDOMException(() => parseWebSocketURL('ws://a%ed%a0%80/'), 'SyntaxError');
    });
  });

  describe('the modules', function () {
    it('endsInNumber: the last label (after one trailing dot) is digits or 0x-hex', function () {
      for (const h of ['1', '0x', '0X1F', 'a.1', 'a.1.', 'a.09', 'a.0xff.']) expect(endsInNumber(h), h).to.equal(true);
      for (const h of ['', '.', 'a', '1.a', '1..', 'a.0xg', 'a.1e2', '1.2.3.4..']) expect(endsInNumber(h), h).to.equal(false);
    });
    it('ipv4: dotted decimal, or null', function () {
      expect(ipv4('0x7f.1')).to.equal('127.0.0.1');
      expect(ipv4('4294967295')).to.equal('255.255.255.255');
      expect(ipv4('0.0.0.0.')).to.equal('0.0.0.0');
      expect(ipv4('4294967296')).to.equal(null);
      expect(ipv4('1.2.3.4.5')).to.equal(null);
      expect(ipv4('1.2.65536')).to.equal(null);
      expect(ipv4('1.2.65535')).to.equal('1.2.255.255');
    });
    it('ipv6: serialized without brackets, or null', function () {
      expect(ipv6('0:0:0:0:0:0:0:0')).to.equal('::');
      expect(ipv6('0:0:0:0:0:0:0:1')).to.equal('::1');
      expect(ipv6('1:0:0:0:0:0:0:0')).to.equal('1::');
      expect(ipv6('0:0:1:0:0:0:1:0')).to.equal('0:0:1::1:0');
      expect(ipv6('::FFFF:192.168.0.1')).to.equal('::ffff:c0a8:1');
      expect(ipv6(':::')).to.equal(null);
      expect(ipv6('')).to.equal(null);
    });
    it('parseHost: the serialized host, or null', function () {
      expect(parseHost('EXAMPLE.com')).to.equal('example.com');
      expect(parseHost('[::1]')).to.equal('[::1]');
      expect(parseHost('[::1')).to.equal(null);
      expect(parseHost('%30')).to.equal('0.0.0.0');
      expect(parseHost('a b')).to.equal(null);
    });
  });
});

// Full UTS #46 (its mapping table, punycode, the bidi and joiner rules) is out of the own
// parser's scope: a host left non-ASCII after the steps above goes to the engine as it is.
// Kept as documented skips, not weakened expectations.
describe('url-host: own parser limitations (IDNA / UTS #46)', function () {
  before(() => setURLParserForTesting('own'));
  after(() => setURLParserForTesting(null));
  const idna = [
    ['ws://\u00c9XAMPLE.com/', 'ws://xn--xample-9ua.com/', 'punycode (UTS #46 ToASCII) is not implemented: the host stays "\u00e9xample.com"'],
    ['ws://%C3%A9/', 'ws://xn--9ca/', 'punycode is not implemented: the decoded host stays "\u00e9"'],
    ['ws://ex\u00adample/', 'ws://example/', 'the UTS #46 mapping table is not implemented: the soft hyphen (mapped to nothing) stays'],
    ['ws://\uff45\uff58.com/', 'ws://ex.com/', 'the UTS #46 mapping table is not implemented: fullwidth letters stay'],
    ['ws://\uff10\uff38\uff43\uff10\uff0e\uff10\uff12\uff15\uff10\uff0e\uff10\uff11/', 'ws://192.168.0.1/', 'the UTS #46 mapping table is not implemented: fullwidth digits are not mapped, so not IPv4'],
    ['ws://a\uff1cb/', 'SyntaxError', 'the UTS #46 mapping table is not implemented: fullwidth "<" is not mapped to "<", a forbidden code point'],
    ['ws://a\u0378b/', 'SyntaxError', 'UTS #46 validity is not implemented: an unassigned code point is not refused'],
    ['ws://xn--/', 'SyntaxError', 'punycode is not implemented: an invalid xn-- label is not refused'],
    ['ws://a.xn--zz/', 'SyntaxError', 'punycode is not implemented: an invalid xn-- label is not refused']
  ];
  for (const [input, expected, reason] of idna) {
    it.skip(JSON.stringify(input) + ' → ' + expected + ' — own parser limitation: ' + reason, function () {
      expect(nodeSays(input)).to.equal(expected);
      if (expected === 'SyntaxError') expectDOMException(() => parseWebSocketURL(input), 'SyntaxError');
      else expect(parseWebSocketURL(input).href).to.equal(expected);
    });
  }
  it('what it does with them instead: passes the non-ASCII host on, lower-cased (the engine resolves it)', function () {
    expect(parseWebSocketURL('ws://\u00c9XAMPLE.com/').href).to.equal('ws://\u00e9xample.com/');
  });
});

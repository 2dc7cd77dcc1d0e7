// lab/page/hooks.js: the fallbacks the lab's checks use on engines without Promise,
// TextEncoder/TextDecoder or URL, against Node's own implementations as the reference.
import { expect } from 'chai';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const hooks = require('../../lab/page/hooks.js');
const { Promise: LabPromise, TextEncoder: LabEncoder, TextDecoder: LabDecoder, URL: LabURL } = hooks.fallbacks;

/** A small seeded PRNG (mulberry32): the same cases every run. */
function prng(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('lab: the hooks\' fallbacks (lab/page/hooks.js)', function () {
  it('on this Node the hooks are the host\'s own classes', function () {
    expect(hooks.Promise).to.equal(Promise);
    expect(hooks.TextEncoder).to.equal(TextEncoder);
    expect(hooks.URL).to.equal(URL);
  });

  it('TextDecoder fallback decodes 3000 random byte strings as TextDecoder does (U+FFFD per bad sequence)', function () {
    const rnd = prng(15);
    const native = new TextDecoder();
    const lab = new LabDecoder();
    const interesting = [0x00, 0x41, 0x7f, 0x80, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff, 0xa0, 0x9f, 0x90, 0x8f];
    for (let n = 0; n < 3000; n++) {
      const bytes = new Uint8Array(1 + Math.floor(rnd() * 12));
      for (let i = 0; i < bytes.length; i++) bytes[i] = rnd() < 0.6 ? interesting[Math.floor(rnd() * interesting.length)] : Math.floor(rnd() * 256);
      expect(lab.decode(bytes), Buffer.from(bytes).toString('hex')).to.equal(native.decode(bytes));
    }
  });

  it('TextEncoder fallback encodes 2000 random strings (lone surrogates → U+FFFD) as TextEncoder does', function () {
    const rnd = prng(7);
    const units = [0x41, 0xe9, 0x20ac, 0xd83d, 0xde00, 0xd800, 0xdfff, 0x7ff, 0x800, 0xffff, 0x10];
    for (let n = 0; n < 2000; n++) {
      let s = '';
      const len = Math.floor(rnd() * 10);
      for (let i = 0; i < len; i++) s += String.fromCharCode(rnd() < 0.7 ? units[Math.floor(rnd() * units.length)] : Math.floor(rnd() * 0x10000));
      expect(Array.from(new LabEncoder().encode(s)), JSON.stringify(s)).to.deep.equal(Array.from(new TextEncoder().encode(s)));
    }
  });

  it('URL fallback resolves a path-absolute reference as URL does, and refuses what it cannot do', function () {
    for (const base of ['http://127.0.0.1:8765/', 'https://Example.COM:8443/a/b?c#d', 'http://[::1]:80/x']) {
      const a = new LabURL('/rel?x=1', base);
      const b = new URL('/rel?x=1', base);
      expect([a.href, a.protocol]).to.deep.equal([b.href, b.protocol]);
    }
    expect(() => new LabURL('rel', 'http://h/')).to.throw(TypeError);
    expect(() => new LabURL('/x', 'about:blank')).to.throw(TypeError);
  });

  it('Promise fallback: then-chains in order, later tasks, adoption of thenables, race, rejections', async function () {
    const order = [];
    const p = new LabPromise((resolve) => resolve(1));
    p.then((v) => order.push('a' + v));
    p.then((v) => order.push('b' + v));
    order.push('sync');
    const chained = await new Promise((done) => LabPromise.resolve(2).then((v) => ({ then: (ok) => ok(v * 10) })).then(done));
    expect(order).to.deep.equal(['sync', 'a1', 'b1']);
    expect(chained).to.equal(20);
    const raced = await new Promise((done) => LabPromise.race([new LabPromise((r) => setTimeout(() => r('slow'), 50)), new LabPromise((r) => setTimeout(() => r('fast'), 5))]).then(done));
    expect(raced).to.equal('fast');
    const caught = await new Promise((done) => new LabPromise(() => { throw new Error('boom'); }).then(() => 'no')['catch']((e) => done(e.message)));
    expect(caught).to.equal('boom');
    const once = [];
    new LabPromise((resolve, reject) => { resolve('x'); reject(new Error('late')); resolve('y'); }).then((v) => once.push(v), (e) => once.push(e));
    await new Promise((r) => setTimeout(r, 10));
    expect(once).to.deep.equal(['x']);
  });

  it('startsWith and repeat as String.prototype\'s', function () {
    expect(hooks.startsWith('url ws://', 'url ')).to.equal(true);
    expect(hooks.startsWith('ur', 'url ')).to.equal(false);
    expect(hooks.repeat('é', 3)).to.equal('ééé');
    expect(hooks.repeat('a', 0)).to.equal('');
  });
});

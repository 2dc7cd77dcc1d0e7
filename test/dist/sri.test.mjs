// The CDN snippet's Subresource Integrity (README): the hashes the build wrote (dist/sri.json)
// are those of the built files, recomputed here, and the README's block carries the min
// build's, for the package's version, from unpkg and jsDelivr, with crossorigin.
import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root, README, START, END, FILE, currentSnippet, renderSnippet, updatedReadme } from './support/cdn-snippet.mjs';

const sha384 = (buf) => 'sha384-' + createHash('sha384').update(buf).digest('base64');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

describe('CDN snippet: Subresource Integrity', function () {
  it('dist/sri.json has the SHA-384 of each script-tag build, as built', function () {
    const sri = JSON.parse(readFileSync(join(root, 'dist', 'sri.json'), 'utf8'));
    expect(Object.keys(sri).sort()).to.deep.equal(['websocket-shim.modern.umd.js', 'websocket-shim.modern.umd.min.js', 'websocket-shim.umd.js', 'websocket-shim.umd.min.js']);
    for (const f of Object.keys(sri)) expect(sri[f], f).to.equal(sha384(readFileSync(join(root, 'dist', f))));
  });

  it("the README's snippet is the one this build gives (else: npm run readme:cdn)", function () {
    const text = readFileSync(README, 'utf8');
    const a = text.indexOf(START);
    const b = text.indexOf(END);
    expect(a, 'the README has the cdn block').to.be.above(-1);
    expect(text.slice(a, b + END.length)).to.equal(currentSnippet());
  });

  it('each <script> is pinned to the package version, has the built file\'s integrity and crossorigin="anonymous"', function () {
    const text = readFileSync(README, 'utf8');
    const block = text.slice(text.indexOf(START), text.indexOf(END));
    const tags = [...block.matchAll(/<script src="([^"]+)"\s+integrity="([^"]+)"\s+crossorigin="([^"]+)"><\/script>/g)];
    expect(tags.map((t) => t[1])).to.deep.equal([
      `https://unpkg.com/websocket-shim@${pkg.version}/${FILE}`,
      `https://cdn.jsdelivr.net/npm/websocket-shim@${pkg.version}/${FILE}`
    ]);
    const built = sha384(readFileSync(join(root, FILE)));
    for (const t of tags) {
      expect(t[2]).to.equal(built);
      expect(t[3]).to.equal('anonymous');
    }
  });

  it('control: a snippet with another hash or version is not the current one', function () {
    const sri = JSON.parse(readFileSync(join(root, 'dist', 'sri.json'), 'utf8'));
    const hash = sri['websocket-shim.umd.min.js'];
    expect(renderSnippet(pkg.version, sha384(Buffer.from('x')))).to.not.equal(currentSnippet());
    expect(renderSnippet('0.0.0-other', hash)).to.not.equal(currentSnippet());
    expect(updatedReadme('no markers', currentSnippet())).to.equal(null);
  });
});

// The README and docs/ as a user reads them (issue 14): the first screen says what, when, when
// not and how to try it; every relative link resolves, and the README and docs/ (which ship in
// the package) link only to files the package ships — the bug was a README citing SPEC.md and
// QUIRKS.md, which were in neither the repository nor the package.
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { readFileSync, existsSync } from 'node:fs';
import { join, dirname, posix } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const read = (f) => readFileSync(join(root, f), 'utf8');
const FIRST_SCREEN = 45; // lines

/** Relative link targets in a markdown file (no http(s), no mailto, no pure #anchors), without the anchor. */
function links(file) {
  const text = read(file).replace(/```[\s\S]*?```/g, '');
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((m) => m[1])
    .filter((t) => !/^(https?:|mailto:|#)/.test(t))
    .map((t) => posix.normalize(posix.join(posix.dirname(file), t.split('#')[0])));
}

/** GitHub-style heading anchors of a markdown file. */
function anchors(file) {
  return read(file)
    .split('\n')
    .filter((l) => /^#{1,6} /.test(l))
    .map((l) => l.replace(/^#+ /, '').toLowerCase().replace(/[^\p{L}\p{N} _-]/gu, '').replace(/ /g, '-'));
}

describe('README and docs for users', function () {
  const readme = read('README.md');
  const first = readme.split('\n').slice(0, FIRST_SCREEN).join('\n');

  it(`the first ${FIRST_SCREEN} lines: what it is, when you need it, when you do not, how to try it and install it`, function () {
    expect(first).to.match(/^# websocket-shim\n/);
    expect(first).to.match(/polyfill and ponyfill/);
    expect(first).to.match(/\*\*You need it when\*\*/);
    expect(first).to.match(/\*\*You do not need it when\*\*/);
    expect(first).to.include('npm install && npm start');
    expect(first).to.match(/^npm test /m);
    expect(first).to.include('npm install websocket-shim');
    expect(first).to.include('## Three ways in');
  });

  it('has the sections a user looks for', function () {
    for (const h of ['## Install', '## Three ways in', '### CDN', '## How it compares', '## Modes', '## TypeScript', '## Size', '## Support', '## Compatibility']) {
      expect(readme, h).to.include('\n' + h + '\n');
    }
    for (const alt of ['`ws`', '`isomorphic-ws`', '`reconnecting-websocket`', '`partysocket`', 'bare native']) expect(readme.slice(readme.indexOf('## How it compares'))).to.include(alt);
  });

  it('the ESM examples import, they do not require()', function () {
    const section = readme.slice(readme.indexOf('## Three ways in'), readme.indexOf('## How it compares'));
    for (const m of section.matchAll(/```js\n([\s\S]*?)```/g)) {
      if (/^import /m.test(m[1])) expect(m[1], m[1]).not.to.match(/require\(/);
    }
  });

  for (const file of ['README.md', 'CONTRIBUTING.md', 'docs/README.md', 'docs/contract.md', 'docs/detect.md']) {
    it(`${file}: every relative link resolves`, function () {
      for (const target of links(file)) expect(existsSync(join(root, target)), `${file} → ${target}`).to.equal(true);
    });
  }

  it('README and docs/ link only to files the package ships (npm pack)', function () {
    const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8', timeout: 120000 });
    const shipped = new Set(JSON.parse(r.stdout)[0].files.map((f) => f.path));
    for (const file of ['README.md', 'docs/README.md', 'docs/contract.md', 'docs/detect.md']) {
      expect(shipped.has(file), file).to.equal(true);
      for (const target of links(file)) {
        // CONTRIBUTING.md is for a clone; the README points at it only in its Contributing section.
        if (target === 'CONTRIBUTING.md') continue;
        expect(shipped.has(target), `${file} → ${target}`).to.equal(true);
      }
    }
  });

  it("README's in-page links point at headings that exist", function () {
    const have = new Set(anchors('README.md'));
    const wanted = [...readme.replace(/```[\s\S]*?```/g, '').matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1]);
    expect(wanted.length).to.be.above(3);
    for (const a of wanted) expect(have.has(a), '#' + a).to.equal(true);
  });

  it('no user-facing page cites SPEC.md or QUIRKS.md (not shipped)', function () {
    for (const file of ['README.md', 'docs/README.md', 'docs/contract.md', 'docs/detect.md']) {
      expect(read(file), file).not.to.match(/SPEC\.md|QUIRKS\.md/);
    }
  });
});

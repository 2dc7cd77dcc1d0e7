// docs/compatibility.md is never stale: it and the README's support table are what
// lab/compatibility.json renders to; the data has exactly the current check list; and the
// engines this test can run again here — this Node.js and every legacy engine profile — give
// the same result in every cell (pass or not, native and both shim modes) as the committed data.
// The browsers' columns are re-measured by test/browsers/lab.test.mjs (Chromium, QtWebKit).
// Regenerate with `npm run compat` (or `-- --render` after editing the renderer).
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { readData, renderDoc, renderReadmeBlock, checkList, DOC, README, START, END } from '../../lab/compat/render.mjs';
import { runProfiles, toRecord, nodeFlags } from '../../lab/compat/engines.mjs';
import { buildChecks } from '../../lab/build.mjs';
import { startServer } from '../../conformance/server.mjs';
import { closedPort, root } from '../../lab/server.mjs';

const REGENERATE = 'run `npm run compat` and commit docs/compatibility.{json,md} and README.md';

/** Each cell as pass marks: native (null when none), strict, standard. */
export function marks(record) {
  const out = {};
  for (const [id, c] of Object.entries(record.cells)) out[id] = [c.native === null ? null : c.native === true, c.strict === true, c.standard === true];
  return out;
}

/** "id: native ✓ → ✗" lines for the cells whose marks differ. */
export function markDiff(committed, fresh) {
  const a = marks(committed);
  const b = marks(fresh);
  const name = ['native', 'strict', 'standard'];
  const out = [];
  for (const id of Object.keys(b)) {
    for (let i = 0; i < 3; i++) {
      if (!a[id] || a[id][i] !== b[id][i]) out.push(`${id} ${name[i]}: committed ${a[id] ? a[id][i] : 'no row'}, now ${b[id][i]} (${JSON.stringify(fresh.cells[id][name[i]])})`);
    }
  }
  return out;
}

describe('lab: docs/compatibility.md is up to date', function () {
  this.timeout(180000);
  const data = readData();
  process.on('unhandledRejection', () => {}); // a broken engine's late rejections (see lab/compat.mjs)

  it('lab/compatibility.json exists', function () {
    expect(data, REGENERATE).to.not.equal(null);
  });

  it('has exactly the current check list (ids, sections, titles, order)', function () {
    expect(data.checks, `the check list changed: ${REGENERATE}`).to.deep.equal(checkList());
    for (const e of data.engines) {
      expect(Object.keys(e.cells), e.id).to.deep.equal(data.checks.map((c) => c.id));
      expect(Object.keys(e.expected), e.id).to.deep.equal(data.checks.map((c) => c.id));
    }
  });

  it('covers the engines npm run compat runs: four browsers, the Node matrix, every profile', async function () {
    const { PROFILES } = await import('../../test/legacy/profiles.mjs');
    const { NODE_MAJORS } = await import('../../lab/compat/engines.mjs');
    const ids = data.engines.map((e) => e.id);
    expect(ids).to.include.members(['chromium', 'firefox', 'webkit', 'qtwebkit']);
    expect(ids).to.include.members(NODE_MAJORS.map((m) => `node-${m}`));
    expect(ids).to.include.members(PROFILES.map((p) => p.id));
  });

  it('docs/compatibility.md is what the data renders to', function () {
    expect(readFileSync(DOC, 'utf8') === renderDoc(data), `docs/compatibility.md differs from its data: ${REGENERATE}`).to.equal(true);
  });

  it("the README's support table is what the data renders to", function () {
    const readme = readFileSync(README, 'utf8');
    const a = readme.indexOf(START);
    const b = readme.indexOf(END);
    expect(a, 'README has the compat markers').to.be.above(-1);
    expect(readme.slice(a, b + END.length)).to.equal(renderReadmeBlock(data));
  });

  it("this Node.js gives the committed result in every cell (lab/node-run.cjs, as npm run compat)", async function () {
    const major = +process.versions.node.split('.')[0];
    const committed = data.engines.find((e) => e.id === `node-${major}`);
    if (!committed || !committed.version.startsWith(process.version + ',')) this.skip(); // another Node than the pinned one
    buildChecks();
    const server = await startServer();
    try {
      const refused = `ws://127.0.0.1:${await closedPort()}/`;
      const out = await new Promise((resolve, reject) =>
        execFile(process.execPath, [...nodeFlags(major), join(root, 'lab', 'node-run.cjs'), server.httpUrl, `Node.js ${major}`, refused], { maxBuffer: 1 << 26 }, (e, so) => (e ? reject(e) : resolve(so)))
      );
      const fresh = toRecord(JSON.parse(out), { id: committed.id, label: committed.label, kind: 'node', version: committed.version });
      expect(markDiff(committed, fresh), `Node ${major} changed: ${REGENERATE}`).to.deep.equal([]);
    } finally {
      await server.close();
    }
  });

  it('every legacy engine profile gives the committed result in every cell', async function () {
    const server = await startServer();
    try {
      const fresh = await runProfiles({ server });
      const diffs = [];
      for (const f of fresh) {
        const committed = data.engines.find((e) => e.id === f.id);
        if (!committed) diffs.push(`${f.id}: not in the data`);
        else diffs.push(...markDiff(committed, f).map((d) => `${f.id} ${d}`));
      }
      expect(diffs, `profiles changed: ${REGENERATE}`).to.deep.equal([]);
    } finally {
      await server.close();
    }
  });

  it('a changed cell is caught (control)', function () {
    const e = data.engines[0];
    const id = data.checks[0].id;
    const changed = { ...e, cells: { ...e.cells, [id]: { ...e.cells[id], strict: 'something else' } } };
    expect(markDiff(e, changed)).to.have.length(e.cells[id].strict === true ? 1 : 0);
    expect(renderDoc({ ...data, engines: [changed, ...data.engines.slice(1)] }) === renderDoc(data)).to.equal(false);
  });
});

// docs/detect.md documents every name detect() can print (issue 14: "a test fails on an
// undocumented one"). The names come from three places that do not depend on each other:
//   - the built code: every camelCase string literal in the built bundles (a quirk or
//     normalization name is a string literal somewhere), minus the property names the code
//     reads by string (NOT_NAMES, each with the reason it is there);
//   - the engine profiles' expected detect() results (test/legacy/profiles.mjs) and a real
//     detect() in this Node process;
//   - the public types (dist/websocket-shim.d.mts): QuirkName, NormalizationName,
//     UnsupportedName, BackendName, NativeName and DetectFeatures must list exactly the
//     documented names.
import { expect } from 'chai';
import ts from 'typescript';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PROFILES } from '../legacy/profiles.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);

// String literals in the bundles that are property names the code reads, not detect() names.
const NOT_NAMES = {
  binaryType: "the attribute, read and set on engines by name (transports)",
  bufferedAmount: 'the attribute, read on engines by name',
  readyState: 'the attribute, read on engines by name',
  wasClean: "CloseEvent's attribute, read by name (events)",
  handleEvent: "an EventListener object's method, looked up by name (event-target)",
  peerClosing: "a transport method, forwarded by name (transports/engine-calls)",
  currentTarget: "Event's attribute, shadowed by name on an engine's own event (event-target)",
  eventPhase: "Event's attribute, shadowed by name on an engine's own event (event-target)",
  userAgent: "navigator's property, read by name (probes)",
  documentMode: "IE's document property, read by name (probes)",
  isWellFormed: 'String.prototype method (ES2024), looked up by name (utf8)',
  toWellFormed: 'String.prototype method (ES2024), looked up by name (utf8)',
  byteLength: "ArrayBuffer's attribute: its brand-checking getter, looked up by name, recognises buffers (webidl)",
  canSendBlob: "the send queue's sink property, an accessor of the state machine's ES5 class, defined by name (socket-core)",
  sendHeaders: "part of undici's diagnostics channel name 'undici:client:sendHeaders' (transports/undici-upgrade, Node only)"
};

const SECTIONS = ['native', 'backend', 'features', 'quirks', 'normalizations', 'unsupported'];

/** The names in the first column of each `## <section>` of docs/detect.md (its ### subsections included). */
function documented() {
  const text = readFileSync(join(root, 'docs', 'detect.md'), 'utf8');
  const out = {};
  let section = null;
  for (const line of text.split('\n')) {
    const h = /^## (\w+)\s*$/.exec(line);
    if (h) section = SECTIONS.includes(h[1]) ? h[1] : null;
    const row = /^\| `([^`]+)` \|/.exec(line);
    if (section && row) (out[section] = out[section] || []).push(row[1]);
  }
  return out;
}

/** camelCase words in the string literals of a built file (a literal may hold several, space-separated, or `name: text`). */
function builtNames(file) {
  const sf = ts.createSourceFile(file, readFileSync(join(root, file), 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const out = new Set();
  const visit = (n) => {
    if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) {
      for (const w of n.text.split(/[ :]/)) if (/^[a-z][a-z0-9]*[A-Z][A-Za-z0-9_]*$/.test(w)) out.add(w);
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

/** The members of a string-literal union type, or the keys of an interface, in the bundled declarations. */
function declared(name) {
  const file = join(root, 'dist', 'websocket-shim.d.mts');
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  let out = null;
  sf.forEachChild((n) => {
    if (ts.isTypeAliasDeclaration(n) && n.name.text === name) {
      out = (ts.isUnionTypeNode(n.type) ? n.type.types : [n.type]).map((t) => t.literal.text);
    }
    if (ts.isInterfaceDeclaration(n) && n.name.text === name) out = n.members.map((m) => m.name.text);
  });
  if (!out) throw new Error(`${name} not found in ${file}`);
  return out;
}

const unique = (list) => [...new Set(list)].sort();
const docs = documented();
const all = new Set(Object.values(docs).flat());

describe('docs/detect.md: every name detect() can print is documented', function () {
  it('has every section, each without duplicates', function () {
    expect(Object.keys(docs).sort()).to.deep.equal([...SECTIONS].sort());
    for (const s of SECTIONS) expect(unique(docs[s]).length, s).to.equal(docs[s].length);
  });

  // The modern entry's builds too (issue 13): its refusal is `modernEntry`.
  for (const file of ['dist/websocket-shim.umd.js', 'dist/websocket-shim.node.cjs', 'dist/websocket-shim.modern.umd.js', 'dist/modern.node.cjs']) {
    it(`every name in the built code (${file}) is documented`, function () {
      const names = [...builtNames(file)].filter((n) => !(n in NOT_NAMES));
      const missing = names.filter((n) => !all.has(n)).sort();
      expect(missing, 'undocumented names: add each to docs/detect.md (or, if it is a property name the code reads, to NOT_NAMES here)').to.deep.equal([]);
    });
  }

  it('every documented quirk, normalization and unsupported name is in the built code (no stale entries)', function () {
    const built = new Set([...builtNames('dist/websocket-shim.umd.js'), ...builtNames('dist/websocket-shim.node.cjs'), ...builtNames('dist/websocket-shim.modern.umd.js')]);
    const stale = [...docs.quirks, ...docs.normalizations, ...docs.unsupported].filter((n) => !built.has(n));
    expect(stale).to.deep.equal([]);
  });

  it('NOT_NAMES holds only strings that really are in the built code', function () {
    const built = new Set([...builtNames('dist/websocket-shim.umd.js'), ...builtNames('dist/websocket-shim.node.cjs')]);
    for (const n of Object.keys(NOT_NAMES)) expect(built.has(n), n).to.equal(true);
  });

  it("every engine profile's expected backend, quirks and unsupported names are documented", function () {
    for (const p of PROFILES) {
      expect(docs.backend, p.id).to.include(p.detect.backend);
      for (const q of p.detect.quirks) expect(docs.quirks, `${p.id}: ${q}`).to.include(q);
      for (const u of p.detect.unsupported || []) expect(docs.unsupported, `${p.id}: ${u}`).to.include(String(u).split(':')[0]);
    }
  });

  it('detect() in this Node process (the Node entry, ws or built-in) prints only documented names', function () {
    const r = require(join(root, 'dist', 'websocket-shim.node.cjs')).detect();
    expect(docs.native).to.include(r.native);
    expect(docs.backend).to.include(r.backend);
    expect(Object.keys(r.features).sort()).to.deep.equal([...docs.features].sort());
    for (const q of r.quirks) expect(docs.quirks).to.include(q);
    for (const n of r.normalizations) expect(docs.normalizations).to.include(n);
    for (const u of r.unsupported) expect(docs.unsupported).to.include(u.split(':')[0]);
    expect(r.quirks.length).to.be.above(0);
  });

  it('the public types name exactly the documented names', function () {
    expect(unique(declared('QuirkName')), 'QuirkName').to.deep.equal(unique(docs.quirks));
    expect(unique(declared('NormalizationName')), 'NormalizationName').to.deep.equal(unique(docs.normalizations));
    expect(unique(declared('UnsupportedName')), 'UnsupportedName').to.deep.equal(unique(docs.unsupported));
    expect(unique(declared('BackendName')), 'BackendName').to.deep.equal(unique(docs.backend));
    expect(unique(declared('NativeName')), 'NativeName').to.deep.equal(unique(docs.native));
    expect(unique(declared('DetectFeatures')), 'DetectFeatures').to.deep.equal(unique(docs.features));
  });

  it('control: a name missing from the page is reported', function () {
    const fake = new Set(all);
    fake.delete('wsErrorEventKillsProcess');
    const names = [...builtNames('dist/websocket-shim.node.cjs')].filter((n) => !(n in NOT_NAMES));
    expect(names.filter((n) => !fake.has(n))).to.deep.equal(['wsErrorEventKillsProcess']);
  });
});

describe('docs/contract.md and the README agree', function () {
  const table = (text, heading) => {
    const at = text.indexOf(heading);
    expect(at, heading).to.be.above(-1);
    const lines = text.slice(at).split('\n');
    const first = lines.findIndex((l) => l.startsWith('| case |'));
    const rows = [];
    for (let i = first; i < lines.length && lines[i].startsWith('|'); i++) rows.push(lines[i]);
    return rows;
  };
  it("the modes table is the same in both (a mode difference added to one must be added to the other)", function () {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const contract = readFileSync(join(root, 'docs', 'contract.md'), 'utf8');
    const a = table(readme, '## Modes');
    expect(a.length).to.be.at.least(5);
    expect(table(contract, '## 3. Modes')).to.deep.equal(a);
  });
});

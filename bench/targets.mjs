// The speed targets of issue 13, matched to the figures bench/client.mjs produces by id.
// A verdict is information in bench/RESULTS.md, never a test result.
export const TARGETS = [
  { label: 'receive 64 B', match: /^receive \w+ 64$/, text: '≥ 0.85', ok: (r) => r.ratio >= 0.85 },
  { label: 'receive 4 KB', match: /^receive \w+ 4096$/, text: '≥ 0.95', ok: (r) => r.ratio >= 0.95 },
  { label: 'send astral strings 4–64 KB', match: /^send string astral (4096|65536)$/, text: '≥ 0.95', ok: (r) => r.ratio >= 0.95 },
  { label: 'send ArrayBuffer / Uint8Array / ASCII', match: /^send (ArrayBuffer|Uint8Array|string ASCII) /, text: '≥ 0.95', ok: (r) => r.ratio >= 0.95 },
  { label: 'strict 1 MB astral', match: /^strict 1 MB astral/, text: 'extra cost ≤ +10 %', ok: (r) => r.extraCost <= 0.1 },
  { label: 'strict 1 MB ASCII', match: /^strict 1 MB ASCII/, text: 'extra cost ≤ +10 % (keep)', ok: (r) => r.extraCost <= 0.1 },
  { label: 'heap per socket', match: /^heap per open socket/, text: '≤ +1 KB over native', ok: (r) => r.overBytes <= 1024 },
  { label: 'open/close cycles', match: /open\/close cycles$/, text: 'flat (growth < 1 MB)', ok: (r) => r.growth < 1024 * 1024 },
  { label: '30 M-char lone surrogate', match: /^standard 30 M-char/, text: 'within 2× native', ok: (r) => r.timeRatio <= 2 }
];

export function verdict(r) {
  const t = TARGETS.find((x) => x.match.test(r.id));
  if (!t) return '';
  return (t.ok(r) ? 'meets ' : '**misses** ') + t.text;
}

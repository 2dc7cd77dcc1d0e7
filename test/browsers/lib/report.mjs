// The browser suite's report: per engine, the check list's counts for the engine's own
// WebSocket and for the shim (both modes), and the native deviations the shim corrected
// (checks that fail natively and pass through the shim, in the same mode). Printed at the end
// of the run and written to test-results/browsers/report.{json,md}.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function counts(results) {
  const passed = results.filter((r) => r.pass).length;
  return { passed, failed: results.length - passed };
}

/** Checks that fail in `native` and pass in `shim` (same ids, same mode). */
export function corrected(native, shim) {
  const byId = new Map(shim.map((r) => [r.id, r]));
  return native
    .filter((r) => !r.pass && byId.has(r.id) && byId.get(r.id).pass)
    .map((r) => ({ id: r.id, expected: r.expected, native: r.actual }));
}

/**
 * engines: [{ label, version, runs: { 'native strict': results, 'shim strict (data-mode)': ... },
 *             soak: { native, shim }, notes: [] }]
 */
export function buildReport(engines) {
  return engines.map((e) => {
    const runs = {};
    for (const [name, results] of Object.entries(e.runs)) runs[name] = counts(results);
    const fixed = {};
    for (const mode of ['strict', 'standard']) {
      const native = e.runs[`native, ${mode}`];
      const shim = e.runs[`shim, ${mode} (data-mode)`];
      if (native && shim) fixed[mode] = corrected(native, shim);
    }
    // The union over both modes, by id (the §3 rows differ by mode).
    const union = new Map();
    for (const mode of Object.keys(fixed)) for (const c of fixed[mode]) if (!union.has(c.id)) union.set(c.id, { ...c, modes: [] });
    for (const mode of Object.keys(fixed)) for (const c of fixed[mode]) union.get(c.id).modes.push(mode);
    return { engine: e.label, version: e.version, runs, corrected: [...union.values()], soak: e.soak || null };
  });
}

/** Engine deviations (failing natively in standard mode) and the rows only strict mode changes. */
function split(list) {
  return { deviations: list.filter((c) => c.modes.includes('standard')), strictOnly: list.filter((c) => !c.modes.includes('standard')) };
}

export function formatReport(report) {
  const lines = [];
  for (const e of report) {
    lines.push(`${e.engine} — ${e.version}`);
    for (const [name, c] of Object.entries(e.runs)) lines.push(`  ${name.padEnd(44)} ${String(c.passed).padStart(3)} passed, ${c.failed} failed`);
    if (e.soak) lines.push(`  ${'binary soak (native / shim)'.padEnd(44)} ${e.soak.native} / ${e.soak.shim}`);
    const { deviations, strictOnly } = split(e.corrected);
    lines.push(`  native deviations the shim corrected (${deviations.length}):`);
    for (const c of deviations) lines.push(`    ${c.id}: native ${c.native} — SPEC ${c.expected}`);
    lines.push(`  and strict mode's choices (SPEC §3), where the engine follows the current standard: ${strictOnly.map((c) => c.id).join(', ') || 'none'}`);
  }
  return lines;
}

export function markdownReport(report) {
  const out = ['# Browser conformance: native WebSocket vs websocket-shim', ''];
  for (const e of report) {
    out.push(`## ${e.engine}`, '', `\`${e.version}\``, '', '| run | passed | failed |', '| --- | --- | --- |');
    for (const [name, c] of Object.entries(e.runs)) out.push(`| ${name} | ${c.passed} | ${c.failed} |`);
    if (e.soak) out.push(`| binary soak, native | ${e.soak.native} | |`, `| binary soak, shim | ${e.soak.shim} | |`);
    const { deviations, strictOnly } = split(e.corrected);
    out.push('', 'Native deviations the shim corrected:', '');
    for (const c of deviations) out.push(`- \`${c.id}\`: native \`${c.native}\`, SPEC \`${c.expected}\``);
    out.push('', `Strict mode's choices (SPEC §3), where the engine follows the current standard: ${strictOnly.map((c) => '`' + c.id + '`').join(', ') || 'none'}`);
    out.push('');
  }
  return out.join('\n');
}

export function saveReport(dir, report, extra) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'report.json'), JSON.stringify({ engines: report, ...extra }, null, 2));
  writeFileSync(join(dir, 'report.md'), markdownReport(report));
}

// Validates a lab report (lab/report-schema.json) — the JSON Schema keywords that schema uses
// (type, const, enum, required, properties, additionalProperties, items, minItems, minLength,
// maxLength, pattern, minimum, oneOf, local $ref), then what a schema cannot say: every cell's
// `pass` is `actual === expected` for its column, and the totals count the cells.
//
//   validateReport(report, { checks }) → [] or a list of "path: problem" strings
//     checks   optional: the check list (conformance/checks.mjs CHECKS); the report must have
//              exactly these rows, in this order
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SCHEMA = JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'report-schema.json'), 'utf8'));

function typeOf(v) {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function typeMatches(v, t) {
  const actual = typeOf(v);
  return actual === t || (t === 'number' && actual === 'integer');
}

function resolve(schema, root) {
  if (!schema.$ref) return schema;
  const path = schema.$ref.replace(/^#\//, '').split('/');
  return path.reduce((node, key) => node[key], root);
}

/** Problems of `value` against `schema` (a subset of JSON Schema draft-07). */
export function validateSchema(value, schema = SCHEMA, path = '$', root = SCHEMA) {
  const s = resolve(schema, root);
  const out = [];
  if (s.type !== undefined) {
    const types = [].concat(s.type);
    if (!types.some((t) => typeMatches(value, t))) return [`${path}: expected ${types.join(' or ')}, got ${typeOf(value)}`];
  }
  if ('const' in s && value !== s.const) out.push(`${path}: expected ${JSON.stringify(s.const)}`);
  if (s.enum && !s.enum.includes(value)) out.push(`${path}: expected one of ${JSON.stringify(s.enum)}`);
  if (s.oneOf) {
    const ok = s.oneOf.filter((alt) => validateSchema(value, alt, path, root).length === 0).length;
    if (ok !== 1) out.push(`${path}: matches ${ok} of the oneOf alternatives`);
  }
  if (typeof value === 'string') {
    if (s.minLength !== undefined && value.length < s.minLength) out.push(`${path}: shorter than ${s.minLength}`);
    if (s.maxLength !== undefined && value.length > s.maxLength) out.push(`${path}: longer than ${s.maxLength}`);
    if (s.pattern && !new RegExp(s.pattern).test(value)) out.push(`${path}: does not match ${s.pattern}`);
  }
  if (typeof value === 'number' && s.minimum !== undefined && value < s.minimum) out.push(`${path}: below ${s.minimum}`);
  if (Array.isArray(value)) {
    if (s.minItems !== undefined && value.length < s.minItems) out.push(`${path}: fewer than ${s.minItems} items`);
    if (s.items) value.forEach((item, i) => out.push(...validateSchema(item, s.items, `${path}[${i}]`, root)));
  } else if (value && typeof value === 'object') {
    for (const key of s.required || []) if (!(key in value)) out.push(`${path}: missing ${key}`);
    const props = s.properties || {};
    for (const key of Object.keys(value)) {
      if (props[key]) out.push(...validateSchema(value[key], props[key], `${path}.${key}`, root));
      else if (s.additionalProperties === false) out.push(`${path}: unexpected property ${key}`);
      else if (s.additionalProperties && typeof s.additionalProperties === 'object') {
        out.push(...validateSchema(value[key], s.additionalProperties, `${path}.${key}`, root));
      }
    }
  }
  return out;
}

/** Schema, then consistency: pass flags, totals, and (with `checks`) the rows. */
export function validateReport(report, { checks } = {}) {
  const problems = validateSchema(report);
  if (problems.length) return problems;
  report.checks.forEach((r, i) => {
    for (const col of ['native', 'strict', 'standard']) {
      const cell = r[col];
      if (!cell) continue;
      const expected = r.expected[col === 'strict' ? 'strict' : 'standard'];
      if (cell.pass !== (cell.actual === expected)) problems.push(`$.checks[${i}].${col}: pass is ${cell.pass} for actual ${JSON.stringify(cell.actual)}, expected ${JSON.stringify(expected)}`);
    }
    if (report.native === 'none' && r.native !== null) problems.push(`$.checks[${i}].native: a cell although native is none`);
    if (report.native !== 'none' && r.native === null) problems.push(`$.checks[${i}].native: missing`);
  });
  for (const col of ['native', 'strict', 'standard']) {
    const cells = report.checks.map((r) => r[col]).filter(Boolean);
    const t = report.totals[col];
    const want = cells.length ? { passed: cells.filter((c) => c.pass).length, failed: cells.filter((c) => !c.pass).length } : null;
    if (JSON.stringify(t) !== JSON.stringify(want)) problems.push(`$.totals.${col}: ${JSON.stringify(t)}, the cells say ${JSON.stringify(want)}`);
  }
  if (checks) {
    const ids = report.checks.map((r) => r.id).join(',');
    const want = checks.map((c) => c.id).join(',');
    if (ids !== want) problems.push(`$.checks: rows ${ids} are not the check list ${want}`);
  }
  return problems;
}

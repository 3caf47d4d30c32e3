/**
 * The record-retention scenario runner: every case of test/scenarios/retention/*.yaml is one
 * vitest test. A case is `{name, asOf, input, expect}` (input: a kb.retention request without asOf)
 * or `{name, asOf, obligations, expect}` (a kb.retentionObligations request). Only the keys given in
 * `expect` are checked (see docs/retention.md § Scenarios). The expectations were written by hand
 * from the Civil Code rules before the calculator ran. The last test checks that every retention rule
 * in force has at least one scenario.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { RetentionAnswer, ObligationsAnswer } from '../../src/retention/model.js';
import { retentionKb } from '../retention/kb.js';

const dir = join(import.meta.dirname, 'retention');

interface Case {
  name: string;
  asOf: string;
  input?: Record<string, unknown>;
  obligations?: Record<string, unknown>;
  expect: Record<string, unknown>;
}

const known = new Set(['rule', 'status', 'keepUntil', 'variant', 'kind', 'needs', 'reason', 'field', 'candidates', 'stepsInclude', 'asOf', 'error', 'errorIncludes', 'errorField', 'includes', 'excludes', 'count', 'excluded', 'provision', 'provisions', 'holderSource', 'scope', 'onlyIf', 'cites', 'notCites', 'wording']);
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();

function errorOf(e: unknown): { code: string; text: string; fields: string[] } {
  const x = e as { code?: string; message: string; problems?: { field: string; message: string }[] };
  return { code: x.code ?? (e as Error).name, text: `${x.message} ${(x.problems ?? []).map((p) => p.message).join(' ')}`, fields: (x.problems ?? []).map((p) => p.field) };
}

function checkError(e: unknown, ex: Record<string, unknown>): void {
  const err = errorOf(e);
  expect(err.code, err.text).toBe(ex.error);
  if (ex.errorIncludes) expect(err.text).toContain(ex.errorIncludes);
  if (ex.errorField) expect(err.fields).toContain(ex.errorField);
}

function checkAnswer(a: RetentionAnswer, ex: Record<string, unknown>): void {
  const show = `\n${JSON.stringify({ rule: a.rule.id, status: a.status, keepUntil: a.keepUntil, variant: a.variant, needs: a.needs, reasons: a.reasons, candidates: a.candidates?.map((c) => [c.id, c.keepUntil]), steps: a.steps.map((s) => s.text) }, null, 1)}`;
  if ('rule' in ex) expect(a.rule.id, show).toBe(ex.rule);
  if ('cites' in ex) for (const id of ex.cites as string[]) expect(a.citations.map((c) => c.id), show).toContain(id);
  if ('notCites' in ex) for (const id of ex.notCites as string[]) expect(a.citations.map((c) => c.id), show).not.toContain(id);
  if ('wording' in ex) expect(a.wording[0], show).toBe(ex.wording);
  if ('scope' in ex) expect(a.rule.scope, show).toBe(ex.scope);
  if ('provision' in ex) expect(a.rule.provision, show).toBe(ex.provision);
  if ('holderSource' in ex) expect((a.rule.holderSource?.citations ?? []).map((c) => c.id), show).toEqual(ex.holderSource);
  if ('status' in ex) expect(a.status, show).toBe(ex.status);
  if ('keepUntil' in ex) expect(a.keepUntil, show).toBe(ex.keepUntil);
  if ('variant' in ex) expect(a.variant, show).toBe(ex.variant);
  if ('kind' in ex) expect(a.kind, show).toBe(ex.kind);
  if ('asOf' in ex) expect(a.asOf).toBe(ex.asOf);
  if ('needs' in ex) expect([...(a.needs ?? [])].sort(), show).toEqual([...(ex.needs as string[])].sort());
  if ('reason' in ex) expect(a.reasons.map((r) => r.code), show).toContain(ex.reason);
  if ('field' in ex) expect(a.reasons.map((r) => r.field), show).toContain(ex.field);
  if ('stepsInclude' in ex) expect(a.steps.map((s) => s.step), show).toContain(ex.stepsInclude);
  if ('candidates' in ex) {
    const got = Object.fromEntries((a.candidates ?? []).map((c) => [c.id, c.keepUntil]));
    for (const [id, d] of Object.entries(ex.candidates as Record<string, string | null>)) expect(got[id], `${show}\ncandidate ${id}`).toBe(d);
  }
}

function checkObligations(a: ObligationsAnswer, ex: Record<string, unknown>): void {
  const ids = a.obligations.map((o) => o.rule);
  for (const id of (ex.includes as string[] | undefined) ?? []) expect(ids).toContain(id);
  for (const id of (ex.excludes as string[] | undefined) ?? []) expect(ids).not.toContain(id);
  if ('count' in ex) expect(a.count, ids.join(', ')).toBe(ex.count);
  if ('needs' in ex) expect([...(a.needs ?? [])].sort()).toEqual([...(ex.needs as string[])].sort());
  if ('onlyIf' in ex) expect(a.obligations.filter((o) => o.onlyIf).map((o) => o.rule).sort()).toEqual([...(ex.onlyIf as string[])].sort());
  if ('provisions' in ex)
    for (const [id, label] of Object.entries(ex.provisions as Record<string, string>)) expect(a.obligations.find((o) => o.rule === id)?.provision, id).toBe(label);
  if ('excluded' in ex) expect(a.excluded.map((x) => x.rule).sort()).toEqual([...(ex.excluded as string[])].sort());
}

for (const f of files) {
  const cases = parse(readFileSync(join(dir, f), 'utf8')) as Case[];
  describe(`retention/${f}`, () => {
    for (const c of cases) {
      it(c.name, async () => {
        for (const k of Object.keys(c.expect)) expect(known.has(k), `unknown expect key '${k}'`).toBe(true);
        const kb = await retentionKb();
        if (c.obligations) {
          let a: ObligationsAnswer;
          try {
            a = kb.retentionObligations({ ...c.obligations, asOf: c.asOf });
          } catch (e) {
            if (!c.expect.error) throw e;
            return checkError(e, c.expect);
          }
          expect(c.expect.error, 'expected an error').toBeUndefined();
          return checkObligations(a, c.expect);
        }
        let a: RetentionAnswer;
        try {
          a = kb.retention({ ...c.input, asOf: c.asOf });
        } catch (e) {
          if (!c.expect.error) throw e;
          return checkError(e, c.expect);
        }
        expect(c.expect.error, `expected an error, got ${a.rule.id} ${a.status}`).toBeUndefined();
        checkAnswer(a, c.expect);
      });
    }
  });
}

describe('retention scenarios cover the rules', () => {
  it('every retention rule in force has at least one scenario', async () => {
    const kb = await retentionKb();
    const all = kb.ruleset.familyRules('retention', '2024-04-01').map((r) => r.id);
    expect(all.length).toBeGreaterThan(90);
    // re-run every case here, so this holds whatever subset of the tests above ran
    const seen = new Set<string>();
    for (const f of files)
      for (const c of parse(readFileSync(join(dir, f), 'utf8')) as Case[]) {
        if (!c.input || c.expect.error) continue;
        seen.add(kb.retention({ ...c.input, asOf: c.asOf }).rule.id);
      }
    expect(all.filter((id) => !seen.has(id))).toEqual([]);
  });
});

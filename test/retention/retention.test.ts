/** kb.retention and kb.retentionObligations: notations, the answer contract, the engines agree, the CLI. */
import { describe, expect, it } from 'vitest';
import { schemaValidator } from '../../src/rules/input.js';
import { compileCondition } from '../../src/rules/conditions.js';
import type { RetentionSpec } from '../../src/retention/model.js';
import { main } from '../../src/cli/main.js';
import { retentionKb } from './kb.js';

const asOf = '2024-04-01';
const facts = {
  recordDate: '2024-02-29',
  lastEntryDate: '2024-02-29',
  reportDate: '2024-02-29',
  approvalDate: '2019-06-14',
  reexaminationEndDate: '2025-03-31',
  reevaluationEndDate: '2025-03-31',
  evaluationEndDate: '2025-03-31',
  decisionDate: '2024-06-30',
  expiryDate: '2025-12-31',
  lastUsedDate: '2024-02-29',
  reapprovalDate: '2020-03-31',
  validityPeriod: { years: 2 },
};

async function cli(argv: string[], stdin = '') {
  let out = '';
  let err = '';
  const rulesDir = process.env.DOYAKU_TEST_RULES_DIR;
  const code = await main([...(rulesDir ? ['--rules-dir', rulesDir] : []), ...argv], { stdout: (s) => void (out += s), stderr: (s) => void (err += s), readStdin: async () => stdin });
  return { code, out, err };
}

describe('kb.retention', () => {
  it('every rule, with and without facts and with every flag value, answers within the answer schema', async () => {
    const kb = await retentionKb();
    const valid = schemaValidator('retention.answer.schema.json');
    for (const r of kb.ruleset.familyRules<RetentionSpec>('retention', asOf)) {
      for (const f of [{}, facts, { ...facts, hasExpiry: true, reexaminationRequired: true, evaluationDesignated: true, specifiedMaintenanceDevice: true, ministerDesignated: true, conditionalApproval: true }, { ...facts, hasExpiry: false, reexaminationRequired: false, evaluationDesignated: false, specifiedMaintenanceDevice: false, ministerDesignated: false, conditionalApproval: false }]) {
        const a = kb.retention({ rule: r.id, facts: f, asOf });
        expect(valid(a), `${r.id}: ${JSON.stringify(valid.errors)}`).toBe(true);
        // unknown is not no: an answer without a date always says why
        if (a.keepUntil === null) expect(a.reasons.length + (a.needs?.length ?? 0), r.id).toBeGreaterThan(0);
        if (a.status === 'computed') expect(a.keepUntil).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(a.citations.every((c) => c.excerpt.length > 0)).toBe(true);
        expect(a.contentHash).toBe(kb.ruleset.contentHash);
      }
    }
  });

  it('the variants judge the same with json-rules-engine as with the compiled closures', async () => {
    const kb = await retentionKb();
    const values = [undefined, true, false];
    for (const r of kb.ruleset.familyRules<RetentionSpec>('retention', asOf))
      for (const v of [...(r.spec.variants ?? []), ...(r.spec.keep.type === 'period' && r.spec.keep.start.instead ? [r.spec.keep.start.instead] : [])]) {
        const c = compileCondition(v.when);
        for (const x of values) {
          const f = x === undefined ? {} : Object.fromEntries(c.facts.map((k) => [k, x]));
          expect((await c.evaluateWithEngine(f)).result, `${r.id}#${v.id}`).toBe(c.evaluate(f).result);
        }
      }
  });

  it('an article in any notation the corpus accepts picks the same obligation', async () => {
    const kb = await retentionKb();
    const ids = ['第150条の14第3項', '第百五十条の十四第三項', 'A150_14-P3', '150条の14第3項'].map((article) => kb.retention({ article, facts: { lastEntryDate: '2024-02-29' }, asOf }).rule.id);
    expect(new Set(ids)).toEqual(new Set(['retention.A150_14-P3']));
  });

  it('an ambiguous request lists the candidates', async () => {
    const kb = await retentionKb();
    try {
      kb.retention({ article: '第104条の2第1項', asOf });
      expect.unreachable();
    } catch (e) {
      const x = e as { code: string; candidates: { id: string }[] };
      expect(x.code).toBe('ambiguous');
      expect(x.candidates.map((c) => c.id).sort()).toEqual(['retention.A104_2-P1', 'retention.A104_2-P1~A108_2', 'retention.A104_2-P1~A110_4']);
    }
  });

  it('answers are independent: mutating one does not change the next', async () => {
    const kb = await retentionKb();
    const a = kb.retention({ rule: 'retention.A104-P3', facts: { lastEntryDate: '2024-02-29' }, asOf });
    a.steps.length = 0;
    a.citations[0].excerpt = 'x';
    const b = kb.retention({ rule: 'retention.A104-P3', facts: { lastEntryDate: '2024-02-29' }, asOf });
    expect(b.steps.length).toBeGreaterThan(0);
    expect(b.citations[0].excerpt).not.toBe('x');
  });

  it('every holder and every licence lists within the obligations answer schema', async () => {
    const kb = await retentionKb();
    const valid = schemaValidator('retention-obligations.answer.schema.json');
    const rules = kb.ruleset.familyRules<RetentionSpec>('retention', asOf);
    const holders = new Set(rules.flatMap((r) => r.spec.holders));
    const licenses = new Set(rules.flatMap((r) => r.spec.licenses));
    for (const holder of holders) {
      const a = kb.retentionObligations({ holder, asOf });
      expect(valid(a), `${holder}: ${JSON.stringify(valid.errors)}`).toBe(true);
      expect(a.count).toBeGreaterThan(0);
    }
    for (const license of licenses) expect(valid(kb.retentionObligations({ license: license as never, asOf })), license).toBe(true);
    for (const specifiedMaintenanceRepairer of [true, false]) {
      const a = kb.retentionObligations({ license: '医療機器修理業' as never, facts: { specifiedMaintenanceRepairer }, asOf });
      expect(valid(a), JSON.stringify(valid.errors)).toBe(true);
    }
    // every rule is listed under at least one holder
    const listed = new Set([...holders].flatMap((holder) => kb.retentionObligations({ holder, asOf }).obligations.map((o) => o.rule)));
    expect(rules.filter((r) => !listed.has(r.id)).map((r) => r.id)).toEqual([]);
  });

  it('an asOf before the encoded state is an error', async () => {
    const kb = await retentionKb();
    expect(() => kb.retention({ rule: 'retention.A104-P3', asOf: '2010-01-01' })).toThrow(/before the earliest/);
  });
});

describe('doyaku retention', () => {
  it('computes from flags (human output)', async () => {
    const r = await cli(['retention', '第104条第3項', '--holder', '卸売販売業者', '--lastEntryDate', '2024-02-29', '--as-of', asOf]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('keep until 2026-02-28');
    expect(r.out).toContain('民法第143条');
  });

  it('--json with a bare flag', async () => {
    const r = await cli(['retention', 'A130-P2', '--recordDate', '2024-01-31', '--specifiedMaintenanceDevice', '--json', '--as-of', asOf]);
    expect(r.code).toBe(0);
    const a = JSON.parse(r.out);
    expect([a.keepUntil, a.variant]).toEqual(['2039-01-31', 'specified-maintenance']);
  });

  it('a request JSON on stdin', async () => {
    const r = await cli(['retention', '--json'], JSON.stringify({ rule: 'retention.A160-P1', facts: { expiryDate: '2024-02-29' }, asOf }));
    expect(JSON.parse(r.out).keepUntil).toBe('2025-02-28');
  });

  it('obligations by licence', async () => {
    const r = await cli(['retention', 'obligations', '--license', '卸売販売業', '--json', '--as-of', asOf]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).obligations.map((o: { rule: string }) => o.rule)).toContain('retention.A104-P3~A110_4');
  });

  it('--ndjson: one answer per line in order, an error record per bad line, exit 1', async () => {
    const input = [
      JSON.stringify({ rule: 'retention.A70-P2', facts: { recordDate: '2024-01-31' } }),
      'not json',
      JSON.stringify({ article: '第104条' }),
      '',
      JSON.stringify({ rule: 'retention.A70-P2', facts: { recordDate: '2024-02-30' } }),
      JSON.stringify({ article: '第160条', facts: { expiryDate: '2024-02-29' } }),
    ].join('\n');
    const r = await cli(['retention', '--ndjson', '--as-of', asOf], input);
    expect(r.code).toBe(1);
    const out = r.out.trim().split('\n').map((l) => JSON.parse(l));
    expect(out.map((o) => o.line)).toEqual([1, 2, 3, 5, 6]);
    expect(out[0].keepUntil).toBe('2027-01-31');
    expect(out[1].error.code).toBe('invalid-json');
    expect(out[2].error.code).toBe('ambiguous');
    expect(out[3].error.problems[0].field).toBe('/facts/recordDate');
    expect(out[4].keepUntil).toBe('2025-02-28');
  });

  it('--ndjson: a line over 64 KiB is an error record, the others are answered', async () => {
    const long = JSON.stringify({ rule: 'retention.A70-P2', record: 'x'.repeat(70_000) });
    const r = await cli(['retention', '--ndjson', '--as-of', asOf], `${long}\n${JSON.stringify({ rule: 'retention.A70-P2', facts: { recordDate: '2024-01-31' } })}\n`);
    const out = r.out.trim().split('\n').map((l) => JSON.parse(l));
    expect([out[0].error.code, out[1].keepUntil, r.code]).toEqual(['line-too-long', '2027-01-31', 1]);
  });

  it('bad input exits 2 naming the field; a bad option is a usage error', async () => {
    const r = await cli(['retention', '--rule', 'retention.A70-P2', '--recordDate', '2024-02-30', '--as-of', asOf]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('/facts/recordDate');
    expect((await cli(['retention', 'A70', '--recordDat', '2024-01-01'])).code).toBe(2);
    expect((await cli(['retention', 'obligations'])).code).toBe(2);
  });
});

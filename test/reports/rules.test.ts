/**
 * The report rules against the law text: every quotation verbatim, the first-day rule matching the
 * wording (「起算して」), every chapter 8 provision encoded or listed as left out, every report kind
 * with a scenario; json-rules-engine (the reference) agreeing with the compiled conditions; every
 * answer valid against report.answer.schema.json; the request schema fully described.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { KnowledgeBase } from '../../src/kb.js';
import type { ReportRuleSpec } from '../../src/reports/model.js';
import { compileCondition } from '../../src/rules/conditions.js';
import type { FamilyRule } from '../../src/rules/family.js';
import { InputError, schemaValidator } from '../../src/rules/input.js';
import { schemaDir } from '../../src/rules/load.js';
import { reportsKb } from './helpers.js';

const ASOF = '2024-04-01';
const scenarioDir = join(import.meta.dirname, '..', 'scenarios', 'reports');
const scenarios = readdirSync(scenarioDir)
  .filter((f) => f.endsWith('.yaml'))
  .flatMap((f) => (parse(readFileSync(join(scenarioDir, f), 'utf8')) as { name: string; asOf?: string; input: Record<string, unknown>; expect: Record<string, unknown> }[]).map((c) => ({ ...c, file: f })));

/** Chapter 8 provisions deliberately not encoded as report kinds, and why (docs/reports.md). */
const LEFT_OUT: Record<string, string> = {
  A184_12: '第184条の12: the items of the 再生医療等製品 transfer record (法第68条の7第1項) — a record, not a report',
  'A184_13-P1': '第184条の13第1項: the standards a 受託者 must meet — a qualification, not a report',
  'A184_13-P2': '第184条の13第2項: what the delegation notice states — its contents, not its deadline',
  A184_15: '第184条の15: retention of the 再生医療等製品 record — a retention period (rules/retention), not a report',
};

let kb: KnowledgeBase;
let rules: FamilyRule<ReportRuleSpec>[];
beforeAll(async () => {
  kb = await reportsKb();
  rules = kb.ruleset.familyRules<ReportRuleSpec>('reports', ASOF);
});

const text = (id: string) => kb.corpus.nodes.get(id)?.text ?? '';

describe('report rules against the corpus', () => {
  it('has the report kinds of chapter 8 and the reports it leads to', () => {
    expect(rules.length).toBe(26);
    const groups = new Set(rules.map((r) => r.spec.group));
    for (const g of ['A184_13', 'A184_14', 'A184_16', 'A184_17-P1', 'A184_17-P2', 'A184_17-P3', 'A184_18', 'A194_2', 'A210']) expect(groups).toContain(g);
  });

  it('quotes the law verbatim (event class, deadline and variant wording, reporter names)', () => {
    for (const r of rules) {
      const s = r.spec;
      const quotes = [s.eventClass, s.deadline.wording, ...(s.deadline.variants ?? []).map((v) => v.wording)].filter((q) => q !== undefined);
      for (const q of quotes) expect(q!.citations.some((c) => text(c).includes(q!.text)), `${r.id}: 「${q!.text}」 not in ${q!.citations.join(', ')}`).toBe(true);
      if (s.basis !== 'act')
        for (const h of s.holders) expect(h.citations.some((c) => text(c).includes(h.named)), `${r.id}: reporter 「${h.named}」 not in ${h.citations.join(', ')}`).toBe(true);
    }
  });

  it('counts the first day exactly where the wording says 「起算して」 (民法第140条)', () => {
    for (const r of rules) {
      const d = r.spec.deadline;
      if (d.kind !== 'period' && d.kind !== 'periodic') continue;
      expect(d.countFirstDay, r.id).toBe(d.wording.text.includes('起算して'));
    }
  });

  it('states each deadline as the text does (30日 / 1年ごと・1月 / 2月 / 速やかに)', () => {
    for (const r of rules) {
      const d = r.spec.deadline;
      if (d.kind === 'period') expect(d.wording.text, r.id).toContain(`${d.period!.days}日以内`);
      if (d.kind === 'periodic') {
        expect(d.wording.text, r.id).toContain(`${d.cycle!.years}年`);
        expect(d.wording.text, r.id).toContain(`満了後${d.submit!.months}月以内`);
        const t = d.variants!.find((v) => v.id === 'translation')!;
        expect(t.wording.text).toContain(`満了後${t.submit!.months}月以内`);
      }
      if (d.kind === 'promptly') expect(d.wording.text, r.id).toContain('速やかに');
    }
  });

  it('encodes every provision of chapter 8, or lists it as left out with the reason', () => {
    const cited = new Set(kb.ruleset.allRules().filter((r) => r.family === 'reports').flatMap((r) => r.citations));
    const ch8 = kb.corpus.nodes.get('Ch8')!;
    const missing: string[] = [];
    const walk = (id: string): void => {
      const n = kb.corpus.nodes.get(id)!;
      const covered = cited.has(id) || Object.keys(LEFT_OUT).some((k) => id === k || id.startsWith(`${k}-`)) || (n.children ?? []).some((c) => cited.has(c));
      if (n.kind === 'Paragraph' && !covered) missing.push(id);
      for (const c of n.children ?? []) walk(c);
    };
    ch8.children.forEach(walk);
    expect(missing).toEqual([]);
  });

  it('names guidance paragraphs that exist', () => {
    for (const r of rules) for (const g of r.spec.guidance ?? []) expect(kb.annotations.get(g), `${r.id}: ${g}`).toBeDefined();
  });

  it('has a deadline scenario for every report kind', () => {
    const inScenarios = new Set(scenarios.flatMap((c) => [c.expect.rule, ...((c.expect.candidates as string[] | undefined) ?? [])]).filter(Boolean));
    for (const r of rules) expect(inScenarios.has(r.id), `no scenario names ${r.id}`).toBe(true);
  });
});

describe('report answers', () => {
  it('json-rules-engine (the reference semantics) agrees with the compiled conditions on every scenario', async () => {
    let n = 0;
    for (const c of scenarios)
      for (const r of rules) {
        const conds = [r.spec.when, ...(r.spec.deadline.variants ?? []).map((v) => v.when)].filter((x) => x !== undefined);
        for (const cond of conds) {
          const cc = compileCondition(cond!);
          const fast = cc.evaluate(c.input);
          const ref = await cc.evaluateWithEngine(c.input);
          expect(ref.result, `${c.name} / ${r.id}`).toBe(fast.result);
          expect(ref.reasons).toEqual(fast.reasons);
          n++;
        }
      }
    expect(n).toBeGreaterThan(1000);
  });

  it('every answer is valid against rules/schema/report.answer.schema.json', () => {
    const v = schemaValidator('report.answer.schema.json');
    for (const c of scenarios) {
      if (c.expect.error !== undefined) continue;
      const a = kb.reportDeadline({ asOf: c.asOf ?? ASOF, ...c.input } as never);
      expect(v(JSON.parse(JSON.stringify(a))), `${c.name}: ${JSON.stringify(v.errors)}`).toBe(true);
    }
  });

  it('an unknown answer never comes without what would settle it (needs or a reason)', () => {
    for (const c of scenarios) {
      if (c.expect.error !== undefined) continue;
      const a = kb.reportDeadline({ asOf: c.asOf ?? ASOF, ...c.input } as never);
      if (a.status === 'unknown') expect(a.needs.length + a.reasons.filter((r) => r.code !== 'missing-fact').length, c.name).toBeGreaterThan(0);
      if (a.status === 'computed') {
        expect(a.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(a.steps.at(-1)?.date, c.name).toBe(a.dueDate);
        expect(a.citations.length).toBeGreaterThan(0);
        expect(a.wording.some((w) => w.role === 'deadline')).toBe(true);
      }
    }
  });

  it('answers share nothing mutable with the rules (mutating one changes no other)', () => {
    const q = { event: { kind: 'adverse-reaction', productType: '医薬品', outcome: 'death', suspectProduct: 'this' }, holder: '製造販売業者', facts: { learnedDate: '2024-01-31' }, asOf: ASOF } as const;
    const a = kb.reportDeadline(q as never);
    a.steps.push({ step: 'x', date: '2000-01-01', text: 'x' });
    a.wording.length = 0;
    a.deadline!.variants.push('x');
    const b = kb.reportDeadline(q as never);
    expect(b.steps.length).toBe(3);
    expect(b.wording.length).toBe(2);
    expect(b.deadline!.variants).toEqual([]);
  });

  it('rejects bad input naming the field, all problems at once, with did-you-mean', () => {
    try {
      kb.reportDeadline({ event: { kind: 'adverse-reaction', outcom: 'death' }, facts: { learnedDate: '2024-02-30', approvalDate: '2023-02-29' } } as never);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      const fields = (e as InputError).problems.map((p) => p.field);
      expect(fields).toContain('/event/outcom');
      expect((e as InputError).problems.find((p) => p.field === '/event/outcom')!.message).toContain("did you mean 'outcome'");
    }
    try {
      kb.reportDeadline({ event: { kind: 'recall-end' }, facts: { learnedDate: '2024-02-30', approvalDate: '2023-02-29' } } as never);
      expect.unreachable();
    } catch (e) {
      expect((e as InputError).problems.map((p) => p.field)).toEqual(['/facts/learnedDate', '/facts/approvalDate']);
    }
    expect(() => kb.reportDeadline({ event: { kind: 'recall-end', description: 'x'.repeat(2001) } } as never)).toThrow(/description/);
    // a JSON body's own "__proto__" key is an unknown field like any other (never followed)
    expect(() => kb.reportDeadline(JSON.parse('{"event":{"kind":"recall-end","__proto__":{"kind":"x"}}}'))).toThrow(/\/event\/__proto__/);
    expect(() => kb.reportDeadline({ event: { kind: 'recall-end' }, constructor: 1 } as never)).toThrow(/constructor/);
  });

  it('the request schema describes every field', () => {
    const schema = JSON.parse(readFileSync(join(schemaDir, 'report.request.schema.json'), 'utf8'));
    const undocumented: string[] = [];
    const walk = (s: Record<string, unknown>, path: string) => {
      if (s.properties)
        for (const [k, v] of Object.entries(s.properties as Record<string, Record<string, unknown>>)) {
          if (!v.description && !(v.$ref && (schema.definitions.date.description as string))) undocumented.push(`${path}/${k}`);
          walk(v, `${path}/${k}`);
        }
      if (s.additionalProperties !== false && s.type === 'object') undocumented.push(`${path} (additionalProperties)`);
    };
    walk(schema, '');
    expect(undocumented).toEqual([]);
  });
});

describe('kb.reportObligations', () => {
  it('lists what a 製造販売業者 must report, with deadlines in words and citations', () => {
    const a = kb.reportObligations({ holder: '製造販売業者', asOf: ASOF });
    expect(a.obligations.length).toBe(21);
    const death = a.obligations.find((o) => o.rule === 'reports.a184-16.drug-death')!;
    expect(death.deadline).toBe('前項に規定する事項を知った日から30日以内（初日不算入（民法第140条本文））');
    expect(death.citations.map((c) => c.id)).toContain('A184_16-P2');
    expect(a.obligations.find((o) => o.rule === 'reports.a184-18.regen-periodic')!.deadline).toContain('1年ごとに、その期間の満了後1箇月以内');
    expect(a.rulesetVersion).toBeTruthy();
  });

  it('lists the trial reports for a 治験依頼者 and the recall reports for an export manufacturer', () => {
    expect(kb.reportObligations({ holder: '治験依頼者', asOf: ASOF }).obligations.map((o) => o.rule)).toEqual([
      'reports.a210.trial-death',
      'reports.a210.trial-unexpected',
      'reports.a210.trial-infection',
      'reports.a210.trial-research',
    ]);
    expect(kb.reportObligations({ holder: '輸出用製造業者', asOf: ASOF }).obligations.map((o) => o.rule)).toEqual([
      'reports.a184-17.recall-start',
      'reports.a184-17.status-change',
      'reports.a184-17.status-unforeseen-harm',
      'reports.a184-17.status-minister-request',
      'reports.a184-17.recall-end',
    ]);
  });

  it('says source-not-available for a holder the ordinance names in no report', () => {
    const a = kb.reportObligations({ holder: '販売業者', asOf: ASOF });
    expect(a.obligations).toEqual([]);
    expect(a.reasons[0].code).toBe('source-not-available');
  });

  it('rejects an unknown holder or key naming the field', () => {
    expect(() => kb.reportObligations({ holder: '卸売業者' })).toThrow(/\/holder/);
    expect(() => kb.reportObligations({ holdr: '製造販売業者' } as never)).toThrow(/\/holdr/);
    expect(() => kb.reportObligations({ asOf: '2024-02-30' })).toThrow(/\/asOf/);
  });
});

describe('the first-day rule matters (民法第140条)', () => {
  it('30 days from 2024-01-31: 2024-03-01 not counting the first day (every chapter 8 deadline), 2024-02-29 counting it', async () => {
    const { civilPeriodEnd } = await import('../../src/rules/dates.js');
    expect(civilPeriodEnd('2024-01-31', { days: 30 }).end).toBe('2024-03-01');
    expect(civilPeriodEnd('2024-01-31', { days: 30 }, { countFirstDay: true }).end).toBe('2024-02-29');
    const a = kb.reportDeadline({ event: { kind: 'research-report', productType: '医薬品', researchShows: ['serious-risk'] }, holder: '製造販売業者', facts: { learnedDate: '2024-01-31' }, asOf: ASOF });
    expect(a.dueDate).toBe('2024-03-01');
    expect(a.deadline?.firstDay).toBe('初日不算入（民法第140条本文）');
  });
});

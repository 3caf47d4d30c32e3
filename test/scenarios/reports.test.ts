/**
 * The safety-report scenario runner: every case of test/scenarios/reports/*.yaml is one vitest test,
 * run against the real knowledge base (format: docs/reports.md § Scenarios). `input` is exactly the
 * request of kb.reportDeadline; every `expect` key is optional:
 *   status, dueDate, rule, earliestDueDate       — equal
 *   needs: [pointers]                            — each in answer.needs
 *   reason: code | [codes]                       — each among answer.reasons' codes
 *   candidates: [rule ids]                       — each among answer.candidates' rules
 *   candidateDates: [dates]                      — each among answer.candidates' due dates
 *   firstDay, startDate, cycleEnd, cycle         — the first-day step's date, the start event's date, the cycle's end, its number
 *   step: code                                   — some step has this code
 *   variants: [ids]                              — the variants applied
 *   holderNamed, guidance: [ids]                 — the reporter as the ordinance names it; guidance paragraphs shown
 *   error: text                                  — kb.reportDeadline must throw; the message (or a problem's field) contains it
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { openKnowledgeBase, type KnowledgeBase } from '../../src/kb.js';
import type { ReportDeadlineAnswer } from '../../src/reports/model.js';
import { InputError } from '../../src/rules/input.js';

const dir = join(import.meta.dirname, 'reports');
const known = new Set(['status', 'dueDate', 'rule', 'earliestDueDate', 'needs', 'reason', 'candidates', 'candidateDates', 'firstDay', 'startDate', 'cycleEnd', 'cycle', 'step', 'variants', 'holderNamed', 'guidance', 'error']);

interface Case {
  name: string;
  asOf?: string;
  input: Record<string, unknown>;
  expect: Record<string, unknown>;
}

let kb: KnowledgeBase | undefined;
// DOYAKU_TEST_RULES_DIR: run against another rules directory (e.g. while other families are being edited)
const getKb = async () => (kb ??= await openKnowledgeBase(process.env.DOYAKU_TEST_RULES_DIR ? { rulesDir: process.env.DOYAKU_TEST_RULES_DIR } : {}));

const list = (x: unknown): unknown[] => (Array.isArray(x) ? x : [x]);

function explain(a: ReportDeadlineAnswer): string {
  return [
    `status ${a.status} dueDate ${a.dueDate} rule ${a.rule?.id} earliest ${a.earliestDueDate}`,
    `needs ${a.needs.join(', ')}`,
    ...a.reasons.map((r) => `  - ${r.code}${r.field ? ` ${r.field}` : ''}: ${r.message}`),
    ...a.candidates.map((c) => `  · ${c.rule} [${(c.variants ?? []).join('+')}] ${c.status} ${c.dueDate}`),
    ...a.steps.map((s) => `  ${s.step} ${s.date} ${s.text}`),
  ].join('\n');
}

for (const file of readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort()) {
  const cases = parse(readFileSync(join(dir, file), 'utf8')) as Case[];
  describe(`reports/${file}`, () => {
    for (const c of cases) {
      it(c.name, async () => {
        for (const k of Object.keys(c.expect)) expect(known.has(k), `unknown expect key '${k}'`).toBe(true);
        const k = await getKb();
        const input = c.asOf && !('asOf' in c.input) ? { ...c.input, asOf: c.asOf } : c.input;
        const e = c.expect;
        if (e.error !== undefined) {
          let err: unknown;
          try {
            k.reportDeadline(input as never);
          } catch (x) {
            err = x;
          }
          expect(err, 'expected an error').toBeDefined();
          const text = `${(err as Error).message} ${err instanceof InputError ? err.problems.map((p) => p.field).join(' ') : ''}`;
          expect(text).toContain(String(e.error));
          return;
        }
        const a = k.reportDeadline(input as never);
        const why = explain(a);
        if ('status' in e) expect(a.status, why).toBe(e.status);
        if ('dueDate' in e) expect(a.dueDate, why).toBe(e.dueDate);
        if ('rule' in e) expect(a.rule?.id, why).toBe(e.rule);
        if ('earliestDueDate' in e) expect(a.earliestDueDate, why).toBe(e.earliestDueDate);
        for (const n of list(e.needs ?? [])) expect(a.needs, why).toContain(n);
        for (const r of list(e.reason ?? [])) expect(a.reasons.map((x) => x.code), why).toContain(r);
        for (const r of list(e.candidates ?? [])) expect(a.candidates.map((x) => x.rule), why).toContain(r);
        for (const d of list(e.candidateDates ?? [])) expect(a.candidates.map((x) => x.dueDate), why).toContain(d);
        if ('firstDay' in e) expect(a.steps.find((s) => s.step === 'first-day')?.date, why).toBe(e.firstDay);
        if ('startDate' in e) expect(a.deadline?.start?.date, why).toBe(e.startDate);
        if ('cycleEnd' in e) expect(a.cycle?.end, why).toBe(e.cycleEnd);
        if ('cycle' in e) expect(a.cycle?.number, why).toBe(e.cycle);
        if ('step' in e) expect(a.steps.map((s) => s.step), why).toContain(e.step);
        if ('variants' in e) expect(a.deadline?.variants, why).toEqual(e.variants);
        if ('holderNamed' in e) expect(a.holder?.named, why).toBe(e.holderNamed);
        for (const g of list(e.guidance ?? [])) expect(a.guidance.map((x) => x.id), why).toContain(g);
        // every answer carries the envelope
        expect(a.rulesetVersion).toBeTruthy();
        expect(a.contentHash).toMatch(/^[0-9a-f]{16,}$/);
        expect(a.asOf).toBe(input.asOf ?? a.asOf);
      });
    }
  });
}

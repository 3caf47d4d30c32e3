/**
 * The transaction scenario runner: every case of test/scenarios/transactions/*.yaml is one vitest
 * test (format: docs/transactions.md § Scenarios). Each case is also run through the
 * json-rules-engine reference path and through the streaming API, which must give the identical
 * answer (differential test), and the runner checks that every finding kind is seen both firing
 * and not firing across the files.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { openKnowledgeBase, type KnowledgeBase } from '../../src/kb.js';
import { InputError } from '../../src/rules/input.js';
import type { TransactionAnswer } from '../../src/transactions/model.js';

const dir = join(import.meta.dirname, 'transactions');

interface Case {
  name: string;
  asOf?: string;
  input: unknown;
  expect: {
    ok?: boolean | 'unknown';
    fires?: string[];
    notFires?: string[];
    needs?: string[];
    noNeeds?: boolean;
    undetermined?: string[];
    records?: { rule: string; record?: string; holder?: string; party?: string; keepUntil?: string | null; items?: number; duty?: string; retentionRule?: string; reason?: string }[];
    citations?: Record<string, string[]>;
    product?: Record<string, unknown>;
    error?: string;
  };
}
const knownKeys = new Set(['ok', 'fires', 'notFires', 'needs', 'noNeeds', 'undetermined', 'records', 'citations', 'product', 'error']);

let kb: KnowledgeBase | undefined;
const getKb = async () => (kb ??= await openKnowledgeBase());

const seen = { fired: new Map<string, Set<string>>(), notFired: new Map<string, Set<string>>() };
const note = (m: Map<string, Set<string>>, kind: string, id: string) => (m.get(kind) ?? m.set(kind, new Set()).get(kind)!).add(id);

function summary(a: TransactionAnswer): string {
  return [
    `ok: ${String(a.ok)}`,
    `findings: ${a.findings.map((f) => `${f.kind}:${f.ruleId}`).join(', ') || '(none)'}`,
    `needs: ${(a.needs ?? []).join(', ') || '(none)'}`,
    `undetermined: ${(a.undetermined ?? []).map((u) => `${u.ruleId}[${u.needs.join(' ')}]`).join(', ') || '(none)'}`,
    `records: ${(a.records ?? []).map((r) => `${r.rule}/${r.holder}/${r.keepUntil}`).join(', ') || '(none)'}`,
    `product: ${JSON.stringify(a.product)}`,
  ].join('\n    ');
}

const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();

describe('transaction scenarios', () => {
  for (const file of files) {
    const cases = parse(readFileSync(join(dir, file), 'utf8')) as Case[];
    describe(file, () => {
      for (const c of cases) {
        it(c.name, async () => {
          for (const k of Object.keys(c.expect)) expect(knownKeys.has(k), `unknown expect key '${k}'`).toBe(true);
          const k = await getKb();
          const options = c.asOf ? { asOf: c.asOf } : {};
          if (c.expect.error) {
            const err = await k.checkTransaction(c.input, options).then(
              () => undefined,
              (e: unknown) => e,
            );
            expect(err, 'expected the input to be rejected').toBeInstanceOf(InputError);
            const fields = (err as InputError).problems.map((p) => p.field);
            expect(fields.some((f) => f === c.expect.error || f.startsWith(`${c.expect.error}/`)), `problems: ${JSON.stringify((err as InputError).problems)}`).toBe(true);
            return;
          }
          const a = await k.checkTransaction(c.input, options);
          const why = `\n    ${summary(a)}`;
          const ids = new Set(a.findings.map((f) => f.ruleId));
          const e = c.expect;
          if (e.ok !== undefined) expect(a.ok, `ok${why}`).toBe(e.ok);
          for (const id of e.fires ?? []) {
            expect(ids.has(id), `${id} should fire${why}`).toBe(true);
            note(seen.fired, a.findings.find((f) => f.ruleId === id)!.kind, id);
          }
          for (const id of e.notFires ?? []) {
            expect(ids.has(id), `${id} should not fire${why}`).toBe(false);
            const rule = k.ruleset.familyRule<{ kind: string }>(id);
            expect(rule, `no rule ${id}`).toBeDefined();
            note(seen.notFired, rule!.spec.kind, id);
          }
          for (const n of e.needs ?? []) expect(a.needs ?? [], `needs ${n}${why}`).toContain(n);
          if (e.noNeeds) expect(a.needs, `no needs${why}`).toBeUndefined();
          for (const u of e.undetermined ?? []) expect((a.undetermined ?? []).map((x) => x.ruleId), `undetermined ${u}${why}`).toContain(u);
          for (const r of e.records ?? []) {
            const hit = (a.records ?? []).find((x) => x.rule === r.rule && (r.holder === undefined || x.holder === r.holder) && (r.party === undefined || x.party === r.party));
            expect(hit, `record of ${r.rule}${why}`).toBeDefined();
            if (r.keepUntil !== undefined) expect(hit!.keepUntil, `keepUntil of ${r.rule}${why}`).toBe(r.keepUntil);
            if (r.record !== undefined) expect(hit!.record).toBe(r.record);
            if (r.items !== undefined) expect(hit!.items).toHaveLength(r.items);
            if (r.duty !== undefined) expect(hit!.duty).toBe(r.duty);
            // the deadline is the retention question's (one truth for a period, e.g. the Act's)
            if (r.retentionRule !== undefined) {
              expect(hit!.deadline.source, `deadline source of ${r.rule}${why}`).toBe('retention');
              expect(hit!.deadline.retentionRule, `retention rule of ${r.rule}${why}`).toBe(r.retentionRule);
            }
            if (r.reason !== undefined) expect((hit!.deadline.reasons ?? []).map((x) => x.code), `deadline reasons of ${r.rule}${why}`).toContain(r.reason);
          }
          for (const [id, cites] of Object.entries(e.citations ?? {})) {
            const f = a.findings.find((x) => x.ruleId === id);
            expect(f, `${id} should fire${why}`).toBeDefined();
            for (const cid of cites) expect(f!.citations.map((x) => x.id)).toContain(cid);
            for (const cv of f!.citations) expect(cv.excerpt.length).toBeGreaterThan(0);
          }
          if (e.product) expect(a.product).toMatchObject(e.product);
          // every answer explains itself
          expect(a.rulesetVersion).toBeTruthy();
          expect(a.contentHash).toMatch(/^[0-9a-f]{16,}$/);
          expect(a.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
          // differential: the json-rules-engine reference path and the streaming path give the same answer
          const ref = await k.checkTransaction(c.input, { ...options, engine: 'json-rules-engine' });
          expect(ref).toEqual(a);
          const streamed: unknown[] = [];
          for await (const r of k.checkTransactions([c.input], options)) streamed.push(r.answer ?? r.error);
          expect(streamed).toEqual([a]);
        });
      }
    });
  }
  afterAll(() => {
    // the done-when of issue #9: every finding kind both fires and does not fire somewhere
    for (const kind of ['violation', 'obligation', 'warning', 'info']) {
      expect(seen.fired.get(kind)?.size ?? 0, `some ${kind} fires`).toBeGreaterThan(0);
      expect(seen.notFired.get(kind)?.size ?? 0, `some ${kind} does not fire`).toBeGreaterThan(0);
    }
  });
});

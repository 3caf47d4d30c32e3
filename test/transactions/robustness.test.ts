/**
 * Malformed and hostile transactions: every one is either answered or rejected with an InputError
 * naming a field — never another exception (wrong types, unknown and prototype keys, huge strings,
 * deep nesting, bad dates, every field dropped or mistyped in turn).
 */
import { describe, expect, it } from 'vitest';
import { openKnowledgeBase } from '../../src/kb.js';
import { InputError } from '../../src/rules/input.js';

const base = {
  date: '2024-04-01',
  seller: { license: '店舗販売業', manager: '薬剤師', handledBy: '薬剤師', designatedItems: ['A'] },
  buyer: { kind: '飼育者', name: 'x', age: 30 },
  product: { name: 'A', classification: { yoshiji: 'required', poison: '劇薬', designated: 'designated' }, expiryDate: '2025-01-01', ingredients: [{ name: 'エンロフロキサシン' }], dosageForm: '注射剤', species: ['牛'] },
  documents: ['処方箋'],
  quantity: { value: 1, unit: '箱' },
};
const weird: unknown[] = [null, 0, -1, 1e308, '', 'x'.repeat(100_000), true, [], [1, 'a'], {}, { __proto__: { polluted: 1 } }, JSON.parse('{"__proto__":{"x":1}}'), { constructor: 'x' }, '2024-02-30', '9999-99-99', { a: { b: { c: { d: { e: { f: {} } } } } } }];

function* variants(): Generator<unknown> {
  yield* weird;
  const paths: string[][] = [];
  const walk = (o: Record<string, unknown>, p: string[]) => {
    for (const [k, v] of Object.entries(o)) {
      paths.push([...p, k]);
      if (v && typeof v === 'object' && !Array.isArray(v)) walk(v as Record<string, unknown>, [...p, k]);
    }
  };
  walk(base, []);
  for (const p of paths)
    for (const w of [undefined, ...weird]) {
      const t = structuredClone(base) as Record<string, unknown>;
      let o = t;
      for (const k of p.slice(0, -1)) o = o[k] as Record<string, unknown>;
      if (w === undefined) delete o[p[p.length - 1]];
      else o[p[p.length - 1]] = w;
      yield t;
    }
  for (const k of ['__proto__', 'constructor', 'prototype', 'asOf', 'selller'])
    yield JSON.parse(`{"date":"2024-04-01","seller":{"license":"tenpo"},"buyer":{"kind":"飼育者"},"product":{"name":"A"},${JSON.stringify(k)}:{"x":1}}`);
}

describe('robustness of kb.checkTransaction', () => {
  it('answers or rejects with an InputError naming a field, for every malformed variant', async () => {
    const kb = await openKnowledgeBase();
    let answered = 0;
    let rejected = 0;
    for (const v of variants()) {
      try {
        const a = await kb.checkTransaction(v);
        expect(['boolean', 'string']).toContain(typeof a.ok);
        answered++;
      } catch (e) {
        if (!(e instanceof InputError) && (e as Error).name !== 'AsOfError') throw new Error(`${(e as Error).name}: ${(e as Error).message} for ${JSON.stringify(v)?.slice(0, 300)}`);
        if (e instanceof InputError) expect(e.problems.length).toBeGreaterThan(0);
        rejected++;
      }
    }
    expect(answered).toBeGreaterThan(10);
    expect(rejected).toBeGreaterThan(200);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  }, 120_000);
});

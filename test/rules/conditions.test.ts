/**
 * The generic three-valued conditions (src/rules/conditions.ts): the compiled closures and the
 * json-rules-engine run give the same outcome, leaves and reasons on every condition and fact set
 * generated here (a deterministic random walk over the operators, absent facts included).
 */
import { describe, expect, it } from 'vitest';
import { compileCondition, conditionOperators, factAt, type Condition, type ConditionOperator } from '../../src/rules/conditions.js';

function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

const factNames = ['buyer.kind', 'seller.kind', 'documents', 'quantity', 'date', 'product.yoshiji', 'flag'];
const values: Record<string, unknown[]> = {
  'buyer.kind': ['獣医師', '飼育者', '卸売販売業者', undefined],
  'seller.kind': ['店舗販売業', '卸売販売業', undefined],
  documents: [['処方箋'], ['獣医師の指示', '処方箋'], [], undefined],
  quantity: [0, 1, 10, 100, undefined, 'ten'],
  date: ['2024-01-31', '2024-02-29', '2025-01-01', undefined],
  'product.yoshiji': ['required', 'not_required', 'unknown', undefined],
  flag: [true, false, undefined],
};

function genLeaf(r: () => number): Condition {
  const fact = factNames[Math.floor(r() * factNames.length)];
  const operator = conditionOperators[Math.floor(r() * conditionOperators.length)] as ConditionOperator;
  const pool = values[fact].filter((v) => v !== undefined);
  const one = pool[Math.floor(r() * pool.length)];
  const value = ['in', 'notIn', 'containsAny', 'containsNone'].includes(operator) ? pool.slice(0, 1 + Math.floor(r() * pool.length)).flat() : Array.isArray(one) ? one[0] : one;
  return { fact, operator, value };
}

function genCond(r: () => number, depth: number): Condition {
  const x = r();
  if (depth <= 0 || x < 0.45) return genLeaf(r);
  if (x < 0.65) return { all: Array.from({ length: 1 + Math.floor(r() * 3) }, () => genCond(r, depth - 1)) };
  if (x < 0.85) return { any: Array.from({ length: 1 + Math.floor(r() * 3) }, () => genCond(r, depth - 1)) };
  return { not: genCond(r, depth - 1) };
}

function genFacts(r: () => number): Record<string, unknown> {
  const facts: Record<string, unknown> = {};
  for (const f of factNames) {
    const v = values[f][Math.floor(r() * values[f].length)];
    if (v === undefined) continue;
    const parts = f.split('.');
    let o = facts;
    for (const p of parts.slice(0, -1)) o = (o[p] ??= {}) as Record<string, unknown>;
    o[parts.at(-1)!] = v;
  }
  return facts;
}

describe('generic conditions', () => {
  it('a missing fact is unknown, never false, and is named', () => {
    const c = compileCondition({ all: [{ fact: 'product.yoshiji', operator: 'equal', value: 'required' }, { fact: 'documents', operator: 'containsNone', value: ['処方箋'] }] });
    const o = c.evaluate({ product: { yoshiji: 'required' } });
    expect(o.result).toBe('unknown');
    expect(o.reasons).toEqual([{ code: 'missing-fact', field: '/documents', message: 'needs /documents' }]);
    expect(c.evaluate({ product: { yoshiji: 'not_required' } }).result).toBe(false);
    expect(c.evaluate({ product: { yoshiji: 'required' }, documents: ['処方箋'] }).result).toBe(false);
    expect(c.evaluate({ product: { yoshiji: 'required' }, documents: [] }).result).toBe(true);
  });
  it('reads own properties only', () => {
    expect(factAt({}, 'constructor')).toBeUndefined();
    expect(factAt({}, '__proto__')).toBeUndefined();
    expect(factAt({ a: { toString: 1 } }, 'a.toString')).toBe(1);
    expect(factAt(JSON.parse('{"__proto__": {"x": 1}}'), '__proto__.x')).toBe(1);
    expect(compileCondition({ fact: 'constructor', operator: 'exists' }).test({})).toBe(false);
  });
  it('rejects a malformed condition naming the place', () => {
    expect(() => compileCondition({ all: [{ fact: 'x', operator: 'like' as never }] })).toThrow(/\/all\/0\/operator: must be one of/);
  });
  it('json-rules-engine and the compiled closures agree on 3,000 generated conditions × facts', async () => {
    const r = rng(42);
    let unknowns = 0;
    for (let i = 0; i < 3000; i++) {
      const cond = genCond(r, 3);
      const facts = genFacts(r);
      const c = compileCondition(cond);
      const fast = c.evaluate(facts);
      const ref = await c.evaluateWithEngine(facts);
      expect(fast.result, JSON.stringify({ cond, facts })).toBe(ref.result);
      expect(fast.reasons).toEqual(ref.reasons);
      expect(fast.leaves).toEqual(ref.leaves);
      expect(c.test(facts)).toBe(fast.result);
      if (fast.result === 'unknown') unknowns++;
    }
    expect(unknowns).toBeGreaterThan(100); // the generator does reach the third value
  });
});

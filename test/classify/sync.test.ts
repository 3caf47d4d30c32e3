/**
 * The bulk API: classifySync / kb.classifySync — the summary answer's shape, the product-level
 * answer cache (canonical key, frozen served answers, the query's asOf, uncacheable products,
 * invalid products never cached), and the errors. Equality with classify is the differential test's.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { openKnowledgeBase, type KnowledgeBase } from '../../src/kb.js';
import { classifySync, summarise, type Product } from '../../src/classify/classify.js';
import { cacheCounter, canonicalKey, clearProductCaches } from '../../src/classify/compiled/sync.js';
import { ProductError } from '../../src/classify/product.js';
import { AsOfError } from '../../src/rules/ruleset.js';

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await openKnowledgeBase();
});

const asOf = '2024-04-01';
const ivermectin = (): Product => ({ ingredients: [{ name: 'イベルメクチン', content: { value: 0.5, unit: '%' } }], dosageForm: '外用剤', applicationSite: '外皮', species: ['猫'] });

describe('classifySync', () => {
  it('answers like classify: the full answer by default, the summary with explain: summary', async () => {
    const full = kb.classifySync(ivermectin(), { asOf });
    expect(full).toEqual(await kb.classify(ivermectin(), { asOf }));
    expect(full.yoshiji.matched.length).toBeGreaterThan(0);
    const s = kb.classifySync(ivermectin(), { asOf, explain: 'summary' });
    expect(s.explain).toBe('summary');
    expect(s).toEqual(summarise(full));
    for (const f of [s.yoshiji, s.poison, s.designated]) {
      expect(f).not.toHaveProperty('matched');
      expect(Array.isArray(f.rules)).toBe(true);
    }
    expect(s.yoshiji.status).toBe('required');
    expect(s.yoshiji.rules).toContain('yoshiji.T3-E7');
    expect(s.yoshiji.decidedBy).toContain('T3-E7');
    expect(s.rulesetVersion).toBe(kb.ruleset.version);
    expect(s.contentHash).toBe(kb.ruleset.contentHash);
    expect(s.asOf).toBe(asOf);
    // the library function takes the parts of the knowledge base
    expect(classifySync(kb.ruleset, kb.ingredients, kb.corpus, ivermectin(), { asOf, explain: 'summary' })).toEqual(s);
  });

  it('rejects what classify rejects, synchronously, and json-rules-engine (asynchronous)', () => {
    expect(() => kb.classifySync({ ingredients: [], dosageForm: '内用剤' } as Product, { asOf })).toThrow(ProductError);
    expect(() => kb.classifySync(ivermectin(), { asOf: '2024-02-30' })).toThrow(AsOfError);
    expect(() => kb.classifySync(ivermectin(), { asOf: '2015-01-01' })).toThrow(AsOfError);
    expect(() => kb.classifySync(ivermectin(), { asOf, engine: 'json-rules-engine' })).toThrow(TypeError);
    expect(() => kb.classifySync(ivermectin(), { asOf, explain: 'terse' as never })).toThrow(TypeError);
  });
});

describe('product cache (cache: true)', () => {
  it('serves the same answer for the same product in any key order, deep-frozen, with the query asOf', () => {
    clearProductCaches();
    cacheCounter.hits = cacheCounter.misses = 0;
    const a = kb.classifySync(ivermectin(), { asOf, explain: 'summary', cache: true });
    const reordered = { species: ['猫'], applicationSite: '外皮', dosageForm: '外用剤', ingredients: [{ content: { unit: '%', value: 0.5 }, name: 'イベルメクチン' }] };
    const b = kb.classifySync(reordered, { asOf, explain: 'summary', cache: true });
    expect(cacheCounter).toEqual({ hits: 1, misses: 1 });
    expect(b).toBe(a);
    expect(Object.isFrozen(b)).toBe(true);
    expect(Object.isFrozen(b.yoshiji.reasons)).toBe(true);
    expect(() => b.yoshiji.decidedBy.push('X')).toThrow(TypeError);
    // another date in the same rules window: the stored answer with this asOf
    const c = kb.classifySync(ivermectin(), { asOf: '2025-01-01', explain: 'summary', cache: true });
    expect(cacheCounter.hits).toBe(2);
    expect(c.asOf).toBe('2025-01-01');
    expect({ ...c, asOf }).toEqual(a);
    expect(kb.classifySync(ivermectin(), { asOf: '2025-01-01', explain: 'summary' })).toEqual(c);
    // full and summary answers are kept apart
    const full = kb.classifySync(ivermectin(), { asOf, cache: true });
    expect(full.yoshiji.matched.length).toBeGreaterThan(0);
    expect(full).toEqual(kb.classifySync(ivermectin(), { asOf }));
  });

  it('never caches an invalid product, and answers a product that is not plain JSON without caching it', () => {
    clearProductCaches();
    cacheCounter.hits = cacheCounter.misses = 0;
    const bad = { ingredients: [{ name: 'イベルメクチン', content: { value: 'lots', unit: '%' } }], dosageForm: '外用剤' } as unknown as Product;
    for (let i = 0; i < 2; i++) expect(() => kb.classifySync(bad, { asOf, cache: true })).toThrow(ProductError);
    const odd = { ...ivermectin(), isPreparation: undefined } as Product;
    expect(kb.classifySync(odd, { asOf, explain: 'summary', cache: true })).toEqual(kb.classifySync(odd, { asOf, explain: 'summary' }));
    expect(cacheCounter).toEqual({ hits: 0, misses: 2 }); // the invalid product missed each time (never stored); the odd one never used the cache
  });

  it('canonical keys: sorted object keys, arrays in order, undefined for what is not plain JSON', () => {
    expect(canonicalKey({ b: 1, a: [2, { d: 'x', c: null }] })).toBe('{"a":[2,{"c":null,"d":"x"}],"b":1}');
    expect(canonicalKey({ a: [1, 2] })).not.toBe(canonicalKey({ a: [2, 1] }));
    expect(canonicalKey({ a: undefined })).toBeUndefined();
    expect(canonicalKey({ a: Number.NaN })).toBeUndefined();
    expect(canonicalKey({ a: new Date(0) })).toBeUndefined();
    const deep: Record<string, unknown> = {};
    let cur = deep;
    for (let i = 0; i < 40; i++) cur = (cur.x = {}) as Record<string, unknown>;
    expect(canonicalKey(deep)).toBeUndefined();
  });
});

/**
 * The synchronous classification API for bulk callers (ERP batches, transaction checks):
 * `classifySync(ruleset, dictionary, corpus, product, options)` — the compiled engine, the full
 * explaining answer or the lighter summary (`explain: 'summary'`), and an optional product-level
 * answer cache. Same rules, same decisions, same answers as `classify` (the evaluation is the one
 * in ../evaluate.ts; test/classify/differential.test.ts proves the engines agree).
 */
import type { Corpus } from '../../corpus/model.js';
import type { IngredientDictionary } from '../../ingredients/types.js';
import { today } from '../../rules/dates.js';
import { deepFreeze, RuleMemo } from '../../rules/memo.js';
import type { Ruleset, RulesIndex } from '../../rules/ruleset.js';
import { evaluateProductSync } from '../evaluate.js';
import type { Classification, FamilyAnswer, Product } from '../model.js';
import { checkProduct } from '../product.js';
import type { ClassificationSummary, FamilySummary, SyncClassifyOptions } from './model.js';

export type * from './model.js';

/**
 * Classifies a product synchronously with the compiled engine. Throws {@link ProductError} (naming
 * the field) for invalid input and {@link AsOfError} for a bad or too-early asOf, like `classify`;
 * `engine: 'json-rules-engine'` is a TypeError here (that engine is asynchronous: use `classify`).
 */
export function classifySync(ruleset: Ruleset, dictionary: IngredientDictionary, corpus: Pick<Corpus, 'nodes'>, product: Product, options: SyncClassifyOptions & { explain: 'summary' }): ClassificationSummary;
export function classifySync(ruleset: Ruleset, dictionary: IngredientDictionary, corpus: Pick<Corpus, 'nodes'>, product: Product, options?: SyncClassifyOptions & { explain?: 'full' }): Classification;
export function classifySync(ruleset: Ruleset, dictionary: IngredientDictionary, corpus: Pick<Corpus, 'nodes'>, product: Product, options?: SyncClassifyOptions): Classification | ClassificationSummary;
export function classifySync(
  ruleset: Ruleset,
  dictionary: IngredientDictionary,
  corpus: Pick<Corpus, 'nodes'>,
  product: Product,
  options: SyncClassifyOptions = {},
): Classification | ClassificationSummary {
  if (options.engine !== undefined && options.engine !== 'compiled')
    throw new TypeError(`classifySync runs the compiled engine only (got engine '${String(options.engine)}'); json-rules-engine is asynchronous: use classify()`);
  const asOf = ruleset.checkAsOf(options.asOf ?? today());
  const explain = options.explain ?? 'full';
  if (explain !== 'full' && explain !== 'summary') throw new TypeError(`explain must be 'full' or 'summary', got '${String(explain)}'`);
  if (!options.cache) return evaluateProductSync(ruleset, dictionary, corpus, checkProduct(product), asOf, { memo: options.memo, explain });
  const key = canonicalKey(product);
  if (key === undefined) return evaluateProductSync(ruleset, dictionary, corpus, checkProduct(product), asOf, { memo: options.memo, explain });
  const cache = cacheFor(ruleset.index(asOf), dictionary, corpus, explain);
  const hit = cache.get(key);
  if (hit) {
    cacheCounter.hits++;
    return hit.asOf === asOf ? hit : Object.freeze({ ...hit, asOf });
  }
  cacheCounter.misses++;
  const a = deepFreeze(evaluateProductSync(ruleset, dictionary, corpus, checkProduct(product), asOf, { memo: options.memo, explain }));
  cache.set(key, a);
  return a;
}

/**
 * The summary of a full answer: what `explain: 'summary'` answers for the same product (the
 * definition of the summary; test/classify/differential.test.ts checks the fast one against it).
 */
export function summarise(a: Classification): ClassificationSummary {
  const fam = <S>(f: FamilyAnswer<S>): FamilySummary<S> => {
    const { matched, ...rest } = f;
    return { ...rest, rules: [...new Set(matched.filter((m) => m.result !== false).map((m) => m.rule))] };
  };
  return {
    explain: 'summary',
    yoshiji: fam(a.yoshiji),
    poison: fam(a.poison),
    designated: fam(a.designated),
    ingredients: a.ingredients,
    rulesetVersion: a.rulesetVersion,
    contentHash: a.contentHash,
    asOf: a.asOf,
    caveats: a.caveats,
  };
}

/** Product-cache hits and misses so far (for the bench). */
export const cacheCounter = { hits: 0, misses: 0 };

/** Answers kept per rules window, dictionary and corpus: full answers ~10 KB each, summaries ~1–2 KB. */
export const productCacheSize = { full: 2_000, summary: 20_000 } as const;

type Answer = Classification | ClassificationSummary;
const caches = new WeakMap<RulesIndex, WeakMap<IngredientDictionary, WeakMap<object, Record<'full' | 'summary', RuleMemo<Answer>>>>>();
let cacheEpoch = 0;
const epochs = new WeakMap<object, number>();
function cacheFor(idx: RulesIndex, d: IngredientDictionary, corpus: object, explain: 'full' | 'summary'): RuleMemo<Answer> {
  let byDict = caches.get(idx);
  if (!byDict) caches.set(idx, (byDict = new WeakMap()));
  let byCorpus = byDict.get(d);
  if (!byCorpus) byDict.set(d, (byCorpus = new WeakMap()));
  let c = byCorpus.get(corpus);
  if (!c || epochs.get(c) !== cacheEpoch) {
    byCorpus.set(corpus, (c = { full: new RuleMemo(productCacheSize.full), summary: new RuleMemo(productCacheSize.summary) }));
    epochs.set(c, cacheEpoch);
  }
  return c[explain];
}

/** Empties every product cache (for the bench; answers never depend on it). */
export function clearProductCaches(): void {
  cacheEpoch++;
}

/**
 * The canonical key of a product: JSON with object keys sorted, so the same product written in
 * another key order hits the same entry. Undefined when the value is not plain JSON (undefined,
 * NaN / Infinity, functions, class instances, cycles or very deep nesting): such a product is
 * simply not cached (it is validated and classified as usual).
 */
export function canonicalKey(v: unknown, depth = 0): string | undefined {
  if (depth > 32) return undefined;
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return JSON.stringify(v);
    case 'number':
      return Number.isFinite(v) ? JSON.stringify(v) : undefined;
    case 'object': {
      if (v === null) return 'null';
      if (Array.isArray(v)) {
        let s = '[';
        for (let i = 0; i < v.length; i++) {
          const x = canonicalKey(v[i], depth + 1);
          if (x === undefined) return undefined;
          s += (i ? ',' : '') + x;
        }
        return `${s}]`;
      }
      const proto = Object.getPrototypeOf(v);
      if (proto !== Object.prototype && proto !== null) return undefined;
      const keys = Object.keys(v).sort();
      let s = '{';
      for (let i = 0; i < keys.length; i++) {
        const x = canonicalKey((v as Record<string, unknown>)[keys[i]], depth + 1);
        if (x === undefined) return undefined;
        s += `${i ? ',' : ''}${JSON.stringify(keys[i])}:${x}`;
      }
      return `${s}}`;
    }
    default:
      return undefined;
  }
}

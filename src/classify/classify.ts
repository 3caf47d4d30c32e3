/**
 * kb.classify(product): is it 要指示 (yoshiji), 毒薬・劇薬 (dokugeki), 指定医薬品 (shitei)?
 * Every answer explains itself: the rules that matched with their conditions, the reasons, the
 * citations with excerpts, the ruleset version + content hash and the asOf date. See docs/classify.md.
 */
import type { Corpus } from '../corpus/model.js';
import type { IngredientDictionary } from '../ingredients/types.js';
import { evaluateProduct } from './evaluate.js';
import { checkProduct } from './product.js';
import type { Ruleset } from '../rules/ruleset.js';
import { today } from '../rules/dates.js';
import type { Classification, ClassifyOptions, Product } from './model.js';

export type * from './model.js';
export { today } from '../rules/dates.js';
export { classifySync, summarise } from './compiled/sync.js';
export type { ClassificationSummary, EngineName, Explain, FamilySummary, SyncClassifyOptions } from './compiled/model.js';

/**
 * Classifies a product. Throws {@link ProductError} (naming the field) for invalid input and
 * {@link AsOfError} for a bad or too-early asOf.
 */
export async function classify(ruleset: Ruleset, dictionary: IngredientDictionary, corpus: Pick<Corpus, 'nodes'>, product: Product, options: ClassifyOptions = {}): Promise<Classification> {
  const asOf = ruleset.checkAsOf(options.asOf ?? today());
  const p = checkProduct(product);
  return evaluateProduct(ruleset, dictionary, corpus, p, asOf, { memo: options.memo, engine: options.engine });
}

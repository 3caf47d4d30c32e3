/**
 * doyaku (動薬): rules engine and annotated knowledge base for 動物用医薬品等取締規則
 * (平成16年農林水産省令第107号).
 *
 * ```ts
 * import { openKnowledgeBase } from 'doyaku';
 * const kb = await openKnowledgeBase();
 * kb.article('第169条');
 * await kb.classify({ ingredients: [{ name: 'イベルメクチン' }], dosageForm: '外用剤', applicationSite: '外皮', species: ['猫'] });
 * kb.search('要指示医薬品の帳簿');
 * ```
 * @packageDocumentation
 */
export { KnowledgeBase, openKnowledgeBase, type OpenOptions } from './kb.js';
export type * from './corpus/model.js';
export type * from './annotations/model.js';
export type * from './ingredients/types.js';
export type { ArticleView } from './corpus/view.js';
export { RefNotFoundError } from './corpus/resolve.js';
export type { Classification, ClassifyOptions, Product } from './rules/classify.js';
export type { Ruleset } from './rules/ruleset.js';
export type { SearchOptions, SearchResults, SearchHit } from './search/searcher.js';

/**
 * The bulk classification API's types: the engine choice, the summary answer and the options of
 * `classifySync` / `kb.classifySync` (docs/classify.md § Bulk and engines).
 */
import type { Classification, ClassifyOptions, FamilyAnswer } from '../model.js';

/** Which engine evaluates the rules' conditions: compiled closures (default) or json-rules-engine (the reference semantics). */
export type EngineName = 'compiled' | 'json-rules-engine';

/**
 * One family in a summary answer: the full answer's family (status, decidedBy — the corpus ids that
 * decided —, reasons, and whatever else it carries) without `matched`, the per-rule condition trees.
 * `rules`: the ids of the rules the full answer lists under `matched` whose result is true or
 * unknown (listings, provisos, exclusions, carve-backs, scope), each once, in that order.
 */
export type FamilySummary<S> = Omit<FamilyAnswer<S>, 'matched'> & { rules: string[] };

/** The summary answer (`explain: 'summary'`): statuses, deciding ids, reasons, rule ids, envelope; no `matched`. */
export interface ClassificationSummary {
  explain: 'summary';
  yoshiji: FamilySummary<Classification['yoshiji']['status']>;
  poison: FamilySummary<Classification['poison']['status']>;
  designated: FamilySummary<Classification['designated']['status']>;
  ingredients: Classification['ingredients'];
  rulesetVersion: string;
  contentHash: string;
  asOf: string;
  caveats: string[];
}

export type Explain = 'full' | 'summary';

/** Options of the synchronous (bulk) API. */
export interface SyncClassifyOptions extends ClassifyOptions {
  /** `full` (default): the explaining answer of `classify`; `summary`: {@link ClassificationSummary} */
  explain?: Explain;
  /**
   * Product-level answer cache (LRU per rules window and dictionary, keyed by the canonical JSON of
   * the product): for bulk callers that see the same product again and again. A served answer is
   * the stored one, deep-frozen, with this query's `asOf`. Default off.
   */
  cache?: boolean;
}

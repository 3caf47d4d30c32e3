import type { AnnotationIndex } from '../annotations/load.js';
import type { Corpus } from '../corpus/model.js';
import type { Ruleset } from '../rules/ruleset.js';
/** (stub — owned by the search work) */
export interface SearchOptions {
  limit?: number;
  offset?: number;
  kinds?: ('law' | 'annotation' | 'rule' | 'reference')[];
  chapter?: number;
}
export interface SearchHit {
  id: string;
  label: string;
  kind: 'law' | 'annotation' | 'rule' | 'reference';
  score: number;
}
export interface SearchResults {
  query: string;
  total: number;
  hits: SearchHit[];
}
export interface Searcher {
  search(query: string, options?: SearchOptions): SearchResults;
}
export function loadSearcher(dataDir: string, _ctx: { corpus: Corpus; annotations: AnnotationIndex; ruleset: Ruleset }): Searcher {
  throw new Error(`search index not built yet (${dataDir})`);
}

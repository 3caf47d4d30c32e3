import type { CorpusNode, DefinedTerm } from './model.js';
export function findDefinedTerms(_nodes: CorpusNode[]): DefinedTerm[] {
  return [];
}

import type { CorpusNode, Reference } from './model.js';
export function findReferences(_node: CorpusNode, _byId: Map<string, CorpusNode>, _nodes: CorpusNode[]): Reference[] {
  return [];
}

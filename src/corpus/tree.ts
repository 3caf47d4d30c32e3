/** Walking the corpus tree. */
import type { Corpus, CorpusNode } from './model.js';

/** The node and all nodes below it, depth first, in document order ([] for an unknown id). */
export function subtree(corpus: Pick<Corpus, 'nodes'>, id: string): CorpusNode[] {
  const out: CorpusNode[] = [];
  const walk = (nid: string) => {
    const n = corpus.nodes.get(nid);
    if (!n) return;
    out.push(n);
    for (const c of n.children) walk(c);
  };
  walk(id);
  return out;
}

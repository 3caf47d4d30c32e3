/**
 * Citation views ({@link CitationView}: id, label, excerpt) of corpus nodes, built once per corpus
 * node and excerpt rule and shared read-only (frozen) by every answer that cites the node.
 *
 * The excerpt: the node's own text — an article's (empty) text replaced by its first paragraph's,
 * then its caption; with `cells`, a table row's cells (` | `) before the first child — cut at `max`
 * characters with `…`. (Licenses/transactions and retention excerpt differently — whitespace
 * folded, or a window around the cited wording — and keep their own builders.)
 */
import type { Corpus } from '../corpus/model.js';
import type { CitationView } from './answer.js';

export interface ExcerptRules {
  /** longest excerpt before `…` (classify 120, labels and reports 160) */
  max: number;
  /** a table row's cells stand for its text (labels) */
  cells?: boolean;
}

const caches = new WeakMap<object, Map<string, CitationView>>();

/** The (cached, frozen) view of corpus node `id`; an id the corpus lacks shows as itself with an empty excerpt. */
export function citationView(corpus: Pick<Corpus, 'nodes'>, id: string, rules: ExcerptRules): CitationView {
  let cache = caches.get(corpus);
  if (!cache) caches.set(corpus, (cache = new Map()));
  const key = `${rules.max}${rules.cells ? 'c' : ''} ${id}`;
  let v = cache.get(key);
  if (!v) {
    const n = corpus.nodes.get(id);
    // an article's own text is empty: show its first paragraph's
    const first = n && !n.text && n.children.length ? corpus.nodes.get(n.children[0]) : undefined;
    const cells = rules.cells ? (n as unknown as { cells?: string[] } | undefined)?.cells : undefined;
    const text = n ? n.text || (cells ? cells.join(' | ') : '') || first?.text || n.caption || '' : '';
    v = Object.freeze({ id, label: n?.label ?? id, excerpt: text.length > rules.max ? `${text.slice(0, rules.max)}…` : text });
    cache.set(key, v);
  }
  return v;
}

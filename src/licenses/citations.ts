/**
 * Citation views (id, label, excerpt) for the license and transaction answers, built once per
 * corpus node and shared read-only (frozen), as classification does (src/classify/evaluate.ts).
 */
import type { Corpus } from '../corpus/model.js';
import type { CitationView } from '../rules/answer.js';

const caches = new WeakMap<object, Map<string, CitationView>>();

export function citationView(corpus: Pick<Corpus, 'nodes'>, id: string): CitationView {
  let cache = caches.get(corpus);
  if (!cache) caches.set(corpus, (cache = new Map()));
  let v = cache.get(id);
  if (!v) {
    const n = corpus.nodes.get(id);
    const text = (n?.text ?? '').replace(/\s+/g, ' ').trim();
    v = Object.freeze({ id, label: n?.label ?? id, excerpt: text.length > 120 ? `${text.slice(0, 120)}…` : text });
    cache.set(id, v);
  }
  return v;
}

export function citationViews(corpus: Pick<Corpus, 'nodes'>, ids: readonly string[]): CitationView[] {
  return [...new Set(ids)].map((id) => citationView(corpus, id));
}

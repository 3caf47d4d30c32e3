/** Citation views for the label answers, and what the label question needs of the knowledge base. */
import type { Classification, ClassifyOptions, Product } from '../classify/model.js';
import type { Corpus } from '../corpus/model.js';
import type { CitationView } from '../rules/answer.js';
import type { Ruleset } from '../rules/ruleset.js';

/** What the label question needs of the knowledge base (kb satisfies it). */
export interface LabelKb {
  readonly ruleset: Ruleset;
  readonly corpus: Pick<Corpus, 'nodes'>;
  classify(product: Product, options?: ClassifyOptions): Promise<Classification>;
  /** the MAFF guidance paragraphs (for rules with basis guidance) */
  readonly annotations?: { get(id: string): { id: string; label: string; text: string } | undefined };
}

/** Views of guidance paragraphs (id, label, excerpt). */
export function guidanceViews(kb: LabelKb, ids: readonly string[]): CitationView[] {
  return ids.map((id) => {
    const a = kb.annotations?.get(id);
    const text = a?.text ?? '';
    return { id, label: a ? `通知 ${a.label}` : id, excerpt: text.length > 160 ? `${text.slice(0, 160)}…` : text };
  });
}

// ─── citations ────────────────────────────────────────────────────────────
const viewCache = new WeakMap<object, Map<string, CitationView>>();
export function citationViews(corpus: Pick<Corpus, 'nodes'>, ids: readonly string[]): CitationView[] {
  let cache = viewCache.get(corpus);
  if (!cache) viewCache.set(corpus, (cache = new Map()));
  return ids.map((id) => {
    let v = cache!.get(id);
    if (!v) {
      const n = corpus.nodes.get(id);
      const first = n && !n.text && n.children.length ? corpus.nodes.get(n.children[0]) : undefined;
      const cells = (n as unknown as { cells?: string[] } | undefined)?.cells;
      const text = n ? n.text || (cells ? cells.join(' | ') : '') || first?.text || n.caption || '' : '';
      v = Object.freeze({ id, label: n?.label ?? id, excerpt: text.length > 160 ? `${text.slice(0, 160)}…` : text });
      cache!.set(id, v);
    }
    return v;
  });
}


/** Citation views for the label answers, and what the label question needs of the knowledge base. */
import type { Classification, ClassifyOptions, Product } from '../classify/model.js';
import type { Corpus } from '../corpus/model.js';
import type { CitationView } from '../rules/answer.js';
import { citationView } from '../rules/citations.js';
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
export function citationViews(corpus: Pick<Corpus, 'nodes'>, ids: readonly string[]): CitationView[] {
  return ids.map((id) => citationView(corpus, id, { max: 160, cells: true }));
}


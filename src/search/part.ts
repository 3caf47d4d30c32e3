/**
 * One lunr index with its document store (data/search/index.json + store.json, or the human-drug
 * reference part reference-index.json + reference-store.json, loaded only when asked for), and
 * the full-text retrieval and re-ranking over it.
 */
import { readFileSync } from 'node:fs';
import type { AnnotationIndex } from '../annotations/load.js';
import type { Corpus } from '../corpus/model.js';
import { loadLunrIndex, type lunr } from './analyzer.js';
import { INDEX_FORMAT, type StoredDoc } from './build.js';
import { DOC_KINDS } from './documents.js';
import { fold } from './normalize.js';
import { segments, tokenize, type Term } from './tokenize.js';

/** most (field, document) postings lunr is asked to walk for one query */
const POSTINGS_BUDGET = 300;
/** share of the query's terms (by weight) a full-text hit must contain */
const MIN_COVERAGE = 0.5;
/** share of all the query's terms (by weight, known to the index or not) a full-text hit must contain */
const MIN_SHARE_OF_QUERY = 0.4;
const TEXT_FIELDS = ['title', 'body'];
const WEIGHT: Record<Term['kind'], number> = { bigram: 1, uni: 1, word: 2, kana: 0.5, ref: 2 };

export interface PartCandidate {
  doc: number;
  score: number;
  match: 'text';
  needles: string[];
  fallback?: string[];
}

export interface PartContext {
  corpus: Corpus;
  annotations?: AnnotationIndex;
}

export class IndexPart {
  readonly byId = new Map<string, number>();
  readonly #foldedTitle: (string | undefined)[] = [];
  readonly #context: (string | undefined)[] = [];
  #unigramTerms?: Map<string, string[]>;
  readonly #dfCache = new Map<string, number>();

  constructor(
    readonly index: lunr.Index,
    readonly docs: StoredDoc[],
    readonly ctx: PartContext,
  ) {
    docs.forEach((d, i) => this.byId.set(d[0], i));
  }

  /** Reads a part from its two files (throws when they are missing). */
  static load(indexFile: string, storeFile: string, ctx: PartContext): IndexPart {
    const store = JSON.parse(readFileSync(storeFile, 'utf8')) as { format: number; docs: StoredDoc[] };
    if (store.format !== INDEX_FORMAT) throw new Error(`search index format ${store.format} ≠ ${INDEX_FORMAT}: run npm run build:index`);
    return new IndexPart(loadLunrIndex(JSON.parse(readFileSync(indexFile, 'utf8'))), store.docs, ctx);
  }

  /** Full-text candidates, best first. */
  fullText(folded: string, hasRefs: boolean): PartCandidate[] {
    if (!folded) return [];
    const seenTerm = new Set<string>();
    let terms = tokenize(folded).filter((t) => !seenTerm.has(t.term) && seenTerm.add(t.term));
    // the pieces of a reference (第, 条, 169) are not terms of their own next to the reference
    if (hasRefs || terms.some((t) => t.kind === 'ref'))
      terms = terms.filter((t) => !(t.kind === 'uni' && /^[第条項号章節]$/.test(t.term)) && !(t.kind === 'word' && /^\d+$/.test(t.term)));
    if (!terms.length) return [];
    // lunr is asked for the rarest terms only, up to a budget of postings (common bigrams such as
    // 医薬 or 販売 find half the corpus and add nothing to the choice of candidates); every query
    // term counts in the re-ranking below.
    const withDf = terms
      .map((t) => {
        const ex = t.kind === 'uni' ? this.termsWith(t.term) : [t.term];
        const fields = TEXT_FIELDS;
        return { t, ex, fields, df: ex.reduce((n, e) => n + this.df(e, fields), 0) };
      })
      .filter((x) => x.df > 0)
      .sort((a, b) => a.df - b.df);
    if (!withDf.length) return [];
    const chosen: typeof withDf = [];
    let budget = 0;
    for (const x of withDf) {
      if (chosen.length && budget + x.df > POSTINGS_BUDGET) break;
      chosen.push(x);
      budget += x.df;
    }
    const results = this.index.query((q) => {
      for (const { t, ex, fields } of chosen) {
        q.term(ex, { usePipeline: t.kind !== 'uni', boost: WEIGHT[t.kind], fields });
      }
    });
    if (!results.length) return [];
    // coverage counts the terms the index has: a term no document contains (何年, a bigram across
    // a word boundary) cannot tell documents apart
    const known = withDf.map((x) => x.t);
    const knownWeight = known.reduce((s, t) => s + WEIGHT[t.kind], 0);
    const allWeight = terms.reduce((s, t) => s + WEIGHT[t.kind], 0);
    const segs = segments(folded);
    const segLen = segs.reduce((n, g) => n + g.length, 0) || 1;
    const parts = folded.split(' ').filter((p) => p.length >= 2);
    const maxScore = results[0].score || 1;
    const needleTerms = terms.filter((t) => t.kind !== 'uni').map((t) => t.term);
    const ranked: PartCandidate[] = [];
    for (const r of results) {
      const i = parseInt(r.ref, 36);
      const title = this.title(i);
      const body = this.norm(i);
      let cov = 0;
      // a term found only in the headings above (an item's article caption) counts half
      let context: string | undefined;
      for (const t of known) {
        if (title.includes(t.term) || body.includes(t.term)) cov += WEIGHT[t.kind];
        else if ((context ??= this.context(i)).includes(t.term)) cov += WEIGHT[t.kind] / 2;
      }
      // …but a document must still hold a fair share of the whole query (量子コンピュータ is not
      // found by the コン of some other word)
      if (cov / allWeight < MIN_SHARE_OF_QUERY) continue;
      cov /= knownWeight;
      if (cov < MIN_COVERAGE && known.length >= 2) continue;
      let bonus = 0;
      for (const p of parts) {
        if (title.includes(p)) bonus += 2;
        else if (body.includes(p)) bonus += 1.5;
      }
      let inTitle = 0;
      let inBody = 0;
      for (const g of segs) {
        if (title.includes(g)) inTitle += g.length;
        if (body.includes(g)) inBody += g.length;
      }
      bonus += (1.5 * inTitle) / segLen + inBody / segLen;
      // a text that defines or states the rule on a query word: 「X」とは…, Xは…
      for (const g of segs) if (g.length >= 2 && (body.includes(`「${g}」`) || body.includes(`${g}は`))) bonus += 1;
      const score = 3 * cov + bonus + r.score / maxScore;
      ranked.push({ doc: i, score, match: 'text', needles: segs, fallback: needleTerms });
    }
    return ranked.sort((a, b) => b.score - a.score || a.doc - b.doc);
  }

  /** Number of (field, document) postings of an index term in the given fields, cached. */
  df(term: string, fields: string[]): number {
    const key = `${fields.length}:${term}`;
    let n = this.#dfCache.get(key);
    if (n === undefined) {
      const p = (this.index as unknown as { invertedIndex: Record<string, Record<string, object>> }).invertedIndex[term];
      n = p ? fields.reduce((s, f) => s + Object.keys(p[f] ?? {}).length, 0) : 0;
      this.#dfCache.set(key, n);
    }
    return n;
  }

  /** Index terms containing a single character (for one-character query terms), cached. */
  termsWith(c: string): string[] {
    if (!this.#unigramTerms) {
      this.#unigramTerms = new Map();
      for (const term of Object.keys((this.index as unknown as { invertedIndex: object }).invertedIndex)) {
        if ([...term].length > 2) continue;
        for (const ch of new Set(term)) {
          const l = this.#unigramTerms.get(ch);
          if (l) l.push(term);
          else this.#unigramTerms.set(ch, [term]);
        }
      }
    }
    return this.#unigramTerms.get(c) ?? [];
  }

  /** label, caption and names, folded */
  title(i: number): string {
    const d = this.docs[i];
    return (this.#foldedTitle[i] ??= fold([d[2], d[3], d[5]].filter(Boolean).join(' ')).text);
  }

  /** The folded text the document was indexed with. */
  norm(i: number): string {
    const d = this.docs[i];
    return d[8] ?? d[7] ?? this.indexedText(i);
  }

  /** The verbatim text the document was indexed with (law: the corpus node's; guidance: the annotation's). */
  indexedText(i: number): string {
    const [id, kind, , , , , , text] = this.docs[i];
    if (text != null) return text;
    if (DOC_KINDS[kind] === 'law') {
      const n = this.ctx.corpus.nodes.get(id);
      if (!n) return '';
      return !n.text && n.cells?.length ? n.cells.join(' ') : n.text;
    }
    if (DOC_KINDS[kind] === 'annotation') return this.ctx.annotations?.get(id)?.text ?? '';
    return '';
  }

  /** The headings above a document, folded: a law node's article caption, a guidance paragraph's headings. */
  context(i: number): string {
    let c = this.#context[i];
    if (c === undefined) {
      const [id, kind] = this.docs[i];
      const crumbs =
        DOC_KINDS[kind] === 'law'
          ? (this.ctx.corpus.nodes.get(id)?.breadcrumb ?? []).filter((b) => /^(SP-)?A[\d_]+$/.test(b.id)).slice(-1)
          : DOC_KINDS[kind] === 'annotation'
            ? (this.ctx.annotations?.get(id)?.breadcrumb ?? [])
            : [];
      c = this.#context[i] = fold(crumbs.map((b) => b.caption ?? '').join(' ')).text;
    }
    return c;
  }

  /** The text shown in a snippet (the caption when a node has no text of its own). */
  text(i: number): string {
    return this.indexedText(i) || this.docs[i][3] || '';
  }
}

/**
 * The searcher: Japanese full-text search over the ordinance, the guidance, the rules and (on
 * request) the human-drug reference material.
 *
 * A query is folded and tokenized exactly like the documents (analyzer.ts), and the lunr query is
 * built from those terms programmatically (never lunr's own query parser, which would pass an
 * unbroken compound through as one term). lunr's candidates are then re-ranked by how many of the
 * query's terms they contain and by phrase occurrence in the caption/names and the text.
 * Article references (第169条, 第百六十九条, 別表第3, 様式第82号…) go straight to the node, then
 * its children, the provisions citing it and the guidance on it, then the full-text results.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AnnotationIndex } from '../annotations/load.js';
import type { Corpus } from '../corpus/model.js';
import type { Ruleset } from '../rules/ruleset.js';
import { loadLunrIndex, lunr } from './analyzer.js';
import { INDEX_FORMAT, type SearchManifest, type StoredDoc } from './build.js';
import { breadcrumbText, DOC_KINDS, type DocKind } from './documents.js';
import { fold } from './normalize.js';
import { findRefs, subtree } from './refs.js';
import { makeSnippet, type Snippet } from './snippet.js';
import { segments, tokenize, type Term } from './tokenize.js';

export type SearchKind = DocKind;

export interface SearchOptions {
  /** page size (default 10) */
  limit?: number;
  /** hits to skip (default 0) */
  offset?: number;
  /** kinds of document (default law, annotation, rule; `reference` only when asked for) */
  kinds?: SearchKind[];
  /** only documents in this chapter (第N章) */
  chapter?: number;
}

export interface SearchHit {
  /** node id (law), annotation id, `rule:<id>`, or `REF<file>-<n>` */
  id: string;
  label: string;
  kind: SearchKind;
  score: number;
  caption?: string;
  breadcrumb: string;
  chapter?: number;
  /** the verbatim text around the match, with the matched terms' offsets */
  snippet: Snippet;
  /** law text: how many guidance annotations interpret this node */
  annotations?: number;
  /** how the hit was found: the query named it (`ref`), or it cites / interprets / is under a node the query named (`related`), or full text (`text`) */
  match: 'ref' | 'related' | 'text';
  /** set on `reference` hits: human-drug material, not veterinary law */
  note?: string;
}

export interface SearchResults {
  query: string;
  /** the query as folded for search */
  normalized: string;
  total: number;
  offset: number;
  limit: number;
  /** node ids the query named as references (第169条 → A169) */
  refs: string[];
  hits: SearchHit[];
}

export interface Searcher {
  search(query: string, options?: SearchOptions): SearchResults;
  readonly manifest: SearchManifest;
}

export const REFERENCE_NOTE = '参考: 人用医薬品の資料 (human-drug material) — 動物用医薬品の規制ではない, never part of a veterinary answer';

export const DEFAULT_KINDS: SearchKind[] = ['law', 'annotation', 'rule'];

/** Thrown when data/search/ has not been built. */
export class SearchIndexMissingError extends Error {
  constructor(dir: string) {
    super(`search index not found in ${dir}: run npm run build:index`);
    this.name = 'SearchIndexMissingError';
  }
}

interface Candidate {
  doc: number;
  score: number;
  match: SearchHit['match'];
  /** folded words to highlight */
  needles: string[];
  /** what to highlight when none of `needles` occurs (the query's bigrams) */
  fallback?: string[];
}

/** most (field, document) postings lunr is asked to walk for one query */
const POSTINGS_BUDGET = 600;
/** share of the query's terms (by weight) a full-text hit must contain */
const MIN_COVERAGE = 0.5;
const TEXT_FIELDS = ['title', 'body'];
const ALL_FIELDS = ['label', 'title', 'body'];
const WEIGHT: Record<Term['kind'], number> = { bigram: 1, uni: 1, word: 2, ref: 2 };

export function loadSearcher(
  dataDir: string,
  ctx: { corpus: Corpus; annotations?: AnnotationIndex; ruleset?: Ruleset },
): Searcher {
  const dir = join(dataDir, 'search');
  let indexJson: string, storeJson: string, manifestJson: string;
  try {
    indexJson = readFileSync(join(dir, 'index.json'), 'utf8');
    storeJson = readFileSync(join(dir, 'store.json'), 'utf8');
    manifestJson = readFileSync(join(dir, 'manifest.json'), 'utf8');
  } catch {
    throw new SearchIndexMissingError(dir);
  }
  const store = JSON.parse(storeJson) as { format: number; docs: StoredDoc[] };
  if (store.format !== INDEX_FORMAT) throw new Error(`search index format ${store.format} ≠ ${INDEX_FORMAT}: run npm run build:index`);
  const index = loadLunrIndex(JSON.parse(indexJson));
  return new LunrSearcher(index, store.docs, JSON.parse(manifestJson) as SearchManifest, ctx.corpus, ctx.annotations);
}

export class LunrSearcher implements Searcher {
  readonly #byId = new Map<string, number>();
  readonly #foldedTitle: (string | undefined)[] = [];
  #unigramTerms?: Map<string, string[]>;
  readonly #dfCache = new Map<string, number>();

  constructor(
    readonly index: lunr.Index,
    readonly docs: StoredDoc[],
    readonly manifest: SearchManifest,
    readonly corpus: Corpus,
    readonly annotations?: AnnotationIndex,
  ) {
    docs.forEach((d, i) => this.#byId.set(d[0], i));
  }

  search(query: string, options: SearchOptions = {}): SearchResults {
    const limit = Math.max(0, options.limit ?? 10);
    const offset = Math.max(0, options.offset ?? 0);
    const kinds = new Set<SearchKind>(options.kinds?.length ? options.kinds : DEFAULT_KINDS);
    for (const k of kinds) if (!DOC_KINDS.includes(k)) throw new Error(`unknown kind '${k}' (kinds: ${DOC_KINDS.join(', ')})`);
    const normalized = fold(query).text.trim();
    const keep = (i: number) => {
      const d = this.docs[i];
      return kinds.has(DOC_KINDS[d[1]]) && (options.chapter === undefined || d[4] === options.chapter);
    };

    const refs = normalized ? findRefs(normalized, this.corpus) : [];
    const out: Candidate[] = [];
    const seen = new Set<number>();
    const push = (id: string, match: Candidate['match'], score: number, needles: string[], fallback?: string[]) => {
      const i = this.#byId.get(id);
      if (i === undefined || seen.has(i) || !keep(i)) return;
      seen.add(i);
      out.push({ doc: i, score, match, needles, fallback });
    };
    // 1. the nodes the query names, their subtrees, then what cites them and the guidance on them
    for (const r of refs) {
      const tree = subtree(this.corpus, r.id);
      push(r.id, 'ref', 1000, [r.text]);
      for (const id of tree.slice(1)) push(id, 'related', 900, [r.text]);
    }
    for (const r of refs) {
      const n = this.corpus.nodes.get(r.id)!;
      for (const id of this.corpus.refsIn.get(r.id) ?? []) push(id, 'related', 800, [r.text, n.label]);
      for (const a of this.annotations?.forNode(r.id, true) ?? []) push(a.id, 'related', 700, [r.text, n.label]);
    }
    // 2. full text
    // (a query that is nothing but references has its related text above already)
    const rest = refs.reduce((q, r) => q.replace(r.text, ' '), normalized).replace(/[\s、,]+/g, '');
    if (!refs.length || rest) for (const c of this.#fullText(normalized, refs.length > 0)) push(this.docs[c.doc][0], 'text', c.score, c.needles, c.fallback);

    const page = out.slice(offset, offset + limit).map((c) => this.#hit(c));
    return { query, normalized, total: out.length, offset, limit, refs: refs.map((r) => r.id), hits: page };
  }

  /** Full-text candidates, best first. */
  #fullText(folded: string, hasRefs: boolean): Candidate[] {
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
        const ex = t.kind === 'uni' ? this.#termsWith(t.term) : [t.term];
        const fields = t.kind === 'ref' || t.kind === 'word' ? ALL_FIELDS : TEXT_FIELDS;
        return { t, ex, fields, df: ex.reduce((n, e) => n + this.#df(e, fields), 0) };
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
    const totalWeight = terms.reduce((s, t) => s + WEIGHT[t.kind], 0);
    const segs = segments(folded);
    const segLen = segs.reduce((n, g) => n + g.length, 0) || 1;
    const parts = folded.split(' ').filter((p) => p.length >= 2);
    const maxScore = results[0].score || 1;
    const needleTerms = terms.filter((t) => t.kind !== 'uni').map((t) => t.term);
    const ranked: Candidate[] = [];
    for (const r of results) {
      const i = parseInt(r.ref, 36);
      const title = this.#title(i);
      const body = this.#norm(i);
      let cov = 0;
      for (const t of terms) if (title.includes(t.term) || body.includes(t.term)) cov += WEIGHT[t.kind];
      cov /= totalWeight;
      if (cov < MIN_COVERAGE && terms.length >= 2) continue;
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
  #df(term: string, fields: string[]): number {
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
  #termsWith(c: string): string[] {
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

  #title(i: number): string {
    const d = this.docs[i];
    return (this.#foldedTitle[i] ??= fold([d[2], d[3], d[5]].filter(Boolean).join(' ')).text);
  }

  /** The folded text the document was indexed with. */
  #norm(i: number): string {
    const d = this.docs[i];
    return d[8] ?? d[7] ?? this.#indexedText(i);
  }

  /** The verbatim text the document was indexed with (law: the corpus node's; guidance: the annotation's). */
  #indexedText(i: number): string {
    const [id, kind, , , , , , text] = this.docs[i];
    if (text != null) return text;
    if (DOC_KINDS[kind] === 'law') {
      const n = this.corpus.nodes.get(id);
      if (!n) return '';
      return !n.text && n.cells?.length ? n.cells.join(' ') : n.text;
    }
    if (DOC_KINDS[kind] === 'annotation') return this.annotations?.get(id)?.text ?? '';
    return '';
  }

  /** The text shown in a snippet (the caption when a node has no text of its own). */
  #text(i: number): string {
    return this.#indexedText(i) || this.docs[i][3] || '';
  }

  /** Highlights the query's words; only when none occurs as a whole, its bigrams. */
  #snippet(text: string, needles: string[], fallback?: string[]): Snippet {
    const s = makeSnippet(text, needles);
    return s.highlights.length || !fallback?.length ? s : makeSnippet(text, fallback);
  }

  #hit(c: Candidate): SearchHit {
    const [id, k, label, caption, chapter, , storedCrumb] = this.docs[c.doc];
    const kind = DOC_KINDS[k];
    let breadcrumb = storedCrumb ?? '';
    if (kind === 'law') breadcrumb = breadcrumbText(this.corpus.nodes.get(id)?.breadcrumb ?? []);
    else if (kind === 'annotation') {
      const a = this.annotations?.get(id);
      breadcrumb = ['12畜A第728号', a ? breadcrumbText(a.breadcrumb) : ''].filter(Boolean).join(' › ');
    }
    const text = this.#text(c.doc);
    const hit: SearchHit = {
      id,
      label,
      kind,
      score: Math.round(c.score * 1000) / 1000,
      breadcrumb,
      snippet: this.#snippet(text, c.needles, c.fallback),
      match: c.match,
    };
    if (caption) hit.caption = caption;
    if (chapter != null) hit.chapter = chapter;
    if (kind === 'law') hit.annotations = this.annotations?.forNode(id).length ?? 0;
    if (kind === 'reference') hit.note = REFERENCE_NOTE;
    return hit;
  }
}

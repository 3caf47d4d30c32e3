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
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AnnotationIndex } from '../annotations/load.js';
import type { Corpus } from '../corpus/model.js';
import { InputError } from '../rules/input.js';
import type { Ruleset } from '../rules/ruleset.js';
import type { SearchManifest } from './build.js';
import { breadcrumbText, DOC_KINDS, type DocKind } from './documents.js';
import { fold, kanjiToNumber } from './normalize.js';
import { IndexPart } from './part.js';
import { findRefs, subtree } from './refs.js';
import { makeSnippet, type Snippet } from './snippet.js';
import { loadSynonyms, NO_SYNONYMS, type SynonymMatch, type SynonymTable } from './synonyms.js';

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
  /**
   * guidance hits: the provisions the paragraph interprets (its `interprets`, from its citations
   * and the curated links); when it has none of its own, those of the nearest heading above it
   * that has some (`inherited: true`)
   */
  interprets?: { id: string; label: string; caption?: string; inherited?: true }[];
  /** a law hit brought up by a guidance hit on the query's words: the annotation id it came from */
  via?: string;
  /** a partial match: the document holds some of the query's words, not enough of the query */
  partial?: true;
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
  /** the query's words (as typed) that no hit holds, even through the synonym table */
  unmatched: string[];
  /** the query's everyday words read as the law's (synonyms.yaml): typed word → the words searched for */
  expanded: { word: string; as: string[] }[];
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
  part: IndexPart;
  doc: number;
  score: number;
  coverage?: number;
  partial?: boolean;
  guidanceOnly?: boolean;
  via?: string;
  match: SearchHit['match'];
  /** folded words to highlight */
  needles: string[];
  /** what to highlight when none of `needles` occurs (the query's bigrams) */
  fallback?: string[];
}

/**
 * Loads data/search/ (the reference part on first use). `ruleset` is not needed — the rules are
 * read from the index — and is accepted for compatibility; `annotations` supplies the guidance
 * text and the per-node annotation counts.
 */
export function loadSearcher(
  dataDir: string,
  ctx: { corpus: Corpus; annotations?: AnnotationIndex; ruleset?: Ruleset; synonyms?: SynonymTable },
): Searcher {
  const dir = join(dataDir, 'search');
  const files = ['index.json', 'store.json', 'manifest.json'].map((f) => join(dir, f));
  if (!files.every((f) => existsSync(f))) throw new SearchIndexMissingError(dir);
  const manifest = JSON.parse(readFileSync(files[2], 'utf8')) as SearchManifest;
  const pctx = { corpus: ctx.corpus, annotations: ctx.annotations };
  const main = IndexPart.load(files[0], files[1], pctx);
  const refIndex = join(dir, 'reference-index.json');
  const refStore = join(dir, 'reference-store.json');
  const reference = () => (existsSync(refIndex) ? IndexPart.load(refIndex, refStore, pctx) : undefined);
  const synFile = join(dir, 'synonyms.yaml');
  const synonyms = ctx.synonyms ?? (existsSync(synFile) ? loadSynonyms(synFile) : NO_SYNONYMS);
  return new LunrSearcher(main, reference, manifest, ctx.corpus, ctx.annotations, synonyms);
}

/**
 * Kanji numerals before a unit of measure or count (二ミリリットル, 六個, 十二箇月): the text writes these in
 * arabic (2ミリリットル), and fold() (normalize.ts, shared with the index) turns kanji numerals into
 * arabic only in references and dates — so the query side does it for units, without touching the
 * index's analysis.
 */
const UNIT_NUMERAL = /([〇零一二三四五六七八九十百千]+)(?=ミリリットル|リットル|ミリグラム|キログラム|グラム|パーセント|個|箇月|ケ月|ヶ月|週間|時間)/g;

export function unitNumerals(q: string): string {
  return q.replace(UNIT_NUMERAL, (m: string, n: string) => {
    const v = kanjiToNumber(n);
    return Number.isNaN(v) ? m : String(v);
  });
}

/** what a guidance paragraph's label is made of (第5 2 (3) イ): a query of anything else is not one */
const GUIDANCE_LABEL_CHARS = /^[第\d\s()\u30a1-\u30fa]+$/;

/** Node kinds too broad to bring up as the provision a guidance paragraph interprets. */
const BROAD_KINDS = new Set(['Law', 'Preamble', 'Chapter', 'Section']);
/** the first text hits among which two paragraphs of one article bring the article up */
const ROLL_UP_HITS = 5;
/** articles among the first text hits that bring their best provision up after them */
const DRILL_DOWN_HITS = 3;
/** guidance hits among the first text hits whose provisions are brought up after them */
const GUIDANCE_LEAD_HITS = 5;
/** provisions brought up per guidance hit */
const GUIDANCE_LEAD_PROVISIONS = 3;

export class LunrSearcher implements Searcher {
  #reference?: IndexPart | null;

  constructor(
    readonly main: IndexPart,
    readonly loadReference: () => IndexPart | undefined,
    readonly manifest: SearchManifest,
    readonly corpus: Corpus,
    readonly annotations?: AnnotationIndex,
    readonly synonyms: SynonymTable = NO_SYNONYMS,
  ) {}

  /** The human-drug reference part, read on first use. */
  get reference(): IndexPart | undefined {
    if (this.#reference === undefined) this.#reference = this.loadReference() ?? null;
    return this.#reference ?? undefined;
  }

  search(query: string, options: SearchOptions = {}): SearchResults {
    const limit = Math.max(0, options.limit ?? 10);
    const offset = Math.max(0, options.offset ?? 0);
    const kinds = new Set<SearchKind>(options.kinds?.length ? options.kinds : DEFAULT_KINDS);
    const bad = [...kinds].filter((k) => !DOC_KINDS.includes(k));
    if (bad.length) throw new InputError('invalid-search-request', bad.map((k) => ({ field: `/kinds/${options.kinds!.indexOf(k)}`, message: `must be one of ${DOC_KINDS.join(', ')} (got ${JSON.stringify(k)})` })), 'search request');
    // kanji numerals before a unit the text writes in arabic (二ミリリットル → 2ミリリットル), in the query only
    const typed = unitNumerals(query);
    const folded = fold(typed);
    const lead = folded.text.length - folded.text.trimStart().length;
    const normalized = folded.text.trim();
    const main = this.main;
    const keep = (part: IndexPart, i: number) => {
      const d = part.docs[i];
      return kinds.has(DOC_KINDS[d[1]]) && (options.chapter === undefined || d[4] === options.chapter);
    };

    const refs = normalized ? findRefs(normalized, this.corpus) : [];
    // a guidance paragraph by its label (第5 2 (3) イ), when the query is nothing else
    if (!refs.length && normalized && GUIDANCE_LABEL_CHARS.test(normalized)) {
      const g = this.#guidanceLabels().get(normalized.replace(/\s+/g, ''));
      if (g) refs.push({ text: normalized, id: g });
    }
    const out: Candidate[] = [];
    const seen = new Set<number>();
    const push = (id: string, match: Candidate['match'], score: number, needles: string[]) => {
      const i = main.byId.get(id);
      if (i === undefined || seen.has(i) || !keep(main, i)) return;
      seen.add(i);
      out.push({ part: main, doc: i, score, match, needles });
    };
    // 1. the nodes the query names, their subtrees, then what cites them and the guidance on them
    for (const r of refs) {
      const tree = this.corpus.nodes.has(r.id) ? subtree(this.corpus, r.id) : this.#guidanceTree(r.id);
      push(r.id, 'ref', 1000, [r.text]);
      for (const id of tree.slice(1)) push(id, 'related', 900, [r.text]);
    }
    for (const r of refs) {
      const n = this.corpus.nodes.get(r.id);
      if (!n) continue;
      for (const id of this.corpus.refsIn.get(r.id) ?? []) push(id, 'related', 800, [r.text, n.label]);
      for (const a of this.annotations?.forNode(r.id, true) ?? []) push(a.id, 'related', 700, [r.text, n.label]);
    }
    // 2. full text (a query that is nothing but references has its related text above already)
    const rest = refs.reduce((q, r) => q.replace(r.text, ' '), normalized).replace(/[\s、,]+/g, '');
    const groups = normalized ? this.synonyms.match(normalized) : [];
    const matchedWords = new Map<number, { word: string; matched: boolean }>();
    const collect = (words: { word: string; start: number; matched: boolean }[]) => {
      for (const w of words) {
        const m = matchedWords.get(w.start);
        if (m) m.matched ||= w.matched;
        else matchedWords.set(w.start, { word: w.word, matched: w.matched });
      }
    };
    if (!refs.length || rest) {
      let text: Candidate[] = [];
      if (DEFAULT_KINDS.some((k) => kinds.has(k))) {
        const r = main.fullText(normalized, refs.length > 0, groups);
        collect(r.words);
        for (const c of r.candidates) if (!seen.has(c.doc) && keep(main, c.doc)) text.push({ part: main, ...c });
        text = this.#guidanceLead(this.#rollUp(this.#drillDown(text), seen, keep), seen, keep);
      }
      if (kinds.has('reference') && this.reference) {
        const ref = this.reference;
        const r = ref.fullText(normalized, refs.length > 0, groups);
        collect(r.words);
        for (const c of r.candidates) if (keep(ref, c.doc)) text.push({ part: ref, ...c });
        text.sort((a, b) => Number(!!a.partial) - Number(!!b.partial) || b.score - a.score);
      }
      out.push(...text);
    }
    // words as the user typed them (mapped back through the fold)
    const asTyped = (start: number, length: number, fallback: string) => typed.slice(folded.map[start + lead], folded.map[start + lead + length]).trim() || fallback;
    const unmatched: string[] = [];
    for (const [start, w] of [...matchedWords].sort((a, b) => a[0] - b[0])) {
      if (w.matched) continue;
      const typed = asTyped(start, w.word.length, w.word);
      if (!unmatched.includes(typed)) unmatched.push(typed);
    }
    const expanded = groups.map((g: SynonymMatch) => ({ word: asTyped(g.start, g.end - g.start, g.typed), as: g.alternatives.filter((a) => a !== g.typed) }));

    const page = out.slice(offset, offset + limit).map((c) => this.#hit(c));
    return { query, normalized, total: out.length, offset, limit, refs: refs.map((r) => r.id), unmatched, expanded, hits: page };
  }

  /**
   * An article found by its caption (articles have no text of their own) is followed by the best
   * of its own provisions among the hits: the caption names the topic, the paragraph or item says
   * the rule (薬剤師がいないと売れない薬 → 第110条の6, then its 第1号).
   */
  #drillDown(text: Candidate[]): Candidate[] {
    const main = this.main;
    const firstK = text.slice(0, DRILL_DOWN_HITS);
    const articles = firstK.filter((c) => c.part === main && !c.partial && this.corpus.nodes.get(main.docs[c.doc][0])?.kind === 'Article');
    if (!articles.length) return text;
    const moved = new Map<Candidate, Candidate>();
    const taken = new Set<Candidate>();
    for (const a of articles) {
      const id = main.docs[a.doc][0];
      const art = this.corpus.nodes.get(id)!;
      // an article's only paragraph says what the article says: nothing to drill into
      const paragraphs = art.children.filter((x) => this.corpus.nodes.get(x)?.kind === 'Paragraph');
      const sole = paragraphs.length === 1 ? paragraphs[0] : undefined;
      const child = text.find((c) => {
        if (c === a || c.partial || c.part !== main || taken.has(c)) return false;
        const n = this.corpus.nodes.get(main.docs[c.doc][0]);
        return !!n && n.id !== sole && n.breadcrumb.some((x) => x.id === id);
      });
      if (!child || firstK.includes(child)) continue;
      moved.set(a, child);
      taken.add(child);
    }
    if (!moved.size) return text;
    const out: Candidate[] = [];
    for (const c of text) {
      if (taken.has(c)) continue;
      out.push(c);
      const child = moved.get(c);
      if (child) out.push(child);
    }
    return out;
  }

  /**
   * Two or more paragraphs of one article among the first 5 text hits, the article not among the
   * hits before them: the article comes first, as the provision that holds them (添付文書を改訂したあと
   * 古い版の在庫を売る → 第178条の2, then its 第1項 and 第2項).
   */
  #rollUp(text: Candidate[], seen: Set<number>, keep: (part: IndexPart, i: number) => boolean): Candidate[] {
    const main = this.main;
    const firstK = text.slice(0, ROLL_UP_HITS);
    const byArticle = new Map<string, number[]>();
    firstK.forEach((c, k) => {
      if (c.part !== main || c.partial) return;
      const n = this.corpus.nodes.get(main.docs[c.doc][0]);
      if (n?.kind !== 'Paragraph' || !n.parent || this.corpus.nodes.get(n.parent)?.kind !== 'Article') return;
      const l = byArticle.get(n.parent);
      if (l) l.push(k);
      else byArticle.set(n.parent, [k]);
    });
    let out = text;
    for (const [art, ks] of byArticle) {
      if (ks.length < 2) continue;
      const ai = main.byId.get(art);
      if (ai === undefined || seen.has(ai) || !keep(main, ai)) continue;
      const at = out.findIndex((c) => c.part === main && c.doc === ai);
      const first = out.indexOf(text[ks[0]]);
      if (at !== -1 && at < first) continue;
      const c = text[ks[0]];
      const article: Candidate = at !== -1 ? out[at] : { part: main, doc: ai, score: c.score, coverage: c.coverage, match: 'text', needles: c.needles, fallback: c.fallback };
      out = out.filter((x) => x !== article);
      out.splice(out.indexOf(c), 0, article);
    }
    return out;
  }

  /**
   * Guidance leads to the law: a guidance paragraph among the first text hits that holds a query
   * word no provision among the hits holds (the guidance's own terms — 指示書, 新キノロン, サンプル卸,
   * 要冷暗貯蔵医薬品) brings the provisions it interprets up right after it (`match: 'related'`,
   * `via`); any other guidance hit there moves those of its provisions that are hits themselves up
   * next to it.
   */
  #guidanceLead(text: Candidate[], seen: Set<number>, keep: (part: IndexPart, i: number) => boolean): Candidate[] {
    if (!this.annotations || !text.length) return text;
    const main = this.main;
    const kindOf = (c: Candidate) => DOC_KINDS[c.part.docs[c.doc][1]];
    const leads = new Set(text.slice(0, GUIDANCE_LEAD_HITS).filter((c) => kindOf(c) === 'annotation' && !c.partial));
    if (!leads.size) return text;
    const byDoc = new Map<number, Candidate>();
    for (const c of text) if (c.part === main && !c.partial) byDoc.set(c.doc, c);
    const out: Candidate[] = [];
    const placed = new Set<number>();
    for (const c of text) {
      if (placed.has(c.doc)) continue;
      out.push(c);
      placed.add(c.doc);
      if (!leads.has(c)) continue;
      const id = c.part.docs[c.doc][0];
      // the guidance holds a query word no provision among the hits holds: its provisions come
      // with it; otherwise those of its provisions that are hits themselves move up next to it
      const onlyGuidance = !!c.guidanceOnly;
      let n = 0;
      for (const p of this.#interprets(id, 1)) {
        if (n >= GUIDANCE_LEAD_PROVISIONS) break;
        const i = main.byId.get(p.id);
        if (i === undefined || placed.has(i) || seen.has(i) || !keep(main, i)) continue;
        const hit = byDoc.get(i);
        if (hit) out.push({ ...hit, score: c.score - 0.001 * ++n, via: id });
        else if (onlyGuidance) out.push({ part: main, doc: i, score: c.score - 0.001 * ++n, coverage: c.coverage, match: 'related', needles: c.needles, fallback: c.fallback, via: id });
        else continue;
        placed.add(i);
      }
    }
    return out;
  }

  /**
   * The provisions a guidance paragraph interprets, or those of the nearest heading above it that
   * has some (at most `up` levels up).
   */
  #interprets(id: string, up = Infinity): NonNullable<SearchHit['interprets']> {
    let a = this.annotations?.get(id);
    let inherited = false;
    for (let level = 0; a && level <= up; level++) {
      const ids = a.interprets.filter((x) => {
        const n = this.corpus.nodes.get(x);
        return n && !BROAD_KINDS.has(n.kind);
      });
      if (ids.length)
        return ids.map((x) => {
          const n = this.corpus.nodes.get(x)!;
          return { id: x, label: n.label, ...(n.caption ? { caption: n.caption } : {}), ...(inherited ? { inherited: true as const } : {}) };
        });
      a = a.parent ? this.annotations?.get(a.parent) : undefined;
      inherited = true;
    }
    return [];
  }

  #labels?: Map<string, string>;

  /** Guidance paragraph labels without spaces (`第52(3)イ`) → annotation id. */
  #guidanceLabels(): Map<string, string> {
    if (!this.#labels) {
      this.#labels = new Map();
      for (const [id, kind, label] of this.main.docs) {
        if (DOC_KINDS[kind] !== 'annotation') continue;
        const key = fold(label).text.replace(/\s+/g, '');
        if (!this.#labels.has(key)) this.#labels.set(key, id);
      }
    }
    return this.#labels;
  }

  /** A guidance paragraph and the paragraphs below it (ids extend their parent's: G5-2 → G5-2-p3). */
  #guidanceTree(id: string): string[] {
    return [id, ...this.main.docs.filter((d) => d[0].startsWith(`${id}-`)).map((d) => d[0])];
  }

  /** Highlights the query's words; only when none occurs as a whole, its bigrams. */
  #snippet(text: string, needles: string[], fallback?: string[]): Snippet {
    const folded = fold(text);
    const s = makeSnippet(text, needles, 100, folded);
    return s.highlights.length || !fallback?.length ? s : makeSnippet(text, fallback, 100, folded);
  }

  #hit(c: Candidate): SearchHit {
    const [id, k, label, caption, chapter, , storedCrumb] = c.part.docs[c.doc];
    const kind = DOC_KINDS[k];
    let breadcrumb = storedCrumb ?? '';
    if (kind === 'law') breadcrumb = breadcrumbText(this.corpus.nodes.get(id)?.breadcrumb ?? []);
    else if (kind === 'annotation') {
      const a = this.annotations?.get(id);
      breadcrumb = ['12畜A第728号', a ? breadcrumbText(a.breadcrumb) : ''].filter(Boolean).join(' › ');
    }
    const hit: SearchHit = {
      id,
      label,
      kind,
      score: Math.round(c.score * 1000) / 1000,
      breadcrumb,
      snippet: this.#snippet(c.part.text(c.doc), c.needles, c.fallback),
      match: c.match,
    };
    if (caption) hit.caption = caption;
    if (chapter != null) hit.chapter = chapter;
    if (kind === 'law') hit.annotations = this.annotations?.forNode(id).length ?? 0;
    if (kind === 'reference') hit.note = REFERENCE_NOTE;
    if (kind === 'annotation') {
      const p = this.#interprets(id);
      if (p.length) hit.interprets = p;
    }
    if (c.via) hit.via = c.via;
    if (c.partial) hit.partial = true;
    return hit;
  }
}

/**
 * One lunr index with its document store (data/search/index.json + store.json, or the human-drug
 * reference part reference-index.json + reference-store.json, loaded only when asked for), and
 * the full-text retrieval and re-ranking over it.
 */
import { readFileSync } from 'node:fs';
import type { AnnotationIndex } from '../annotations/load.js';
import type { Corpus } from '../corpus/model.js';
import { loadLunrIndex, postingCount, type lunr } from './analyzer.js';
import { INDEX_FORMAT, titleText, type StoredDoc } from './build.js';
import { DOC_KINDS } from './documents.js';
import { fold } from './normalize.js';
import type { SynonymMatch } from './synonyms.js';
import { HIRAGANA_STOP, segments, tokenize, type Term } from './tokenize.js';

/** most (field, document) postings lunr is asked to walk for one query */
const POSTINGS_BUDGET = 300;
/** share of the query's terms (by weight) a full-text hit must contain */
const MIN_COVERAGE = 0.5;
/** share of all the query's terms (by weight, known to the index or not) a full-text hit must contain */
const MIN_SHARE_OF_QUERY = 0.4;
/** below this many full hits, the partial matches (documents holding some of the query's words) follow */
const PARTIAL_FILL = 10;
/** how many of the first hits are looked at for guidance holding words no provision holds */
const GUIDANCE_FIRST = 10;
/** what a rule document gives up in the ranking against the law and the guidance: one full coverage (see fullText) */
const RULE_PENALTY = 3;
const RULE_KIND = DOC_KINDS.indexOf('rule');
/** weight of an everyday word with its statutory words (a group) in the coverage */
const GROUP_WEIGHT = 2;
const TEXT_FIELDS = ['title', 'body'];
/** a query word: a run of kanji, of katakana, or of letters/digits */
const WORD_RUN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々〆]+|[\u30a1-\u30fa]+|[a-z0-9.\u00c0-\u024f]+/g;
/** references in a folded query (they are not words to report as unmatched) */
const REF_PATTERN = /(?:別表第\d+|様式第\d+号|第\d+(?:条(?:の\d+)*|項|号|章|節|款))/g;
/** question words: never reported as unmatched, never a partial match on their own */
const QUESTION_WORDS = new Set(['何', '誰', '何処', 'いつ', 'どこ', 'だれ', 'なに', 'なぜ', 'どう', 'どの', 'どれ']);

/** a number term (15, 0.25): held only as a whole number — 15 is not in 150 (第150条の14), 2 not in 25 */
const NUMBER_TERM = /^\d+(?:\.\d+)?$/;
const DIGIT = /[\d.]/;

/** Whether folded `text` holds `term`; a number only with no digit right before or after it. */
export function holdsTerm(text: string, term: string): boolean {
  if (!NUMBER_TERM.test(term)) return text.includes(term);
  for (let i = text.indexOf(term); i !== -1; i = text.indexOf(term, i + 1)) {
    const before = i > 0 ? text[i - 1] : '';
    const after = text[i + term.length] ?? '';
    if (!DIGIT.test(before) && !DIGIT.test(after)) return true;
  }
  return false;
}

/** a question word with its counter at the head of a kanji run (何年保存 → 保存; 何日以内 → 以内): never a word to find */
const QUESTION_HEAD = /^何(?:年間|年|日間|日|箇月間|箇月|ケ月|ヶ月|月|週間|時間|回|個|歳|頭|件)?/;

interface Group {
  typed: string;
  start: number;
  alts: { text: string; terms: Term[]; known?: Term[] }[];
}

interface QueryWord {
  word: string;
  start: number;
  weight: number;
  holds: (has: (x: string) => boolean) => boolean;
}

export interface FullTextResult {
  candidates: PartCandidate[];
  /** the query's words (folded) with their offset in the folded query, and whether any candidate holds them */
  words: { word: string; start: number; matched: boolean }[];
}
const WEIGHT: Record<Term['kind'], number> = { bigram: 1, uni: 1, word: 2, kana: 0.5, ref: 2 };

export interface PartCandidate {
  doc: number;
  score: number;
  /** share of the query's terms (by weight, known to the index) the document holds */
  coverage: number;
  /** a partial match: holds some of the query's words but not enough of the query */
  partial?: boolean;
  /** guidance among the first hits that holds a query word no provision among the hits holds */
  guidanceOnly?: boolean;
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
  readonly #foldedContexts = new Map<string, string>();
  readonly #hays: (string | undefined)[] = [];

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

  /**
   * Full-text candidates, best first: first the documents holding enough of the query (coverage
   * thresholds below), then — when those are fewer than PARTIAL_FILL — the partial matches, the
   * documents holding at least one of the query's words, ranked by how much of the query they
   * hold. `words` says, per query word, whether any candidate holds it. `groups` are the query's
   * everyday words with their statutory words (synonyms.ts): a document holds a group when it
   * holds any of them.
   */
  fullText(folded: string, hasRefs: boolean, groups: SynonymMatch[] = []): FullTextResult {
    const none: FullTextResult = { candidates: [], words: [] };
    if (!folded) return none;
    // the typed words of the groups are blanked out of the rest of the query
    let rest = folded;
    for (const g of groups) rest = rest.slice(0, g.start) + ' '.repeat(g.end - g.start) + rest.slice(g.end);
    const seenTerm = new Set<string>();
    const uniq = (ts: Term[]) => ts.filter((t) => !seenTerm.has(t.term) && seenTerm.add(t.term));
    const refPieces = (ts: Term[]) => ts.filter((t) => !(t.kind === 'uni' && /^[第条項号章節]$/.test(t.term)) && !(t.kind === 'word' && /^\d+$/.test(t.term)));
    let terms = uniq(tokenize(rest));
    // the pieces of a reference (第, 条, 169) are not terms of their own next to the reference
    if (hasRefs || terms.some((t) => t.kind === 'ref')) terms = refPieces(terms);
    const gs: Group[] = groups.map((g) => ({
      typed: g.typed,
      start: g.start,
      alts: g.alternatives.map((text) => {
        const own = new Set<string>();
        // a one-character word (薬, 売) is matched whole only: expanding it to every index term
        // holding the character would find the whole corpus
        return { text, terms: tokenize(text).filter((t) => t.kind !== 'ref' && t.kind !== 'uni' && !own.has(t.term) && own.add(t.term)) };
      }),
    }));
    if (!terms.length && !gs.length) return none;
    const expand = (t: Term) => {
      const ex = t.kind === 'uni' ? this.termsWith(t.term) : [t.term];
      return { t, ex, df: ex.reduce((n, e) => n + this.df(e, TEXT_FIELDS), 0) };
    };
    // lunr is asked for the rarest terms only, up to a budget of postings (common bigrams such as
    // 医薬 or 販売 find half the corpus and add nothing to the choice of candidates); every query
    // term counts in the re-ranking below. A group's statutory words are asked for too.
    const pool = new Map<string, ReturnType<typeof expand>>();
    for (const t of terms) pool.set(t.term, expand(t));
    for (const g of gs) for (const a of g.alts) for (const t of a.terms) if (!pool.has(t.term)) pool.set(t.term, expand(t));
    const withDf = [...pool.values()].filter((x) => x.df > 0).sort((a, b) => a.df - b.df);
    if (!withDf.length) return { candidates: [], words: this.#queryWords(rest, gs).map((w) => ({ word: w.word, start: w.start, matched: false })) };
    const chosen: typeof withDf = [];
    let budget = 0;
    for (const x of withDf) {
      if (chosen.length && budget + x.df > POSTINGS_BUDGET) break;
      chosen.push(x);
      budget += x.df;
    }
    const results = this.index.query((q) => {
      for (const { t, ex } of chosen) q.term(ex, { usePipeline: t.kind !== 'uni', boost: WEIGHT[t.kind], fields: TEXT_FIELDS });
    });
    if (!results.length) return { candidates: [], words: this.#queryWords(rest, gs).map((w) => ({ word: w.word, start: w.start, matched: false })) };
    // coverage counts the terms the index has: a term no document contains (何年, a bigram across
    // a word boundary) cannot tell documents apart
    const known = terms.filter((t) => (pool.get(t.term)?.df ?? 0) > 0);
    for (const g of gs) for (const a of g.alts) a.known = a.terms.filter((t) => (pool.get(t.term)?.df ?? 0) > 0);
    // a statutory word the index has no term for (かぎ: kana runs are indexed whole, かぎのかかる)
    // still counts when a text holds it whole
    const wholeOnly = (a: Group['alts'][number]) => !a.known!.length && a.text.length >= 2;
    const knownGroups = gs.filter((g) => g.alts.some((a) => a.known!.length || wholeOnly(a)));
    const knownWeight = known.reduce((s, t) => s + WEIGHT[t.kind], 0) + GROUP_WEIGHT * knownGroups.length;
    const allWeight = terms.reduce((s, t) => s + WEIGHT[t.kind], 0) + GROUP_WEIGHT * gs.length;
    const segs = segments(rest);
    const segLen = segs.reduce((n, g) => n + g.length, 0) + gs.reduce((n, g) => n + g.typed.length, 0) || 1;
    const parts = folded.split(' ').filter((p) => p.length >= 2);
    // a spaced query names separate things: the known terms of each part (for the all-parts bonus)
    const partTerms = folded.includes(' ')
      ? folded
          .split(' ')
          .map((p) => tokenize(p).filter((t) => (pool.get(t.term)?.df ?? 0) > 0).map((t) => t.term))
          .filter((ts) => ts.length)
      : [];
    const words = this.#queryWords(rest, gs);
    const wordLen = words.reduce((n, w) => n + w.weight, 0) || 1;
    const maxScore = results[0].score || 1;
    const altTexts = gs.flatMap((g) => g.alts.map((a) => a.text));
    const needles = [...segs, ...altTexts];
    const needleTerms = [...terms.filter((t) => t.kind !== 'uni').map((t) => t.term), ...altTexts];
    const bonusOf = (title: string, body: string, ctx: () => string) => {
      let bonus = 0;
      // a document touching every part of a spaced query (in its text, title or headings)
      if (partTerms.length >= 2 && partTerms.every((ts) => ts.some((t) => title.includes(t) || body.includes(t) || ctx().includes(t)))) bonus += 1;
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
      for (const g of gs) {
        if (g.alts.some((a) => title.includes(a.text))) inTitle += g.typed.length;
        if (g.alts.some((a) => body.includes(a.text))) inBody += g.typed.length;
      }
      bonus += (1.5 * inTitle) / segLen + inBody / segLen;
      // a text that defines or states the rule on a query word: 「X」とは…, Xは…
      for (const g of segs) if (g.length >= 2 && (body.includes(`「${g}」`) || body.includes(`${g}は`))) bonus += 1;
      return bonus;
    };
    const ranked: PartCandidate[] = [];
    const others: { i: number; lunr: number }[] = [];
    for (const r of results) {
      const i = parseInt(r.ref, 36);
      const title = this.title(i);
      const body = this.norm(i);
      const hay = this.hay(i);
      let context: string | undefined;
      let cov = 0;
      // a term found only in the headings above (an item's article caption) counts half
      for (const t of known) {
        if (holdsTerm(hay, t.term)) cov += WEIGHT[t.kind];
        else if (holdsTerm((context ??= this.context(i)), t.term)) cov += WEIGHT[t.kind] / 2;
      }
      // a group: the best of its words (the typed one or a statutory one)
      for (const g of knownGroups) {
        let best = 0;
        for (const a of g.alts) {
          if (!a.known!.length && !wholeOnly(a)) continue;
          if (hay.includes(a.text)) {
            best = 1;
            break;
          }
          if (!a.known!.length) continue;
          let w = 0;
          let all = 0;
          for (const t of a.known!) {
            all += WEIGHT[t.kind];
            if (holdsTerm(hay, t.term)) w += WEIGHT[t.kind];
            else if (holdsTerm((context ??= this.context(i)), t.term)) w += WEIGHT[t.kind] / 2;
          }
          if (w / all > best) best = w / all;
        }
        cov += GROUP_WEIGHT * best;
      }
      // …but a document must still hold a fair share of the whole query (量子コンピュータ is not
      // found by the コン of some other word)
      const coverage = knownWeight ? cov / knownWeight : 0;
      if (cov / allWeight >= MIN_SHARE_OF_QUERY && (coverage >= MIN_COVERAGE || known.length + knownGroups.length < 2)) {
        // a rule is doyaku's encoding of the provisions it cites (its title often their very
        // words): at an equal match the law and its guidance come first
        const score = 3 * coverage + bonusOf(title, body, () => (context ??= this.context(i))) + r.score / maxScore - (this.docs[i][1] === RULE_KIND ? RULE_PENALTY : 0);
        ranked.push({ doc: i, score, coverage, match: 'text', needles, fallback: needleTerms });
      } else others.push({ i, lunr: r.score / maxScore });
    }
    ranked.sort((a, b) => b.score - a.score || a.doc - b.doc);
    // the partial matches: documents holding some of the query's words, by the share they hold
    if (ranked.length < PARTIAL_FILL) {
      const partial: PartCandidate[] = [];
      for (const { i, lunr } of others) {
        const title = this.title(i);
        const body = this.norm(i);
        const ctx = this.context(i);
        let share = 0;
        const has = this.#hay(i);
        for (const w of words) if (w.holds(has)) share += w.weight;
        if (!share) continue;
        share /= wordLen;
        const score = 3 * share + bonusOf(title, body, () => ctx) / 2 + lunr / 2 - (this.docs[i][1] === RULE_KIND ? RULE_PENALTY : 0);
        partial.push({ doc: i, score, coverage: share, partial: true, match: 'text', needles, fallback: needleTerms });
      }
      partial.sort((a, b) => b.score - a.score || a.doc - b.doc);
      ranked.push(...partial);
    }
    // guidance that holds a query word no provision among the hits holds (its own terms and
    // abbreviations): the searcher brings up the provisions it interprets (searcher.ts)
    const lawHeld = words.map(() => false);
    let lawOpen = words.length;
    for (const c of ranked) {
      if (!lawOpen || c.partial) break;
      if (DOC_KINDS[this.docs[c.doc][1]] !== 'law') continue;
      const has = this.#hay(c.doc);
      words.forEach((w, k) => {
        if (!lawHeld[k] && w.holds(has)) {
          lawHeld[k] = true;
          lawOpen--;
        }
      });
    }
    for (const c of ranked.slice(0, GUIDANCE_FIRST)) {
      if (c.partial || !lawOpen || DOC_KINDS[this.docs[c.doc][1]] !== 'annotation') continue;
      const has = this.#hay(c.doc);
      if (words.some((w, k) => !lawHeld[k] && w.holds(has))) c.guidanceOnly = true;
    }
    // which query words some hit holds
    const held = words.map(() => false);
    let open = words.length;
    for (const c of ranked) {
      if (!open) break;
      const has = this.#hay(c.doc);
      words.forEach((w, k) => {
        if (!held[k] && w.holds(has)) {
          held[k] = true;
          open--;
        }
      });
    }
    return { candidates: ranked, words: words.map((w, k) => ({ word: w.word, start: w.start, matched: held[k] })) };
  }

  /**
   * The query's words: its kanji, katakana and letter/digit runs outside the groups (particles
   * and references removed; a kanji run of 3+ characters is held by a text holding half of its
   * bigrams, as a compound like 何年保存 is never written whole), and the groups.
   */
  #queryWords(rest: string, gs: Group[]): QueryWord[] {
    const out: QueryWord[] = [];
    const blanked = rest.replace(REF_PATTERN, (m) => ' '.repeat(m.length));
    for (const m of blanked.matchAll(WORD_RUN)) {
      let w = m[0];
      let start = m.index!;
      if (QUESTION_WORDS.has(w)) continue;
      const q = QUESTION_HEAD.exec(w);
      if (q) {
        w = w.slice(q[0].length);
        start += q[0].length;
        if (!w || QUESTION_WORDS.has(w)) continue;
      }
      const kanji = /^[\u3400-\u9fff\uf900-\ufaff々〆]+$/.test(w);
      if (kanji && w.length >= 3) {
        const bigrams = [...new Set(tokenize(w).filter((t) => t.kind === 'bigram').map((t) => t.term))];
        out.push({ word: w, start, weight: w.length, holds: (has) => has(w) || bigrams.filter((b) => has(b)).length * 2 >= bigrams.length });
      } else out.push({ word: w, start, weight: Math.max(1, w.length), holds: (has) => has(w) });
    }
    // a query of kana only (かぎ, ほげほげ): its kana words, the function words left out
    if (!out.length && !gs.length)
      for (const m of blanked.matchAll(/[\u3041-\u3096]+/g)) {
        const w = m[0];
        if (w.length >= 2 && !HIRAGANA_STOP.has(w)) out.push({ word: w, start: m.index!, weight: w.length, holds: (has) => has(w) });
      }
    for (const g of gs) out.push({ word: g.typed, start: g.start, weight: Math.max(2, g.typed.length), holds: (has) => g.alts.some((a) => has(a.text)) });
    return out.sort((a, b) => a.start - b.start);
  }

  /** `has(x)`: the document's title, text or headings hold x (all folded) */
  #hay(i: number): (x: string) => boolean {
    const hay = this.hay(i);
    const ctx = this.context(i);
    return (x) => holdsTerm(hay, x) || holdsTerm(ctx, x);
  }

  /** Number of (field, document) postings of an index term in the given fields, cached. */
  df(term: string, fields: string[]): number {
    const key = `${fields.length}:${term}`;
    let n = this.#dfCache.get(key);
    if (n === undefined) {
      // counted from the compact postings when the index has them (no need to build lunr's objects)
      n = postingCount(this.index, term, fields);
      if (n === undefined) {
        const p = (this.index as unknown as { invertedIndex: Record<string, Record<string, object>> }).invertedIndex[term];
        n = p ? fields.reduce((s, f) => s + Object.keys(p[f] ?? {}).length, 0) : 0;
      }
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
    let t = this.#foldedTitle[i];
    if (t === undefined) {
      const d = this.docs[i];
      // folded at build time (d[9], null when folding changes nothing); older stores: fold now
      t = this.#foldedTitle[i] = d[9] !== undefined ? (d[9] ?? titleText(d[2], d[3], d[5])) : fold(titleText(d[2], d[3], d[5])).text;
    }
    return t;
  }

  /** title and text in one string (a query term never holds the separator), for containment tests */
  hay(i: number): string {
    return (this.#hays[i] ??= `${this.title(i)}\u0000${this.norm(i)}`);
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
      const raw = crumbs.map((b) => b.caption ?? '').join(' ');
      // documents under one article share its caption: fold it once
      c = this.#foldedContexts.get(raw);
      if (c === undefined) this.#foldedContexts.set(raw, (c = fold(raw).text));
      this.#context[i] = c;
    }
    return c;
  }

  /** The text shown in a snippet (the caption when a node has no text of its own). */
  text(i: number): string {
    return this.indexedText(i) || this.docs[i][3] || '';
  }
}

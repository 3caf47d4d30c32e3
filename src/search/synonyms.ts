/**
 * Everyday words and abbreviations → the words of the law, at query time (issue #8).
 *
 * The table is curated data, `data/search/synonyms.yaml`: per entry the words people type, the
 * words the ordinance or the guidance use instead, and the reasoning (provenance curated). A query
 * word found in the table becomes a *group*: a document holds the group when it holds the typed
 * word or any of its statutory words (see part.ts). The index is not touched: documents are
 * analysed as before, so the table can change without `npm run build:index`.
 *
 * Matching runs on the folded query (normalize.ts), longest typed word first, left to right, and
 * skips a typed word
 * - where it is part of one of its own statutory words in the query (獣医 inside 獣医師, 卸 inside
 *   卸売販売業, 店 inside 店舗), and
 * - when it is one kanji, wherever a kanji stands next to it (薬 alone between kana, not in 毒薬).
 */
import { readFileSync } from 'node:fs';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import { fold } from './normalize.js';

export interface SynonymEntry {
  /** what people type (folded) */
  words: string[];
  /** what the texts say (folded) */
  law: string[];
  provenance: { curated: true; reasoning: string };
  /** where the entry is, `file:line` */
  source: string;
}

export interface SynonymMatch {
  /** offsets in the folded query, [start, end) */
  start: number;
  end: number;
  /** the typed word as it is in the folded query */
  typed: string;
  /** the typed word and the statutory words, folded, without duplicates */
  alternatives: string[];
  entry: SynonymEntry;
}

export class SynonymDataError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    detail: string,
  ) {
    super(`${file}:${line}: ${detail}`);
    this.name = 'SynonymDataError';
  }
}

const KANJI = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々〆]/;

interface Form {
  form: string;
  entry: SynonymEntry;
  oneKanji: boolean;
}

export class SynonymTable {
  /** typed forms, longest first */
  readonly #forms: Form[] = [];
  /** by first character */
  readonly #first = new Map<string, Form[]>();

  constructor(readonly entries: SynonymEntry[]) {
    for (const entry of entries) for (const form of entry.words) this.#forms.push({ form, entry, oneKanji: form.length === 1 && KANJI.test(form) });
    this.#forms.sort((a, b) => b.form.length - a.form.length);
    for (const f of this.#forms) {
      const l = this.#first.get(f.form[0]);
      if (l) l.push(f);
      else this.#first.set(f.form[0], [f]);
    }
  }

  /** The table's words found in a folded query, left to right, not overlapping. */
  match(folded: string): SynonymMatch[] {
    const out: SynonymMatch[] = [];
    let i = 0;
    while (i < folded.length) {
      const found = this.#at(folded, i);
      if (!found) {
        i++;
        continue;
      }
      const { form, entry } = found;
      const alternatives = [...new Set([form, ...entry.law])];
      out.push({ start: i, end: i + form.length, typed: form, alternatives, entry });
      i += form.length;
    }
    return out;
  }

  #at(q: string, i: number): Form | undefined {
    for (const f of this.#first.get(q[i]) ?? []) {
      if (!q.startsWith(f.form, i)) continue;
      if (f.oneKanji && ((i > 0 && KANJI.test(q[i - 1])) || (i + 1 < q.length && KANJI.test(q[i + 1])))) continue;
      // part of one of its own statutory words here (獣医 in 獣医師)?
      const inside = f.entry.law.some((w) => {
        if (w.length <= f.form.length) return false;
        for (let s = Math.max(0, i + f.form.length - w.length); s <= i; s++) if (q.startsWith(w, s)) return true;
        return false;
      });
      if (inside) continue;
      return f;
    }
    return undefined;
  }
}

const str = (n: unknown): string | undefined => (isScalar(n) && typeof n.value === 'string' ? n.value : isScalar(n) && typeof n.value === 'number' ? String(n.value) : undefined);

/** Parses the table; a bad entry throws SynonymDataError naming file:line. */
export function parseSynonyms(text: string, file: string): SynonymTable {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false });
  if (doc.errors.length) {
    const e = doc.errors[0];
    throw new SynonymDataError(file, lc.linePos(e.pos[0]).line, e.message);
  }
  const root = doc.contents as YamlNode | null;
  if (!isSeq(root)) throw new SynonymDataError(file, 1, 'the table must be a list of entries');
  const entries: SynonymEntry[] = [];
  root.items.forEach((item, k) => {
    const line = lc.linePos((item as YamlNode).range?.[0] ?? 0).line;
    const where = `entry [${k}]`;
    if (!isMap(item)) throw new SynonymDataError(file, line, `${where} must be a map with words, law, reasoning`);
    const list = (key: string): string[] => {
      const v = item.get(key, true);
      if (!isSeq(v) || !v.items.length) throw new SynonymDataError(file, line, `${where}.${key} must be a non-empty list of strings`);
      return v.items.map((x, j) => {
        const s = str(x)?.trim();
        if (!s) throw new SynonymDataError(file, lc.linePos((x as YamlNode).range?.[0] ?? 0).line, `${where}.${key}[${j}] must be a non-empty string`);
        return fold(s).text.trim();
      });
    };
    const words = list('words');
    const law = list('law');
    const reasoning = str(item.get('reasoning', true))?.trim();
    if (!reasoning) throw new SynonymDataError(file, line, `${where}.reasoning must say why the words mean the same (curated knowledge)`);
    const unknown = item.items.map((p) => str(p.key)).filter((key) => !['words', 'law', 'reasoning'].includes(key ?? ''));
    if (unknown.length) throw new SynonymDataError(file, line, `${where}: unknown key '${unknown[0]}' (keys: words, law, reasoning)`);
    entries.push({ words, law, provenance: { curated: true, reasoning }, source: `${file}:${line}` });
  });
  return new SynonymTable(entries);
}

/** Reads `data/search/synonyms.yaml` (or another table). */
export function loadSynonyms(file: string): SynonymTable {
  return parseSynonyms(readFileSync(file, 'utf8'), file);
}

/** An empty table (no expansion). */
export const NO_SYNONYMS = new SynonymTable([]);

/**
 * Finds the citations in a guidance paragraph: `規則第百六十九条`, `規則第百条第六号イ`,
 * `規則別表第三`, `規則別記様式第四十九号(一)`, `同条第3号`, `法第八十三条第一項`, `令別表第一`,
 * `薬事法施行規則(…)別表第三`, `獣医師法(…)第十七条`, `使用規制省令第四条` … Kanji and arabic
 * numerals are both read. Lists (`、第九十三条第二項…又は第百十一条第四項`), ranges (`から第七項まで`)
 * and relative references (`同条`, `同号`, `同法`) are resolved against the citation before them.
 *
 * This module only reads the text; whether a 2009 ordinance number still holds is decided in
 * crosswalk.ts.
 */
import { irohaIndex, parseNumeral } from './numerals.js';

/** The locator of a citation, numbers already read. */
export interface Locator {
  kind: 'article' | 'table' | 'form' | 'none';
  /** article number and branch numbers: 第91条の3 → 91, [3] */
  article?: number;
  branch?: number[];
  paragraph?: number;
  item?: number;
  /** iroha letter of a sub-item (イ, ロ …) */
  sub?: string;
  /** 別表 / 別記様式 number (undefined for a bare 別表) */
  num?: number;
  /** sub-form written `(一)` after a form number */
  part?: string;
  /** 附則 (supplementary provisions) article */
  suppl?: boolean;
  /** `ただし書` follows */
  proviso?: boolean;
}

export interface RawCitation {
  /** as written, e.g. `規則第百六十九条`, `同条第3号` */
  text: string;
  offset: number;
  /** normalised law: `規則` (the ordinance), `規則附則(平成21年農林水産省令第8号)`, `法`, `令`, `施行規則`, … */
  law: string;
  locator: Locator;
  /** normalised, e.g. `規則第169条`, `規則第99条の2第3号`, `法第5条第3号イ` */
  normalized: string;
  /** true for 同条 / 同号 / 同項 / 同法 and list members resolved from the citation before */
  relative?: boolean;
  /** the citation is the end of a range `…から…まで` whose start is the citation before it */
  rangeEnd?: boolean;
  /** the law is the guidance itself (its own 別表 / 別記様式 / 別添, not reproduced in our sources) */
  own?: boolean;
}

const N = '[〇零一二三四五六七八九十百千0-9\\uff10-\\uff19]+';
const SUBCH = '[イロハニホヘト]';

/** Law names in the guidance, longest first, with their normalised names. */
const LAWS: [string, string][] = [
  ['薬事法の一部を改正する法律', '改正法'],
  ['動物用生物学的製剤の取扱いに関する省令', '動生剤省令'],
  ['動物用医薬品等取締規則', '規則'],
  ['獣医師法施行規則', '獣医師法施行規則'],
  ['薬事法施行規則', '施行規則'],
  ['薬事法施行令', '令'],
  ['農業協同組合法', '農業協同組合法'],
  ['使用規制省令', '使用規制省令'],
  ['適用除外省令', '適用除外省令'],
  ['地方自治法', '地方自治法'],
  ['改正規則', '規則附則(平成21年農林水産省令第8号)'],
  ['動生剤省令', '動生剤省令'],
  ['獣医師法', '獣医師法'],
  ['改正法', '改正法'],
  ['薬事法', '法'],
  ['会社法', '会社法'],
  ['規則', '規則'],
  ['同法', '法'],
  ['商法', '商法'],
  ['法', '法'],
  ['令', '令'],
];

/** Characters that, before a bare 法 / 令 / 規則, show it is the tail of another word (政令, 方法, 旧規則…). */
const WORD_BEFORE = /[\u4e00-\u9fff々〆ヵヶァ-ヺー]/;
const HEAD_OK_BEFORE_KANJI = /[はにをがもでとへや]/; // particles are hiragana anyway

// a locator at the start of a string
const ARTICLE = `(第?)(${N})条((?:の${N})*)`;
const PARAGRAPH = `第(${N})項`;
const ITEM = `第(${N})号((?:の${N})*)`;
const SUB = `の?(${SUBCH}|二(?=[(（]))(?![ァ-ヺ])`;
const LOC_RE = new RegExp(
  `^(附則)?(?:${ARTICLE})?(?:${PARAGRAPH})?(?:${ITEM})?(?:${SUB})?(ただし書)?`,
);
const TABLE_RE = new RegExp(`^別表(?:第(${N}))?`);
const FORM_RE = new RegExp(`^別記様式第(${N})号(?:の?[(（]([一二三四五六七八九])[)）])?`);
const OWN_RE = new RegExp(`^(?:別表第(${N})|別記様式第(${N})号|別添(${N}))`);
const PAREN_RE = /^[(（][^()（）]*[)）]/;
const CONNECTOR_RE = /^(?:[(（][^()（）]*[)）])?(まで)?(、|又は|及び|並びに|若しくは|から)/;

function branches(s: string | undefined): number[] {
  if (!s) return [];
  return s.split('の').filter(Boolean).map(parseNumeral);
}

interface Parsed {
  loc: Locator;
  length: number;
  /** locator written without an article (第二項, 第三号, イ) */
  partial: boolean;
}

function parseLocator(s: string, allowBareArticle: boolean): Parsed | undefined {
  let m = FORM_RE.exec(s);
  if (m) return { loc: { kind: 'form', num: parseNumeral(m[1]!), ...(m[2] ? { part: m[2] } : {}) }, length: m[0].length, partial: false };
  m = TABLE_RE.exec(s);
  if (m) return { loc: { kind: 'table', ...(m[1] ? { num: parseNumeral(m[1]) } : {}) }, length: m[0].length, partial: false };
  m = LOC_RE.exec(s);
  if (!m || m[0].length === 0) return undefined;
  const [, suppl, dai, art, artBr, para, item, itemBr, sub, proviso] = m;
  if (art !== undefined && !dai && !allowBareArticle) return undefined;
  if (art === undefined && para === undefined && item === undefined && sub === undefined) return undefined;
  const loc: Locator = { kind: 'article' };
  if (suppl) loc.suppl = true;
  if (art !== undefined) {
    loc.article = parseNumeral(art);
    loc.branch = branches(artBr);
  }
  if (para !== undefined) loc.paragraph = parseNumeral(para);
  if (item !== undefined) {
    loc.item = parseNumeral(item);
    if (itemBr) loc.branch = [...(loc.branch ?? []), ...branches(itemBr)]; // rare: 第N号のM (kept coarse)
  }
  if (sub !== undefined) loc.sub = sub === '二' ? 'ニ' : sub;
  if (proviso) loc.proviso = true;
  return { loc, length: m[0].length, partial: art === undefined };
}

/** Completes a partial locator (第二項, 第三号, ハ) from the citation it continues. */
function inherit(prev: Locator, loc: Locator): Locator {
  const out: Locator = { ...loc, kind: 'article', article: prev.article, branch: prev.branch };
  if (prev.suppl) out.suppl = true;
  if (loc.paragraph === undefined && (loc.item !== undefined || loc.sub !== undefined) && prev.paragraph !== undefined) {
    out.paragraph = prev.paragraph;
  }
  if (loc.item === undefined && loc.sub !== undefined) out.item = prev.item;
  return out;
}

/** `規則第99条の2第3号`, `規則別記様式第49号(一)`, `法第5条第3号イ`. */
export function normalizeCitation(law: string, loc: Locator): string {
  let s = law;
  if (loc.kind === 'table') return `${s}別表${loc.num !== undefined ? `第${loc.num}` : ''}`;
  if (loc.kind === 'form') return `${s}別記様式第${loc.num}号${loc.part ? `(${loc.part})` : ''}`;
  if (loc.suppl && !s.includes('附則')) s += '附則';
  if (loc.article !== undefined) s += `第${loc.article}条${(loc.branch ?? []).map((b) => `の${b}`).join('')}`;
  if (loc.paragraph !== undefined) s += `第${loc.paragraph}項`;
  if (loc.item !== undefined) s += `第${loc.item}号`;
  if (loc.sub) s += loc.sub;
  if (loc.proviso) s += 'ただし書';
  return s;
}

/** The node id the locator names under the current id scheme (src/corpus/model.ts), for 規則 citations. */
export function candidateId(law: string, loc: Locator): string | undefined {
  if (law === '規則附則(平成21年農林水産省令第8号)') {
    if (loc.article === undefined) return undefined;
    return `SP-H21-8-A${loc.article}${loc.paragraph ? `-P${loc.paragraph}` : ''}`;
  }
  if (law !== '規則') return undefined;
  if (loc.kind === 'table') return loc.num !== undefined ? `T${loc.num}` : undefined;
  if (loc.kind === 'form') return loc.num !== undefined ? `F${loc.num}` : undefined;
  if (loc.article === undefined || loc.suppl) return undefined;
  let id = `A${loc.article}${(loc.branch ?? []).map((b) => `_${b}`).join('')}`;
  if (loc.paragraph !== undefined || loc.item !== undefined) id += `-P${loc.paragraph ?? 1}`;
  if (loc.item !== undefined) id += `-I${loc.item}`;
  if (loc.sub) id += `-S${irohaIndex(loc.sub)}`;
  return id;
}

function matchLaw(text: string, i: number): [string, string] | undefined {
  for (const [name, norm] of LAWS) {
    if (text.startsWith(name, i)) return [name, norm];
  }
  return undefined;
}

/**
 * All citations in `text`, in order. `text` is one paragraph of the guidance; relative references
 * (同条, 同号, 本条) resolve within it, or against `context` (the last citation of the paragraph before)
 * when they come first.
 */
export function extractCitations(text: string, context?: RawCitation): RawCitation[] {
  const out: RawCitation[] = [];
  let i = 0;
  /** the citation relative references (同条, 本条) resolve against; `context` (from the paragraph before) until one is found here */
  let last: RawCitation | undefined = context;
  const push = (c: RawCitation) => {
    out.push(c);
    last = c;
  };

  /** after a citation ending at `end`, read list members and range ends of the same law */
  const continuations = (end: number): number => {
    for (;;) {
      const rest = text.slice(end);
      const cm = CONNECTOR_RE.exec(rest);
      if (!cm || !last) return end;
      const after = end + cm[0].length;
      const p = parseLocator(text.slice(after), false);
      if (!p) return end;
      // a bare 別表 / 別記様式 after a connector only continues a citation of the same kind
      if (p.loc.kind !== 'article' && p.loc.kind !== last.locator.kind) return end;
      const loc = p.partial ? inherit(last.locator, p.loc) : { ...p.loc, ...(last.locator.suppl ? { suppl: true } : {}) };
      push({
        text: text.slice(after, after + p.length),
        offset: after,
        law: last.law,
        locator: loc,
        normalized: normalizeCitation(last.law, loc),
        relative: true,
      });
      if (cm[2] === 'から') last.rangeEnd = true;
      end = after + p.length;
    }
  };

  while (i < text.length) {
    const ch = text[i]!;
    // relative heads: 同条 / 同号 / 同項
    if (ch === '同' && /^同[条号項]/.test(text.slice(i, i + 2)) && last) {
      const kind = text[i + 1]!;
      const rest = text.slice(i + 2);
      const prev = last.locator;
      let loc: Locator | undefined;
      let len = 2;
      const p = parseLocator(rest, false);
      if (kind === '条' && prev.article !== undefined) {
        loc = p && p.partial ? { ...p.loc, kind: 'article', article: prev.article, branch: prev.branch, ...(prev.suppl ? { suppl: true } : {}) } : { kind: 'article', article: prev.article, branch: prev.branch };
        if (p && p.partial) len += p.length;
        if (p && p.partial && p.loc.paragraph === undefined && p.loc.item === undefined) loc = undefined;
      } else if (kind === '号' && prev.item !== undefined) {
        const sm = new RegExp(`^(${SUBCH}|二(?=[(（]))(?![ァ-ヺ])`).exec(rest);
        loc = { kind: 'article', article: prev.article, branch: prev.branch, paragraph: prev.paragraph, item: prev.item, ...(sm ? { sub: sm[1] === '二' ? 'ニ' : sm[1] } : {}) };
        if (sm) len += sm[0].length;
      } else if (kind === '項' && prev.paragraph !== undefined) {
        loc = { kind: 'article', article: prev.article, branch: prev.branch, paragraph: prev.paragraph };
      }
      if (loc) {
        push({ text: text.slice(i, i + len), offset: i, law: last.law, locator: loc, normalized: normalizeCitation(last.law, loc), relative: true });
        i = continuations(i + len);
        continue;
      }
    }
    // 本条: the article last cited (here, or in the paragraph before)
    if (ch === '本' && text.startsWith('本条', i) && last && last.locator.article !== undefined) {
      const loc: Locator = { kind: 'article', article: last.locator.article, branch: last.locator.branch };
      push({ text: '本条', offset: i, law: last.law, locator: loc, normalized: normalizeCitation(last.law, loc), relative: true });
      i += 2;
      continue;
    }
    const law = matchLaw(text, i);
    if (law) {
      const [name, norm] = law;
      const before = i > 0 ? text[i - 1]! : '';
      const bareShort = name === '法' || name === '令' || name === '規則';
      if (bareShort && before && WORD_BEFORE.test(before) && !HEAD_OK_BEFORE_KANJI.test(before)) {
        i += 1;
        continue;
      }
      let j = i + name.length;
      const paren = PAREN_RE.exec(text.slice(j));
      if (paren) j += paren[0].length;
      const p = parseLocator(text.slice(j), name === '規則');
      if (p && !p.partial) {
        const loc = p.loc;
        const c: RawCitation = {
          text: text.slice(i, j + p.length),
          offset: i,
          law: norm,
          locator: loc,
          normalized: normalizeCitation(norm, loc),
        };
        if (name === '同法') c.relative = true;
        push(c);
        i = continuations(j + p.length);
        continue;
      }
      i += name.length;
      continue;
    }
    // bare 第…条 right after 「…により読み替えて適用される」: the Act as read by 法第83条第1項
    if (ch === '第' && last && /(適用|運用)される$/.test(text.slice(Math.max(0, i - 6), i))) {
      const p = parseLocator(text.slice(i), false);
      if (p && !p.partial && p.loc.kind === 'article') {
        push({ text: text.slice(i, i + p.length), offset: i, law: '法', locator: p.loc, normalized: normalizeCitation('法', p.loc), relative: true });
        i = continuations(i + p.length);
        continue;
      }
    }
    // the guidance's own annexes: 別表第2, 別記様式第1号, 別添2 (not preceded by a law)
    if ((ch === '別') && !(i > 0 && /[則令]/.test(text[i - 1]!))) {
      const m = OWN_RE.exec(text.slice(i));
      if (m) {
        const num = parseNumeral(m[1] ?? m[2] ?? m[3]!);
        const loc: Locator = m[2] !== undefined ? { kind: 'form', num } : { kind: 'table', num };
        const label = m[3] !== undefined ? `本通知別添${num}` : normalizeCitation('本通知', loc);
        push({ text: m[0], offset: i, law: '本通知', locator: loc, normalized: label, own: true });
        i += m[0].length;
        continue;
      }
    }
    i += 1;
  }
  return out;
}

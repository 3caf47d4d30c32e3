/**
 * Search normalisation (fold): the same function runs on documents and on queries, so that
 * spelling variants meet. It keeps a map from every output character back to the source offset,
 * so a match found in the folded text can be highlighted in the verbatim text.
 *
 * Steps (in order):
 * 1. NFKC per code point (full-width ↔ half-width, half-width katakana, ASCII parentheses), lower case;
 * 2. kanji numerals in references and dates → arabic: 第百六十九条 → 第169条, 第九十一条の三 → 第91条の3,
 *    別表第三 → 別表第3, 一〇七号 → 107号;
 * 3. old and new kana spellings: ヴァ→バ, ヴ→ブ, ヰ→イ, ヱ→エ, ヲ→オ, ぢ→じ, づ→ず, and small kana → full size
 *    (so フェ ≡ フエ, ティ ≡ テイ, シャ ≡ シヤ — the ordinance writes both);
 * 4. long vowels and dashes: ー after katakana is dropped (フィルター ≡ フィルタ), a dash or `・` between
 *    katakana is dropped (インターフェロン—アルファ ≡ インターフェロンアルファ), `・` between digits is a
 *    decimal point (0・25 ≡ 0.25), other dashes become `-`, other `・` a space;
 * 5. okurigana between kanji is dropped (取り扱い ≡ 取扱い, 引き渡し ≡ 引渡し), 処方せん ≡ 処方箋;
 * 6. whitespace collapsed to one space.
 * Before these, a few curated abbreviations are spelled out (CD-ROM → シー・ディー・ロム).
 */
import { kanjiToInt } from '../corpus/numerals.js';

export interface Folded {
  /** the folded text */
  text: string;
  /** map[i] = offset in the source string of folded character i; map[text.length] = source length */
  map: number[];
}

/** `百六十九` → 169, `九十一` → 91, `一〇七` → 107 (positional), `十` → 10; NaN when not a numeral. */
export function kanjiToNumber(s: string): number {
  return kanjiToInt(s) ?? NaN;
}

const NUM = '[〇零一二三四五六七八九十百千]+';
const NUMERAL_RULES: [RegExp, (m: RegExpExecArray) => string][] = [
  // 第百六十九条, 第三項, 別表第三, 様式第四十九号, 第九十一条の三 (the の-branch is rule 2)
  [new RegExp(`第(${NUM})`, 'g'), (m) => numOr(m, 1, (n) => `第${n}`)],
  [new RegExp(`([条号項])の(${NUM})`, 'g'), (m) => numOr(m, 2, (n) => `${m[1]}の${n}`)],
  // bare 百六十九条, 十六年, 一〇七号
  [new RegExp(`(${NUM})([条項号章節款年月日])`, 'g'), (m) => numOr(m, 1, (n) => `${n}${m[2]}`)],
];

function numOr(m: RegExpExecArray, group: number, f: (n: number) => string): string {
  const n = kanjiToNumber(m[group]);
  return Number.isNaN(n) ? m[0] : f(n);
}

/**
 * Curated: Latin abbreviations the ordinance spells out in katakana (curated knowledge, not the
 * law's text: a reader types `CD-ROM`, the text has `シー・ディー・ロム`).
 */
const CURATED_RULES: [RegExp, string][] = [
  [/\bcd-?rom\b/g, 'シー・ディー・ロム'],
];

const KANA_RULES: [RegExp, string | ((m: RegExpExecArray) => string)][] = [
  [/ヴァ/g, 'バ'],
  [/ヴィ/g, 'ビ'],
  [/ヴェ/g, 'ベ'],
  [/ヴォ/g, 'ボ'],
  [/ヴ/g, 'ブ'],
  [/ゔ/g, 'ぶ'],
  [/ヰ/g, 'イ'],
  [/ヱ/g, 'エ'],
  [/ヲ/g, 'オ'],
  [/ゐ/g, 'い'],
  [/ゑ/g, 'え'],
  [/ぢ/g, 'じ'],
  [/づ/g, 'ず'],
  [/ヂ/g, 'ジ'],
  [/ヅ/g, 'ズ'],
  [/[ァィゥェォャュョッヮヵヶぁぃぅぇぉゃゅょっゎ]/g, (m) => SMALL_TO_LARGE[m[0]]],
];
const SMALL_TO_LARGE: Record<string, string> = {
  ァ: 'ア', ィ: 'イ', ゥ: 'ウ', ェ: 'エ', ォ: 'オ', ャ: 'ヤ', ュ: 'ユ', ョ: 'ヨ', ッ: 'ツ', ヮ: 'ワ', ヵ: 'カ', ヶ: 'ケ',
  ぁ: 'あ', ぃ: 'い', ぅ: 'う', ぇ: 'え', ぉ: 'お', ゃ: 'や', ゅ: 'ゆ', ょ: 'よ', っ: 'つ', ゎ: 'わ',
};

const KATA = '\\u30A1-\\u30FA';
const KANJI = '\\u3400-\\u4DBF\\u4E00-\\u9FFF\\uF900-\\uFAFF々〆';
const DASHES = '\\u2010-\\u2015\\u2212\\u2500\\u2501\\uFF0D\\-';
const SHAPE_RULES: [RegExp, string | ((m: RegExpExecArray) => string)][] = [
  // long vowel mark after katakana (ｰ is ー after NFKC)
  [new RegExp(`(?<=[${KATA}])[ー〜～]+`, 'g'), ''],
  // dash or ・ joining katakana words
  [new RegExp(`(?<=[${KATA}])[${DASHES}・･]+(?=[${KATA}])`, 'g'), ''],
  // decimal ・ between digits
  [/(?<=\d)[・･](?=\d)/g, '.'],
  [new RegExp(`[${DASHES}]`, 'g'), '-'],
  [/[・･]/g, ' '],
  // okurigana between kanji
  [new RegExp(`(?<=[${KANJI}])[りしきけいえちみ](?=[${KANJI}])`, 'g'), ''],
  [/処方せん/g, '処方箋'],
  [/\s+/g, ' '],
];

/** a character some rule of the group could change (a superset of what the group's rules match) */
const CURATED_ANY = /cd/;
const NUMERAL_ANY = /[〇零一二三四五六七八九十百千]/;
const KANA_ANY = /[ヴゔヰヱヲゐゑぢづヂヅァィゥェォャュョッヮヵヶぁぃぅぇぉゃゅょっゎ]/;

/** Folds `s` for search and keeps the offset map back to `s`. */
export function fold(s: string): Folded {
  // 1. NFKC per code point, lower case
  const chars: string[] = [];
  let map: number[] = [];
  let off = 0;
  for (const cp of s) {
    const x = cp.charCodeAt(0);
    // NFKC leaves kanji, kana and printable ASCII as they are: skip it for them (most of the text)
    const n =
      (x >= 0x4e00 && x <= 0x9fff) || (x >= 0x3041 && x <= 0x3096) || (x >= 0x30a1 && x <= 0x30fa)
        ? cp
        : x >= 0x20 && x < 0x7f
          ? cp.toLowerCase()
          : cp.normalize('NFKC').toLowerCase();
    for (const c of n) {
      // half-width ﾞ/ﾟ become combining marks: compose them with the kana before
      if (c === '\u3099' || c === '\u309A') {
        if (chars.length) chars[chars.length - 1] = (chars[chars.length - 1] + c).normalize('NFC');
        continue;
      }
      chars.push(c);
      map.push(off);
    }
    off += cp.length;
  }
  let text = chars.join('');
  map.push(s.length);
  // each group of rules only when the text has a character one of them could change (most text
  // has no kanji numeral, no small or old kana: one test instead of one per rule)
  if (CURATED_ANY.test(text)) ({ text, map } = applyRules(text, map, CURATED_RULES));
  if (NUMERAL_ANY.test(text)) ({ text, map } = applyRules(text, map, NUMERAL_RULES));
  if (KANA_ANY.test(text)) ({ text, map } = applyRules(text, map, KANA_RULES));
  ({ text, map } = applyRules(text, map, SHAPE_RULES));
  return { text, map };
}

/** The folded text only. */
export function normalize(s: string): string {
  return fold(s).text;
}

function applyRules(text: string, map: number[], rules: [RegExp, string | ((m: RegExpExecArray) => string)][]): Folded {
  for (const [re, rep] of rules) {
    re.lastIndex = 0;
    if (!re.test(text)) continue;
    re.lastIndex = 0;
    let out = '';
    const outMap: number[] = [];
    let last = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text))) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      out += text.slice(last, m.index);
      for (let i = last; i < m.index; i++) outMap.push(map[i]);
      const r = typeof rep === 'string' ? rep : rep(m);
      out += r;
      // characters the replacement shares with the match at its start or end keep their own
      // offsets; the changed middle maps to the start of the changed part
      const src = m[0];
      let pre = 0;
      while (pre < r.length && pre < src.length && r[pre] === src[pre]) pre++;
      let suf = 0;
      while (suf < r.length - pre && suf < src.length - pre && r[r.length - 1 - suf] === src[src.length - 1 - suf]) suf++;
      for (let i = 0; i < r.length; i++) {
        if (i < pre) outMap.push(map[m.index + i]);
        else if (i >= r.length - suf) outMap.push(map[m.index + src.length - (r.length - i)]);
        else outMap.push(map[m.index + pre]);
      }
      last = m.index + m[0].length;
    }
    out += text.slice(last);
    for (let i = last; i <= text.length; i++) outMap.push(map[i]);
    text = out;
    map = outMap;
  }
  return { text, map };
}

/**
 * Name normalisation (seiki-ka): one function applied both to dictionary names at load time and
 * to user input, so that spelling variants meet in the same string.
 *
 * 1. NFKC (full-width ASCII → ASCII, half-width kana → full-width), lower case;
 * 2. hiragana → katakana;
 * 3. old/new kana: every small kana becomes large (フェ→フエ, ジョ→ジヨ, ッ→ツ), so the
 *    ordinance's 旧表記 (クロラムフエニコール, ジヨサマイシン) and modern spellings coincide;
 *    ヴァ/ヴィ/ヴ/ヴェ/ヴォ → バ/ビ/ブ/ベ/ボ; ヂ→ジ, ヅ→ズ, ヰ→イ, ヱ→エ, ヲ→オ;
 * 4. every dash / long-vowel mark (ー — – − ‐ ‑ ‒ ― ─ -) → ー;
 * 5. spaces, middle dots (・ ･ · •) removed; ′ and ' unified; 、 and , removed.
 *
 * {@link looseKey} additionally drops ー and brackets, for a second, more lenient lookup tier.
 */

const SMALL_TO_LARGE: Record<string, string> = {
  ァ: 'ア', ィ: 'イ', ゥ: 'ウ', ェ: 'エ', ォ: 'オ', ッ: 'ツ', ャ: 'ヤ', ュ: 'ユ', ョ: 'ヨ', ヮ: 'ワ', ヵ: 'カ', ヶ: 'ケ',
  ヰ: 'イ', ヱ: 'エ', ヲ: 'オ', ヂ: 'ジ', ヅ: 'ズ',
};
const VU: Record<string, string> = { ア: 'バ', イ: 'ビ', エ: 'ベ', オ: 'ボ' };

const DASHES = /[\u30FC\u2014\u2013\u2212\u2010\u2011\u2012\u2015\u2500\u002D\uFF70\u301C~]/g;
const DROP = /[\s\u30FB\uFF65\u00B7\u2022\u3001,\u3000]/g;

export function normalizeName(input: string): string {
  let s = input.normalize('NFKC').toLowerCase();
  // hiragana → katakana (U+3041..U+3096 → +0x60)
  s = s.replace(/[\u3041-\u3096]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60));
  s = s.replace(/[ァィゥェォッャュョヮヵヶヰヱヲヂヅ]/g, (c) => SMALL_TO_LARGE[c] ?? c);
  s = s.replace(/ヴ([アイエオ])/g, (_m, v: string) => VU[v] ?? 'ブ').replace(/ヴ/g, 'ブ');
  s = s.replace(DASHES, 'ー');
  s = s.replace(/[\u2032\u2019']/g, "'");
  s = s.replace(DROP, '');
  return s;
}

/** The lenient form: {@link normalizeName} without long-vowel marks/dashes and brackets. */
export function looseKey(normalized: string): string {
  return normalized.replace(/[ー()[\]{}「」『』]/g, '');
}

/** Hiragana → katakana only (for display-independent comparisons). */
export function toKatakana(s: string): string {
  return s.replace(/[\u3041-\u3096]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60));
}

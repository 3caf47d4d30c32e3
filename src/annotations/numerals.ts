/**
 * Numerals as the guidance writes them: kanji (`百六十九`, `二百四十五`, positional `一〇七`),
 * full-width or half-width arabic (`3`, `5`), and the gojūon order of katakana item letters
 * (ア=1, イ=2 …) and of イロハ sub-item letters (イ=1, ロ=2 …).
 */
import { KANJI_NUMERAL_CHARS, parseNumber } from '../corpus/numerals.js';

/** Characters that may make up a numeral (kanji, full-width and half-width digits). */
export const NUMERAL_CHARS = `${KANJI_NUMERAL_CHARS}0-9\uff10-\uff19`;

/** `百六十九` → 169, `一〇七` → 107, `3` → 3, `12` → 12. Returns NaN for anything else. */
export function parseNumeral(s: string): number {
  return parseNumber(s) ?? NaN;
}

/** Katakana item letters in gojūon order, as used for ア イ ウ … and (ア) (イ) … */
const GOJUON = 'アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワ';

/** `ア` → 1, `イ` → 2 … `カ` → 6. The kanji `力` (an OCR confusion for `カ`) counts as カ. */
export function katakanaIndex(ch: string): number {
  const k = ch === '力' ? 'カ' : ch;
  const i = GOJUON.indexOf(k);
  return i < 0 ? NaN : i + 1;
}

/** Sub-item letters of Japanese statutes in iroha order: イ=1, ロ=2, ハ=3, ニ=4, ホ=5, ヘ=6, ト=7 … */
const IROHA = 'イロハニホヘトチリヌルヲワカヨタレソツネナラムウヰノオクヤマケフコエテアサキユメミシヱヒモセス';

export function irohaIndex(ch: string): number {
  const i = IROHA.indexOf(ch);
  return i < 0 ? NaN : i + 1;
}

/** Full-width digits to ASCII. */
export function asciiDigits(s: string): string {
  return s.replace(/[\uff10-\uff19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
}

/**
 * Numerals as written in Japanese law: kanji numerals (一 … 九千九百九十九, with or without a
 * leading 一 before 十/百/千), full-width digits, and the イロハ order of subitems.
 * Exported for reuse by the search and citation code.
 */

const DIGITS: Record<string, number> = {
  〇: 0, 零: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** Characters that may appear in a kanji numeral. */
export const KANJI_NUMERAL_CHARS = '〇零一二三四五六七八九十百千';
/** A regular-expression source matching one kanji numeral (greedy). */
export const KANJI_NUMERAL_RE = `[${KANJI_NUMERAL_CHARS}]+`;

/**
 * Converts a kanji numeral to an integer: `百六十九` → 169, `一千二十` → 1020, `十` → 10,
 * `二〇` (positional) → 20. Returns undefined when the string is not a kanji numeral.
 */
export function kanjiToInt(s: string): number | undefined {
  if (!s || ![...s].every((c) => c in DIGITS || c in UNITS)) return undefined;
  // positional form (no units): 二〇一九
  if (![...s].some((c) => c in UNITS)) {
    return [...s].reduce((acc, c) => acc * 10 + DIGITS[c], 0);
  }
  let total = 0;
  let pending: number | undefined;
  let lastUnit = Infinity;
  for (const c of s) {
    if (c in DIGITS) {
      if (pending !== undefined) return undefined; // two digits in a row with units present
      pending = DIGITS[c];
    } else {
      const u = UNITS[c];
      if (u >= lastUnit) return undefined; // 百百, 十百
      total += (pending ?? 1) * u;
      pending = undefined;
      lastUnit = u;
    }
  }
  if (pending !== undefined) total += pending;
  return total;
}

/** Integer (1–9999) → kanji numeral as written in law text: 169 → 百六十九, 10 → 十, 1020 → 千二十. */
export function intToKanji(n: number): string {
  if (!Number.isInteger(n) || n <= 0 || n > 9999) throw new RangeError(`cannot write ${n} in kanji`);
  const d = '〇一二三四五六七八九';
  let out = '';
  for (const [unit, ch] of [
    [1000, '千'],
    [100, '百'],
    [10, '十'],
  ] as const) {
    const q = Math.floor(n / unit);
    if (q > 0) out += (q > 1 ? d[q] : '') + ch;
    n %= unit;
  }
  if (n > 0) out += d[n];
  return out;
}

/** Full-width digits/ASCII letters (U+FF01–U+FF5E) → half-width. */
export function toHalfWidth(s: string): string {
  return s.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/** Parses a number written in digits (half- or full-width) or kanji. */
export function parseNumber(s: string): number | undefined {
  const h = toHalfWidth(s.trim());
  if (/^\d+$/.test(h)) return Number(h);
  return kanjiToInt(h);
}

/**
 * The イロハ order used for subitems (号の細分) in modern Japanese statutes; ヰ and ヱ are not used.
 */
export const IROHA = [...'イロハニホヘトチリヌルヲワカヨタレソツネナラムウノオクヤマケフコエテアサキユメミシヒモセス'];

/** イ → 1, ロ → 2 …; undefined if not an イロハ letter. */
export function irohaToInt(c: string): number | undefined {
  const i = IROHA.indexOf(c);
  return i < 0 ? undefined : i + 1;
}

/** 1 → イ, 2 → ロ … */
export function intToIroha(n: number): string {
  const c = IROHA[n - 1];
  if (!c) throw new RangeError(`no イロハ letter for ${n}`);
  return c;
}

/**
 * The normaliser: the machine form (`norm`) of a node's verbatim text.
 *
 * - full-width digits, Latin letters and punctuation (U+FF01–U+FF5E) → ASCII; U+3000 → space;
 * - `・` between digits → `.` ONLY when it is a decimal point, i.e. digits・digits followed by a
 *   unit (`0・25パーセント` → `0.25パーセント`); locant separators (`2・6—`, `2・2′`, `2・3・4・5`)
 *   are left alone;
 * - the dashes of chemical names (U+2014 —, U+2212 −, U+2010 ‐, U+2013 –) → `-`;
 * - the OCR garble `(一)` before a dash (the optical-rotation sign `(−)`) → `(-)`.
 *
 * The verbatim `text` is never changed; this is a separate field for matching.
 */
import { toHalfWidth } from './numerals.js';

/** Units after which `digits・digits` is a decimal number. */
export const DECIMAL_UNITS = [
  'パーセント',
  'マイクログラム',
  'ミリグラム',
  'キログラム',
  'グラム',
  '国際単位',
  '単位',
  'ミリリットル',
  'リットル',
  'センチメートル',
  'ミリメートル',
  'メートル',
  '%',
];

const DECIMAL_RE = new RegExp(`(\\d+)・(\\d+)(?=(?:${DECIMAL_UNITS.join('|')}))`, 'g');

export function normalize(text: string): string {
  let s = toHalfWidth(text);
  s = s.replace(DECIMAL_RE, '$1.$2');
  s = s.replace(/[\u2014\u2212\u2010\u2013]/g, '-');
  // OCR garble of the source: the optical-rotation sign (−) read as the kanji 一, e.g. `(一)—(3S)…` in 別表第1
  s = s.replace(/\(一\)(?=-)/g, '(-)');
  return s;
}

/**
 * Snippets: a window of the verbatim text around the first match, with the matched terms'
 * offsets (into the snippet text). Matching is done in the folded text and mapped back through
 * the fold's offset map, so `第百六十九条` in a text is highlighted for the query `第169条`.
 */
import { fold, type Folded } from './normalize.js';

export interface Snippet {
  /** a window of the verbatim text (`…` marks a cut) */
  text: string;
  /** [start, end) offsets of the matched terms in `text` */
  highlights: [number, number][];
  /** where the window starts in the document's verbatim text (`text` minus a leading `…`) */
  from: number;
}

/**
 * Ranges [start, end) in `text` (verbatim) covered by occurrences of any needle (folded) in the
 * folded text; overlapping and adjacent occurrences merge into one range.
 */
export function matchRanges(text: string, needles: string[], f: Folded = fold(text)): [number, number][] {
  const covered = new Uint8Array(f.text.length + 1);
  for (const n of new Set(needles)) {
    if (!n) continue;
    for (let at = f.text.indexOf(n); at >= 0; at = f.text.indexOf(n, at + 1)) covered.fill(1, at, at + n.length);
  }
  const ranges: [number, number][] = [];
  for (let i = 0; i < f.text.length; i++) {
    if (!covered[i]) continue;
    let j = i;
    while (j < f.text.length && covered[j]) j++;
    ranges.push([f.map[i], f.map[j]]);
    i = j;
  }
  return ranges;
}

/** A window of about `width` characters of `text` around its first match. */
export function makeSnippet(text: string, needles: string[], width = 100, folded?: Folded): Snippet {
  const ranges = matchRanges(text, needles, folded);
  const chars = text;
  if (chars.length <= width) return { text: chars, highlights: ranges, from: 0 };
  const first = ranges[0]?.[0] ?? 0;
  let start = Math.max(0, first - Math.floor(width / 4));
  const end = Math.min(chars.length, start + width);
  if (end - start < width) start = Math.max(0, end - width);
  const pre = start > 0 ? '…' : '';
  const post = end < chars.length ? '…' : '';
  const hl = ranges
    .filter(([s, e]) => s >= start && e <= end)
    .map(([s, e]) => [s - start + pre.length, e - start + pre.length] as [number, number]);
  return { text: pre + chars.slice(start, end) + post, highlights: hl, from: start };
}

/** The snippet with its highlights in 【】, for people. */
export function renderSnippet(s: Snippet, open = '【', close = '】'): string {
  let out = '';
  let last = 0;
  for (const [a, b] of s.highlights) {
    if (a < last) continue;
    out += s.text.slice(last, a) + open + s.text.slice(a, b) + close;
    last = b;
  }
  return out + s.text.slice(last);
}

/**
 * Did-you-mean: a weighted edit distance over normalised names. Kana-aware: visually confusable
 * katakana (ソ/ン, シ/ツ, ク/ケ, ロ/口, カ/力, エ/工, ニ/二, ー/一), and voicing variants (ハ/バ/パ …) cost
 * less than an arbitrary substitution.
 */

const CONFUSABLE: string[][] = [
  ['ソ', 'ン'], ['シ', 'ツ'], ['ク', 'ケ'], ['ロ', '口'], ['カ', '力'], ['エ', '工'], ['ニ', '二'],
  ['ー', '一'], ['ヘ', 'へ'], ['タ', '夕'], ['ト', '卜'], ['ハ', '八'], ['チ', 'テ'], ['ワ', 'ウ'],
  ['ル', 'レ'], ['メ', 'ナ'], ['ス', 'ヌ'], ['マ', 'ア'], ['ノ', 'メ'],
];
const VOICING = 'カガキギクグケゲコゴサザシジスズセゼソゾタダチヂツヅテデトドハバパヒビピフブプヘベペホボポ';

const cheap = new Map<string, number>();
for (const [a, b] of CONFUSABLE) {
  cheap.set(a + b, 0.3);
  cheap.set(b + a, 0.3);
}
// voicing families: base + dakuten (+ handakuten for ハ行)
for (let i = 0; i < VOICING.length; i++) {
  for (let j = 0; j < VOICING.length; j++) {
    if (i === j) continue;
    const a = VOICING[i];
    const b = VOICING[j];
    const fa = a.normalize('NFD')[0];
    const fb = b.normalize('NFD')[0];
    if (fa === fb) cheap.set(a + b, 0.5);
  }
}
// latin: common transliteration slips
for (const [a, b] of [['c', 'k'], ['y', 'i'], ['f', 'p'], ['z', 's']]) {
  cheap.set(a + b, 0.5);
  cheap.set(b + a, 0.5);
}

function subCost(a: string, b: string): number {
  return a === b ? 0 : (cheap.get(a + b) ?? 1);
}

/** Weighted Levenshtein distance, abandoning once every cell exceeds `max`. */
export function distance(a: string, b: string, max = Infinity): number {
  if (a === b) return 0;
  const m = a.length;
  const n = b.length;
  if (Math.abs(m - n) > max) return Infinity;
  let prev = new Array<number>(n + 1);
  let cur = new Array<number>(n + 1);
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= m; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    const ca = a[i - 1];
    for (let j = 1; j <= n; j++) {
      const v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + subCost(ca, b[j - 1]));
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return Infinity;
    [prev, cur] = [cur, prev];
  }
  return prev[n];
}

/** The largest distance still worth suggesting for an input of this length. */
export function tolerance(len: number): number {
  return len <= 3 ? 1 : len <= 8 ? 2 : 3;
}

export interface Candidate {
  /** normalised name */
  norm: string;
  /** how to show it */
  display: string;
  /** the canonical key or entity it names, shown after it when different */
  target: string;
}

/** Up to `limit` display names nearest to `norm`, best first (each followed by its target). */
export function suggest(norm: string, candidates: Candidate[], limit = 5): string[] {
  const max = tolerance(norm.length);
  const scored: { d: number; c: Candidate }[] = [];
  for (const c of candidates) {
    const d = distance(norm, c.norm, max);
    if (d <= max) scored.push({ d, c });
  }
  scored.sort((x, y) => x.d - y.d || x.c.display.length - y.c.display.length || (x.c.display < y.c.display ? -1 : 1));
  const out: string[] = [];
  for (const { c } of scored) {
    for (const s of [c.display, c.target]) if (!out.includes(s)) out.push(s);
    if (out.length >= limit) break;
  }
  return out.slice(0, limit);
}

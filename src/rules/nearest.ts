/** Nearest strings by edit distance: "did you mean" for unknown ids and names. */

export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const m = a.length;
  const n = b.length;
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let cur = new Array<number>(n + 1);
  for (let i = 1; i <= m; i++) {
    cur[0] = i;
    for (let j = 1; j <= n; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    [prev, cur] = [cur, prev];
  }
  return prev[n];
}

/** Up to `limit` candidates nearest to `s` (ties broken by shared prefix, then alphabetically). */
export function nearest(s: string, candidates: Iterable<string>, limit = 3): string[] {
  const scored: { c: string; d: number; p: number }[] = [];
  for (const c of candidates) {
    if (Math.abs(c.length - s.length) > Math.max(3, s.length / 2)) continue;
    let p = 0;
    while (p < c.length && p < s.length && c[p] === s[p]) p++;
    scored.push({ c, d: editDistance(s, c), p });
  }
  scored.sort((x, y) => x.d - y.d || y.p - x.p || (x.c < y.c ? -1 : 1));
  return scored.slice(0, limit).map((x) => x.c);
}

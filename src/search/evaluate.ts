/**
 * Search quality: recall@k over a query set (test/search/queries.yaml), shared by the test and
 * the benchmark (which also scores the plain lunr-languages `ja` baseline with it).
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

export interface QueryCase {
  q: string;
  type?: string;
  /** ids that must be in the top k; `A|B` = either */
  expect: string[];
  /** a part that must be built for the case to count (e.g. `annotations`) */
  needs?: string;
}

export interface RecallReport {
  k: number;
  recall: number;
  queries: number;
  skipped: string[];
  perQuery: { q: string; found: number; expected: number; missing: string[]; top: string[] }[];
  misses: { q: string; missing: string[]; top: string[] }[];
}

export function loadQuerySet(file: string): QueryCase[] {
  const cases = parse(readFileSync(file, 'utf8')) as QueryCase[];
  cases.forEach((c, i) => {
    if (typeof c?.q !== 'string' || !Array.isArray(c.expect) || !c.expect.length) throw new Error(`${file}: case [${i}] needs q and expect`);
  });
  return cases;
}

/** recall@k: mean over the cases of the share of expected entries found in the top k. */
export function recallAt(
  cases: QueryCase[],
  search: (q: string, k: number) => string[],
  k = 5,
  has: (part: string) => boolean = () => true,
): RecallReport {
  const perQuery: RecallReport['perQuery'] = [];
  const skipped: string[] = [];
  for (const c of cases) {
    if (c.needs && !has(c.needs)) {
      skipped.push(c.q);
      continue;
    }
    let top: string[];
    try {
      top = search(c.q, k).slice(0, k);
    } catch {
      top = [];
    }
    const missing = c.expect.filter((e) => !e.split('|').some((id) => top.includes(id)));
    perQuery.push({ q: c.q, found: c.expect.length - missing.length, expected: c.expect.length, missing, top });
  }
  const recall = perQuery.length ? perQuery.reduce((s, p) => s + p.found / p.expected, 0) / perQuery.length : 0;
  return {
    k,
    recall,
    queries: perQuery.length,
    skipped,
    perQuery,
    misses: perQuery.filter((p) => p.missing.length).map(({ q, missing, top }) => ({ q, missing, top })),
  };
}

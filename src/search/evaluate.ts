/**
 * Search quality: recall@k over a query set (test/search/queries.yaml), shared by the test and
 * the benchmark (which also scores the plain lunr-languages `ja` baseline with it).
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { Corpus } from '../corpus/model.js';

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

/**
 * One provision, one key: an article of a single paragraph and that paragraph are the same
 * provision (cited as the article, 第125条; the corpus has a node for each). Every other id is its
 * own key. Used by `recallAt` when asked (`sameProvision`), never silently: the strict figure
 * compares ids as written.
 */
export function provisionKey(corpus: Corpus): (id: string) => string {
  return (id) => {
    const n = corpus.nodes.get(id);
    if (n?.kind === 'Paragraph' && n.parent) {
      const a = corpus.nodes.get(n.parent);
      if (a?.kind === 'Article' && a.children.filter((c) => corpus.nodes.get(c)?.kind === 'Paragraph').length === 1) return a.id;
    }
    return id;
  };
}

/**
 * recall@k: mean over the cases of the share of expected entries found in the top k. With `key`
 * (e.g. `provisionKey(corpus)`), an expected id is found when a hit has the same key.
 */
export function recallAt(
  cases: QueryCase[],
  search: (q: string, k: number) => string[],
  k = 5,
  has: (part: string) => boolean = () => true,
  key: (id: string) => string = (id) => id,
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
    const topKeys = new Set(top.map(key));
    const missing = c.expect.filter((e) => !e.split('|').some((id) => topKeys.has(key(id))));
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

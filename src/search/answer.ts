/**
 * The search answer: the searcher's results with the answer envelope every question carries
 * (docs/contracts.md §2: rulesetVersion, contentHash, asOf, caveats), and the search request's
 * input contract (§1: a bounded query, known kinds, whole-number paging, a calendar asOf),
 * checked before any work is done — errors are {@link InputError}s naming the field.
 */
import type { AnswerEnvelope } from '../rules/answer.js';
import { checkIsoDate, DateError, today } from '../rules/dates.js';
import { InputError, type InputProblem } from '../rules/input.js';
import { nearest } from '../rules/nearest.js';
import type { Ruleset } from '../rules/ruleset.js';
import { DOC_KINDS } from './documents.js';
import type { Searcher, SearchOptions, SearchResults } from './searcher.js';

/** the longest query accepted (characters), as in the HTTP API's search.query.schema.json */
export const MAX_QUERY_LENGTH = 500;
/** the largest page */
export const MAX_LIMIT = 100;

/** What kb.search answers: the results and the envelope. */
export type SearchAnswer = SearchResults & AnswerEnvelope;

/** Options of kb.search: the searcher's, and the date the answer is given as of. */
export interface SearchAnswerOptions extends SearchOptions {
  /** the date the answer is given as of (YYYY-MM-DD, default today, UTC). The index holds the text as encoded; asOf does not filter it. */
  asOf?: string;
}

const KNOWN_OPTIONS = ['limit', 'offset', 'kinds', 'chapter', 'asOf'];

/** Checks a search request; throws InputError (code `invalid-search-request`) listing every problem. */
export function checkSearchRequest(query: unknown, options: unknown): void {
  const problems: InputProblem[] = [];
  if (typeof query !== 'string') problems.push({ field: '/query', message: `must be a string, got ${query === null ? 'null' : typeof query}` });
  else if ([...query].length > MAX_QUERY_LENGTH) problems.push({ field: '/query', message: `must be at most ${MAX_QUERY_LENGTH} characters` });
  if (options !== undefined && (options === null || typeof options !== 'object' || Array.isArray(options))) problems.push({ field: '', message: 'options must be an object { limit?, offset?, kinds?, chapter?, asOf? }' });
  else if (options) {
    const o = options as Record<string, unknown>;
    for (const k of Object.keys(o)) {
      if (KNOWN_OPTIONS.includes(k)) continue;
      const near = nearest(k, KNOWN_OPTIONS, 1).filter((n) => n.length > 2 && editClose(k, n));
      problems.push({ field: `/${k}`, message: `is not a known field${near.length ? ` (did you mean '${near[0]}'?)` : ''}; expected one of ${KNOWN_OPTIONS.join(', ')}` });
    }
    const whole = (k: string, min: number, max?: number) => {
      const v = o[k];
      if (v === undefined) return;
      if (typeof v !== 'number' || !Number.isInteger(v) || v < min || (max !== undefined && v > max))
        problems.push({ field: `/${k}`, message: `must be a whole number ${max !== undefined ? `${min}–${max}` : `≥ ${min}`}, got ${JSON.stringify(v)}` });
    };
    whole('limit', 0, MAX_LIMIT);
    whole('offset', 0);
    whole('chapter', 1);
    if (o.kinds !== undefined) {
      if (!Array.isArray(o.kinds)) problems.push({ field: '/kinds', message: `must be an array of ${DOC_KINDS.join(', ')}` });
      else
        o.kinds.forEach((k, i) => {
          if (typeof k === 'string' && (DOC_KINDS as string[]).includes(k)) return;
          const near = typeof k === 'string' ? nearest(k, DOC_KINDS, 1).filter((n) => editClose(k, n)) : [];
          problems.push({ field: `/kinds/${i}`, message: `must be one of ${DOC_KINDS.join(', ')} (got ${JSON.stringify(k)}${near.length ? `; did you mean '${near[0]}'?` : ''})` });
        });
    }
    if (o.asOf !== undefined)
      try {
        checkIsoDate(o.asOf, '/asOf');
      } catch (e) {
        if (!(e instanceof DateError)) throw e;
        problems.push({ field: '/asOf', message: e.message.replace('/asOf: ', '') });
      }
  }
  if (problems.length) throw new InputError('invalid-search-request', problems, 'search request');
}

/** a suggestion only when it is close: at most a third of the word differs */
function editClose(a: string, b: string): boolean {
  let same = 0;
  while (same < a.length && same < b.length && a[same].toLowerCase() === b[same].toLowerCase()) same++;
  return same >= Math.min(a.length, b.length) / 2;
}

/**
 * kb.search: the request checked, the searcher asked, the envelope added. `ruleset` is called
 * for the envelope; when the rules cannot be loaded the search still answers (the rule hits come
 * from the index) and the envelope says so.
 */
export function searchAnswer(searcher: Searcher, ruleset: () => Ruleset, query: string, options: SearchAnswerOptions = {}): SearchAnswer {
  checkSearchRequest(query, options);
  const { asOf: given, ...searchOptions } = options;
  let env: AnswerEnvelope;
  try {
    const rs = ruleset();
    const asOf = rs.checkAsOf(given ?? today());
    env = {
      rulesetVersion: rs.version,
      contentHash: rs.contentHash,
      asOf,
      caveats: [
        rs.caveat,
        'Search finds text: the ordinance and the MAFF guidance as held, and the rules as indexed; asOf does not filter the hits. Ask the question (classify, retention, label …) for an answer as of a date.',
      ],
    };
  } catch (e) {
    // an asOf before the earliest encoded state is the caller's error, not a missing ruleset
    if (e instanceof Error && e.name === 'AsOfError') throw new InputError('invalid-search-request', [{ field: '/asOf', message: e.message }], 'search request');
    env = {
      rulesetVersion: 'unavailable',
      contentHash: searcher.manifest.inputs?.rules ?? '',
      asOf: given ?? today(),
      caveats: [`The rules could not be loaded (${e instanceof Error ? e.message.split('\n')[0] : String(e)}): the rule hits are those of the search index, whose contentHash here is the hash of the rule files it was built from.`],
    };
  }
  return { ...env, ...searcher.search(query, searchOptions) };
}

/**
 * Bulk transaction checks: an async iterable of transactions in, an async iterable of answers
 * out (same order, one per input, an error entry for a bad one), and the NDJSON form used by
 * `doyaku transaction --ndjson` (src/io/ndjson.ts). Memory stays flat: a bounded window of
 * transactions is in flight, nothing else is held.
 */
import { errorOf, runNdjson, type Chunk, type NdjsonError, type NdjsonSummary, type RunOptions, type Sink } from '../io/ndjson.js';
import { checkTransactionFast, type TransactionContext } from './check.js';
import type { TransactionAnswer } from './model.js';
import { summarize, type TransactionSummary } from './summary.js';

export type BulkResult = { index: number; answer: TransactionAnswer | TransactionSummary; error?: undefined } | { index: number; error: NdjsonError; answer?: undefined };

export interface BulkOptions {
  asOf?: string;
  /** `summary`: the summary answers (./summary.ts) — lighter, for bulk; default `full` */
  explain?: 'full' | 'summary';
  /** transactions in flight at once (default 64) */
  window?: number;
}

/** Checks a stream of transactions; yields one result per input, in order (`index` from 0). */
export async function* checkTransactions(ctx: TransactionContext, source: AsyncIterable<unknown> | Iterable<unknown>, options: BulkOptions = {}): AsyncGenerator<BulkResult> {
  const windowSize = Math.max(1, options.window ?? 64);
  const queue: (BulkResult | Promise<BulkResult>)[] = [];
  let i = 0;
  for await (const tx of source as AsyncIterable<unknown>) {
    const index = i++;
    let r: BulkResult | Promise<BulkResult>;
    try {
      const a = checkTransactionFast(ctx, tx, options.asOf);
      const shape = options.explain === 'summary' ? summarize : (x: TransactionAnswer) => x;
      r = a instanceof Promise ? a.then((answer): BulkResult => ({ index, answer: shape(answer) }), (e: unknown): BulkResult => ({ index, error: errorOf(e) })) : { index, answer: shape(a) };
    } catch (e) {
      r = { index, error: errorOf(e) };
    }
    if (!queue.length && !(r instanceof Promise)) {
      yield r;
      continue;
    }
    queue.push(r);
    while (queue.length >= windowSize || (queue.length && !(queue[0] instanceof Promise))) yield await queue.shift()!;
  }
  while (queue.length) yield await queue.shift()!;
}

export interface NdjsonCheckSummary extends NdjsonSummary {
  /** answers by ok value */
  compliant: number;
  violations: number;
  unknown: number;
}

/** NDJSON in (chunks of text), NDJSON out (`{line, ...answer}` or `{line, error}`), with the summary. */
export async function checkTransactionsNdjson(ctx: TransactionContext, input: AsyncIterable<Chunk> | Iterable<Chunk>, sink: Sink, options: BulkOptions & Pick<RunOptions<unknown>, 'progress' | 'maxLineLength'> = {}): Promise<NdjsonCheckSummary> {
  let compliant = 0;
  let violations = 0;
  let unknown = 0;
  const summary = options.explain === 'summary';
  const count = (a: TransactionAnswer): TransactionAnswer | TransactionSummary => {
    if (a.ok === true) compliant++;
    else if (a.ok === false) violations++;
    else unknown++;
    return summary ? summarize(a) : a;
  };
  const s = await runNdjson<TransactionAnswer | TransactionSummary>(
    input,
    sink,
    (v) => {
      const a = checkTransactionFast(ctx, v, options.asOf);
      return a instanceof Promise ? a.then(count) : count(a);
    },
    { window: options.window, progress: options.progress, maxLineLength: options.maxLineLength },
  );
  return { ...s, compliant, violations, unknown };
}

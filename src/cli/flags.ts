/**
 * Shared pieces of every command's flag parsing and `--ndjson` bulk run (docs/contracts.md):
 * `--as-of` / date flags as usage errors, a strict flag reader, and the NDJSON run over
 * src/io/ndjson.ts (one record per non-blank line, in order, `{line, error}` for bad lines).
 */
import { checkIsoDate, DateError } from '../rules/dates.js';
import { AsOfError } from '../rules/ruleset.js';
import { runNdjson, streamSink, type NdjsonError, type NdjsonSummary, type RunOptions, type Sink } from '../io/ndjson.js';
import { UsageError, type CliIO } from './command.js';

/**
 * The `--as-of` flag of every command in the contract's words (docs/contracts.md §1): `--as-of ""` and
 * `--as-of garbage` → `--as-of: must be a date YYYY-MM-DD, got ""`; 2024-02-30 → `--as-of: 2024-02-30 is
 * not a calendar date` — a UsageError (exit 2), thrown while the flags are parsed, before any input is read.
 * Any other date flag: pass its name as `flag`.
 */
export function asOfFlag(v: string | undefined, flag = '--as-of'): string {
  try {
    return checkIsoDate(v ?? '', flag);
  } catch (e) {
    if (e instanceof DateError) throw new UsageError(e.message);
    throw e;
  }
}

/** A well-formed `--as-of` before the earliest encoded state: one usage error naming the flag. */
export function checkAsOfFlag(ruleset: { checkAsOf(asOf: string): string }, asOf: string | undefined): void {
  if (asOf === undefined) return;
  try {
    ruleset.checkAsOf(asOf);
  } catch (e) {
    if (e instanceof AsOfError) throw new UsageError(`--as-of: ${e.message.replace(/^asOf /, '')}`);
    throw e;
  }
}

/** An argument split at an inline value: `--as-of=2024-04-01` → `['--as-of', '2024-04-01']`; `--json` → `['--json', undefined]`. */
export function splitFlag(arg: string): [string, string | undefined] {
  const eq = arg.indexOf('=');
  return arg.startsWith('--') && eq > 0 ? [arg.slice(0, eq), arg.slice(eq + 1)] : [arg, undefined];
}

/**
 * Reads `argv` from index `from`: for each argument calls `handle(flag, value, arg)` where `flag` is the
 * argument without an inline `=value` (`--as-of=2024-04-01` → `--as-of`), `value()` the inline value or
 * the next argument (a usage error `FLAG needs a value` when there is none), `arg` the argument as given.
 */
export function readFlags(argv: string[], handle: (flag: string, value: () => string, arg: string) => void, from = 0): void {
  for (let i = from; i < argv.length; i++) {
    const [a, v] = splitFlag(argv[i]);
    const flag = a;
    const value = () => {
      if (v !== undefined) return v;
      const n = argv[++i];
      if (n === undefined) throw new UsageError(`${flag} needs a value`);
      return n;
    };
    handle(a, value, argv[i]);
  }
}

/**
 * The flags every answering command shares, read into `p`: `--as-of D` ({@link asOfFlag}), `--json`,
 * `--ndjson`; any other flag is a usage error `unknown option 'ARG'` followed by the command's usage.
 */
export function outputFlag(p: { asOf?: string; json: boolean; ndjson: boolean }, flag: string, value: () => string, arg: string, usage: string): void {
  switch (flag) {
    case '--as-of':
      p.asOf = asOfFlag(value());
      break;
    case '--json':
      p.json = true;
      break;
    case '--ndjson':
      p.ndjson = true;
      break;
    default:
      throw new UsageError(`unknown option '${arg}'\n\nusage: ${usage}`);
  }
}

/** The input, output sink and progress stream of an `--ndjson` run from a command's io. */
export function ndjsonIo(io: CliIO): { input: () => Promise<AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>>; sink: Sink; progress: RunOptions<unknown>['progress'] } {
  return {
    input: async () => (io.stdinStream ? io.stdinStream() : [await io.readStdin()]),
    sink: io.stdoutStream ? streamSink(io.stdoutStream) : { write: (s: string) => io.stdout(s) },
    progress: io.stderrIsTTY ? { write: (x: string) => io.stderr(x), isTTY: true } : undefined,
  };
}

/**
 * `--ndjson` of a command: stdin streamed line by line (src/io/ndjson.ts), one answer or `{line, error}`
 * per non-blank line, in order, errors mapped by `errorJson`; returns the summary.
 */
export async function runNdjsonCommand<T>(
  io: CliIO,
  handle: (value: unknown, line: number) => T | Promise<T>,
  options: { maxLineLength: number; errorJson: (e: unknown) => { code: string; message: string }; lineTooLong?: RunOptions<T>['lineTooLong'] },
): Promise<NdjsonSummary> {
  const { input, sink, progress } = ndjsonIo(io);
  return runNdjson(await input(), sink, handle, {
    maxLineLength: options.maxLineLength,
    errorOf: (e) => options.errorJson(e) as NdjsonError,
    ...(options.lineTooLong ? { lineTooLong: options.lineTooLong } : {}),
    progress,
  });
}

/** The line-too-long record of the commands that read NDJSON whole before (classify, retention): their words. */
export const lineTooLongWords = (line: number, length: number, max: number): NdjsonError => ({
  code: 'line-too-long',
  message: `line ${line} is ${length} characters; an NDJSON line may be at most ${max}`,
});

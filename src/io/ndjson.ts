/**
 * A generic streaming NDJSON processor, shared by every family's `--ndjson` command and the
 * library's bulk APIs:
 *
 * - reads line by line from a stream (or any async iterable of chunks), never the input whole:
 *   memory stays flat however long the input (a line longer than `maxLineLength` is an error
 *   record, and is skipped without being held);
 * - gives exactly one output record per non-blank input line, in input order: the handler's
 *   answer, or an error record `{ line, error: { code, message, problems? } }` for a line that is
 *   not JSON or that the handler rejects — never dropped, never stopping the run;
 * - keeps a bounded window of lines in flight when the handler is asynchronous (order kept);
 * - reports progress on a terminal (stderr) and returns a summary at the end.
 */

export interface NdjsonError {
  code: string;
  message: string;
  problems?: { field: string; message: string }[];
}

export type NdjsonRecord<T> = { line: number; ok: true; value: T } | { line: number; ok: false; error: NdjsonError };

export interface NdjsonSummary {
  /** non-blank lines read (= records written) */
  lines: number;
  ok: number;
  failed: number;
  /** blank lines skipped */
  blank: number;
  /** milliseconds from start to end */
  ms: number;
}

export interface NdjsonOptions {
  /** longest line accepted, in characters (default 1 MiB); longer lines are error records */
  maxLineLength?: number;
  /** lines in flight at once when the handler returns promises (default 64); answers keep input order */
  window?: number;
  /** maps a thrown error to an error record (default: {@link errorOf}) */
  errorOf?: (e: unknown) => NdjsonError;
  /** the error record of a line longer than `maxLineLength` (default: `line N is L characters long; at most M are read`) */
  lineTooLong?: (line: number, length: number, max: number) => NdjsonError;
}

/** The default mapping of a thrown error to `{code, message, problems?}` (no stack traces). */
export function errorOf(e: unknown): NdjsonError {
  if (e instanceof SyntaxError) return { code: 'invalid-json', message: e.message };
  const x = e as { code?: unknown; message?: unknown; problems?: unknown; name?: unknown };
  const out: NdjsonError = {
    code: typeof x?.code === 'string' ? x.code : x?.name === 'AsOfError' ? 'invalid-asof' : x?.name === 'DateError' ? 'invalid-date' : 'error',
    message: typeof x?.message === 'string' ? x.message : String(e),
  };
  if (Array.isArray(x?.problems)) out.problems = x.problems as NdjsonError['problems'];
  return out;
}

export type Chunk = string | Uint8Array;

type LineItem = string | { tooLong: number };

/**
 * The lines of a chunked text stream, decoded as UTF-8 across chunk boundaries, `\r\n` or `\n`,
 * one array per chunk (so the per-line cost is a loop, not an await). A line longer than `max`
 * is given as `{ tooLong: length }` and its text is not kept.
 */
export async function* lineBatches(input: AsyncIterable<Chunk> | Iterable<Chunk>, max = 1 << 20): AsyncGenerator<LineItem[]> {
  const decoder = new TextDecoder('utf-8');
  let buf = '';
  let skipping = 0; // > 0: inside an over-long line, counting its length
  const split = (text: string): LineItem[] => {
    const out: LineItem[] = [];
    let start = 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      if (nl < 0) break;
      let piece = text.slice(start, nl);
      start = nl + 1;
      if (skipping) {
        out.push({ tooLong: skipping + piece.length });
        skipping = 0;
        continue;
      }
      if (buf) {
        piece = buf + piece;
        buf = '';
      }
      if (piece.length > max) out.push({ tooLong: piece.length });
      else out.push(piece.endsWith('\r') ? piece.slice(0, -1) : piece);
    }
    const rest = text.slice(start);
    if (skipping) skipping += rest.length;
    else if (buf.length + rest.length > max) {
      skipping = buf.length + rest.length;
      buf = '';
    } else buf += rest;
    return out;
  };
  for await (const chunk of input as AsyncIterable<Chunk>) {
    const batch = split(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
    if (batch.length) yield batch;
  }
  // the final '\n' ends a last unterminated line; an input ending with '\n' gives one empty line more, skipped as blank
  const last = split(decoder.decode() + '\n');
  if (last.length) yield last;
}

/** The lines of a chunked text stream, one by one (see {@link lineBatches}). */
export async function* lines(input: AsyncIterable<Chunk> | Iterable<Chunk>, max = 1 << 20): AsyncGenerator<LineItem> {
  for await (const batch of lineBatches(input, max)) yield* batch;
}

/**
 * The records of an NDJSON stream, one array per input chunk: each non-blank line parsed as JSON
 * and given to `handle` (a value or a promise), one record per line, in order; a bounded window
 * of promises in flight.
 */
export async function* recordBatches<T>(
  input: AsyncIterable<Chunk> | Iterable<Chunk>,
  handle: (value: unknown, line: number) => T | Promise<T>,
  options: NdjsonOptions = {},
): AsyncGenerator<NdjsonRecord<T>[]> {
  const toError = options.errorOf ?? errorOf;
  const max = options.maxLineLength ?? 1 << 20;
  const windowSize = Math.max(1, options.window ?? 64);
  const queue: (NdjsonRecord<T> | Promise<NdjsonRecord<T>>)[] = [];
  let n = 0;
  for await (const batch of lineBatches(input, max)) {
    const out: NdjsonRecord<T>[] = [];
    for (const l of batch) {
      n++;
      let rec: NdjsonRecord<T> | Promise<NdjsonRecord<T>>;
      if (typeof l !== 'string') rec = { line: n, ok: false, error: options.lineTooLong ? options.lineTooLong(n, l.tooLong, max) : { code: 'line-too-long', message: `line ${n} is ${l.tooLong} characters long; at most ${max} are read` } };
      else if (!l.trim()) continue;
      else {
        const line = n;
        try {
          const v = handle(JSON.parse(l), line);
          rec = v instanceof Promise ? v.then((value): NdjsonRecord<T> => ({ line, ok: true, value }), (e: unknown): NdjsonRecord<T> => ({ line, ok: false, error: toError(e) })) : { line, ok: true, value: v };
        } catch (e) {
          rec = { line, ok: false, error: toError(e) };
        }
      }
      if (queue.length === 0 && !(rec instanceof Promise)) {
        out.push(rec);
        continue;
      }
      queue.push(rec);
      while (queue.length >= windowSize || (queue.length && !(queue[0] instanceof Promise))) out.push(await queue.shift()!);
    }
    if (out.length) yield out;
  }
  const rest: NdjsonRecord<T>[] = [];
  while (queue.length) rest.push(await queue.shift()!);
  if (rest.length) yield rest;
}

/**
 * Processes an NDJSON stream: each non-blank line parsed as JSON and given to `handle`, one record
 * out per line, in order. `handle` may return a value or a promise.
 */
export async function* processNdjson<T>(
  input: AsyncIterable<Chunk> | Iterable<Chunk>,
  handle: (value: unknown, line: number) => T | Promise<T>,
  options: NdjsonOptions = {},
): AsyncGenerator<NdjsonRecord<T>> {
  for await (const batch of recordBatches(input, handle, options)) yield* batch;
}

const frozenJson = new WeakMap<object, string>();
const keyJson = new Map<string, string>();

/**
 * `JSON.stringify(value)`, the same string, faster for answers that share frozen parts (citation
 * views, rule messages, item lists, caveats): a frozen object or array is serialised once and its
 * text reused. Objects with a `toJSON` are left to JSON.stringify.
 */
export function stringifyShared(value: unknown): string {
  const parts: string[] = [];
  if (!ser(value, parts)) return 'null';
  return parts.length === 1 ? parts[0] : parts.join('');
}

/** Appends the JSON of `v` to `out`; false when `v` is left out (undefined, a function, a symbol). */
function ser(v: unknown, out: string[]): boolean {
  if (v === null) {
    out.push('null');
    return true;
  }
  switch (typeof v) {
    case 'string':
      out.push(JSON.stringify(v));
      return true;
    case 'number':
      out.push(Number.isFinite(v) ? String(v) : 'null');
      return true;
    case 'boolean':
      out.push(v ? 'true' : 'false');
      return true;
    case 'object':
      break;
    default:
      return false;
  }
  const o = v as Record<string, unknown>;
  const cached = frozenJson.get(o);
  if (cached !== undefined) {
    out.push(cached);
    return true;
  }
  const frozen = Object.isFrozen(o);
  const start = out.length;
  if (typeof (o as { toJSON?: unknown }).toJSON === 'function') out.push(JSON.stringify(o));
  else if (Array.isArray(o)) {
    out.push('[');
    for (let i = 0; i < o.length; i++) {
      if (i) out.push(',');
      if (!ser(o[i], out)) out.push('null');
    }
    out.push(']');
  } else {
    out.push('{');
    let first = true;
    for (const k in o) {
      if (!Object.prototype.hasOwnProperty.call(o, k)) continue;
      const x = o[k];
      if (x === undefined || typeof x === 'function' || typeof x === 'symbol') continue;
      let kj = keyJson.get(k);
      if (kj === undefined) {
        kj = JSON.stringify(k) + ':';
        if (keyJson.size < 10000) keyJson.set(k, kj);
      }
      out.push(first ? kj : ',' + kj);
      first = false;
      ser(x, out);
    }
    out.push('}');
  }
  if (frozen) {
    const text = out.slice(start).join('');
    out.length = start;
    out.push(text);
    frozenJson.set(o, text);
  }
  return true;
}

/** Appends `{"line":N, ...value}` (for an object value, without copying it) or `{"line":N,"value":…}` and a newline to `out`. */
function lineRecordInto(out: string[], line: number, value: unknown): void {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const start = out.length;
    ser(value, out);
    const first = out[start];
    if (first === '{') out[start] = out[start + 1] === '}' ? `{"line":${line}` : `{"line":${line},`;
    else out[start] = first.length > 2 ? `{"line":${line},${first.slice(1)}` : `{"line":${line}}`; // a cached frozen object
    out.push('\n');
    return;
  }
  out.push(JSON.stringify({ line, value }), '\n');
}

export interface Sink {
  /** writes text; may return false (or a promise) to ask the writer to wait (backpressure) */
  write(s: string): boolean | void | Promise<unknown>;
  /** resolves when a sink that returned false can take more */
  drain?(): Promise<void>;
}

/** A sink over a Node writable stream, honouring backpressure. */
export function streamSink(stream: NodeJS.WritableStream): Sink {
  // a reader that goes away (EPIPE: `… | head`) ends the output, not the process
  let closed = false;
  let wake: (() => void) | undefined;
  stream.on('error', () => {
    closed = true;
    wake?.();
  });
  return {
    write: (s) => (closed ? true : stream.write(s)),
    drain: () =>
      closed
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            wake = resolve;
            stream.once('drain', () => resolve());
          }),
  };
}

export interface RunOptions<T> extends NdjsonOptions {
  /** the output record of a good line (default: `{ line, ...value }` for objects) */
  format?: (rec: { line: number; value: T }) => unknown;
  /** a terminal stream for the progress line (e.g. process.stderr when it is a TTY); none by default */
  progress?: { write(s: string): unknown; isTTY?: boolean };
  /** characters buffered before a write (default 64 KiB) */
  chunk?: number;
}

/**
 * Runs {@link processNdjson} from `input` to `sink`: one NDJSON line out per non-blank line in,
 * `{line, error}` for bad ones, writes batched and backpressure honoured; returns the summary.
 */
export async function runNdjson<T>(
  input: AsyncIterable<Chunk> | Iterable<Chunk>,
  sink: Sink,
  handle: (value: unknown, line: number) => T | Promise<T>,
  options: RunOptions<T> = {},
): Promise<NdjsonSummary> {
  const t0 = Date.now();
  const summary: NdjsonSummary = { lines: 0, ok: 0, failed: 0, blank: 0, ms: 0 };
  const format = options.format;
  const limit = options.chunk ?? 1 << 16;
  const progress = options.progress?.isTTY ? options.progress : undefined;
  let lastProgress = 0;
  let out: string[] = [];
  let size = 0;
  let lastLine = 0;
  let lastReport = 0;
  const flush = async () => {
    if (!out.length) return;
    const s = out.join('');
    out = [];
    size = 0;
    const r = sink.write(s);
    if (r instanceof Promise) await r;
    else if (r === false && sink.drain) await sink.drain();
  };
  for await (const batch of recordBatches(input, handle, options)) {
    for (const rec of batch) {
      summary.lines++;
      summary.blank += rec.line - lastLine - 1;
      lastLine = rec.line;
      const before = out.length;
      if (rec.ok) {
        summary.ok++;
        if (format) out.push(JSON.stringify(format(rec)), '\n');
        else lineRecordInto(out, rec.line, rec.value);
      } else {
        summary.failed++;
        out.push(JSON.stringify({ line: rec.line, error: rec.error }), '\n');
      }
      for (let k = before; k < out.length; k++) size += out[k].length;
      if (size >= limit) await flush();
    }
    if (progress && summary.lines - lastReport >= 1000) {
      lastReport = summary.lines;
      const now = Date.now();
      if (now - lastProgress > 200) {
        lastProgress = now;
        const rate = Math.round((summary.lines * 1000) / Math.max(1, now - t0));
        progress.write(`\r${summary.lines.toLocaleString('en')} lines, ${summary.failed} failed, ${rate.toLocaleString('en')}/s `);
      }
    }
  }
  await flush();
  if (progress) progress.write('\r\x1b[K');
  summary.ms = Date.now() - t0;
  return summary;
}

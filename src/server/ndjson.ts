/**
 * NDJSON in, record by record, from a byte stream: one JSON value per line, in order, each with its
 * 1-based line number; a bad line (invalid UTF-8, invalid JSON, longer than the limit) is an error
 * record for that line and reading goes on. Blank lines are skipped (their numbers still count).
 * Memory stays bounded by the line limit whatever the stream's size.
 */
import type { Readable } from 'node:stream';

export interface NdjsonRecord {
  line: number;
  value?: unknown;
  error?: { code: string; message: string };
}

export interface NdjsonOptions {
  /** longest line in bytes (default 64 KiB) */
  maxLineBytes?: number;
  /** most bytes read in all (default unlimited): past it, one `too-large` record and the end */
  maxBytes?: number;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

function parseLine(line: number, bytes: Buffer): NdjsonRecord | undefined {
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    return { line, error: { code: 'invalid-utf8', message: 'the line is not valid UTF-8' } };
  }
  if (text.endsWith('\r')) text = text.slice(0, -1);
  if (!text.trim()) return undefined;
  try {
    return { line, value: JSON.parse(text) as unknown };
  } catch (e) {
    return { line, error: { code: 'invalid-json', message: `the line is not valid JSON: ${(e as Error).message.slice(0, 200)}` } };
  }
}

export async function* ndjsonRecords(input: Readable | AsyncIterable<Buffer | string>, options: NdjsonOptions = {}): AsyncGenerator<NdjsonRecord> {
  const maxLine = options.maxLineBytes ?? 64 * 1024;
  const maxBytes = options.maxBytes ?? Infinity;
  let line = 1;
  let parts: Buffer[] = [];
  let size = 0;
  let oversize = false;
  let total = 0;
  for await (const chunk of input as AsyncIterable<Buffer | string>) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    total += buf.length;
    if (total > maxBytes) {
      yield { line, error: { code: 'too-large', message: `the body is larger than ${maxBytes} bytes; lines from here on were not read` } };
      return;
    }
    let start = 0;
    for (let nl = buf.indexOf(10, start); nl !== -1; nl = buf.indexOf(10, start)) {
      const piece = buf.subarray(start, nl);
      start = nl + 1;
      if (oversize || size + piece.length > maxLine) {
        yield { line, error: { code: 'line-too-long', message: `the line is longer than ${maxLine} bytes` } };
      } else {
        const rec = parseLine(line, parts.length ? Buffer.concat([...parts, piece]) : piece);
        if (rec) yield rec;
      }
      line++;
      parts = [];
      size = 0;
      oversize = false;
    }
    const rest = buf.subarray(start);
    if (rest.length && !oversize) {
      if (size + rest.length > maxLine) {
        oversize = true;
        parts = [];
      } else {
        parts.push(Buffer.from(rest)); // copy: the chunk's memory may be reused
        size += rest.length;
      }
    }
  }
  if (oversize) yield { line, error: { code: 'line-too-long', message: `the line is longer than ${maxLine} bytes` } };
  else if (size) {
    const rec = parseLine(line, Buffer.concat(parts));
    if (rec) yield rec;
  }
}

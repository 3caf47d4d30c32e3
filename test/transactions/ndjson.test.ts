/** The generic streaming NDJSON processor (src/io/ndjson.ts). */
import { describe, expect, it } from 'vitest';
import { lines, processNdjson, runNdjson, type NdjsonRecord } from '../../src/io/ndjson.js';

const collect = async <T>(it: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
};

describe('lines', () => {
  it('splits across chunk boundaries, CRLF, a last line without newline, and multi-byte UTF-8 split between chunks', async () => {
    const bytes = Buffer.from('{"a":"要指示"}\r\n\n{"b":2}\n{"c":"劇薬"}', 'utf8');
    // cut inside a 3-byte character
    const cut = bytes.indexOf(Buffer.from('指', 'utf8')) + 1;
    const got = await collect(lines([bytes.subarray(0, cut), bytes.subarray(cut, cut + 7), bytes.subarray(cut + 7)]));
    expect(got).toEqual(['{"a":"要指示"}', '', '{"b":2}', '{"c":"劇薬"}']);
  });
  it('a CRLF split between chunks, and a line split at every byte', async () => {
    expect(await collect(lines(['{"a":1}\r', '\n{"b":2}\r\n']))).toEqual(['{"a":1}', '{"b":2}', '']);
    const bytes = Buffer.from('{"x":"毒薬"}\n{"y":"劇薬"}\n', 'utf8');
    expect(await collect(lines([...bytes].map((b) => Uint8Array.of(b))))).toEqual(['{"x":"毒薬"}', '{"y":"劇薬"}', '']);
  });
  it('an over-long line is reported by its length and not kept; the next line is read', async () => {
    const long = 'x'.repeat(5000);
    const got = await collect(lines([`{"a":1}\n${long.slice(0, 2000)}`, long.slice(2000), '\n{"b":2}\n'], 1000));
    expect(got).toEqual(['{"a":1}', { tooLong: 5000 }, '{"b":2}', '']);
  });
});

describe('processNdjson', () => {
  it('one record per non-blank line, in order, error records for bad lines, never stopping', async () => {
    const input = ['{"n":1}\n', 'garbage\n', '\n', '   \n', '{"n":2}\n[1]\n', '{"n":', '3}\n', '{"fail":true}\n', '{"n":4}'];
    const handle = (v: unknown) => {
      if (!v || typeof v !== 'object' || Array.isArray(v)) throw Object.assign(new Error('not an object'), { code: 'invalid-input' });
      if ((v as { fail?: boolean }).fail) throw new Error('handler failed');
      return (v as { n: number }).n;
    };
    const got = await collect(processNdjson(input, handle));
    expect(got.map((r) => [r.line, r.ok])).toEqual([
      [1, true],
      [2, false],
      [5, true],
      [6, false],
      [7, true],
      [8, false],
      [9, true],
    ]);
    expect((got[1] as Extract<NdjsonRecord<number>, { ok: false }>).error.code).toBe('invalid-json');
    expect((got[3] as Extract<NdjsonRecord<number>, { ok: false }>).error.code).toBe('invalid-input');
    expect((got[5] as Extract<NdjsonRecord<number>, { ok: false }>).error).toEqual({ code: 'error', message: 'handler failed' });
    expect(got.filter((r) => r.ok).map((r) => (r as { value: number }).value)).toEqual([1, 2, 3, 4]);
  });
  it('an asynchronous handler with random delays keeps input order', async () => {
    const input = Array.from({ length: 300 }, (_, i) => `{"i":${i}}\n`);
    let seed = 3;
    const rnd = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const got = await collect(processNdjson(input, (v) => new Promise<number>((res, rej) => setTimeout(() => ((v as { i: number }).i % 50 === 7 ? rej(new Error('x')) : res((v as { i: number }).i)), rnd() * 3)), { window: 16 }));
    expect(got.map((r) => r.line)).toEqual(input.map((_, i) => i + 1));
    expect(got.filter((r) => !r.ok)).toHaveLength(6);
  });
});

describe('runNdjson', () => {
  it('count-in = count-out on input mixed with malformed lines; {line, error} per bad line; summary', async () => {
    const good = Array.from({ length: 1000 }, (_, i) => JSON.stringify({ i }));
    const bad = ['{', 'nope', '{"i":', '"str"', 'null'];
    const all: string[] = [];
    good.forEach((g, i) => {
      all.push(g);
      if (i % 7 === 0) all.push(bad[i % bad.length]);
      if (i % 13 === 0) all.push('');
    });
    let text = '';
    const s = await runNdjson(
      [all.join('\n')],
      { write: (x) => void (text += x) },
      (v) => {
        if (!v || typeof v !== 'object') throw Object.assign(new Error('not a transaction'), { code: 'invalid-input', problems: [{ field: '', message: 'must be an object' }] });
        return { doubled: (v as { i: number }).i * 2 };
      },
    );
    const out = text.trim().split('\n').map((l) => JSON.parse(l) as { line: number; doubled?: number; error?: { code: string } });
    const nonBlank = all.filter((l) => l.trim()).length;
    expect(out).toHaveLength(nonBlank);
    expect(s.lines).toBe(nonBlank);
    expect(s.ok).toBe(1000);
    expect(s.failed).toBe(nonBlank - 1000);
    // in order, each good one kept with its line number
    expect(out.map((o) => o.line)).toEqual([...out.map((o) => o.line)].sort((a, b) => a - b));
    expect(out.filter((o) => o.doubled !== undefined).map((o) => o.doubled)).toEqual(good.map((_, i) => i * 2));
    for (const o of out) if (o.doubled === undefined) expect(['invalid-json', 'invalid-input']).toContain(o.error!.code);
    expect(s.blank).toBe(all.filter((l) => !l.trim()).length);
  });
  it('waits on a sink that asks for backpressure', async () => {
    let drains = 0;
    let written = 0;
    const sink = {
      write: (x: string) => {
        written += x.length;
        return false;
      },
      drain: () => {
        drains++;
        return Promise.resolve();
      },
    };
    await runNdjson(Array.from({ length: 2000 }, (_, i) => `{"i":${i}}\n`), sink, (v) => v, { chunk: 1024 });
    expect(drains).toBeGreaterThan(5);
    expect(written).toBeGreaterThan(2000 * 10);
  });
  it('progress goes to a terminal only', async () => {
    let p = '';
    await runNdjson(Array.from({ length: 3000 }, (_, i) => `{"i":${i}}\n`), { write: () => true }, (v) => v, { progress: { write: (x: string) => void (p += x), isTTY: false } });
    expect(p).toBe('');
  });
});

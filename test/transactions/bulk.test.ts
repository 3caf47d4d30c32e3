/**
 * Bulk transaction checks: memory stays flat on a long stream (a child process streams 80 000
 * generated lines, 2 % malformed, and reports heap after GC and RSS from after warm-up to the end
 * — bounded growth, no timing assertion), count-in = count-out, and the streaming library API
 * (async iterable in → async iterable out) in order, on mixed good and bad transactions.
 * A million lines were checked by hand with the same script (docs/transactions.md § Bulk).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openKnowledgeBase } from '../../src/kb.js';
import { sampleTransactions } from '../../src/transactions/sample.js';

describe('bulk transaction checks', () => {
  it('memory stays flat over a 80 000-line stream; one output line per non-blank input line', () => {
    const script = join(import.meta.dirname, 'fixtures', 'bulk-memory.mts');
    const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', script, '80000'], { encoding: 'utf8', cwd: join(import.meta.dirname, '..', '..'), maxBuffer: 1 << 20 });
    expect(r.status, r.stderr).toBe(0);
    const m = JSON.parse(r.stdout.trim().split('\n').pop()!) as { in: number; out: number; errors: number; summary: { lines: number; ok: number; failed: number; blank: number }; heapMaxGrowthMB: number; rssMaxGrowthMB: number; samples: number };
    expect(m.out).toBe(m.in);
    expect(m.summary.lines).toBe(m.in);
    expect(m.summary.ok + m.summary.failed).toBe(m.in);
    expect(m.errors).toBe(m.summary.failed);
    expect(m.summary.failed).toBeGreaterThan(m.in * 0.01);
    expect(m.summary.blank).toBe(Math.floor(m.in / 1000));
    expect(m.samples).toBeGreaterThanOrEqual(5);
    // flat: the retained heap does not grow with the input (caches are bounded); RSS within a bound
    expect(m.heapMaxGrowthMB).toBeLessThan(40);
    expect(m.rssMaxGrowthMB).toBeLessThan(120);
  }, 600_000);

  it('the streaming API: async iterable in, async iterable out, same order, an error entry per bad input', async () => {
    const kb = await openKnowledgeBase();
    const txs: unknown[] = [...sampleTransactions(300, { seed: 5 })];
    txs.splice(10, 0, { seller: {} }, 'not a transaction', null);
    txs.splice(200, 0, { date: '2024-02-30', seller: { license: 'tenpo' }, buyer: { kind: '飼育者' }, product: {} });
    async function* source() {
      for (const t of txs) {
        await new Promise((r) => setImmediate(r));
        yield t;
      }
    }
    const out = [];
    for await (const r of kb.checkTransactions(source(), { window: 8 })) out.push(r);
    expect(out.map((r) => r.index)).toEqual(txs.map((_, i) => i));
    const errs = out.filter((r) => r.error);
    expect(errs.map((r) => r.index)).toEqual([10, 11, 12, 200]);
    expect(errs[0].error!.code).toBe('invalid-transaction');
    expect(errs[3].error!.problems?.[0].field).toBe('/date');
    // each good answer equals the single check
    for (const i of [0, 9, 13, 150, 303]) expect(out[i].answer).toEqual(await kb.checkTransaction(txs[i]));
  });
});

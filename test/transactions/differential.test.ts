/**
 * The fast path and the json-rules-engine reference give the identical answer on a large generated
 * set of transactions (the bench mix, two seeds), and the NDJSON writer's text equals JSON.stringify.
 */
import { describe, expect, it } from 'vitest';
import { stringifyShared } from '../../src/io/ndjson.js';
import { openKnowledgeBase } from '../../src/kb.js';
import { checkTransactionFast } from '../../src/transactions/check.js';
import { sampleTransactions } from '../../src/transactions/sample.js';

describe('fast path = json-rules-engine reference', () => {
  it('1 200 generated transactions: identical answers; identical serialisation', async () => {
    const kb = await openKnowledgeBase();
    let n = 0;
    for (const seed of [3, 17]) {
      for (const tx of sampleTransactions(600, { seed, composed: 0.4 })) {
        const fast = await checkTransactionFast(kb.transactionContext, tx);
        const ref = await kb.checkTransaction(tx, { engine: 'json-rules-engine' });
        expect(fast, JSON.stringify(tx)).toEqual(ref);
        expect(stringifyShared(fast)).toBe(JSON.stringify(fast));
        n++;
      }
    }
    expect(n).toBe(1200);
  }, 300_000);

  it('answers share nothing a caller could change: shared parts are frozen', async () => {
    const kb = await openKnowledgeBase();
    const tx = { date: '2024-04-01', seller: { license: 'tenpo', manager: '薬剤師', handledBy: '薬剤師' }, buyer: { kind: '飼育者' }, product: { name: 'A', classification: { yoshiji: 'required', poison: 'none', designated: 'designated' }, expiryDate: '2025-01-01' }, documents: [] };
    const a = await kb.checkTransaction(tx);
    expect(() => {
      (a.findings[0] as { title: string }).title = 'x';
    }).toThrow();
    const b = await kb.checkTransaction(tx);
    expect(b.findings[0].title).not.toBe('x');
    a.findings.push(a.findings[0]); // the answer's own arrays are the caller's
    expect((await kb.checkTransaction(tx)).findings.length).toBe(b.findings.length);
  });
});

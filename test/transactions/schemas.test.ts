/** The answers validate against their published JSON Schemas (served by the HTTP API). */
import { describe, expect, it } from 'vitest';
import { openKnowledgeBase } from '../../src/kb.js';
import { schemaValidator } from '../../src/rules/input.js';
import { sampleTransactions } from '../../src/transactions/sample.js';

describe('answer schemas', () => {
  it('transaction answers (a generated mix) validate against transaction.answer.schema.json', async () => {
    const kb = await openKnowledgeBase();
    const v = schemaValidator('transaction.answer.schema.json');
    let n = 0;
    for (const tx of sampleTransactions(400, { seed: 23, composed: 0.4 })) {
      const a = JSON.parse(JSON.stringify(await kb.checkTransaction(tx)));
      expect(v(a), JSON.stringify(v.errors)).toBe(true);
      n++;
    }
    expect(n).toBe(400);
  });
  it('license answers validate against license.answer.schema.json and licenses.answer.schema.json', async () => {
    const kb = await openKnowledgeBase();
    const one = schemaValidator('license.answer.schema.json');
    const all = schemaValidator('licenses.answer.schema.json');
    const t = JSON.parse(JSON.stringify(kb.licenses({ asOf: '2024-04-01' })));
    expect(all(t), JSON.stringify(all.errors)).toBe(true);
    for (const l of t.licenses) {
      const a = JSON.parse(JSON.stringify(kb.license(l.id, { asOf: '2024-04-01' })));
      expect(one(a), `${l.id}: ${JSON.stringify(one.errors)}`).toBe(true);
    }
  });
  it('the request schema documents every field (description on each property)', async () => {
    const { readFileSync } = await import('node:fs');
    const s = JSON.parse(readFileSync(new URL('../../rules/schema/transaction.request.schema.json', import.meta.url), 'utf8'));
    const walk = (o: { properties?: Record<string, { description?: string; $ref?: string; properties?: object }> }, path: string) => {
      for (const [k, p] of Object.entries(o.properties ?? {})) {
        if (!p.$ref && !['id', 'address', 'count', 'value', 'unit', 'facility', 'species', 'name'].includes(k)) expect(p.description, `${path}/${k}`).toBeTruthy();
        walk(p as never, `${path}/${k}`);
      }
    };
    walk(s, '');
  });
});

describe('summary answers', () => {
  it('are the projection of the full answer, validate against their schema, and keep every verdict', async () => {
    const kb = await openKnowledgeBase();
    const v = schemaValidator('transaction-summary.answer.schema.json');
    for (const tx of sampleTransactions(300, { seed: 29, composed: 0.4 })) {
      const full = await kb.checkTransaction(tx);
      const s = await kb.checkTransaction(tx, { explain: 'summary' });
      expect(v(JSON.parse(JSON.stringify(s))), JSON.stringify(v.errors)).toBe(true);
      expect(s.ok).toBe(full.ok);
      expect(s.needs).toEqual(full.needs);
      expect(s.findings.map((f) => [f.ruleId, f.kind, f.citations])).toEqual(full.findings.map((f) => [f.ruleId, f.kind, f.citations.map((c) => c.id)]));
      expect((s.records ?? []).map((r) => [r.rule, r.holder, r.keepUntil])).toEqual((full.records ?? []).map((r) => [r.rule, r.holder, r.keepUntil]));
    }
  });
});

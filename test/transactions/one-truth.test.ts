/** X1: one truth for the Act periods — the retention rules record them; transactions take the date from kb.retention. */
import { describe, expect, it } from 'vitest';
import { openKnowledgeBase } from '../../src/kb.js';

const tx = {
  date: '2024-04-01',
  seller: { license: '店舗販売業', manager: '薬剤師', handledBy: '薬剤師' },
  buyer: { kind: '飼育者', name: '山田', age: 40 },
  product: { name: 'キシラジン注', ingredients: [{ name: 'キシラジン' }], dosageForm: '注射剤', species: ['猫'], expiryDate: '2026-03-31' },
  documents: ['獣医師の指示', '譲受人の文書'],
};

describe('Act periods: one truth (retention ↔ transactions)', () => {
  it('the transaction rules keep no copy of the 第164条 / 第169条 periods', async () => {
    const kb = await openKnowledgeBase();
    for (const id of ['transactions.yoshiji.ledger', 'transactions.poison.document']) {
      const r = kb.ruleset.familyRule<{ records: { article: string; period?: unknown }[] }>(id)!;
      for (const rec of r.spec.records) expect(rec.period, `${id} ${rec.article}`).toBeUndefined();
    }
  });
  it('kb.retention and the transaction give the same day, with the Act source and the last-entry caveat', async () => {
    const kb = await openKnowledgeBase();
    const ledger = kb.retention({ article: '第169条', facts: { lastEntryDate: '2024-04-01' }, asOf: '2024-04-01' });
    const doc = kb.retention({ article: '第164条', facts: { recordDate: '2024-04-01' }, asOf: '2024-04-01' });
    expect(ledger).toMatchObject({ status: 'computed', keepUntil: '2026-04-01', rule: { basis: 'act', provenance: { curated: true } } });
    expect(ledger.rule.provenance!.reasoning).toContain('法第49条第3項');
    expect(ledger.reasons.map((r) => r.code)).toContain('act-period-curated');
    expect(ledger.caveats.join(' ')).toMatch(/does not hold/);
    expect(doc).toMatchObject({ status: 'computed', keepUntil: '2026-04-01' });
    const a = await kb.checkTransaction(tx as never);
    const l = a.records!.find((r) => r.rule === 'transactions.yoshiji.ledger')!;
    const d = a.records!.find((r) => r.rule === 'transactions.poison.document')!;
    expect(l).toMatchObject({ holder: '店舗販売業者', keepUntil: ledger.keepUntil, deadline: { source: 'retention', retentionRule: 'retention.A169-P1' } });
    expect(d).toMatchObject({ holder: '店舗販売業者', keepUntil: doc.keepUntil, deadline: { source: 'retention', retentionRule: 'retention.A164-P1' } });
    expect(l.deadline.reasons!.map((r) => r.code)).toEqual(expect.arrayContaining(['act-period-curated', 'from-last-entry']));
    expect(l.deadline.reasons!.map((r) => r.code)).not.toContain('period-from-rule');
  });
  it('the keeper is the seller as the ordinance names it, for every seller licence (never the class name 薬局開設者等)', async () => {
    const kb = await openKnowledgeBase();
    for (const [license, holder] of [['店舗販売業', '店舗販売業者'], ['配置販売業', '配置販売業者'], ['卸売販売業', '卸売販売業者'], ['動物用医薬品特例店舗販売業', '動物用医薬品特例店舗販売業者'], ['薬局', '薬局開設者']]) {
      const a = await kb.checkTransaction({ ...tx, seller: { ...tx.seller, license } } as never, { asOf: '2024-04-01' });
      for (const rule of ['transactions.yoshiji.ledger', 'transactions.poison.document']) {
        const r = a.records!.find((x) => x.rule === rule)!;
        expect(r, `${license} ${rule}`).toBeDefined();
        expect(r.holder, `${license} ${rule}`).toBe(holder);
        expect(r.keepUntil, `${license} ${rule}`).toBe('2026-04-01');
      }
    }
  });
});

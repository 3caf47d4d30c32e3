/** Report kinds are versioned like every rule: the answer follows the rule in force on asOf (fixture with a fictitious amendment). */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openKnowledgeBase } from '../../src/kb.js';

const rulesDir = join(import.meta.dirname, 'fixtures', 'rules');
const q = (asOf: string) => ({ event: { kind: 'adverse-reaction', productType: '医薬品', outcome: 'death' }, holder: '製造販売業者', facts: { learnedDate: '2030-03-31' }, asOf }) as const;

describe('reports: versioning', () => {
  it('applies the rule in force on asOf, with the same content hash', async () => {
    const kb = await openKnowledgeBase({ rulesDir });
    const before = kb.reportDeadline(q('2030-03-31') as never);
    const after = kb.reportDeadline(q('2030-04-01') as never);
    expect(before.rule?.id).toBe('reports.a184-16.drug-death');
    expect(before.dueDate).toBe('2030-04-30');
    expect(after.rule?.id).toBe('reports.a184-16.drug-death~2030-04-01');
    expect(after.dueDate).toBe('2030-04-15');
    expect(after.contentHash).toBe(before.contentHash);
    expect(kb.reportObligations({ holder: '製造販売業者', asOf: '2030-04-01' }).obligations.map((o) => o.deadline)).toEqual(['前項に規定する事項を知った日から15日以内（初日不算入（民法第140条本文））']);
  });

  it('rejects an asOf before the earliest encoded state', async () => {
    const kb = await openKnowledgeBase({ rulesDir });
    expect(() => kb.reportDeadline(q('2019-03-28') as never)).toThrow(/earliest/);
  });
});

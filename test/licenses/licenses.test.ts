/** kb.licenses / kb.license: resolution, versioning, validity, records from retention, errors. */
import { describe, expect, it } from 'vitest';
import { openKnowledgeBase } from '../../src/kb.js';
import { LicenseNotFoundError, license as licenseOf, type LicenseContext } from '../../src/licenses/licenses.js';
import { AsOfError } from '../../src/rules/ruleset.js';

const asOf = '2024-04-01';

describe('kb.license', () => {
  it('resolves ids, short ids, Japanese names, aliases and a unique part of a name (NFKC, spaces ignored)', async () => {
    const kb = await openKnowledgeBase();
    for (const q of ['licenses.oroshi', 'oroshi', '卸売販売業', '卸売販売業者', 'wholesaler', ' 卸 売 ', 'ＯＲＯＳＨＩ']) expect(kb.license(q, { asOf }).license.id, q).toBe('licenses.oroshi');
  });
  it('an ambiguous part of a name or an unknown name is an error with the nearest names', async () => {
    const kb = await openKnowledgeBase();
    expect(() => kb.license('製造', { asOf })).toThrow(LicenseNotFoundError);
    try {
      kb.license('配置販売行', { asOf });
    } catch (e) {
      expect((e as LicenseNotFoundError).suggestions).toContain('配置販売業');
    }
  });
  it('asOf before the encoded state is an AsOfError; the answer carries asOf and the envelope', async () => {
    const kb = await openKnowledgeBase();
    expect(() => kb.license('店舗販売業', { asOf: '2010-01-01' })).toThrow(AsOfError);
    const a = kb.license('店舗販売業', { asOf });
    expect(a).toMatchObject({ asOf, rulesetVersion: expect.any(String), contentHash: expect.any(String) });
    expect(a.caveats.some((c) => c.includes('not in the corpus'))).toBe(true);
  });
  it('a validity the Act sets is unknown (source-not-available) unless the rule records the Act source', async () => {
    const kb = await openKnowledgeBase();
    const maker = kb.license('製造販売業', { asOf }).license.validity.period;
    expect(maker.status).toBe('unknown');
    expect(maker.reasons[0]).toMatchObject({ code: 'source-not-available' });
    expect(maker.act).toBe('法第12条第2項');
    const store = kb.license('店舗販売業', { asOf }).license.validity.period;
    expect(store.status).toBe('act');
    expect(store.provenance?.curated).toBe(true);
    expect(store.reasons).toEqual([]);
  });
  it('records come from the retention question, with what reaches the licence through 準用', async () => {
    const kb = await openKnowledgeBase();
    const o = kb.license('卸売販売業', { asOf }).license.records;
    const viaRetention = o.filter((r) => r.source === 'retention');
    expect(viaRetention.length).toBeGreaterThanOrEqual(3);
    expect(viaRetention.map((r) => r.retentionRule)).toContain('retention.A104_2-P1~A110_4');
    expect(viaRetention.find((r) => r.retentionRule === 'retention.A104-P3~A110_4')?.periodText).toContain('2年');
  });
  it('without the retention question the license rule’s own records are answered (source: license)', async () => {
    const kb = await openKnowledgeBase();
    const ctx: LicenseContext = { ruleset: kb.ruleset, corpus: kb.corpus, annotations: kb.annotations };
    const r = licenseOf(ctx, 'tenpo', { asOf }).license.records;
    expect(r.every((x) => x.source === 'license')).toBe(true);
    expect(r.find((x) => x.citations.some((c) => c.id === 'A104-P3'))?.period).toEqual({ years: 2 });
  });
  it('the table: 19 categories, each with type, holder, grantor and products', async () => {
    const kb = await openKnowledgeBase();
    const t = kb.licenses({ asOf });
    expect(t.licenses).toHaveLength(19);
    expect(new Set(t.licenses.map((l) => l.type))).toEqual(new Set(['許可', '登録', '認定', '届出']));
    for (const l of t.licenses) expect(l.holder && l.grantor && l.products.length).toBeTruthy();
  });
});

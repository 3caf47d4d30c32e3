/**
 * The license scenario runner: every case of test/scenarios/licenses/*.yaml (a query by id, name or
 * alias → what the answer must hold). Also checks the table: every license type issue #9 lists is
 * there, and every statement of every license carries citations with excerpts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { openKnowledgeBase, type KnowledgeBase } from '../../src/kb.js';
import { LicenseNotFoundError } from '../../src/licenses/licenses.js';
import type { CitationView } from '../../src/rules/answer.js';

const dir = join(import.meta.dirname, 'licenses');
let kb: KnowledgeBase | undefined;
const getKb = async () => (kb ??= await openKnowledgeBase());
const asOf = '2024-04-01';
const ids = (c: CitationView[]) => c.map((x) => x.id);

interface Expect {
  id?: string;
  type?: string;
  grantorCites?: string[];
  validity?: string;
  validityReason?: string;
  renewalCites?: string[];
  products?: string[];
  buyers?: string;
  buyersAllowed?: string[];
  buyersCites?: string[];
  staffing?: { role: string; years?: number; cites?: string[] }[];
  records?: string[];
  designatedCites?: string[];
  designatedBasis?: string;
  designatedGuidance?: string[];
  yoshijiCites?: string[];
  itemsCites?: string[];
  activityCites?: string[];
  kinds?: string[];
  divisions?: string[];
  divisionCites?: string[];
  error?: string;
  suggestions?: string[];
}

describe('license scenarios', () => {
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml'))) {
    for (const c of parse(readFileSync(join(dir, file), 'utf8')) as { name: string; query: string; expect: Expect }[]) {
      it(`${file}: ${c.name}`, async () => {
        const k = await getKb();
        const e = c.expect;
        if (e.error) {
          let err: unknown;
          try {
            k.license(c.query, { asOf });
          } catch (x) {
            err = x;
          }
          expect(err).toBeInstanceOf(LicenseNotFoundError);
          expect((err as LicenseNotFoundError).code).toBe(e.error);
          for (const s of e.suggestions ?? []) expect((err as LicenseNotFoundError).suggestions).toContain(s);
          return;
        }
        const a = k.license(c.query, { asOf });
        const l = a.license;
        expect(a.asOf).toBe(asOf);
        if (e.id) expect(l.id).toBe(e.id);
        if (e.type) expect(l.type).toBe(e.type);
        for (const x of e.grantorCites ?? []) expect(ids(l.grantor.citations)).toContain(x);
        if (e.validity) expect(l.validity.period.status).toBe(e.validity);
        if (e.validityReason) expect(l.validity.period.reasons.map((r) => r.code)).toContain(e.validityReason);
        for (const x of e.renewalCites ?? []) expect(ids(l.validity.renewal.citations)).toContain(x);
        if (e.products) expect(l.products).toEqual(e.products);
        if (e.buyers) expect(l.may.buyers?.scope).toBe(e.buyers);
        for (const x of e.buyersAllowed ?? []) expect(l.may.buyers?.allowed).toContain(x);
        for (const x of e.buyersCites ?? []) expect(ids(l.may.buyers?.citations ?? [])).toContain(x);
        for (const s of e.staffing ?? []) {
          const hit = l.staffing.find((x) => x.role === s.role && (s.years === undefined || x.qualifications.some((q) => q.years === s.years)) && (s.cites === undefined || s.cites.every((id) => [...ids(x.citations), ...x.qualifications.flatMap((q) => ids(q.citations))].includes(id))));
          expect(hit, `staffing ${JSON.stringify(s)} in ${JSON.stringify(l.staffing.map((x) => x.role))}`).toBeDefined();
        }
        for (const r of e.records ?? []) expect(l.records.map((x) => x.retentionRule)).toContain(r);
        for (const x of e.designatedCites ?? []) expect(ids(l.designated?.citations ?? [])).toContain(x);
        if (e.designatedBasis) expect(l.designated?.basis).toBe(e.designatedBasis);
        for (const g of e.designatedGuidance ?? []) {
          const hit = l.designated?.guidance?.find((x) => x.id === g);
          expect(hit?.excerpt.length).toBeGreaterThan(0);
        }
        for (const x of e.yoshijiCites ?? []) expect(ids(l.yoshiji?.citations ?? [])).toContain(x);
        for (const x of e.itemsCites ?? []) expect(ids(l.may.items?.citations ?? [])).toContain(x);
        for (const x of e.activityCites ?? []) expect(l.may.activities.flatMap((a) => ids(a.citations))).toContain(x);
        if (e.kinds) expect(l.kinds.map((k) => k.id)).toEqual(e.kinds);
        for (const d of e.divisions ?? []) expect(l.divisions.map((k) => k.id)).toContain(d);
        for (const x of e.divisionCites ?? []) expect(l.divisions.flatMap((d) => ids(d.citations))).toContain(x);
      });
    }
  }

  it('the table covers every license type of issue #9, each with citations and excerpts', async () => {
    const k = await getKb();
    const t = k.licenses({ asOf });
    const names = [
      '医薬品等製造販売業(医薬品・医薬部外品)', '医薬品等製造業(医薬品・医薬部外品)', '医療機器等製造業の登録', '医薬品等外国製造業者の認定', '医療機器等外国製造業者の登録',
      '店舗販売業', '配置販売業', '配置従事の届出', '卸売販売業', '動物用医薬品特例店舗販売業', '高度管理医療機器等の販売業・貸与業',
      '管理医療機器の販売業・貸与業の届出', '医療機器修理業', '再生医療等製品販売業', '登録販売者の販売従事登録',
    ];
    for (const n of names) expect(t.licenses.map((l) => l.name)).toContain(n);
    expect(t.licenses.length).toBeGreaterThanOrEqual(19);
    for (const row of t.licenses) {
      const l = k.license(row.id, { asOf }).license;
      const all: CitationView[] = [...l.citations, ...l.grantor.citations, ...l.may.activities.flatMap((a) => a.citations), ...l.records.flatMap((r) => r.citations), ...l.staffing.flatMap((s) => s.citations)];
      expect(l.citations.length, l.id).toBeGreaterThan(0);
      expect(l.grantor.citations.length, `${l.id} grantor`).toBeGreaterThan(0);
      for (const a of l.may.activities) expect(a.citations.length, `${l.id} activity ${a.text}`).toBeGreaterThan(0);
      for (const c of all) expect(c.excerpt.length, `${l.id} ${c.id}`).toBeGreaterThan(0);
      // a validity left to the Act is unknown (source-not-available) unless the rule records the Act source
      if (l.validity.period.status === 'unknown') expect(l.validity.period.reasons[0].code).toBe('source-not-available');
      if (l.validity.period.status === 'act') expect(l.validity.period.provenance?.curated).toBe(true);
      expect(l.records.length, `${l.id} records`).toBeGreaterThan(0);
    }
  });

  it('every alias and name resolves to its own license, and the envelope is there', async () => {
    const k = await getKb();
    for (const row of k.licenses({ asOf }).licenses) {
      const l = k.license(row.id, { asOf }).license;
      for (const n of [l.name, l.id, l.id.replace('licenses.', ''), ...l.aliases]) expect(k.license(n, { asOf }).license.id, n).toBe(l.id);
    }
    const a = k.licenses({ asOf });
    expect(a.rulesetVersion).toBeTruthy();
    expect(a.contentHash).toBeTruthy();
  });
});

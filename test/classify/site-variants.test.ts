/** QA C2: 皮膚 is a listed variant of the site 外皮 (docs/contracts.md: known variants normalised explicitly, never fuzzily). */
import { describe, expect, it } from 'vitest';
import { openKnowledgeBase } from '../../src/kb.js';
import { checkProduct, ProductError, siteVariants } from '../../src/classify/product.js';
import { runCli } from '../helpers/cli.js';

const product = (site: string) => ({ ingredients: [{ name: 'イベルメクチン' }], dosageForm: '外用剤', applicationSite: site, species: ['犬'] });

describe('application site variants', () => {
  it('皮膚 → 外皮, the same answer as 外皮', async () => {
    expect(siteVariants).toEqual({ 皮膚: '外皮' });
    expect(checkProduct(product('皮膚')).applicationSite).toBe('外皮');
    const kb = await openKnowledgeBase();
    const a = await kb.classify(product('皮膚'), { asOf: '2024-04-01' });
    const b = await kb.classify(product('外皮'), { asOf: '2024-04-01' });
    expect(a.yoshiji.status).toBe(b.yoshiji.status);
    expect(a.yoshiji.status).toBe('required');
    expect(a.poison.status).toBe(b.poison.status);
    expect(a.designated.status).toBe(b.designated.status);
  });
  it('a word not listed stays an error naming /applicationSite (no fuzzy match)', () => {
    expect(() => checkProduct(product('肌'))).toThrow(ProductError);
    try {
      checkProduct(product('皮ふ'));
    } catch (e) {
      expect((e as ProductError).problems[0].field).toBe('/applicationSite');
    }
  });
  it('CLI: --site 皮膚 answers (exit 0)', async () => {
    const r = await runCli(['classify', '--ingredient', 'イベルメクチン', '--form', '外用剤', '--site', '皮膚', '--species', '犬', '--as-of', '2024-04-01', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).yoshiji.status).toBe('required');
  });
});

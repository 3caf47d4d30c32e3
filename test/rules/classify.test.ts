import { describe, expect, it, vi } from 'vitest';
import { classify, type Product } from '../../src/classify/classify.js';
import { ProductError } from '../../src/classify/product.js';
import { AsOfError, loadRuleset } from '../../src/rules/ruleset.js';
import { fakeDictionary, realCorpus, rulesDir } from './helpers.js';

const corpus = realCorpus();
const rs = loadRuleset(rulesDir, { corpus });
const dict = fakeDictionary();
const asOf = '2024-04-01';
const run = (p: Product, o: { asOf?: string } = { asOf }) => classify(rs, dict, corpus, p, o);
const ivm = (content?: Product['ingredients'][number]['content']) => [{ name: 'イベルメクチン', ...(content ? { content } : {}) }];

describe('answers explain themselves', () => {
  it('carries ruleset version, content hash, asOf, the caveat, and citations with excerpts', async () => {
    const a = await run({ ingredients: ivm({ value: 0.5, unit: '%' }), dosageForm: '外用剤', applicationSite: '外皮', species: ['猫'] });
    expect(a.rulesetVersion).toBe(rs.version);
    expect(a.contentHash).toBe(rs.contentHash);
    expect(a.asOf).toBe(asOf);
    expect(a.caveats.join(' ')).toContain('later amendments are not encoded');
    expect(a.yoshiji.status).toBe('required');
    expect(a.yoshiji.decidedBy).toEqual(expect.arrayContaining(['A168', 'T3-H', 'T3-E7']));
    const listing = a.yoshiji.matched.find((m) => m.rule === 'yoshiji.T3-E7')!;
    expect(listing.ingredient).toMatchObject({ input: 'イベルメクチン', key: 'イベルメクチン', path: 'exact' });
    expect(listing.conditions).toContainEqual(expect.objectContaining({ fact: 'species', factValue: ['猫'], result: true }));
    const cite = listing.citations.find((c) => c.id === 'T3-E7')!;
    expect(cite.label).toBe('別表第3第7号');
    expect(cite.excerpt).toBe('イベルメクチン(犬又は猫に使用することを目的とするものに限る。)');
    expect(a.yoshiji.matched.some((m) => m.role === 'carve-back' && m.rule === 'yoshiji.T3-H.external#ivermectin-skin-dog-cat')).toBe(true);
  });
  it('defaults asOf to today', async () => {
    const a = await classify(rs, dict, corpus, { ingredients: ivm(), dosageForm: '原体', species: ['犬'] });
    expect(a.asOf).toBe(new Date().toISOString().slice(0, 10));
  });
  it('an asOf before the earliest encoded state is an error, not a guess', async () => {
    await expect(run({ ingredients: ivm(), dosageForm: '原体', species: ['犬'] }, { asOf: '2015-01-01' })).rejects.toThrow(
      new AsOfError('asOf 2015-01-01 is before the earliest encoded state (2019-03-29)'),
    );
    await expect(run({ ingredients: ivm(), dosageForm: '原体', species: ['犬'] }, { asOf: '2024-02-30' })).rejects.toThrow(/asOf must be a date YYYY-MM-DD/);
  });
  it('only candidate rules are evaluated (substance index), never every rule', async () => {
    const spy = vi.spyOn(rs, 'compiled');
    await run({ ingredients: ivm({ value: 2, unit: '%' }), dosageForm: '注射剤', species: ['牛'] });
    const evaluated = new Set(spy.mock.calls.map((c) => c[0].id));
    spy.mockRestore();
    expect(evaluated.size).toBeLessThan(12);
    expect(rs.rules.length).toBeGreaterThan(200);
  });
});

describe('product validation names the field', () => {
  const bad = async (p: unknown) => {
    try {
      await run(p as Product);
    } catch (e) {
      expect(e).toBeInstanceOf(ProductError);
      return (e as Error).message;
    }
    throw new Error('expected a ProductError');
  };
  it('a unit not in the list', async () => {
    expect(await bad({ ingredients: [{ name: 'X', content: { value: 1, unit: 'ppm' } }], dosageForm: '注射剤', species: ['牛'] })).toContain('/ingredients/0/content/unit: must be one of %, g, mg, µg');
  });
  it('no ingredients, no dosage form, a non-number', async () => {
    expect(await bad({ ingredients: [], dosageForm: '注射剤' })).toContain('/ingredients: must have at least 1 item');
    expect(await bad({ ingredients: [{ name: 'X' }] })).toContain('/dosageForm: is required');
    expect(await bad({ ingredients: [{ name: 'X', content: { value: '1', unit: '%' } }], dosageForm: '注射剤' })).toContain('/ingredients/0/content/value: must be number');
  });
});

describe('要指示 (別表第3)', () => {
  it('species: English names accepted; other animals only → not_required (species-out-of-scope); none given → unknown', async () => {
    expect((await run({ ingredients: ivm(), dosageForm: '内用剤', species: ['dog'] })).yoshiji.status).toBe('required');
    const rabbit = await run({ ingredients: [{ name: 'ゲンタマイシン' }], dosageForm: '注射剤', species: ['うさぎ'] });
    expect(rabbit.yoshiji.status).toBe('not_required');
    expect(rabbit.yoshiji.reasons[0].code).toBe('species-out-of-scope');
    const none = await run({ ingredients: [{ name: 'ゲンタマイシン' }], dosageForm: '注射剤' });
    expect(none.yoshiji.status).toBe('unknown');
    expect(none.yoshiji.reasons).toContainEqual(expect.objectContaining({ code: 'missing-fact', field: '/species' }));
  });
  it('乳牛 is not mapped to 牛 (only exact species): an unrecognised species → unknown (unknown-species, suggesting 牛)', async () => {
    const a = await run({ ingredients: [{ name: 'ゲンタマイシン' }], dosageForm: '注射剤', species: ['乳牛'] });
    expect(a.yoshiji.status).toBe('unknown');
    expect(a.yoshiji.reasons[0]).toMatchObject({ code: 'unknown-species', field: '/species/0' });
    expect(a.yoshiji.reasons[0].suggestions).toContain('牛');
  });
  it('entries limited to 犬又は猫 / 猫', async () => {
    expect((await run({ ingredients: ivm(), dosageForm: '内用剤', species: ['牛'] })).yoshiji.status).toBe('not_required');
    expect((await run({ ingredients: [{ name: 'エプリノメクチン' }], dosageForm: '注射剤', species: ['犬'] })).yoshiji.status).toBe('not_required');
    expect((await run({ ingredients: [{ name: 'エプリノメクチン' }], dosageForm: '注射剤', species: ['猫'] })).yoshiji.status).toBe('required');
  });
  it('製剤である外用剤 are excluded, with the carve-backs', async () => {
    const skin = await run({ ingredients: [{ name: 'ゲンタマイシン' }], dosageForm: '外用剤', applicationSite: '外皮', species: ['犬'] });
    expect(skin.yoshiji.status).toBe('not_required');
    expect(skin.yoshiji.decidedBy).toEqual(expect.arrayContaining(['T3-H', 'T3-E34']));
    expect((await run({ ingredients: [{ name: 'ゲンタマイシン' }], dosageForm: '外用剤', applicationSite: '眼', species: ['犬'] })).yoshiji.status).toBe('required');
    expect((await run({ ingredients: [{ name: '硫酸ゲンタマイシン' }], dosageForm: '点眼剤', species: ['犬'] })).yoshiji.status).toBe('required');
    expect((await run({ ingredients: [{ name: 'オフロキサシン' }], dosageForm: '外皮用剤', species: ['犬'] })).yoshiji.status).toBe('required');
    expect((await run({ ingredients: [{ name: 'プロゲステロン' }], dosageForm: '外用剤', applicationSite: '膣内', species: ['牛'] })).yoshiji.status).toBe('required');
    expect((await run({ ingredients: [{ name: 'プロゲステロン' }], dosageForm: '外用剤', applicationSite: '外皮', species: ['牛'] })).yoshiji.status).toBe('not_required');
    expect((await run({ ingredients: [{ name: 'モキシデクチン' }], dosageForm: '外用剤', applicationSite: '外皮', species: ['牛'] })).yoshiji.status).toBe('not_required');
    expect((await run({ ingredients: [{ name: 'エプリノメクチン' }], dosageForm: '外用剤', applicationSite: '外皮', species: ['猫'] })).yoshiji.status).toBe('required');
  });
  it('a 外用剤 without its application site → unknown, naming /applicationSite', async () => {
    const a = await run({ ingredients: [{ name: 'ゲンタマイシン' }], dosageForm: '外用剤', species: ['犬'] });
    expect(a.yoshiji.status).toBe('unknown');
    expect(a.yoshiji.reasons).toContainEqual(expect.objectContaining({ code: 'missing-fact', field: '/applicationSite' }));
  });
  it('the 原体 of a listed substance is covered too (その誘導体及びそれらの塩類並びにこれらを含有する製剤)', async () => {
    expect((await run({ ingredients: [{ name: 'ゲンタマイシン' }], dosageForm: '原体', species: ['牛'] })).yoshiji.status).toBe('required');
  });
  it('ワクチン except 鶏痘ワクチン (第53号)', async () => {
    expect((await run({ ingredients: [{ name: '豚丹毒ワクチン' }], dosageForm: '注射剤', species: ['豚'] })).yoshiji.status).toBe('required');
    const fowlpox = await run({ ingredients: [{ name: '鶏痘ワクチン' }], dosageForm: '注射剤', species: ['鶏'] });
    expect(fowlpox.yoshiji.status).toBe('not_required');
    expect(fowlpox.yoshiji.decidedBy).toContain('T3-E53');
  });
  it('a class member (アモキシシリン → ペニシリン) and a salt through a chain', async () => {
    const a = await run({ ingredients: [{ name: '塩酸アモキシシリン' }], dosageForm: '注射剤', species: ['豚'] });
    expect(a.yoshiji.status).toBe('required');
    expect(a.yoshiji.decidedBy).toContain('T3-E115');
  });
});

describe('thresholds', () => {
  it('以下 is inclusive: イベルメクチン1%の注射剤 is excepted from 劇薬第5号, 1・01% is not', async () => {
    const at = await run({ ingredients: ivm({ value: 1, unit: '%' }), dosageForm: '注射剤', species: ['牛'] });
    // excepted from 別表第2, which settles its own substances (issue 8: guidance 12畜A第728号 第5 1(1))
    expect(at.poison.status).toBe('none');
    expect(at.poison.basis).toBe('guidance');
    expect(at.poison.reasons[0].code).toBe('guidance-basis');
    const above = await run({ ingredients: ivm({ value: 1.01, unit: '%' }), dosageForm: '注射剤', species: ['牛'] });
    expect(above.poison.status).toBe('劇薬');
    expect(above.poison.decidedBy).toContain('T2-GEKI-E5');
  });
  it('missing content where a threshold decides → unknown with the field path', async () => {
    const a = await run({ ingredients: ivm(), dosageForm: '注射剤', species: ['牛'] });
    expect(a.poison.status).toBe('unknown');
    expect(a.poison.reasons).toContainEqual(expect.objectContaining({ code: 'missing-fact', field: '/ingredients/0/content' }));
  });
  it('Xとして: content in another basis → unknown naming content/as; the same salt under another name compares', async () => {
    const base = await run({ ingredients: [{ name: 'アチパメゾール', content: { value: 0.5, unit: '%' } }], dosageForm: '注射剤', species: ['犬'] });
    expect(base.poison.status).toBe('unknown');
    expect(base.poison.reasons).toContainEqual(expect.objectContaining({ code: 'missing-fact', field: '/ingredients/0/content/as' }));
    const salt = await run({ ingredients: [{ name: 'アチパメゾール塩酸塩', content: { value: 0.5, unit: '%' } }], dosageForm: '注射剤', species: ['犬'] });
    expect(salt.poison.reasons[0].code).toBe('guidance-basis');
    const declared = await run({ ingredients: [{ name: 'アチパメゾール', content: { value: 0.6, unit: '%', as: '塩酸アチパメゾール' } }], dosageForm: '注射剤', species: ['犬'] });
    expect(declared.poison.status).toBe('劇薬');
  });
  it('units that cannot be compared → unknown naming content/unit', async () => {
    const a = await run({ ingredients: [{ name: 'ツラスロマイシン', content: { value: 10, unit: '%' } }], dosageForm: '注射剤', species: ['牛'] });
    expect(a.poison.status).toBe('unknown');
    expect(a.poison.reasons).toContainEqual(expect.objectContaining({ field: '/ingredients/0/content/unit' }));
    const b = await run({ ingredients: [{ name: 'ツラスロマイシン', content: { value: 100, unit: 'mg力価', per: { value: 1, unit: 'mL' } } }], dosageForm: '注射剤', species: ['牛'] });
    expect(b.poison.reasons[0].code).toBe('guidance-basis');
  });
  it('300ミリグラム中20ミリグラム compares with a percentage', async () => {
    const a = await run({ ingredients: [{ name: 'フルニキシン', content: { value: 6.6, unit: '%' } }], dosageForm: '内用剤', species: ['馬'] });
    expect(a.poison.status).toBe('none');
    const b = await run({ ingredients: [{ name: 'フルニキシン', content: { value: 6.7, unit: '%' } }], dosageForm: '内用剤', species: ['馬'] });
    expect(b.poison.status).toBe('劇薬');
  });
});

describe('毒薬・劇薬 and 指定医薬品', () => {
  it('the substance alone (原体) is 毒薬; 指定 by 第1号 and 第4号', async () => {
    const a = await run({ ingredients: ivm(), dosageForm: '原体', species: ['犬'] });
    expect(a.poison.status).toBe('毒薬');
    expect(a.designated.status).toBe('designated');
    expect(a.designated.decidedBy).toEqual(expect.arrayContaining(['T1-E1', 'T1-E4-E3', 'T2-DOKU-E2']));
  });
  it('第3号 抗生物質製剤: designated, except non-eye/uterine 外用剤', async () => {
    expect((await run({ ingredients: [{ name: 'ゲンタマイシン' }], dosageForm: '注射剤', species: ['牛'] })).designated.status).toBe('designated');
    expect((await run({ ingredients: [{ name: 'ゲンタマイシン' }], dosageForm: '外用剤', applicationSite: '子宮内', species: ['牛'] })).designated.status).toBe('designated');
    const skin = await run({ ingredients: [{ name: 'ゲンタマイシン' }], dosageForm: '外用剤', applicationSite: '外皮', species: ['牛'] });
    // 第3号 excepts it; whether 第1号/第2号 apply depends on the poison status, which is unknown
    expect(skin.designated.status).toBe('unknown');
    expect(skin.designated.reasons[0].code).toBe('source-not-available');
  });
  it('第4号: 外用剤 excluded except セラメクチン外皮用剤', async () => {
    const sel = await run({ ingredients: [{ name: 'セラメクチン' }], dosageForm: '外用剤', applicationSite: '外皮', species: ['猫'] });
    expect(sel.designated.status).toBe('designated');
    expect(sel.designated.decidedBy).toEqual(expect.arrayContaining(['T1-E4-E24']));
  });
  it('劇薬 is designated (第2号) unless it is one of the 8 listed', async () => {
    const a = await run({ ingredients: [{ name: 'フルニキシン', content: { value: 10, unit: '%' } }], dosageForm: '注射剤', species: ['馬'] });
    expect(a.poison.status).toBe('劇薬');
    expect(a.designated.status).toBe('designated');
    expect(a.designated.decidedBy).toEqual(expect.arrayContaining(['T1-E2', 'T1-E4-E42']));
  });
});

describe('unrecognised ingredients', () => {
  it('every family unknown, with unknown-ingredient and suggestions', async () => {
    const a = await run({ ingredients: [{ name: 'イベルメクチソ' }], dosageForm: '注射剤', species: ['犬'] });
    for (const f of [a.yoshiji, a.poison, a.designated]) {
      expect(f.status).toBe('unknown');
      expect(f.reasons[0]).toMatchObject({ code: 'unknown-ingredient', field: '/ingredients/0/name' });
      expect(f.reasons[0].suggestions).toContain('イベルメクチン');
    }
  });
  it('an answer no further ingredient could change stands (required beside an unknown one)', async () => {
    const a = await run({ ingredients: [...ivm(), { name: 'なにか' }], dosageForm: '内用剤', species: ['犬'] });
    expect(a.yoshiji.status).toBe('required');
    expect(a.yoshiji.reasons.some((r) => r.code === 'unknown-ingredient')).toBe(true);
    expect(a.poison.status).toBe('unknown');
  });
});

describe('several statements of one amount (contents)', () => {
  const selenite = (contents: Product['ingredients'][number]['contents'], content?: Product['ingredients'][number]['content']) => ({
    ingredients: [{ name: '亜セレン酸ナトリウム', ...(content ? { content } : {}), contents }],
    dosageForm: '注射剤',
    species: ['牛'],
  });
  it('each threshold takes the first comparable statement', async () => {
    const a = await run(
      selenite([{ value: 100, unit: 'µg', per: { value: 1, unit: 'バイアル' }, as: 'セレン' }], { value: 0.25, unit: '%', as: 'セレン' }),
    );
    // 別表第2 毒薬第1号's proviso (セレンとして0・25%以下) compares with the %, the per-vial amount is there for 第163条
    expect(a.poison.status).toBe('劇薬');
    expect(a.poison.decidedBy).toContain('T2-GEKI-E1');
  });
  it('no comparable statement → unknown, naming the first statement', async () => {
    const a = await run(selenite([{ value: 100, unit: 'µg', per: { value: 1, unit: 'バイアル' }, as: 'セレン' }]));
    expect(a.poison.status).toBe('unknown');
    expect(a.poison.reasons).toContainEqual(expect.objectContaining({ code: 'missing-fact', field: '/ingredients/0/contents/0/unit' }));
  });
  it('容器 is a per-unit', async () => {
    const { parseContent } = await import('../../src/cli/commands/classify.js');
    expect(parseContent('0.25g/容器')).toEqual({ value: 0.25, unit: 'g', per: { value: 1, unit: '容器' } });
  });
});

describe('concurrency', () => {
  it('concurrent classify calls (and one rule matched by two ingredients) answer as sequential ones', async () => {
    const products: Product[] = [
      { ingredients: [{ name: 'ゲンタマイシン' }, { name: '硫酸ゲンタマイシン' }], dosageForm: '外用剤', applicationSite: '外皮', species: ['犬'] },
      { ingredients: ivm({ value: 1.01, unit: '%' }), dosageForm: '注射剤', species: ['牛'] },
      { ingredients: ivm({ value: 0.5, unit: '%' }), dosageForm: '外用剤', applicationSite: '外皮', species: ['猫'] },
      { ingredients: [{ name: 'フルニキシン', content: { value: 10, unit: '%' } }], dosageForm: '注射剤', species: ['馬'] },
    ];
    const status = (a: Awaited<ReturnType<typeof run>>) => [a.yoshiji.status, a.poison.status, a.designated.status, a.yoshiji.decidedBy, a.poison.decidedBy];
    const sequential: unknown[][] = [];
    for (const p of products) sequential.push(status(await run(p)));
    const many = Array.from({ length: 40 }, (_, i) => products[i % products.length]);
    const concurrent = (await Promise.all(many.map((p) => run(p)))).map(status);
    concurrent.forEach((c, i) => expect(c).toEqual(sequential[i % products.length]));
  });
});

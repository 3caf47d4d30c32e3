/**
 * Missing facts a 別表第2 proviso needs: the poison answer is unknown with reason missing-fact and
 * the field path of the missing fact (the scenario format has no key for the field yet — see
 * docs/dokugeki.md, Requests from dokugeki).
 */
import { describe, expect, it } from 'vitest';
import { openKnowledgeBase } from '../../../src/kb.js';
import type { Product } from '../../../src/classify/classify.js';

const cases: [string, Product, string][] = [
  ['亜セレン酸ナトリウム (原体) without content: 毒薬第1号 needs セレンとして%', { ingredients: [{ name: '亜セレン酸ナトリウム' }], dosageForm: '原体', species: [] }, '/ingredients/0/content'],
  // (亜セレン酸 0・25% of the acid itself now converts by its formula: test/scenarios/dokugeki/stoichiometry.yaml)
  ['亜セレン酸ナトリウム 0・25% given as 亜セレン酸 — a basis the formula table does not give', { ingredients: [{ name: '亜セレン酸ナトリウム', content: { value: 0.25, unit: '%', as: '亜セレン酸' } }], dosageForm: '内用剤', species: ['牛'] }, '/ingredients/0/content/as'],
  ['チルミコシン 20% 内用剤: the proviso is in リン酸チルミコシン', { ingredients: [{ name: 'チルミコシン', content: { value: 20, unit: '%' } }], dosageForm: '内用剤', species: ['豚'] }, '/ingredients/0/content/as'],
  ['アチパメゾール 0・5% 注射剤: the proviso is in 塩酸アチパメゾール', { ingredients: [{ name: 'アチパメゾール', content: { value: 0.5, unit: '%' } }], dosageForm: '注射剤', species: ['犬'] }, '/ingredients/0/content/as'],
  // (フルニキシンメグルミン converts by its formula; a salt the formula table does not hold does not)
  ['フルニキシンナトリウム 5% 注射剤, not フルニキシンとして', { ingredients: [{ name: 'フルニキシンナトリウム', content: { value: 5, unit: '%' } }], dosageForm: '注射剤', species: ['牛'] }, '/ingredients/0/content/as'],
  ['イベルメクチン 内用剤 without content', { ingredients: [{ name: 'イベルメクチン' }], dosageForm: '内用剤', species: ['犬'] }, '/ingredients/0/content'],
  ['カルバリル 外用剤 without content', { ingredients: [{ name: 'カルバリル' }], dosageForm: '外用剤', applicationSite: '外皮', species: ['鶏'] }, '/ingredients/0/content'],
  ['ラチデクチン 10% 外用剤 without applicationSite (外皮用剤 proviso)', { ingredients: [{ name: 'ラチデクチン', content: { value: 10, unit: '%' } }], dosageForm: '外用剤', species: ['犬'] }, '/applicationSite'],
];

describe('dokugeki: missing facts name the field', () => {
  it.each(cases)('%s', async (_name, product, field) => {
    const kb = await openKnowledgeBase();
    const a = await kb.classify(product);
    expect(a.poison.status).toBe('unknown');
    const fields = a.poison.reasons.filter((r) => r.code === 'missing-fact').map((r) => r.field);
    expect(fields).toContain(field);
  });
});

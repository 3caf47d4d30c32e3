import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classify, type Product } from '../../src/classify/classify.js';
import { diffRules } from '../../src/rules/diff.js';
import { loadRuleset } from '../../src/rules/ruleset.js';
import { fakeDictionary, fixturesDir, realCorpus, rulesDir } from './helpers.js';

const corpus = realCorpus();
const dict = fakeDictionary();
const amendedDir = join(fixturesDir, 'rules-amended');
const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');
const realFile = join(rulesDir, 'yoshiji', 'bekkyo3.yaml');
const before = sha(realFile);
const real = loadRuleset(rulesDir, { corpus });
const amended = loadRuleset(amendedDir, { corpus });

const ivmCattle: Product = { ingredients: [{ name: 'イベルメクチン' }], dosageForm: '内用剤', species: ['牛'] };
const diazinon: Product = { ingredients: [{ name: 'ダイアジノン' }], dosageForm: '内用剤', species: ['牛'] };

describe('versioning with a (hypothetical) amendment from 2030-04-01', () => {
  it('before the amendment: the encoded state', async () => {
    const a = await classify(amended, dict, corpus, ivmCattle, { asOf: '2030-03-31' });
    expect(a.yoshiji.status).toBe('not_required'); // 第7号 is limited to 犬又は猫
    expect((await classify(amended, dict, corpus, diazinon, { asOf: '2030-03-31' })).yoshiji.status).toBe('not_required');
    expect(a.rulesetVersion).toBe('0.2.0-fixture');
  });
  it('from 2030-04-01: the replacing rule and the added entry apply', async () => {
    const a = await classify(amended, dict, corpus, ivmCattle, { asOf: '2030-04-01' });
    expect(a.yoshiji.status).toBe('required');
    expect(a.yoshiji.matched.map((m) => m.rule)).toContain('yoshiji.T3-E7~2030-04-01');
    expect(a.yoshiji.matched.map((m) => m.rule)).not.toContain('yoshiji.T3-E7');
    const d = await classify(amended, dict, corpus, diazinon, { asOf: '2030-04-01' });
    expect(d.yoshiji.status).toBe('required');
    expect(d.yoshiji.matched.map((m) => m.rule)).toContain('yoshiji.T3-E135');
  });
  it('an ended rule stops applying on its end date', () => {
    const e31 = amended.byId.get('yoshiji.T3-E31')!;
    expect(amended.inForce(e31, '2030-03-31')).toBe(true);
    expect(amended.inForce(e31, '2030-04-01')).toBe(false);
    expect(amended.index('2030-04-01').families.yoshiji.bySubstance.has('クロラムフエニコール')).toBe(false);
    expect(amended.index('2024-01-01').families.yoshiji.bySubstance.has('クロラムフエニコール')).toBe(true);
  });
  it('diff lists added, ended and replaced rules with the amending ordinance', () => {
    const d = diffRules(amended, '2024-04-01', '2030-04-01');
    expect(d.changes.map((c) => [c.kind, c.rule, c.on])).toEqual([
      ['added', 'yoshiji.T3-E135', '2030-04-01'],
      ['ended', 'yoshiji.T3-E31', '2030-04-01'],
      ['replaced', 'yoshiji.T3-E7~2030-04-01', '2030-04-01'],
    ]);
    expect(d.changes.find((c) => c.kind === 'replaced')!.replaces).toEqual(['yoshiji.T3-E7']);
    for (const c of d.changes) expect(c.amendedBy).toBe('令和12年3月31日農林水産省令第99号 (hypothetical)');
    expect(diffRules(amended, '2024-04-01', '2030-03-31').changes).toEqual([]);
    expect(diffRules(real, '2019-03-29', '2030-04-01').changes).toEqual([]);
  });
  it('history is untouched: the real rules and their hash are unchanged', () => {
    expect(sha(realFile)).toBe(before);
    expect(real.byId.has('yoshiji.T3-E135')).toBe(false);
    expect(real.byId.get('yoshiji.T3-E7')!.endedBy).toBeUndefined();
    expect(loadRuleset(rulesDir, { corpus }).contentHash).toBe(real.contentHash);
    expect(amended.contentHash).not.toBe(real.contentHash);
  });
  it('asOf before the earliest encoded state is an error for diff too', () => {
    expect(() => diffRules(amended, '2018-01-01', '2030-04-01')).toThrow('asOf 2018-01-01 is before the earliest encoded state (2019-03-29)');
  });
});

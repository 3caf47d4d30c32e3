import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { parseContent } from '../../src/cli/commands/classify.js';
import { fixturesDir } from './helpers.js';

const cli = runCli;

describe('doyaku classify', () => {
  it('flags → a readable verdict per family with entries, conditions and citations', async () => {
    const r = await cli(['classify', '--ingredient', 'イベルメクチン:0.5%', '--form', '外用剤', '--site', '外皮', '--species', '猫', '--as-of', '2024-04-01']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('要指示 yoshiji: 要指示医薬品 (required)');
    expect(r.out).toContain('yoshiji.T3-E7');
    expect(r.out).toContain('✓ species in 犬|猫 — given 猫');
    expect(r.out).toContain('T3-E7        別表第3第7号: イベルメクチン(犬又は猫に使用することを目的とするものに限る。)');
    // issue 8: excepted from 劇薬第5号 (外用剤 ≤0・5%) → 別表第2 settles it, on the guidance's reading
    expect(r.out).toContain('毒薬・劇薬 poison: neither 毒薬 nor 劇薬 (none)');
    expect(r.out).toContain('basis: guidance — 12畜A第728号 第5 1 (1) [G5-1-p1]');
    expect(r.out).toContain('asOf 2024-04-01 · rules');
    expect(r.out).toContain('later amendments are not encoded');
  });
  it('--json, species as a comma list, content with per and as', async () => {
    const r = await cli(['classify', '-i', 'ツラスロマイシン:100mg力価/mL', '--form', '注射剤', '--species', '牛,豚', '--as-of', '2024-04-01', '--json']);
    expect(r.code).toBe(0);
    const a = JSON.parse(r.out);
    expect(a.yoshiji.status).toBe('required');
    expect(a.asOf).toBe('2024-04-01');
    expect(a.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(parseContent('0.25%@セレン')).toEqual({ value: 0.25, unit: '%', as: 'セレン' });
    expect(parseContent('20mg/300mg')).toEqual({ value: 20, unit: 'mg', per: { value: 300, unit: 'mg' } });
    expect(parseContent('9.74mg/片')).toEqual({ value: 9.74, unit: 'mg', per: { value: 1, unit: '片' } });
  });
  it('a product JSON on stdin', async () => {
    const r = await cli(['classify', '--json', '--as-of', '2024-04-01'], JSON.stringify({ ingredients: [{ name: 'イベルメクチン' }], dosageForm: '原体', species: ['犬'] }));
    expect(JSON.parse(r.out).poison.status).toBe('毒薬');
  });
  it('invalid input: exit 2 and the field named', async () => {
    const r = await cli(['classify', '--as-of', '2024-04-01'], JSON.stringify({ ingredients: [{ name: 'X', content: { value: 1, unit: 'ppm' } }], dosageForm: '注射剤' }));
    expect(r.code).toBe(2);
    expect(r.err).toContain('/ingredients/0/content/unit: must be one of');
    const early = await cli(['classify', '-i', 'イベルメクチン', '--form', '原体', '--as-of', '2015-01-01']);
    expect(early.code).toBe(2);
    expect(early.err).toContain('--as-of: 2015-01-01 is before the earliest encoded state (2019-03-29)');
    expect((await cli(['classify', '-i', 'イベルメクチン:lots', '--form', '原体'])).err).toContain("cannot read the content 'lots'");
  });
  it('--ndjson: one answer per line in order; bad lines give {line, error} and processing continues; exit 1', async () => {
    const lines = [
      JSON.stringify({ ingredients: [{ name: 'イベルメクチン' }], dosageForm: '原体', species: ['犬'] }),
      '{not json',
      JSON.stringify({ ingredients: [], dosageForm: '注射剤' }),
      '',
      JSON.stringify({ ingredients: [{ name: 'ゲンタマイシン' }], dosageForm: '注射剤', species: ['牛'] }),
    ].join('\n');
    const r = await cli(['classify', '--ndjson', '--as-of', '2024-04-01'], lines + '\n');
    expect(r.code).toBe(1);
    const out = r.out.trim().split('\n').map((l) => JSON.parse(l));
    expect(out.map((o) => o.line)).toEqual([1, 2, 3, 5]);
    expect(out[0].poison.status).toBe('毒薬');
    expect(out[1].error.code).toBe('invalid-json');
    expect(out[2].error).toMatchObject({ code: 'invalid-product' });
    expect(out[2].error.message).toContain('/ingredients');
    expect(out[3].yoshiji.status).toBe('required');
  });
  it('--ndjson with only good lines exits 0', async () => {
    const r = await cli(['classify', '--ndjson', '--as-of', '2024-04-01'], JSON.stringify({ ingredients: [{ name: 'ゲンタマイシン' }], dosageForm: '注射剤', species: ['牛'] }) + '\n');
    expect(r.code).toBe(0);
  });
});

describe('doyaku validate', () => {
  it('the embedded rules are valid (exit 0)', async () => {
    const r = await cli(['validate']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^ok: \d+ rules in \d+ files \(yoshiji \d+, dokugeki \d+, shitei \d+\); ruleset/);
  });
  it('a broken directory: exit 1, file:line:col pointer: message; --json', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'doyaku-validate-'));
    mkdirSync(join(dir, 'yoshiji'));
    writeFileSync(join(dir, 'manifest.yaml'), 'ruleset: t\nversion: 1.0.0\nencodes: { law: x, amendedUpTo: y, inForce: 2019-03-29 }\nfiles: [yoshiji/*.yaml]\n');
    writeFileSync(
      join(dir, 'yoshiji', 'a.yaml'),
      'family: yoshiji\neffective: { from: 2019-03-29 }\namendedBy: x\nrules:\n  - id: yoshiji.A\n    title: t\n    role: listing\n    citations: [T3-E999]\n    substances: X\n    coverage: all\n    outcome: required\n',
    );
    const r = await cli(['validate', dir]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('yoshiji/a.yaml:10:15 /rules/0/coverage: must be one of');
    const j = await cli(['validate', dir, '--json']);
    expect(j.code).toBe(1);
    expect(JSON.parse(j.out).problems[0]).toMatchObject({ file: 'yoshiji/a.yaml', line: 10, col: 15, pointer: '/rules/0/coverage' });
  });
});

describe('doyaku validate warnings', () => {
  it('warns about substance keys the ingredient dictionary does not know (the listing could never match)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'doyaku-validate-'));
    mkdirSync(join(dir, 'yoshiji'));
    writeFileSync(join(dir, 'manifest.yaml'), 'ruleset: t\nversion: 1.0.0\nencodes: { law: x, amendedUpTo: y, inForce: 2019-03-29 }\nfiles: [yoshiji/*.yaml]\n');
    writeFileSync(
      join(dir, 'yoshiji', 'a.yaml'),
      'family: yoshiji\neffective: { from: 2019-03-29 }\namendedBy: x\nrules:\n  - id: yoshiji.A\n    title: t\n    role: listing\n    citations: [T3-E7]\n    substances: イベルメクチソ\n    coverage: substance\n    outcome: required\n',
    );
    const r = await cli(['validate', dir]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("warning: substance key 'イベルメクチソ' is not a key of the ingredient dictionary");
  });
});

describe('doyaku diff', () => {
  it('lists the fixture amendment', async () => {
    const r = await cli(['--rules-dir', join(fixturesDir, 'rules-amended'), 'diff', '--from', '2024-04-01', '--to', '2030-04-01']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('added yoshiji.T3-E135');
    expect(r.out).toContain('replaced yoshiji.T3-E7 by yoshiji.T3-E7~2030-04-01');
    expect(r.out).toContain('ended yoshiji.T3-E31');
    expect(r.out).toContain('by 令和12年3月31日農林水産省令第99号 (hypothetical)');
    const j = JSON.parse((await cli(['--rules-dir', join(fixturesDir, 'rules-amended'), 'diff', '--from', '2024-04-01', '--to', '2030-04-01', '--json'])).out);
    expect(j.changes).toHaveLength(3);
  });
  it('no --from, or a date before the earliest state: usage error (exit 2)', async () => {
    expect((await cli(['diff'])).code).toBe(2);
    const r = await cli(['diff', '--from', '2010-01-01']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('before the earliest encoded state');
  });
});

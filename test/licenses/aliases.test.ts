/** QA LI2/LI3: natural short names resolve (配置 like 卸売); an unknown license error carries `problems`. */
import { describe, expect, it } from 'vitest';
import { openKnowledgeBase } from '../../src/kb.js';
import { LicenseNotFoundError } from '../../src/licenses/licenses.js';
import { runCli } from '../helpers/cli.js';

const short: [string, string][] = [
  ['配置', 'licenses.haichi'],
  ['卸売', 'licenses.oroshi'],
  ['店舗', 'licenses.tenpo'],
  ['特例', 'licenses.tokurei'],
  ['修理', 'licenses.shuri'],
  ['医薬品の製造販売業', 'licenses.seizo-hanbai'],
  ['医薬品の製造業', 'licenses.seizo'],
  ['高度管理医療機器', 'licenses.koudo-kiki'],
  ['管理医療機器', 'licenses.kanri-kiki-todoke'],
  ['医療機器製造販売', 'licenses.kiki-seizo-hanbai'],
  ['医療機器製造', 'licenses.kiki-seizo-toroku'],
  ['再生医療等製品販売', 'licenses.saisei-hanbai'],
  ['配置従事', 'licenses.haichi-todoke'],
];

describe('license names', () => {
  it('製造 stays ambiguous (医薬品・医療機器・再生医療等製品): an error, not a guess', async () => {
    const kb = await openKnowledgeBase();
    expect(() => kb.license('製造', { asOf: '2024-04-01' })).toThrow(LicenseNotFoundError);
  });
  it.each(short)('%s → %s', async (name, id) => {
    const kb = await openKnowledgeBase();
    expect(kb.license(name, { asOf: '2024-04-01' }).license.id).toBe(id);
  });
  it('an unknown license: problems with the field and did-you-mean (library and --json)', async () => {
    const kb = await openKnowledgeBase();
    let err: unknown;
    try {
      kb.license('店舗販売行', { asOf: '2024-04-01' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(LicenseNotFoundError);
    expect((err as LicenseNotFoundError).problems[0]).toMatchObject({ field: '/license' });
    expect((err as LicenseNotFoundError).problems[0].message).toContain('店舗販売業');
    const r = await runCli(['license', 'nope', '--json', '--as-of', '2024-04-01']);
    expect(r.code).toBe(2);
    const e = JSON.parse(r.out).error;
    expect(e.code).toBe('unknown-license');
    expect(e.problems).toEqual([expect.objectContaining({ field: '/license' })]);
    expect(Array.isArray(e.suggestions)).toBe(true);
  });
});

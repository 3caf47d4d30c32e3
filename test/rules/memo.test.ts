/**
 * The rule-evaluation memo changes no answer: every scenario (test/scenarios/**) classified with the
 * memo off, on (first time: filled), and on again (served from it) gives deep-equal answers; what
 * answers share through the memo is frozen, so one caller cannot change another's answer.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { openKnowledgeBase } from '../../src/kb.js';
import type { Classification } from '../../src/classify/classify.js';
import { RuleMemo } from '../../src/rules/memo.js';
import { root } from './helpers.js';

function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((e) => (statSync(join(dir, e)).isDirectory() ? yamlFiles(join(dir, e)) : /\.ya?ml$/.test(e) ? [join(dir, e)] : []));
}
const classifyDirs = ['yoshiji', 'dokugeki', 'shitei', 'engine', 'general']; // the classification scenarios (other families have their own runners)
const cases = classifyDirs.flatMap((d) => yamlFiles(join(root, 'test', 'scenarios', d))).flatMap((f) => (parse(readFileSync(f, 'utf8')) as { name: string; asOf?: string; product: unknown }[]).map((c) => ({ file: f, ...c })));

async function answer(kb: Awaited<ReturnType<typeof openKnowledgeBase>>, c: (typeof cases)[number], memo: boolean): Promise<Classification | { error: string }> {
  try {
    return await kb.classify(c.product as never, { ...(c.asOf ? { asOf: String(c.asOf) } : {}), memo });
  } catch (e) {
    return { error: (e as Error).message };
  }
}

describe('rule-evaluation memo', () => {
  it(`every scenario (${cases.length}) answers the same with the memo off and on (filled, then served)`, async () => {
    const kb = await openKnowledgeBase();
    expect(cases.length).toBeGreaterThan(100);
    const off = [];
    for (const c of cases) off.push(await answer(kb, c, false));
    for (const pass of ['filled', 'served']) {
      for (let i = 0; i < cases.length; i++) {
        const on = await answer(kb, cases[i], true);
        expect(on, `${cases[i].file} › ${cases[i].name} (memo ${pass})`).toEqual(off[i]);
      }
    }
    // concurrently, too (the memo is filled by racing queries)
    const kb2 = await openKnowledgeBase();
    const conc = await Promise.all(cases.map((c) => answer(kb2, c, true)));
    expect(conc).toEqual(off);
  });

  it('answers share nothing mutable: changing one answer leaves the next one alone', async () => {
    const kb = await openKnowledgeBase();
    const products = [
      { ingredients: [{ name: 'イベルメクチン', content: { value: 1, unit: '%' } }], dosageForm: '注射剤', species: ['牛'] },
      { ingredients: [{ name: 'ビタミンC' }], dosageForm: '内用剤', species: ['犬'] },
      { ingredients: [{ name: 'ほげほげ' }, { name: 'アモキシシリン' }], dosageForm: '外用剤' },
    ];
    const tryTo = (f: () => void) => {
      try {
        f();
      } catch {
        /* frozen: fine */
      }
    };
    for (const product of products) {
      const before = structuredClone(await kb.classify(product, { asOf: '2024-04-01', memo: false }));
      for (const memo of [true, false]) {
        const first = await kb.classify(product, { asOf: '2024-04-01', memo });
        for (const fam of [first.yoshiji, first.poison, first.designated] as Classification['yoshiji'][]) {
          for (const m of fam.matched) {
            tryTo(() => m.citations.push({ id: 'X', label: 'X', excerpt: 'X' }));
            for (const cv of m.citations) tryTo(() => ((cv as { excerpt: string }).excerpt = 'changed'));
            for (const cond of m.conditions) {
              tryTo(() => ((cond as { result: unknown }).result = 'changed'));
              tryTo(() => (Array.isArray(cond.factValue) ? cond.factValue.push('changed') : undefined));
              tryTo(() => (Array.isArray(cond.value) ? cond.value.push('changed') : undefined));
            }
          }
          for (const r of fam.reasons) tryTo(() => (r.message = 'changed'));
          tryTo(() => fam.decidedBy.push('changed'));
        }
        for (const i of first.ingredients) {
          tryTo(() => ((i.resolution as { normalized: string }).normalized = 'changed'));
          tryTo(() => i.resolution.matches.push({ key: 'changed', path: 'exact', curated: false }));
        }
        tryTo(() => first.caveats.push('changed'));
        expect(await kb.classify(product, { asOf: '2024-04-01', memo })).toEqual(before);
      }
    }
  });

  it('is bounded: older entries are dropped, ids are never reused', () => {
    const m = new RuleMemo<number>(10);
    for (let i = 0; i < 100; i++) m.set(`k${i}`, i);
    expect(m.size).toBeLessThanOrEqual(10);
    expect(m.get('k99')).toBe(99);
    expect(m.get('k0')).toBeUndefined();
    const a = m.id('x');
    for (let i = 0; i < 100; i++) m.id(`v${i}`);
    expect(m.id('x')).not.toBe(a);
    expect(m.id('y')).not.toBe(a);
  });
});

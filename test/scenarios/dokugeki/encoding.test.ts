/**
 * The 毒薬・劇薬 rules (rules/dokugeki/) against the ordinance text itself: every entry of 別表第2 and
 * every item of 第163条 has exactly one rule; titles are the entry text verbatim; proviso titles are
 * verbatim parts of it; every substance key, `as` and `contains` name is written in the entry; every
 * threshold number is written in its proviso (0.25 ↔ 0・25, 50000000 ↔ 5000万).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { defaultDataDir, defaultRulesDir } from '../../../src/paths.js';

interface Threshold { as?: string; lte?: number; lt?: number; gte?: number; gt?: number; unit: string; per?: { value: number; unit: string } }
interface When { content?: Threshold; contains?: string | string[]; all?: When[]; any?: When[]; not?: When; [k: string]: unknown }
interface Exception { id?: string; title: string; citations?: string[]; when: When }
interface Rule { id: string; title: string; role: string; citations: string[]; substances?: string | string[]; coverage?: string; when?: When; except?: Exception[]; outcome?: string; notes?: string }
interface RuleFile { family: string; effective: { from: string }; amendedBy: string; rules: Rule[] }

const nodes = new Map<string, { id: string; text: string; kind: string }>(
  (JSON.parse(readFileSync(join(defaultDataDir, 'ordinance', 'nodes.json'), 'utf8')) as { id: string; text: string; kind: string }[]).map((n) => [n.id, n]),
);
const files = ['bekkyo2-doku.yaml', 'bekkyo2-geki.yaml', 'a163.yaml'].map((f) => ({
  file: f,
  spec: YAML.parse(readFileSync(join(defaultRulesDir, 'dokugeki', f), 'utf8')) as RuleFile,
}));
const rules = files.flatMap((f) => f.spec.rules.map((r) => ({ ...r, file: f.file })));
const entryOf = (r: Rule) => r.id.replace(/^dokugeki\./, '');
const text = (id: string) => nodes.get(id)?.text ?? '';
const arr = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** every `when` below a node, flattened */
function whens(w: When | undefined): When[] {
  if (!w) return [];
  return [w, ...(w.all ?? []).flatMap(whens), ...(w.any ?? []).flatMap(whens), ...whens(w.not)];
}
/** how the ordinance writes a number: 0・25, 12・5, 5000万 */
function written(n: number): string[] {
  const s = String(n).replace('.', '・');
  const out = [s];
  if (n >= 10000 && n % 10000 === 0) out.push(`${n / 10000}万`);
  return out;
}

describe('別表第2 and 第163条: one rule per entry', () => {
  it('4 毒薬, 51 劇薬 and the 6 items of 第163条, each encoded exactly once', () => {
    const ids = rules.map(entryOf);
    expect(new Set(ids).size).toBe(ids.length);
    const want = [...nodes.values()].filter((n) => /^(T2-(DOKU|GEKI)-E\d+|A163-P1-I\d+)$/.test(n.id)).map((n) => n.id);
    expect(want.filter((id) => id.startsWith('T2-DOKU'))).toHaveLength(4);
    expect(want.filter((id) => id.startsWith('T2-GEKI'))).toHaveLength(51);
    expect(want.filter((id) => id.startsWith('A163'))).toHaveLength(6);
    expect([...ids].sort()).toEqual([...want].sort());
  });

  it('outcomes: 毒薬 group → 毒薬, 劇薬 group → 劇薬, 第163条 → none', () => {
    for (const r of rules) {
      const want = entryOf(r).startsWith('T2-DOKU') ? '毒薬' : entryOf(r).startsWith('T2-GEKI') ? '劇薬' : 'none';
      expect(r.outcome, r.id).toBe(want);
      expect(r.role, r.id).toBe('listing');
    }
  });

  it('every file is in force from 2019-03-29, as amended by 平成31年3月29日農林水産省令第28号', () => {
    for (const { file, spec } of files) {
      expect(spec.family, file).toBe('dokugeki');
      expect(spec.effective.from, file).toBe('2019-03-29');
      expect(spec.amendedBy, file).toBe('平成31年3月29日農林水産省令第28号');
    }
  });

  it('every rule cites 第163条 and its own entry', () => {
    for (const r of rules) expect(r.citations, r.id).toEqual(expect.arrayContaining(['A163', entryOf(r)]));
  });
});

describe('verbatim', () => {
  it.each(rules.map((r) => [r.id, r] as const))('%s: the title is the entry text', (_id, r) => {
    expect(r.title).toBe(text(entryOf(r)));
  });

  it.each(rules.filter((r) => r.except).map((r) => [r.id, r] as const))('%s: each proviso title is written in the entry (or its sub-item)', (_id, r) => {
    for (const x of r.except ?? []) {
      const src = arr(x.citations).map(text).join('\n') || r.title;
      expect(src.includes(x.title), `${r.id}: ${x.title}`).toBe(true);
      if (r.title.includes('ただし、') && !x.citations) expect(r.title.split('ただし、')[1]).toContain(x.title);
    }
  });

  it.each(rules.map((r) => [r.id, r] as const))('%s: substance keys and the names in conditions are written in the entry', (_id, r) => {
    for (const s of arr(r.substances)) expect(r.title, `substance ${s}`).toContain(s);
    const conds = [
      ...whens(r.when).map((w) => ({ w, src: r.title })),
      ...(r.except ?? []).flatMap((x) => whens(x.when).map((w) => ({ w, src: arr(x.citations).map(text).join('\n') || r.title }))),
    ];
    for (const { w, src } of conds) {
      if (w.content?.as) expect(src, `as ${w.content.as}`).toContain(w.content.as);
      for (const k of arr(w.contains)) expect(src, `contains ${k}`).toContain(k);
    }
  });

  it.each(rules.filter((r) => r.except || r.when).map((r) => [r.id, r] as const))('%s: every threshold number is written in its proviso', (_id, r) => {
    const parts: { src: string; t: Threshold }[] = [
      ...whens(r.when).filter((w) => w.content).map((w) => ({ src: r.title, t: w.content! })),
      ...(r.except ?? []).flatMap((x) => whens(x.when).filter((w) => w.content).map((w) => ({ src: x.title, t: w.content! }))),
    ];
    for (const { src, t } of parts) {
      const n = t.lte ?? t.lt ?? t.gte ?? t.gt!;
      expect(written(n).some((s) => src.includes(s)), `${n} in ${src}`).toBe(true);
      expect(t.lte, '以下 is encoded as lte').toBeDefined();
      if (t.per && t.per.unit !== 'mL' && t.per.unit !== 'g' && t.per.unit !== 'mg') expect(src).toContain(`${t.per.value}${t.per.unit}中`);
    }
  });
});

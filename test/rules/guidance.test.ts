/**
 * The pieces of issue 8 §1 that are data, not scenarios: the guidance paragraph quoted by answers is
 * verbatim in data/annotations/, and every factor of the curated formula table is recomputable.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { guidanceT2 } from '../../src/classify/guidance.js';
import { formulaTable, molarMass, restate, round4 } from '../../src/classify/stoichiometry.js';
import { root } from './helpers.js';

describe('別表第2 decides for its own substances', () => {
  it('the quoted guidance paragraph is verbatim in the annotations, and interprets 別表第2 and 第163条', () => {
    const all = JSON.parse(readFileSync(join(root, 'data/annotations/annotations.json'), 'utf8')) as { id: string; label: string; text: string; interprets: string[] }[];
    const a = all.find((x) => x.id === guidanceT2.id)!;
    expect(a).toBeDefined();
    expect(a.text).toContain(guidanceT2.excerpt);
    expect(guidanceT2.label).toContain(a.label);
    expect([...a.interprets].sort()).toEqual([...guidanceT2.interprets].sort());
  });
});

describe('stoichiometric conversion (data/ingredients/formulas.yaml)', () => {
  const file = parse(readFileSync(join(root, 'data/ingredients/formulas.yaml'), 'utf8')) as { atomicWeights: Record<string, number>; compounds: { names: string[]; provenance: { curated: boolean; reasoning: string } }[] };
  it('every compound is curated with its reasoning; molar masses as published (±0.05)', () => {
    for (const c of file.compounds) expect(c.provenance).toMatchObject({ curated: true, reasoning: expect.any(String) });
    const w = file.atomicWeights;
    expect(molarMass('Na2SeO3', w)).toBeCloseTo(172.94, 1);
    expect(molarMass('C14H11F3N2O2·C7H17NO5', w)).toBeCloseTo(491.46, 1);
    expect(molarMass('C23H28N2O5S2·HCl', w)).toBeCloseTo(513.07, 1);
    expect(molarMass('C14H16N2·HCl', w)).toBeCloseTo(248.75, 1);
    expect(molarMass('C46H80N2O13·H3PO4', w)).toBeCloseTo(967.14, 1);
    expect(molarMass('AgNO3', w)).toBeCloseTo(169.87, 1);
    expect(() => molarMass('Xx2O', w)).toThrow(/unknown element/);
    expect(formulaTable().get('flunixin meglumine')?.names[0]).toBe('フルニキシンメグルミン');
  });
  it('restates a salt amount in its bases, shown as a step; 4 significant figures', () => {
    const [c] = restate('フルニキシンメグルミン', [{ value: 8.3, unit: '%' }]);
    expect(c.to).toEqual({ value: 5.003, unit: '%', as: 'フルニキシン' });
    expect(c.step).toContain('フルニキシンとして 5.003%');
    expect(c.provenance.curated).toBe(true);
    expect(round4(0.25004348)).toBe(0.25);
    const [b] = restate('塩酸アチパメゾール', [{ value: 0.4267, unit: '%', as: 'アチパメゾール' }]);
    expect(b.to).toEqual({ value: 0.5, unit: '%', as: '塩酸アチパメゾール' });
  });
  it('never converts potencies, units, hydrates, other salts or unknown bases', () => {
    expect(restate('フルニキシンメグルミン', [{ value: 100, unit: 'mg力価', per: { value: 1, unit: 'mL' } }])).toEqual([]);
    expect(restate('亜セレン酸ナトリウム五水和物', [{ value: 1, unit: '%' }])).toEqual([]);
    expect(restate('フルニキシンナトリウム', [{ value: 1, unit: '%' }])).toEqual([]);
    expect(restate('亜セレン酸ナトリウム', [{ value: 1, unit: '%', as: '亜セレン酸' }])).toEqual([]);
    expect(restate('アチパメゾール', [{ value: 0.5, unit: '%' }])).toEqual([]);
  });
});

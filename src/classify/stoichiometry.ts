/**
 * 「Xとして」 from a salt's content: a stated amount of a compound whose formula is certain is restated
 * by molar mass in the other bases the curated table gives (data/ingredients/formulas.yaml), e.g.
 * フルニキシンメグルミン 8.3% → フルニキシンとして 5.003%. The restated amounts are appended after the
 * stated ones (a threshold uses the first it can compare, so a stated basis always wins) and each is
 * reported as a step of the answer (`answer.ingredients[i].conversions`). Only mass amounts convert
 * (%, g, mg, µg — never 力価 or 国際単位); names not in the table (hydrates, mixtures, other salts) never do.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { defaultDataDir } from '../paths.js';
import { describeAmount, type Amount } from '../rules/units.js';

type Stated = Amount & { as?: string };

/** One restatement: the stated amount, the amount in another basis, and why. */
export interface Conversion {
  from: Stated;
  to: Stated & { as: string };
  /** to.value = from.value × factor, before rounding to 4 significant figures */
  factor: number;
  /** e.g. `フルニキシンメグルミン 8.3% → フルニキシンとして 5.003% (× 296.25 C14H11F3N2O2 / 491.46 C14H11F3N2O2·C7H17NO5 = 0.60279; 4 significant figures)` */
  step: string;
  provenance: { curated: true; reasoning: string; source: string };
}

interface Basis {
  name: string;
  formula: string;
  perMole: number;
  molarMass: number;
}
interface Compound {
  names: string[];
  formula: string;
  molarMass: number;
  bases: Basis[];
  reasoning: string;
}

interface FormulaFile {
  atomicWeights: Record<string, number>;
  compounds: { names: string[]; formula: string; bases: { name: string; formula: string; perMole: number }[]; provenance: { curated: boolean; reasoning: string } }[];
}

/** Molar mass of a formula in Hill notation, parts joined by `·` (e.g. C14H16N2·HCl). */
export function molarMass(formula: string, weights: Record<string, number>): number {
  let m = 0;
  for (const part of formula.split('·')) {
    const re = /([A-Z][a-z]?)(\d*)/g;
    let seen = '';
    for (let x = re.exec(part); x; x = re.exec(part)) {
      const w = weights[x[1]];
      if (w === undefined) throw new Error(`formulas.yaml: unknown element ${x[1]} in ${formula}`);
      m += w * (x[2] ? Number(x[2]) : 1);
      seen += x[0];
    }
    if (seen !== part) throw new Error(`formulas.yaml: cannot read the formula ${formula}`);
  }
  return m;
}

let table: Map<string, Compound> | undefined;
const formulasFile = join(defaultDataDir, 'ingredients', 'formulas.yaml');

/** The curated compounds by each of their names (NFKC, lower-cased). */
export function formulaTable(): Map<string, Compound> {
  if (table) return table;
  const f = parse(readFileSync(formulasFile, 'utf8')) as FormulaFile;
  const t = new Map<string, Compound>();
  for (const c of f.compounds) {
    if (!c.provenance?.curated || !c.provenance.reasoning) throw new Error(`formulas.yaml: ${c.names[0]} needs provenance {curated: true, reasoning}`);
    const compound: Compound = {
      names: c.names,
      formula: c.formula,
      molarMass: molarMass(c.formula, f.atomicWeights),
      bases: c.bases.map((b) => ({ ...b, molarMass: molarMass(b.formula, f.atomicWeights) })),
      reasoning: c.provenance.reasoning,
    };
    for (const n of c.names) t.set(key(n), compound);
  }
  return (table = t);
}

/** NFKC, trimmed, lower-cased; memoised (bounded): restate() keys every ingredient name of every product. */
const keys = new Map<string, string>();
const key = (s: string): string => {
  let k = keys.get(s);
  if (k === undefined) {
    k = s.normalize('NFKC').trim().toLowerCase();
    if (keys.size >= 10_000) keys.clear();
    keys.set(s, k);
  }
  return k;
};
const massUnits = new Set(['%', 'g', 'mg', 'µg']);

/** Rounds to 4 significant figures (the factors are certain to 5). */
export function round4(x: number): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  return Number(x.toPrecision(4));
}

const fmt = (x: number) => String(Number(x.toPrecision(5)));

/**
 * The restatements of an ingredient's stated amounts: for a compound of the table, each mass amount
 * stated as the compound or one of its bases, in every other of them. Empty for any other name.
 */
export function restate(ingredient: string, stated: Stated[]): Conversion[] {
  if (!stated.length) return [];
  const c = formulaTable().get(key(ingredient));
  if (!c) return [];
  const self: Basis = { name: c.names[0], formula: c.formula, perMole: 1, molarMass: c.molarMass };
  const all = [self, ...c.bases];
  const basisOf = (as: string | undefined): Basis | undefined => {
    if (as === undefined) return self;
    const k = key(as);
    return c.names.some((n) => key(n) === k) ? self : c.bases.find((b) => key(b.name) === k);
  };
  const out: Conversion[] = [];
  for (const s of stated) {
    if (!massUnits.has(s.unit)) continue;
    const a = basisOf(s.as);
    if (!a) continue;
    for (const b of all) {
      if (b === a || stated.some((x) => basisOf(x.as) === b && x.unit === s.unit && x.per?.unit === s.per?.unit)) continue;
      const factor = (b.perMole * b.molarMass) / (a.perMole * a.molarMass);
      const to = { value: round4(s.value * factor), unit: s.unit, ...(s.per ? { per: { ...s.per } } : {}), as: b.name };
      out.push({
        from: { ...s, ...(s.per ? { per: { ...s.per } } : {}) },
        to,
        factor,
        step:
          `${s.as ?? ingredient} ${describeAmount(s)} → ${b.name}として ${describeAmount(to)} ` +
          `(× ${b.perMole === 1 ? '' : `${b.perMole} × `}${fmt(b.molarMass)} ${b.formula} / ${a.perMole === 1 ? '' : `${a.perMole} × `}${fmt(a.molarMass)} ${a.formula} = ${fmt(factor)}; 4 significant figures)`,
        provenance: { curated: true, reasoning: c.reasoning, source: 'data/ingredients/formulas.yaml' },
      });
    }
  }
  return out;
}

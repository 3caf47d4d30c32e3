/**
 * The operators the domain conditions compile to. Each is three-valued (true, false, or unknown
 * with the reason: the fact it needs is missing or not comparable). json-rules-engine sees a
 * boolean wrapper (`=== true`); after a run, each leaf's outcome is recomputed three-valued from the
 * `factResult` json-rules-engine reports, and combined by Kleene logic (see evaluate.ts).
 */
import type { IngredientResolution } from '../ingredients/types.js';
import type { Reason, Tri } from './answer.js';
import type { Threshold } from './model.js';
import { compareAmount, describeAmount, type Amount, type Comparator } from './units.js';

export type { Tri } from './answer.js';

export interface Verdict {
  r: Tri;
  reason?: Reason;
}

/** The `content` fact: the matched ingredient's amount, and how to tell which substance it is expressed in. */
export interface ContentFact {
  index: number;
  input: string;
  /** the listing key the ingredient matched */
  key: string;
  content?: Amount & { as?: string };
  /** every stated amount (content first); a threshold uses the first it can compare */
  contents?: (Amount & { as?: string })[];
  /** where the i-th of `contents` came from (a field path), for reasons */
  fields?: string[];
  sameSubstance: (a: string, b: string) => boolean;
}

/** The `poison` fact (shitei): the dokugeki answer. */
export interface PoisonFact {
  status: string;
  reasons: Reason[];
}

const T: Verdict = { r: true };
const F: Verdict = { r: false };
const missing = (field: string, message: string): Verdict => ({ r: 'unknown', reason: { code: 'missing-fact', field, message } });

function inList(fact: unknown, values: unknown[]): boolean {
  if (Array.isArray(fact)) return fact.some((f) => values.includes(f));
  return values.includes(fact);
}

function thresholdOp(t: Threshold): [Comparator, number] {
  if (t.lte !== undefined) return ['lte', t.lte];
  if (t.lt !== undefined) return ['lt', t.lt];
  if (t.gte !== undefined) return ['gte', t.gte];
  return ['gt', t.gt as number];
}

const opWords: Record<Comparator, string> = { lte: '以下', lt: '未満', gte: '以上', gt: 'を超える' };

export function describeThreshold(t: Threshold, key?: string): string {
  const [op, v] = thresholdOp(t);
  const basis = t.as ?? key;
  return `${basis ? `${basis}として ` : ''}${describeAmount({ value: v, unit: t.unit, per: t.per })}${opWords[op]}`;
}

export const operators: Record<string, (fact: any, value: any) => Verdict> = {
  /** species: the product is meant for at least one of the values */
  speciesAnyOf(fact: string[] | undefined, values: string[]) {
    if (!fact || fact.length === 0) return missing('/species', `needs the target species (one of ${values.join('、')} counts)`);
    return fact.some((s) => values.includes(s)) ? T : F;
  },
  formIn(fact: string[], values: string[]) {
    return inList(fact, values) ? T : F;
  },
  siteIn(fact: string | undefined, values: string[]) {
    if (fact === undefined || fact === '') return missing('/applicationSite', `needs the application site of the 外用剤 (${values.join('、')} counts)`);
    return values.includes(fact) ? T : F;
  },
  preparationIs(fact: boolean, value: boolean) {
    return fact === value ? T : F;
  },
  containsAny(fact: string[], values: string[]) {
    return fact.some((s) => values.includes(s)) ? T : F;
  },
  ingredientIs(fact: string[] | undefined, values: string[]) {
    return fact && fact.some((s) => values.includes(s)) ? T : F;
  },
  poisonIn(fact: PoisonFact | undefined, values: string[]) {
    if (!fact || fact.status === 'unknown') {
      const r = fact?.reasons.find((x) => x.code !== 'poison-unknown') ?? fact?.reasons[0];
      return {
        r: 'unknown',
        reason: {
          code: r?.code ?? 'missing-fact',
          field: r?.field,
          message: `depends on whether the product is 毒薬・劇薬 (別表第1第1号・第2号), which is unknown${r ? `: ${r.message}` : ''}`,
        },
      };
    }
    return values.includes(fact.status) ? T : F;
  },
  extraIn(fact: unknown, value: { name: string; values: unknown[] }) {
    if (fact === undefined || fact === null || fact === '') return missing(`/${value.name}`, `needs the product fact '${value.name}' (${value.values.join('、')} counts)`);
    return inList(fact, value.values) ? T : F;
  },
  contentThreshold(fact: ContentFact | undefined, t: Threshold) {
    if (!fact) return { r: 'unknown', reason: { code: 'missing-fact', message: 'a content threshold needs a matched ingredient' } };
    const field = `/ingredients/${fact.index}/content`;
    const all = fact.contents ?? (fact.content ? [fact.content] : []);
    if (!all.length) return missing(field, `needs the content of ${fact.input} to decide "${describeThreshold(t, fact.key)}"`);
    let first: Verdict | undefined;
    for (let i = 0; i < all.length; i++) {
      const v = compareOne(fact, t, all[i], fact.fields?.[i] ?? field);
      if (v.r !== 'unknown') return v;
      first ??= v;
    }
    return first!;
  },
};

/** One stated amount against a threshold: same basis (or a declared factor), comparable units. */
function compareOne(fact: ContentFact, t: Threshold, c: Amount & { as?: string }, field: string): Verdict {
  const basis = t.as ?? fact.key;
  const inputBasis = c.as ?? fact.input;
  let factor = 1;
  if (!fact.sameSubstance(inputBasis, basis)) {
    const f = t.factors && Object.entries(t.factors).find(([name]) => fact.sameSubstance(inputBasis, name));
    if (!f)
      return missing(
        `${field}/as`,
        `the threshold is expressed as ${basis} ("${describeThreshold(t, fact.key)}"), but the content of ${fact.input} is expressed as ${inputBasis}; give content.as: ${basis}`,
      );
    factor = f[1];
  }
  const [op, v] = thresholdOp(t);
  const cmp = compareAmount({ value: c.value * factor, unit: c.unit, per: c.per }, op, { value: v, unit: t.unit, per: t.per });
  if (cmp === undefined)
    return missing(`${field}/unit`, `cannot compare ${describeAmount(c)} with "${describeThreshold(t, fact.key)}" (different units or bases; give the content as ${describeAmount({ value: v, unit: t.unit, per: t.per })})`);
  return cmp ? T : F;
}

export type OperatorName = keyof typeof operators;

/** Same substance for a threshold's basis: same normalised name, or same dictionary key and salt form. */
export function makeSameSubstance(resolve: (name: string) => IngredientResolution | undefined, normalize: (s: string) => string) {
  const cache = new Map<string, boolean>();
  return (a: string, b: string): boolean => {
    const k = `${a}\u0000${b}`;
    let v = cache.get(k);
    if (v === undefined) {
      v = compute(a, b);
      cache.set(k, v);
    }
    return v;
  };
  function compute(a: string, b: string): boolean {
    if (normalize(a) === normalize(b)) return true;
    const ra = resolve(a);
    const rb = resolve(b);
    if (!ra?.known || !rb?.known) return false;
    const ok = (p: string) => p === 'exact' || p === 'alias' || p === 'salt';
    return ra.matches.some((x) => ok(x.path) && rb.matches.some((y) => ok(y.path) && x.key === y.key && (x.saltForm ?? '') === (y.saltForm ?? '')));
  }
}

/**
 * Compiles the domain condition vocabulary (`when`) to json-rules-engine conditions, and evaluates
 * a json-rules-engine result tree three-valued (Kleene logic) from the facts it reports.
 */
import { asArray, type When } from './model.js';
import { operators, type Verdict } from './operators.js';
import type { Reason, Tri } from './answer.js';

export interface Leaf {
  fact: string;
  operator: string;
  value: unknown;
}
export type Cond = Leaf | { all: Cond[] } | { any: Cond[] } | { not: Cond };

/** json-rules-engine fact names the compiled conditions use */
export const factNames = {
  species: 'species',
  form: 'dosageForm',
  site: 'applicationSite',
  preparation: 'isPreparation',
  contains: 'substances',
  containsClass: 'classes',
  ingredient: 'ingredient',
  poison: 'poison',
  content: 'content',
} as const;

export function compileWhen(w: When): { all: Cond[] } {
  const all: Cond[] = [];
  if (w.species !== undefined) all.push({ fact: 'species', operator: 'speciesAnyOf', value: asArray(w.species) });
  if (w.form !== undefined) all.push({ fact: 'dosageForm', operator: 'formIn', value: asArray(w.form) });
  if (w.site !== undefined) all.push({ fact: 'applicationSite', operator: 'siteIn', value: asArray(w.site) });
  if (w.preparation !== undefined) all.push({ fact: 'isPreparation', operator: 'preparationIs', value: w.preparation });
  if (w.contains !== undefined) all.push({ fact: 'substances', operator: 'containsAny', value: asArray(w.contains) });
  if (w.containsClass !== undefined) all.push({ fact: 'classes', operator: 'containsAny', value: asArray(w.containsClass) });
  if (w.ingredient !== undefined) all.push({ fact: 'ingredient', operator: 'ingredientIs', value: asArray(w.ingredient) });
  if (w.poison !== undefined) all.push({ fact: 'poison', operator: 'poisonIn', value: asArray(w.poison) });
  if (w.content !== undefined) all.push({ fact: 'content', operator: 'contentThreshold', value: w.content });
  if (w.fact !== undefined)
    for (const [name, v] of Object.entries(w.fact)) all.push({ fact: `extra.${name}`, operator: 'extraIn', value: { name, values: asArray(v) } });
  if (w.all) all.push({ all: w.all.map(compileWhen) });
  if (w.any) all.push({ any: w.any.map(compileWhen) });
  if (w.not) all.push({ not: compileWhen(w.not) });
  return { all };
}

/** The facts a compiled condition reads (to know which facts a run must supply). */
export function factsOf(c: Cond, out = new Set<string>()): Set<string> {
  if ('fact' in c) out.add(c.fact);
  else if ('all' in c) c.all.forEach((x) => factsOf(x, out));
  else if ('any' in c) c.any.forEach((x) => factsOf(x, out));
  else factsOf(c.not, out);
  return out;
}

export interface LeafResult {
  fact: string;
  operator: string;
  value: unknown;
  factValue: unknown;
  result: Tri;
  reason?: Reason;
}

/** A json-rules-engine result condition (what `ruleResult.conditions` holds). */
type ResultCond = { fact?: string; operator?: string; value?: unknown; factResult?: unknown; result?: boolean; all?: ResultCond[]; any?: ResultCond[]; not?: ResultCond };

const and3 = (xs: Tri[]): Tri => (xs.includes(false) ? false : xs.includes('unknown') ? 'unknown' : true);
const or3 = (xs: Tri[]): Tri => (xs.includes(true) ? true : xs.includes('unknown') ? 'unknown' : false);
const not3 = (x: Tri): Tri => (x === 'unknown' ? 'unknown' : !x);

/**
 * Three-valued outcome of a json-rules-engine result tree: each leaf is re-judged from the
 * factResult json-rules-engine fetched (json-rules-engine itself only knows true/false).
 * Leaves json-rules-engine skipped (short-circuit between priority sets) are judged from `facts`.
 */
export function judge(c: ResultCond, leaves: LeafResult[], facts?: Record<string, unknown>): Tri {
  if (c.all) return and3(c.all.map((x) => judge(x, leaves, facts)));
  if (c.any) return or3(c.any.map((x) => judge(x, leaves, facts)));
  if (c.not) return not3(judge(c.not, leaves, facts));
  const fv = 'factResult' in c ? c.factResult : facts?.[c.fact!];
  const v: Verdict = operators[c.operator!](fv, c.value);
  leaves.push({ fact: c.fact!, operator: c.operator!, value: c.value, factValue: summariseFact(fv), result: v.r, reason: v.reason });
  return v.r;
}

/** Direct three-valued evaluation of compiled conditions (used for the naive baseline's bookkeeping and tests). */
export function judgeDirect(c: Cond, facts: Record<string, unknown>, leaves: LeafResult[]): Tri {
  if ('all' in c) return and3(c.all.map((x) => judgeDirect(x, facts, leaves)));
  if ('any' in c) return or3(c.any.map((x) => judgeDirect(x, facts, leaves)));
  if ('not' in c) return not3(judgeDirect(c.not, facts, leaves));
  const fv = facts[c.fact];
  const v = operators[c.operator](fv, c.value);
  leaves.push({ fact: c.fact, operator: c.operator, value: c.value, factValue: summariseFact(fv), result: v.r, reason: v.reason });
  return v.r;
}

/** Facts as shown in answers: the content fact without its helper function, the poison fact as its status. */
function summariseFact(fv: unknown): unknown {
  if (fv && typeof fv === 'object' && !Array.isArray(fv)) {
    const o = fv as Record<string, unknown>;
    if ('sameSubstance' in o) return Array.isArray(o.contents) && o.contents.length > 1 ? o.contents : (o.content ?? null);
    if ('status' in o && 'reasons' in o) return o.status;
  }
  return fv === undefined ? null : fv;
}

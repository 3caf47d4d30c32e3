/**
 * Generic conditions for every rule family beyond classification (retention variants, license
 * scopes, transaction findings, label exemptions, report kinds). They are written in
 * json-rules-engine's own condition format, so a rule file reads like any json-rules-engine rule:
 *
 * ```yaml
 * when:
 *   all:
 *     - { fact: product.yoshiji, operator: equal, value: required }
 *     - not: { fact: documents, operator: containsAny, value: [処方箋, 獣医師の指示] }
 * ```
 *
 * Every leaf is three-valued: a fact that is absent gives `unknown` (with a `missing-fact` reason
 * naming its field path), never false; `all` / `any` / `not` combine by Kleene logic. A condition
 * is evaluated two ways that must agree (test/rules/conditions.test.ts proves it on generated facts):
 * - {@link CompiledCondition.evaluate}: closures built once from the condition (the fast path; no eval);
 * - {@link CompiledCondition.evaluateWithEngine}: a json-rules-engine run, each leaf re-judged
 *   three-valued from the fact value json-rules-engine reports (the reference semantics).
 *
 * Fact names are dotted paths into the facts object (`buyer.kind`); they come from rule files only,
 * never from requests, and own properties are read only (`__proto__`, `constructor` are never followed).
 */
import { Engine, Rule as JreRule } from 'json-rules-engine';
import type { Reason, Tri } from './answer.js';

export interface ConditionLeaf {
  fact: string;
  operator: ConditionOperator;
  value?: unknown;
}
export type Condition = ConditionLeaf | { all: Condition[] } | { any: Condition[] } | { not: Condition };

export type ConditionOperator =
  | 'equal'
  | 'notEqual'
  | 'in'
  | 'notIn'
  | 'contains'
  | 'doesNotContain'
  | 'containsAny'
  | 'containsNone'
  | 'lessThan'
  | 'lessThanInclusive'
  | 'greaterThan'
  | 'greaterThanInclusive'
  | 'exists'
  | 'notExists';

export const conditionOperators: readonly ConditionOperator[] = [
  'equal',
  'notEqual',
  'in',
  'notIn',
  'contains',
  'doesNotContain',
  'containsAny',
  'containsNone',
  'lessThan',
  'lessThanInclusive',
  'greaterThan',
  'greaterThanInclusive',
  'exists',
  'notExists',
];

/** One leaf as evaluated (what answers show under `conditions`). */
export interface EvaluatedLeaf {
  fact: string;
  operator: string;
  value: unknown;
  factValue: unknown;
  result: Tri;
}

export interface ConditionOutcome {
  result: Tri;
  /** every leaf evaluated, in order */
  leaves: EvaluatedLeaf[];
  /** one `missing-fact` reason per absent fact that made the outcome unknown */
  reasons: Reason[];
}

/** Reads a dotted path of own properties; undefined when any step is absent (or null). */
export function factAt(facts: unknown, path: string): unknown {
  let v: unknown = facts;
  for (const k of path.split('.')) {
    if (v === null || v === undefined || typeof v !== 'object') return undefined;
    if (!Object.prototype.hasOwnProperty.call(v, k)) return undefined;
    v = (v as Record<string, unknown>)[k];
  }
  return v === null ? undefined : v;
}

/** {@link factAt} with the path already split. */
function factAtParts(facts: unknown, parts: readonly string[]): unknown {
  let v: unknown = facts;
  for (let i = 0; i < parts.length; i++) {
    if (v === null || v === undefined || typeof v !== 'object') return undefined;
    if (!Object.prototype.hasOwnProperty.call(v, parts[i])) return undefined;
    v = (v as Record<string, unknown>)[parts[i]];
  }
  return v === null ? undefined : v;
}

const num = (x: unknown): number | string | undefined => (typeof x === 'number' || typeof x === 'string' ? x : undefined);
const arr = (x: unknown): unknown[] => (Array.isArray(x) ? x : [x]);

/** The three-valued operators. `fv` undefined = the fact is absent. */
export const leafOperators: Record<ConditionOperator, (fv: unknown, value: unknown) => Tri> = {
  equal: (fv, v) => (fv === undefined ? 'unknown' : fv === v),
  notEqual: (fv, v) => (fv === undefined ? 'unknown' : fv !== v),
  in: (fv, v) => (fv === undefined ? 'unknown' : arr(v).includes(fv)),
  notIn: (fv, v) => (fv === undefined ? 'unknown' : !arr(v).includes(fv)),
  contains: (fv, v) => (fv === undefined ? 'unknown' : Array.isArray(fv) ? fv.includes(v) : false),
  doesNotContain: (fv, v) => (fv === undefined ? 'unknown' : Array.isArray(fv) ? !fv.includes(v) : true),
  containsAny: (fv, v) => (fv === undefined ? 'unknown' : arr(fv).some((x) => arr(v).includes(x))),
  containsNone: (fv, v) => (fv === undefined ? 'unknown' : !arr(fv).some((x) => arr(v).includes(x))),
  lessThan: (fv, v) => cmp(fv, v, (a, b) => a < b),
  lessThanInclusive: (fv, v) => cmp(fv, v, (a, b) => a <= b),
  greaterThan: (fv, v) => cmp(fv, v, (a, b) => a > b),
  greaterThanInclusive: (fv, v) => cmp(fv, v, (a, b) => a >= b),
  exists: (fv, v) => (fv !== undefined) === (v === undefined ? true : Boolean(v)),
  notExists: (fv) => fv === undefined,
};

/** Numbers with numbers, strings (ISO dates) with strings; anything else is not comparable → unknown. */
function cmp(fv: unknown, v: unknown, f: (a: number | string, b: number | string) => boolean): Tri {
  const a = num(fv);
  const b = num(v);
  if (a === undefined || b === undefined || typeof a !== typeof b) return 'unknown';
  return f(a, b);
}

const and3 = (xs: Tri[]): Tri => (xs.includes(false) ? false : xs.includes('unknown') ? 'unknown' : true);
const or3 = (xs: Tri[]): Tri => (xs.includes(true) ? true : xs.includes('unknown') ? 'unknown' : false);
const not3 = (x: Tri): Tri => (x === 'unknown' ? 'unknown' : !x);

export class ConditionError extends Error {
  override name = 'ConditionError';
}

/** Checks a condition's shape (the schemas check it too; this guards conditions built in code). */
export function checkCondition(c: unknown, pointer = ''): void {
  if (!c || typeof c !== 'object' || Array.isArray(c)) throw new ConditionError(`${pointer || '/'}: a condition must be an object`);
  const o = c as Record<string, unknown>;
  if ('all' in o || 'any' in o) {
    const k = 'all' in o ? 'all' : 'any';
    if (!Array.isArray(o[k])) throw new ConditionError(`${pointer}/${k}: must be an array of conditions`);
    (o[k] as unknown[]).forEach((x, i) => checkCondition(x, `${pointer}/${k}/${i}`));
  } else if ('not' in o) checkCondition(o.not, `${pointer}/not`);
  else {
    if (typeof o.fact !== 'string' || !o.fact) throw new ConditionError(`${pointer}/fact: must be a fact name`);
    if (!conditionOperators.includes(o.operator as ConditionOperator))
      throw new ConditionError(`${pointer}/operator: must be one of ${conditionOperators.join(', ')} (got ${JSON.stringify(o.operator)})`);
  }
}

type Fast = (facts: unknown, out?: EvaluatedLeaf[]) => Tri;

function compileFast(c: Condition): Fast {
  if ('all' in c) {
    const parts = c.all.map(compileFast);
    return (f, out) => {
      if (out) return and3(parts.map((p) => p(f, out)));
      let unknown = false;
      for (const p of parts) {
        const r = p(f);
        if (r === false) return false;
        if (r === 'unknown') unknown = true;
      }
      return unknown ? 'unknown' : true;
    };
  }
  if ('any' in c) {
    const parts = c.any.map(compileFast);
    return (f, out) => {
      if (out) return or3(parts.map((p) => p(f, out)));
      let unknown = false;
      for (const p of parts) {
        const r = p(f);
        if (r === true) return true;
        if (r === 'unknown') unknown = true;
      }
      return unknown ? 'unknown' : false;
    };
  }
  if ('not' in c) {
    const inner = compileFast(c.not);
    return (f, out) => not3(inner(f, out));
  }
  const op = leafOperators[c.operator];
  const { fact, value, operator } = c;
  const simple = !fact.includes('.');
  const parts = fact.split('.'); // split once, not per evaluation
  return (f, out) => {
    const fv = simple ? (f !== null && typeof f === 'object' && Object.prototype.hasOwnProperty.call(f, fact) ? ((f as Record<string, unknown>)[fact] ?? undefined) : undefined) : factAtParts(f, parts);
    const r = op(fv, value);
    if (out) out.push({ fact, operator, value, factValue: fv === undefined ? null : fv, result: r });
    return r;
  };
}

function leavesOf(c: Condition, out: ConditionLeaf[] = []): ConditionLeaf[] {
  if ('all' in c) c.all.forEach((x) => leavesOf(x, out));
  else if ('any' in c) c.any.forEach((x) => leavesOf(x, out));
  else if ('not' in c) leavesOf(c.not, out);
  else out.push(c);
  return out;
}

/** json-rules-engine fact names may not contain dots in a way it would read as paths; we pass each path as one fact. */
const jreName = (fact: string) => `f:${fact}`;

function toJre(c: Condition): unknown {
  if ('all' in c) return { all: c.all.map(toJre) };
  if ('any' in c) return { any: c.any.map(toJre) };
  if ('not' in c) return { not: toJre(c.not) };
  return { fact: jreName(c.fact), operator: `tri:${c.operator}`, value: c.value ?? null };
}

type ResultCond = { fact?: string; operator?: string; value?: unknown; factResult?: unknown; all?: ResultCond[]; any?: ResultCond[]; not?: ResultCond };

function judgeResult(rc: ResultCond, c: Condition, facts: Record<string, unknown>, out: EvaluatedLeaf[]): Tri {
  if ('all' in c) return and3(c.all.map((x, i) => judgeResult(rc.all?.[i] ?? {}, x, facts, out)));
  if ('any' in c) return or3(c.any.map((x, i) => judgeResult(rc.any?.[i] ?? {}, x, facts, out)));
  if ('not' in c) return not3(judgeResult(rc.not ?? {}, c.not, facts, out));
  // json-rules-engine may skip a leaf (short-circuit); then read the fact we supplied
  const raw = 'factResult' in rc ? rc.factResult : facts[jreName(c.fact)];
  const fv = raw === null ? undefined : raw;
  const r = leafOperators[c.operator](fv, c.value);
  out.push({ fact: c.fact, operator: c.operator, value: c.value, factValue: fv === undefined ? null : fv, result: r });
  return r;
}

/** A condition compiled once: a fast closure, and (on demand) a json-rules-engine engine. */
export class CompiledCondition {
  readonly condition: Condition;
  readonly facts: string[];
  #fast: Fast;
  #engine?: Engine;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(condition: Condition) {
    checkCondition(condition);
    this.condition = condition;
    this.facts = [...new Set(leavesOf(condition).map((l) => l.fact))];
    this.#fast = compileFast(condition);
  }

  /** The outcome alone (no allocation): the fast path for bulk checks. */
  test(facts: unknown): Tri {
    return this.#fast(facts);
  }

  /** The outcome with every leaf evaluated and the missing facts named. */
  evaluate(facts: unknown): ConditionOutcome {
    const leaves: EvaluatedLeaf[] = [];
    const result = this.#fast(facts, leaves);
    return { result, leaves, reasons: result === 'unknown' ? missingReasons(leaves) : [] };
  }

  /** The same outcome from a json-rules-engine run (the reference semantics). */
  async evaluateWithEngine(facts: unknown): Promise<ConditionOutcome> {
    const engine = (this.#engine ??= this.#buildEngine());
    const flat: Record<string, unknown> = {};
    for (const f of this.facts) flat[jreName(f)] = factAt(facts, f) ?? null;
    // json-rules-engine engines are not re-entrant: runs on one engine are serialised
    const run = this.#queue.then(() => engine.run(flat));
    this.#queue = run.catch(() => undefined);
    const res = await run;
    const rr = [...res.results, ...res.failureResults][0] as unknown as { conditions: ResultCond };
    const leaves: EvaluatedLeaf[] = [];
    const result = judgeResult(rr.conditions, this.condition, flat, leaves);
    return { result, leaves, reasons: result === 'unknown' ? missingReasons(leaves) : [] };
  }

  #buildEngine(): Engine {
    const engine = new Engine([], { allowUndefinedFacts: true });
    for (const name of conditionOperators) {
      const op = leafOperators[name];
      engine.addOperator(`tri:${name}`, (a: unknown, b: unknown) => op(a === null ? undefined : a, b) === true);
    }
    const top = toJre(this.condition) as Record<string, unknown>;
    const conditions = 'all' in top || 'any' in top ? top : { all: [top] };
    engine.addRule(new JreRule({ conditions: conditions as never, event: { type: 'holds' } }));
    return engine;
  }
}

function missingReasons(leaves: EvaluatedLeaf[]): Reason[] {
  const seen = new Set<string>();
  const out: Reason[] = [];
  for (const l of leaves)
    if (l.result === 'unknown' && l.factValue === null && !seen.has(l.fact)) {
      seen.add(l.fact);
      const field = `/${l.fact.split('.').join('/')}`;
      out.push({ code: 'missing-fact', field, message: `needs ${field}` });
    }
  for (const l of leaves)
    if (l.result === 'unknown' && l.factValue !== null && !seen.has(l.fact)) {
      seen.add(l.fact);
      out.push({ code: 'not-comparable', field: `/${l.fact.split('.').join('/')}`, message: `${l.fact} (${JSON.stringify(l.factValue)}) cannot be compared with ${JSON.stringify(l.value)}` });
    }
  return out;
}

/** A shared cache of compiled conditions, keyed by the condition object itself (rule files are immutable once loaded). */
const compiledCache = new WeakMap<object, CompiledCondition>();
export function compileCondition(c: Condition): CompiledCondition {
  let x = compiledCache.get(c);
  if (!x) compiledCache.set(c, (x = new CompiledCondition(c)));
  return x;
}

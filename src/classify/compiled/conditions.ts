/**
 * The compiled engine's conditions: each rule part's condition tree (src/rules/compile.ts `Cond`,
 * leaves with the three-valued operators of src/rules/operators.ts) compiled once into a closure
 * (no eval, no new Function) that returns the part's three-valued outcome and records every leaf
 * in order — exactly what `judge` reads back from a json-rules-engine run of the same tree (every
 * leaf of an `all`/`any` is evaluated, no short-circuit, so the same reasons are collected).
 * Leaves are judged by `judgeDirect`, the same leaf judgement (operator, fact summary, reason) the
 * json-rules-engine path uses; the combinators are Kleene logic over the children.
 */
import { judgeDirect, type Cond, type LeafResult } from '../../rules/compile.js';
import type { CompiledRule } from '../../rules/ruleset.js';
import type { Tri } from '../../rules/answer.js';
import { deepFreeze } from '../../rules/memo.js';

export type Facts = Record<string, unknown>;
/** A compiled condition: its outcome for `facts`, each leaf evaluated appended to `leaves`. */
export type CompiledCond = (facts: Facts, leaves: LeafResult[]) => Tri;

export function compileCond(c: Cond): CompiledCond {
  if ('all' in c) {
    const xs = c.all.map(compileCond);
    if (xs.length === 1) return xs[0];
    return (facts, leaves) => {
      let f = false;
      let u = false;
      for (let i = 0; i < xs.length; i++) {
        const r = xs[i](facts, leaves);
        if (r === false) f = true;
        else if (r === 'unknown') u = true;
      }
      return f ? false : u ? 'unknown' : true;
    };
  }
  if ('any' in c) {
    const xs = c.any.map(compileCond);
    return (facts, leaves) => {
      let t = false;
      let u = false;
      for (let i = 0; i < xs.length; i++) {
        const r = xs[i](facts, leaves);
        if (r === true) t = true;
        else if (r === 'unknown') u = true;
      }
      return t ? true : u ? 'unknown' : false;
    };
  }
  if ('not' in c) {
    const x = compileCond(c.not);
    return (facts, leaves) => {
      const r = x(facts, leaves);
      return r === 'unknown' ? 'unknown' : !r;
    };
  }
  // a leaf: its value is shared by every answer that shows it, so it is frozen once here
  deepFreeze(c.value);
  return (facts, leaves) => judgeDirect(c, facts, leaves);
}

const byRule = new WeakMap<CompiledRule, CompiledCond[]>();

/** The compiled closures of a rule's parts (`when`, then each exception), built once per rule. */
export function compiledParts(c: CompiledRule): CompiledCond[] {
  let fns = byRule.get(c);
  if (!fns) byRule.set(c, (fns = c.parts.map((p) => compileCond(p.cond))));
  return fns;
}

/** A rule as the compiled engine runs it: the facts it reads, and per part its closure and its guards' closures. */
export interface CompiledRuleFns {
  facts: string[];
  parts: { name: string; fn: CompiledCond; guards: CompiledCond[] }[];
}

const fnsByRule = new WeakMap<CompiledRule, CompiledRuleFns>();

/** The compiled form of a rule (built once per rule, then reused by every query). */
export function compiledRule(c: CompiledRule): CompiledRuleFns {
  let k = fnsByRule.get(c);
  if (!k) {
    const fns = compiledParts(c);
    fnsByRule.set(c, (k = { facts: [...c.facts], parts: c.parts.map((p, i) => ({ name: p.name, fn: fns[i], guards: p.guards.map(compileCond) })) }));
  }
  return k;
}

/**
 * A rule's parts for `facts`, as the json-rules-engine path computes them (evaluate.ts, Query.run):
 * each part's guards in order (the first false one makes the part false, with that guard's leaf
 * alone); when the rule's own `when` is false, or no part is live, that is all; otherwise every live
 * part's closure, with all its leaves.
 */
export function runCompiled(k: CompiledRuleFns, facts: Facts): Map<string, { tri: Tri; leaves: LeafResult[] }> {
  const out = new Map<string, { tri: Tri; leaves: LeafResult[] }>();
  const parts = k.parts;
  const live: number[] = [];
  let whenDead = false;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    let dead = false;
    for (let j = 0; j < part.guards.length; j++) {
      const leaves: LeafResult[] = [];
      if (part.guards[j](facts, leaves) === false) {
        out.set(part.name, { tri: false, leaves });
        dead = true;
        break;
      }
    }
    if (!dead) live.push(i);
    else if (part.name === 'when') whenDead = true;
  }
  if (whenDead) return out;
  for (let n = 0; n < live.length; n++) {
    const part = parts[live[n]];
    const leaves: LeafResult[] = [];
    out.set(part.name, { tri: part.fn(facts, leaves), leaves });
  }
  return out;
}

/**
 * Evaluates a product against the rules in force: candidate listings come from the substance /
 * class index (never every rule), each candidate's conditions, provisos and exclusions are
 * evaluated with the facts of that product and ingredient — by the compiled closures
 * (./compiled/conditions.ts, synchronous, the default) or in the rule's prebuilt json-rules-engine
 * engine (the reference semantics) — and the outcomes combine per family (docs/rules-format.md
 * § How a family is decided). One evaluation for both engines: a generator of rule runs, driven
 * asynchronously ({@link evaluateProduct}) or synchronously ({@link evaluateProductSync}).
 */
import type { Engine, EngineResult } from 'json-rules-engine';
import type { Corpus } from '../corpus/model.js';
import type { IngredientDictionary, IngredientMatch, IngredientResolution } from '../ingredients/types.js';
import type { CitationView, Classification, ConditionResult, FamilyAnswer, Reason, RuleMatch } from './model.js';
import { citationView } from '../rules/citations.js';
import { judge, judgeDirect, type LeafResult } from '../rules/compile.js';
import type { Coverage, Rule } from '../rules/model.js';
import { makeSameSubstance, type ContentFact, type PoisonFact, type Tri } from '../rules/operators.js';
import { deepFreeze, factKey, memoEnabled, memoSize, RuleMemo } from '../rules/memo.js';
import type { NormalisedProduct } from './product.js';
import type { FamilyIndex, Ruleset, RulesIndex } from '../rules/ruleset.js';
import { compiledRule, runCompiled } from './compiled/conditions.js';
import type { ClassificationSummary, EngineName, Explain, FamilySummary } from './compiled/model.js';
import { guidanceFacts } from './guidance.js';
import type { Basis } from './model.js';
import {
  and2,
  applyUnknownSpecies,
  decideDesignated,
  decidePoison,
  decideYoshiji,
  monotone,
  not3,
  uniq,
  unlessAny,
  type Candidate,
  type Exclusion,
  type PartResult,
} from './decide.js';

/** What each coverage admits: salts, derivatives, 原体, 製剤 (docs/rules-format.md § Coverage). */
const coverages: Record<Coverage, { salt: boolean; derivative: boolean; substance: boolean; preparation: boolean }> = {
  substance: { salt: false, derivative: false, substance: true, preparation: false },
  'substance-and-salts': { salt: true, derivative: false, substance: true, preparation: false },
  'substance-and-preparations': { salt: false, derivative: false, substance: true, preparation: true },
  'substance-salts-and-preparations': { salt: true, derivative: false, substance: true, preparation: true },
  preparations: { salt: false, derivative: false, substance: false, preparation: true },
  'preparations-of-substance-or-salts': { salt: true, derivative: false, substance: false, preparation: true },
  'derivatives-salts-and-preparations': { salt: true, derivative: true, substance: true, preparation: true },
};

const pathOk = (p: string, c: { salt: boolean; derivative: boolean }): boolean => p === 'exact' || p === 'alias' || p === 'class' || (p === 'salt' && c.salt) || (p === 'derivative' && c.derivative);
function covers(rule: Rule, m: IngredientMatch, isPreparation: boolean): boolean {
  const c = coverages[rule.coverage ?? 'derivatives-salts-and-preparations'];
  if (isPreparation ? !c.preparation : !c.substance) return false;
  if (!pathOk(m.path, c)) return false;
  const via = m.via;
  if (via) for (let i = 0; i < via.length; i++) if (!pathOk(via[i].path, c)) return false;
  return true;
}

type Parts = Map<string, PartResult>;

/** The facts bound for one candidate beyond the product's own: the matched ingredient and the poison answer. */
interface Bound {
  values: Record<string, unknown>;
  /** memo ids of those values (computed when first needed) */
  ids: Record<string, number>;
}
const noParts: Parts = new Map();

/**
 * json-rules-engine's Engine is not re-entrant: a run that finishes marks the engine FINISHED, and a
 * concurrent run of the same engine then skips its remaining rules. Runs of one engine are
 * therefore serialised (concurrent classify calls, or two ingredients matching the same rule).
 */
const engineQueues = new WeakMap<Engine, Promise<unknown>>();
function runExclusive(engine: Engine, facts: Record<string, unknown>): Promise<EngineResult> {
  const prev = engineQueues.get(engine);
  const p = prev ? prev.then(() => engine.run(facts)) : engine.run(facts);
  const tail = p.then(
    () => undefined,
    () => undefined,
  );
  engineQueues.set(engine, tail);
  void tail.then(() => {
    if (engineQueues.get(engine) === tail) engineQueues.delete(engine);
  });
  return p;
}

/** Engine runs and memo hits/misses made so far (for the bench: runs per query, hit rate). */
export const runCounter = { runs: 0, queries: 0, memoHits: 0, memoMisses: 0 };

const memos: Record<EngineName, WeakMap<RulesIndex, WeakMap<IngredientDictionary, { epoch: number; memo: RuleMemo<Parts> }>>> = { compiled: new WeakMap(), 'json-rules-engine': new WeakMap() };
let memoEpoch = 0;
/** One memo per engine (so a memo filled by one engine never serves the other: the differential test compares them). */
function memoFor(idx: RulesIndex, d: IngredientDictionary, engine: EngineName): RuleMemo<Parts> {
  let byDict = memos[engine].get(idx);
  if (!byDict) memos[engine].set(idx, (byDict = new WeakMap()));
  let m = byDict.get(d);
  if (!m || m.epoch !== memoEpoch) byDict.set(d, (m = { epoch: memoEpoch, memo: new RuleMemo(memoSize) }));
  return m.memo;
}
/** Empties every rule-evaluation memo (for the bench's first-pass figure; answers never depend on it). */
export function clearMemos(): void {
  memoEpoch++;
}

/** Stored parts are shared by answers: their leaves (values, fact values, reasons) are frozen. */
function freezeParts(parts: Parts): Parts {
  for (const r of parts.values()) {
    for (const l of r.leaves) deepFreeze(l);
    Object.freeze(r.leaves);
  }
  return parts;
}

/** Per-query state. */
class Query {
  readonly facts: Record<string, unknown>;
  /** json-rules-engine runs made for this query */
  runs = 0;
  memoHits = 0;
  memoMisses = 0;
  #factIds = new Map<string, number>();
  constructor(
    readonly memo: RuleMemo<Parts> | undefined,
    readonly ruleset: Ruleset,
    readonly product: NormalisedProduct,
    readonly resolutions: IngredientResolution[],
    readonly sameSubstance: (a: string, b: string) => boolean,
    readonly engine: EngineName = 'json-rules-engine',
  ) {
    const substances = new Set<string>();
    const classes = new Set<string>();
    for (const r of resolutions) {
      substances.add(r.input);
      substances.add(r.normalized);
      for (const m of r.matches) substances.add(m.key);
      for (const c of r.classes) classes.add(c.name);
    }
    this.facts = {
      species: product.species,
      dosageForm: product.forms,
      applicationSite: product.applicationSite,
      isPreparation: product.isPreparation,
      substances: [...substances],
      classes: [...classes],
    };
    for (const [k, v] of Object.entries(product.extras)) this.facts[`extra.${k}`] = v;
  }

  /** The facts of a candidate: computed once per (ingredient, matched key, poison) for the query. */
  #bound: Map<string, Bound>[] = [];
  #productBound: Bound | undefined;
  bind(ingredient: number | undefined, match: IngredientMatch | undefined, poison: PoisonFact | undefined): Bound {
    if (ingredient === undefined || !match) {
      const b = this.#productBound;
      if (b && b.values.poison === poison) return b;
      return (this.#productBound = { values: { poison }, ids: {} });
    }
    const byKey = (this.#bound[ingredient] ??= new Map());
    const b = byKey.get(match.key);
    if (b && b.values.poison === poison) return b;
    // the ingredient's own facts do not depend on the poison answer: computed once per (ingredient, key)
    let values: Record<string, unknown>;
    if (b) values = { poison, ingredient: b.values.ingredient, content: b.values.content };
    else {
      const res = this.resolutions[ingredient];
      const ing = this.product.ingredients[ingredient];
      const names = [ing.name, res.normalized];
      for (const m of res.matches) names.push(m.key);
      const given = this.product.input.ingredients[ingredient];
      const fields: string[] = [];
      if (given.content) fields.push(`/ingredients/${ingredient}/content`);
      if (given.contents) for (let k = 0; k < given.contents.length; k++) fields.push(`/ingredients/${ingredient}/contents/${k}`);
      values = {
        poison,
        ingredient: names,
        content: { index: ingredient, input: ing.name, key: match.key, content: ing.content, contents: ing.contents, fields, sameSubstance: this.sameSubstance } satisfies ContentFact,
      };
    }
    const nb: Bound = { values, ids: {} };
    byKey.set(match.key, nb);
    return nb;
  }

  /**
   * A rule's parts, three-valued, for the facts it reads: guards first (a part whose condition on
   * an indexed fact is false cannot hold and is not sent to the engine), then one engine run for
   * the live parts. Synchronous when no engine run is needed.
   */
  run(rule: Rule, bound: Bound): Parts | Promise<Parts> {
    const c = this.ruleset.compiled(rule);
    if (!c.engine) return noParts;
    let key: string | undefined;
    if (this.memo) {
      key = rule.id;
      for (const f of c.facts) key += `:${f in bound.values ? (bound.ids[f] ??= this.memo.id(factKey(bound.values[f]))) : this.#factId(f)}`;
      const hit = this.memo.get(key);
      if (hit) {
        this.memoHits++;
        return hit;
      }
      this.memoMisses++;
    }
    if (this.engine === 'compiled') {
      // the compiled engine: guards and parts as closures, synchronously (same outcome and leaves as below)
      const k = compiledRule(c);
      const facts: Record<string, unknown> = {};
      for (let i = 0; i < k.facts.length; i++) {
        const f = k.facts[i];
        facts[f] = f in bound.values ? bound.values[f] : this.facts[f];
      }
      return this.#remember(key, runCompiled(k, facts));
    }
    const facts: Record<string, unknown> = {};
    for (const f of c.facts) facts[f] = f in bound.values ? bound.values[f] : this.facts[f];
    const out: Parts = new Map();
    const live: number[] = [];
    for (let i = 0; i < c.parts.length; i++) {
      const part = c.parts[i];
      let dead = false;
      for (const g of part.guards) {
        const leaves: LeafResult[] = [];
        if (judgeDirect(g, facts, leaves) === false) {
          out.set(part.name, { tri: false, leaves });
          dead = true;
          break;
        }
      }
      if (!dead) live.push(i);
    }
    // the rule's own `when` cannot hold: its exceptions (provisos, carve-backs) cannot matter
    if (out.get('when')?.tri === false || !live.length) return this.#remember(key, out);
    this.runs++;
    const engine = live.length === c.parts.length ? c.engine : c.engineFor(live);
    return runExclusive(engine, facts).then(({ results, failureResults }) => {
      for (const rr of results) judgeResult(rr, facts, out);
      for (const rr of failureResults) judgeResult(rr, facts, out);
      for (const part of c.parts) if (!out.has(part.name)) throw new Error(`internal: json-rules-engine returned no result for ${part.name} of ${rule.id}`);
      return this.#remember(key, out);
    });
  }

  #remember(key: string | undefined, parts: Parts): Parts {
    if (key !== undefined && this.memo) this.memo.set(key, freezeParts(parts));
    return parts;
  }

  /** The memo id of a product-level fact (computed once per query). */
  #factId(f: string): number {
    let k = this.#factIds.get(f);
    if (k === undefined) this.#factIds.set(f, (k = this.memo!.id(factKey(this.facts[f]))));
    return k;
  }
}

function judgeResult(rr: EngineResult['results'][number], facts: Record<string, unknown>, out: Parts): void {
  const leaves: LeafResult[] = [];
  const tri = judge(rr.conditions as never, leaves, facts);
  out.set(rr.name as string, { tri, leaves });
}

const noBound: Bound = { values: {}, ids: {} };

const toConditions = (part: string, leaves: LeafResult[]): ConditionResult[] =>
  leaves.map((l) => ({ part, fact: l.fact, operator: l.operator, value: l.value, factValue: l.factValue, result: l.result }));

function exclusionOf(x: Rule, parts: Parts): Exclusion {
  const whenR = parts.get('when');
  const carveBacks = whenR?.tri === false || !x.except.length ? noExceptions : x.except.map((e) => ({ x: e, r: parts.get(e.id)! }));
  const tri = unlessAny(whenR?.tri ?? true, carveBacks);
  return { rule: x, tri, whenR, carveBacks };
}

/** A listing's own outcome (when ∧ ¬provisos) from its parts; exclusions are added by evaluateFamily. */
function listingOf(rule: Rule, ingredient: number | undefined, match: IngredientMatch | undefined, parts: Parts): Candidate {
  const whenR = parts.get('when');
  // when `when` is false the exceptions were not evaluated (they cannot matter)
  const exceptions = whenR?.tri === false || !rule.except.length ? noExceptions : rule.except.map((x) => ({ x, r: parts.get(x.id)! }));
  const listingTri = unlessAny(whenR?.tri ?? true, exceptions);
  return { rule, ingredient, match, whenTri: whenR?.tri ?? true, whenR, exceptions, exclusions: [], listingTri, tri: listingTri };
}

/** No exceptions evaluated (shared, never written to: a candidate's `exceptions` / an exclusion's `carveBacks` are only read). */
const noExceptions: never[] = [];
/** `or3(false, ...xs.map((x) => x.tri))` */
function anyTri(xs: readonly { tri: Tri }[]): Tri {
  let u = false;
  for (let i = 0; i < xs.length; i++) {
    if (xs[i].tri === true) return true;
    if (xs[i].tri === 'unknown') u = true;
  }
  return u ? 'unknown' : false;
}

const isPromise = <T>(x: T | Promise<T>): x is Promise<T> => x instanceof Promise;
async function settle<T>(xs: (T | Promise<T>)[]): Promise<T[]> {
  return xs.some(isPromise) ? Promise.all(xs) : (xs as T[]);
}

/**
 * The evaluation is written once, as a generator that yields each batch of rule runs it needs and
 * resumes with their results: {@link drive} awaits them (json-rules-engine runs are asynchronous),
 * {@link driveSync} takes them as they are (the compiled engine never returns a promise).
 */
type Runs = (Parts | Promise<Parts>)[];
type Evaluation<T> = Generator<Runs, T, Parts[]>;
async function drive<T>(g: Evaluation<T>): Promise<T> {
  let r = g.next();
  while (!r.done) r = g.next(await settle(r.value));
  return r.value;
}
function driveSync<T>(g: Evaluation<T>): T {
  let r = g.next();
  while (!r.done) {
    if (r.value.some(isPromise)) throw new Error('internal: a synchronous classification needed an asynchronous engine run');
    r = g.next(r.value as Parts[]);
  }
  return r.value;
}

/** The candidate listings of a family for the product: by substance key, by class, and product-level. */
function candidatesOf(q: Query, fi: FamilyIndex): { rule: Rule; ingredient?: number; match?: IngredientMatch }[] {
  const out: { rule: Rule; ingredient?: number; match?: IngredientMatch }[] = [];
  const isPreparation = q.product.isPreparation;
  for (let i = 0; i < q.resolutions.length; i++) {
    const res = q.resolutions[i];
    // a rule is a candidate once per ingredient (its first covering match)
    let seen: Set<string> | undefined;
    for (const m of res.matches) {
      const rules = fi.bySubstance.get(m.key);
      if (!rules) continue;
      for (const rule of rules) {
        if (seen?.has(rule.id) || !covers(rule, m, isPreparation)) continue;
        (seen ??= new Set()).add(rule.id);
        out.push({ rule, ingredient: i, match: m });
      }
    }
    for (const c of res.classes) {
      const rules = fi.byClass.get(c.name);
      if (!rules) continue;
      let m: IngredientMatch | undefined;
      for (const rule of rules) {
        if (seen?.has(rule.id)) continue;
        m ??= { key: c.name, path: 'class', curated: c.curated, reasoning: c.reasoning };
        if (!covers(rule, m, isPreparation)) continue;
        (seen ??= new Set()).add(rule.id);
        out.push({ rule, ingredient: i, match: m });
      }
    }
  }
  for (const rule of fi.productLevel) out.push({ rule });
  return out;
}

/** Citation views (id, label, excerpt), built once per corpus node and shared read-only (frozen); each answer gets its own arrays. */
class Views {
  #lists = new WeakMap<string[], CitationView[]>();
  constructor(readonly corpus: Pick<Corpus, 'nodes'>) {}
  view(id: string): CitationView {
    return citationView(this.corpus, id, { max: 120 });
  }
  /** The views of a rule's citations (a fresh array of the shared views). */
  of(ids: string[]): CitationView[] {
    let l = this.#lists.get(ids);
    if (!l) this.#lists.set(ids, (l = ids.map((id) => this.view(id))));
    return l.slice();
  }
}
const viewsByCorpus = new WeakMap<object, Views>();

function ruleMatches(q: Query, views: Views, cands: Candidate[]): RuleMatch[] {
  const out: RuleMatch[] = [];
  const seenExcl = new Set<string>();
  for (const c of cands) {
    const res = c.ingredient !== undefined ? q.resolutions[c.ingredient] : undefined;
    out.push({
      rule: c.rule.id,
      title: c.rule.title,
      role: c.rule.role,
      result: c.tri,
      ingredient: res && c.match ? { input: res.input, key: c.match.key, path: c.match.path, curated: c.match.curated, reasoning: c.match.reasoning } : undefined,
      conditions: [...(c.whenR ? toConditions('when', c.whenR.leaves) : []), ...c.exceptions.flatMap((e) => toConditions(e.x.id, e.r.leaves))],
      citations: views.of(c.rule.citations),
    });
    for (const e of c.exceptions)
      if (e.r.tri !== false)
        out.push({ rule: e.x.id, title: e.x.title, role: 'proviso', result: e.r.tri, conditions: toConditions(e.x.id, e.r.leaves), citations: views.of(e.x.citations) });
    for (const x of c.exclusions) {
      if (seenExcl.has(x.rule.id)) continue;
      seenExcl.add(x.rule.id);
      out.push({
        rule: x.rule.id,
        title: x.rule.title,
        role: 'exclusion',
        result: x.tri,
        conditions: [...(x.whenR ? toConditions('when', x.whenR.leaves) : []), ...x.carveBacks.filter((cb) => cb.r.tri !== false).flatMap((cb) => toConditions(cb.x.id, cb.r.leaves))],
        citations: views.of(x.rule.citations),
      });
      for (const cb of x.carveBacks)
        if (cb.r.tri !== false && x.whenR?.tri !== false)
          out.push({ rule: cb.x.id, title: cb.x.title, role: 'carve-back', result: cb.r.tri, conditions: toConditions(cb.x.id, cb.r.leaves), citations: views.of(cb.x.citations) });
    }
  }
  return out;
}

function* evaluateFamily(q: Query, fi: FamilyIndex, poison?: PoisonFact): Evaluation<{ cands: Candidate[]; scope: { rule: Rule; r: PartResult }[] }> {
  const list = candidatesOf(q, fi);
  const parts = yield list.map((c) => q.run(c.rule, q.bind(c.ingredient, c.match, poison)));
  const cands = list.map((c, i) => listingOf(c.rule, c.ingredient, c.match, parts[i]));
  // exclusions are product-level: each evaluated once per query, only for listings that may hold
  const excluding = new Map<string, Rule>();
  for (const c of cands) if (c.listingTri !== false) for (const x of fi.exclusionsOf.get(c.rule.id) ?? []) excluding.set(x.id, x);
  if (excluding.size) {
    const xs = [...excluding.values()];
    const bound = q.bind(undefined, undefined, poison);
    const xParts = yield xs.map((x) => q.run(x, bound));
    const byId = new Map(xs.map((x, i) => [x.id, exclusionOf(x, xParts[i])]));
    for (const c of cands) {
      if (c.listingTri === false) continue;
      for (const x of fi.exclusionsOf.get(c.rule.id) ?? []) c.exclusions.push(byId.get(x.id)!);
      c.tri = and2(c.listingTri, not3(anyTri(c.exclusions)));
    }
  }
  const scope: { rule: Rule; r: PartResult }[] = [];
  if (cands.length) {
    const sParts = yield fi.scope.map((s) => q.run(s, noBound));
    fi.scope.forEach((s, i) => scope.push({ rule: s, r: sParts[i].get('when') ?? { tri: true, leaves: [] } }));
  }
  return { cands, scope };
}

export interface EvaluateOptions {
  memo?: boolean;
  /** default: {@link defaultEngine} */
  engine?: EngineName;
}

let envEngine: EngineName | undefined;
/** The engine when the options name none: DOYAKU_ENGINE=json-rules-engine selects the reference engine (read once per process), else compiled. */
export function defaultEngine(): EngineName {
  return (envEngine ??= process.env.DOYAKU_ENGINE === 'json-rules-engine' ? 'json-rules-engine' : 'compiled');
}

/** Evaluates a product (either engine); the full explaining answer. */
export function evaluateProduct(ruleset: Ruleset, dictionary: IngredientDictionary, corpus: Pick<Corpus, 'nodes'>, p: NormalisedProduct, asOf: string, options: EvaluateOptions = {}): Promise<Classification> {
  const engine = options.engine ?? defaultEngine();
  if (engine !== 'compiled' && engine !== 'json-rules-engine') return Promise.reject(new TypeError(`engine must be 'compiled' or 'json-rules-engine', got '${String(engine)}'`));
  const g = evaluation(ruleset, dictionary, corpus, p, asOf, options.memo, engine, 'full') as Evaluation<Classification>;
  if (engine === 'compiled') {
    try {
      return Promise.resolve(driveSync(g));
    } catch (e) {
      return Promise.reject(e);
    }
  }
  return drive(g);
}

/** Evaluates a product synchronously with the compiled engine (json-rules-engine is asynchronous: it cannot serve here). */
export function evaluateProductSync(ruleset: Ruleset, dictionary: IngredientDictionary, corpus: Pick<Corpus, 'nodes'>, p: NormalisedProduct, asOf: string, options: { memo?: boolean; explain: 'summary' }): ClassificationSummary;
export function evaluateProductSync(ruleset: Ruleset, dictionary: IngredientDictionary, corpus: Pick<Corpus, 'nodes'>, p: NormalisedProduct, asOf: string, options?: { memo?: boolean; explain?: Explain }): Classification;
export function evaluateProductSync(
  ruleset: Ruleset,
  dictionary: IngredientDictionary,
  corpus: Pick<Corpus, 'nodes'>,
  p: NormalisedProduct,
  asOf: string,
  options: { memo?: boolean; explain?: Explain } = {},
): Classification | ClassificationSummary {
  return driveSync(evaluation(ruleset, dictionary, corpus, p, asOf, options.memo, 'compiled', options.explain ?? 'full'));
}

/** Evaluates a product, as a generator of engine runs (see {@link drive}); the answer full or summary. */
function* evaluation(
  ruleset: Ruleset,
  dictionary: IngredientDictionary,
  corpus: Pick<Corpus, 'nodes'>,
  p: NormalisedProduct,
  asOf: string,
  memo: boolean | undefined,
  engine: EngineName,
  explain: Explain,
): Evaluation<Classification | ClassificationSummary> {
  const idx = ruleset.index(asOf);
  const resolve = cachedResolver(dictionary);
  const resolutions = p.ingredients.map((i) => resolve(i.name)!);
  // the memo pays for json-rules-engine runs; the compiled closures are cheaper than its keys: off unless asked for
  const useMemo = engine === 'compiled' ? memo === true : memoEnabled(memo);
  const q = new Query(useMemo ? memoFor(idx, dictionary, engine) : undefined, ruleset, p, resolutions, sameSubstanceFor(dictionary, resolve), engine);
  let views = viewsByCorpus.get(corpus);
  if (!views) viewsByCorpus.set(corpus, (views = new Views(corpus)));
  const cite = (ids: string[]) => uniq(ids);

  // --- 毒薬・劇薬 (dokugeki) first: 指定医薬品 第1号・第2号 depend on it
  const dk = yield* evaluateFamily(q, idx.families.dokugeki);
  const poison = withBasis(decidePoison(q.resolutions, dk.cands, cite, guidanceFacts(idx.families.dokugeki, q.resolutions, resolve, covers)));
  // --- 要指示 (yoshiji)
  const yj = yield* evaluateFamily(q, idx.families.yoshiji);
  const yoshiji = withBasis(decideYoshiji(yj.cands, yj.scope, cite));
  applyUnknownSpecies(yoshiji, p.unknownSpecies, p.species !== undefined);
  // --- 指定医薬品 (shitei)
  const poisonFact: PoisonFact = { status: poison.status, reasons: poison.reasons };
  const sh = yield* evaluateFamily(q, idx.families.shitei, poisonFact);
  const designated = withBasis(decideDesignated(sh.cands, poison, cite));

  runCounter.runs += q.runs;
  runCounter.queries++;
  runCounter.memoHits += q.memoHits;
  runCounter.memoMisses += q.memoMisses;
  // the decided families are fresh objects: completed in place with `rules` / `matched` (same keys, same order as a copy)
  const ingredients = resolutions.map((r, i) => {
    const conversions = p.ingredients[i].conversions;
    return conversions ? { input: p.ingredients[i].name, resolution: r, conversions } : { input: p.ingredients[i].name, resolution: r };
  });
  const answer: Classification | ClassificationSummary = explain === 'summary' ? {
    explain: 'summary',
    yoshiji: completed(yoshiji, 'rules', summaryRules(yj.cands, yj.scope)),
    poison: completed(poison, 'rules', summaryRules(dk.cands)),
    designated: completed(designated, 'rules', summaryRules(sh.cands)),
    ingredients,
    rulesetVersion: ruleset.version,
    contentHash: ruleset.contentHash,
    asOf,
    caveats: [ruleset.caveat],
  } : {
    yoshiji: completed(yoshiji, 'matched', [...scopeMatches(yj.scope, views), ...ruleMatches(q, views, yj.cands)]),
    poison: completed(poison, 'matched', ruleMatches(q, views, dk.cands)),
    designated: completed(designated, 'matched', ruleMatches(q, views, sh.cands)),
    ingredients,
    rulesetVersion: ruleset.version,
    contentHash: ruleset.contentHash,
    asOf,
    caveats: [ruleset.caveat],
  };

  // Unrecognised ingredients: no family can be answered with confidence.
  // Unrecognised ingredients: an answer stands only if no further ingredient could change it
  // (要指示 required, 毒薬, or 指定 by a listing whose provisos do not look at other ingredients).
  const unknown = resolutions.filter((r) => !r.known);
  if (unknown.length) {
    const others = unknown.length < resolutions.length;
    const stands = { yoshiji: yoshiji.status === 'required', poison: poison.status === '毒薬', designated: designated.status === 'designated' && sh.cands.some((c) => c.tri === true && monotone(c.rule)) };
    for (const fam of ['yoshiji', 'poison', 'designated'] as const) {
      const a = answer[fam] as FamilyAnswer<unknown> | FamilySummary<unknown>;
      const without = a.status;
      if (stands[fam]) {
        a.reasons.push(...unknown.map((r) => ({ ...unrecognised(r, resolutions.indexOf(r)), message: `${unrecognised(r, resolutions.indexOf(r)).message}; it cannot change this answer (${String(without)})` })));
        continue;
      }
      a.reasons = [
        ...unknown.map((r) => {
          const u = unrecognised(r, resolutions.indexOf(r));
          return { ...u, message: `${u.message}${others ? `; the recognised ingredients alone would give: ${String(without)}` : ''}` };
        }),
        ...(others ? a.reasons : []),
      ];
      a.status = 'unknown';
      (a as { basis?: string }).basis = 'ordinance';
      delete (a as { guidance?: unknown }).guidance;
    }
  }
  return answer;
}

/**
 * Why an ingredient the dictionary does not place counts as unknown: either the name is not
 * recognised at all (`unknown-ingredient`, with did-you-mean suggestions), or it is a known
 * substance whose place under the ordinance is arguable, e.g. whether it is a 誘導体 of a listed
 * one (`uncertain-ingredient`, with the curated reason).
 */
function unrecognised(r: IngredientResolution, i: number): Reason {
  const field = `/ingredients/${i}/name`;
  const suggestions = r.suggestions ?? [];
  const mean = suggestions.length ? ` (did you mean ${suggestions.join('、')}?)` : '';
  if (r.uncertain)
    return { code: 'uncertain-ingredient', message: `'${r.input}' is a recognised substance whose coverage by the ordinance cannot be decided: ${r.uncertain}`, field, suggestions };
  return { code: 'unknown-ingredient', message: `'${r.input}' is not a recognised ingredient${mean}`, field, suggestions };
}

/**
 * The summary's rule ids: the entries {@link ruleMatches} (and {@link scopeMatches}) would list,
 * in the same order, whose result is true or unknown — each id once (test/classify/differential.test.ts
 * checks it against the full answer).
 */
function summaryRules(cands: Candidate[], scope: { rule: Rule; r: PartResult }[] = []): string[] {
  const out = new Set<string>();
  for (const s of scope) if (s.r.tri !== false) out.add(s.rule.id);
  const seenExcl = new Set<string>();
  for (const c of cands) {
    if (c.tri !== false) out.add(c.rule.id);
    for (const e of c.exceptions) if (e.r.tri !== false) out.add(e.x.id);
    for (const x of c.exclusions) {
      if (seenExcl.has(x.rule.id)) continue;
      seenExcl.add(x.rule.id);
      if (x.tri !== false) out.add(x.rule.id);
      for (const cb of x.carveBacks) if (cb.r.tri !== false && x.whenR?.tri !== false) out.add(cb.x.id);
    }
  }
  return [...out];
}

/** `{ ...d, [k]: v }` for a fresh object `d` nobody else holds: the key added in place. */
function completed<T extends object, K extends string, V>(d: T, k: K, v: V): T & Record<K, V> {
  (d as Record<string, unknown>)[k] = v;
  return d as T & Record<K, V>;
}


/** A decided family with its basis made explicit (`ordinance` unless the decider said otherwise). */
function withBasis<T extends { basis?: Basis }>(d: T): T & { basis: Basis } {
  // the deciders return a fresh object each time: completed in place (same keys, same order as a copy)
  d.basis ??= 'ordinance';
  return d as T & { basis: Basis };
}

function scopeMatches(scope: { rule: Rule; r: PartResult }[], views: Views): RuleMatch[] {
  return scope.map((s) => ({
    rule: s.rule.id,
    title: s.rule.title,
    role: 'scope',
    result: s.r.tri,
    conditions: toConditions('when', s.r.leaves),
    citations: views.of(s.rule.citations),
  }));
}

function cachedResolver(d: IngredientDictionary): (name: string) => IngredientResolution | undefined {
  let m = resolverCache.get(d);
  if (!m) resolverCache.set(d, (m = new Map()));
  const cache = m;
  return (name: string) => {
    let r = cache.get(name);
    if (!r) {
      r = deepFreeze(d.resolve(name)); // shared by every answer naming it: read-only
      if (cache.size > 50_000) cache.clear();
      cache.set(name, r);
    }
    return r;
  };
}
const resolverCache = new WeakMap<IngredientDictionary, Map<string, IngredientResolution>>();
const sameCache = new WeakMap<IngredientDictionary, (a: string, b: string) => boolean>();
function sameSubstanceFor(d: IngredientDictionary, resolve: (n: string) => IngredientResolution | undefined) {
  let s = sameCache.get(d);
  if (!s) sameCache.set(d, (s = makeSameSubstance(resolve, (x) => resolve(x)?.normalized ?? x.normalize('NFKC'))));
  return s;
}

/**
 * A loaded, validated ruleset: the rules of every family with their effective dates, its version
 * and content hash, and — per asOf — a substance index and prebuilt json-rules-engine engines, so
 * that a query evaluates only the rules its ingredients can trigger.
 */
import { Engine, Rule as JreRule } from 'json-rules-engine';
import type { Corpus } from '../corpus/model.js';
import { compileWhen, type Cond, type Leaf } from './compile.js';
import { loadRules, type LoadContext, type LoadedRules } from './load.js';
import { families, type Exception, type Family, type Rule } from './model.js';
import { familyRuleInForce, type FamilyRule } from './family.js';
import { operators } from './operators.js';

export class AsOfError extends Error {
  override name = 'AsOfError';
}

/** The rules of one family in force on one date, indexed for candidate lookup. */
export interface FamilyIndex {
  family: Family;
  scope: Rule[];
  /** listings by substance key */
  bySubstance: Map<string, Rule[]>;
  /** listings by class name */
  byClass: Map<string, Rule[]>;
  /** listings with neither substances nor classes (e.g. 別表第1第1号 毒薬) — always candidates */
  productLevel: Rule[];
  /** the exclusions that apply to each listing id */
  exclusionsOf: Map<string, Rule[]>;
  listings: Rule[];
}

export interface RulesIndex {
  /** the in-force window this index is valid for: [from, to) */
  from: string;
  to?: string;
  rules: Rule[];
  families: Record<Family, FamilyIndex>;
}

/**
 * A rule's prebuilt json-rules-engine engines: one json-rules-engine Rule for its `when` and one per
 * exception. `guards` are a part's top-level conditions on indexed facts (dosage form, poison
 * status, contained substances and classes): when one is false for the product, the part cannot
 * hold and is not sent to the engine; `engineFor` gives the engine holding exactly the live parts
 * (built once per combination, then reused).
 */
export interface CompiledRule {
  engine?: Engine;
  /** part names: `when`, or an exception id */
  parts: { name: string; cond: Cond; exception?: Exception; guards: Leaf[] }[];
  facts: Set<string>;
  engineFor(live: number[]): Engine;
}

const guardOperators = new Set(['formIn', 'poisonIn', 'containsAny']);

export class Ruleset {
  readonly version: string;
  readonly contentHash: string;
  /** first day of the earliest encoded state (manifest encodes.inForce) */
  readonly earliest: string;
  readonly encodes: LoadedRules['manifest']['encodes'];
  /** The caveat every answer carries: which text the rules encode, and that later amendments are not encoded. */
  readonly caveat: string;
  readonly rules: Rule[];
  readonly byId: Map<string, Rule>;
  readonly loaded: LoadedRules;
  /** sorted dates on which the set of rules in force changes */
  readonly boundaries: string[];
  #indexes = new Map<number, RulesIndex>();
  #compiled = new Map<string, CompiledRule>();
  #validAsOf = new Set<string>();
  #familyCache = new Map<string, FamilyRule[]>();
  #familyById: Map<string, FamilyRule>;

  constructor(loaded: LoadedRules) {
    this.loaded = loaded;
    this.version = loaded.manifest.version;
    this.contentHash = loaded.contentHash;
    this.earliest = loaded.manifest.encodes.inForce;
    this.encodes = loaded.manifest.encodes;
    this.caveat = `The rules encode ${this.encodes.law} as amended up to ${this.encodes.amendedUpTo} (in force ${this.earliest}); later amendments are not encoded.`;
    this.rules = loaded.rules;
    this.byId = new Map(loaded.rules.map((r) => [r.id, r]));
    this.#familyById = new Map(loaded.familyRules.map((r) => [r.id, r]));
    const dates = new Set<string>([this.earliest]);
    for (const r of [...this.rules, ...loaded.familyRules]) {
      dates.add(r.effective.from);
      if (r.effective.to) dates.add(r.effective.to);
      if (r.endedBy) dates.add(r.endedBy.on);
    }
    this.boundaries = [...dates].sort();
  }

  /** The day after which the rule is no longer in force (exclusive end), if any. */
  endOf(r: Rule): string | undefined {
    const a = r.effective.to;
    const b = r.endedBy?.on;
    return a && b ? (a < b ? a : b) : (a ?? b);
  }

  inForce(r: Rule, asOf: string): boolean {
    const end = this.endOf(r);
    return r.effective.from <= asOf && (end === undefined || asOf < end);
  }

  /** Checks an asOf date: format, real date, not before the earliest encoded state. */
  checkAsOf(asOf: string): string {
    if (this.#validAsOf.has(asOf)) return asOf;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || Number.isNaN(Date.parse(`${asOf}T00:00:00Z`)) || new Date(`${asOf}T00:00:00Z`).toISOString().slice(0, 10) !== asOf)
      throw new AsOfError(`asOf must be a date YYYY-MM-DD, got '${asOf}'`);
    if (asOf < this.earliest) throw new AsOfError(`asOf ${asOf} is before the earliest encoded state (${this.earliest})`);
    if (this.#validAsOf.size < 10_000) this.#validAsOf.add(asOf);
    return asOf;
  }

  /** The rules in force on `asOf`, indexed (cached per in-force window). */
  index(asOf: string): RulesIndex {
    let i = 0;
    while (i + 1 < this.boundaries.length && this.boundaries[i + 1] <= asOf) i++;
    let idx = this.#indexes.get(i);
    if (!idx) {
      idx = buildIndex(this.rules.filter((r) => this.inForce(r, asOf)), this.boundaries[i], this.boundaries[i + 1]);
      this.#indexes.set(i, idx);
    }
    return idx;
  }

  /** The rules of a family beyond classification (retention, licenses, …) in force on `asOf` (already checked), in file order. */
  familyRules<S = Record<string, unknown>>(family: string, asOf: string): FamilyRule<S>[] {
    const key = `${family}\u0000${asOf}`;
    let hit = this.#familyCache.get(key);
    if (!hit) {
      hit = this.loaded.familyRules.filter((r) => r.family === family && familyRuleInForce(r, asOf));
      if (this.#familyCache.size > 1000) this.#familyCache.clear();
      this.#familyCache.set(key, hit);
    }
    return hit as FamilyRule<S>[];
  }

  /** A family rule by id, in force or not (undefined if no such rule). */
  familyRule<S = Record<string, unknown>>(id: string): FamilyRule<S> | undefined {
    return this.#familyById.get(id) as FamilyRule<S> | undefined;
  }

  /** Every rule of every family with its citations (classification and the others): for coverage reports. */
  allRules(): { id: string; family: string; title: string; citations: string[]; effective: { from: string; to?: string } }[] {
    return [
      ...this.rules.map((r) => ({ id: r.id, family: r.family, title: r.title, citations: [...r.citations, ...r.except.flatMap((x) => x.citations)], effective: r.effective })),
      ...this.loaded.familyRules.map((r) => ({ id: r.id, family: r.family, title: r.title, citations: allCitations(r.spec), effective: r.effective })),
    ];
  }

  /** The prebuilt engine for a rule's conditions (undefined engine: nothing to evaluate). */
  compiled(r: Rule): CompiledRule {
    let c = this.#compiled.get(r.id);
    if (!c) {
      c = compileRule(r);
      this.#compiled.set(r.id, c);
    }
    return c;
  }
}

/** Every corpus id cited anywhere inside a rule as written. */
function allCitations(v: unknown, out: string[] = []): string[] {
  if (Array.isArray(v)) v.forEach((x) => allCitations(x, out));
  else if (v && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) {
      if (k === 'citations' && Array.isArray(x)) {
        for (const c of x) if (typeof c === 'string' && !out.includes(c)) out.push(c);
      } else allCitations(x, out);
    }
  return out;
}

function buildIndex(rules: Rule[], from: string, to: string | undefined): RulesIndex {
  const fams = {} as Record<Family, FamilyIndex>;
  for (const f of families) {
    const own = rules.filter((r) => r.family === f);
    const fi: FamilyIndex = {
      family: f,
      scope: own.filter((r) => r.role === 'scope'),
      bySubstance: new Map(),
      byClass: new Map(),
      productLevel: [],
      exclusionsOf: new Map(),
      listings: own.filter((r) => r.role === 'listing'),
    };
    const exclusions = own.filter((r) => r.role === 'exclusion');
    for (const r of fi.listings) {
      for (const s of r.substances) fi.bySubstance.set(s, [...(fi.bySubstance.get(s) ?? []), r]);
      for (const c of r.classes) fi.byClass.set(c, [...(fi.byClass.get(c) ?? []), r]);
      if (!r.substances.length && !r.classes.length) fi.productLevel.push(r);
      fi.exclusionsOf.set(
        r.id,
        exclusions.filter((x) => x.appliesTo === 'family' || (Array.isArray(x.appliesTo) && (x.appliesTo.includes(r.id) || (r.group !== undefined && x.appliesTo.includes(r.group))))),
      );
    }
    fams[f] = fi;
  }
  return { from, to, rules, families: fams };
}

let jreOperators: [string, (a: unknown, b: unknown) => boolean][] | undefined;

/** Registers the three-valued operators with an engine, as booleans (true only when surely true). */
export function addOperators(engine: Engine): void {
  jreOperators ??= Object.entries(operators).map(([name, op]) => [name, (a: unknown, b: unknown) => op(a, b).r === true]);
  for (const [name, fn] of jreOperators) engine.addOperator(name, fn);
}

function compileRule(r: Rule): CompiledRule {
  const parts: CompiledRule['parts'] = [];
  const guardsOf = (c: { all: Cond[] }) => c.all.filter((x): x is Leaf => 'fact' in x && guardOperators.has(x.operator));
  if (r.when) {
    const cond = compileWhen(r.when);
    parts.push({ name: 'when', cond, guards: guardsOf(cond) });
  }
  for (const x of r.except) {
    const cond = compileWhen(x.when);
    parts.push({ name: x.id, cond, exception: x, guards: guardsOf(cond) });
  }
  const facts = new Set<string>();
  const collect = (c: Cond) => {
    if ('fact' in c) facts.add(c.fact);
    else if ('all' in c) c.all.forEach(collect);
    else if ('any' in c) c.any.forEach(collect);
    else collect(c.not);
  };
  parts.forEach((p) => collect(p.cond));
  const build = (live: number[]) => {
    const engine = new Engine([], { allowUndefinedFacts: true });
    addOperators(engine);
    for (const i of live) engine.addRule(new JreRule({ name: parts[i].name, conditions: parts[i].cond as never, event: { type: parts[i].name } }));
    return engine;
  };
  const all = parts.map((_, i) => i);
  const engines = new Map<string, Engine>();
  const engine = parts.length ? build(all) : undefined;
  if (engine) engines.set(all.join(','), engine);
  return {
    engine,
    parts,
    facts,
    engineFor(live) {
      const k = live.join(',');
      let e = engines.get(k);
      if (!e) engines.set(k, (e = build(live)));
      return e;
    },
  };
}

/** Loads and checks a rules directory (see docs/rules-format.md). */
export function loadRuleset(rulesDir: string, ctx: LoadContext = {}): Ruleset {
  return new Ruleset(loadRules(rulesDir, ctx));
}

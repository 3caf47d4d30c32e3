/**
 * `kb.checkTransaction(tx)`: is this sale / transfer allowed, what does it oblige, and which
 * records must be kept until when? Every finding is a rule of rules/transactions/*.yaml whose
 * `when` held over the transaction facts (./facts.ts); a rule that cannot be decided for lack of a
 * fact makes the answer `ok: 'unknown'` with `needs` (never a confident compliant). See docs/transactions.md.
 */
import type { Product } from '../classify/model.js';
import type { Corpus } from '../corpus/model.js';
import { citationViews } from '../licenses/citations.js';
import { resolveLicense, type LicenseContext } from '../licenses/licenses.js';
import type { LicenseSpec } from '../licenses/model.js';
import type { RecordDeadline, RetentionPort } from '../licenses/records.js';
import type { AnswerEnvelope, CitationView, Reason, Tri } from '../rules/answer.js';
import { compileCondition, factAt, leafOperators, type CompiledCondition, type Condition, type EvaluatedLeaf } from '../rules/conditions.js';
import { checkIsoDate, today } from '../rules/dates.js';
import type { FamilyRule } from '../rules/family.js';
import { InputError, schemaValidator, inputProblems } from '../rules/input.js';
import type { Ruleset } from '../rules/ruleset.js';
import { deriveFacts, fieldOf, pharmacyLicense, type ClassificationFacts, type Facts } from './facts.js';
import { summarize, type TransactionSummary } from './summary.js';
import type { FactUsed, Finding, RecordItem, RecordObligation, Transaction, TransactionAnswer, TransactionOptions, TransactionRuleSpec, Undetermined } from './model.js';

export type * from './model.js';

/** What the check reads of a classification (the full answer or the summary answer both have it). */
export interface ClassLike {
  yoshiji: { status: unknown; reasons: Reason[] };
  poison: { status: unknown; reasons: Reason[] };
  designated: { status: unknown; reasons: Reason[] };
}

export interface TransactionContext extends LicenseContext {
  ruleset: Ruleset;
  corpus: Pick<Corpus, 'nodes'>;
  classify: (product: Product, options: { asOf: string; engine?: 'compiled' | 'json-rules-engine' }) => Promise<ClassLike> | ClassLike;
  /** the synchronous fast classification path, when present */
  classifySync?: (product: Product, options: { asOf: string }) => ClassLike;
  retention: RetentionPort;
}

// --- rules prepared once per (ruleset, asOf) --------------------------------------------------

interface PreparedRecord {
  spec: NonNullable<TransactionRuleSpec['records']>[number];
  citations: CitationView[];
  items: { text: string; field?: string; citations: CitationView[] }[];
  variants: { cond: CompiledCondition; period: NonNullable<TransactionRuleSpec['records']>[number]['period'] }[];
}
interface PreparedRule {
  rule: FamilyRule<TransactionRuleSpec>;
  spec: TransactionRuleSpec;
  cond: CompiledCondition;
  citations: CitationView[];
  records: PreparedRecord[];
  /** the condition's facts, split, with their input fields */
  facts: { fact: string; parts: string[]; field: string }[];
  /** findings of this rule already built, by the values of the facts used (frozen, shared by answers) */
  findings: Map<string, Finding>;
}

// prepared once per rule, and per in-force list (the ruleset caches its in-force lists per asOf)
const preparedRule = new WeakMap<object, PreparedRule>();
const preparedList = new WeakMap<object, PreparedRule[]>();
function prepare(ctx: TransactionContext, rule: FamilyRule<TransactionRuleSpec>): PreparedRule {
  let p = preparedRule.get(rule);
  if (!p) {
    // the parts every answer shares are frozen: answers cannot change them, and the NDJSON writer serialises each once
    const f = Object.freeze;
    p = {
      rule,
      spec: rule.spec,
      cond: compileCondition(rule.spec.when),
      citations: f(citationViews(ctx.corpus, rule.citations)) as CitationView[],
      records: (rule.spec.records ?? []).map((r) => ({
        spec: r,
        citations: f(citationViews(ctx.corpus, r.citations)) as CitationView[],
        items: (r.items ?? []).map((it) => f({ text: it.text, ...(it.field ? { field: it.field } : {}), citations: f(citationViews(ctx.corpus, it.citations)) as CitationView[] })),
        variants: (r.variants ?? []).map((v) => ({ cond: compileCondition(v.when), period: v.period })),
      })),
      facts: [],
      findings: new Map(),
    };
    p.facts = p.cond.facts.map((fact) => ({ fact, parts: fact.split('.'), field: fieldOf(fact) }));
    preparedRule.set(rule, p);
  }
  return p;
}
function rulesFor(ctx: TransactionContext, asOf: string): PreparedRule[] {
  const inForce = ctx.ruleset.familyRules<TransactionRuleSpec>('transactions', asOf);
  let rules = preparedList.get(inForce);
  if (!rules) preparedList.set(inForce, (rules = inForce.map((r) => prepare(ctx, r))));
  return rules;
}

// --- input ------------------------------------------------------------------------------------

let validatorReady = false;
/** Validates a transaction against rules/schema/transaction.request.schema.json; throws InputError naming each bad field. */
export function validateTransaction(tx: unknown): Transaction {
  if (!validatorReady) {
    schemaValidator('product.schema.json'); // registers the product schema the request schema refers to
    validatorReady = true;
  }
  const v = schemaValidator('transaction.request.schema.json');
  if (!v(tx)) throw new InputError('invalid-transaction', inputProblems(v.errors ?? [], tx), 'transaction');
  const t = tx as Transaction;
  try {
    if (t.date !== undefined) checkIsoDate(t.date, '/date');
    if (t.product.expiryDate !== undefined) checkIsoDate(t.product.expiryDate, '/product/expiryDate');
  } catch (e) {
    throw new InputError('invalid-transaction', [{ field: t.date !== undefined && !isIso(t.date) ? '/date' : '/product/expiryDate', message: (e as Error).message.replace(/^\/[^:]*: /, '') }], 'transaction');
  }
  return t;
}
const isIso = (s: string) => {
  try {
    checkIsoDate(s, 'x');
    return true;
  } catch {
    return false;
  }
};

type LicenseLike = { id: string; name: string; holder: string; spec: Pick<LicenseSpec, 'products' | 'may' | 'seller'> };
const licenseCache = new WeakMap<object, Map<string, LicenseLike | InputError>>();
function sellerLicense(ctx: TransactionContext, name: string, asOf: string): LicenseLike {
  let byName = licenseCache.get(ctx.ruleset);
  if (!byName) licenseCache.set(ctx.ruleset, (byName = new Map()));
  const key = `${asOf}\u0000${name}`;
  let hit = byName.get(key);
  if (!hit) {
    if (['薬局開設者', '薬局', 'yakkyoku', 'pharmacy'].includes(name)) hit = { id: pharmacyLicense.id, name: pharmacyLicense.spec.name, holder: '薬局開設者', spec: pharmacyLicense.spec };
    else
      try {
        const r = resolveLicense(ctx, name, asOf);
        hit = { id: r.id.slice('licenses.'.length), name: r.spec.name, holder: r.spec.holder, spec: r.spec };
      } catch (e) {
        const s = (e as { suggestions?: string[] }).suggestions ?? [];
        hit = new InputError('invalid-transaction', [{ field: '/seller/license', message: `is not a known licence: '${name}'${s.length ? ` (did you mean ${s.map((x) => `'${x}'`).join(', ')}?)` : ''}; see kb.licenses() / doyaku license` }], 'transaction');
      }
    if (byName.size > 5000) byName.clear();
    byName.set(key, hit);
  }
  if (hit instanceof InputError) throw hit;
  return hit;
}

// --- classification ---------------------------------------------------------------------------

interface ClassOutcome {
  facts: ClassificationFacts;
  source: TransactionAnswer['product']['source'];
  reasons: Reason[];
  /** per family: the input fields that would decide it */
  needs: { yoshiji: string[]; poison: string[]; designated: string[] };
}

const designatedOf = (s: unknown): string | undefined =>
  s === true || s === 'designated' ? 'designated' : s === false || s === 'not_designated' ? 'not_designated' : undefined;
const known = (s: unknown): string | undefined => (s === undefined || s === 'unknown' ? undefined : String(s));

const classMemo = new WeakMap<object, Map<string, Promise<ClassLike> | ClassLike>>();
const outcomes = new WeakMap<object, ClassOutcome>();

function productForClassify(p: Transaction['product']): Product | undefined {
  if (!p.ingredients || !p.dosageForm) return undefined;
  const out: Product = { ingredients: p.ingredients as Product['ingredients'], dosageForm: p.dosageForm };
  if (p.applicationSite !== undefined) out.applicationSite = p.applicationSite;
  if (p.species !== undefined) out.species = p.species;
  if (p.isPreparation !== undefined) out.isPreparation = p.isPreparation;
  if (p.purpose !== undefined) out.purpose = p.purpose;
  return out;
}

function familyNeeds(c: ClassLike, fam: 'yoshiji' | 'poison' | 'designated'): string[] {
  const f = c[fam].reasons.map((r) => r.field).filter((x): x is string => typeof x === 'string');
  return f.length ? [...new Set(f.map((x) => `/product${x}`))] : [`/product/classification/${fam}`];
}

function classification(ctx: TransactionContext, tx: Transaction, asOf: string, engine: boolean): ClassOutcome | Promise<ClassOutcome> {
  const p = tx.product;
  const category = p.category ?? '医薬品';
  if (category !== '医薬品')
    return { facts: { yoshiji: 'not_required', poison: 'none', designated: 'not_designated' }, source: 'fixed', reasons: [], needs: { yoshiji: [], poison: [], designated: [] } };
  const given: ClassificationFacts = {};
  const g = p.classification ?? {};
  if (known(g.yoshiji)) given.yoshiji = g.yoshiji;
  if (known(g.poison)) given.poison = g.poison;
  if (designatedOf(g.designated)) given.designated = designatedOf(g.designated);
  const complete = given.yoshiji !== undefined && given.poison !== undefined && given.designated !== undefined;
  const product = complete ? undefined : productForClassify(p);
  if (!product) {
    const needs = { yoshiji: ['/product/classification/yoshiji'], poison: ['/product/classification/poison'], designated: ['/product/classification/designated'] };
    const anyGiven = Object.keys(given).length > 0;
    return { facts: given, source: anyGiven ? 'given' : 'absent', reasons: [], needs };
  }
  const mergeFresh = (c: ClassLike): ClassOutcome => {
    const facts: ClassificationFacts = {
      yoshiji: given.yoshiji ?? known(c.yoshiji.status),
      poison: given.poison ?? known(c.poison.status),
      designated: given.designated ?? designatedOf(c.designated.status),
    };
    for (const k of ['yoshiji', 'poison', 'designated'] as const) if (facts[k] === undefined) delete facts[k];
    const reasons = [...c.yoshiji.reasons, ...c.poison.reasons, ...c.designated.reasons];
    const seen = new Set<string>();
    return {
      facts,
      source: Object.keys(given).length ? 'mixed' : 'classified',
      reasons: reasons.filter((r) => (seen.has(r.code + r.message) ? false : (seen.add(r.code + r.message), true))),
      needs: { yoshiji: familyNeeds(c, 'yoshiji'), poison: familyNeeds(c, 'poison'), designated: familyNeeds(c, 'designated') },
    };
  };
  // the outcome of a classification is the same every time it is served (when nothing is given): built once
  const merge = (c: ClassLike): ClassOutcome => {
    if (Object.keys(given).length) return mergeFresh(c);
    let o = outcomes.get(c);
    if (!o) {
      o = mergeFresh(c);
      o.reasons = Object.freeze(o.reasons.map((r) => Object.freeze({ ...r }))) as Reason[];
      outcomes.set(c, o);
    }
    return o;
  };
  if (engine) {
    // the reference path: classification by json-rules-engine too, afresh
    const r = ctx.classify(product, { asOf, engine: 'json-rules-engine' });
    return r instanceof Promise ? r.then(merge) : merge(r);
  }
  // a nightly batch repeats the same few products: classification is memoised per product and asOf
  let memo = classMemo.get(ctx.ruleset);
  if (!memo) classMemo.set(ctx.ruleset, (memo = new Map()));
  const key = `${asOf}\u0000${JSON.stringify(product)}`;
  let c = memo.get(key);
  if (!c) {
    c = ctx.classifySync ? ctx.classifySync(product, { asOf }) : ctx.classify(product, { asOf });
    if (memo.size > 20000) memo.clear();
    memo.set(key, c);
    if (c instanceof Promise) {
      const m = memo;
      c.then((v) => m.set(key, v), () => m.delete(key));
    }
  }
  return c instanceof Promise ? c.then(merge) : merge(c);
}

// --- evaluation -------------------------------------------------------------------------------

const caveatsOf = new WeakMap<object, string[]>();
function envelope(ruleset: Ruleset, asOf: string): AnswerEnvelope {
  let caveats = caveatsOf.get(ruleset);
  if (!caveats)
    caveatsOf.set(
      ruleset,
      (caveats = Object.freeze([
        ruleset.caveat,
        'Findings resting on the Act (法) name its article; its text is not in the corpus and is recorded in the rule (provenance).',
      ]) as string[]),
    );
  return { rulesetVersion: ruleset.version, contentHash: ruleset.contentHash, asOf, caveats };
}

/** The input field a missing fact stands for, given what the transaction has. */
function neededFields(fact: string, tx: Transaction, cls: ClassOutcome): string[] {
  switch (fact) {
    case 'product.yoshiji':
      return cls.needs.yoshiji;
    case 'product.poison':
      return cls.needs.poison;
    case 'product.designated':
      return cls.needs.designated;
    case 'product.expired':
      return tx.date === undefined ? ['/date'] : ['/product/expiryDate'];
    case 'seller.itemListed':
      return tx.seller.designatedItems === undefined ? ['/seller/designatedItems'] : ['/product/name'];
    default:
      return [fieldOf(fact)];
  }
}

function factsUsed(leaves: EvaluatedLeaf[]): FactUsed[] {
  const seen = new Set<string>();
  const out: FactUsed[] = [];
  for (const l of leaves)
    if (!seen.has(l.fact)) {
      seen.add(l.fact);
      out.push({ fact: l.fact, value: l.factValue, field: fieldOf(l.fact) });
    }
  return out;
}

const pointerValue = (tx: Transaction, field: string): unknown => {
  let v: unknown = tx;
  for (const k of field.split('/').slice(1)) {
    if (!v || typeof v !== 'object' || !Object.prototype.hasOwnProperty.call(v, k)) return undefined;
    v = (v as Record<string, unknown>)[k];
  }
  return v;
};

/**
 * The missing facts that decide an unknown condition: those of its unknown parts that are not
 * masked (an `all` with a false part, an `any` with a true part, is decided whatever they are).
 */
export function decidingMissing(c: Condition, facts: unknown, out: Set<string> = new Set()): { result: Tri; missing: Set<string> } {
  if ('all' in c || 'any' in c) {
    const isAll = 'all' in c;
    const parts = (isAll ? (c as { all: Condition[] }).all : (c as { any: Condition[] }).any).map((x) => decidingMissing(x, facts, new Set()));
    const decisive = isAll ? false : true;
    if (parts.some((p) => p.result === decisive)) return { result: decisive, missing: out };
    const unknown = parts.filter((p) => p.result === 'unknown');
    for (const p of unknown) for (const m of p.missing) out.add(m);
    return { result: unknown.length ? 'unknown' : !decisive, missing: out };
  }
  if ('not' in c) {
    const r = decidingMissing(c.not, facts, out);
    return { result: r.result === 'unknown' ? 'unknown' : !r.result, missing: r.missing };
  }
  const fv = factAt(facts, c.fact);
  const result = leafOperators[c.operator](fv, c.value);
  if (result === 'unknown') out.add(c.fact);
  return { result, missing: out };
}

interface Evaluated {
  rule: PreparedRule;
  result: Tri;
  leaves: EvaluatedLeaf[];
  /** the facts used, when already read (fast path); else from `leaves` */
  used?: FactUsed[];
  missing: string[];
}

async function evaluateRules(rules: PreparedRule[], facts: Facts, engine: boolean): Promise<Evaluated[]> {
  const out: Evaluated[] = [];
  for (const rule of rules) {
    if (engine) {
      const o = await rule.cond.evaluateWithEngine(facts);
      out.push({ rule, result: o.result, leaves: o.leaves, missing: o.result === 'unknown' ? [...decidingMissing(rule.spec.when, facts).missing] : [] });
      continue;
    }
    const t = rule.cond.test(facts);
    if (t === false) {
      out.push({ rule, result: false, leaves: [], missing: [] });
      continue;
    }
    const o = rule.cond.evaluate(facts);
    out.push({ rule, result: o.result, leaves: o.leaves, missing: o.result === 'unknown' ? [...decidingMissing(rule.spec.when, facts).missing] : [] });
  }
  return out;
}

const noLeaves: EvaluatedLeaf[] = [];
function readParts(facts: unknown, parts: string[]): unknown {
  let v: unknown = facts;
  for (const k of parts) {
    if (v === null || v === undefined || typeof v !== 'object' || !Object.prototype.hasOwnProperty.call(v, k)) return undefined;
    v = (v as Record<string, unknown>)[k];
  }
  return v === null ? undefined : v;
}

/** A finding of a rule for these facts used: built once per distinct set of values, frozen and shared. */
function findingOf(rule: PreparedRule, used: FactUsed[]): Finding {
  let key = '';
  for (const u of used) key += (typeof u.value === 'object' && u.value !== null ? JSON.stringify(u.value) : String(u.value)) + '\u0000';
  let f = rule.findings.get(key);
  if (!f) {
    const s = rule.spec;
    const nf: Finding = { ruleId: s.id, kind: s.kind, title: s.title, message: s.message, citations: rule.citations, factsUsed: Object.freeze(used.map((u) => Object.freeze(u))) as FactUsed[], basis: s.basis ?? 'ordinance' };
    if (s.act) nf.act = s.act;
    if (s.guidance) nf.guidance = s.guidance;
    f = Object.freeze(nf);
    if (rule.findings.size > 512) rule.findings.clear();
    rule.findings.set(key, f);
  }
  return f;
}
/** The fast path: the compiled test alone; the facts used read straight from the condition's fact list (same order as its leaves). */
function evaluateRulesSync(rules: PreparedRule[], facts: Facts): Evaluated[] {
  const out: Evaluated[] = [];
  for (const rule of rules) {
    const t = rule.cond.test(facts);
    if (t === false) out.push({ rule, result: false, leaves: noLeaves, missing: [] });
    else if (t === true) out.push({ rule, result: true, leaves: noLeaves, used: rule.facts.map((f) => ({ fact: f.fact, value: readParts(facts, f.parts) ?? null, field: f.field })), missing: [] });
    else out.push({ rule, result: 'unknown', leaves: noLeaves, missing: [...decidingMissing(rule.spec.when, facts).missing] });
  }
  return out;
}

function assemble(ctx: TransactionContext, tx: Transaction, asOf: string, license: LicenseLike, facts: Facts, cls: ClassOutcome, evaluated: Evaluated[]): TransactionAnswer | Promise<TransactionAnswer> {
  const findings: Finding[] = [];
  const undetermined: Undetermined[] = [];
  const needs = new Set<string>();
  const records: RecordObligation[] = [];
  const pending: Promise<unknown>[] = [];
  let violation = false;
  let open = false;
  for (const e of evaluated) {
    const s = e.rule.spec;
    if (e.result === true) {
      if (s.kind === 'violation') violation = true;
      findings.push(findingOf(e.rule, e.used ?? factsUsed(e.leaves)));
      for (const r of e.rule.records) {
        let period = r.spec.period;
        for (const v of r.variants) if (v.cond.test(facts) === true) period = v.period;
        const party = r.spec.party ?? 'seller';
        // the keeper as the ordinance names it: the seller's licence holder (a pharmacy only where the provision names 薬局開設者), or the buyer's kind
        const holder = r.spec.holderFromSeller && (license.id !== 'yakkyoku' || r.spec.holder.startsWith('薬局開設者')) ? license.holder : r.spec.holderFromBuyer ? tx.buyer.kind : r.spec.holder;
        const ob: RecordObligation = {
          rule: s.id,
          record: r.spec.record,
          holder,
          party,
          duty: r.spec.duty ?? 'mandatory',
          items: r.items.map((it): RecordItem => {
            const v = it.field ? pointerValue(tx, it.field) : undefined;
            return v === undefined ? it : { ...it, value: v };
          }),
          keepUntil: null,
          deadline: { keepUntil: null, status: 'unknown', source: 'rule' },
          citations: r.citations,
        };
        if (period) ob.period = period;
        if (r.spec.act) ob.act = r.spec.act;
        const spec = { article: r.spec.article, holder, record: r.spec.record, period, start: r.spec.start, countFirstDay: r.spec.countFirstDay, duty: r.spec.duty, act: r.spec.act };
        const d = ctx.retention.deadline(spec, { date: tx.date, specifiedMaintenance: tx.product.specifiedMaintenance }, asOf);
        const set = (x: RecordDeadline) => {
          ob.deadline = x;
          ob.keepUntil = x.keepUntil;
          for (const n of x.needs ?? []) needs.add(n);
        };
        if (d instanceof Promise) pending.push(d.then(set));
        else set(d);
        records.push(ob);
      }
    } else if (e.result === 'unknown') {
      const fields = new Set<string>();
      for (const m of e.missing) for (const f of neededFields(m, tx, cls)) fields.add(f);
      const u: Undetermined = { ruleId: s.id, kind: s.kind, needs: [...fields] };
      undetermined.push(u);
      if (s.kind === 'violation' || s.kind === 'obligation') {
        open = true;
        for (const f of fields) needs.add(f);
      }
    }
  }
  const answer: TransactionAnswer = {
    ok: violation ? false : open ? 'unknown' : true,
    findings,
    seller: { license: license.id, name: license.name },
    product: { category: facts.product.category, source: cls.source },
    ...envelope(ctx.ruleset, asOf),
  };
  if (tx.id !== undefined) answer.id = tx.id;
  if (facts.product.yoshiji) answer.product.yoshiji = facts.product.yoshiji;
  if (facts.product.poison) answer.product.poison = facts.product.poison;
  if (facts.product.designated) answer.product.designated = facts.product.designated;
  if (cls.reasons.length) answer.product.reasons = cls.reasons;
  if (undetermined.length) answer.undetermined = undetermined;
  if (records.length) answer.records = records;
  const finish = () => {
    if (needs.size) answer.needs = [...needs];
    return answer;
  };
  return pending.length ? Promise.all(pending).then(finish) : finish();
}

/** Checks one transaction (validated here). */
export async function checkTransaction(ctx: TransactionContext, input: unknown, options: TransactionOptions & { explain: 'summary' }): Promise<TransactionSummary>;
export async function checkTransaction(ctx: TransactionContext, input: unknown, options?: TransactionOptions & { explain?: 'full' }): Promise<TransactionAnswer>;
export async function checkTransaction(ctx: TransactionContext, input: unknown, options?: TransactionOptions): Promise<TransactionAnswer | TransactionSummary>;
export async function checkTransaction(ctx: TransactionContext, input: unknown, options: TransactionOptions = {}): Promise<TransactionAnswer | TransactionSummary> {
  const a = await checkFull(ctx, input, options);
  return options.explain === 'summary' ? summarize(a) : a;
}

async function checkFull(ctx: TransactionContext, input: unknown, options: TransactionOptions): Promise<TransactionAnswer> {
  const tx = validateTransaction(input);
  const asOf = ctx.ruleset.checkAsOf(options.asOf ?? tx.date ?? today());
  const engine = options.engine === 'json-rules-engine';
  const license = sellerLicense(ctx, tx.seller.license, asOf);
  const cls = await classification(ctx, tx, asOf, engine);
  const facts = deriveFacts(tx, license, cls.facts);
  const evaluated = engine ? await evaluateRules(rulesFor(ctx, asOf), facts, true) : evaluateRulesSync(rulesFor(ctx, asOf), facts);
  return assemble(ctx, tx, asOf, license, facts, cls, evaluated);
}

/**
 * The same check without a promise when everything it needs is at hand synchronously (a known
 * classification, or the synchronous classification path, and a synchronous retention answer);
 * otherwise returns a promise. Used by the streaming path to avoid a microtask per line.
 */
export function checkTransactionFast(ctx: TransactionContext, input: unknown, asOfOption?: string): TransactionAnswer | Promise<TransactionAnswer> {
  const tx = validateTransaction(input);
  const asOf = ctx.ruleset.checkAsOf(asOfOption ?? tx.date ?? today());
  const license = sellerLicense(ctx, tx.seller.license, asOf);
  const c = classification(ctx, tx, asOf, false);
  const go = (cls: ClassOutcome) => {
    const facts = deriveFacts(tx, license, cls.facts);
    return assemble(ctx, tx, asOf, license, facts, cls, evaluateRulesSync(rulesFor(ctx, asOf), facts));
  };
  return c instanceof Promise ? c.then(go) : go(c);
}

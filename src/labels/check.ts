/**
 * The label check: what a 直接の容器・被包, 外部の容器・被包 or 添付文書等 must carry, what it may leave
 * off, what it may write instead — and whether a given label does. Reads the rules of rules/labeling/
 * (kinds item, mirror, exemption, substitution, rewording, obligation, expiry) and evaluates their
 * `when:` three-valued (src/rules/conditions.ts): a missing fact makes an item `unknown` with the
 * field in `needs`, never "not required"; an Act item the ordinance does not quote is `unknown`
 * (source-not-available) unless the label is said to carry it or it is said not to apply.
 */
import type { Classification, Product } from '../classify/model.js';
import type { Corpus } from '../corpus/model.js';
import type { CitationView, Reason, Tri } from '../rules/answer.js';
import { compileCondition, factAt, type EvaluatedLeaf } from '../rules/conditions.js';
import { civilPeriodEnd, checkIsoDate, DateError, today } from '../rules/dates.js';
import type { FamilyRule } from '../rules/family.js';
import { InputError, schemaValidator, validateInput, type InputProblem } from '../rules/input.js';
import { nearest } from '../rules/nearest.js';
import type { Ruleset } from '../rules/ruleset.js';
import { expiryFor } from './expiry.js';
import { citationViews, guidanceViews, type LabelKb } from './views.js';

export type { LabelKb } from './views.js';
import type {
  CarriedItem,
  LabelCheck,
  LabelClassification,
  LabelContainer,
  LabelFinding,
  LabelProduct,
  LabelProductType,
  LabelRequest,
  LabelRequirements,
  LabelSpec,
  ExpiryAnswer,
  Omission,
  RequiredItem,
  Rewording,
  Substitution,
} from './model.js';

const TYPE_ALIASES: Record<string, { type: LabelProductType; ivd: boolean }> = {
  医薬品: { type: '医薬品', ivd: false },
  drug: { type: '医薬品', ivd: false },
  体外診断用医薬品: { type: '医薬品', ivd: true },
  'in-vitro-diagnostic': { type: '医薬品', ivd: true },
  医薬部外品: { type: '医薬部外品', ivd: false },
  'quasi-drug': { type: '医薬部外品', ivd: false },
  医療機器: { type: '医療機器', ivd: false },
  device: { type: '医療機器', ivd: false },
  再生医療等製品: { type: '再生医療等製品', ivd: false },
  regenerative: { type: '再生医療等製品', ivd: false },
};

export const containerNames: Record<LabelContainer, string> = { immediate: '直接の容器・被包', outer: '外部の容器・被包', insert: '添付文書等' };

// ─── text matching ────────────────────────────────────────────────────────
/** Normalises a label text for matching: NFKC, one dash, no spaces or 「」. */
export function normText(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[\u2010-\u2015\u2212\uFF0D-]/g, '—')
    .replace(/[\s「」『』"']/g, '')
    .toUpperCase();
}

const normCache = new Map<string, string>();
/** {@link normText}, cached (rule literals repeat on every check). */
function norm(s: string): string {
  let v = normCache.get(s);
  if (v === undefined) {
    v = normText(s);
    if (normCache.size > 10_000) normCache.clear();
    normCache.set(s, v);
  }
  return v;
}

function literalMatches(text: string, literal: string): boolean {
  const t = norm(text);
  const l = norm(literal);
  if (!l) return false;
  // a short literal (生物, 高度, 管理) must be the whole text, or it would match inside longer words
  return l.length <= 2 ? t === l : t.includes(l);
}

// ─── facts ────────────────────────────────────────────────────────────────
interface Ctx {
  kb: LabelKb;
  asOf: string;
  type: LabelProductType;
  ivd: boolean;
  facts: Record<string, unknown>;
  rules: FamilyRule<LabelSpec>[];
  classification: LabelClassification;
  needs: Set<string>;
  periods: Map<string, Omission['period']>;
  request: LabelRequest;
  /** facts doyaku derived from the corpus (e.g. a device name found in 別表第5) */
  derived: { field: string; table: string; name: string }[];
}

function normaliseDesignated(d: unknown): LabelClassification['designated'] {
  if (d === true || d === 'designated') return 'designated';
  if (d === false || d === 'not_designated') return 'not_designated';
  return 'unknown';
}

async function classification(kb: LabelKb, p: LabelProduct, type: LabelProductType, asOf: string): Promise<LabelClassification> {
  if (type !== '医薬品') return { source: 'not-applicable', yoshiji: 'not_required', poison: 'none', designated: 'not_designated', reasons: [] };
  if (p.classification) {
    const c = p.classification;
    return { source: 'request', yoshiji: c.yoshiji ?? 'unknown', poison: c.poison ?? 'unknown', designated: normaliseDesignated(c.designated), reasons: [] };
  }
  if (p.facts) {
    let c: Classification;
    try {
      c = await kb.classify(p.facts as unknown as Product, { asOf });
    } catch (e) {
      if (e instanceof InputError) throw new InputError('invalid-label-request', e.problems.map((x) => ({ field: `/product/facts${x.field}`, message: x.message })), 'label request');
      throw e;
    }
    return {
      source: 'classify',
      yoshiji: c.yoshiji.status,
      poison: c.poison.status,
      designated: normaliseDesignated(c.designated.status),
      reasons: [...c.yoshiji.reasons, ...c.poison.reasons, ...c.designated.reasons].map((r) => (r.field ? { ...r, field: `/product/facts${r.field}` } : r)),
    };
  }
  return {
    source: 'none',
    yoshiji: 'unknown',
    poison: 'unknown',
    designated: 'unknown',
    reasons: [{ code: 'missing-fact', field: '/product/classification', message: '要指示・毒劇の別が分からない: product.classification（既知の分類）か product.facts（分類の事実）を与えること / give product.classification or product.facts' }],
  };
}

/** Names of the entries of a 別表 (e.g. T4), normalised. */
function tableNames(corpus: Pick<Corpus, 'nodes'>, table: string): Set<string> {
  const n = corpus.nodes.get(table);
  const out = new Set<string>();
  for (const c of n?.children ?? []) {
    const e = corpus.nodes.get(c);
    if (e?.text) out.add(normText(e.text));
  }
  return out;
}

/**
 * The device names of 別表第5 / 別表第6 entries without a restriction: 「AのうちB」 gives B; an entry
 * with a parenthetical restriction (電動式のものに限る …) or a reference to 令別表第1 gives none.
 */
function deviceNames(corpus: Pick<Corpus, 'nodes'>, table: string): Set<string> {
  const out = new Set<string>();
  const visit = (id: string) => {
    const e = corpus.nodes.get(id);
    if (!e) return;
    for (const c of e.children ?? []) visit(c);
    if (e.kind !== 'AppdxTableEntry' || !e.text || (e.children?.length ?? 0) > 0) return;
    if (/[（(]/.test(e.text) || /令別表|次に掲げるもの/.test(e.text)) return;
    const name = e.text.includes('のうち、') ? e.text.split('のうち、').pop()! : e.text;
    for (const n of name.split(/及び|並びに/)) out.add(normText(n));
  };
  visit(table);
  return out;
}

function ingredientNames(p: LabelProduct): string[] | undefined {
  if (p.ingredients) return p.ingredients;
  const f = p.facts as { ingredients?: { name?: unknown }[] } | undefined;
  if (f && Array.isArray(f.ingredients)) return f.ingredients.map((i) => String(i?.name ?? ''));
  return undefined;
}

function evalWhen(spec: { when?: unknown }, facts: unknown): { result: Tri; leaves: EvaluatedLeaf[]; reasons: Reason[] } {
  if (!spec.when) return { result: true, leaves: [], reasons: [] };
  return compileCondition(spec.when as never).evaluate(facts);
}

async function buildContext(kb: LabelKb, request: LabelRequest): Promise<Ctx> {
  const asOf = kb.ruleset.checkAsOf(request.asOf ?? today());
  const t = TYPE_ALIASES[request.product.type];
  const p = request.product;
  for (const f of ['manufactureDate', 'testCompletionDate', 'expiryDirected'] as const) if (p[f] !== undefined) checkDate(p[f], `/product/${f}`);
  for (const f of ['changeDate', 'marketingDate'] as const) if (request.insertChange?.[f] !== undefined) checkDate(request.insertChange[f], `/insertChange/${f}`);
  const cls = await classification(kb, p, t.type, asOf);
  const product: Record<string, unknown> = { ...p, type: t.type, ivd: t.ivd };
  delete product.classification;
  delete product.facts;
  if (cls.yoshiji !== 'unknown') product.yoshiji = cls.yoshiji;
  if (cls.poison !== 'unknown') product.poison = cls.poison;
  if (cls.designated !== 'unknown') product.designated = cls.designated;
  const rules = kb.ruleset.familyRules<LabelSpec>('labeling', asOf).filter((r) => r.spec.products.includes(t.type));
  // 別表 listings (e.g. 医薬部外品 with a 別表第4 ingredient)
  const listedIn: Record<string, boolean> = {};
  const derived: Ctx['derived'] = [];
  const names = ingredientNames(p);
  for (const r of rules)
    if (r.spec.listedIn && names) {
      const table = tableNames(kb.corpus, r.spec.listedIn);
      listedIn[r.spec.listedIn] = names.some((n) => table.has(normText(n)));
    }
  product.listedIn = listedIn;
  // 別表第5 / 別表第6 devices: a product name that is exactly an entry's device name counts as listed (never as not listed)
  if (t.type === '医療機器' && typeof p.name === 'string')
    for (const [fact, table] of [['listedInT5', 'T5'], ['listedInT6', 'T6']] as const)
      if (product[fact] === undefined && deviceNames(kb.corpus, table).has(normText(p.name))) {
        product[fact] = true;
        derived.push({ field: `/product/${fact}`, table, name: p.name });
      }
  const facts: Record<string, unknown> = { product, package: { ...(request.package ?? {}) }, insertChange: { ...(request.insertChange ?? {}) } };
  const ctx: Ctx = { kb, asOf, type: t.type, ivd: t.ivd, facts, rules, classification: cls, needs: new Set(), periods: new Map(), request, derived };
  // 第170条第1項: is the product one that must state a 使用の期限?
  const designation = rules.find((r) => r.spec.kind === 'expiry' && r.spec.expiry?.states === '使用の期限' && r.spec.expiry.item);
  if (designation) {
    const e = evalWhen(designation.spec, facts);
    if (e.result !== 'unknown') product.expiryDesignated = e.result;
  }
  // period-bound exemptions (第178条の2第2項 …): compute the period and set their fact
  for (const r of rules) if (r.spec.deadline && r.spec.containers?.includes(request.container)) ctx.periods.set(r.id, computeDeadline(r.spec, facts));
  return ctx;
}

function checkDate(v: unknown, field: string): void {
  try {
    checkIsoDate(v, field);
  } catch (e) {
    if (e instanceof DateError) throw new InputError('invalid-label-request', [{ field, message: e.message.replace(`${field}: `, '') }], 'label request');
    throw e;
  }
}

function setFact(facts: Record<string, unknown>, path: string, value: unknown): void {
  const ks = path.split('.');
  let o = facts;
  for (const k of ks.slice(0, -1)) {
    if (!Object.prototype.hasOwnProperty.call(o, k) || typeof o[k] !== 'object' || o[k] === null) o[k] = {};
    o = o[k] as Record<string, unknown>;
  }
  o[ks[ks.length - 1]] = value;
}

function computeDeadline(spec: LabelSpec, facts: Record<string, unknown>): Omission['period'] {
  const d = spec.deadline!;
  const from = factAt(facts, d.from) as string | undefined;
  if (!from) return undefined;
  const base = civilPeriodEnd(from, d.period, { countFirstDay: d.countFirstDay });
  const cmp = d.compare ? (factAt(facts, d.compare) as string | undefined) : undefined;
  let end = base.end;
  let steps = base.steps;
  let text = d.text ?? '';
  let within: Tri = cmp === undefined ? 'unknown' : cmp <= base.end;
  if (within !== true && d.longer) {
    const lw = evalWhen({ when: d.longer.when }, facts).result;
    const longer = civilPeriodEnd(from, d.longer.period, { countFirstDay: d.countFirstDay });
    if (lw === true) {
      end = longer.end;
      steps = longer.steps;
      text = d.longer.text ?? text;
      within = cmp === undefined ? 'unknown' : cmp <= longer.end;
    } else if (lw === 'unknown' && cmp !== undefined && cmp <= longer.end) within = 'unknown';
  }
  if (within !== 'unknown') setFact(facts, d.fact, within);
  return { from, end, text, steps, compared: cmp, within: within === 'unknown' ? undefined : within };
}

// ─── the question ─────────────────────────────────────────────────────────
/** Derived facts name the request fields they come from. */
const derivedFields: Record<string, string[]> = {
  '/product/yoshiji': ['/product/classification'],
  '/product/poison': ['/product/classification'],
  '/product/designated': ['/product/classification'],
  '/product/expiryDesignated': ['/product/hasApprovedShelfLife', '/product/shelfLifeOnContainerByStandard'],
  '/product/listedIn/T4': ['/product/ingredients'],
  '/insertChange/withinPeriod': ['/insertChange/changeDate', '/insertChange/marketingDate'],
};

function addNeed(ctx: Ctx, field: string): void {
  if (ctx.classification.source === 'classify' && ['/product/yoshiji', '/product/poison', '/product/designated'].includes(field)) {
    const fs = ctx.classification.reasons.map((r) => r.field).filter((f): f is string => !!f);
    for (const f of fs.length ? fs : ['/product/facts']) ctx.needs.add(f);
    return;
  }
  for (const f of derivedFields[field] ?? [field]) ctx.needs.add(f);
}

function reasonsOf(e: { reasons: Reason[] }, ctx: Ctx): Reason[] {
  for (const r of e.reasons) if (r.field) addNeed(ctx, r.field);
  return e.reasons;
}

function itemRules(ctx: Ctx, container: LabelContainer): FamilyRule<LabelSpec>[] {
  return ctx.rules.filter((r) => r.spec.kind === 'item' && r.spec.containers?.includes(container));
}

function evaluateItems(ctx: Ctx, container: LabelContainer, via?: string): { required: RequiredItem[]; notRequired: LabelRequirements['notRequired'] } {
  const { corpus } = ctx.kb;
  const required: RequiredItem[] = [];
  const notRequired: LabelRequirements['notRequired'] = [];
  for (const r of itemRules(ctx, container)) {
    const s = r.spec;
    const it = s.item!;
    const e = evalWhen(s, ctx.facts);
    if (e.result === false) {
      notRequired.push({ item: it.id, text: it.text, rule: r.id, conditions: e.leaves });
      continue;
    }
    const reasons = e.result === 'unknown' ? reasonsOf(e, ctx) : [];
    const contentKnown = it.contentKnown !== false;
    let req: Tri = e.result;
    if (!contentKnown && !s.when) {
      req = 'unknown';
      reasons.push({ code: 'source-not-available', message: `${s.requiredUnknownReason ?? `${s.act ?? '法'}の内容と要件は法にあり、doyaku は法の本文を持たない`} / the Act (法) is not held` });
    }
    required.push({
      item: it.id,
      text: it.text,
      rule: r.id,
      title: r.title,
      basis: s.basis ?? 'ordinance',
      ...(s.act ? { act: s.act } : {}),
      contentKnown,
      required: req,
      ...(s.conditionsText ? { conditionsText: s.conditionsText } : {}),
      conditions: e.leaves,
      reasons,
      ...(via ? { via } : {}),
      status: 'required',
      citations: citationViews(corpus, [...r.citations, ...(it.quotedBy ?? []).filter((q) => !r.citations.includes(q))]),
      ...(s.guidance ? { guidance: guidanceViews(ctx.kb, s.guidance) } : {}),
      ...(s.provenance ? { provenance: s.provenance } : {}),
    });
  }
  return { required, notRequired };
}

function evaluate(ctx: Ctx): LabelRequirements {
  const { corpus } = ctx.kb;
  const container = ctx.request.container;
  const here = ctx.rules.filter((r) => r.spec.containers?.includes(container));
  const { required, notRequired } = evaluateItems(ctx, container);
  // mirror rules: this container must also carry another container's items
  for (const r of here.filter((x) => x.spec.kind === 'mirror')) {
    const e = evalWhen(r.spec, ctx.facts);
    if (e.result === false) continue;
    const reasons = e.result === 'unknown' ? reasonsOf(e, ctx) : [];
    const mirrored = evaluateItems(ctx, r.spec.from!, r.id).required;
    for (const m of mirrored) {
      if (required.some((x) => x.item === m.item)) continue;
      const req: Tri = e.result === 'unknown' || m.required === 'unknown' ? 'unknown' : true;
      required.push({ ...m, required: req, reasons: [...reasons, ...m.reasons], conditionsText: [...(r.spec.conditionsText ?? []), ...(m.conditionsText ?? [])], citations: [...citationViews(corpus, r.citations), ...m.citations] });
    }
  }
  // the Act's items first (法第50条第1号 …), then the ordinance's (第171条 …), then the rest; numbers in number order
  const group = (id: string) => (id.startsWith('act') ? 0 : /^a\d/.test(id) ? 1 : 2);
  required.sort((x, y) => group(x.item) - group(y.item) || x.item.localeCompare(y.item, 'en', { numeric: true }));
  const ids = new Set(required.map((x) => x.item));
  // rewordings (読み替え of an item's own words)
  const rewordings: Rewording[] = [];
  for (const r of here.filter((x) => x.spec.kind === 'rewording')) {
    if (!ids.has(r.spec.target!)) continue;
    const e = evalWhen(r.spec, ctx.facts);
    if (e.result === false) continue;
    if (e.result === 'unknown') reasonsOf(e, ctx);
    rewordings.push({ rule: r.id, item: r.spec.target!, applies: e.result, newText: r.spec.newText!, citations: citationViews(corpus, r.citations) });
    if (e.result === true) {
      const it = required.find((x) => x.item === r.spec.target)!;
      it.text = r.spec.newText!;
      it.rewordedBy = r.id;
      it.citations = [...it.citations, ...citationViews(corpus, r.citations)];
    }
  }
  // exemptions
  const omissible: Omission[] = [];
  for (const r of here.filter((x) => x.spec.kind === 'exemption')) {
    const s = r.spec;
    const e = evalWhen(s, ctx.facts);
    const period = ctx.periods.get(r.id);
    if (e.result === false) continue;
    const items = s.omitsAll ? required.map((x) => x.item) : (s.omits ?? []).filter((i) => ids.has(i));
    if (!s.omitsAll && s.omits && items.length === 0 && !s.instead) continue;
    omissible.push({
      rule: r.id,
      title: r.title,
      applies: e.result,
      items,
      ...(s.omitsAll ? { allItems: true } : {}),
      ...(s.instead ? { instead: s.instead } : {}),
      conditionsText: s.conditionsText ?? [],
      conditions: e.leaves,
      reasons: e.result === 'unknown' ? e.reasons : [],
      ...(period ? { period } : {}),
      citations: citationViews(corpus, r.citations),
    });
  }
  // substitutions
  const substitutes: Substitution[] = [];
  for (const r of here.filter((x) => x.spec.kind === 'substitution')) {
    const s = r.spec;
    if (!ids.has(s.target!)) continue;
    const e = evalWhen(s, ctx.facts);
    if (e.result === false) continue;
    substitutes.push({
      rule: r.id,
      title: r.title,
      item: s.target!,
      applies: e.result,
      texts: s.substitutes!.map((x) => x.text),
      conditionsText: s.conditionsText ?? [],
      conditions: e.leaves,
      reasons: e.result === 'unknown' ? e.reasons : [],
      citations: citationViews(corpus, r.citations),
      ...(s.provenance ? { provenance: s.provenance } : {}),
    });
  }
  // obligations
  const findings: LabelFinding[] = [];
  for (const r of here.filter((x) => x.spec.kind === 'obligation')) {
    const e = evalWhen(r.spec, ctx.facts);
    if (e.result !== true) continue;
    findings.push({ ruleId: r.id, kind: r.spec.severity ?? 'obligation', code: 'obligation', message: r.spec.message!, citations: citationViews(corpus, r.citations) });
  }

  for (const d of ctx.derived)
    findings.push({ ruleId: '', kind: 'info', code: 'derived-fact', message: `${d.field} = true: 「${d.name}」は${d.table === 'T5' ? '別表第5' : '別表第6'}に掲げる医療機器 / the device name is listed in the table`, citations: citationViews(corpus, [d.table]) });
  const citations = dedupe([...required.flatMap((x) => x.citations), ...omissible.flatMap((x) => x.citations), ...substitutes.flatMap((x) => x.citations), ...findings.flatMap((x) => x.citations)]);
  return {
    rulesetVersion: ctx.kb.ruleset.version,
    contentHash: ctx.kb.ruleset.contentHash,
    asOf: ctx.asOf,
    caveats: caveats(ctx),
    product: { type: ctx.type, ivd: ctx.ivd, ...(ctx.request.product.name ? { name: ctx.request.product.name } : {}) },
    container,
    classification: ctx.classification,
    required,
    notRequired,
    omissible,
    substitutes,
    rewordings,
    findings,
    needs: [],
    citations,
  };
}

function caveats(ctx: Ctx): string[] {
  const rs = ctx.kb.ruleset;
  return [
    rs.caveat,
    'The items of the Act (法第44条, 第50条〜第52条, 第59条, 第60条, 第63条, 第63条の2, 第65条の2, 第65条の3, 第68条の17, 第68条の18) are not held: an Act item is named by its article and given with its content only where this ordinance quotes it; the others answer unknown (source-not-available).',
  ];
}

function dedupe(cs: CitationView[]): CitationView[] {
  const seen = new Set<string>();
  return cs.filter((c) => (seen.has(c.id) ? false : (seen.add(c.id), true)));
}

/** the sections of a label request whose fields are easily put in the wrong one (sizeMl under product) */
const SECTIONS = ['product', 'package', 'insertChange'] as const;
let sectionFields: Record<(typeof SECTIONS)[number], Set<string>> | undefined;
function fieldsOf(): Record<(typeof SECTIONS)[number], Set<string>> {
  if (!sectionFields) {
    const defs = (schemaValidator('label.request.schema.json').schema as { definitions: Record<string, { properties?: object }> }).definitions;
    sectionFields = { product: new Set(Object.keys(defs.product.properties ?? {})), package: new Set(Object.keys(defs.package.properties ?? {})), insertChange: new Set(Object.keys(defs.insertChange.properties ?? {})) };
  }
  return sectionFields;
}

/** A schema problem, said the way the contract says it: dates as dates, a field in the wrong section pointed to its own. */
function problemOf(p: InputProblem, request: unknown): InputProblem {
  const top = p.field.split('/');
  if ((p.field === '/asOf' || p.field === '/statedExpiry') && p.message.startsWith('must match pattern')) {
    const v = (request as Record<string, unknown>)[p.field.slice(1)];
    return { field: p.field, message: `must be a date YYYY-MM-DD${p.field === '/statedExpiry' ? ' (or YYYY-MM)' : ''}, got ${JSON.stringify(v)}` };
  }
  if (top.length === 3 && p.message.startsWith('is not a known field')) {
    const [, section, key] = top;
    const home = SECTIONS.find((s) => s !== section && fieldsOf()[s].has(key));
    if (home && (SECTIONS as readonly string[]).includes(section)) return { field: p.field, message: `is not a field of ${section}: it belongs in /${home}/${key}` };
  }
  return p;
}

function validate(request: unknown): LabelRequest {
  let r: LabelRequest;
  try {
    r = validateInput<LabelRequest>('label.request.schema.json', request, 'invalid-label-request', 'label request');
  } catch (e) {
    if (e instanceof InputError) throw new InputError(e.code, e.problems.map((p) => problemOf(p, request)), 'label request');
    throw e;
  }
  // a calendar date (2024-02-30 is not one), named by its field like every other date of the request
  if (r.asOf !== undefined) checkDate(r.asOf, '/asOf');
  if (r.statedExpiry !== undefined) {
    if (/^\d{4}-\d{2}$/.test(r.statedExpiry)) {
      const m = Number(r.statedExpiry.slice(5));
      if (m < 1 || m > 12) throw new InputError('invalid-label-request', [{ field: '/statedExpiry', message: `${r.statedExpiry} is not a calendar month` }], 'label request');
    } else checkDate(r.statedExpiry, '/statedExpiry');
  }
  return r;
}

/** What a label must carry before it is designed (no items given): required items, exemptions, substitutes. */
export async function labelRequirements(kb: LabelKb, product: LabelProduct, container: LabelContainer, options: { asOf?: string; package?: LabelRequest['package']; insertChange?: LabelRequest['insertChange'] } = {}): Promise<LabelRequirements> {
  const request = validate({ product, container, ...(options.package ? { package: options.package } : {}), ...(options.insertChange ? { insertChange: options.insertChange } : {}), ...(options.asOf !== undefined ? { asOf: options.asOf } : {}) });
  const ctx = await buildContext(kb, request);
  const a = evaluate(ctx);
  for (const o of [...a.omissible, ...a.substitutes]) for (const r of o.reasons) if (r.field) addNeed(ctx, r.field);
  a.needs = [...ctx.needs].sort();
  return a;
}

/** Checks a label against the rules: required, missing, omissible, substitutes, findings. */
export async function checkLabel(kb: LabelKb, input: LabelRequest): Promise<LabelCheck> {
  const request = validate(input);
  if (request.statedExpiry && !/^\d{4}-\d{2}$/.test(request.statedExpiry)) checkDate(request.statedExpiry, '/statedExpiry');
  const ctx = await buildContext(kb, request);
  const base = evaluate(ctx);
  const { corpus } = kb;
  const findings = base.findings;
  // 使用の期限 (第170条) — on the immediate container of a 医薬品
  let expiry: LabelCheck['expiry'];
  if (request.container === 'immediate' && ctx.type === '医薬品') {
    expiry = expiryFor(ctx.kb, ctx.rules, ctx.facts, request, ctx.asOf, ctx.type, ctx.ivd);
    for (const n of expiry.needs) addNeed(ctx, n);
  }
  // what the label carries
  const carried = new Map<string, string>(); // item → as what
  const viaSub = new Map<string, { as: string; applies: Tri; rule: string }>();
  const notApplicable = new Set<string>();
  const known = new Set(base.required.map((r) => r.item));
  const allIds = new Set(ctx.rules.flatMap((r) => (r.spec.item ? [r.spec.item.id] : [])));
  const ruleById = new Map(ctx.rules.map((r) => [r.id, r]));
  const failedSubs = ctx.rules.filter((r) => r.spec.kind === 'substitution' && r.spec.containers?.includes(request.container) && known.has(r.spec.target!) && !base.substitutes.some((s) => s.rule === r.id));
  const subRules = new Map(ctx.rules.filter((r) => r.spec.kind === 'substitution' && r.spec.containers?.includes(request.container)).map((r) => [r.id, r]));
  const entries = (request.items ?? []).map((x: CarriedItem) => (typeof x === 'string' ? (allIds.has(x) || subRules.has(x) || /^[a-z][a-z0-9_]*\.[A-Za-z0-9_.-]+$/.test(x) ? { id: x } : { text: x }) : x));
  if (request.statedExpiry && known.has('act50.14')) carried.set('act50.14', `statedExpiry ${request.statedExpiry}`);
  for (const [i, e] of entries.entries()) {
    if (e.id && subRules.has(e.id)) {
      // carried as the substitute a substitution rule allows (e.g. a 略名 for the 製造販売業者の氏名等)
      const rule = subRules.get(e.id)!;
      const s = base.substitutes.find((x) => x.rule === e.id);
      if (s) {
        if (!carried.has(s.item)) viaSub.set(s.item, { as: e.text ? `${e.id}: ${e.text}` : e.id, applies: s.applies, rule: s.rule });
      } else
        findings.push({
          ruleId: rule.id,
          kind: 'violation',
          code: 'substitute-not-allowed',
          item: rule.spec.target,
          message: `${e.id}（${rule.title}）の代替記載は、この製品・この容器ではその条件を満たさない: ${(rule.spec.conditionsText ?? []).join('、')} / a substitute whose conditions do not hold`,
          citations: citationViews(corpus, rule.citations),
        });
      continue;
    }
    if (e.id) {
      if (!known.has(e.id)) {
        const near = nearest(e.id, [...known], 2);
        findings.push({
          ruleId: '',
          kind: 'warning',
          code: allIds.has(e.id) ? 'item-not-for-this-label' : 'unknown-item-id',
          item: e.id,
          message: allIds.has(e.id)
            ? `/items/${i}: ${e.id} はこの製品・この容器の記載事項ではない / not an item of this product's ${request.container} label`
            : `/items/${i}: 記載事項 ${e.id} は知られていない${near.length ? `（${near.join(', ')} のことか）` : ''} / unknown item id`,
          citations: [],
        });
      } else if (e.notApplicable) notApplicable.add(e.id);
      else carried.set(e.id, e.text ? `${e.id}: ${e.text}` : e.id);
      continue;
    }
    if (!e.text) continue;
    // the longest literal (an item's own words, or an allowed substitute) the text holds
    type Hit = { item: string; literal: string; sub?: Substitution };
    const hits: Hit[] = [];
    for (const r of base.required) {
      const spec = ruleById.get(r.rule)?.spec;
      for (const l of spec?.item?.literals ?? []) if (literalMatches(e.text, l)) hits.push({ item: r.item, literal: l });
    }
    for (const s of base.substitutes) {
      const spec = ruleById.get(s.rule)!.spec;
      for (const sub of spec.substitutes ?? []) for (const l of sub.literals ?? []) if (literalMatches(e.text, l)) hits.push({ item: s.item, literal: l, sub: s });
    }
    // substitutions whose conditions fail: a text using them is a violation
    const failedHits = failedSubs.flatMap((r) => (r.spec.substitutes ?? []).flatMap((sub) => (sub.literals ?? []).filter((l) => literalMatches(e.text!, l)).map((l) => ({ rule: r, literal: l }))));
    const best = Math.max(0, ...hits.map((h) => norm(h.literal).length), ...failedHits.map((h) => norm(h.literal).length));
    const top = hits.filter((h) => norm(h.literal).length === best);
    if (!top.length) {
      const f = failedHits.find((h) => norm(h.literal).length === best);
      if (f) {
        findings.push({
          ruleId: f.rule.id,
          kind: 'violation',
          code: 'substitute-not-allowed',
          item: f.rule.spec.target,
          message: `「${e.text}」は ${f.rule.spec.target} の代替記載（${f.rule.title}）だが、その条件を満たさない: ${(f.rule.spec.conditionsText ?? []).join('、')} / a substitute text whose conditions do not hold`,
          citations: citationViews(corpus, f.rule.citations),
        });
      } else
        findings.push({ ruleId: '', kind: 'info', code: 'unmatched-text', message: `/items/${i}: 「${e.text}」はどの記載事項の文言とも照合できない（id で指定すること） / text not matched to an item; give its id`, citations: [] });
      continue;
    }
    for (const h of top) {
      if (!h.sub) carried.set(h.item, e.text);
      else if (!carried.has(h.item)) viaSub.set(h.item, { as: e.text, applies: h.sub.applies, rule: h.sub.rule });
    }
  }
  // each required item's status
  const missing: RequiredItem[] = [];
  const unknown: RequiredItem[] = [];
  for (const r of base.required) {
    const om = base.omissible.filter((o) => o.items.includes(r.item));
    const sub = viaSub.get(r.item);
    if (carried.has(r.item)) {
      r.status = 'present';
      r.carriedAs = carried.get(r.item);
    } else if (sub && sub.applies === true) {
      r.status = 'substituted';
      r.carriedAs = sub.as;
      findings.push({ ruleId: sub.rule, kind: 'info', code: 'substituted', item: r.item, message: `${r.item} は「${sub.as}」で代えられている（${sub.rule}） / carried as an allowed substitute`, citations: citationViews(corpus, ctx.kb.ruleset.familyRule(sub.rule)?.citations ?? []) });
    } else if (om.some((o) => o.applies === true)) {
      r.status = 'omissible';
    } else if (notApplicable.has(r.item) && r.required === 'unknown') {
      r.status = 'not-applicable';
      findings.push({ ruleId: r.rule, kind: 'info', code: 'asserted-not-applicable', item: r.item, message: `${r.item} は要求側の申告により不適用とした（法の要件は doyaku では確認できない） / taken as not applicable on the request's word`, citations: r.citations });
    } else if (r.required === true && !sub && !om.length) {
      r.status = 'missing';
      missing.push(r);
      findings.push({ ruleId: r.rule, kind: 'violation', code: 'missing-item', item: r.item, message: `${containerNames[request.container]}に「${r.text}」の記載がない（${r.title}） / required item missing`, citations: r.citations });
    } else {
      r.status = 'unknown';
      const extra: Reason[] = [];
      if (sub) extra.push({ code: 'substitute-conditions-unknown', message: `「${sub.as}」は ${sub.rule} の代替記載だが、その条件が分からない / substitute used, its conditions unknown` });
      for (const o of om) for (const x of o.reasons) if (x.field) addNeed(ctx, x.field);
      if (sub) for (const s of base.substitutes.filter((y) => y.rule === sub.rule)) for (const x of s.reasons) if (x.field) addNeed(ctx, x.field);
      for (const o of om) extra.push({ code: 'exemption-conditions-unknown', message: `${o.rule} により省略できるかもしれない: ${o.conditionsText.join('、')} / may be omissible if the conditions hold` });
      if (notApplicable.has(r.item)) extra.push({ code: 'not-applicable-rejected', message: '不適用の申告は、要件が分かっている記載事項には使えない / notApplicable is only taken for Act items whose requirement is not held' });
      r.reasons = [...r.reasons, ...extra];
      unknown.push(r);
      findings.push({ ruleId: r.rule, kind: 'unknown', code: r.required === 'unknown' ? (r.reasons.some((x) => x.code === 'source-not-available') ? 'source-not-available' : 'requirement-unknown') : 'omission-unknown', item: r.item, message: `${r.item}（${r.text}）: 記載の要否又は省略の可否が分からない / cannot tell whether it is required here`, citations: r.citations });
    }
  }
  if (expiry) findings.push(...expiry.findings);
  const status: LabelCheck['status'] = missing.length || findings.some((f) => f.kind === 'violation') ? 'incomplete' : unknown.length ? 'unknown' : 'complete';
  return { ...base, status, missing, unknown, findings, ...(expiry ? { expiry } : {}), needs: [...ctx.needs].sort(), citations: dedupe([...base.citations, ...(expiry?.citations ?? [])]) };
}

/** 使用の期限 (第170条): must this product state one, and which date (computed by the Civil Code)? */
export async function expiryRequirement(kb: LabelKb, product: LabelProduct, options: { asOf?: string; statedExpiry?: string } = {}): Promise<ExpiryAnswer> {
  const request = validate({ product, container: 'immediate', ...(options.asOf !== undefined ? { asOf: options.asOf } : {}), ...(options.statedExpiry !== undefined ? { statedExpiry: options.statedExpiry } : {}) });
  if (request.statedExpiry && !/^\d{4}-\d{2}$/.test(request.statedExpiry)) checkDate(request.statedExpiry, '/statedExpiry');
  const ctx = await buildContext(kb, request);
  return expiryFor(kb, ctx.rules, ctx.facts, request, ctx.asOf, ctx.type, ctx.ivd);
}

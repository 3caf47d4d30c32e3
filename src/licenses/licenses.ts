/**
 * `kb.licenses()` / `kb.license(idOrName)`: what each license, registration, certification and
 * notification of the ordinance is, who grants it, how long it holds, what its holder may do and
 * to whom, whom it must employ, and which records it must keep — every statement with its
 * citations (excerpts), the Act named where the ordinance leaves a point to it. See docs/licenses.md.
 */
import type { AnnotationIndex } from '../annotations/load.js';
import type { Corpus } from '../corpus/model.js';
import type { AnswerEnvelope, CitationView, Reason } from '../rules/answer.js';
import { today } from '../rules/dates.js';
import type { FamilyRule } from '../rules/family.js';
import { nearest } from '../rules/nearest.js';
import type { Ruleset } from '../rules/ruleset.js';
import { citationViews } from './citations.js';
import type { ActOnlySpec, CitedSpec, CitedView, License, LicenseAnswer, LicenseListAnswer, LicenseOptions, LicenseRecordView, LicenseSpec, ValidityPoint } from './model.js';

export type * from './model.js';

/** What the license question needs from the knowledge base. */
export interface LicenseContext {
  ruleset: Ruleset;
  corpus: Pick<Corpus, 'nodes'>;
  annotations?: Pick<AnnotationIndex, 'get'>;
  /** the retention question's list of obligations per license, when it exists */
  retentionObligations?: (q: { license: string; asOf?: string }) => unknown;
}

/** No license answers to that name: `suggestions` holds the nearest ids and names. */
export class LicenseNotFoundError extends Error {
  override name = 'LicenseNotFoundError';
  readonly code = 'unknown-license';
  constructor(
    readonly query: string,
    readonly suggestions: string[],
  ) {
    super(`no license '${query}'${suggestions.length ? `; nearest: ${suggestions.join(', ')}` : ''}`);
  }
  /** the error contract's problems (docs/contracts.md): the license asked for, by JSON pointer */
  get problems(): { field: string; message: string }[] {
    return [{ field: '/license', message: `is not a known license: '${this.query}'${this.suggestions.length ? ` (did you mean ${this.suggestions.slice(0, 3).map((x) => `'${x}'`).join(', ')}?)` : ''}; see kb.licenses() / doyaku license` }];
  }
  toJSON(): { code: string; message: string; problems: { field: string; message: string }[]; suggestions: string[] } {
    return { code: this.code, message: this.message, problems: this.problems, suggestions: this.suggestions };
  }
}

const norm = (s: string) => s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();

function envelope(ruleset: Ruleset, asOf: string): AnswerEnvelope {
  return {
    rulesetVersion: ruleset.version,
    contentHash: ruleset.contentHash,
    asOf,
    caveats: [
      ruleset.caveat,
      'The Act (法), the Cabinet Order (施行令) and the Enforcement Regulations (施行規則) are not in the corpus: points they settle are named by article and are unknown (source-not-available) unless the rule records the Act source (provenance).',
    ],
  };
}

/** The name index of one asOf: id, label, name, title, holder and aliases → rule id. */
const indexes = new WeakMap<object, Map<string, Map<string, string>>>();
function nameIndex(rules: FamilyRule<LicenseSpec>[], key: object, asOf: string): Map<string, string> {
  let byAsOf = indexes.get(key);
  if (!byAsOf) indexes.set(key, (byAsOf = new Map()));
  let idx = byAsOf.get(asOf);
  if (!idx) {
    idx = new Map();
    for (const r of rules) {
      const s = r.spec;
      for (const n of [r.id, r.id.slice('licenses.'.length), s.name, s.title, s.holder, ...(s.aliases ?? [])]) if (!idx.has(norm(n))) idx.set(norm(n), r.id);
    }
    byAsOf.set(asOf, idx);
  }
  return idx;
}

function inForce(ctx: LicenseContext, asOf: string): FamilyRule<LicenseSpec>[] {
  return ctx.ruleset.familyRules<LicenseSpec>('licenses', asOf);
}

/** Resolves a license id, Japanese name or alias to its rule (in force on asOf), or throws {@link LicenseNotFoundError}. */
export function resolveLicense(ctx: LicenseContext, idOrName: string, asOf: string): FamilyRule<LicenseSpec> {
  const rules = inForce(ctx, asOf);
  const idx = nameIndex(rules, ctx.ruleset, asOf);
  const id = idx.get(norm(idOrName));
  if (id) return rules.find((r) => r.id === id)!;
  // a unique license whose name contains the query (e.g. 特例店舗 → 動物用医薬品特例店舗販売業)
  const q = norm(idOrName);
  if (q.length >= 2) {
    const hits = [...new Set([...idx].filter(([k]) => k.includes(q)).map(([, v]) => v))];
    if (hits.length === 1) return rules.find((r) => r.id === hits[0])!;
  }
  const names = rules.flatMap((r) => [r.id, r.spec.name]);
  throw new LicenseNotFoundError(idOrName, nearest(idOrName, names, 5));
}

function cited(ctx: LicenseContext, c: CitedSpec): CitedView {
  const v: CitedView = { text: c.text, citations: citationViews(ctx.corpus, c.citations), basis: c.basis ?? (c.guidance?.length ? 'guidance' : 'ordinance') };
  if (c.en) v.en = c.en;
  if (c.act) v.act = c.act;
  if (c.guidance?.length)
    v.guidance = c.guidance.map((id) => {
      const a = ctx.annotations?.get(id);
      const t = (a?.text ?? '').replace(/\s+/g, ' ').trim();
      return { id, label: a?.label ?? id, excerpt: t.length > 160 ? `${t.slice(0, 160)}…` : t };
    });
  if (c.provenance) v.provenance = c.provenance;
  return v;
}

/** A validity point: a point left to the Act is `unknown` (source-not-available) unless the rule records its Act source. */
function validityPoint(ctx: LicenseContext, p: ActOnlySpec): ValidityPoint {
  const reasons: Reason[] = [];
  let status: ValidityPoint['status'] = p.status;
  if (p.status === 'act' && !p.provenance) {
    status = 'unknown';
    reasons.push({ code: 'source-not-available', message: `${p.act ?? 'the Act'} settles this; the Act is not in the corpus` });
  }
  const v: ValidityPoint = { status, text: p.text, citations: citationViews(ctx.corpus, p.citations ?? []), reasons };
  if (p.en) v.en = p.en;
  if (p.act) v.act = p.act;
  if (p.provenance) v.provenance = p.provenance;
  return v;
}

function recordsOf(ctx: LicenseContext, r: FamilyRule<LicenseSpec>, asOf: string): LicenseRecordView[] {
  const own: LicenseRecordView[] = r.spec.records.map((x) => {
    const v: LicenseRecordView = { record: x.record, duty: x.duty ?? 'mandatory', citations: citationViews(ctx.corpus, x.citations), source: 'license' };
    if (x.period) v.period = x.period;
    if (x.start) v.start = x.start;
    if (x.text) v.text = x.text;
    if (x.act) v.act = x.act;
    return v;
  });
  const names = r.spec.retentionLicenses ?? [];
  if (!ctx.retentionObligations || !names.length) return own;
  // the retention question's list is the reference: every obligation it lists for the licence (with
  // those reaching it through 準用), then the license rule's own entries it does not cover
  const out: LicenseRecordView[] = [];
  const seen = new Set<string>();
  for (const name of names) {
    let listed: unknown;
    try {
      listed = ctx.retentionObligations({ license: name, asOf });
    } catch {
      continue;
    }
    const items = Array.isArray((listed as { obligations?: unknown })?.obligations) ? (listed as { obligations: Record<string, unknown>[] }).obligations : [];
    for (const it of items) {
      const rule = typeof it.rule === 'string' ? it.rule : undefined;
      if (rule && seen.has(rule)) continue;
      if (rule) seen.add(rule);
      const cites = (Array.isArray(it.citations) ? it.citations : []).map((c) => (typeof c === 'string' ? c : (c as { id?: string })?.id)).filter((c): c is string => typeof c === 'string' && ctx.corpus.nodes.has(c));
      const kind = typeof it.kind === 'string' ? it.kind : 'mandatory';
      const v: LicenseRecordView = {
        record: String(it.record ?? it.title ?? rule ?? 'record'),
        duty: kind === 'effort' ? 'effort' : kind === 'no-period' || kind === 'until-event' ? 'no-period' : 'mandatory',
        citations: citationViews(ctx.corpus, cites),
        source: 'retention',
        kind,
      };
      if (rule) v.retentionRule = rule;
      if (typeof it.period === 'string') v.periodText = it.period;
      const via = it.via as { label?: string; provision?: string } | undefined;
      if (via) v.via = via.label ?? via.provision;
      out.push(v);
    }
  }
  if (!out.length) return own;
  const covered = new Set(out.flatMap((x) => x.citations.map((c) => c.id)));
  for (const o of own) if (!o.citations.some((c) => covered.has(c.id))) out.push(o);
  return out;
}

/** The full license answer. */
export function licenseView(ctx: LicenseContext, r: FamilyRule<LicenseSpec>, asOf: string): License {
  const s = r.spec;
  const c = (ids: string[] | undefined) => citationViews(ctx.corpus, ids ?? []);
  const out: License = {
    id: r.id,
    name: s.name,
    title: s.title,
    aliases: s.aliases ?? [],
    type: s.type,
    holder: s.holder,
    grantor: cited(ctx, s.grantor),
    validity: { period: validityPoint(ctx, s.validity.period), renewal: validityPoint(ctx, s.validity.renewal) },
    kinds: (s.kinds ?? []).map((k) => ({ ...k, citations: c(k.citations) })),
    divisions: (s.divisions ?? []).map((k) => ({ ...k, citations: c(k.citations) })),
    products: [...s.products],
    may: { activities: s.may.activities.map((a) => cited(ctx, a)) },
    staffing: s.staffing.map((st) => ({ ...st, citations: c(st.citations), qualifications: st.qualifications.map((q) => ({ ...q, citations: c(q.citations) })) })),
    records: recordsOf(ctx, r, asOf),
    related: s.related ?? [],
    citations: c(s.citations),
    effective: r.effective,
    amendedBy: r.amendedBy,
    source: { file: r.source.file, line: r.source.line },
  };
  if (s.group) out.group = s.group;
  if (s.may.items) out.may.items = cited(ctx, s.may.items);
  if (s.may.buyers) {
    const b = s.may.buyers;
    out.may.buyers = { scope: b.scope, allowed: b.allowed ?? [], text: b.text, citations: c(b.citations) };
    if (b.en) out.may.buyers.en = b.en;
    if (b.act) out.may.buyers.act = b.act;
    if (b.provenance) out.may.buyers.provenance = b.provenance;
  }
  if (s.designated) out.designated = cited(ctx, s.designated);
  if (s.yoshiji) out.yoshiji = cited(ctx, s.yoshiji);
  return out;
}

/** Every license category in force on asOf (the table). */
export function licenses(ctx: LicenseContext, options: LicenseOptions = {}): LicenseListAnswer {
  const asOf = ctx.ruleset.checkAsOf(options.asOf ?? today());
  return {
    licenses: inForce(ctx, asOf).map((r) => {
      const e: LicenseListAnswer['licenses'][number] = { id: r.id, name: r.spec.name, type: r.spec.type, holder: r.spec.holder, grantor: r.spec.grantor.text, products: [...r.spec.products], citations: [...r.citations] };
      if (r.spec.group) e.group = r.spec.group;
      return e;
    }),
    ...envelope(ctx.ruleset, asOf),
  };
}

/** One license by id (`licenses.tenpo` or `tenpo`), Japanese name or alias. Unknown → {@link LicenseNotFoundError} with the nearest. */
export function license(ctx: LicenseContext, idOrName: string, options: LicenseOptions = {}): LicenseAnswer {
  const asOf = ctx.ruleset.checkAsOf(options.asOf ?? today());
  return { license: licenseView(ctx, resolveLicense(ctx, idOrName, asOf), asOf), ...envelope(ctx.ruleset, asOf) };
}

export type { CitationView };

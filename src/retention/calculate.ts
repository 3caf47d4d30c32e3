/**
 * The retention calculator: which obligation a request means, and until which day its record must
 * be kept — computed by the Civil Code (src/rules/dates.ts civilPeriodEnd), every step shown.
 *
 * Unknown is not no: a missing fact gives status `unknown` with `needs`; a text that leaves the
 * start or the length open gives `unknown` with the `candidates`; a period in the Act (法), which we
 * do not hold, gives `unknown` with reason `source-not-available`. See docs/retention.md.
 */
import type { Corpus } from '../corpus/model.js';
import { RefNotFoundError, resolveRef } from '../corpus/resolve.js';
import type { CitationView, ConditionResult, Reason } from '../rules/answer.js';
import { compileCondition, type CompiledCondition, type Condition } from '../rules/conditions.js';
import { DateError, checkIsoDate, civilPeriodEnd, describePeriod, laterOf, today, type Period } from '../rules/dates.js';
import type { FamilyRule } from '../rules/family.js';
import { InputError, validateInput } from '../rules/input.js';
import { nearest } from '../rules/nearest.js';
import type { Ruleset } from '../rules/ruleset.js';
import {
  retentionEvents,
  type ComputableKeep,
  type Keep,
  type RetentionAnswer,
  type RetentionCandidate,
  type RetentionFacts,
  type RetentionRequest,
  type RetentionSpec,
  type RetentionStatus,
  type RetentionStep,
} from './model.js';

export type RetentionRule = FamilyRule<RetentionSpec>;

/** A request that names no single obligation: an unknown article or rule, or several candidates. */
export class RetentionError extends Error {
  override name = 'RetentionError';
  constructor(
    readonly code: 'unknown-article' | 'unknown-rule' | 'ambiguous' | 'no-obligation' | 'unknown-holder' | 'unknown-reading',
    message: string,
    readonly candidates: { id: string; holders: string[]; record: string; label?: string }[] = [],
    readonly suggestions: string[] = [],
  ) {
    super(message);
  }
}

/** Citation views with the text around the wording where the node holds it. */
export function citationView(corpus: Pick<Corpus, 'nodes'>, id: string, wording: string[] = []): CitationView {
  const n = corpus.nodes.get(id);
  const text = (n?.text ?? (n as { cells?: string[] } | undefined)?.cells?.join(' ') ?? '').replace(/\s+/g, ' ').trim();
  let excerpt = text.length > 120 ? `${text.slice(0, 120)}…` : text;
  for (const w of wording) {
    const k = text.indexOf(w);
    if (k >= 0 && text.length > 120) {
      const a = Math.max(0, k - 40);
      const b = Math.min(text.length, k + w.length + 20);
      excerpt = `${a > 0 ? '…' : ''}${text.slice(a, b)}${b < text.length ? '…' : ''}`;
      break;
    }
  }
  return { id, label: n?.label ?? id, excerpt };
}

const uniq = <T>(xs: T[]): T[] => [...new Set(xs)];

const compiled = new WeakMap<object, CompiledCondition>();
function cond(v: { when: Condition }): CompiledCondition {
  let c = compiled.get(v);
  if (!c) {
    c = compileCondition(v.when);
    compiled.set(v, c);
  }
  return c;
}

/** Validates a request: the schema (every field by JSON pointer), then every date is a real calendar date. */
export function checkRequest(request: unknown): RetentionRequest {
  const r = validateInput<RetentionRequest>('retention.request.schema.json', request, 'invalid-retention-request', 'retention request');
  const problems: { field: string; message: string }[] = [];
  const dates: [string, unknown][] = [['/asOf', r.asOf], ...retentionEvents.map((e) => [`/facts/${e}`, r.facts?.[e]] as [string, unknown])];
  for (const [field, v] of dates) {
    if (v === undefined) continue;
    try {
      checkIsoDate(v, field);
    } catch (e) {
      if (e instanceof DateError) problems.push({ field, message: e.message.replace(`${field}: `, '') });
      else throw e;
    }
  }
  if (problems.length) throw new InputError('invalid-retention-request', problems, 'retention request');
  return r;
}

/** The node ids a rule answers for: its citations and those of its 準用 provision and variants. */
export function ruleNodes(spec: RetentionSpec): string[] {
  return [...spec.citations, ...(spec.via?.citations ?? []), ...(spec.variants ?? []).flatMap((v) => v.citations)];
}

/** The node a rule encodes: its id before the first `~` (retention.A48-P1-I2 → A48-P1-I2), else its first citation. */
export function ruleNode(corpus: Pick<Corpus, 'nodes'>, rule: { id: string; spec: RetentionSpec }): string {
  const own = rule.id.replace(/^retention\./, '').split('~')[0];
  return corpus.nodes.has(own) ? own : rule.spec.citations[0];
}

/**
 * The provision a rule encodes, at item level, as the ordinance would cite it: 第48条第1項第2号; through
 * 準用 第110条の4第1項において準用する第104条第3項, or in a chain 第91条第1項において準用する第43条第1項において準用する第29条第1項第3号.
 */
export function provisionLabel(corpus: Pick<Corpus, 'nodes'>, rule: { id: string; spec: RetentionSpec }): string {
  const lab = (id: string) => corpus.nodes.get(id)?.label ?? id;
  const s = rule.spec;
  const segs = rule.id.replace(/^retention\./, '').split('~').slice(1);
  const cites = ruleNodes(s);
  let label = lab(ruleNode(corpus, rule));
  segs.forEach((seg, i) => {
    const prov =
      i === segs.length - 1 && s.via ? s.via.provision : corpus.nodes.has(seg) && cites.includes(seg) ? seg : cites.find((c) => c.startsWith(`${seg}-`));
    if (prov) label = `${lab(prov)}において準用する${label}`;
  });
  return label;
}

const within = (id: string, anc: string) => id === anc || id.startsWith(`${anc}-`);

/**
 * Record words (docs/retention.md § Record words): the words a clerk uses for a record and the words the
 * ordinance's record descriptions use for the same thing. A `record` that no description holds literally is
 * matched through its group — an explicit list, not a fuzzy match.
 */
export const recordWordGroups: readonly { words: readonly string[]; reasoning: string }[] = [
  { words: ['譲渡', '販売', '授与'], reasoning: '譲渡 is 販売 and 授与 together (第164条「毒薬又は劇薬の譲渡」; 第104条の2「販売し、又は授与した」)' },
  { words: ['譲受', '譲り受', '購入', '仕入'], reasoning: '医薬品を譲り受けたとき (第104条の2, 第70条, 第74条); a purchase from a supplier is 譲受' },
  { words: ['帳簿', '台帳', '記録簿'], reasoning: '帳簿 (第104条第3項, 第169条); 台帳 is the everyday word' },
  { words: ['書面', '文書', '書類'], reasoning: '書面 (第104条の2), 文書 (第164条); a reader says 書類 for both' },
];

/** The ordinance's words for a record word (its group, the word itself first); [] when it is in no group. */
export function recordWords(word: string): string[] {
  const hits = recordWordGroups.filter((g) => g.words.some((x) => word.includes(x)));
  return hits.length ? [...new Set([word, ...hits.flatMap((g) => g.words)])] : [];
}

/** The one obligation a request means (or a RetentionError listing the candidates). */
export function selectRule(ruleset: Ruleset, corpus: Corpus, req: RetentionRequest, asOf: string): RetentionRule {
  const all = ruleset.familyRules<RetentionSpec>('retention', asOf);
  const brief = (r: RetentionRule) => ({ id: r.id, holders: r.spec.holders, record: r.spec.record, label: provisionLabel(corpus, r) });
  let cands: RetentionRule[];
  if (req.rule) {
    const r = all.find((x) => x.id === req.rule);
    if (!r) {
      const exists = ruleset.familyRule(req.rule);
      const near = nearest(req.rule, all.map((x) => x.id), 3);
      throw new RetentionError('unknown-rule', `${exists ? `rule ${req.rule} is not in force on ${asOf}` : `no retention rule ${req.rule}`}${near.length ? `; nearest: ${near.join(', ')}` : ''}`, [], near);
    }
    cands = [r];
  } else {
    let id: string;
    try {
      id = resolveRef(corpus, req.article!);
    } catch (e) {
      if (e instanceof RefNotFoundError) throw new RetentionError('unknown-article', e.message, [], e.suggestions);
      throw e;
    }
    // rules citing the node or a part of it; failing that, rules citing a provision that contains it
    cands = all.filter((r) => ruleNodes(r.spec).some((c) => within(c, id)));
    if (!cands.length) cands = all.filter((r) => ruleNodes(r.spec).some((c) => within(id, c)));
    if (!cands.length) {
      const label = corpus.nodes.get(id)?.label ?? id;
      const art = id.split('-')[0];
      const near = all.filter((r) => ruleNodes(r.spec).some((c) => c.split('-')[0] === art)).map(brief);
      throw new RetentionError('no-obligation', `${label} holds no keeping obligation encoded in the retention rules${near.length ? `; in the same article: ${near.map((c) => c.id).join(', ')}` : ''}`, near);
    }
  }
  const before = cands;
  if (req.holder) {
    const h = req.holder;
    const exact = cands.filter((r) => r.spec.holders.includes(h));
    cands = exact.length ? exact : cands.filter((r) => r.spec.holders.some((x) => x.includes(h) || h.includes(x)));
    // a licence holder (店舗販売業者) where the provision names a class (薬局開設者等, 医薬品の販売業者): the rule's licence list decides
    if (!cands.length) cands = before.filter((r) => r.spec.licenses.some((l) => h === l || h === `${l}者`));
  }
  if (req.record) {
    const w = req.record;
    const literal = cands.filter((r) => r.spec.record.includes(w) || r.spec.title.includes(w));
    // no literal hit: the record's description read through the record words (譲渡 = 販売・授与 …), record only
    const words = literal.length ? [] : recordWords(w);
    cands = literal.length || !words.length ? literal : cands.filter((r) => words.some((x) => r.spec.record.includes(x)));
  }
  if (!cands.length)
    throw new RetentionError(
      'no-obligation',
      `no obligation of ${req.article ?? req.rule} matches${req.holder ? ` holder '${req.holder}'` : ''}${req.record ? ` record '${req.record}'` : ''}; candidates: ${before.map((r) => `${r.id} (${provisionLabel(corpus, r)} — ${r.spec.holders.join('・')})`).join(', ')}`,
      before.map(brief),
      nearest(req.holder ?? req.record ?? '', [...new Set(before.flatMap((r) => r.spec.holders))], 3),
    );
  if (cands.length > 1) {
    // a provision cited as the obligation itself wins over provisions merely cited beside it (e.g. 準用 rules citing the original)
    throw new RetentionError(
      'ambiguous',
      `${req.article ?? req.rule} holds ${cands.length} obligations; give holder, record or rule: ${cands.map((r) => `${r.id} (${provisionLabel(corpus, r)} — ${r.spec.holders.join('・')}: ${r.spec.record})`).join('; ')}`,
      cands.map(brief),
    );
  }
  return cands[0];
}

interface Outcome {
  status: RetentionStatus;
  keepUntil: string | null;
  steps: RetentionStep[];
  needs: string[];
  reasons: Reason[];
  candidates?: RetentionCandidate[];
}

const missing = (field: string, what: string): Reason => ({ code: 'missing-fact', message: `${what}: the date is needed (/facts/${field})`, field: `/facts/${field}` });

/** The fact fields (without /facts) an unknown condition is missing. */
const missingFields = (reasons: Reason[]): string[] => uniq(reasons.map((r) => (r.field ?? '').replace(/^\//, '').replace(/^facts\//, '')).filter(Boolean));

function computeComputable(k: ComputableKeep, facts: RetentionFacts): Outcome {
  if (k.type === 'period' && k.start.instead) {
    // the text gives another start for a case (当該承認が条件及び期限付承認である場合にあっては…)
    const alt = k.start.instead;
    const ev = cond(alt).evaluate(facts);
    const asDefault: ComputableKeep = { ...k, start: { event: k.start.event, text: k.start.text } };
    const asAlt: ComputableKeep = { ...k, start: { event: alt.event, text: alt.text } };
    if (ev.result === 'unknown') {
      const d = computeComputable(asDefault, facts);
      const a = computeComputable(asAlt, facts);
      const needs = missingFields(ev.reasons);
      return {
        status: 'unknown',
        keepUntil: null,
        steps: [{ step: 'variant', text: `「${alt.title}」に当たるかどうかが不明: 起算日が決まらない（${k.start.text} / ${alt.text}）` }],
        needs,
        reasons: needs.map((f) => ({ code: 'missing-fact', message: `「${alt.title}」: /facts/${f} is needed to decide the day the period runs from (${k.start.text}, or ${alt.text})`, field: `/facts/${f}` })),
        candidates: [
          { id: 'default', text: `${k.start.text}から`, keepUntil: d.keepUntil, steps: d.steps, ...(d.needs.length ? { needs: d.needs } : {}) },
          { id: alt.id, text: `${alt.text}から`, keepUntil: a.keepUntil, steps: a.steps, ...(a.needs.length ? { needs: a.needs } : {}) },
        ],
      };
    }
    const o = computeComputable(ev.result ? asAlt : asDefault, facts);
    return ev.result ? { ...o, steps: [{ step: 'variant', text: `「${alt.title}」に当たる: 起算の基礎となる日は${alt.text}` }, ...o.steps] } : o;
  }
  if (k.type === 'until') {
    const d = facts[k.event];
    if (!d) return { status: 'until-event', keepUntil: null, steps: [{ step: 'until', text: `${k.text}まで保存する (日付が与えられていない)` }], needs: [k.event], reasons: [{ code: 'until-event', message: `kept until ${k.text}; give /facts/${k.event} to compute the date`, field: `/facts/${k.event}` }] };
    return { status: 'computed', keepUntil: d, steps: [{ step: 'until', date: d, text: `${k.text} ${d} まで保存する（当日を含む）` }], needs: [], reasons: [] };
  }
  const from = facts[k.start.event];
  const needs: string[] = [];
  const reasons: Reason[] = [];
  if (!from) {
    needs.push(k.start.event);
    reasons.push(missing(k.start.event, k.start.text));
  }
  let period: Period = k.period;
  const steps: RetentionStep[] = [];
  if (k.addValidity) {
    const v = facts.validityPeriod;
    if (!v) {
      needs.push('validityPeriod');
      reasons.push({ code: 'missing-fact', message: 'the product\'s validity period (有効期間) is needed (/facts/validityPeriod)', field: '/facts/validityPeriod' });
    } else {
      period = { years: (k.period.years ?? 0) + (v.years ?? 0), months: (k.period.months ?? 0) + (v.months ?? 0) };
      steps.push({ step: 'validity', text: `有効期間 ${describePeriod(v)} に ${describePeriod(k.period)} を加算: ${describePeriod(period)}` });
    }
  }
  if (needs.length) return { status: 'unknown', keepUntil: null, steps, needs, reasons };
  const r = civilPeriodEnd(from!, period, { countFirstDay: k.countFirstDay });
  steps.push(...r.steps.map((s) => (s.step === 'start-event' ? { ...s, text: `起算の基礎となる日（${k.start.text}）: ${from}` } : s)));
  return { status: 'computed', keepUntil: r.end, steps, needs: [], reasons: [] };
}

function computeKeep(k: Keep, facts: RetentionFacts, reading?: string): Outcome {
  switch (k.type) {
    case 'period':
    case 'until':
      return computeComputable(k, facts);
    case 'open': {
      const chosen = reading ? k.candidates.find((c) => c.id === reading) : undefined;
      if (reading && !chosen) throw new RetentionError('unknown-reading', `no reading '${reading}' here; the readings are: ${k.candidates.map((c) => `${c.id} (${c.text})`).join(', ')}`, [], k.candidates.map((c) => c.id));
      if (chosen) {
        const o = computeComputable(chosen.keep, facts);
        return {
          ...o,
          steps: [{ step: 'reading', text: `読み方の選択（リクエストによる）: ${chosen.text}` }, ...o.steps],
          reasons: [{ code: 'reading-chosen', message: `${k.text}; computed with the reading '${chosen.id}' the request chose (${chosen.text}), not one the text decides` }, ...o.reasons],
        };
      }
      const candidates = k.candidates.map((c) => {
        const o = computeComputable(c.keep, facts);
        return { id: c.id, text: c.text, keepUntil: o.keepUntil, steps: o.steps, ...(o.needs.length ? { needs: o.needs } : {}) };
      });
      return { status: 'unknown', keepUntil: null, steps: [], needs: [], reasons: [{ code: k.reason, message: `${k.text}; the candidates are given, none is chosen` }], candidates };
    }
    case 'designated':
      return { status: 'unknown', keepUntil: null, steps: [], needs: [], reasons: [{ code: 'minister-designated', message: k.text }] };
    case 'none':
      return { status: 'no-period', keepUntil: null, steps: [], needs: [], reasons: [{ code: 'no-period', message: k.text }] };
    case 'act':
      return { status: 'unknown', keepUntil: null, steps: [], needs: [], reasons: [{ code: 'source-not-available', message: `${k.article}: ${k.text}` }] };
  }
}

/** The answer for one obligation and the facts. */
export function calculate(ruleset: Ruleset, corpus: Corpus, rule: RetentionRule, facts: RetentionFacts, asOf: string, reading?: string): RetentionAnswer {
  const s = rule.spec;
  const conditions: ConditionResult[] = [];
  let variant: string | null = 'default';
  let out: Outcome | undefined;
  const wording = [s.wording];
  const cites = [...s.citations, ...(s.via?.citations ?? [])];
  for (const v of s.variants ?? []) {
    const ev = cond(v).evaluate(facts);
    conditions.push(...ev.leaves.map((l) => ({ part: `${rule.id}#${v.id}`, ...l })));
    if (ev.result === false) continue;
    if (ev.result === 'unknown') {
      // undecided: both outcomes are candidates, nothing is chosen
      const def = computeKeep(s.keep, facts, reading);
      const alt = applyVariant(v, s.keep, facts, reading);
      const needs = uniq(ev.reasons.map((r) => r.field?.replace(/^\//, '') ?? '').filter(Boolean).map((f) => f.replace(/^facts\//, '')));
      out = {
        status: 'unknown',
        keepUntil: null,
        steps: [{ step: 'variant', text: `「${v.title}」に当たるかどうかが不明` }],
        needs,
        reasons: ev.reasons.map((r) => {
          const field = r.field?.startsWith('/facts') ? r.field : `/facts${r.field ?? ''}`;
          return { ...r, field, message: `「${v.title}」: ${field} is needed to decide which period applies` };
        }),
        candidates: [
          { id: 'default', text: s.wording, keepUntil: def.keepUntil, steps: def.steps, ...(def.needs.length ? { needs: def.needs } : {}) },
          { id: v.id, text: v.wording, keepUntil: alt.keepUntil, steps: alt.steps, ...(alt.needs.length ? { needs: alt.needs } : {}) },
        ],
      };
      variant = null;
      wording.push(v.wording);
      cites.push(...v.citations);
      break;
    }
    variant = v.id;
    wording.push(v.wording);
    cites.push(...v.citations);
    out = applyVariant(v, s.keep, facts, reading);
    out.steps.unshift({ step: 'variant', text: `「${v.title}」に当たる: ${v.wording}` });
    break;
  }
  out ??= computeKeep(s.keep, facts, reading);
  const reasons = [...out.reasons];
  if (reading && !reasons.some((r) => r.code === 'reading-chosen') && !out.candidates?.some((c) => c.steps.some((x) => x.step === 'reading')))
    reasons.push({ code: 'reading-not-used', message: `the reading '${reading}' was not needed: the text decides this period` });
  if (s.proviso) reasons.push({ code: 'proviso', message: `ただし書: ${s.proviso}` });
  const actRecorded = s.basis === 'act' && s.keep.type !== 'act' && s.act;
  if (actRecorded)
    reasons.push({
      code: 'act-period-curated',
      message: `the period is the Act's (${s.act!.article}), recorded in rule ${rule.id} as curated knowledge (provenance); the Act text is not held, so it is not checked against the law text`,
    });
  return {
    rulesetVersion: ruleset.version,
    contentHash: ruleset.contentHash,
    asOf,
    caveats: [
      ruleset.caveat,
      'Periods are computed by 民法第140条〜第143条; keepUntil is the last day the record must still be kept.',
      ...(actRecorded ? [`The period is taken from the Act (${s.act!.article}), which the knowledge base does not hold: it is curated knowledge (rule.provenance), not checked against a held text.`] : []),
    ],
    keepUntil: out.keepUntil,
    status: out.status,
    kind: s.kind,
    rule: {
      id: rule.id,
      title: s.title,
      provision: provisionLabel(corpus, rule),
      holders: s.holders,
      ...(s.holderSource ? { holderSource: { citations: s.holderSource.citations.map((id) => citationView(corpus, id, s.holders)) } } : {}),
      record: s.record,
      scope: s.scope,
      basis: s.basis,
      source: { file: rule.source.file, line: rule.source.line },
      ...(s.via ? { via: s.via } : {}),
      ...(s.proviso ? { proviso: s.proviso } : {}),
      ...(s.provenance ? { provenance: s.provenance } : {}),
    },
    variant,
    steps: out.steps,
    wording,
    citations: uniq(cites).map((id) => citationView(corpus, id, wording)),
    conditions,
    ...(out.needs.length ? { needs: uniq(out.needs) } : {}),
    reasons,
    ...(out.candidates ? { candidates: out.candidates } : {}),
  };
}

function applyVariant(v: NonNullable<RetentionSpec['variants']>[number], base: Keep, facts: RetentionFacts, reading?: string): Outcome {
  const o = computeKeep(v.keep ?? base, facts, reading);
  if (v.laterOf) {
    const l = computeComputable(v.laterOf, facts);
    if (o.status === 'computed' && l.status === 'computed') {
      const end = laterOf(o.keepUntil!, l.keepUntil!);
      return { ...o, keepUntil: end, steps: [...o.steps, ...l.steps, { step: 'later-of', date: end, text: `いずれか遅い日: ${o.keepUntil} と ${l.keepUntil} → ${end}` }] };
    }
    const needs = uniq([...o.needs, ...l.needs]);
    return {
      status: 'unknown',
      keepUntil: null,
      steps: [...o.steps, ...l.steps],
      needs,
      reasons: [...o.reasons, ...l.reasons.map((r) => (r.code === 'until-event' ? { ...r, code: 'missing-fact', message: `${v.laterOf!.text}: the date is needed (/facts/${(v.laterOf as { event: string }).event})` } : r))].concat(
        o.keepUntil ? [{ code: 'at-least', message: `kept at least until ${o.keepUntil}; later if ${v.laterOf.text} is later` }] : [],
      ),
    };
  }
  if (v.earlierOf && o.status === 'computed') {
    const e = v.earlierOf;
    const ev = e.type === 'period' ? e.start.event : e.event;
    if (!facts[ev]) return e.type === 'period' && e.optional ? { ...o, reasons: [...o.reasons, { code: 'may-end-earlier', message: `${e.text ?? ''} (give /facts/${ev} if it applies)`, field: `/facts/${ev}` }] } : { ...o, status: 'unknown', keepUntil: null, needs: [ev], reasons: [missing(ev, e.type === 'period' ? e.start.text : e.text)] };
    const l = computeComputable(e, facts);
    const end = l.keepUntil! < o.keepUntil! ? l.keepUntil! : o.keepUntil!;
    return { ...o, keepUntil: end, steps: [...o.steps, ...l.steps, { step: 'earlier-of', date: end, text: `いずれか早い日: ${o.keepUntil} と ${l.keepUntil} → ${end}${e.text ? `（${e.text}）` : ''}` }] };
  }
  return o;
}

/** kb.retention: validates, picks the obligation, computes. */
export function retention(ruleset: Ruleset, corpus: Corpus, request: RetentionRequest): RetentionAnswer {
  const req = checkRequest(request);
  const asOf = ruleset.checkAsOf(req.asOf ?? today());
  const rule = selectRule(ruleset, corpus, req, asOf);
  return calculate(ruleset, corpus, rule, req.facts ?? {}, asOf, req.reading);
}

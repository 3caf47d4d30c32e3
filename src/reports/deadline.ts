/**
 * Safety-report deadlines (chapter 8 of the ordinance, and 第194条の2 and 第210条): which report kind
 * an event falls under, for whom, and by when — computed with the Civil Code period arithmetic of
 * src/rules/dates.ts. Unknown is not no: a missing fact gives `unknown` with the candidates and the
 * JSON pointers that would settle it (`needs`); a deadline the ordinance does not state gives
 * `unknown` with the reason. See docs/reports.md.
 */
import type { Corpus } from '../corpus/model.js';
import type { AnnotationIndex } from '../annotations/load.js';
import type { CitationView, Reason, Tri } from '../rules/answer.js';
import { citationView } from '../rules/citations.js';
import { compileCondition, type EvaluatedLeaf } from '../rules/conditions.js';
import { civilPeriodEnd, describePeriod, parseIsoDate, today, type Period } from '../rules/dates.js';
import type { FamilyRule } from '../rules/family.js';
import { InputError, validateInput, type InputProblem } from '../rules/input.js';
import { editDistance, nearest } from '../rules/nearest.js';
import type { Ruleset } from '../rules/ruleset.js';
import type {
  ReportCandidate,
  ReportDeadlineAnswer,
  ReportDeadlineView,
  ReportHolder,
  ReportObligation,
  ReportObligationsAnswer,
  ReportRequest,
  ReportRuleSpec,
  ReportStatus,
  ReportStep,
} from './model.js';

export const REQUEST_SCHEMA = 'report.request.schema.json';
const FAMILY = 'reports';
const MAX_CYCLES = 5000;

export interface ReportContext {
  ruleset: Ruleset;
  corpus: Pick<Corpus, 'nodes'>;
  annotations?: Pick<AnnotationIndex, 'get'>;
}

type Rule = FamilyRule<ReportRuleSpec>;

const DATE_FIELDS = ['learnedDate', 'approvalDate', 'recallStartDate', 'recallEndDate', 'changeDate', 'referenceDate'] as const;

/** Validates a request: the JSON Schema, then every date is a real calendar date (naming the field). */
export function checkReportRequest(input: unknown): ReportRequest {
  let req: ReportRequest;
  try {
    req = validateInput<ReportRequest>(REQUEST_SCHEMA, input, 'invalid-report-request', 'report request');
  } catch (e) {
    // a date given in another notation is said as a date (the schema's pattern is not for people)
    if (e instanceof InputError) throw new InputError(e.code, e.problems.map((p) => dateProblem(p, input)), 'report request');
    throw e;
  }
  const problems: InputProblem[] = [];
  for (const f of DATE_FIELDS) {
    const v = req.facts?.[f];
    if (v !== undefined && !parseIsoDate(v)) problems.push({ field: `/facts/${f}`, message: `${v} is not a calendar date` });
  }
  if (req.asOf !== undefined && !parseIsoDate(req.asOf)) problems.push({ field: '/asOf', message: `${req.asOf} is not a calendar date` });
  const c = req.facts?.designatedCycle;
  if (c && !(c.years || c.months || c.days)) problems.push({ field: '/facts/designatedCycle', message: 'must be a period longer than 0 (years, months or days)' });
  if (problems.length) throw new InputError('invalid-report-request', problems, 'report request');
  return req;
}

/** `/asOf`, `/facts/learnedDate` …: `must be a date YYYY-MM-DD, got "2024/01/31"` instead of the schema's regular expression */
function dateProblem(p: InputProblem, input: unknown): InputProblem {
  if (!p.message.startsWith('must match pattern')) return p;
  const path = p.field.split('/').slice(1);
  if (!(path.length === 1 && path[0] === 'asOf') && !(path.length === 2 && path[0] === 'facts' && (DATE_FIELDS as readonly string[]).includes(path[1]))) return p;
  let v: unknown = input;
  for (const k of path) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined;
  return { field: p.field, message: `must be a date YYYY-MM-DD, got ${JSON.stringify(v)}` };
}

function envelope(ctx: ReportContext, asOf: string) {
  return {
    rulesetVersion: ctx.ruleset.version,
    contentHash: ctx.ruleset.contentHash,
    asOf,
    caveats: [
      ctx.ruleset.caveat,
      'The duty to report itself lies in the Act (法第68条の10 etc.), which doyaku does not hold; the ordinance states the events and the deadlines encoded here.',
    ],
  };
}

class Views {
  constructor(readonly corpus: Pick<Corpus, 'nodes'>) {}
  view(id: string): CitationView {
    return citationView(this.corpus, id, { max: 160 });
  }
  of(ids: string[]): CitationView[] {
    return ids.map((id) => this.view(id));
  }
}
const viewsByCorpus = new WeakMap<object, Views>();
const viewsOf = (corpus: Pick<Corpus, 'nodes'>) => {
  let v = viewsByCorpus.get(corpus);
  if (!v) viewsByCorpus.set(corpus, (v = new Views(corpus)));
  return v;
};

const firstDayText = (count: boolean | undefined) => (count ? '初日算入（「起算して」、民法第140条ただし書）' : '初日不算入（民法第140条本文）');

/** The deadline of one rule in words (for listings). */
export function deadlineText(spec: ReportRuleSpec): string {
  const d = spec.deadline;
  switch (d.kind) {
    case 'period':
      return `${d.start!.event}から${describePeriod(d.period!)}以内（${firstDayText(d.countFirstDay)}）`;
    case 'promptly':
      return `速やかに（期日の定めなし; 起点: ${d.start?.event ?? '—'}）`;
    case 'periodic': {
      const v = (d.variants ?? []).map((x) => x.title).join('; ');
      return `${d.start!.event}から${describePeriod(d.cycle!)}ごとに、その期間の満了後${describePeriod(d.submit!)}以内（${firstDayText(d.countFirstDay)}）${v ? `; ${v}` : ''}`;
    }
    default:
      return `期限の定めなし（${d.reason?.code ?? 'not-stated'}）`;
  }
}

const scale = (p: Period, n: number): Period => ({ years: (p.years ?? 0) * n, months: (p.months ?? 0) * n, days: (p.days ?? 0) * n });

interface DeadlineResult {
  status: Exclude<ReportStatus, 'not-required'>;
  dueDate: string | null;
  view: ReportDeadlineView;
  steps: ReportStep[];
  needs: string[];
  reasons: Reason[];
  cycle?: { number: number; from: string; end: string };
  /** alternative computations (periodic reports with an undecided variant or cycle end) */
  alternatives?: { variants: string[]; status: DeadlineResult['status']; dueDate: string | null; needs: string[] }[];
  variantWording: { text: string; citations: string[] }[];
}

const missing = (field: string): Reason => ({ code: 'missing-fact', field, message: `needs ${field}` });

/** One rule's deadline for the request's facts. */
function computeDeadline(spec: ReportRuleSpec, req: ReportRequest, asOf: string): DeadlineResult {
  const d = spec.deadline;
  const facts = req.facts ?? {};
  const startDate = d.start ? (facts[d.start.fact] ?? null) : null;
  const view: ReportDeadlineView = {
    kind: d.kind,
    ...(d.period ? { period: d.period } : {}),
    ...(d.cycle ? { cycle: d.cycle } : {}),
    ...(d.submit ? { submit: d.submit } : {}),
    ...(d.start ? { start: { ...d.start, date: startDate } } : {}),
    ...(d.countFirstDay !== undefined ? { countFirstDay: d.countFirstDay, firstDay: firstDayText(d.countFirstDay) } : {}),
    variants: [],
  };
  const base = { view, variantWording: [] as DeadlineResult['variantWording'] };
  if (d.kind === 'not-stated') {
    return { ...base, status: 'unknown', dueDate: null, steps: [], needs: [], reasons: [{ ...d.reason! }] };
  }
  if (d.kind === 'promptly') {
    const steps: ReportStep[] = startDate ? [{ step: 'start-event', date: startDate, text: `${d.start!.event}: ${startDate}` }] : [];
    return {
      ...base,
      status: 'promptly',
      dueDate: null,
      steps,
      needs: [],
      reasons: [{ code: 'promptly', message: '「速やかに」: 日数による期限の定めがなく、期日は計算できない（遅滞なく、できる限り早く報告する）' }],
    };
  }
  if (d.kind === 'period') {
    if (!startDate) return { ...base, status: 'unknown', dueDate: null, steps: [], needs: [`/facts/${d.start!.fact}`], reasons: [missing(`/facts/${d.start!.fact}`)] };
    const r = civilPeriodEnd(startDate, d.period!, { countFirstDay: d.countFirstDay });
    const steps = r.steps.map((s) => (s.step === 'start-event' ? { ...s, text: `${d.start!.event}: ${s.date}` } : { ...s }));
    return { ...base, status: 'computed', dueDate: r.end, steps, needs: [], reasons: [] };
  }
  return computePeriodic(spec, req, asOf, base);
}

/** A periodic report: the cycle, then the submission period after the cycle ends, with its variants. */
function computePeriodic(spec: ReportRuleSpec, req: ReportRequest, asOf: string, base: { view: ReportDeadlineView; variantWording: DeadlineResult['variantWording'] }): DeadlineResult {
  const d = spec.deadline;
  const variants = d.variants ?? [];
  const outcomes = variants.map((v) => compileCondition(v.when).evaluate(req));
  const decided = variants.filter((_, i) => outcomes[i].result === true);
  const open = variants.filter((_, i) => outcomes[i].result === 'unknown');
  const variantNeeds = [...new Set(outcomes.flatMap((o) => o.reasons.map((r) => r.field!).filter(Boolean)))];
  const one = (applied: typeof variants) => periodicFor(spec, req, asOf, applied);
  if (!open.length) {
    const r = one(decided);
    return { ...r, view: { ...base.view, ...r.viewPatch, variants: decided.map((v) => v.id) }, variantWording: decided.map((v) => v.wording) };
  }
  // undecided variants: every combination, so that the caller sees each possible due date
  const alternatives: NonNullable<DeadlineResult['alternatives']> = [];
  for (let mask = 0; mask < 1 << open.length; mask++) {
    const applied = [...decided, ...open.filter((_, i) => mask & (1 << i))];
    const r = one(applied);
    alternatives.push({ variants: applied.map((v) => v.id), status: r.status, dueDate: r.dueDate, needs: r.needs });
  }
  const first = one(decided);
  return {
    ...first,
    status: 'unknown',
    dueDate: null,
    view: { ...base.view, ...first.viewPatch, variants: decided.map((v) => v.id) },
    needs: [...new Set([...variantNeeds, ...first.needs])],
    reasons: [
      ...outcomes.flatMap((o) => o.reasons),
      { code: 'undecided-variant', message: `期限の変更事由（${open.map((v) => v.title).join('／')}）に当たるかどうかが不明: 各場合の期日を candidates に示す` },
      ...first.reasons,
    ],
    alternatives,
    variantWording: [...decided, ...open].map((v) => v.wording),
  };
}

function periodicFor(
  spec: ReportRuleSpec,
  req: ReportRequest,
  asOf: string,
  applied: NonNullable<ReportRuleSpec['deadline']['variants']>,
): Omit<DeadlineResult, 'view' | 'variantWording'> & { viewPatch: Partial<ReportDeadlineView> } {
  const d = spec.deadline;
  const facts = req.facts ?? {};
  let cycle = d.cycle!;
  let submit = d.submit!;
  const needs: string[] = [];
  const reasons: Reason[] = [];
  for (const v of applied) {
    if (v.submit) submit = v.submit;
    if (v.cycleFact) {
      if (facts.designatedCycle) cycle = facts.designatedCycle;
      else {
        needs.push('/facts/designatedCycle');
        reasons.push({ ...missing('/facts/designatedCycle'), message: `needs /facts/designatedCycle (${v.title})` });
      }
    }
  }
  const approval = facts.approvalDate;
  if (!approval) {
    needs.push('/facts/approvalDate');
    reasons.push(missing('/facts/approvalDate'));
  }
  const viewPatch = { cycle, submit, start: { ...d.start!, date: approval ?? null } };
  if (needs.length || !approval) return { status: 'unknown', dueDate: null, steps: [], needs, reasons, viewPatch };
  const opt = { countFirstDay: d.countFirstDay };
  const reference = facts.referenceDate ?? asOf;
  // chained cycles: each begins when the one before ends
  let from = approval;
  let n = 0;
  let cycleRes = civilPeriodEnd(approval, cycle, opt);
  let due = civilPeriodEnd(cycleRes.end, submit, opt);
  for (;;) {
    n++;
    if (n > 1) {
      from = cycleRes.end;
      cycleRes = civilPeriodEnd(from, cycle, opt);
      due = civilPeriodEnd(cycleRes.end, submit, opt);
    }
    if (facts.periodNumber !== undefined ? n >= facts.periodNumber : due.end >= reference) break;
    if (n >= MAX_CYCLES)
      return {
        status: 'unknown',
        dueDate: null,
        steps: [],
        needs: ['/facts/periodNumber'],
        reasons: [{ code: 'too-many-cycles', field: '/facts/referenceDate', message: `no report of the first ${MAX_CYCLES} cycles is due on or after ${reference}: give /facts/periodNumber` }],
        viewPatch,
      };
  }
  const steps: ReportStep[] = [{ step: 'start-event', date: approval, text: `${d.start!.event}: ${approval}` }];
  // the cycle's own computation first, then the cycle it gives: the steps read in date order (QA: the summary came before its 初日)
  for (const s of cycleRes.steps.slice(1)) steps.push({ step: `cycle-${s.step}`, date: s.date, text: s.text });
  steps.push({ step: 'cycle', date: cycleRes.end, text: `第${n}期: ${describePeriod(cycle)}ごとの期間 ${cycleRes.firstDay}〜${cycleRes.end}${n > 1 ? `（前期の満了 ${from} の翌日から）` : ''}` });
  steps.push({ step: 'report-period', date: cycleRes.end, text: `第${n}期の満了日 ${cycleRes.end}: 報告期間はその翌日午前零時から（満了日を初日不算入として数えるのと同じ日）` });
  for (const s of due.steps.slice(2)) steps.push({ step: `submit-${s.step}`, date: s.date, text: s.text });
  const cycleView = { number: n, from: cycleRes.firstDay, end: cycleRes.end };
  // the same cycle counted as one period from approval (n × cycle): a different end only around 29 February
  const direct = civilPeriodEnd(approval, scale(cycle, n), opt);
  if (direct.end !== cycleRes.end) {
    const dueDirect = civilPeriodEnd(direct.end, submit, opt);
    return {
      status: 'unknown',
      dueDate: null,
      steps,
      needs: [],
      reasons: [
        {
          code: 'ambiguous-cycle-end',
          message: `「承認を受けた日から${describePeriod(cycle)}ごとに」: 各期を前期の満了から数えると第${n}期は ${cycleRes.end} に満了し（期日 ${due.end}）、承認日から${describePeriod(scale(cycle, n))}として数えると ${direct.end} に満了する（期日 ${dueDirect.end}）。条文はどちらとも定めていない（2月29日の応当日）`,
        },
      ],
      cycle: cycleView,
      alternatives: [
        { variants: ['chained-cycles', ...applied.map((v) => v.id)], status: 'computed', dueDate: due.end, needs: [] },
        { variants: ['from-approval', ...applied.map((v) => v.id)], status: 'computed', dueDate: dueDirect.end, needs: [] },
      ],
      viewPatch,
    };
  }
  return { status: 'computed', dueDate: due.end, steps, needs: [], reasons: [], cycle: cycleView, viewPatch };
}

const and3 = (xs: Tri[]): Tri => (xs.includes(false) ? false : xs.includes('unknown') ? 'unknown' : true);

interface Assessed {
  rule: Rule;
  applies: Tri;
  leaves: EvaluatedLeaf[];
  needs: string[];
  reasons: Reason[];
  deadline?: DeadlineResult;
}

const byDue = (a: Assessed, b: Assessed) => {
  const rank = (x: Assessed) => (x.deadline?.status === 'promptly' ? 0 : x.deadline?.status === 'computed' ? 1 : 2);
  return rank(a) - rank(b) || (a.deadline?.dueDate ?? '').localeCompare(b.deadline?.dueDate ?? '');
};

/** kb.reportDeadline: the report kind an event falls under, and its due date. */
export function reportDeadline(ctx: ReportContext, input: unknown): ReportDeadlineAnswer {
  const req = checkReportRequest(input);
  const asOf = ctx.ruleset.checkAsOf(req.asOf ?? today());
  const views = viewsOf(ctx.corpus);
  const all = ctx.ruleset.familyRules<ReportRuleSpec>(FAMILY, asOf);
  const ev = req.event;
  const answer: ReportDeadlineAnswer = {
    ...envelope(ctx, asOf),
    status: 'unknown',
    dueDate: null,
    rule: null,
    holder: null,
    deadline: null,
    steps: [],
    wording: [],
    conditions: [],
    citations: [],
    alsoApplies: [],
    candidates: [],
    needs: [],
    reasons: [],
    guidance: [],
    event: ev,
  };
  const byKind = all.filter((r) => r.spec.events.includes(ev.kind));
  const byHolder = req.holder ? byKind.filter((r) => r.spec.holders.some((h) => h.holder === req.holder)) : byKind;
  if (!byHolder.length) {
    const named = [...new Set(byKind.flatMap((r) => r.spec.holders.map((h) => h.holder)))];
    answer.reasons.push(
      {
        code: 'holder-not-named',
        field: '/holder',
        message: `the ordinance names ${named.join('、')} as the reporter of ${ev.kind}, not ${req.holder}`,
        suggestions: named,
      },
      { code: 'source-not-available', message: `whether a ${req.holder} must report it (or report for another) lies in the Act (法), which doyaku does not hold` },
    );
    answer.citations = uniqueViews(views, byKind.flatMap((r) => r.spec.holders.flatMap((h) => h.citations)));
    return finish(answer);
  }
  const byType = ev.productType ? byHolder.filter((r) => r.spec.productTypes.includes(ev.productType!)) : byHolder;
  if (!byType.length) {
    // a product type the same provisions cover for other events: the ordinance lists no report of this event for it
    const groups = new Set(byHolder.map((r) => r.spec.group));
    const sameGroups = all.filter((r) => groups.has(r.spec.group) && r.spec.productTypes.includes(ev.productType!) && (!req.holder || r.spec.holders.some((h) => h.holder === req.holder)));
    if (sameGroups.length) {
      answer.status = 'not-required';
      answer.reasons.push({
        code: 'not-listed',
        message: `for ${ev.productType} the provisions (${[...new Set(sameGroups.map((r) => r.spec.group))].join(', ')}) list only ${[...new Set(sameGroups.flatMap((r) => r.spec.events))].join(', ')}, not ${ev.kind} (the Act may still require a report; doyaku does not hold the Act)`,
      });
      answer.citations = uniqueViews(views, sameGroups.flatMap((r) => r.spec.eventClass?.citations ?? r.citations));
      return finish(answer);
    }
    const named = [...new Set(byHolder.flatMap((r) => r.spec.productTypes))];
    answer.reasons.push({
      code: 'product-type-not-named',
      field: '/event/productType',
      message: `no report kind of the ordinance names ${ev.productType} for ${ev.kind}${req.holder ? ` by a ${req.holder}` : ''} (named: ${named.join('、')}); the text does not settle whether or when it is reported`,
      suggestions: named,
    });
    answer.citations = uniqueViews(views, byHolder.flatMap((r) => r.spec.eventClass?.citations ?? r.citations));
    return finish(answer);
  }
  // every rule that might apply: its product type, holder and event-class conditions, three-valued
  const assessed: Assessed[] = byType.map((rule) => {
    const parts: Tri[] = [];
    const needs: string[] = [];
    const reasons: Reason[] = [];
    if (!ev.productType) {
      parts.push('unknown');
      needs.push('/event/productType');
      reasons.push(missing('/event/productType'));
    }
    if (!req.holder) {
      parts.push('unknown');
      needs.push('/holder');
      reasons.push(missing('/holder'));
    }
    let leaves: EvaluatedLeaf[] = [];
    if (rule.spec.when) {
      const o = compileCondition(rule.spec.when).evaluate(req);
      parts.push(o.result);
      leaves = o.leaves;
      for (const r of o.reasons) {
        reasons.push(r);
        if (r.field) needs.push(r.field);
      }
    }
    const applies = and3(parts);
    return { rule, applies, leaves, needs, reasons, deadline: applies === false ? undefined : computeDeadline(rule.spec, req, asOf) };
  });
  const applying = assessed.filter((a) => a.applies === true).sort(byDue);
  const maybe = assessed.filter((a) => a.applies === 'unknown').sort(byDue);
  const primary = applying[0];
  const candidates = (xs: Assessed[]): ReportCandidate[] =>
    xs.flatMap((a) => {
      const d = a.deadline!;
      const applies = a.applies as true | 'unknown';
      if (d.alternatives)
        return d.alternatives.map((alt) => ({ rule: a.rule.id, title: a.rule.title, variants: alt.variants, applies, status: alt.status, dueDate: alt.dueDate, needs: [...new Set([...a.needs, ...alt.needs])] }));
      return [{ rule: a.rule.id, title: a.rule.title, applies, status: d.status, dueDate: d.dueDate, needs: [...new Set([...a.needs, ...d.needs])] }];
    });

  if (primary) {
    const d = primary.deadline!;
    const earlier = maybe.filter((m) => m.deadline && couldBeEarlier(m.deadline, d));
    describeRule(answer, views, ctx, primary, req);
    answer.alsoApplies = applying.slice(1).map((a) => a.rule.id);
    answer.conditions = [...applying, ...maybe].flatMap((a) => a.leaves.map((l) => ({ ...l, rule: a.rule.id })));
    if (d.status === 'computed' && !earlier.length) {
      answer.status = 'computed';
      answer.dueDate = d.dueDate;
      if (maybe.length) answer.reasons.push({ code: 'other-kinds-open', message: `other report kinds may also apply (${maybe.map((m) => m.rule.id).join(', ')}); none of them could be due earlier` });
    } else if (d.status === 'promptly' && !earlier.length) {
      answer.status = 'promptly';
    } else {
      answer.status = 'unknown';
      answer.candidates = candidates([primary, ...earlier]);
      answer.earliestDueDate = earliest(answer.candidates);
    }
    answer.needs = [...new Set([...d.needs, ...earlier.flatMap((m) => [...m.needs, ...(m.deadline?.needs ?? [])])])];
    answer.reasons.push(...d.reasons, ...earlier.flatMap((m) => m.reasons));
    return finish(answer);
  }
  if (maybe.length) {
    answer.status = 'unknown';
    answer.candidates = candidates(maybe);
    answer.earliestDueDate = earliest(answer.candidates);
    answer.needs = [...new Set(maybe.flatMap((m) => [...m.needs, ...(m.deadline?.needs ?? [])]))];
    const seen = new Set<string>();
    for (const r of maybe.flatMap((m) => [...m.reasons, ...(m.deadline?.reasons ?? [])])) {
      const k = `${r.code}\u0000${r.field ?? r.message}`;
      if (!seen.has(k)) {
        seen.add(k);
        answer.reasons.push(r);
      }
    }
    answer.reasons.push({ code: 'undecided-kind', message: `the event may fall under ${maybe.map((m) => m.rule.id).join(', ')} or under none of them: the facts in needs decide it` });
    answer.conditions = maybe.flatMap((a) => a.leaves.map((l) => ({ ...l, rule: a.rule.id })));
    answer.citations = uniqueViews(views, maybe.flatMap((m) => [...m.rule.citations, ...m.rule.spec.deadline.wording.citations]));
    if (maybe.length === 1) describeRule(answer, views, ctx, maybe[0], req);
    return finish(answer);
  }
  // every fact known, no report kind lists the event
  answer.status = 'not-required';
  answer.conditions = assessed.flatMap((a) => a.leaves.map((l) => ({ ...l, rule: a.rule.id })));
  answer.reasons.push({
    code: 'not-listed',
    message: `the event falls under none of the report kinds ${assessed.map((a) => a.rule.id).join(', ')}: the ordinance lists no report for it (the Act may still require one; doyaku does not hold the Act)`,
  });
  answer.citations = uniqueViews(views, assessed.flatMap((a) => [...(a.rule.spec.eventClass?.citations ?? a.rule.citations)]));
  return finish(answer);
}

function couldBeEarlier(m: DeadlineResult, d: DeadlineResult): boolean {
  if (d.status !== 'computed' && d.status !== 'promptly') return true;
  if (d.status === 'promptly') return false;
  const dates = m.alternatives ?? [{ status: m.status, dueDate: m.dueDate }];
  return dates.some((x) => x.status === 'promptly' || x.dueDate === null || x.dueDate < d.dueDate!);
}

function earliest(cs: ReportCandidate[]): string | null {
  const ds = cs.map((c) => c.dueDate).filter((x): x is string => !!x);
  return ds.length ? ds.sort()[0] : null;
}

function describeRule(answer: ReportDeadlineAnswer, views: Views, ctx: ReportContext, a: Assessed, req: ReportRequest): void {
  const s = a.rule.spec;
  const d = a.deadline!;
  answer.rule = { id: a.rule.id, title: a.rule.title, group: s.group, basis: s.basis, ...(s.actSource ? { actSource: s.actSource } : {}), source: { file: a.rule.source.file, line: a.rule.source.line } };
  const h = req.holder ? s.holders.find((x) => x.holder === req.holder) : s.holders.length === 1 ? s.holders[0] : undefined;
  answer.holder = h ? { holder: h.holder, named: h.named } : null;
  answer.deadline = d.view;
  answer.steps = d.steps;
  if (d.cycle) answer.cycle = d.cycle;
  answer.wording = [
    ...(s.eventClass ? [{ role: 'event-class' as const, text: s.eventClass.text, citations: views.of(s.eventClass.citations) }] : []),
    { role: 'deadline' as const, text: s.deadline.wording.text, citations: views.of(s.deadline.wording.citations) },
    ...d.variantWording.map((w) => ({ role: 'variant' as const, text: w.text, citations: views.of(w.citations) })),
  ];
  answer.citations = uniqueViews(views, [...a.rule.citations, ...s.deadline.wording.citations, ...(h?.citations ?? []), ...d.variantWording.flatMap((w) => w.citations)]);
  answer.guidance = (s.guidance ?? []).map((id) => {
    const g = ctx.annotations?.get(id);
    const text = g?.text ?? '';
    return { id, label: g?.label ?? id, excerpt: text.length > 200 ? `${text.slice(0, 200)}…` : text };
  });
}

function uniqueViews(views: Views, ids: string[]): CitationView[] {
  return views.of([...new Set(ids)]);
}

/** Completes an answer: an unknown answer's needs include every missing-fact field its reasons name. */
function finish(a: ReportDeadlineAnswer): ReportDeadlineAnswer {
  if (!a.needs.length && a.status === 'unknown') {
    const fromReasons = a.reasons.map((r) => r.field).filter((f): f is string => !!f && a.reasons.some((x) => x.field === f && x.code === 'missing-fact'));
    a.needs = [...new Set(fromReasons)];
  }
  return a;
}

const HOLDERS: ReportHolder[] = ['製造販売業者', '外国特例承認取得者', '選任製造販売業者', '輸出用製造業者', '治験依頼者', '自ら治験を実施した者', '医薬関係者', '販売業者', '製造業者'];

/** kb.reportObligations: every report kind naming this holder (all of them when no holder is given). */
export function reportObligations(ctx: ReportContext, query: { holder?: string; asOf?: string } = {}): ReportObligationsAnswer {
  const problems: InputProblem[] = [];
  if (query === null || typeof query !== 'object' || Array.isArray(query)) throw new InputError('invalid-report-query', [{ field: '', message: 'must be an object { holder?, asOf? }' }], 'report query');
  for (const k of Object.keys(query)) {
    if (k === 'holder' || k === 'asOf') continue;
    const near = nearest(k, ['holder', 'asOf'], 1).filter((n) => editDistance(k, n) <= Math.max(1, Math.floor(n.length / 3)));
    problems.push({ field: `/${k}`, message: `is not a known field${near.length ? ` (did you mean '${near[0]}'?)` : ''}; expected one of holder, asOf` });
  }
  if (query.holder !== undefined && !HOLDERS.includes(query.holder as ReportHolder)) {
    const given = typeof query.holder === 'string' ? query.holder : JSON.stringify(query.holder);
    const near = typeof query.holder === 'string' ? nearest(query.holder, HOLDERS, 1) : [];
    problems.push({ field: '/holder', message: `must be one of ${HOLDERS.join(', ')} (got '${given.length > 64 ? `${given.slice(0, 64)}…` : given}'${near.length ? `; did you mean '${near[0]}'?` : ''})` });
  }
  if (query.asOf !== undefined) {
    if (typeof query.asOf !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(query.asOf)) problems.push({ field: '/asOf', message: `must be a date YYYY-MM-DD, got ${JSON.stringify(query.asOf)}` });
    else if (!parseIsoDate(query.asOf)) problems.push({ field: '/asOf', message: `${query.asOf} is not a calendar date` });
  }
  if (problems.length) throw new InputError('invalid-report-query', problems, 'report query');
  const asOf = ctx.ruleset.checkAsOf(query.asOf ?? today());
  const views = viewsOf(ctx.corpus);
  const holder = (query.holder as ReportHolder | undefined) ?? null;
  const obligations: ReportObligation[] = [];
  for (const r of ctx.ruleset.familyRules<ReportRuleSpec>(FAMILY, asOf))
    for (const h of r.spec.holders) {
      if (holder && h.holder !== holder) continue;
      obligations.push({
        rule: r.id,
        title: r.title,
        group: r.spec.group,
        ...(r.spec.category ? { category: r.spec.category } : {}),
        events: [...r.spec.events],
        productTypes: [...r.spec.productTypes],
        holder: h.holder,
        named: h.named,
        deadline: deadlineText(r.spec),
        deadlineKind: r.spec.deadline.kind,
        basis: r.spec.basis,
        ...(r.spec.actSource ? { actSource: r.spec.actSource } : {}),
        citations: views.of([...new Set([...r.citations, ...r.spec.deadline.wording.citations])]),
      });
    }
  const reasons: Reason[] = [];
  if (holder && !obligations.length)
    reasons.push({ code: 'source-not-available', message: `the ordinance names no safety report for ${holder}; duties the Act (法) may impose on it are not held by doyaku` });
  return { ...envelope(ctx, asOf), holder, obligations, reasons };
}

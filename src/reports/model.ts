/**
 * The safety-report question's types: the rule spec as written in rules/reports/*.yaml
 * (rules/schema/reports.schema.json), the request (rules/schema/report.request.schema.json) and the
 * answer (rules/schema/report.answer.schema.json). See docs/reports.md.
 */
import type { AnswerEnvelope, CitationView, Reason } from '../rules/answer.js';
import type { Condition, EvaluatedLeaf } from '../rules/conditions.js';
import type { Period } from '../rules/dates.js';

export type ReportEventKind =
  | 'adverse-reaction'
  | 'infection'
  | 'research-report'
  | 'foreign-measure'
  | 'recall-start'
  | 'recall-status'
  | 'recall-end'
  | 'periodic-infection-report'
  | 'record-delegation'
  | 'record-delegation-change';

export type ReportProductType = '医薬品' | '医薬部外品' | '医療機器' | '体外診断用医薬品' | '再生医療等製品';

export type ReportHolder = '製造販売業者' | '外国特例承認取得者' | '選任製造販売業者' | '輸出用製造業者' | '治験依頼者' | '自ら治験を実施した者' | '医薬関係者' | '販売業者' | '製造業者';

export type ReportDateFact = 'learnedDate' | 'approvalDate' | 'recallStartDate' | 'recallEndDate' | 'changeDate';

/** A quotation of the ordinance, verbatim, with the nodes it is taken from. */
export interface ReportQuoteSpec {
  text: string;
  citations: string[];
}

export interface ReportDeadlineVariantSpec {
  id: string;
  title: string;
  when: Condition;
  submit?: Period;
  cycleFact?: 'designatedCycle';
  wording: ReportQuoteSpec;
}

export interface ReportDeadlineSpec {
  kind: 'period' | 'promptly' | 'periodic' | 'not-stated';
  period?: Period;
  start?: { fact: ReportDateFact; event: string };
  countFirstDay?: boolean;
  cycle?: Period;
  submit?: Period;
  wording: ReportQuoteSpec;
  variants?: ReportDeadlineVariantSpec[];
  reason?: { code: string; message: string };
}

/** One report kind, as written in its rule file (FamilyRule.spec). */
export interface ReportRuleSpec {
  id: string;
  title: string;
  citations: string[];
  group: string;
  category?: 'case' | 'research' | 'recall' | 'periodic' | 'notification' | 'not-listed';
  basis: 'ordinance' | 'guidance' | 'act' | 'curated';
  actSource?: string;
  guidance?: string[];
  events: ReportEventKind[];
  productTypes: ReportProductType[];
  holders: { holder: ReportHolder; named: string; citations: string[] }[];
  eventClass?: ReportQuoteSpec;
  when?: Condition;
  deadline: ReportDeadlineSpec;
  notes?: string;
  provenance?: { curated: boolean; reasoning: string; source?: string };
}

/** kb.reportDeadline's input (rules/schema/report.request.schema.json). */
export interface ReportRequest {
  event: {
    kind: ReportEventKind;
    productType?: ReportProductType;
    outcome?: 'death' | 'death-risk' | 'illness';
    suspectProduct?: 'this' | 'foreign-identical' | 'other';
    predictable?: boolean;
    minor?: boolean;
    malfunctionSuspected?: boolean;
    researchShows?: ('serious-risk' | 'trend-change' | 'lack-of-efficacy' | 'harmful-effect' | 'other')[];
    recallCircumstance?: 'change' | 'minor-change' | 'unforeseen-harm' | 'minister-request' | 'none';
    biological?: boolean;
    changedItem?: 'parties' | 'responsible-person' | 'product';
    description?: string;
  };
  holder?: ReportHolder;
  facts?: {
    learnedDate?: string;
    approvalDate?: string;
    recallStartDate?: string;
    recallEndDate?: string;
    changeDate?: string;
    referenceDate?: string;
    periodNumber?: number;
    ministerDesignated?: boolean;
    designatedCycle?: Period;
    translationNeeded?: boolean;
  };
  asOf?: string;
}

/**
 * computed: `dueDate` is the last day (inclusive) the report may be made; promptly: 「速やかに」, no
 * date can be computed; not-required: every fact needed is known and no report kind of the ordinance
 * lists the event (for that holder and product type); unknown: a fact is missing, the text leaves it
 * open, or it lies in the Act (see `needs`, `reasons`, `candidates`).
 */
export type ReportStatus = 'computed' | 'promptly' | 'not-required' | 'unknown';

/** One step of the computation (the Civil Code steps of src/rules/dates.ts, and the cycle steps of periodic reports). */
export interface ReportStep {
  step: string;
  date: string;
  text: string;
}

export interface ReportDeadlineView {
  kind: ReportDeadlineSpec['kind'];
  period?: Period;
  cycle?: Period;
  submit?: Period;
  start?: { fact: ReportDateFact; event: string; date: string | null };
  countFirstDay?: boolean;
  /** 初日不算入（民法第140条本文） or 初日算入（「起算して」） */
  firstDay?: string;
  /** variant ids applied (periodic reports) */
  variants: string[];
}

/** A report kind that may apply (or the alternative computations of one), when the answer is unknown. */
export interface ReportCandidate {
  rule: string;
  title: string;
  /** the variants assumed, for a periodic report */
  variants?: string[];
  /** does the event fall under it: true, or unknown (missing facts) */
  applies: true | 'unknown';
  status: Exclude<ReportStatus, 'not-required'>;
  dueDate: string | null;
  needs: string[];
}

export interface ReportDeadlineAnswer extends AnswerEnvelope {
  status: ReportStatus;
  /** the last day (inclusive, ISO) the report may be made; null unless status is computed */
  dueDate: string | null;
  /** the earliest due date among the candidates, when status is unknown (plan for it) */
  earliestDueDate?: string | null;
  rule: { id: string; title: string; group: string; basis: ReportRuleSpec['basis']; actSource?: string; source: { file: string; line: number } } | null;
  /** the reporter as the ordinance names it */
  holder: { holder: ReportHolder; named: string } | null;
  deadline: ReportDeadlineView | null;
  /** periodic reports: the cycle the report is for */
  cycle?: { number: number; from: string; end: string };
  steps: ReportStep[];
  /** the ordinance's words: the event class and the deadline, verbatim */
  wording: { role: 'event-class' | 'deadline' | 'variant'; text: string; citations: CitationView[] }[];
  /** every condition evaluated for the rule applied (or for each candidate) */
  conditions: (EvaluatedLeaf & { rule: string })[];
  citations: CitationView[];
  /** other report kinds the same event also falls under (same or later due date) */
  alsoApplies: string[];
  candidates: ReportCandidate[];
  /** JSON pointers of the request fields that would settle an unknown answer */
  needs: string[];
  reasons: Reason[];
  /** MAFF guidance paragraphs bearing on the kind */
  guidance: { id: string; label: string; excerpt: string }[];
  /** the event as asked */
  event: ReportRequest['event'];
}

/** One entry of kb.reportObligations. */
export interface ReportObligation {
  rule: string;
  title: string;
  group: string;
  category?: ReportRuleSpec['category'];
  events: ReportEventKind[];
  productTypes: ReportProductType[];
  holder: ReportHolder;
  named: string;
  /** the deadline in words, e.g. 前項に規定する事項を知った日から30日以内（初日不算入） */
  deadline: string;
  deadlineKind: ReportDeadlineSpec['kind'];
  basis: ReportRuleSpec['basis'];
  actSource?: string;
  citations: CitationView[];
}

export interface ReportObligationsAnswer extends AnswerEnvelope {
  holder: ReportHolder | null;
  obligations: ReportObligation[];
  reasons: Reason[];
}

/**
 * The record-retention model: a rule as written in rules/retention/*.yaml (`RetentionSpec`), the
 * request and answer of `kb.retention`, and the obligations listing of `kb.retentionObligations`.
 * See docs/retention.md.
 */
import type { AnswerEnvelope, CitationView, ConditionResult, Reason } from '../rules/answer.js';
import type { Condition } from '../rules/conditions.js';
import type { Period } from '../rules/dates.js';

/** The facts (request fields) that hold event dates. */
export type RetentionEvent =
  | 'recordDate'
  | 'lastEntryDate'
  | 'reportDate'
  | 'approvalDate'
  | 'reexaminationEndDate'
  | 'reevaluationEndDate'
  | 'evaluationEndDate'
  | 'decisionDate'
  | 'expiryDate'
  | 'lastUsedDate'
  | 'returnedDate'
  | 'reapprovalDate';

export const retentionEvents: readonly RetentionEvent[] = [
  'recordDate',
  'lastEntryDate',
  'reportDate',
  'approvalDate',
  'reexaminationEndDate',
  'reevaluationEndDate',
  'evaluationEndDate',
  'decisionDate',
  'expiryDate',
  'lastUsedDate',
  'returnedDate',
  'reapprovalDate',
];

export type RetentionKind = 'mandatory' | 'effort' | 'no-period' | 'until-event' | 'act-period';

export interface PeriodKeep {
  type: 'period';
  start: {
    event: RetentionEvent;
    text: string;
    /** another start the text gives for a case (e.g. 条件及び期限付承認): used when `when` holds; an unknown `when` → unknown + needs */
    instead?: { id: string; title: string; when: Condition; event: RetentionEvent; text: string };
  };
  period: Period;
  /** 「…から起算して」: the first day counts (民法第140条ただし書) */
  countFirstDay: boolean;
  /** 「有効期間にN年を加算した期間」: the product's validity (fact validityPeriod) plus `period` */
  addValidity?: boolean;
  /** earlierOf only: applies when its event date is given */
  optional?: boolean;
  text?: string;
}
export interface UntilKeep {
  type: 'until';
  event: RetentionEvent;
  text: string;
}
export type ComputableKeep = PeriodKeep | UntilKeep;
export type Keep =
  | ComputableKeep
  | { type: 'open'; reason: 'start-not-stated' | 'length-not-stated'; text: string; candidates: { id: string; text: string; keep: ComputableKeep }[] }
  | { type: 'designated'; text: string }
  | { type: 'none'; text: string }
  | { type: 'act'; article: string; text: string };

export interface RetentionVariant {
  id: string;
  title: string;
  when: Condition;
  keep?: Keep;
  laterOf?: ComputableKeep;
  earlierOf?: ComputableKeep;
  wording: string;
  citations: string[];
  notes?: string;
}

/** A retention rule as written (FamilyRule.spec). */
export interface RetentionSpec {
  id: string;
  title: string;
  citations: string[];
  holders: string[];
  /** the nodes that name the holder where the cited duty does not (第26条第4項 「第23条第1項の承認の申請者」 …) */
  holderSource?: { citations: string[] };
  licenses: string[];
  record: string;
  scope: string;
  kind: RetentionKind;
  keep: Keep;
  wording: string;
  proviso?: string;
  variants?: RetentionVariant[];
  via?: { provision: string; original: string; citations: string[]; readAs?: string };
  notFor?: { license: string; reason: string; citations: string[] }[];
  /** listed by licence, binds only the holders for whom `when` holds (第147条第3項第2号: 特定保守管理医療機器の修理業者, 第148条) */
  onlyIf?: { when: Condition; text: string; reason: string; citations: string[] };
  basis: 'ordinance' | 'guidance' | 'act' | 'curated';
  act?: { article: string; note: string };
  provenance?: { curated: boolean; reasoning: string; source?: string };
  notes?: string;
}

/** The facts of a retention request (rules/schema/retention.request.schema.json). */
export interface RetentionFacts extends Partial<Record<RetentionEvent, string>> {
  /** the product's validity period (有効期間), for 「有効期間にN年を加算した期間」 read from the record's date */
  validityPeriod?: Period;
  hasExpiry?: boolean;
  reexaminationRequired?: boolean;
  evaluationDesignated?: boolean;
  specifiedMaintenanceDevice?: boolean;
  ministerDesignated?: boolean;
  /** the 再生医療等製品's approval is a 条件及び期限付承認 (法第23条の26) — then 第91条の126第1号 runs from reapprovalDate */
  conditionalApproval?: boolean;
}

export interface RetentionRequest {
  /** a provision in any notation the corpus accepts (第104条第3項, 第百四条第三項, A104-P3) */
  article?: string;
  /** a rule id (retention.A104-P3) */
  rule?: string;
  /** picks one obligation where a provision holds several (exact holder as the ordinance names it, or part of it) */
  holder?: string;
  /** picks one obligation by (part of) the record's description */
  record?: string;
  facts?: RetentionFacts;
  /**
   * where the text leaves the start open (status unknown with candidates), compute with this
   * candidate's reading (e.g. 'from-expiry', 'from-record'); the answer says the request chose it
   */
  reading?: string;
  asOf?: string;
}

export type RetentionStatus = 'computed' | 'unknown' | 'no-period' | 'until-event';

export interface RetentionStep {
  step: 'start-event' | 'first-day' | 'corresponding-day' | 'no-corresponding-day' | 'end' | 'until' | 'variant' | 'later-of' | 'earlier-of' | 'validity' | 'reading';
  date?: string;
  text: string;
}

export interface RetentionCandidate {
  id: string;
  text: string;
  keepUntil: string | null;
  steps: RetentionStep[];
  needs?: string[];
}

export interface RetentionRuleView {
  id: string;
  title: string;
  /** the provision at item level, as the ordinance would cite it (第48条第1項第2号; …において準用する…) */
  provision: string;
  holders: string[];
  /** the nodes that name the holder where the duty's own text does not */
  holderSource?: { citations: CitationView[] };
  record: string;
  scope: string;
  basis: RetentionSpec['basis'];
  source: { file: string; line: number };
  via?: RetentionSpec['via'];
  proviso?: string;
  provenance?: RetentionSpec['provenance'];
}

export interface RetentionAnswer extends AnswerEnvelope {
  /** the last day the record must still be kept (inclusive), or null when not computed */
  keepUntil: string | null;
  status: RetentionStatus;
  kind: RetentionKind;
  rule: RetentionRuleView;
  /** the variant applied (its id), 'default', or null when undecided */
  variant: string | null;
  steps: RetentionStep[];
  /** the provision's words for the period, verbatim */
  wording: string[];
  citations: CitationView[];
  /** the variants' conditions as evaluated */
  conditions: ConditionResult[];
  /** facts that would let the answer be computed (field names of /facts) */
  needs?: string[];
  reasons: Reason[];
  /** readings of an open text, or the outcomes an undecided variant would give */
  candidates?: RetentionCandidate[];
}

/** Facts about the business that decide obligations binding only some holders of a licence. */
export interface ObligationsFacts {
  /** 医療機器修理業: repairs 特定保守管理医療機器 (第147条); false: a repairer of other devices only (第148条) */
  specifiedMaintenanceRepairer?: boolean;
}

export interface ObligationsRequest {
  holder?: string;
  license?: string;
  facts?: ObligationsFacts;
  asOf?: string;
}

export interface ObligationView {
  rule: string;
  title: string;
  holders: string[];
  record: string;
  scope: string;
  kind: RetentionKind;
  /** the period in short (Japanese), e.g. 最終の記載の日から2年 */
  period: string;
  wording: string;
  variants: { id: string; title: string; period: string }[];
  provision: string;
  citations: CitationView[];
  via?: { provision: string; label: string; original: string; originalLabel: string };
  /** binds only some holders of the licence, and the request's facts do not say whether this business is one */
  onlyIf?: { text: string; field: string; citations: CitationView[] };
}

export interface ObligationsAnswer extends AnswerEnvelope {
  query: { holder?: string; license?: string; facts?: ObligationsFacts };
  count: number;
  obligations: ObligationView[];
  /** facts (field names of /facts) that would decide the obligations listed with onlyIf */
  needs?: string[];
  /** provisions that expressly leave this licence out */
  excluded: { rule: string; reason: string; citations: CitationView[] }[];
}

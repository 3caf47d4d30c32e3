/**
 * The labeling question's model: what a label request holds and what the answer gives (required items,
 * missing ones, what may be left off, what may be written instead, 使用の期限). Shared answer parts
 * live in ../rules/answer.ts. JSON Schemas: rules/schema/label.request.schema.json and
 * rules/schema/label.answer.schema.json. See docs/labels.md.
 */
import type { AnswerEnvelope, CitationView, Reason, Tri } from '../rules/answer.js';
import type { Condition, EvaluatedLeaf } from '../rules/conditions.js';
import type { Period, PeriodStep } from '../rules/dates.js';

export type { CitationView, Reason, Tri } from '../rules/answer.js';

/** 直接の容器・被包 | 外部の容器・被包 | 添付文書等 */
export type LabelContainer = 'immediate' | 'outer' | 'insert';
export type LabelProductType = '医薬品' | '医薬部外品' | '医療機器' | '再生医療等製品';

/** The product as a label request describes it (rules/schema/label.request.schema.json#/definitions/product). */
export interface LabelProduct {
  /** 医薬品 | 体外診断用医薬品 | 医薬部外品 | 医療機器 | 再生医療等製品 (or drug, in-vitro-diagnostic, quasi-drug, device, regenerative) */
  type: string;
  name?: string;
  /** a known classification, instead of classifying `facts` */
  classification?: { yoshiji?: 'required' | 'not_required' | 'unknown'; poison?: '毒薬' | '劇薬' | 'none' | 'unknown'; designated?: boolean | 'unknown' | 'designated' | 'not_designated' };
  /** classification facts (rules/schema/product.schema.json), classified for 要指示 / 毒劇 / 指定 */
  facts?: Record<string, unknown>;
  ingredients?: string[];
  shelfLife?: Period;
  manufactureDate?: string;
  testCompletionDate?: string;
  expiryDirected?: string;
  [flag: string]: unknown;
}

export interface LabelPackage {
  sizeMl?: number;
  printedDirectly?: boolean;
  spaceInsufficient?: boolean;
  outerCarriesAll?: boolean;
  outerStatesIvd?: boolean;
  immediateExemptionRelied?: boolean;
  countable?: boolean;
  count?: number;
  countVisible?: boolean;
  surfaceTooSmall?: boolean;
  act63p2Difficult?: boolean;
}

export interface InsertChange {
  changeDate?: string;
  marketedBeforeChange?: boolean;
  marketingDate?: string;
  postedOnWebsite?: boolean;
  notified?: boolean;
  manyProducts?: boolean;
  cannotPromptlyMarket?: boolean;
}

/** What a label carries: an item id, a printed text, or `{ id?, text?, notApplicable? }`. */
export type CarriedItem = string | { id?: string; text?: string; notApplicable?: boolean };

export interface LabelRequest {
  product: LabelProduct;
  container: LabelContainer;
  items?: CarriedItem[];
  package?: LabelPackage;
  insertChange?: InsertChange;
  /** the 使用の期限 printed on the label (YYYY-MM-DD or YYYY-MM) */
  statedExpiry?: string;
  asOf?: string;
}

/** A labeling rule as written in rules/labeling/*.yaml (rules/schema/labeling.schema.json). */
export interface LabelSpec {
  id: string;
  title: string;
  citations: string[];
  kind: 'item' | 'mirror' | 'exemption' | 'substitution' | 'rewording' | 'obligation' | 'expiry';
  products: LabelProductType[];
  containers?: LabelContainer[];
  basis?: 'ordinance' | 'guidance' | 'act' | 'curated';
  act?: string;
  when?: Condition;
  conditionsText?: string[];
  requiredUnknownReason?: string;
  item?: { id: string; text: string; contentKnown?: boolean; literals?: string[]; quotedBy?: string[] };
  target?: string;
  omits?: string[];
  omitsAll?: boolean;
  instead?: string;
  substitutes?: { text: string; literals?: string[] }[];
  newText?: string;
  from?: LabelContainer;
  severity?: 'obligation' | 'info' | 'warning';
  message?: string;
  deadline?: {
    from: string;
    period: Period;
    countFirstDay: boolean;
    longer?: { period: Period; when: Condition; text?: string };
    compare?: string;
    fact: string;
    text?: string;
  };
  listedIn?: string;
  expiry?: { states?: '使用の期限' | '有効期間' | 'directed'; item?: string; start?: 'month-after-manufacture' | 'month-after-test'; countFirstDay?: boolean };
  provenance?: { curated: boolean; reasoning: string; source?: string };
  /** MAFF guidance paragraphs (data/annotations) the rule rests on */
  guidance?: string[];
  notes?: string;
}

/** How a required item stands on the label checked. */
export type ItemStatus = 'present' | 'substituted' | 'omissible' | 'missing' | 'unknown' | 'not-applicable' | 'required';

export interface RequiredItem {
  item: string;
  /** the wording the label must carry (after any 読み替え) */
  text: string;
  rule: string;
  title: string;
  basis: string;
  /** the Act article that holds it, where it is an Act item */
  act?: string;
  /** false: an Act item whose content this ordinance does not quote (the Act is not held) */
  contentKnown: boolean;
  /** true: required; 'unknown': depends on a missing fact or on the Act */
  required: Tri;
  conditionsText?: string[];
  conditions: EvaluatedLeaf[];
  reasons: Reason[];
  /** where the requirement comes from a mirror rule (外部の容器 must carry the immediate container's items) */
  via?: string;
  rewordedBy?: string;
  status: ItemStatus;
  /** what on the label counted as this item */
  carriedAs?: string;
  citations: CitationView[];
  /** the MAFF guidance paragraphs it rests on (basis guidance) */
  guidance?: CitationView[];
  provenance?: { curated: boolean; reasoning: string };
}

export interface Omission {
  rule: string;
  title: string;
  /** true: the exemption applies; 'unknown': it would if the missing facts held */
  applies: Tri;
  items: string[];
  allItems?: boolean;
  instead?: string;
  conditionsText: string[];
  conditions: EvaluatedLeaf[];
  reasons: Reason[];
  /** for a period-bound exemption: its computation (民法第140〜143条) */
  period?: { from: string; end: string; text: string; steps: PeriodStep[]; compared?: string; within?: boolean };
  citations: CitationView[];
}

export interface Substitution {
  rule: string;
  title: string;
  item: string;
  applies: Tri;
  texts: string[];
  conditionsText: string[];
  conditions: EvaluatedLeaf[];
  reasons: Reason[];
  citations: CitationView[];
  provenance?: { curated: boolean; reasoning: string };
}

export interface Rewording {
  rule: string;
  item: string;
  applies: Tri;
  newText: string;
  citations: CitationView[];
}

export interface LabelFinding {
  ruleId: string;
  kind: 'violation' | 'obligation' | 'warning' | 'info' | 'unknown';
  code: string;
  /** Japanese, with an English gloss */
  message: string;
  item?: string;
  citations: CitationView[];
}

export interface LabelClassification {
  source: 'request' | 'classify' | 'none' | 'not-applicable';
  yoshiji: 'required' | 'not_required' | 'unknown';
  poison: '毒薬' | '劇薬' | 'none' | 'unknown';
  designated: 'designated' | 'not_designated' | 'unknown';
  reasons: Reason[];
}

export interface ExpiryAnswer extends AnswerEnvelope {
  product: { type: LabelProductType; ivd: boolean; name?: string };
  /** must the label state one: true, false, or unknown */
  required: Tri;
  /** what it states: 使用の期限, or 有効期間 (where the 製剤基準 has it so), or a date the 所長 directed */
  states?: '使用の期限' | '有効期間' | 'directed';
  item?: string;
  rule?: string;
  conditions: EvaluatedLeaf[];
  reasons: Reason[];
  /** the 使用の期限 computed from the 製造完了の日 (第170条第2項) */
  computed?: { expiry: string; start: string; startEvent: 'manufacture' | 'test-completion'; period: Period; steps: (PeriodStep | { step: string; date: string; text: string })[]; rule: string };
  /** the same from the 検定終了の日 (第170条第2項ただし書), when given */
  alternative?: { expiry: string; start: string; startEvent: 'manufacture' | 'test-completion'; period: Period; steps: (PeriodStep | { step: string; date: string; text: string })[]; rule: string };
  directed?: string;
  stated?: string;
  findings: LabelFinding[];
  needs: string[];
  citations: CitationView[];
}

export interface LabelRequirements extends AnswerEnvelope {
  product: { type: LabelProductType; ivd: boolean; name?: string };
  container: LabelContainer;
  classification: LabelClassification;
  required: RequiredItem[];
  notRequired: { item: string; text: string; rule: string; conditions: EvaluatedLeaf[] }[];
  omissible: Omission[];
  substitutes: Substitution[];
  rewordings: Rewording[];
  findings: LabelFinding[];
  needs: string[];
  citations: CitationView[];
}

export interface LabelCheck extends LabelRequirements {
  /** complete: nothing missing and nothing unknown; incomplete: something is missing; unknown: nothing is surely missing but something could not be decided */
  status: 'complete' | 'incomplete' | 'unknown';
  missing: RequiredItem[];
  unknown: RequiredItem[];
  expiry?: ExpiryAnswer;
}

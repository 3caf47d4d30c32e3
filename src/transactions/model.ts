/**
 * The transaction question's model: the transaction a caller checks (JSON Schema:
 * rules/schema/transaction.request.schema.json) and the answer (rules/schema/transaction.answer.schema.json).
 */
import type { RecordDeadline } from '../licenses/records.js';
import type { AnswerEnvelope, CitationView, Reason } from '../rules/answer.js';
import type { Condition } from '../rules/conditions.js';
import type { Period } from '../rules/dates.js';

export type BuyerKind =
  | '薬局開設者'
  | '製造販売業者'
  | '製造業者'
  | '店舗販売業者'
  | '特例店舗販売業者'
  | '配置販売業者'
  | '卸売販売業者'
  | '再生医療等製品販売業者'
  | '高度管理医療機器等販売業者'
  | '管理医療機器販売業者'
  | '医療機器修理業者'
  | '病院診療所開設者'
  | '飼育動物診療施設開設者'
  | '獣医師'
  | '医師'
  | '歯科医師'
  | '薬剤師'
  | '国・地方公共団体'
  | '研究施設・教育機関'
  | '医薬部外品等製造業者'
  | '再生医療等製品製造業者'
  | '知事認定者'
  | '飼育者'
  | '一般消費者';

export type TransactionDocument = '処方箋' | '獣医師の指示' | '譲受人の文書';

/** A transaction to check. JSON Schema: rules/schema/transaction.request.schema.json. */
export interface Transaction {
  id?: string;
  type?: 'sale' | 'transfer' | 'purchase';
  date?: string;
  seller: {
    license: string;
    designatedItems?: string[];
    manager?: '薬剤師' | '登録販売者' | 'その他';
    handledBy?: '薬剤師' | '薬剤師の管理指導下の従事者' | '登録販売者' | '登録販売者の管理指導下の従事者' | 'その他';
  };
  buyer: { kind: BuyerKind; name?: string; address?: string; occupation?: string; age?: number; identityCertificate?: boolean; regularCustomer?: boolean };
  product: {
    name?: string;
    category?: '医薬品' | '医薬部外品' | '医療機器' | '体外診断用医薬品' | '再生医療等製品';
    classification?: { yoshiji?: 'required' | 'not_required' | 'unknown'; poison?: '毒薬' | '劇薬' | 'none' | 'unknown'; designated?: 'designated' | 'not_designated' | 'unknown' | boolean };
    ingredients?: { name: string; content?: unknown; contents?: unknown[] }[];
    dosageForm?: string;
    applicationSite?: string;
    species?: string[];
    isPreparation?: boolean;
    purpose?: string;
    expiryDate?: string;
    specifiedMaintenance?: boolean;
  };
  quantity?: { value: number; unit?: string };
  documents?: TransactionDocument[];
  purpose?: string;
  veterinarian?: { name?: string; address?: string; facility?: string };
  animals?: { species?: string; count?: number };
}

export interface TransactionOptions {
  /** ISO date the law is applied as of; default: the transaction's date, else today */
  asOf?: string;
  /**
   * `fast` (default): compiled conditions; `json-rules-engine`: every condition run by
   * json-rules-engine (the reference semantics, slower; the answers are identical — tested).
   */
  engine?: 'fast' | 'json-rules-engine';
  /** `full` (default): every finding with its message, citations and facts used; `summary`: the projection of ./summary.ts (bulk) */
  explain?: 'full' | 'summary';
}

export type FindingKind = 'violation' | 'obligation' | 'warning' | 'info';

export interface FactUsed {
  fact: string;
  value: unknown;
  /** the input field (JSON pointer) the fact comes from */
  field: string;
}

export interface Finding {
  ruleId: string;
  kind: FindingKind;
  title: string;
  message: { ja: string; en: string };
  citations: CitationView[];
  factsUsed: FactUsed[];
  basis: 'ordinance' | 'guidance' | 'act' | 'curated';
  act?: string;
  guidance?: string[];
}

export interface RecordItem {
  text: string;
  field?: string;
  /** the value the transaction supplies for it, when it does */
  value?: unknown;
  citations: CitationView[];
}

export interface RecordObligation {
  /** the transaction rule that obliges it */
  rule: string;
  record: string;
  holder: string;
  party: 'seller' | 'buyer';
  duty: 'mandatory' | 'effort' | 'no-period';
  items: RecordItem[];
  /** last day to keep it (inclusive), null when the period is unknown or there is none */
  keepUntil: string | null;
  deadline: RecordDeadline;
  period?: Period;
  act?: string;
  citations: CitationView[];
}

/** A rule that could not be decided: which facts would decide it. */
export interface Undetermined {
  ruleId: string;
  kind: FindingKind;
  needs: string[];
}

export interface TransactionAnswer extends AnswerEnvelope {
  id?: string;
  /** false: a violation; 'unknown': no violation, but a violation or obligation rule could not be decided (see needs); true: none */
  ok: boolean | 'unknown';
  findings: Finding[];
  /** input fields (JSON pointers) that would decide the undetermined rules */
  needs?: string[];
  undetermined?: Undetermined[];
  records?: RecordObligation[];
  /** the facts derived from the input that the rules read */
  seller: { license: string; name: string };
  product: {
    category: string;
    yoshiji?: string;
    poison?: string;
    designated?: string;
    /** given (input classification), classified (kb.classify), fixed (not a 医薬品), or absent */
    source: 'given' | 'classified' | 'fixed' | 'mixed' | 'absent';
    reasons?: Reason[];
  };
}

/** A transaction rule as written (the `spec` of its FamilyRule). */
export interface TransactionRuleSpec {
  id: string;
  title: string;
  citations: string[];
  kind: FindingKind;
  message: { ja: string; en: string };
  when: Condition;
  basis?: Finding['basis'];
  act?: string;
  guidance?: string[];
  records?: {
    record: string;
    holder: string;
    party?: 'seller' | 'buyer';
    holderFromBuyer?: boolean;
    holderFromSeller?: boolean;
    article: string;
    items?: { text: string; field?: string; citations: string[]; act?: string }[];
    period?: Period;
    start?: string;
    countFirstDay?: boolean;
    duty?: 'mandatory' | 'effort' | 'no-period';
    variants?: { when: Condition; period: Period; text?: string }[];
    citations: string[];
    act?: string;
  }[];
}

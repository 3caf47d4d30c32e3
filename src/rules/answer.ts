/**
 * The answer model shared by every question asked of the engine (classify, retention, licenses,
 * transactions, labels, reports): citations with excerpts, reasons, evaluated conditions, the
 * three-valued outcome, and the envelope every answer carries (ruleset version, content hash, asOf).
 */

/** Three-valued outcome: true, false, or unknown (a fact is missing or not comparable). */
export type Tri = true | false | 'unknown';

/** A citation with the text it points to. */
export interface CitationView {
  id: string;
  label: string;
  excerpt: string;
}

/** One condition as evaluated. */
export interface ConditionResult {
  /** which part of the rule: `when` (the rule's own conditions) or an exception id (`<rule>#<id>`) */
  part?: string;
  fact: string;
  operator: string;
  value: unknown;
  factValue: unknown;
  result: boolean | 'unknown';
}

export interface Reason {
  /** machine code, e.g. `unknown-ingredient`, `missing-fact`, `source-not-available`, `species-out-of-scope` */
  code: string;
  message: string;
  /** field path (for missing-fact), e.g. `/applicationSite` */
  field?: string;
  suggestions?: string[];
}

/** What every answer carries, whatever the question. */
export interface AnswerEnvelope {
  rulesetVersion: string;
  contentHash: string;
  /** the date the law was applied as of (YYYY-MM-DD) */
  asOf: string;
  /** e.g. that the encoded text is current to 平成31年3月29日 and later amendments are not encoded */
  caveats: string[];
}

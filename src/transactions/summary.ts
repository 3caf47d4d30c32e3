/**
 * The summary answer (`explain: 'summary'`): for bulk callers who store the verdict and look the
 * explanation up when needed. It is a projection of the full answer — the same ok, needs,
 * undetermined, product and envelope; each finding as its rule id, kind and cited node ids; each
 * record as its rule, keeper and deadline — so it never says anything the full answer does not.
 * Schema: rules/schema/transaction-summary.answer.schema.json.
 */
import type { Finding, RecordObligation, TransactionAnswer } from './model.js';

export interface SummaryFinding {
  ruleId: string;
  kind: Finding['kind'];
  /** corpus node ids (the full answer has their labels and excerpts) */
  citations: string[];
}

export interface SummaryRecord {
  rule: string;
  record: string;
  holder: string;
  party: RecordObligation['party'];
  duty: RecordObligation['duty'];
  keepUntil: string | null;
  /** retention rule that computed the deadline, when the retention question did */
  retentionRule?: string;
}

export interface TransactionSummary extends Omit<TransactionAnswer, 'findings' | 'records'> {
  explain: 'summary';
  findings: SummaryFinding[];
  records?: SummaryRecord[];
}

const findings = new WeakMap<Finding, SummaryFinding>();
function summaryFinding(f: Finding): SummaryFinding {
  let s = findings.get(f);
  if (!s) {
    s = { ruleId: f.ruleId, kind: f.kind, citations: f.citations.map((c) => c.id) };
    if (Object.isFrozen(f)) {
      Object.freeze(s.citations);
      Object.freeze(s);
      findings.set(f, s);
    }
  }
  return s;
}

/** The summary of a full answer. */
export function summarize(a: TransactionAnswer): TransactionSummary {
  const { findings: fs, records, ...rest } = a;
  const out: TransactionSummary = { explain: 'summary', ...rest, findings: fs.map(summaryFinding) };
  if (records)
    out.records = records.map((r) => {
      const s: SummaryRecord = { rule: r.rule, record: r.record, holder: r.holder, party: r.party, duty: r.duty, keepUntil: r.keepUntil };
      if (r.deadline.retentionRule) s.retentionRule = r.deadline.retentionRule;
      return s;
    });
  return out;
}

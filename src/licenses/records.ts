/**
 * Retention deadlines for the records a license keeps or a transaction obliges.
 *
 * The record-retention question (src/retention/, `kb.retention(...)`) owns the deadlines. This
 * module is the one place licenses and transactions ask it, through {@link RetentionPort}:
 * - when the knowledge base has `kb.retention`, its answer is used (`source: 'retention'`);
 * - a period of the Act (法) is recorded once, in the retention rules (basis: act, curated
 *   provenance), and answered by kb.retention; transaction rules do not repeat it;
 * - until then (or when it cannot answer the request), the period written in the license /
 *   transaction rule itself is computed with the Civil Code arithmetic of src/rules/dates.ts
 *   (`source: 'rule'`); a period that sits only in the Act and is not recorded there is
 *   `unknown` with reason `source-not-available`.
 */
import type { Reason } from '../rules/answer.js';
import { civilPeriodEnd, type Period, type PeriodStep } from '../rules/dates.js';

/** What a record obligation says about its keeping period (from a license or transaction rule). */
export interface RecordPeriodSpec {
  /** corpus node id of the keeping provision (e.g. A104_2-P1), or the Act provision when only the Act holds it */
  article: string;
  /** holder as the ordinance names it (picks one obligation where a provision holds several) */
  holder?: string;
  /** the record as the ordinance names it */
  record?: string;
  period?: Period;
  /** start event: 記載の日 | 最終の記載の日 | 譲渡の日 | 作成の日 … */
  start?: string;
  /** 「…から起算して」: the first day is counted */
  countFirstDay?: boolean;
  duty?: 'mandatory' | 'effort' | 'no-period';
  /** the Act provision the period rests on, when it is the Act's (法第46条第4項 …) */
  act?: string;
}

export interface RecordDeadline {
  /** last day the record must still be kept (inclusive, ISO), or null when unknown / no period */
  keepUntil: string | null;
  status: 'known' | 'unknown' | 'no-period';
  period?: Period;
  start?: { event: string; date: string };
  steps?: PeriodStep[] | unknown[];
  /** which code answered: the retention question, or the period written in this rule */
  source: 'retention' | 'rule';
  /** the retention rule used, when the retention question answered */
  retentionRule?: string;
  reasons?: Reason[];
  needs?: string[];
}

/** The facts a deadline depends on. */
export interface RecordFacts {
  /** the day the record is written (the transaction date) */
  date?: string;
  /** 特定保守管理医療機器 (longer periods) */
  specifiedMaintenance?: boolean;
}

/** The interface the retention question is asked through. */
export interface RetentionPort {
  deadline(spec: RecordPeriodSpec, facts: RecordFacts, asOf: string): RecordDeadline | Promise<RecordDeadline>;
}

/** Computes a deadline from the rule's own period (the fallback). */
export function ruleDeadline(spec: RecordPeriodSpec, facts: RecordFacts): RecordDeadline {
  if (spec.duty === 'no-period' || spec.duty === 'effort') return { keepUntil: null, status: 'no-period', source: 'rule' };
  if (!spec.period) {
    return {
      keepUntil: null,
      status: 'unknown',
      source: 'rule',
      reasons: [{ code: 'source-not-available', message: `the keeping period of ${spec.record ?? spec.article} is not in this rule${spec.act ? ` (it is in ${spec.act})` : ''}` }],
    };
  }
  if (!facts.date) return { keepUntil: null, status: 'unknown', period: spec.period, source: 'rule', needs: ['/date'], reasons: [{ code: 'missing-fact', field: '/date', message: 'needs /date (the day of the transaction: the record is written that day)' }] };
  const r = civilPeriodEnd(facts.date, spec.period, { countFirstDay: spec.countFirstDay });
  return { keepUntil: r.end, status: 'known', period: spec.period, start: { event: spec.start ?? '記載の日', date: facts.date }, steps: r.steps, source: 'rule' };
}

type RetentionFn = (q: Record<string, unknown>) => unknown;

/**
 * The port over a knowledge base: `kb.retention` when it exists (duck-typed, so this module does
 * not depend on the retention code), else {@link ruleDeadline}. Answers are memoised per
 * (provision, holder, record, date, asOf): a nightly batch repeats the same few dates.
 */
export function retentionPort(kb: object): RetentionPort {
  const memo = new Map<string, RecordDeadline | Promise<RecordDeadline>>();
  const fn = (kb as { retention?: unknown }).retention;
  const retention: RetentionFn | undefined = typeof fn === 'function' ? (fn as RetentionFn).bind(kb) : undefined;
  return {
    deadline(spec, facts, asOf) {
      const key = `${spec.article}\u0000${spec.holder ?? ''}\u0000${spec.record ?? ''}\u0000${facts.date ?? ''}\u0000${facts.specifiedMaintenance ?? ''}\u0000${spec.period ? `${spec.period.years ?? ''}y${spec.period.months ?? ''}m${spec.period.days ?? ''}d` : ''}\u0000${asOf}`;
      let hit = memo.get(key);
      if (hit === undefined) {
        hit = ask(retention, spec, facts, asOf);
        if (memo.size > 10000) memo.clear();
        // served to many answers: frozen (answers cannot change it; the NDJSON writer serialises it once)
        if (hit instanceof Promise) {
          hit = hit.then(freezeDeadline);
          void hit.then((v) => memo.set(key, v));
        } else hit = freezeDeadline(hit);
        memo.set(key, hit);
      }
      return hit;
    },
  };
}

function ask(retention: RetentionFn | undefined, spec: RecordPeriodSpec, facts: RecordFacts, asOf: string): RecordDeadline | Promise<RecordDeadline> {
  if (!retention || spec.duty === 'no-period' || spec.duty === 'effort' || !facts.date) return ruleDeadline(spec, facts);
  const q: Record<string, unknown> = {
    article: spec.article,
    facts: { recordDate: facts.date, lastEntryDate: facts.date, ...(facts.specifiedMaintenance !== undefined ? { specifiedMaintenanceDevice: facts.specifiedMaintenance } : {}) },
    asOf,
  };
  // the holder picks the obligation where a provision holds several (the record's wording is ours, not the retention rule's)
  if (spec.holder) q.holder = spec.holder;
  let r: unknown;
  try {
    r = retention(q);
  } catch {
    return ruleDeadline(spec, facts);
  }
  if (r instanceof Promise) return r.then((x) => fromRetention(x, spec, facts), () => ruleDeadline(spec, facts));
  return fromRetention(r, spec, facts);
}

/** Maps a retention answer onto a {@link RecordDeadline}; anything it cannot read falls back to the rule's period. */
function fromRetention(r: unknown, spec: RecordPeriodSpec, facts: RecordFacts): RecordDeadline {
  if (!r || typeof r !== 'object') return ruleDeadline(spec, facts);
  const a = r as { keepUntil?: unknown; rule?: unknown; ruleId?: unknown; steps?: unknown; needs?: unknown; reasons?: unknown; kind?: unknown };
  const rule = typeof a.rule === 'string' ? a.rule : typeof a.ruleId === 'string' ? a.ruleId : typeof (a.rule as { id?: unknown })?.id === 'string' ? String((a.rule as { id: string }).id) : undefined;
  if (typeof a.keepUntil === 'string') {
    const reasons: Reason[] = Array.isArray(a.reasons) ? (a.reasons as Reason[]).filter((x) => x.code === 'act-period-curated') : [];
    if (spec.start === '最終の記載の日')
      reasons.push({
        code: 'from-last-entry',
        message: `the ledger is kept until ${a.keepUntil} at the earliest: its period counts from the ledger's last entry (最終の記載の日), which one transaction cannot know; this transaction's date (${facts.date}) is a lower bound — a later entry in the same ledger moves the deadline`,
      });
    return {
      keepUntil: a.keepUntil,
      status: 'known',
      ...(spec.period ? { period: spec.period } : {}),
      start: { event: spec.start ?? '記載の日', date: facts.date! },
      steps: Array.isArray(a.steps) ? a.steps : undefined,
      source: 'retention',
      retentionRule: rule,
      ...(reasons.length ? { reasons } : {}),
    };
  }
  const own = ruleDeadline(spec, facts);
  // the rule records the period (e.g. its Act source) where the retention question cannot give it
  if (own.status === 'known')
    return {
      ...own,
      retentionRule: rule,
      reasons: [{ code: 'period-from-rule', message: `the retention question does not compute this period (${Array.isArray(a.reasons) && a.reasons.length ? (a.reasons as Reason[]).map((x) => x.code).join(', ') : String(a.kind ?? 'unknown')}); the transaction rule records it${spec.act ? ` (${spec.act})` : ''}` }],
    };
  return { ...own, source: 'retention', retentionRule: rule, reasons: Array.isArray(a.reasons) ? (a.reasons as Reason[]) : own.reasons, needs: Array.isArray(a.needs) ? (a.needs as string[]) : own.needs };
}

function freezeDeadline(d: RecordDeadline): RecordDeadline {
  if (d.steps) d.steps = Object.freeze(d.steps.map((x) => (x && typeof x === 'object' ? Object.freeze({ ...(x as object) }) : x))) as RecordDeadline['steps'];
  for (const k of ['period', 'start'] as const) if (d[k]) Object.freeze(d[k]);
  if (d.reasons) d.reasons = Object.freeze(d.reasons.map((r) => Object.freeze({ ...r }))) as RecordDeadline['reasons'];
  if (d.needs) Object.freeze(d.needs);
  return Object.freeze(d);
}

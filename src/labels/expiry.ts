/**
 * 使用の期限 (第170条): which 医薬品 must state one (法第50条第14号 — those with an approved 有効期間,
 * except where the 製剤基準 has the 有効期間 itself stated), and the date: the end of the approved
 * 有効期間 counted from the month after the month of 製造完了 (or of 検定終了, 第2項ただし書), or the
 * date the 所長 directs (第3項). Periods are counted by the Civil Code (src/rules/dates.ts): the
 * period 「…の翌月から起算し」 counts its first day (the 1st of that month) and ends on the day
 * before the corresponding day (民法第143条第2項), i.e. the last day of a month.
 */
import type { Reason, Tri } from '../rules/answer.js';
import { compileCondition, type EvaluatedLeaf } from '../rules/conditions.js';
import { civilPeriodEnd, daysInMonth, describePeriod, formatYmd, parseIsoDate, type Period } from '../rules/dates.js';
import type { FamilyRule } from '../rules/family.js';
import { citationViews, type LabelKb } from './views.js';
import type { ExpiryAnswer, LabelFinding, LabelProductType, LabelRequest, LabelSpec } from './model.js';

type Computed = NonNullable<ExpiryAnswer['computed']>;

function monthAfter(date: string): string {
  const p = parseIsoDate(date)!;
  return p.m === 12 ? formatYmd({ y: p.y + 1, m: 1, d: 1 }) : formatYmd({ y: p.y, m: p.m + 1, d: 1 });
}

function compute(event: string, startEvent: Computed['startEvent'], period: Period, rule: FamilyRule<LabelSpec>): Computed {
  const start = monthAfter(event);
  const r = civilPeriodEnd(start, period, { countFirstDay: rule.spec.expiry?.countFirstDay ?? true });
  const what = startEvent === 'manufacture' ? '製造完了の日' : '検定終了の日';
  return {
    expiry: r.end,
    start,
    startEvent,
    period,
    rule: rule.id,
    steps: [
      { step: 'event', date: event, text: `${what}: ${event}` },
      { step: 'month-after', date: start, text: `${what}の属する月の翌月 ${start.slice(0, 7)} から起算する（第170条第2項）: 初日 ${start} を算入` },
      ...r.steps.filter((s) => s.step !== 'start-event' && s.step !== 'first-day'),
      { step: 'expiry', date: r.end, text: `有効期間 ${describePeriod(period)} の満了する期日 ${r.end} が使用の期限（第170条第2項）` },
    ],
  };
}

/** A stated expiry `YYYY-MM` means the last day of that month. */
function statedDate(s: string): string {
  if (/^\d{4}-\d{2}$/.test(s)) {
    const [y, m] = s.split('-').map(Number);
    return formatYmd({ y, m, d: daysInMonth(y, m) });
  }
  return s;
}

/** The 使用の期限 question for a product, from label facts already built (see check.ts). */
export function expiryFor(kb: LabelKb, rules: FamilyRule<LabelSpec>[], facts: Record<string, unknown>, request: Pick<LabelRequest, 'statedExpiry' | 'product'>, asOf: string, type: LabelProductType, ivd: boolean): ExpiryAnswer {
  const { corpus } = kb;
  const ex = rules.filter((r) => r.spec.kind === 'expiry');
  const product = facts.product as Record<string, unknown>;
  const needs = new Set<string>();
  const reasons: Reason[] = [];
  const findings: LabelFinding[] = [];
  const cites: string[] = [];
  let required: Tri = 'unknown';
  let states: ExpiryAnswer['states'];
  let item: string | undefined;
  let rule: string | undefined;
  let conditions: EvaluatedLeaf[] = [];
  const envelope = {
    rulesetVersion: kb.ruleset.version,
    contentHash: kb.ruleset.contentHash,
    asOf,
    caveats: [kb.ruleset.caveat],
  };
  const base = { product: { type, ivd, ...(request.product.name ? { name: request.product.name } : {}) } };
  if (type !== '医薬品') {
    const r = ex.find((x) => x.spec.products.includes(type));
    return {
      ...envelope,
      ...base,
      required: 'unknown',
      rule: r?.id,
      conditions: [],
      reasons: [{ code: 'source-not-available', message: `${type}のどれが使用の期限・有効期間を記載すべきかは法（${r?.spec.act ?? '法'}）にあり、この省令は定めない。doyaku は法の本文を持たない / in the Act, not held` }],
      findings: [],
      needs: [],
      citations: citationViews(corpus, r?.citations ?? []),
    };
  }
  const designation = ex.find((r) => r.spec.expiry?.states === '使用の期限' && r.spec.expiry.item);
  const standard = ex.find((r) => r.spec.expiry?.states === '有効期間');
  const ev = (r: FamilyRule<LabelSpec> | undefined) => (r?.spec.when ? compileCondition(r.spec.when as never).evaluate(facts) : { result: 'unknown' as Tri, leaves: [], reasons: [] });
  const d = ev(designation);
  const s = ev(standard);
  conditions = d.leaves;
  if (designation) cites.push(...designation.citations);
  if (d.result === true) {
    required = true;
    states = '使用の期限';
    item = designation!.spec.expiry!.item;
    rule = designation!.id;
  } else if (s.result === true) {
    required = true;
    states = '有効期間';
    item = standard!.spec.expiry!.item;
    rule = standard!.id;
    conditions = s.leaves;
    reasons.push({ code: 'source-not-available', message: '有効期間の記載は製剤基準（法第42条第1項）によるもので、その内容は doyaku にない / the 製剤基準 is not held' });
  } else if (d.result === false) {
    required = false;
    rule = designation!.id;
  } else {
    for (const r of d.reasons) {
      reasons.push(r);
      if (r.field) needs.add(r.field === '/product/expiryDesignated' ? '/product/hasApprovedShelfLife' : r.field);
    }
  }
  // the date
  const period = request.product.shelfLife as Period | undefined;
  let computed: Computed | undefined;
  let alternative: Computed | undefined;
  const directedRule = ex.find((r) => r.spec.expiry?.states === 'directed');
  const directed = product.expiryDirected as string | undefined;
  if (directed && directedRule) {
    cites.push(...directedRule.citations);
    states = required === true ? states : states;
  } else if (required === true && states === '使用の期限') {
    const compRule = ex.find((r) => r.spec.expiry?.start === 'month-after-manufacture');
    const testRule = ex.find((r) => r.spec.expiry?.start === 'month-after-test');
    if (compRule) cites.push(...compRule.citations);
    if (!period || !(period.years || period.months || period.days)) needs.add('/product/shelfLife');
    const md = product.manufactureDate as string | undefined;
    const td = product.testCompletionDate as string | undefined;
    if (period && compRule && md) computed = compute(md, 'manufacture', period, compRule);
    if (period && testRule && td) {
      const t = ev(testRule);
      if (t.result === true) alternative = compute(td, 'test-completion', period, testRule);
      else if (t.result === 'unknown') for (const r of t.reasons) if (r.field) needs.add(r.field);
    }
    if (period && !md && !alternative) needs.add('/product/manufactureDate');
  }
  // the stated expiry
  const stated = (request.statedExpiry ?? undefined) as string | undefined;
  if (required === true && states === '使用の期限' && stated === undefined && request.statedExpiry === undefined) {
    // whether the label carries it is the label check's business (item act50.14); nothing here
  }
  if (stated) {
    const sd = statedDate(stated);
    const allowed = directed ?? [computed?.expiry, alternative?.expiry].filter((x): x is string => !!x).sort().pop();
    if (required === false)
      findings.push({ ruleId: rule ?? '', kind: 'info', code: 'expiry-not-required', message: `使用の期限 ${stated} が記載されているが、この製品は第170条第1項の指定医薬品ではない / stated though not required`, citations: citationViews(corpus, cites) });
    else if (allowed && sd > allowed)
      findings.push({ ruleId: directed ? directedRule!.id : (alternative && allowed === alternative.expiry ? alternative.rule : computed!.rule), kind: 'violation', code: 'expiry-too-late', message: `記載された使用の期限 ${stated} が第170条による期日 ${allowed} より後である / the stated expiry is later than the 使用の期限 the ordinance sets`, citations: citationViews(corpus, cites) });
    else if (allowed && sd < allowed)
      findings.push({ ruleId: computed?.rule ?? '', kind: 'warning', code: 'expiry-earlier', message: `記載された使用の期限 ${stated} は第170条による期日 ${allowed} より前である（第170条第2項は有効期間の満了する期日とする） / the stated expiry is earlier than computed`, citations: citationViews(corpus, cites) });
    else if (allowed) findings.push({ ruleId: computed?.rule ?? directedRule?.id ?? '', kind: 'info', code: 'expiry-matches', message: `記載された使用の期限 ${stated} は第170条による期日 ${allowed} と一致する / matches`, citations: citationViews(corpus, cites) });
  }
  return {
    ...envelope,
    ...base,
    required,
    ...(states ? { states: directed ? 'directed' : states } : directed ? { states: 'directed' as const } : {}),
    ...(item ? { item } : {}),
    ...(rule ? { rule } : {}),
    conditions,
    reasons,
    ...(computed ? { computed } : {}),
    ...(alternative ? { alternative } : {}),
    ...(directed ? { directed } : {}),
    ...(stated ? { stated } : {}),
    findings,
    needs: [...needs].sort(),
    citations: citationViews(corpus, [...new Set(cites)]),
  };
}

/**
 * Dates: ISO calendar dates (YYYY-MM-DD) checked strictly, and periods computed the way the Civil
 * Code computes them (民法 第140条〜第143条) — the arithmetic every deadline of the ordinance uses
 * (record retention, expiry, safety reports).
 *
 * - 第140条: a period in days, weeks, months or years does not count its first day, unless the period
 *   begins at 午前零時 (the ordinance's 「…の日から起算して」 counts it: `countFirstDay: true`).
 * - 第141条: the period ends at the end of its last day.
 * - 第143条: weeks, months and years are counted by the calendar; the period ends on the day before
 *   the day corresponding to its first day in the last week, month or year (応当日); where the last
 *   month has no such day, on the last day of that month.
 *
 * Everything is integer arithmetic on (year, month, day): no `Date` overflow (2024-02-30 is an error,
 * never 2024-03-01).
 */

export class DateError extends Error {
  override name = 'DateError';
  /** the field path (JSON pointer) of the bad date, when known */
  readonly field?: string;
  constructor(message: string, field?: string) {
    super(message);
    this.field = field;
  }
}

export interface Ymd {
  y: number;
  m: number;
  d: number;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

export const isLeapYear = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

export function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeapYear(y) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;
}

/** Parses a strict ISO date; null when it is not a real calendar date. */
export function parseIsoDate(s: unknown): Ymd | null {
  if (typeof s !== 'string') return null;
  const m = ISO.exec(s);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  return { y, m: mo, d };
}

export const isIsoDate = (s: unknown): s is string => parseIsoDate(s) !== null;

/** Checks a date fact; throws {@link DateError} naming the field. */
export function checkIsoDate(s: unknown, field: string): string {
  if (typeof s !== 'string' || !ISO.test(s)) throw new DateError(`${field}: must be a date YYYY-MM-DD, got ${JSON.stringify(s)}`, field);
  if (!parseIsoDate(s)) throw new DateError(`${field}: ${s} is not a calendar date`, field);
  return s;
}

export function formatYmd({ y, m, d }: Ymd): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Today's date (UTC) as YYYY-MM-DD. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Days since 1970-01-01 (proleptic Gregorian). */
function toDays({ y, m, d }: Ymd): number {
  const t = new Date(0);
  t.setUTCFullYear(y, m - 1, d); // not Date.UTC: it maps years 0–99 to 1900–1999
  return Math.round(t.getTime() / 86_400_000);
}

function fromDays(n: number): Ymd {
  const t = new Date(n * 86_400_000);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

/** The date `n` days after (or before, for negative n) `date`. */
export function addDays(date: string, n: number): string {
  const p = parseIsoDate(date);
  if (!p) throw new DateError(`not a date: ${date}`);
  return formatYmd(fromDays(toDays(p) + n));
}

/** Compares two ISO dates (string order is date order for YYYY-MM-DD). */
export const laterOf = (a: string, b: string): string => (a >= b ? a : b);

export interface Period {
  years?: number;
  months?: number;
  days?: number;
}

export interface PeriodStep {
  /** machine code of the step */
  step: 'start-event' | 'first-day' | 'corresponding-day' | 'no-corresponding-day' | 'end';
  date: string;
  /** Japanese, the article of the Civil Code applied */
  text: string;
}

export interface PeriodResult {
  /** the event date the period runs from */
  from: string;
  /** the first day counted */
  firstDay: string;
  /** the last day of the period (inclusive) */
  end: string;
  steps: PeriodStep[];
}

export function describePeriod(p: Period): string {
  return [p.years ? `${p.years}年` : '', p.months ? `${p.months}箇月` : '', p.days ? `${p.days}日` : ''].join('') || '0日';
}

/**
 * The last day of a period of `period` running from the event on `from` (民法 第140条〜第143条).
 * `countFirstDay`: true where the provision says 「…の日から起算して」 or the period starts at 午前零時.
 */
export function civilPeriodEnd(from: string, period: Period, options: { countFirstDay?: boolean } = {}): PeriodResult {
  const start = parseIsoDate(from);
  if (!start) throw new DateError(`not a date: ${from}`);
  const steps: PeriodStep[] = [{ step: 'start-event', date: from, text: `起算の基礎となる日: ${from}` }];
  const firstDay = options.countFirstDay ? from : addDays(from, 1);
  steps.push({
    step: 'first-day',
    date: firstDay,
    text: options.countFirstDay ? `初日を算入する（「起算して」／午前零時から始まる期間）: ${firstDay}（民法第140条ただし書）` : `初日不算入: 翌日 ${firstDay} から起算（民法第140条本文）`,
  });
  const years = period.years ?? 0;
  const months = period.months ?? 0;
  const days = period.days ?? 0;
  let end: string;
  if (years || months) {
    const f = parseIsoDate(firstDay)!;
    let total = f.m - 1 + months + years * 12;
    const y = f.y + Math.floor(total / 12);
    const m = (total % 12) + 1;
    total = 0;
    if (f.d > daysInMonth(y, m)) {
      end = formatYmd({ y, m, d: daysInMonth(y, m) });
      steps.push({ step: 'no-corresponding-day', date: end, text: `${describePeriod({ years, months })}後の月に応当する日がないため、その月の末日 ${end} に満了（民法第143条第2項ただし書）` });
    } else {
      const corr = formatYmd({ y, m, d: f.d });
      end = addDays(corr, -1);
      steps.push({ step: 'corresponding-day', date: corr, text: `${describePeriod({ years, months })}後の応当日 ${corr} の前日 ${end} に満了（民法第143条第2項）` });
    }
    if (days) end = addDays(end, days);
  } else {
    end = addDays(firstDay, days - 1);
  }
  steps.push({ step: 'end', date: end, text: `期間の末日 ${end} の終了をもって満了（民法第141条）` });
  return { from, firstDay, end, steps };
}

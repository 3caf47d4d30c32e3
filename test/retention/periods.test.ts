/**
 * The Civil Code arithmetic retention relies on (src/rules/dates.ts civilPeriodEnd), checked against
 * an independent reading of 民法第140条・第143条 for every day of 2023–2025 (three Februaries, one of
 * them 29 days), the periods the ordinance uses (1, 2, 3, 5, 6, 15 years; 3 months) and periods of
 * 1 and 18 months, with and without the first day.
 */
import { describe, expect, it } from 'vitest';
import { civilPeriodEnd } from '../../src/rules/dates.js';

const DAY = 86_400_000;
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
const lastDay = (y: number, m0: number) => new Date(Date.UTC(y, m0 + 1, 0)).getUTCDate();

/** 第140条: the first day is the day after (unless counted); 第143条: the day before the corresponding day of the first day, or the last day of the month that has none. */
function independent(from: number, years: number, months: number, count: boolean): string {
  const first = new Date(from + (count ? 0 : DAY));
  const total = first.getUTCMonth() + months + 12 * years;
  const y = first.getUTCFullYear() + Math.floor(total / 12);
  const m0 = total % 12;
  const d = first.getUTCDate();
  return d > lastDay(y, m0) ? iso(Date.UTC(y, m0, lastDay(y, m0))) : iso(Date.UTC(y, m0, d) - DAY);
}

describe('civilPeriodEnd against an independent reading of the Civil Code', () => {
  it('agrees on every day of 2023–2025', () => {
    const periods: [number, number][] = [[1, 0], [2, 0], [3, 0], [5, 0], [6, 0], [15, 0], [0, 3], [0, 1], [0, 18]];
    let n = 0;
    for (let t = Date.UTC(2023, 0, 1); t <= Date.UTC(2025, 11, 31); t += DAY)
      for (const count of [false, true])
        for (const [years, months] of periods) {
          expect(civilPeriodEnd(iso(t), { years, months }, { countFirstDay: count }).end, `${iso(t)} +${years}y${months}m ${count ? '起算して' : ''}`).toBe(independent(t, years, months, count));
          n++;
        }
    expect(n).toBe(1096 * 2 * 9);
  });

  it('the hand-checked edges', () => {
    expect(civilPeriodEnd('2024-02-29', { years: 2 }).end).toBe('2026-02-28'); // first day 03-01 → 2026-03-01 − 1
    expect(civilPeriodEnd('2024-02-28', { years: 2 }).end).toBe('2026-02-28'); // first day 02-29 → none in 2026 → 末日
    expect(civilPeriodEnd('2023-02-28', { years: 1 }).end).toBe('2024-02-29'); // first day 03-01 → 2024-03-01 − 1 = leap day
    expect(civilPeriodEnd('2024-02-29', { years: 3 }, { countFirstDay: true }).end).toBe('2027-02-28'); // 起算して, no 2027-02-29 → 末日
    expect(civilPeriodEnd('2024-03-31', { years: 3 }, { countFirstDay: true }).end).toBe('2027-03-30');
    expect(civilPeriodEnd('2023-11-29', { months: 3 }).end).toBe('2024-02-29'); // first day 11-30 → no 02-30 → 末日
  });
});

import { describe, expect, it } from 'vitest';
import { addDays, checkIsoDate, civilPeriodEnd, DateError, isIsoDate, laterOf } from '../../src/rules/dates.js';

describe('ISO dates', () => {
  it('accepts real calendar dates only', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2024-02-30')).toBe(false);
    expect(isIsoDate('2024-13-01')).toBe(false);
    expect(isIsoDate('2024-4-1')).toBe(false);
    expect(isIsoDate(20240401)).toBe(false);
    expect(isIsoDate('1900-02-29')).toBe(false);
    expect(isIsoDate('2000-02-29')).toBe(true);
  });
  it('names the field of a bad date', () => {
    expect(() => checkIsoDate('2024-02-30', '/facts/recordDate')).toThrow(DateError);
    expect(() => checkIsoDate('2024-02-30', '/facts/recordDate')).toThrow(/\/facts\/recordDate: 2024-02-30 is not a calendar date/);
    expect(() => checkIsoDate('', '/asOf')).toThrow(/\/asOf: must be a date YYYY-MM-DD/);
  });
  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2025-01-01', -1)).toBe('2024-12-31');
    expect(laterOf('2024-01-02', '2023-12-31')).toBe('2024-01-02');
  });
});

describe('Civil Code periods (民法第140条〜第143条)', () => {
  // hand-computed: a record made 2024-04-01, kept 3 years, first day not counted:
  // counting starts 2024-04-02; the corresponding day 2027-04-02; the period ends the day before.
  it('years, first day not counted: ends on the same month-day', () => {
    expect(civilPeriodEnd('2024-04-01', { years: 3 }).end).toBe('2027-04-01');
    expect(civilPeriodEnd('2024-12-31', { years: 2 }).end).toBe('2026-12-31');
  });
  it('「起算して」: the first day counts, the period ends a day earlier', () => {
    expect(civilPeriodEnd('2024-04-01', { years: 3 }, { countFirstDay: true }).end).toBe('2027-03-31');
    expect(civilPeriodEnd('2025-01-01', { years: 1 }, { countFirstDay: true }).end).toBe('2025-12-31');
  });
  it('29 February', () => {
    // counted from 2024-02-29: no 2025-02-29 → the last day of February (第143条第2項ただし書)
    expect(civilPeriodEnd('2024-02-29', { years: 1 }, { countFirstDay: true }).end).toBe('2025-02-28');
    // event 2024-02-28, first day not counted → starts 2024-02-29 → same
    expect(civilPeriodEnd('2024-02-28', { years: 1 }).end).toBe('2025-02-28');
    // event 2024-02-29, not counted → starts 2024-03-01 → ends 2025-02-28
    expect(civilPeriodEnd('2024-02-29', { years: 1 }).end).toBe('2025-02-28');
    // to a leap year: counted from 2023-03-01, 1 year → corresponding 2024-03-01 → 2024-02-29
    expect(civilPeriodEnd('2023-03-01', { years: 1 }, { countFirstDay: true }).end).toBe('2024-02-29');
    expect(civilPeriodEnd('2024-02-29', { years: 4 }, { countFirstDay: true }).end).toBe('2028-02-28');
  });
  it('month ends', () => {
    expect(civilPeriodEnd('2024-01-31', { months: 1 }, { countFirstDay: true }).end).toBe('2024-02-29');
    expect(civilPeriodEnd('2023-01-31', { months: 1 }, { countFirstDay: true }).end).toBe('2023-02-28');
    expect(civilPeriodEnd('2024-01-30', { months: 1 }).end).toBe('2024-02-29');
    expect(civilPeriodEnd('2024-03-31', { months: 6 }).end).toBe('2024-09-30');
  });
  it('days', () => {
    expect(civilPeriodEnd('2024-02-20', { days: 15 }).end).toBe('2024-03-06');
    expect(civilPeriodEnd('2024-02-20', { days: 15 }, { countFirstDay: true }).end).toBe('2024-03-05');
    expect(civilPeriodEnd('2024-12-20', { days: 30 }).end).toBe('2025-01-19');
  });
  it('15 years', () => {
    // starts 2024-03-01 (not counted) → corresponding 2039-03-01 → ends 2039-02-28
    expect(civilPeriodEnd('2024-02-29', { years: 15 }).end).toBe('2039-02-28');
    expect(civilPeriodEnd('2024-02-28', { years: 15 }, { countFirstDay: true }).end).toBe('2039-02-27');
  });
  it('shows each step with its article', () => {
    const r = civilPeriodEnd('2024-04-01', { years: 3 });
    expect(r.steps.map((s) => s.step)).toEqual(['start-event', 'first-day', 'corresponding-day', 'end']);
    expect(r.firstDay).toBe('2024-04-02');
    expect(r.steps[1].text).toContain('民法第140条');
  });
});

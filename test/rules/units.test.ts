import { describe, expect, it } from 'vitest';
import { compareAmount, normalise } from '../../src/rules/units.js';

describe('amounts', () => {
  it('percent, and mass per mass as percent', () => {
    expect(normalise({ value: 0.5, unit: '%' })).toEqual({ kind: 'ratio', value: 0.5 });
    expect(normalise({ value: 20, unit: 'mg', per: { value: 300, unit: 'mg' } })!.value).toBeCloseTo(6.6667, 3);
    expect(compareAmount({ value: 0.5, unit: 'mg', per: { value: 1, unit: 'g' } }, 'lte', { value: 0.05, unit: '%' })).toBe(true);
  });
  it('per-amount scaling: 1mL vs 100mL, 1錠 vs 2錠, mg vs µg', () => {
    expect(compareAmount({ value: 0.1, unit: 'mg力価', per: { value: 1, unit: 'mL' } }, 'lte', { value: 10, unit: 'mg力価', per: { value: 100, unit: 'mL' } })).toBe(true);
    expect(compareAmount({ value: 0.11, unit: 'mg力価', per: { value: 1, unit: 'mL' } }, 'lte', { value: 10, unit: 'mg力価', per: { value: 100, unit: 'mL' } })).toBe(false);
    expect(compareAmount({ value: 7.44, unit: 'mg', per: { value: 2, unit: '錠' } }, 'lte', { value: 3.72, unit: 'mg', per: { value: 1, unit: '錠' } })).toBe(true);
    expect(compareAmount({ value: 0.1, unit: 'mg', per: { value: 1, unit: 'バイアル' } }, 'lte', { value: 100, unit: 'µg', per: { value: 1, unit: 'バイアル' } })).toBe(true);
  });
  it('以下 inclusive at the boundary despite floating point; を超える strict', () => {
    expect(compareAmount({ value: 0.1 + 0.2, unit: '%' }, 'lte', { value: 0.3, unit: '%' })).toBe(true);
    expect(compareAmount({ value: 0.3, unit: '%' }, 'gt', { value: 0.3, unit: '%' })).toBe(false);
  });
  it('not comparable: % vs mass per volume, mg vs mg力価, per piece vs per mass, IU vs mg', () => {
    expect(compareAmount({ value: 10, unit: '%' }, 'lte', { value: 100, unit: 'mg力価', per: { value: 1, unit: 'mL' } })).toBeUndefined();
    expect(compareAmount({ value: 10, unit: 'mg', per: { value: 1, unit: 'mL' } }, 'lte', { value: 10, unit: 'mg力価', per: { value: 1, unit: 'mL' } })).toBeUndefined();
    expect(compareAmount({ value: 10, unit: 'mg', per: { value: 1, unit: '錠' } }, 'lte', { value: 1, unit: '%' })).toBeUndefined();
    expect(compareAmount({ value: 10, unit: 'IU', per: { value: 1, unit: 'g' } }, 'lte', { value: 1, unit: 'mg', per: { value: 1, unit: 'g' } })).toBeUndefined();
  });
});

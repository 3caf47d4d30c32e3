/**
 * Amounts and thresholds: `0・5パーセント`, `1錠中…3・72ミリグラム`, `1ミリリットル中…100ミリグラム力価`,
 * `300ミリグラム中…20ミリグラム`, `1グラム中…200国際単位`. Converts only where the conversion is
 * certain; everything else is "not comparable" (the caller answers unknown, never a guess).
 */

export interface Amount {
  value: number;
  unit: string;
  per?: { value: number; unit: string };
}

/** Unit spellings accepted in product input, mapped to the canonical unit. */
export const amountUnitAliases: Record<string, string> = {
  '%': '%',
  '％': '%',
  パーセント: '%',
  g: 'g',
  グラム: 'g',
  mg: 'mg',
  ミリグラム: 'mg',
  'µg': 'µg',
  'μg': 'µg',
  ug: 'µg',
  mcg: 'µg',
  マイクログラム: 'µg',
  mg力価: 'mg力価',
  ミリグラム力価: 'mg力価',
  'µg力価': 'µg力価',
  'μg力価': 'µg力価',
  マイクログラム力価: 'µg力価',
  IU: 'IU',
  国際単位: 'IU',
};

export const perUnitAliases: Record<string, string> = {
  錠: '錠',
  個: '個',
  枚: '枚',
  片: '片',
  バイアル: 'バイアル',
  容器: '容器',
  mL: 'mL',
  ml: 'mL',
  ミリリットル: 'mL',
  L: 'L',
  リットル: 'L',
  g: 'g',
  グラム: 'g',
  mg: 'mg',
  ミリグラム: 'mg',
};

/** dimension and factor to the base unit of that dimension */
const amountDims: Record<string, [dim: string, factor: number]> = {
  g: ['mass', 1],
  mg: ['mass', 1e-3],
  'µg': ['mass', 1e-6],
  mg力価: ['potency', 1e-3],
  'µg力価': ['potency', 1e-6],
  IU: ['iu', 1],
};
const perDims: Record<string, [dim: string, factor: number]> = {
  g: ['mass', 1],
  mg: ['mass', 1e-3],
  mL: ['volume', 1],
  L: ['volume', 1000],
};

/**
 * A comparable form: `kind` says what can be compared with what; `value` is in the kind's base.
 * - `ratio`: a mass fraction in percent (from `%`, or mass per mass)
 * - `<dim>/<perDim>`: e.g. `mass/volume` in g per mL, `iu/mass` in IU per g
 * - `<dim>/<count unit>`: e.g. `mass/錠` in g per 1 錠
 * - `<dim>`: an absolute amount (no per)
 */
export interface Normalised {
  kind: string;
  value: number;
}

export function normalise(a: Amount): Normalised | undefined {
  const unit = amountUnitAliases[a.unit] ?? a.unit;
  if (unit === '%') return { kind: 'ratio', value: a.value };
  const ad = amountDims[unit];
  if (!ad) return undefined;
  const amount = a.value * ad[1];
  if (!a.per) return { kind: ad[0], value: amount };
  const perUnit = perUnitAliases[a.per.unit] ?? a.per.unit;
  if (!(a.per.value > 0)) return undefined;
  const pd = perDims[perUnit];
  if (pd) {
    const per = a.per.value * pd[1];
    if (ad[0] === 'mass' && pd[0] === 'mass') return { kind: 'ratio', value: (amount / per) * 100 };
    return { kind: `${ad[0]}/${pd[0]}`, value: amount / per };
  }
  // a count unit (錠, 個, 枚, 片, バイアル): amount per one piece
  return { kind: `${ad[0]}/${perUnit}`, value: amount / a.per.value };
}

export type Comparator = 'lte' | 'lt' | 'gte' | 'gt';

/**
 * Compares an input amount with a threshold: true/false, or undefined when the two are not
 * comparable (different dimensions, unknown units).
 */
export function compareAmount(input: Amount, op: Comparator, limit: Amount): boolean | undefined {
  const a = normalise(input);
  const b = normalise(limit);
  if (!a || !b || a.kind !== b.kind) return undefined;
  // relative tolerance for decimal artefacts (0.1 + 0.2)
  const eps = Math.max(Math.abs(a.value), Math.abs(b.value)) * 1e-12;
  switch (op) {
    case 'lte':
      return a.value <= b.value + eps;
    case 'lt':
      return a.value < b.value - eps;
    case 'gte':
      return a.value >= b.value - eps;
    case 'gt':
      return a.value > b.value + eps;
  }
}

export function describeAmount(a: Amount): string {
  const unit = amountUnitAliases[a.unit] ?? a.unit;
  return a.per ? `${a.per.value}${perUnitAliases[a.per.unit] ?? a.per.unit}中 ${a.value}${unit}` : `${a.value}${unit}`;
}

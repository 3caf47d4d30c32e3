/**
 * Species names: the ordinance writes 牛、馬、めん羊、山羊、豚、犬、猫、鶏. English names and common
 * kana spellings of exactly these species are accepted; anything else is kept as given (and counts
 * as "another animal"). Only exact species are mapped: 乳牛 or 肉用牛 are NOT mapped to 牛 — give 牛.
 */
export const ordinanceSpecies = ['牛', '馬', 'めん羊', '山羊', '豚', '犬', '猫', '鶏'] as const;

const aliases: Record<string, string> = {
  cattle: '牛',
  cow: '牛',
  cows: '牛',
  bovine: '牛',
  ウシ: '牛',
  うし: '牛',
  horse: '馬',
  horses: '馬',
  equine: '馬',
  ウマ: '馬',
  うま: '馬',
  sheep: 'めん羊',
  ovine: 'めん羊',
  綿羊: 'めん羊',
  緬羊: 'めん羊',
  メンヨウ: 'めん羊',
  goat: '山羊',
  goats: '山羊',
  caprine: '山羊',
  ヤギ: '山羊',
  やぎ: '山羊',
  pig: '豚',
  pigs: '豚',
  swine: '豚',
  porcine: '豚',
  ブタ: '豚',
  ぶた: '豚',
  dog: '犬',
  dogs: '犬',
  canine: '犬',
  イヌ: '犬',
  いぬ: '犬',
  cat: '猫',
  cats: '猫',
  feline: '猫',
  ネコ: '猫',
  ねこ: '猫',
  chicken: '鶏',
  chickens: '鶏',
  ニワトリ: '鶏',
  にわとり: '鶏',
};

/** Canonical species name (the ordinance's spelling) for an input name. */
export function normaliseSpecies(name: string): string {
  const s = name.normalize('NFKC').trim();
  return aliases[s] ?? aliases[s.toLowerCase()] ?? s;
}

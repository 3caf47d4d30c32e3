import { editDistance, nearest } from '../rules/nearest.js';

/**
 * Species names: the ordinance writes 牛、馬、めん羊、山羊、豚、犬、猫、鶏. English names and common
 * kana spellings of exactly these species are accepted. Other animals the product may be meant for
 * (うさぎ, ぶり, みつばち …, {@link otherAnimals}) are recognised and count as "another animal"
 * (outside 別表第3's species: `species-out-of-scope`). Any other name is NOT guessed at: it is
 * unrecognised (`unknown-species`, with suggestions) and the answers that depend on the species are
 * unknown. Only exact species are mapped: 乳牛 or 肉用牛 are NOT mapped to 牛 — give 牛.
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

/**
 * Animals outside the ordinance's eight species that veterinary products are made for (curated:
 * the species groups of 動物用医薬品 approvals — companion small mammals, poultry other than 鶏,
 * bees, farmed fish). Each is recognised as "another animal": a product meant only for these is
 * outside 別表第3's 柱書 (`species-out-of-scope`). Kana, kanji and English spellings.
 */
export const otherAnimals: Record<string, string> = Object.fromEntries(
  (
    [
      ['うさぎ', ['ウサギ', '兎', 'rabbit', 'rabbits']],
      ['うずら', ['ウズラ', '鶉', 'quail']],
      ['あひる', ['アヒル', '家鴨', 'duck', 'ducks']],
      ['七面鳥', ['シチメンチョウ', 'turkey', 'turkeys']],
      ['鹿', ['シカ', 'しか', 'deer']],
      ['みつばち', ['ミツバチ', '蜜蜂', 'honeybee', 'bee', 'bees']],
      ['ハムスター', ['hamster']],
      ['モルモット', ['guinea pig']],
      ['フェレット', ['ferret']],
      ['小鳥', ['インコ', 'カナリア', 'bird', 'birds']],
      ['魚類', ['魚', 'さかな', 'fish', '養殖水産動物']],
      ['ぶり', ['ブリ', '鰤', 'はまち', 'ハマチ', 'yellowtail']],
      ['まだい', ['マダイ', '真鯛', 'たい', 'タイ', 'sea bream']],
      ['ひらめ', ['ヒラメ', '鮃', 'flounder']],
      ['こい', ['コイ', '鯉', 'carp']],
      ['うなぎ', ['ウナギ', '鰻', 'eel']],
      ['あゆ', ['アユ', '鮎', 'sweetfish']],
      ['にじます', ['ニジマス', '虹鱒', 'trout', 'rainbow trout']],
      ['さけ', ['サケ', '鮭', 'salmon']],
      ['かんぱち', ['カンパチ', 'amberjack']],
      ['とらふぐ', ['トラフグ', 'ふぐ', 'フグ', 'pufferfish']],
    ] as [string, string[]][]
  ).flatMap(([name, alts]) => [[name, name], ...alts.map((a) => [a, name])]),
);

export interface SpeciesName {
  input: string;
  /** `ordinance`: one of the eight species; `other`: a recognised animal outside them; `unknown`: not recognised */
  kind: 'ordinance' | 'other' | 'unknown';
  /** the canonical name (ordinance spelling, or the other animal's name); the input as given when unknown */
  name: string;
  /** did-you-mean for an unknown name */
  suggestions?: string[];
}

const ordinanceSet = new Set<string>(ordinanceSpecies);

/** Recognises a species name: one of the eight, another known animal, or unknown (with suggestions). */
export function recogniseSpecies(input: string): SpeciesName {
  const name = normaliseSpecies(input);
  if (ordinanceSet.has(name)) return { input, kind: 'ordinance', name };
  const s = input.normalize('NFKC').trim();
  const other = otherAnimals[s] ?? otherAnimals[s.toLowerCase()];
  if (other) return { input, kind: 'other', name: other };
  const vocabulary = [...ordinanceSpecies, ...Object.keys(aliases), ...Object.keys(otherAnimals)];
  const starts = vocabulary.filter((v) => v.length < s.length && s.startsWith(v)).map((v) => normaliseSpecies(otherAnimals[v] ?? v));
  const suggestions = [...new Set([...starts, ...nearest(s, vocabulary, 3).filter((v) => editDistance(s, v) <= Math.max(1, Math.floor(s.length / 2))).map((v) => (ordinanceSet.has(normaliseSpecies(v)) ? normaliseSpecies(v) : otherAnimals[v] ?? v))])].slice(0, 3);
  return { input, kind: 'unknown', name: s, suggestions };
}

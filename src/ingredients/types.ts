/**
 * Ingredient dictionary contract (owned by src/ingredients/, data in data/ingredients/).
 *
 * Canonical keys are substance names exactly as the ordinance writes them in its 別表 entries
 * (`イベルメクチン`, `クロラムフエニコール`, `黄体ホルモン`, `ペニシリン`); for entries that give
 * a chemical name with 別名, the key is the 別名 (`ダイアジノン`, `フィプロニル`).
 * Everything beyond the ordinance's own words (aliases, INNs, salts, class membership) is
 * curated knowledge and is marked so, with its reasoning.
 */

/** How an input name came to count as an ordinance substance. */
export type MatchPath =
  | 'exact' //      the name as the ordinance writes it
  | 'alias' //      spelling variant / English INN / 別名 (same substance)
  | 'salt' //       a salt or ester form of the substance (塩酸X, Xナトリウム, 酢酸X …)
  | 'derivative' // a chemical derivative of the substance (誘導体)
  | 'class'; //     a member of a class the ordinance names (ペニシリン, 副腎皮質ホルモン …)

export interface IngredientMatch {
  /** canonical ordinance substance key */
  key: string;
  path: MatchPath;
  /** false only for `exact` (and for aliases written in the ordinance itself, e.g. 別名) */
  curated: boolean;
  /** why this mapping holds (for curated matches), e.g. `アモキシシリン is an aminopenicillin (β-lactam, penicillin class)` */
  reasoning?: string;
  /** for salt matches: the salt form, e.g. `塩酸塩` */
  saltForm?: string;
  /** the chain for multi-step matches, e.g. [`塩酸アモキシシリン` -salt-> `アモキシシリン` -class-> `ペニシリン`] */
  via?: { name: string; path: MatchPath }[];
}

export interface IngredientResolution {
  /** the input as given */
  input: string;
  /** normalised input (NFKC, フエ/フェ, ヴ/ブ …) */
  normalized: string;
  /** every ordinance substance this name counts as (may be several: a substance and its class) */
  matches: IngredientMatch[];
  /** substance classes it belongs to (curated): 抗生物質, 抗菌性物質, ワクチン, 生物学的製剤 … */
  classes: { name: string; curated: boolean; reasoning?: string }[];
  /** true when the name is recognised at all (it may be recognised yet match no 別表 substance) */
  known: boolean;
  /** did-you-mean suggestions when not known */
  suggestions?: string[];
  /**
   * set when the name IS recognised but whether it counts as a derivative of a listed substance is
   * arguable (e.g. ciprofloxacin vs enrofloxacin): then `known` is false (unknown is not no) and this
   * says why
   */
  uncertain?: string;
}

/** One substance the ordinance names (data/ingredients/substances.yaml, generated from the source). */
export interface SubstanceRecord {
  key: string;
  /** every way the ordinance writes it (the key first; chemical names given with 別名 follow) */
  written: string[];
  /** corpus ids of the 別表 entries listing it (`T3-E7`, `T1-E4-E3`, `T2-GEKI-E5`) */
  entries: string[];
  /** corpus ids of provisions naming it otherwise (provisos, exclusions, carve-backs, 第163条 items) */
  mentions: string[];
}

export interface IngredientDictionary {
  resolve(name: string): IngredientResolution;
  /** all canonical keys */
  keys(): string[];
  /**
   * The canonical key a name denotes when it is an ordinance key up to normalisation
   * (`インターフェロン-アルファ` → `インターフェロン—アルファ`, `クロラムフェニコール` → `クロラムフエニコール`);
   * undefined otherwise. For rule authors and loaders that want to check their substance names.
   */
  canonicalKey?(name: string): string | undefined;
  /** the generated record of an ordinance substance, by canonical key */
  substance?(key: string): SubstanceRecord | undefined;
}

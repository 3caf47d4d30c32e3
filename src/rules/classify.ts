/**
 * kb.classify(product): is it 要指示 (yoshiji), 毒薬・劇薬 (dokugeki), 指定医薬品 (shitei)?
 * (contract — implementation owned by the rules-engine work)
 */
import type { Corpus } from '../corpus/model.js';
import type { IngredientDictionary, MatchPath } from '../ingredients/types.js';
import type { Ruleset } from './ruleset.js';

/** Product facts. JSON Schema: rules/schema/product.schema.json. */
export interface Product {
  ingredients: {
    name: string;
    /** e.g. { value: 0.5, unit: '%' }, { value: 9.74, unit: 'mg', per: { value: 1, unit: '片' } }, { value: 100, unit: 'mg力価', per: { value: 1, unit: 'mL' } } */
    content?: { value: number; unit: string; per?: { value: number; unit: string } };
  }[];
  /** 内用剤 | 注射剤 | 外用剤 | 飼料添加剤 | 体外診断用医薬品 | 原体 | … */
  dosageForm: string;
  /** 外皮 | 眼 | 子宮内 | 膣内 | 耳 | その他 (for 外用剤) */
  applicationSite?: string;
  /** as the ordinance writes them (牛 馬 めん羊 山羊 豚 犬 猫 鶏 …); English names accepted */
  species: string[];
  /** optional extra facts, e.g. { purpose: '殺虫剤' } */
  [extra: string]: unknown;
}

export interface ClassifyOptions {
  /** ISO date (YYYY-MM-DD); default: today */
  asOf?: string;
}

/** A citation with the text it points to. */
export interface CitationView {
  id: string;
  label: string;
  excerpt: string;
}

/** One rule that fired (or was decisive by failing) for one ingredient. */
export interface RuleMatch {
  rule: string;
  title: string;
  /** listing | exclusion | carve-back | … */
  role: string;
  /** ingredient input name and how it matched the rule's substance */
  ingredient?: { input: string; key: string; path: MatchPath; curated: boolean; reasoning?: string };
  /** the conditions evaluated, each with its outcome */
  conditions: { fact: string; operator: string; value: unknown; factValue: unknown; result: boolean | 'unknown' }[];
  citations: CitationView[];
}

export interface Reason {
  /** machine code, e.g. `unknown-ingredient`, `missing-fact`, `source-not-available`, `species-out-of-scope` */
  code: string;
  message: string;
  /** field path (for missing-fact), e.g. `/applicationSite` */
  field?: string;
  suggestions?: string[];
}

export interface FamilyAnswer<S> {
  status: S;
  /** corpus node ids of the 別表 entries (and provisos) that decided the status */
  decidedBy: string[];
  matched: RuleMatch[];
  reasons: Reason[];
}

export interface Classification {
  yoshiji: FamilyAnswer<'required' | 'not_required' | 'unknown'>;
  poison: FamilyAnswer<'毒薬' | '劇薬' | 'none' | 'unknown'>;
  designated: FamilyAnswer<true | false | 'unknown'>;
  ingredients: { input: string; resolution: import('../ingredients/types.js').IngredientResolution }[];
  rulesetVersion: string;
  contentHash: string;
  asOf: string;
  /** e.g. that the encoded text is current to 平成31年3月29日 and later amendments are not encoded */
  caveats: string[];
}

export async function classify(_r: Ruleset, _d: IngredientDictionary, _c: Corpus, _p: Product, _o: ClassifyOptions): Promise<Classification> {
  throw new Error('not implemented');
}

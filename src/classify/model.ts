/**
 * The classification question's model: the product facts it takes and the answer it gives
 * (要指示 / 毒薬・劇薬 / 指定医薬品). Shared answer parts live in ../rules/answer.ts.
 */
import type { IngredientResolution, MatchPath } from '../ingredients/types.js';
import type { CitationView, ConditionResult, Reason } from '../rules/answer.js';
import type { Conversion } from './stoichiometry.js';

export type { CitationView, ConditionResult, Reason } from '../rules/answer.js';
export type { Conversion } from './stoichiometry.js';

/** Product facts. JSON Schema: rules/schema/product.schema.json. */
export interface Product {
  ingredients: {
    name: string;
    /** e.g. { value: 0.5, unit: '%' }, { value: 9.74, unit: 'mg', per: { value: 1, unit: '片' } }, { value: 100, unit: 'mg力価', per: { value: 1, unit: 'mL' } } */
    content?: {
      value: number;
      unit: string;
      per?: { value: number; unit: string };
      /** the substance the amount is expressed as (Xとして), e.g. `セレン`; default: the ingredient itself */
      as?: string;
    };
    /** further statements of the same amount in other bases or units (e.g. セレンとして% and 1バイアル中セレンとして µg); a threshold uses the first one (content, then contents) it can compare */
    contents?: { value: number; unit: string; per?: { value: number; unit: string }; as?: string }[];
  }[];
  /** 内用剤 | 注射剤 | 外用剤 | 飼料添加剤 | 体外診断用医薬品 | 原体, or a narrower form / explicit variant of the closed vocabulary (rules/schema/product.schema.json) */
  dosageForm: string;
  /** 外皮 | 眼 | 子宮内 | 膣内 | 耳 | その他 (for 外用剤) */
  applicationSite?: string;
  /** as the ordinance writes them (牛 馬 めん羊 山羊 豚 犬 猫 鶏), kana/English names of these, or another recognised animal (うさぎ …). Missing → answers that depend on it are unknown; an unrecognised name → unknown (unknown-species). */
  species?: string[];
  /** 製剤 (true) or 原体 (false); default: every dosageForm but 原体 is a 製剤 */
  isPreparation?: boolean;
  /** extra fact the rules read (第163条第3号, 別表第1第1号), e.g. 殺虫剤, 殺そ剤. No other field is accepted (rules/schema/product.schema.json). */
  purpose?: string;
}

export interface ClassifyOptions {
  /** ISO date (YYYY-MM-DD); default: today */
  asOf?: string;
  /** reuse rule evaluations across queries (same answers; see docs/classify.md § Performance); default with json-rules-engine: on, unless DOYAKU_NO_MEMO=1; with the compiled engine: off (its closures cost less than the memo's keys) unless `true` */
  memo?: boolean;
  /** which engine evaluates the rules: `compiled` closures (default) or `json-rules-engine` (the reference semantics; also DOYAKU_ENGINE=json-rules-engine); same answers (docs/classify.md § Engines) */
  engine?: 'compiled' | 'json-rules-engine';
}

/** One rule that fired (or was decisive by failing) for one ingredient. */
export interface RuleMatch {
  rule: string;
  title: string;
  /** listing | exclusion | carve-back | proviso | scope */
  role: string;
  /** does the rule (with its provisos and exclusions) apply: true, false or unknown */
  result?: boolean | 'unknown';
  /** ingredient input name and how it matched the rule's substance */
  ingredient?: { input: string; key: string; path: MatchPath; curated: boolean; reasoning?: string };
  /** the conditions evaluated, each with its outcome */
  conditions: ConditionResult[];
  citations: CitationView[];
}

/** 要指示医薬品 (第168条・別表第3) */
export type YoshijiStatus = 'required' | 'not_required' | 'unknown';
/** 毒薬・劇薬 (第163条・別表第2) */
export type PoisonStatus = '毒薬' | '劇薬' | 'none' | 'unknown';
/** 指定医薬品 (第115条の2・別表第1) — strings, as every family (was a JSON boolean before 0.2.0) */
export type DesignatedStatus = 'designated' | 'not_designated' | 'unknown';

/**
 * What settles a family's status: the ordinance's own text (`ordinance`), or the ordinance read with
 * the MAFF guidance (`guidance`: e.g. 12畜A第728号 第5 1(1) — 別表第2 lists the animal-only drugs the
 * human list does not, so a substance 別表第2 lists is 毒薬・劇薬 only as 別表第2 says).
 */
export type Basis = 'ordinance' | 'guidance';

/** A guidance paragraph an answer relies on (data/annotations/: id, label, verbatim excerpt). */
export interface GuidanceView {
  /** annotation id, e.g. `G5-1-p1` */
  id: string;
  /** e.g. `12畜A第728号 第5 1 (1)` */
  label: string;
  excerpt: string;
  /** the corpus nodes the paragraph interprets */
  interprets: string[];
}

export interface FamilyAnswer<S> {
  status: S;
  /** what settled the status: the ordinance, or the ordinance read with the guidance (then `guidance` cites it) */
  basis: Basis;
  /** the guidance paragraphs the answer relies on (present when basis is `guidance`) */
  guidance?: GuidanceView[];
  /** corpus node ids of the 別表 entries (and provisos) that decided the status */
  decidedBy: string[];
  matched: RuleMatch[];
  reasons: Reason[];
}

export interface Classification {
  yoshiji: FamilyAnswer<YoshijiStatus>;
  poison: FamilyAnswer<PoisonStatus>;
  designated: FamilyAnswer<DesignatedStatus>;
  /** each ingredient as given, how its name resolved, and any stoichiometric restatement of its amount (Xとして) */
  ingredients: { input: string; resolution: IngredientResolution; conversions?: Conversion[] }[];
  rulesetVersion: string;
  contentHash: string;
  asOf: string;
  /** e.g. that the encoded text is current to 平成31年3月29日 and later amendments are not encoded */
  caveats: string[];
}


/**
 * The rule model: what a YAML rule file holds (rules/schema/rule-file.schema.json, documented in
 * docs/rules-format.md) and what the loader makes of it.
 */

/** yoshiji = 要指示医薬品 (別表第3), dokugeki = 毒薬・劇薬 (別表第2, 第163条), shitei = 指定医薬品 (別表第1). */
export type Family = 'yoshiji' | 'dokugeki' | 'shitei';
export const families: readonly Family[] = ['yoshiji', 'dokugeki', 'shitei'];

export type Role = 'listing' | 'exclusion' | 'scope';
export type Outcome = 'required' | '毒薬' | '劇薬' | 'none' | 'designated';

/** What the wording of a listing covers (docs/rules-format.md § Coverage). */
export type Coverage =
  | 'substance'
  | 'substance-and-salts'
  | 'substance-and-preparations'
  | 'substance-salts-and-preparations'
  | 'preparations'
  | 'preparations-of-substance-or-salts'
  | 'derivatives-salts-and-preparations';

export interface Effective {
  from: string;
  /** first day not in force (exclusive) */
  to?: string;
}

export interface Threshold {
  as?: string;
  lte?: number;
  lt?: number;
  gte?: number;
  gt?: number;
  unit: string;
  per?: { value: number; unit: string };
  factors?: Record<string, number>;
}

/** The domain condition vocabulary; every key must hold (AND). */
export interface When {
  species?: string | string[];
  form?: string | string[];
  site?: string | string[];
  preparation?: boolean;
  contains?: string | string[];
  containsClass?: string | string[];
  ingredient?: string | string[];
  poison?: string | string[];
  content?: Threshold;
  fact?: Record<string, string | number | boolean | (string | number | boolean)[]>;
  all?: When[];
  any?: When[];
  not?: When;
}

export interface Provenance {
  curated: boolean;
  reasoning: string;
  source?: string;
}

export interface ExceptionSpec {
  id?: string;
  title: string;
  citations?: string[];
  when: When;
  notes?: string;
  provenance?: Provenance;
}

/** A rule as written in a file. */
export interface RuleSpec {
  id: string;
  title: string;
  role: Role;
  group?: string;
  citations: string[];
  effective?: Effective;
  amendedBy?: string;
  replaces?: string[];
  substances?: string | string[];
  classes?: string | string[];
  coverage?: Coverage;
  when?: When;
  except?: ExceptionSpec[];
  outcome?: Outcome;
  appliesTo?: 'family' | string[];
  otherwise?: 'not_required' | 'none' | 'not_designated';
  reason?: string;
  notes?: string;
  provenance?: Provenance;
}

export interface EndSpec {
  rule: string;
  on: string;
  amendedBy?: string;
  citations?: string[];
  notes?: string;
}

export interface RuleFileSpec {
  family: Family;
  effective: Effective;
  amendedBy: string;
  description?: string;
  rules: RuleSpec[];
  ends?: EndSpec[];
}

export interface ManifestSpec {
  ruleset: string;
  version: string;
  encodes: { law: string; amendedUpTo: string; inForce: string };
  files: string[];
}

/** An exception (proviso or carve-back) after loading. */
export interface Exception {
  /** `<rule id>#<local id>` */
  id: string;
  title: string;
  citations: string[];
  when: When;
  notes?: string;
  provenance?: Provenance;
}

/** A rule after loading: defaults from its file applied, lists normalised, its end date known. */
export interface Rule {
  id: string;
  family: Family;
  title: string;
  role: Role;
  group?: string;
  citations: string[];
  effective: Effective;
  amendedBy: string;
  replaces: string[];
  substances: string[];
  classes: string[];
  coverage?: Coverage;
  when?: When;
  except: Exception[];
  outcome?: Outcome;
  appliesTo?: 'family' | string[];
  otherwise?: string;
  reason?: string;
  notes?: string;
  provenance?: Provenance;
  /** where it was written */
  source: { file: string; pointer: string };
  /** why and by what it ends, when it ends (an `ends` entry or a replacing rule) */
  endedBy?: { on: string; by: string; amendedBy: string; kind: 'ended' | 'replaced' };
}

/** One problem found while loading rules. */
export interface RuleProblem {
  file: string;
  line: number;
  col: number;
  /** JSON pointer into the file's content */
  pointer: string;
  message: string;
}

export const asArray = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/**
 * The license question's model: the license categories as written in rules/licenses/*.yaml
 * (rules/schema/licenses.schema.json) and the answers of `kb.licenses()` / `kb.license()`
 * (rules/schema/license.answer.schema.json).
 */
import type { AnswerEnvelope, CitationView, Reason } from '../rules/answer.js';
import type { Period } from '../rules/dates.js';

export type ProductCategory = '医薬品' | '医薬部外品' | '医療機器' | '体外診断用医薬品' | '再生医療等製品';

interface Provenance {
  curated: boolean;
  reasoning: string;
  source?: string;
}

export interface CitedSpec {
  text: string;
  en?: string;
  citations: string[];
  basis?: 'ordinance' | 'guidance' | 'act' | 'curated';
  act?: string;
  guidance?: string[];
  provenance?: Provenance;
}

export interface ActOnlySpec {
  status: 'ordinance' | 'act' | 'none';
  text: string;
  en?: string;
  act?: string;
  citations?: string[];
  provenance?: Provenance;
}

export interface DivisionSpec {
  id: string;
  name: string;
  citations: string[];
  act?: string;
  provenance?: Provenance;
}

export interface StaffSpec {
  role: string;
  when?: string;
  qualifications: { text: string; years?: number; citations?: string[] }[];
  citations: string[];
  act?: string;
  notes?: string;
}

export interface LicenseRecordSpec {
  record: string;
  period?: Period;
  start?: string;
  duty?: 'mandatory' | 'effort' | 'no-period';
  text?: string;
  citations: string[];
  act?: string;
}

/** A license rule as written (the `spec` of its FamilyRule). */
export interface LicenseSpec {
  id: string;
  title: string;
  citations: string[];
  notes?: string;
  provenance?: Provenance;
  name: string;
  aliases?: string[];
  type: '許可' | '登録' | '認定' | '届出';
  group?: string;
  holder: string;
  retentionLicenses?: string[];
  grantor: CitedSpec;
  validity: { period: ActOnlySpec; renewal: ActOnlySpec };
  kinds?: DivisionSpec[];
  divisions?: DivisionSpec[];
  products: ProductCategory[];
  may: {
    activities: CitedSpec[];
    items?: CitedSpec;
    buyers?: { scope: 'any' | 'listed' | 'none'; allowed?: string[]; text: string; en?: string; citations?: string[]; act?: string; provenance?: Provenance };
  };
  seller?: { medicineSeller?: boolean; poisonDocumentDuty?: boolean };
  staffing: StaffSpec[];
  records: LicenseRecordSpec[];
  designated?: CitedSpec;
  yoshiji?: CitedSpec;
  related?: string[];
}

/** A statement of the answer with its citations resolved to excerpts. */
export interface CitedView {
  text: string;
  en?: string;
  citations: CitationView[];
  basis: 'ordinance' | 'guidance' | 'act' | 'curated';
  act?: string;
  guidance?: { id: string; label: string; excerpt: string }[];
  provenance?: Provenance;
}

/** A point that may be the Act's: `status: unknown` + reason `source-not-available` unless the rule records the Act source. */
export interface ValidityPoint {
  status: 'ordinance' | 'act' | 'none' | 'unknown';
  text: string;
  en?: string;
  act?: string;
  citations: CitationView[];
  reasons: Reason[];
  provenance?: Provenance;
}

export interface LicenseRecordView {
  record: string;
  period?: Period;
  start?: string;
  duty: 'mandatory' | 'effort' | 'no-period';
  text?: string;
  act?: string;
  citations: CitationView[];
  /** where the entry comes from: the license rule, or the retention question (kb.retentionObligations) */
  source: 'license' | 'retention';
  /** retention rule id, when the retention question lists it */
  retentionRule?: string;
  /** the period in short, as the retention question states it (e.g. 最終の記載の日から2年) */
  periodText?: string;
  /** retention kind: mandatory | effort | no-period | until-event | act-period */
  kind?: string;
  /** the provision the obligation reaches this licence through (準用) */
  via?: string;
}

export type DivisionView = Omit<DivisionSpec, 'citations'> & { citations: CitationView[] };

export interface License {
  id: string;
  name: string;
  title: string;
  aliases: string[];
  type: LicenseSpec['type'];
  group?: string;
  holder: string;
  grantor: CitedView;
  validity: { period: ValidityPoint; renewal: ValidityPoint };
  kinds: DivisionView[];
  divisions: DivisionView[];
  products: ProductCategory[];
  may: {
    activities: CitedView[];
    items?: CitedView;
    buyers?: { scope: 'any' | 'listed' | 'none'; allowed: string[]; text: string; en?: string; citations: CitationView[]; act?: string; provenance?: Provenance };
  };
  staffing: (Omit<StaffSpec, 'citations' | 'qualifications'> & { citations: CitationView[]; qualifications: { text: string; years?: number; citations: CitationView[] }[] })[];
  records: LicenseRecordView[];
  designated?: CitedView;
  yoshiji?: CitedView;
  related: string[];
  citations: CitationView[];
  effective: { from: string; to?: string };
  amendedBy: string;
  source: { file: string; line: number };
}

export interface LicenseAnswer extends AnswerEnvelope {
  license: License;
}

export interface LicenseListAnswer extends AnswerEnvelope {
  licenses: { id: string; name: string; type: LicenseSpec['type']; group?: string; holder: string; grantor: string; products: ProductCategory[]; citations: string[] }[];
}

export interface LicenseOptions {
  /** ISO date (YYYY-MM-DD); default: today */
  asOf?: string;
}

/**
 * Annotations: the MAFF guidance 12畜A第728号 (data/source/guidance.txt), split into its own
 * numbered paragraphs and linked to the ordinance nodes they interpret.
 *
 * Ids: `G5` (第5), `G5-2` (第5 2), `G5-2-p1` ((1)), `G5-2-p1-k1` (ア; k = katakana index, ア=1),
 * `G5-2-p1-k1-kp1` ((ア)). Labels as a person cites them: `第5 2 (1) ア`.
 */
import type { Crumb } from '../corpus/model.js';

export type CitationStatus =
  | 'same' //        2009 number still points to the same provision
  | 'renumbered' //  the provision now has another number (see data/annotations/crosswalk-2009.yaml)
  | 'act' //         a citation of the Act (法) or another law, not the ordinance
  | 'obsolete' //    the provision no longer exists (e.g. 検定合格証紙)
  | 'unresolved'; // could not be decided

export interface AnnotationCitation {
  /** as written in the guidance, e.g. `規則第百六十九条` */
  text: string;
  /** normalised, e.g. `規則第169条` */
  normalized: string;
  status: CitationStatus;
  /** current ordinance node id, when status is same or renumbered */
  target?: string;
  /** for act citations: the law, e.g. `法`, `令`, `獣医師法` */
  law?: string;
  note?: string;
}

export interface Annotation {
  id: string;
  label: string;
  heading?: string;
  text: string;
  norm: string;
  breadcrumb: Crumb[];
  /** 1-based line range in data/source/guidance.txt */
  lines: number[];
  citations: AnnotationCitation[];
  /** ordinance node ids this paragraph interprets (from its citations and curated links) */
  interprets: string[];
  /** points on which the guidance no longer matches the current text */
  outdated?: { point: string; detail: string; current?: string[] }[];
}

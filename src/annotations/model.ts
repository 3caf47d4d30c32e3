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
  /** character offset of `text` inside the annotation's verbatim `text` */
  offset?: number;
  /** true when the status was decided by a person (an entry of crosswalk-2009.yaml marked curated) */
  curated?: boolean;
  /** for obsolete citations: the current provision that took over the subject, if any */
  successor?: string;
  /**
   * true when the citation is quoted as the words a 読み替え replaces (「規則第百一条」とあるのは…):
   * the paragraph does not interpret it, so it is left out of `interprets`
   */
  replaced?: boolean;
  /** true when the crosswalk says the paragraph does not interpret the cited node (see its evidence) */
  unlinked?: boolean;
}

/** A point on which the guidance no longer matches the current ordinance text. */
export interface OutdatedPoint {
  /** short name of the point, e.g. `要指示医薬品から除く外用剤` */
  point: string;
  /** what differs, in words (the guidance's version against the current one) */
  detail: string;
  /** current ordinance node ids that state the point today */
  current?: string[];
  /** true when a person recorded the point (data/annotations/links.yaml); absent when computed */
  curated?: boolean;
}

/** A curated link from a paragraph to a provision it discusses without citing it by number. */
export interface TopicLink {
  target: string;
  reason: string;
}

/** An amendment-history line closing a section (`1~3…一部改正17、4…追加8`): history, not guidance text. */
export interface HistoryLine {
  text: string;
  /** 1-based line in data/source/guidance.txt */
  line: number;
}

/** One entry of data/annotations/crosswalk-2009.yaml: a 2009 ordinance number and where it is today. */
export interface CrosswalkEntry {
  /** the 2009 label, normalised: `規則第101条第1項第3号`, `規則別記様式第49号(一)`, `規則別表第3` */
  old: string;
  /** current node id, or null when the provision no longer exists */
  new: string | null;
  status: 'same' | 'renumbered' | 'obsolete' | 'unresolved';
  /** the phrase or reasoning that decided it */
  evidence: string;
  /** a phrase the build checks occurs in the text of `new` (or of `successor`) */
  phrase?: string;
  /** for obsolete entries: the current provision that took over the subject */
  successor?: string;
  /** true where a human judgement was made */
  curated?: boolean;
  /** false: the citing paragraph is not about this node today (e.g. a 準用 that no longer exists); default true */
  link?: boolean;
}

export interface Annotation {
  id: string;
  label: string;
  heading?: string;
  text: string;
  norm: string;
  breadcrumb: Crumb[];
  /** the 1-based lines of data/source/guidance.txt this annotation owns itself, ascending (not its children's) */
  lines: number[];
  citations: AnnotationCitation[];
  /** ordinance node ids this paragraph interprets (from its citations and curated links) */
  interprets: string[];
  /** curated links behind some of `interprets` (paragraphs that discuss a provision without citing it) */
  links?: TopicLink[];
  /** points on which the guidance no longer matches the current text */
  outdated?: OutdatedPoint[];
  /** references to other paragraphs of the guidance (`3(7)から(12)まで`, `第2の1の(4)のア及びイ`), resolved to their ids */
  crossRefs?: { text: string; offset: number; targets: string[] }[];
  /** amendment-history lines of a section (sections only) */
  history?: HistoryLine[];
  /** depth: 0 section (第5), 1 number (2), 2 paragraph ((1)), 3 katakana item (ア), 4 ((ア)); -1 for the preamble */
  level?: number;
  parent?: string;
  children?: string[];
}

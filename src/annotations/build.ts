/**
 * Builds the annotations from the guidance text, the crosswalk, the curated links and the corpus.
 * Pure: reads nothing from disk (scripts/build-annotations.ts does the I/O).
 */
import type { Corpus } from '../corpus/model.js';
import { candidateId, extractCitations, type RawCitation } from './citations.js';
import { verifyCrosswalk, type LinksFile } from './crosswalk.js';
import type { Annotation, AnnotationCitation, CitationStatus, CrosswalkEntry } from './model.js';
import { findCrossRefs } from './crossrefs.js';
import { computeOutdated } from './outdated.js';
import { splitGuidance } from './split.js';

export interface BuildInput {
  guidance: string;
  crosswalk: Map<string, CrosswalkEntry>;
  links: LinksFile;
  corpus: Corpus;
}

export interface BuildReport {
  annotations: number;
  citations: number;
  byStatus: Record<CitationStatus, number>;
  /** ordinance citations (規則) by status */
  ordinanceByStatus: Record<CitationStatus, number>;
  crosswalk: { entries: number; byStatus: Record<string, number>; curated: number };
  outdated: { annotations: number; points: number; computed: number; curated: number };
  historyLines: number;
  /** ordinance citations whose 2009 label has no crosswalk entry (computed instead) */
  notInCrosswalk: string[];
  /** crosswalk entries no citation uses */
  unusedCrosswalk: string[];
}

export interface BuildResult {
  annotations: Annotation[];
  report: BuildReport;
  /** problems that make the data wrong (the script fails on them) */
  problems: string[];
}

const LAW_NOTES: Record<string, string> = {
  施行規則: 'the MHLW ordinance for human drugs (薬事法施行規則, now 医薬品医療機器等法施行規則); not in our sources',
  改正法: '薬事法の一部を改正する法律 (平成18年法律第69号; the guidance writes 第九十六号)',
  本通知: 'an annex of the guidance itself (別表・別記様式・別添), not reproduced in our sources',
};

function emptyStatus(): Record<CitationStatus, number> {
  return { same: 0, renumbered: 0, act: 0, obsolete: 0, unresolved: 0 };
}

/** Is this a citation of the ordinance (規則 or one of its 附則)? */
export function isOrdinanceLaw(law: string): boolean {
  return law === '規則' || law.startsWith('規則附則');
}

function lookup(crosswalk: Map<string, CrosswalkEntry>, c: RawCitation): CrosswalkEntry | undefined {
  return crosswalk.get(c.normalized);
}

function resolve(c: RawCitation, crosswalk: Map<string, CrosswalkEntry>, corpus: Corpus, used: Set<string>, missing: Set<string>): AnnotationCitation {
  const base = { text: c.text, normalized: c.normalized, offset: c.offset };
  if (c.own) return { ...base, status: 'act', law: '本通知', note: LAW_NOTES['本通知'] };
  if (!isOrdinanceLaw(c.law)) {
    const note = LAW_NOTES[c.law];
    return { ...base, status: 'act', law: c.law, ...(note ? { note } : {}) };
  }
  const e = lookup(crosswalk, c);
  if (e) {
    used.add(e.old);
    return {
      ...base,
      status: e.status,
      ...(e.new ? { target: e.new } : {}),
      note: e.evidence,
      ...(e.curated ? { curated: true } : {}),
      ...(e.successor ? { successor: e.successor } : {}),
      ...(e.link === false ? { unlinked: true } : {}),
    };
  }
  missing.add(c.normalized);
  const id = candidateId(c.law, c.locator);
  const node = id ? corpus.nodes.get(id) : undefined;
  if (!id || !node) {
    return { ...base, status: 'unresolved', note: `not in crosswalk-2009.yaml and ${id ? `${id} is not a node of the current text` : 'no node id could be formed'}` };
  }
  if (node.deleted) return { ...base, status: 'obsolete', note: `${node.label} is 削除 in the current text (computed; not in crosswalk-2009.yaml)` };
  return { ...base, status: 'same', target: id, note: `computed: ${node.label} still exists; not checked by content (not in crosswalk-2009.yaml)` };
}

/** Is the citation quoted as the words a 読み替え replaces: 「…規則第百一条…」とあるのは ? */
export function isReplacedQuote(text: string, offset: number, length: number): boolean {
  const open = text.lastIndexOf('「', offset);
  if (open < 0) return false;
  const closeBefore = text.lastIndexOf('」', offset);
  if (closeBefore > open) return false;
  const close = text.indexOf('」', offset + length);
  if (close < 0) return false;
  return text.startsWith('とあるのは', close + 1);
}

/** Node ids from `from` to `to` among the same parent's children (a range 「…から…まで」). */
function rangeIds(corpus: Corpus, from: string, to: string): string[] {
  const a = corpus.nodes.get(from);
  const b = corpus.nodes.get(to);
  if (!a || !b) return [];
  if (a.parent && a.parent === b.parent) {
    const sib = corpus.nodes.get(a.parent)!.children;
    const i = sib.indexOf(from);
    const j = sib.indexOf(to);
    return i >= 0 && j >= i ? sib.slice(i, j + 1) : [];
  }
  // articles under different chapters/sections: walk the document order of Article nodes
  if (a.kind === 'Article' && b.kind === 'Article') {
    const ids = [...corpus.nodes.values()].filter((n) => n.kind === 'Article' && !n.id.startsWith('SP')).map((n) => n.id);
    const i = ids.indexOf(from);
    const j = ids.indexOf(to);
    return i >= 0 && j >= i ? ids.slice(i, j + 1) : [];
  }
  return [];
}

/** Machine text: citations written in normalised form (第169条 for 第百六十九条), NFKC, one space. */
function normText(text: string, cites: RawCitation[]): string {
  let s = '';
  let at = 0;
  for (const c of [...cites].sort((x, y) => x.offset - y.offset)) {
    if (c.offset < at || c.own) continue;
    s += text.slice(at, c.offset) + c.normalized;
    at = c.offset + c.text.length;
  }
  s += text.slice(at);
  return s.normalize('NFKC').replace(/[ \t\u00a0\u3000]+/g, ' ');
}

export function buildAnnotations(input: BuildInput): BuildResult {
  const { guidance, crosswalk, links, corpus } = input;
  const problems: string[] = [];
  const paragraphs = splitGuidance(guidance);
  const ids = new Set(paragraphs.map((p) => p.id));
  const used = new Set<string>();
  const missing = new Set<string>();

  for (const l of links.links) {
    if (!ids.has(l.annotation)) problems.push(`links.yaml:${l.line}: annotation ${l.annotation} does not exist`);
    for (const t of l.interprets) if (!corpus.nodes.has(t)) problems.push(`links.yaml:${l.line}: ${t} is not a node of the corpus`);
  }
  for (const o of links.outdated) {
    if (!ids.has(o.annotation)) problems.push(`links.yaml:${o.line}: annotation ${o.annotation} does not exist`);
    for (const t of o.current ?? []) if (!corpus.nodes.has(t)) problems.push(`links.yaml:${o.line}: ${t} is not a node of the corpus`);
  }
  problems.push(...verifyCrosswalk(crosswalk, corpus).map((p) => `crosswalk-2009.yaml: ${p}`));

  /** last citation of each paragraph, for 本条 / 同条 at the start of the next sibling */
  const lastCite = new Map<string, RawCitation>();
  const prevSibling = new Map<string, string>();
  for (const p of paragraphs) p.children.forEach((c, i) => i > 0 && prevSibling.set(c, p.children[i - 1]!));
  let computedPoints = 0;
  let curatedPoints = 0;
  const annotations: Annotation[] = paragraphs.map((p) => {
    const text = p.texts.join('\n');
    const prev = prevSibling.get(p.id);
    const raws = extractCitations(text, prev ? lastCite.get(prev) : undefined);
    if (raws.length) lastCite.set(p.id, raws[raws.length - 1]!);
    const citations = raws.map((c) => {
      const r = resolve(c, crosswalk, corpus, used, missing);
      return isReplacedQuote(text, c.offset, c.text.length) ? { ...r, replaced: true } : r;
    });
    const interprets: string[] = [];
    const add = (id: string | undefined) => {
      if (id && !interprets.includes(id)) interprets.push(id);
    };
    citations.forEach((c, i) => {
      if (c.status !== 'same' && c.status !== 'renumbered') return;
      if (c.replaced || c.unlinked) return;
      const raw = raws[i]!;
      const prev = citations[i - 1];
      if (raw.rangeEnd && prev?.target && c.target) rangeIds(corpus, prev.target, c.target).forEach(add);
      add(c.target);
    });
    const myLinks = links.links.filter((l) => l.annotation === p.id);
    for (const l of myLinks) l.interprets.forEach(add);
    const outdated = computeOutdated(text, corpus, interprets);
    computedPoints += outdated.length;
    for (const o of links.outdated.filter((x) => x.annotation === p.id)) {
      outdated.push({ point: o.point, detail: o.detail, ...(o.current ? { current: o.current } : {}), curated: true });
      curatedPoints++;
    }
    const crossRefs = findCrossRefs(text, p.id, (id) => ids.has(id));
    const a: Annotation = {
      id: p.id,
      label: p.label,
      ...(p.heading ? { heading: p.heading } : {}),
      text,
      norm: normText(text, raws),
      breadcrumb: p.breadcrumb,
      lines: p.lines,
      citations,
      interprets,
      ...(myLinks.length ? { links: myLinks.flatMap((l) => l.interprets.map((target) => ({ target, reason: l.reason }))) } : {}),
      ...(outdated.length ? { outdated } : {}),
      ...(crossRefs.length ? { crossRefs } : {}),
      ...(p.history ? { history: p.history } : {}),
      level: p.level,
      ...(p.parent ? { parent: p.parent } : {}),
      children: p.children,
    };
    return a;
  });

  for (const a of annotations) {
    for (const c of a.citations) {
      for (const id of [c.target, c.successor]) {
        if (id && !corpus.nodes.has(id)) problems.push(`${a.id}: citation ${c.text} → ${id} is not a node of the corpus`);
      }
    }
  }

  const byStatus = emptyStatus();
  const ordinanceByStatus = emptyStatus();
  let citationsCount = 0;
  for (const a of annotations) {
    for (const c of a.citations) {
      citationsCount++;
      byStatus[c.status]++;
      if (c.status !== 'act') ordinanceByStatus[c.status]++;
    }
  }
  const cwByStatus: Record<string, number> = {};
  let cwCurated = 0;
  for (const e of crosswalk.values()) {
    cwByStatus[e.status] = (cwByStatus[e.status] ?? 0) + 1;
    if (e.curated) cwCurated++;
  }
  const report: BuildReport = {
    annotations: annotations.length,
    citations: citationsCount,
    byStatus,
    ordinanceByStatus,
    crosswalk: { entries: crosswalk.size, byStatus: cwByStatus, curated: cwCurated },
    outdated: {
      annotations: annotations.filter((a) => a.outdated?.length).length,
      points: computedPoints + curatedPoints,
      computed: computedPoints,
      curated: curatedPoints,
    },
    historyLines: annotations.reduce((n, a) => n + (a.history?.length ?? 0), 0),
    notInCrosswalk: [...missing].sort(),
    unusedCrosswalk: [...crosswalk.keys()].filter((k) => !used.has(k)),
  };
  return { annotations, report, problems };
}

/**
 * The 2009 → current crosswalk (data/annotations/crosswalk-2009.yaml) and the curated links file
 * (data/annotations/links.yaml): reading, validating (errors name file:line and the field), and
 * deciding the status of one ordinance citation.
 */
import { LineCounter, parseDocument, isSeq, isMap, type YAMLMap } from 'yaml';
import type { Corpus } from '../corpus/model.js';
import { subtree } from '../corpus/tree.js';
import type { CrosswalkEntry, OutdatedPoint } from './model.js';

export class AnnotationDataError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly path: string,
    message: string,
  ) {
    super(`${file}:${line}: ${path}: ${message}`);
    this.name = 'AnnotationDataError';
  }
}

const STATUSES = new Set(['same', 'renumbered', 'obsolete', 'unresolved']);

interface Located<T> {
  value: T;
  line: number;
}

function readSeq(text: string, file: string): Located<Record<string, unknown>>[] {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false });
  if (doc.errors.length) {
    const e = doc.errors[0]!;
    throw new AnnotationDataError(file, lc.linePos(e.pos[0]).line, '(document)', e.message);
  }
  const root = doc.contents;
  if (root === null || root === undefined) return [];
  if (!isSeq(root)) throw new AnnotationDataError(file, 1, '(document)', 'expected a list of entries');
  return root.items.map((item, i) => {
    const line = item && typeof item === 'object' && 'range' in item && item.range ? lc.linePos(item.range[0]).line : 1;
    if (!isMap(item)) throw new AnnotationDataError(file, line, `[${i}]`, 'expected a mapping');
    return { value: (item as YAMLMap).toJSON() as Record<string, unknown>, line };
  });
}

function str(v: Record<string, unknown>, key: string, file: string, line: number, i: number, required = true): string | undefined {
  const x = v[key];
  if (x === undefined || x === null) {
    if (required) throw new AnnotationDataError(file, line, `[${i}].${key}`, 'is required');
    return undefined;
  }
  if (typeof x !== 'string' || x.trim() === '') throw new AnnotationDataError(file, line, `[${i}].${key}`, 'must be a non-empty string');
  return x;
}

/** Parses crosswalk-2009.yaml. */
export function parseCrosswalk(text: string, file = 'crosswalk-2009.yaml'): Map<string, CrosswalkEntry> {
  const out = new Map<string, CrosswalkEntry>();
  readSeq(text, file).forEach(({ value: v, line }, i) => {
    const allowed = new Set(['old', 'new', 'status', 'evidence', 'phrase', 'successor', 'curated', 'link']);
    for (const k of Object.keys(v)) {
      if (!allowed.has(k)) throw new AnnotationDataError(file, line, `[${i}].${k}`, `unknown field (expected one of ${[...allowed].join(', ')})`);
    }
    const old = str(v, 'old', file, line, i)!;
    const status = str(v, 'status', file, line, i)!;
    if (!STATUSES.has(status)) throw new AnnotationDataError(file, line, `[${i}].status`, `must be one of ${[...STATUSES].join(', ')} (got ${status})`);
    const evidence = str(v, 'evidence', file, line, i)!;
    const nw = v.new === null || v.new === undefined ? null : str(v, 'new', file, line, i)!;
    if ((status === 'same' || status === 'renumbered') && !nw) throw new AnnotationDataError(file, line, `[${i}].new`, `a ${status} entry needs the current node id`);
    if (status === 'obsolete' && nw) throw new AnnotationDataError(file, line, `[${i}].new`, 'an obsolete entry has new: null (use successor for the provision that took over)');
    if (v.curated !== undefined && typeof v.curated !== 'boolean') throw new AnnotationDataError(file, line, `[${i}].curated`, 'must be true or false');
    if (out.has(old)) throw new AnnotationDataError(file, line, `[${i}].old`, `duplicate entry ${old}`);
    const e: CrosswalkEntry = { old, new: nw, status: status as CrosswalkEntry['status'], evidence };
    const phrase = str(v, 'phrase', file, line, i, false);
    if (phrase) e.phrase = phrase;
    const successor = str(v, 'successor', file, line, i, false);
    if (successor) e.successor = successor;
    if (v.curated === true) e.curated = true;
    if (v.link !== undefined && typeof v.link !== 'boolean') throw new AnnotationDataError(file, line, `[${i}].link`, 'must be true or false');
    if (v.link === false) e.link = false;
    out.set(old, e);
  });
  return out;
}

/** A curated link or outdated point from links.yaml. */
export interface CuratedLink {
  annotation: string;
  interprets: string[];
  reason: string;
  line: number;
}
export interface CuratedOutdated extends OutdatedPoint {
  annotation: string;
  line: number;
}
export interface LinksFile {
  links: CuratedLink[];
  outdated: CuratedOutdated[];
}

/**
 * Parses links.yaml: a list of entries, each either a topic link
 * `{ annotation, interprets: [ids], reason }` or an outdated point
 * `{ annotation, outdated: { point, detail, current: [ids] } }`.
 */
export function parseLinks(text: string, file = 'links.yaml'): LinksFile {
  const out: LinksFile = { links: [], outdated: [] };
  readSeq(text, file).forEach(({ value: v, line }, i) => {
    const annotation = str(v, 'annotation', file, line, i)!;
    if (v.outdated !== undefined) {
      const o = v.outdated as Record<string, unknown>;
      if (!o || typeof o !== 'object') throw new AnnotationDataError(file, line, `[${i}].outdated`, 'must be a mapping');
      const point = str(o, 'point', file, line, i)!;
      const detail = str(o, 'detail', file, line, i)!;
      const current = o.current;
      if (current !== undefined && (!Array.isArray(current) || current.some((c) => typeof c !== 'string'))) {
        throw new AnnotationDataError(file, line, `[${i}].outdated.current`, 'must be a list of node ids');
      }
      out.outdated.push({ annotation, point, detail, ...(current ? { current: current as string[] } : {}), curated: true, line });
      return;
    }
    const ids = v.interprets;
    if (!Array.isArray(ids) || ids.length === 0 || ids.some((c) => typeof c !== 'string')) {
      throw new AnnotationDataError(file, line, `[${i}].interprets`, 'must be a non-empty list of node ids');
    }
    out.links.push({ annotation, interprets: ids as string[], reason: str(v, 'reason', file, line, i)!, line });
  });
  return out;
}

/** Text of a node and all its descendants (verbatim and normalised, plus captions). */
export function subtreeText(corpus: Corpus, id: string): string {
  return subtree(corpus, id)
    .flatMap((n) => [...(n.caption ? [n.caption] : []), n.text, n.norm, ...(n.cells ? [n.cells.join(' ')] : [])])
    .join('\n');
}

/** Loose form for phrase matching: no spaces, ASCII digits. */
export function loose(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[\s\u00a0\u3000]/g, '')
    .replace(/・/g, '.');
}

/**
 * Checks the crosswalk against the corpus: every `new` / `successor` exists, and every phrase
 * occurs in the text of its node. Returns the problems, each naming the entry.
 */
export function verifyCrosswalk(entries: Map<string, CrosswalkEntry>, corpus: Corpus): string[] {
  const problems: string[] = [];
  for (const e of entries.values()) {
    for (const [field, id] of [['new', e.new], ['successor', e.successor]] as const) {
      if (id && !corpus.nodes.has(id)) problems.push(`${e.old}: ${field} ${id} is not a node of the corpus`);
    }
    const at = e.new ?? e.successor;
    if (e.phrase && at && corpus.nodes.has(at) && !loose(subtreeText(corpus, at)).includes(loose(e.phrase))) {
      problems.push(`${e.old}: phrase 「${e.phrase}」 does not occur in ${at}`);
    }
    if (e.status === 'same' && e.new && corpus.nodes.get(e.new)?.deleted) problems.push(`${e.old}: ${e.new} is 削除 today`);
  }
  return problems;
}

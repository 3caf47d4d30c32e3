/**
 * Rule families beyond classification — retention, licenses, transactions, labels, reports — share
 * one loader and one versioning scheme with it (see docs/rules-format.md § Other families):
 *
 * - a file `rules/<family>/*.yaml` starts with `family: <name>`, `effective`, `amendedBy`, and holds
 *   `rules:` (and optionally `ends:`); it is validated against `rules/schema/<family>.schema.json`,
 *   which builds on `rules/schema/common.schema.json` (citations, effective, provenance, condition …);
 * - every rule has `id` (`<family>.<label>`), `title`, `citations`, and may have `effective`,
 *   `amendedBy`, `replaces`, `notes`, `provenance`; everything else is the family's own;
 * - every `citations` array anywhere inside a rule (its variants, exemptions, items …) is checked
 *   against the corpus, each unknown id reported at its file:line with the nearest ids;
 * - the rule as written is kept, frozen, in `spec`; the question code reads it.
 */
import type { Corpus } from '../corpus/model.js';
import type { Effective, RuleProblem } from './model.js';
import { nearest } from './nearest.js';
import { positionOf, type Located } from './positions.js';

/** The classification families, loaded by the classification path of the loader. */
export const classifyFamilies: ReadonlySet<string> = new Set(['yoshiji', 'dokugeki', 'shitei']);

/** A rule of any family beyond classification, after loading. */
export interface FamilyRule<S = Record<string, unknown>> {
  id: string;
  family: string;
  title: string;
  citations: string[];
  effective: Effective;
  amendedBy: string;
  replaces: string[];
  notes?: string;
  /** the rule as written in its file (frozen): the family's own keys */
  spec: S;
  /** where it was written */
  source: { file: string; pointer: string; line: number };
  endedBy?: { on: string; by: string; amendedBy: string; kind: 'ended' | 'replaced' };
}

export interface FamilyFileSpec {
  family: string;
  effective: Effective;
  amendedBy: string;
  description?: string;
  rules: (Record<string, unknown> & { id: string; title: string; citations: string[]; effective?: Effective; amendedBy?: string; replaces?: string[]; notes?: string })[];
  ends?: { rule: string; on: string; amendedBy?: string; citations?: string[]; notes?: string }[];
}

/** The `family:` of a rule file, read from its text without parsing it. */
export function familyOfText(text: string): string | undefined {
  return /^family:\s*['"]?([A-Za-z0-9_-]+)/m.exec(text)?.[1];
}

type Where = Map<string, { file: string; located: Located; pointer: string }>;

/** Every `citations` array inside a value, with its JSON pointer. */
function citationArrays(v: unknown, pointer: string, out: { pointer: string; ids: unknown[] }[] = []): typeof out {
  if (Array.isArray(v)) v.forEach((x, i) => citationArrays(x, `${pointer}/${i}`, out));
  else if (v && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) {
      if (k === 'citations' && Array.isArray(x)) out.push({ pointer: `${pointer}/citations`, ids: x });
      else citationArrays(x, `${pointer}/${k}`, out);
    }
  return out;
}

let nodeIdList: { corpus: object; ids: string[] } | undefined;

/** Loads one schema-valid family file into `familyRules`, recording problems (never half a rule). */
export function loadFamilyFile(args: {
  file: string;
  value: FamilyFileSpec;
  located: Located;
  problems: RuleProblem[];
  where: Where;
  familyRules: FamilyRule[];
  corpus?: Pick<Corpus, 'nodes'>;
  ends: { rule: string; on: string; file: string; amendedBy: string; citations?: string[]; notes?: string }[];
}): void {
  const { file, value: spec, located, problems, where, corpus } = args;
  const at = (pointer: string, message: string) => problems.push({ file, ...positionOf(located, pointer), pointer, message });
  const checkCitations = (v: unknown, pointer: string, owner: string) => {
    if (!corpus) return;
    for (const { pointer: p, ids } of citationArrays(v, pointer))
      ids.forEach((c, k) => {
        if (typeof c === 'string' && !corpus.nodes.has(c)) {
          if (!nodeIdList || nodeIdList.corpus !== corpus) nodeIdList = { corpus, ids: [...corpus.nodes.keys()] };
          const near = nearest(c, nodeIdList.ids, 3);
          at(`${p}/${k}`, `unknown corpus node id '${c}' (${owner})${near.length ? `; nearest: ${near.join(', ')}` : ''}`);
        }
      });
  };
  spec.rules.forEach((r, i) => {
    const pointer = `/rules/${i}`;
    if (r.id.split('.')[0] !== spec.family) at(`${pointer}/id`, `rule id '${r.id}' must start with the file's family '${spec.family}.'`);
    const prev = where.get(r.id);
    if (prev) at(`${pointer}/id`, `duplicate rule id '${r.id}' (first in ${prev.file})`);
    else where.set(r.id, { file, located, pointer });
    const effective = r.effective ?? spec.effective;
    if (effective.to && effective.to <= effective.from) at(`${pointer}/effective/to`, `effective.to (${effective.to}) must be after effective.from (${effective.from})`);
    checkCitations(r, pointer, `rule ${r.id}`);
    args.familyRules.push({
      id: r.id,
      family: spec.family,
      title: r.title,
      citations: r.citations,
      effective,
      amendedBy: r.amendedBy ?? spec.amendedBy,
      replaces: r.replaces ?? [],
      notes: r.notes,
      spec: r,
      source: lazySource(file, pointer, located),
    });
  });
  (spec.ends ?? []).forEach((e, i) => {
    checkCitations(e, `/ends/${i}`, `ends ${e.rule}`);
    args.ends.push({ ...e, file, amendedBy: e.amendedBy ?? spec.amendedBy, pointer: `/ends/${i}` } as never);
  });
  where.set(`\u0000file:${file}`, { file, located, pointer: '' });
}

/**
 * A rule's source place. The line is computed on first read: a file taken from the parsed-rules
 * bundle has no YAML tree, and parsing every file only to number its rules would cost most of a
 * cold load.
 */
function lazySource(file: string, pointer: string, located: Located): FamilyRule['source'] {
  let line: number | undefined;
  const source = { file, pointer } as FamilyRule['source'];
  Object.defineProperty(source, 'line', { enumerable: true, get: () => (line ??= positionOf(located, pointer).line) });
  return source;
}

/** Is a family rule in force on `asOf` (its own window, and not ended or replaced by then)? */
export function familyRuleInForce(r: FamilyRule, asOf: string): boolean {
  const a = r.effective.to;
  const b = r.endedBy?.on;
  const end = a && b ? (a < b ? a : b) : (a ?? b);
  return r.effective.from <= asOf && (end === undefined || asOf < end);
}

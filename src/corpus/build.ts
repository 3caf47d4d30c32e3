/**
 * Produces the contents of data/ordinance/ (nodes.json, refs.json, terms.json, manifest.json)
 * from data/source/. Used by scripts/build-corpus.ts; pure apart from reading the sources.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { CorpusManifest, CorpusNode, DefinedTerm, Reference } from './model.js';
import { parseOrdinance, type StructureHints } from './parse.js';
import { findReferences } from './refs.js';
import { findDefinedTerms } from './terms.js';

export const LAW_NUM = '平成16年農林水産省令第107号';
export const AS_OF = { amendment: '平成31年3月29日農林水産省令第28号', date: '2019-03-29' };
export const SOURCE_FILE = 'source/ordinance.txt';
export const HINTS_FILE = 'source/structure-hints.yaml';

const NODE_KEYS: (keyof CorpusNode)[] = [
  'id', 'kind', 'label', 'numWritten', 'num', 'branch', 'numRestored', 'caption', 'deleted', 'text', 'norm',
  'parent', 'children', 'breadcrumb', 'lines', 'cells', 'amendment', 'relatedArticles',
];

/**
 * One node per line, keys in a fixed order: readable diffs, deterministic output.
 * Derived fields are left out to keep the file small and are restored by loadCorpus:
 * `breadcrumb` (from the parents) and `norm` when it equals `text`.
 */
export function serializeNodes(nodes: CorpusNode[]): string {
  const rows = nodes.map((n) => {
    const o: Record<string, unknown> = {};
    for (const k of NODE_KEYS) {
      if (n[k] === undefined || k === 'breadcrumb' || (k === 'norm' && n.norm === n.text)) continue;
      o[k] = n[k];
    }
    return JSON.stringify(o);
  });
  return `[\n${rows.join(',\n')}\n]\n`;
}

export function loadHints(dataDir: string): StructureHints {
  const raw = parseYaml(readFileSync(join(dataDir, HINTS_FILE), 'utf8')) as {
    subitems?: { node: string; count: number; reason: string }[];
  } | null;
  const hints: StructureHints = { subitems: {} };
  for (const [i, h] of (raw?.subitems ?? []).entries()) {
    if (typeof h?.node !== 'string' || !Number.isInteger(h.count) || typeof h.reason !== 'string')
      throw new Error(`${HINTS_FILE}: subitems[${i}] needs node (string), count (integer) and reason (string)`);
    hints.subitems![h.node] = { count: h.count, reason: h.reason };
  }
  return hints;
}

export interface BuiltCorpus {
  files: Record<string, string>;
  manifest: CorpusManifest;
  warnings: string[];
}

const sha256 = (s: string | Buffer) => createHash('sha256').update(s).digest('hex');

export function buildCorpusData(dataDir: string, builtWith: string): BuiltCorpus {
  const sourceBuf = readFileSync(join(dataDir, SOURCE_FILE));
  const source = sourceBuf.toString('utf8');
  const hints = loadHints(dataDir);
  const { nodes, warnings, hintsUsed } = parseOrdinance(source, hints);
  for (const id of Object.keys(hints.subitems ?? {}))
    if (!hintsUsed.includes(id)) warnings.push(`${HINTS_FILE}: hint for ${id} was not used`);

  const byId = new Map(nodes.map((n) => [n.id, n]));
  const refs: Record<string, Reference[]> = {};
  for (const node of nodes) {
    const found = findReferences(node, byId, nodes);
    if (found.length) refs[node.id] = found;
  }
  const terms: DefinedTerm[] = findDefinedTerms(nodes);

  const sources = JSON.parse(readFileSync(join(dataDir, 'source', 'sources.json'), 'utf8')) as {
    sources: { file: string; seed: string; seedSha256: string }[];
  };
  const src = sources.sources.find((s) => s.file === SOURCE_FILE);
  if (!src) throw new Error(`sources.json has no entry for ${SOURCE_FILE}`);

  const counts = countNodes(nodes, source);
  const allRefs = Object.values(refs).flat();
  counts.refs = allRefs.length;
  counts.refsInternal = allRefs.filter((r) => r.kind === 'internal').length;
  counts.refsExternal = allRefs.filter((r) => r.kind === 'external').length;
  counts.refsUnresolved = allRefs.filter((r) => r.kind === 'internal' && !r.target).length;
  counts.terms = terms.length;
  counts.warnings = warnings.length;

  const manifest: CorpusManifest = {
    title: nodes[0].text.split('\n')[0],
    lawNum: LAW_NUM,
    asOf: AS_OF,
    source: { file: SOURCE_FILE, sha256: sha256(sourceBuf), seed: src.seed, seedSha256: src.seedSha256 },
    counts,
    builtWith,
  };
  const refsSorted: Record<string, Reference[]> = {};
  for (const n of nodes) if (refs[n.id]) refsSorted[n.id] = refs[n.id];
  return {
    files: {
      'nodes.json': serializeNodes(nodes),
      'refs.json': `{\n${Object.entries(refsSorted)
        .map(([id, r]) => `${JSON.stringify(id)}: ${JSON.stringify(r)}`)
        .join(',\n')}\n}\n`,
      'terms.json': `[\n${terms.map((t) => JSON.stringify(t)).join(',\n')}\n]\n`,
      'manifest.json': JSON.stringify(manifest, null, 2) + '\n',
    },
    manifest,
    warnings,
  };
}

/** The counts reported in manifest.json and checked by the tests. */
export function countNodes(nodes: CorpusNode[], source: string): Record<string, number> {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const main = nodes.filter((n) => n.kind === 'Article' && !n.id.startsWith('SP'));
  const counts: Record<string, number> = {
    nodes: nodes.length,
    chapters: nodes.filter((n) => n.kind === 'Chapter').length,
    sections: nodes.filter((n) => n.kind === 'Section').length,
    articles: main.length,
    articlesDeleted: main.filter((n) => n.deleted).length,
    paragraphs: nodes.filter((n) => n.kind === 'Paragraph' && !n.id.startsWith('SP')).length,
    items: nodes.filter((n) => n.kind === 'Item' && !n.id.startsWith('SP')).length,
    itemsRestored: nodes.filter((n) => n.kind === 'Item' && n.numRestored && !n.id.startsWith('SP')).length,
    subitems: nodes.filter((n) => n.kind === 'Subitem').length,
    tables: nodes.filter((n) => n.kind === 'Table').length,
    tableRows: nodes.filter((n) => n.kind === 'TableRow').length,
    forms: nodes.filter((n) => n.kind === 'Form').length,
    supplProvisions: nodes.filter((n) => n.kind === 'SupplProvision').length,
    supplArticles: nodes.filter((n) => n.kind === 'Article' && n.id.startsWith('SP')).length,
  };
  for (const ch of nodes.filter((n) => n.kind === 'Chapter')) {
    const under = (id: string): boolean => {
      const n = byId.get(id)!;
      return n.parent === ch.id || (!!n.parent && byId.get(n.parent)!.kind === 'Section' && byId.get(n.parent)!.parent === ch.id);
    };
    counts[`articles.${ch.id}`] = main.filter((a) => under(a.id)).length;
  }
  for (const t of nodes.filter((n) => n.kind === 'AppdxTable')) {
    const entries = (p: CorpusNode) => p.children.map((c) => byId.get(c)!).filter((c) => c.kind === 'AppdxTableEntry');
    const groups = t.children.map((c) => byId.get(c)!).filter((c) => c.kind === 'AppdxTableGroup');
    if (groups.length) for (const g of groups) counts[`entries.${g.id}`] = entries(g).length;
    else counts[`entries.${t.id}`] = entries(t).length;
    for (const e of entries(t)) {
      const sub = entries(e).length;
      if (sub) counts[`entries.${e.id}`] = sub;
    }
  }
  const srcLines = source.split('\n');
  const owned = new Set(nodes.flatMap((n) => n.lines));
  counts.linesTotal = srcLines.filter((l) => l.trim() !== '').length;
  counts.linesAccounted = srcLines.filter((l, i) => l.trim() !== '' && owned.has(i + 1)).length;
  return counts;
}

/**
 * Loads data/ordinance/ (built by `npm run build:corpus`) into a {@link Corpus}: the nodes in
 * document order, outgoing references per node, incoming references (built here), defined terms.
 * Restores the fields the files leave out: `breadcrumb` and `norm` (when equal to `text`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Corpus, CorpusManifest, CorpusNode, DefinedTerm, Reference } from './model.js';

function readJson<T>(file: string, fallback?: T): T {
  if (!existsSync(file)) {
    if (fallback !== undefined) return fallback;
    throw new Error(`corpus file missing: ${file} (run npm run build:corpus)`);
  }
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch (err) {
    throw new Error(`${file}: invalid JSON: ${(err as Error).message}`);
  }
}

/** @param dataDir the directory holding `ordinance/` (the package's data/ by default) */
export function loadCorpus(dataDir: string): Corpus {
  const dir = join(dataDir, 'ordinance');
  const list = readJson<CorpusNode[]>(join(dir, 'nodes.json'));
  const manifest = readJson<CorpusManifest>(join(dir, 'manifest.json'));
  const refsFile = readJson<Record<string, Reference[]>>(join(dir, 'refs.json'), {});
  const terms = readJson<DefinedTerm[]>(join(dir, 'terms.json'), []);

  const nodes = new Map<string, CorpusNode>();
  for (const [i, n] of list.entries()) {
    if (!n || typeof n.id !== 'string' || typeof n.text !== 'string')
      throw new Error(`${join(dir, 'nodes.json')}: node [${i}] lacks id/text`);
    if (nodes.has(n.id)) throw new Error(`${join(dir, 'nodes.json')}: duplicate node id ${n.id}`);
    n.norm ??= n.text;
    n.children ??= [];
    n.lines ??= [];
    nodes.set(n.id, n);
  }
  // breadcrumbs: parents precede children in document order
  for (const n of nodes.values()) {
    const p = n.parent ? nodes.get(n.parent) : undefined;
    if (n.parent && !p) throw new Error(`${join(dir, 'nodes.json')}: ${n.id} has unknown parent ${n.parent}`);
    n.breadcrumb = p ? [...p.breadcrumb, { id: p.id, label: p.label, ...(p.caption ? { caption: p.caption } : {}) }] : [];
  }

  const refsOut = new Map<string, Reference[]>();
  const refsIn = new Map<string, string[]>();
  for (const [id, refs] of Object.entries(refsFile)) {
    refsOut.set(id, refs);
    for (const r of refs) {
      if (!r.target) continue;
      const list = refsIn.get(r.target) ?? [];
      if (!list.includes(id)) list.push(id);
      refsIn.set(r.target, list);
    }
  }
  return { manifest, nodes, refsOut, refsIn, terms };
}

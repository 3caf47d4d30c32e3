/**
 * The inputs of the search index, hashed: the index manifest records them at build time, and a
 * test recomputes them, so a committed index can never silently drift from the corpus, the
 * annotations, the rules, the reference documents or the analysis code it was built from.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export type InputHashes = Record<'corpus' | 'annotations' | 'rules' | 'reference' | 'analysis', string | null>;

/** Files under `dir` (recursively, sorted) whose name matches `re`. */
function files(dir: string, re: RegExp): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of readdirSync(dir).sort()) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out.push(...files(p, re));
    else if (re.test(e)) out.push(p);
  }
  return out;
}

function hashFiles(base: string, paths: string[]): string | null {
  if (!paths.length) return null;
  const h = createHash('sha256');
  for (const p of paths) {
    h.update(relative(base, p).split('\\').join('/'));
    h.update('\0');
    h.update(readFileSync(p));
    h.update('\0');
  }
  return h.digest('hex');
}

/** The analysis code whose output the index holds (src/search, when the sources are at hand). */
export const ANALYSIS_FILES = ['normalize.ts', 'tokenize.ts', 'analyzer.ts', 'documents.ts', 'build.ts'];

export function inputHashes(dataDir: string, rulesDir: string, searchSrcDir?: string): InputHashes {
  const ordinance = join(dataDir, 'ordinance');
  const annotations = join(dataDir, 'annotations');
  const reference = join(dataDir, 'reference', 'human');
  return {
    // what the index is built from: the nodes, the annotation paragraphs, the rule files
    corpus: hashFiles(ordinance, files(ordinance, /^nodes\.json$/)),
    annotations: hashFiles(annotations, files(annotations, /^annotations\.json$/)),
    rules: hashFiles(rulesDir, files(rulesDir, /\.ya?ml$/).filter((p) => !/[\\/]schema[\\/]/.test(p))),
    reference: hashFiles(reference, files(reference, /\.txt$/)),
    analysis: searchSrcDir ? hashFiles(searchSrcDir, ANALYSIS_FILES.map((f) => join(searchSrcDir, f)).filter((p) => existsSync(p))) : null,
  };
}

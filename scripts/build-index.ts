/**
 * `npm run build:index`: builds the search index into data/search/ from whatever exists — the
 * corpus (required), the annotations and the rules (if present) and the human-drug reference
 * documents — and records the hashes of those inputs in data/search/manifest.json.
 */
import { join } from 'node:path';
import { loadAnnotations } from '../src/annotations/load.js';
import { loadCorpus } from '../src/corpus/load.js';
import { defaultDataDir, defaultRulesDir, packageRoot } from '../src/paths.js';
import { writeIndex } from '../src/search/build.js';
import { annotationDocs, lawDocs, referenceDocs, ruleDocs, type SearchDoc } from '../src/search/documents.js';
import { inputHashes } from '../src/search/inputs.js';

const dataDir = defaultDataDir;
const rulesDir = defaultRulesDir;
const t0 = performance.now();
const corpus = loadCorpus(dataDir);
const docs: SearchDoc[] = lawDocs(corpus);
try {
  docs.push(...annotationDocs(loadAnnotations(dataDir, corpus).all(), corpus));
} catch (err) {
  console.warn(`build-index: annotations not indexed (${(err as Error).message})`);
}
docs.push(...ruleDocs(rulesDir, corpus));
docs.push(...referenceDocs(dataDir));
const manifest = writeIndex(join(dataDir, 'search'), docs, inputHashes(dataDir, rulesDir, join(packageRoot, 'src', 'search')));
console.log(
  `build-index: ${manifest.counts.documents} documents (${DOC_SUMMARY(manifest.counts)}), ${manifest.counts.terms} terms; ` +
    `index ${(manifest.bytes.index / 1024).toFixed(0)} KiB, store ${(manifest.bytes.store / 1024).toFixed(0)} KiB ` +
    `(reference part ${((manifest.bytes['reference-index'] + manifest.bytes['reference-store']) / 1024).toFixed(0)} KiB) ` +
    `in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
);

function DOC_SUMMARY(c: Record<string, number>): string {
  return ['law', 'annotation', 'rule', 'reference'].map((k) => `${k} ${c[k] ?? 0}`).join(', ');
}

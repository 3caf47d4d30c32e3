/**
 * Builds data/ordinance/ from data/source/ordinance.txt (+ data/source/structure-hints.yaml):
 * nodes.json (one node per line, document order), refs.json, terms.json, manifest.json.
 * Deterministic: same input → byte-identical output.  Run: `npm run build:corpus`.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildCorpusData } from '../src/corpus/build.js';

const root = process.cwd();
const dataDir = join(root, 'data');
const out = join(dataDir, 'ordinance');
mkdirSync(out, { recursive: true });

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
const built = buildCorpusData(dataDir, `doyaku ${pkg.version} scripts/build-corpus.ts`);

for (const [name, content] of Object.entries(built.files)) writeFileSync(join(out, name), content);
for (const w of built.warnings) console.warn(`warning: ${w}`);
const c = built.manifest.counts;
console.log(
  `data/ordinance: ${c.nodes} nodes, ${c.articles} articles (${c.articlesDeleted} deleted), ${c.forms} forms, ` +
    `${c.supplProvisions} 附則, ${c.refs} references (${c.refsInternal} internal, ${c.refsUnresolved} unresolved), ${c.terms} defined terms; ` +
    `lines ${c.linesAccounted}/${c.linesTotal}; ${built.warnings.length} warnings`,
);

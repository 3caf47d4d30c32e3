/**
 * Builds data/annotations/annotations.json (+ manifest.json) from data/source/guidance.txt,
 * data/annotations/crosswalk-2009.yaml, data/annotations/links.yaml and the corpus
 * (data/ordinance/, built first by scripts/build-corpus.ts). Deterministic.
 * Run: `npm run build:corpus` (builds the corpus, then this).
 * Exits non-zero when a crosswalk/link target or phrase does not check out against the corpus.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCorpus } from '../src/corpus/load.js';
import { buildAnnotations } from '../src/annotations/build.js';
import { parseCrosswalk, parseLinks } from '../src/annotations/crosswalk.js';

const root = process.cwd();
const dataDir = join(root, 'data');
const outDir = join(dataDir, 'annotations');
mkdirSync(outDir, { recursive: true });

const guidanceFile = join(dataDir, 'source', 'guidance.txt');
const guidance = readFileSync(guidanceFile, 'utf8');
const crosswalkFile = join(outDir, 'crosswalk-2009.yaml');
const linksFile = join(outDir, 'links.yaml');
const crosswalk = parseCrosswalk(readFileSync(crosswalkFile, 'utf8'), 'data/annotations/crosswalk-2009.yaml');
const links = parseLinks(readFileSync(linksFile, 'utf8'), 'data/annotations/links.yaml');
const corpus = loadCorpus(dataDir);

const { annotations, report, problems } = buildAnnotations({ guidance, crosswalk, links, corpus });

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const manifest = {
  title: '薬事法関係事務に係る技術的な助言について(12畜A第728号)',
  source: { file: 'source/guidance.txt', sha256: sha(guidance) },
  crosswalk: { file: 'annotations/crosswalk-2009.yaml', sha256: sha(readFileSync(crosswalkFile, 'utf8')) },
  links: { file: 'annotations/links.yaml', sha256: sha(readFileSync(linksFile, 'utf8')) },
  corpus: { sha256: corpus.manifest.source.sha256, asOf: corpus.manifest.asOf },
  counts: report,
  builtWith: `doyaku ${pkg.version} scripts/build-annotations.ts`,
};
writeFileSync(join(outDir, 'annotations.json'), JSON.stringify(annotations, null, 1) + '\n');
writeFileSync(join(outDir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');

const s = report.byStatus;
console.log(
  `data/annotations: ${report.annotations} annotations, ${report.citations} citations ` +
    `(same ${s.same}, renumbered ${s.renumbered}, act ${s.act}, obsolete ${s.obsolete}, unresolved ${s.unresolved}); ` +
    `crosswalk ${report.crosswalk.entries} entries (${report.crosswalk.byStatus.renumbered ?? 0} renumbered, ${report.crosswalk.byStatus.obsolete ?? 0} obsolete); ` +
    `outdated ${report.outdated.points} points on ${report.outdated.annotations} annotations ` +
    `(${report.outdated.computed} computed, ${report.outdated.curated} curated); ${report.historyLines} history lines`,
);
for (const m of report.notInCrosswalk) console.warn(`warning: ${m} is not in crosswalk-2009.yaml (status computed)`);
for (const m of report.unusedCrosswalk) console.warn(`warning: crosswalk entry ${m} is not cited`);
if (problems.length) {
  for (const p of problems) console.error(`error: ${p}`);
  process.exit(1);
}

// Knowledge-base load time, each sample in a fresh Node process (nothing warm), beside a baseline
// measured in the same run: a naive loader that reads and parses the same sources (JSON, and the rule YAML) —
// and nothing else: no validation, no citation checks, no indexes. Targets: classify-ready load ≤ 300 ms, search index ≤ 200 ms.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const kbUrl = pathToFileURL(join(root, 'dist/index.js')).href;
const RUNS = Number(process.env.BENCH_RUNS ?? 9);

const scripts = {
  'classify-ready (corpus + rules + dictionary)': `
    const t0 = performance.now();
    const { openKnowledgeBase } = await import(${JSON.stringify(kbUrl)});
    const kb = await openKnowledgeBase();
    kb.corpus; kb.ruleset; kb.ingredients;
    console.log(performance.now() - t0);`,
  'baseline: naive loader (read + parse the source files)': `
    const t0 = performance.now();
    const { readFileSync, readdirSync } = await import('node:fs');
    const { parse } = await import('yaml');
    const d = ${JSON.stringify(join(root, 'data'))}, r = ${JSON.stringify(join(root, 'rules'))};
    for (const f of ['ordinance/nodes.json', 'ordinance/refs.json', 'ordinance/terms.json', 'ordinance/manifest.json', 'ingredients/dictionary.json'])
      JSON.parse(readFileSync(d + '/' + f, 'utf8'));
    for (const fam of readdirSync(r, { withFileTypes: true }).filter((e) => e.isDirectory() && e.name !== 'schema'))
      for (const f of readdirSync(r + '/' + fam.name)) if (f.endsWith('.yaml')) parse(readFileSync(r + '/' + fam.name + '/' + f, 'utf8'));
    console.log(performance.now() - t0);`,
  'search index (after corpus + annotations)': `
    const { openKnowledgeBase } = await import(${JSON.stringify(kbUrl)});
    const kb = await openKnowledgeBase();
    kb.corpus; kb.annotations;
    const t0 = performance.now();
    kb.searcher;
    console.log(performance.now() - t0);`,
  'baseline: read + JSON.parse the index files': `
    const { readFileSync } = await import('node:fs');
    const t0 = performance.now();
    for (const f of ['index.json', 'store.json', 'manifest.json']) JSON.parse(readFileSync(${JSON.stringify(join(root, 'data/search'))} + '/' + f, 'utf8'));
    console.log(performance.now() - t0);`,
};

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const results = {};
for (const [name, src] of Object.entries(scripts)) {
  const xs = [];
  for (let i = 0; i < RUNS; i++) {
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', src], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${name}: ${r.stderr}`);
    xs.push(Number(r.stdout.trim()));
  }
  results[name] = median(xs);
}
const names = Object.keys(results);
const row = (n) => `${n.padEnd(46)} ${results[n].toFixed(1).padStart(8)} ms (median of ${RUNS} fresh processes)`;
console.log(row(names[0]));
console.log(row(names[1]));
console.log(`  → ${(results[names[0]] / results[names[1]]).toFixed(2)}× the parse-only baseline; target ≤ 300 ms: ${results[names[0]] <= 300 ? 'met' : 'NOT met'}`);
console.log(row(names[2]));
console.log(row(names[3]));
console.log(`  → ${(results[names[2]] / results[names[3]]).toFixed(2)}× the parse-only baseline; target ≤ 200 ms: ${results[names[2]] <= 200 ? 'met' : 'NOT met'}`);

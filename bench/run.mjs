#!/usr/bin/env node
// `npm run bench`: runs every bench/*.bench.mjs in its own Node process (after `npm run build`),
// one after the other, so no benchmark warms or pollutes another. Each prints its figures beside
// a baseline measured in the same run: ratios, not absolute times, are what to compare.
// (transactions.bench.mjs: transaction checks per CPU-second beside the json-rules-engine baseline — `npm run bench -- transactions`.)
// (questions.bench.mjs: kb.retention / kb.reportDeadline / kb.checkLabel p50, and their rules' conditions compiled vs json-rules-engine.)
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.mjs'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
let failed = 0;
for (const f of files) {
  console.log(`\n## ${f.replace('.bench.mjs', '')}`);
  const r = spawnSync(process.execPath, ['--expose-gc', join(here, f)], { stdio: 'inherit' });
  if (r.status !== 0) {
    failed++;
    console.log(`(${f} exited with ${r.status})`);
  }
}
process.exitCode = failed ? 1 : 0;

// `npm run bench -- questions`: the question families beyond classification — retention deadlines
// (kb.retention), safety-report deadlines (kb.reportDeadline), label checks (kb.checkLabel /
// kb.labelRequirements) — p50 per call over their own scenario inputs (the valid ones), and, in the
// same run, every `when` condition of their rules evaluated two ways on the same facts: compiled
// closures (what the questions use) beside a json-rules-engine run (the reference semantics, what a
// plain json-rules-engine implementation would pay per condition).
// DOYAKU_DIST=<dir> reads the compiled code from another directory than dist/.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse } from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = resolve(process.env.DOYAKU_DIST ?? join(root, 'dist'));
const load = (m) => import(pathToFileURL(join(dist, m)).href);
const { openKnowledgeBase } = await load('index.js');
const { compileCondition } = await load('rules/conditions.js');

const kb = await openKnowledgeBase();
const now = () => Number(process.hrtime.bigint()) / 1e3; // µs
const p = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
const fmt = (x) => (x >= 1000 ? `${(x / 1000).toFixed(2)} ms` : `${x.toFixed(1)} µs`);

function scenarioInputs(dir) {
  const out = [];
  for (const f of readdirSync(join(root, 'test', 'scenarios', dir)).filter((f) => f.endsWith('.yaml'))) {
    const doc = parse(readFileSync(join(root, 'test', 'scenarios', dir, f), 'utf8'));
    const cases = Array.isArray(doc) ? doc : (doc?.scenarios ?? []);
    for (const c of cases) if (c?.input && !(c.expect && 'error' in c.expect)) out.push({ ...c.input, asOf: c.input.asOf ?? c.asOf ?? '2024-04-01' });
  }
  return out;
}

async function time(name, inputs, call, rounds) {
  const ok = [];
  for (const i of inputs) {
    try {
      await call(i);
      ok.push(i);
    } catch {
      /* a scenario that expects an error by another key: not part of the mix */
    }
  }
  for (const i of ok) await call(i); // warm-up
  const t = [];
  for (let r = 0; r < rounds; r++)
    for (const i of ok) {
      const a = now();
      await call(i);
      t.push(now() - a);
    }
  console.log(`${name.padEnd(40)} ${String(ok.length).padStart(4)} inputs  p50 ${fmt(p(t, 0.5)).padStart(9)}  p90 ${fmt(p(t, 0.9)).padStart(9)}`);
}

console.log('per call, over the family\'s own scenario inputs:');
await time('kb.retention', scenarioInputs('retention').filter((i) => i.article || i.rule), (i) => kb.retention(i), 20);
await time('kb.reportDeadline', scenarioInputs('reports').filter((i) => i.event), (i) => kb.reportDeadline(i), 20);
const labelDefaults = parse(readFileSync(join(root, 'test', 'scenarios', 'labeling', 'drug-immediate.yaml'), 'utf8')).defaults;
await time('kb.labelRequirements (医薬品, immediate)', [labelDefaults], (d) => kb.labelRequirements(d.product, d.container, { asOf: d.asOf, package: d.package }), 300);
await time('kb.checkLabel (医薬品, immediate)', [labelDefaults], (d) => kb.checkLabel({ product: d.product, container: d.container, package: d.package, items: ['act50.1', 'act50.2', 'a171.1'], asOf: d.asOf }), 300);

// every `when` / `onlyIf` condition written in the rules of these families
const conds = [];
const walk = (v) => {
  if (Array.isArray(v)) v.forEach(walk);
  else if (v && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) {
      if ((k === 'when' || k === 'onlyIf') && x && typeof x === 'object' && !Array.isArray(x)) conds.push(x);
      walk(x);
    }
};
for (const fam of ['retention', 'reports', 'labeling', 'transactions', 'licenses']) for (const r of kb.ruleset.familyRules(fam, '2024-04-01')) walk(r.spec);
const compiled = conds.flatMap((c) => {
  try {
    return [compileCondition(c)];
  } catch {
    return []; // a family's own `when` shape (e.g. labeling's keyed conditions), not a json-rules-engine condition
  }
});
const factSets = [{}, { hasExpiry: true, specifiedMaintenanceDevice: false, product: { type: '医薬品', yoshiji: 'required' }, package: { sizeMl: 2 } }];
const rounds = 20;
let t = now();
for (let r = 0; r < rounds; r++) for (const c of compiled) for (const f of factSets) c.evaluate(f);
const fast = (now() - t) / (rounds * compiled.length * factSets.length);
t = now();
for (let r = 0; r < rounds; r++) for (const c of compiled) for (const f of factSets) await c.evaluateWithEngine(f);
const jre = (now() - t) / (rounds * compiled.length * factSets.length);
console.log(`\n${compiled.length} conditions of the retention, reports, labeling, transactions and licenses rules, mean per evaluation (with leaves and reasons):`);
console.log(`  compiled closures   ${fmt(fast)}`);
console.log(`  json-rules-engine   ${fmt(jre)}   (baseline, same run) → compiled is ${(jre / fast).toFixed(0)}× faster`);

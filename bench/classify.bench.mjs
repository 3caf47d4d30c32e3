// `npm run bench -- classify`: classify p50 and queries/s with the substance index, beside a naive
// baseline measured in the same run (one json-rules-engine Engine holding every rule, run per
// ingredient per query):
// - the json-rules-engine engine (the reference semantics) with the rule-evaluation memo OFF (cold:
//   every candidate evaluated by json-rules-engine afresh) and ON (a first pass over unseen products
//   with an emptied memo, and the steady state over the repeated mix), each with its memo hit rate;
// - the compiled engine (closures, synchronous; the default): full answer through classify and
//   classifySync, the summary answer (explain: 'summary') — memo off, every query evaluated afresh —
//   and the summary / full answer through the product-level answer cache (first pass over the 400
//   unseen products with an emptied cache, and the steady state), with its hit rate;
// then the knowledge-base load time (corpus + rules + dictionary) in fresh processes, with and
// without the parsed-rules bundle (rules/.parsed.json). Imports from dist/ (npm run bench builds it).
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = (p) => join(root, 'dist', p);
const { openKnowledgeBase } = await import(dist('kb.js'));
const { naiveBaseline } = await import(dist('classify/naive.js'));
const { runCounter, clearMemos } = await import(dist('classify/evaluate.js'));
const { cacheCounter, clearProductCaches } = await import(dist('classify/compiled/sync.js'));

const asOf = '2024-04-01';
const kb = await openKnowledgeBase();
const ruleset = kb.ruleset;
const dict = kb.ingredients;

// ---- a realistic, deterministic mix: 1-4 ingredients (listed, salts, class members, unlisted,
// now and then unknown), every dosage form, sites, species, contents where thresholds need them.
let seed = 42;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
const names = [
  ...ruleset.rules.flatMap((r) => r.substances).filter((s) => s.length < 20),
  'アモキシシリン', '硫酸ゲンタマイシン', '塩酸アチパメゾール', 'キシラジン塩酸塩', 'プロゲステロン', '豚丹毒ワクチン', '鶏痘ワクチン',
  'ivermectin', 'fipronil', 'ビタミンC', 'ブドウ糖', '塩化ナトリウム', 'ほげほげ',
];
const forms = [['内用剤'], ['注射剤'], ['外用剤', '外皮'], ['外用剤', '眼'], ['外用剤', '子宮内'], ['外用剤', '膣内'], ['外用剤'], ['飼料添加剤'], ['原体'], ['体外診断用医薬品']];
const speciesSets = [['犬'], ['猫'], ['牛'], ['豚', '鶏'], ['馬'], ['犬', '猫'], ['うさぎ'], undefined];
const contents = [undefined, { value: 0.5, unit: '%' }, { value: 2, unit: '%' }, { value: 10, unit: 'mg', per: { value: 1, unit: '錠' } }, { value: 100, unit: 'mg力価', per: { value: 1, unit: 'mL' } }];
const products = [];
for (let i = 0; i < 400; i++) {
  const n = 1 + Math.floor(rnd() * 4);
  const [form, site] = pick(forms);
  const p = { ingredients: [...new Set(Array.from({ length: n }, () => pick(names)))].map((name) => ({ name, ...(rnd() < 0.6 ? { content: pick(contents) } : {}) })), dosageForm: form };
  for (const ing of p.ingredients) if (!ing.content) delete ing.content;
  if (site) p.applicationSite = site;
  const sp = pick(speciesSets);
  if (sp) p.species = sp;
  products.push(p);
}

/** Times `fn` over the mix (after warming up on `warm` products) for `minMs`, or over `once` products exactly once. */
async function measure(label, fn, { minMs = 2500, warm = products.slice(0, 100), once, afterWarm } = {}) {
  const times = [];
  // a synchronous fn (classifySync) is timed without an await
  for (const p of warm) {
    const r = fn(p);
    if (r instanceof Promise) await r;
  }
  afterWarm?.();
  const t0 = performance.now();
  let i = 0;
  while (once ? i < once.length : performance.now() - t0 < minMs) {
    const p = once ? once[i++] : products[i++ % products.length];
    const a = performance.now();
    const r = fn(p);
    if (r instanceof Promise) await r;
    times.push(performance.now() - a);
  }
  const total = performance.now() - t0;
  times.sort((x, y) => x - y);
  const q = (f) => times[Math.min(times.length - 1, Math.floor(f * times.length))] * 1000;
  const r = { label, n: times.length, p50: q(0.5), p90: q(0.9), p99: q(0.99), qps: times.length / (total / 1000) };
  console.log(`${label.padEnd(58)} p50 ${r.p50.toFixed(1).padStart(8)} µs   p90 ${r.p90.toFixed(1).padStart(8)} µs   p99 ${r.p99.toFixed(1).padStart(8)} µs   ${Math.round(r.qps).toString().padStart(7)} q/s   (${r.n} queries)`);
  return r;
}

console.log(`ruleset ${ruleset.version} (${ruleset.contentHash.slice(0, 12)}): ${ruleset.rules.length} rules; ${products.length} products, ${(products.reduce((s, p) => s + p.ingredients.length, 0) / products.length).toFixed(2)} ingredients each on average`);
const naive = naiveBaseline(ruleset, dict, asOf);
const perQuery = (products.reduce((s, p) => s + p.ingredients.length, 0) / products.length).toFixed(2);
const nv = await measure(`naive baseline (1 engine, ${naive.rules} rules)`, (p) => naive.run(p));
const counted = async (label, fn, opts) => {
  const reset = () => (runCounter.runs = runCounter.queries = runCounter.memoHits = runCounter.memoMisses = 0);
  const r = await measure(label, fn, { ...opts, afterWarm: () => (opts?.afterWarm?.(), reset()) });
  const looked = runCounter.memoHits + runCounter.memoMisses;
  return { ...r, runs: runCounter.runs / runCounter.queries, hitRate: looked ? runCounter.memoHits / looked : undefined, lookups: looked / runCounter.queries };
};
const jre = 'json-rules-engine';
// (a) memo OFF: every candidate's parts evaluated by json-rules-engine afresh
const cold = await counted('JRE classify, memo off (cold: every candidate run by JRE)', (p) => kb.classify(p, { asOf, memo: false, engine: jre }));
// memo ON, first sight: one pass to warm the memo code up, the memo emptied, then each product of the mix classified once
const first = await counted('JRE classify, memo on, first pass (400 unseen, empty memo)', (p) => kb.classify(p, { asOf, memo: true, engine: jre }), { warm: products, once: products, afterWarm: clearMemos });
// (b) memo ON, steady state: the repeated mix (the memo already holds it)
const steady = await counted('JRE classify, memo on, steady state (repeated mix)', (p) => kb.classify(p, { asOf, memo: true, engine: jre }));
const pct = (x) => (x === undefined ? '—' : `${(100 * x).toFixed(1)} %`);
console.log(`json-rules-engine runs per classify: cold ${cold.runs.toFixed(2)}, first pass ${first.runs.toFixed(2)}, steady state ${steady.runs.toFixed(2)} (naive: ${perQuery} runs of all ${naive.rules} rules)`);
console.log(`memo hit rate: first pass ${pct(first.hitRate)}, steady state ${pct(steady.hitRate)} (${steady.lookups.toFixed(2)} rule lookups per classify; the rest of a query is decided without json-rules-engine)`);
for (const [name, r] of [['memo off (cold)', cold], ['memo on, first pass', first], ['memo on, steady state', steady]])
  console.log(`speed-up, JRE ${name.padEnd(22)} ${(nv.p50 / r.p50).toFixed(1).padStart(6)}× at p50, ${(r.qps / nv.qps).toFixed(1).padStart(6)}× in q/s   (target ≥ 30×: ${nv.p50 / r.p50 >= 30 ? 'met' : 'missed'}; p50 ≤ 30 µs: ${r.p50 <= 30 ? 'met' : 'missed'})`);

// ---- the compiled engine (default): memo off — every query evaluated afresh, no cache of any kind
console.log('');
const cAsync = await measure('compiled classify (async API), full answer', (p) => kb.classify(p, { asOf, memo: false, engine: 'compiled' }));
const cFull = await measure('compiled classifySync, full answer', (p) => kb.classifySync(p, { asOf, memo: false }));
const cSum = await measure("compiled classifySync, explain: 'summary'", (p) => kb.classifySync(p, { asOf, memo: false, explain: 'summary' }));
// the product-level answer cache (bulk: the same SKU again and again)
const cached = async (label, explain, opts) => {
  const reset = () => (cacheCounter.hits = cacheCounter.misses = 0);
  const r = await measure(label, (p) => kb.classifySync(p, { asOf, explain, cache: true }), { ...opts, afterWarm: () => (opts?.afterWarm?.(), reset()) });
  const n = cacheCounter.hits + cacheCounter.misses;
  return { ...r, hitRate: n ? cacheCounter.hits / n : undefined };
};
const cSumFirst = await cached("compiled summary + product cache, first pass (400 unseen)", 'summary', { warm: products, once: products, afterWarm: clearProductCaches });
const cSumCache = await cached("compiled summary + product cache, steady state", 'summary');
const cFullCache = await cached('compiled full + product cache, steady state', 'full');
console.log(`product cache hit rate: summary first pass ${pct(cSumFirst.hitRate)}, steady state ${pct(cSumCache.hitRate)}; full steady state ${pct(cFullCache.hitRate)}`);
console.log('');
console.log(`${'p50 beside the same run'.padEnd(58)} ${'vs naive'.padStart(9)} ${'vs JRE cold'.padStart(12)}   (bulk target ≈ 10–20 µs p50)`);
for (const [name, r] of [
  ['JRE, memo off (cold)', cold],
  ['JRE, memo on, steady state', steady],
  ['compiled, full answer (async classify)', cAsync],
  ['compiled, full answer (classifySync)', cFull],
  ['compiled, summary answer (classifySync)', cSum],
  ['compiled, summary + product cache, first pass', cSumFirst],
  ['compiled, summary + product cache, steady', cSumCache],
  ['compiled, full + product cache, steady', cFullCache],
])
  console.log(`${name.padEnd(48)} ${r.p50.toFixed(1).padStart(7)} µs ${`${(nv.p50 / r.p50).toFixed(1)}×`.padStart(9)} ${`${(cold.p50 / r.p50).toFixed(1)}×`.padStart(12)}   ${r.p50 <= 20 ? '≤ 20 µs' : '> 20 µs'}`);

// ---- knowledge-base load in fresh processes
const loadScript = `
const t0 = performance.now();
const { openKnowledgeBase } = await import(${JSON.stringify(dist('kb.js'))});
const t1 = performance.now();
const kb = await openKnowledgeBase();
kb.corpus; const t2 = performance.now(); kb.ruleset; const t3 = performance.now(); kb.ingredients; const t4 = performance.now();
console.log(JSON.stringify({ imports: t1 - t0, corpus: t2 - t1, rules: t3 - t2, dictionary: t4 - t3, total: t4 - t1 }));`;
function load(env) {
  const runs = [];
  for (let i = 0; i < 5; i++) {
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', loadScript], { env: { ...process.env, ...env }, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    runs.push(JSON.parse(r.stdout.trim().split('\n').pop()));
  }
  runs.sort((a, b) => a.total - b.total);
  return runs[2];
}
const fmt = (m) => `total ${m.total.toFixed(0)} ms (corpus ${m.corpus.toFixed(0)}, rules ${m.rules.toFixed(0)}, dictionary ${m.dictionary.toFixed(0)}; module imports ${m.imports.toFixed(0)} ms before)`;
const warm = load({});
const fullParse = load({ DOYAKU_NO_CACHE: '1' });
console.log(`kb load, with rules/.parsed.json (median of 5): ${fmt(warm)}   (target ≤ 300 ms)`);
console.log(`kb load, YAML parsed in full   (median of 5): ${fmt(fullParse)}`);

// `npm run bench -- transactions`: transaction checks per second on one core for a realistic mix
// (src/transactions/sample.ts: 9 seller licences, 9 buyer kinds, 70 % products with a known
// classification — the ERP's master data — and 30 % given by composition and classified, documents
// present or not, dates and expiries around the date, now and then a missing fact; 1 % malformed
// lines in the NDJSON run), beside a naive baseline measured in the same run: every rule condition
// run by json-rules-engine and every product classified by kb.classify with json-rules-engine
// (engine: 'json-rules-engine', its own memo as by default; no transaction-level memo, no
// synchronous path). Also the classification p50 per product of the mix on both paths. Figures: wall-clock rate and rate per CPU-second of
// this process (user+sys; the machine is shared, so the CPU figure is the one-core figure).
// Imports from dist/ (npm run bench builds it); DOYAKU_DIST=<dir> to use another build.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const distDir = process.env.DOYAKU_DIST ?? join(root, 'dist');
const dist = (p) => join(distDir, p);
const { openKnowledgeBase } = await import(dist('kb.js'));
const { checkTransactionFast } = await import(dist('transactions/check.js'));
const { sampleTransactions, sampleNdjsonLines } = await import(dist('transactions/sample.js'));

const N = Number(process.env.TX_N ?? 40000);
const NAIVE = Number(process.env.TX_NAIVE ?? 2000);
const kb = await openKnowledgeBase();
const ctx = kb.transactionContext;
const txs = [...sampleTransactions(N, { seed: 7 })];
const lines = [...sampleNdjsonLines(N, { seed: 7, malformed: 0.01 })].map((l) => l + '\n');
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const rate = (n, ms) => Math.round((n / ms) * 1000);
const fmt = (x) => x.toLocaleString('en');

async function timed(label, n, fn) {
  globalThis.gc?.();
  const w0 = performance.now();
  const c0 = cpu();
  await fn();
  const wall = performance.now() - w0;
  const c = cpu() - c0;
  return { label, n, wall, cpu: c, perSec: rate(n, wall), perCpuSec: rate(n, c), us: (c * 1000) / n };
}

// fast path, library: check objects (validation, licence, classification, rules, records)
const lib = async () => {
  for (const t of txs) {
    const a = checkTransactionFast(ctx, t);
    if (a instanceof Promise) await a;
  }
};
await lib(); // first pass: caches (licences, classifications, deadlines per date) fill
const first = await timed('fast path, library (first pass done before: caches warm)', N, lib);
const libRun = await timed('fast path, library: kb.checkTransaction semantics, objects in/out', N, lib);
// fast path, NDJSON end to end: parse, check, serialise
const sinkBytes = { n: 0 };
const nd = () => kb.checkTransactionsNdjson(lines, { write: (s) => void (sinkBytes.n += s.length) });
await nd();
sinkBytes.n = 0;
const ndRun = await timed('fast path, NDJSON end to end (parse + check + serialise, 1 % malformed)', N, nd);
const sumBytes = { n: 0 };
const ndSum = async () => kb.checkTransactionsNdjson(lines, { write: (s) => void (sumBytes.n += s.length) }, { explain: 'summary' });
await ndSum();
sumBytes.n = 0;
const ndSumRun = await timed('fast path, NDJSON end to end, summary answers (explain: summary)', N, ndSum);
// naive baseline: json-rules-engine for every condition, kb.classify per product, no memo of ours
const naiveTx = txs.slice(0, NAIVE);
const naive = async () => {
  for (const t of naiveTx) await kb.checkTransaction(t, { engine: 'json-rules-engine' });
};
await naive();
const naiveRun = await timed('naive baseline: json-rules-engine conditions + kb.classify per product', NAIVE, naive);

// classification p50 per product of the mix: the compiled synchronous path (summary answer, no
// cache) the fast path uses on a memo miss, beside json-rules-engine (memo off)
const composedProducts = [...new Map(txs.filter((t) => t.product.ingredients).map((t) => [t.product.name, t.product])).values()].map(({ name, expiryDate, ...p }) => p);
const p50 = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const cs = [];
const cj = [];
for (let k = 0; k < 60; k++)
  for (const p of composedProducts) {
    let t = performance.now();
    kb.classifySync(p, { asOf: '2024-04-01', explain: 'summary' });
    cs.push(performance.now() - t);
    t = performance.now();
    await kb.classify(p, { asOf: '2024-04-01', engine: 'json-rules-engine', memo: false });
    cj.push(performance.now() - t);
  }

// the mix
const okCount = { true: 0, false: 0, unknown: 0 };
let composed = 0;
for (const t of txs) {
  let a = checkTransactionFast(ctx, t);
  if (a instanceof Promise) a = await a;
  okCount[String(a.ok)]++;
  if (a.product.source === 'classified' || a.product.source === 'mixed') composed++;
}

console.log(`mix: ${fmt(N)} transactions — ${Math.round((composed / N) * 100)} % classified from composition; answers ok=true ${okCount.true}, false ${okCount.false}, unknown ${okCount.unknown}`);
console.log(`NDJSON output: ${Math.round(sinkBytes.n / N)} characters per full answer, ${Math.round(sumBytes.n / N)} per summary answer`);
console.log('');
console.log('| path | transactions | wall tx/s | tx per CPU-second (one core) | µs CPU per tx |');
console.log('|---|---:|---:|---:|---:|');
for (const r of [libRun, ndRun, ndSumRun, naiveRun]) console.log(`| ${r.label} | ${fmt(r.n)} | ${fmt(r.perSec)} | ${fmt(r.perCpuSec)} | ${r.us.toFixed(1)} |`);
console.log('');
console.log(`classify p50 per product of the mix (${composedProducts.length} products × 60): compiled classifySync summary ${(p50(cs) * 1000).toFixed(0)} µs, json-rules-engine (memo off) ${(p50(cj) * 1000).toFixed(0)} µs; in the fast path a product is classified once per asOf and then served from the memo`);
console.log(`fast path vs naive (CPU): library ${(libRun.perCpuSec / naiveRun.perCpuSec).toFixed(1)}×, NDJSON end to end ${(ndRun.perCpuSec / naiveRun.perCpuSec).toFixed(1)}×`);
console.log(`target ≥ 20,000 tx/s on one core: library ${libRun.perCpuSec >= 20000 ? 'met' : 'missed'}, NDJSON end to end ${ndRun.perCpuSec >= 20000 ? 'met' : 'missed'} (full answers), ${ndSumRun.perCpuSec >= 20000 ? 'met' : 'missed'} (summary answers)`);
void first;

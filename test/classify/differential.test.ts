/**
 * The compiled engine gives the answers of json-rules-engine (the reference semantics), deep-equal
 * (node:util isDeepStrictEqual: same values, same keys, nothing extra): on every classification
 * scenario (test/scenarios/{yoshiji,dokugeki,shitei,general,engine}) and on 5,000 products generated
 * deterministically from the ingredient dictionary and the rules (every dosage form, sites,
 * species, contents at, below and above each threshold, missing facts, unknown names, several
 * asOf dates). Each product is also answered by `classifySync` (full: equal; summary: equal to
 * `summarise(full)`), with the rule memo on, and through the product cache (filled, then served).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { openKnowledgeBase, type KnowledgeBase } from '../../src/kb.js';
import { summarise, type Classification, type ClassificationSummary, type Product } from '../../src/classify/classify.js';
import type { Threshold, When } from '../../src/rules/model.js';

const scenarioRoot = join(import.meta.dirname, '..', 'scenarios');
const dirs = ['yoshiji', 'dokugeki', 'shitei', 'general', 'engine'];

function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((e) => (statSync(join(dir, e)).isDirectory() ? yamlFiles(join(dir, e)) : /\.ya?ml$/.test(e) ? [join(dir, e)] : []));
}
const scenarios = dirs
  .flatMap((d) => yamlFiles(join(scenarioRoot, d)))
  .flatMap((f) => (parse(readFileSync(f, 'utf8')) as { name: string; asOf?: string; product: unknown }[]).map((c) => ({ file: f, name: c.name, asOf: c.asOf ? String(c.asOf) : '2024-04-01', product: c.product as Product })));

type Outcome = unknown;
const failure = (e: unknown) => ({ error: (e as Error).name, message: (e as Error).message });
async function tryAsync(f: () => Promise<unknown>): Promise<Outcome> {
  try {
    return await f();
  } catch (e) {
    return failure(e);
  }
}
function trySync(f: () => unknown): Outcome {
  try {
    return f();
  } catch (e) {
    return failure(e);
  }
}
const summaryOf = (o: Outcome) => (o && typeof o === 'object' && 'yoshiji' in o ? summarise(o as Classification) : o);
/** JSON round trip of a frozen cached answer (same data, plain objects) for the comparison. */
const plain = (o: Outcome) => JSON.parse(JSON.stringify(o)) as unknown;

/**
 * Every way of answering one product, checked against the json-rules-engine reference (memo off).
 * Returns the first disagreement (undefined: all agree).
 */
async function disagreement(kb: KnowledgeBase, product: Product, asOf: string, opts: { memo: boolean; cache: boolean }): Promise<{ how: string; got: Outcome; want: Outcome } | undefined> {
  const want = await tryAsync(() => kb.classify(product, { asOf, engine: 'json-rules-engine', memo: false }));
  const wantSummary = summaryOf(want);
  const ways: [string, () => Outcome | Promise<Outcome>, Outcome][] = [
    ['compiled, memo off', () => tryAsync(() => kb.classify(product, { asOf, engine: 'compiled', memo: false })), want],
    ['classifySync full', () => trySync(() => kb.classifySync(product, { asOf, memo: false })), want],
    ['classifySync summary', () => trySync(() => kb.classifySync(product, { asOf, explain: 'summary', memo: false })), wantSummary],
  ];
  if (opts.memo)
    ways.push(
      ['compiled, memo on', () => tryAsync(() => kb.classify(product, { asOf, engine: 'compiled', memo: true })), want],
      ['json-rules-engine, memo on', () => tryAsync(() => kb.classify(product, { asOf, engine: 'json-rules-engine', memo: true })), want],
    );
  const withCache = opts.cache;
  if (withCache)
    for (const pass of ['filled', 'served'])
      ways.push(
        [`classifySync full, cache ${pass}`, () => trySync(() => plain(kb.classifySync(product, { asOf, cache: true }))), plain(want)],
        [`classifySync summary, cache ${pass}`, () => trySync(() => plain(kb.classifySync(product, { asOf, explain: 'summary', cache: true }))), plain(wantSummary)],
      );
  for (const [how, f, expected] of ways) {
    const got = await f();
    if (!isDeepStrictEqual(got, expected)) return { how, got, want: expected };
  }
  summaries.set(product, wantSummary);
  return undefined;
}
/** The reference summary of each product checked (for the generated set's coverage counts). */
const summaries = new WeakMap<Product, Outcome>();

// ---- the generated product set
function generate(kb: KnowledgeBase, n: number): { product: Product; asOf: string }[] {
  let seed = 20261203;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const rules = kb.ruleset.rules;
  // thresholds with the substances whose listing (or proviso / exclusion) states them
  const thresholds: { names: string[]; t: Threshold }[] = [];
  const walk = (w: When | undefined, names: string[]) => {
    if (!w) return;
    if (w.content) thresholds.push({ names, t: w.content });
    w.all?.forEach((x) => walk(x, names));
    w.any?.forEach((x) => walk(x, names));
    walk(w.not, names);
  };
  for (const r of rules) {
    const names = [...r.substances, ...(r.when?.ingredient ? [r.when.ingredient].flat() : [])];
    walk(r.when, names);
    for (const x of r.except) walk(x.when, [...names, ...(x.when.ingredient ? [x.when.ingredient].flat() : [])]);
  }
  const scenarioNames = scenarios.flatMap((s) => ((s.product as { ingredients?: { name?: unknown }[] })?.ingredients ?? []).map((i) => i?.name)).filter((x): x is string => typeof x === 'string' && x.length < 40);
  const names = [
    ...new Set([
      ...kb.ingredients.keys(),
      ...rules.flatMap((r) => [...r.substances, ...r.classes]),
      ...scenarioNames,
      'アモキシシリン', '塩酸アチパメゾール', 'ivermectin', 'fipronil', 'ビタミンC', 'ブドウ糖', 'ほげほげ', 'イベルメクチソ', 'シプロフロキサシン',
    ]),
  ];
  const forms = [['内用剤'], ['注射剤'], ['外用剤', '外皮'], ['外用剤', '眼'], ['外用剤', '子宮内'], ['外用剤', '膣内'], ['外用剤', '耳'], ['外用剤', 'その他'], ['外用剤'], ['飼料添加剤'], ['原体'], ['体外診断用医薬品'], ['点眼剤'], ['ポアオン剤'], ['乳房注入剤'], ['錠剤']];
  const speciesSets = [['犬'], ['猫'], ['牛'], ['馬'], ['めん羊'], ['山羊'], ['豚', '鶏'], ['犬', '猫'], ['うさぎ'], ['cattle', 'dog'], ['ウシ'], [], undefined, undefined];
  const plainContents = [{ value: 0.5, unit: '%' }, { value: 2, unit: '%' }, { value: 10, unit: 'mg', per: { value: 1, unit: '錠' } }, { value: 100, unit: 'mg力価', per: { value: 1, unit: 'mL' } }, { value: 5, unit: 'g' }, { value: 200, unit: 'IU', per: { value: 1, unit: 'g' } }];
  const asOfs = [...new Set(['2019-03-29', '2021-07-01', '2024-04-01', ...kb.ruleset.boundaries.filter((d) => d >= kb.ruleset.earliest && d < '2100-01-01')])];
  const aroundThreshold = (t: Threshold): Record<string, unknown> => {
    const v = (t.lte ?? t.lt ?? t.gte ?? t.gt) as number;
    const value = pick([v, v * 0.5, v * 0.99, v * 1.01, v * 2, v]);
    const c: Record<string, unknown> = { value, unit: t.unit };
    if (t.per) c.per = rnd() < 0.9 ? t.per : { value: 1, unit: 'mL' };
    if (t.as && rnd() < 0.75) c.as = t.as;
    else if (t.factors && rnd() < 0.5) c.as = pick(Object.keys(t.factors));
    if (t.unit === '%' && rnd() < 0.1) c.unit = 'mg'; // not comparable → asks for the unit
    return c;
  };
  const out: { product: Product; asOf: string }[] = [];
  for (let i = 0; i < n; i++) {
    const k = 1 + Math.floor(rnd() * (rnd() < 0.7 ? 2 : 4));
    const ingredients: Product['ingredients'] = [];
    for (let j = 0; j < k; j++) {
      if (rnd() < 0.45 && thresholds.length) {
        const th = pick(thresholds);
        const name = th.names.length ? pick(th.names) : pick(names);
        const ing: Product['ingredients'][number] = { name };
        if (rnd() < 0.9) ing.content = aroundThreshold(th.t) as never;
        if (rnd() < 0.1) ing.contents = [aroundThreshold(th.t) as never];
        ingredients.push(ing);
      } else {
        const ing: Product['ingredients'][number] = { name: pick(names) };
        if (rnd() < 0.5) ing.content = pick(plainContents);
        ingredients.push(ing);
      }
    }
    const [form, site] = pick(forms);
    const p: Product = { ingredients, dosageForm: form };
    if (site && rnd() < 0.9) p.applicationSite = site;
    const sp = pick(speciesSets);
    if (sp) p.species = sp;
    const r = rnd();
    if (r < 0.08) p.isPreparation = false;
    else if (r < 0.12) p.isPreparation = true;
    if (rnd() < 0.08) p.purpose = pick(['殺虫剤', '殺そ剤', '消毒剤']);
    out.push({ product: p, asOf: pick(asOfs) });
  }
  return out;
}

/**
 * The embedded rules, classification families only (the same yoshiji / dokugeki / shitei files and
 * schemas, by symlink): classify reads nothing else, and the other families' files, being written
 * by other work in the same tree, must not make this test fail.
 */
function classificationRules(): string {
  const src = join(import.meta.dirname, '..', '..', 'rules');
  const dir = mkdtempSync(join(tmpdir(), 'doyaku-differential-'));
  const manifest = parse(readFileSync(join(src, 'manifest.yaml'), 'utf8')) as { files: string[] };
  manifest.files = manifest.files.filter((f) => ['yoshiji/', 'dokugeki/', 'shitei/'].some((d) => f.startsWith(d)));
  writeFileSync(join(dir, 'manifest.yaml'), stringify(manifest));
  for (const d of ['yoshiji', 'dokugeki', 'shitei', 'schema']) symlinkSync(join(src, d), join(dir, d));
  return dir;
}

let kb: KnowledgeBase;
let rulesDir: string;
beforeAll(async () => {
  kb = await openKnowledgeBase({ rulesDir: (rulesDir = classificationRules()) });
});
afterAll(() => rmSync(rulesDir, { recursive: true, force: true }));

describe('compiled engine = json-rules-engine (differential)', () => {
  it(`every classification scenario (${scenarios.length}) answers deep-equal by every engine, API, explain mode, memo and cache`, async () => {
    expect(scenarios.length).toBeGreaterThan(300);
    for (const s of scenarios) {
      const d = await disagreement(kb, s.product, s.asOf, { memo: true, cache: true });
      if (d) expect(d.got, `${s.file} › ${s.name}: ${d.how}`).toEqual(d.want);
    }
  });

  it('5,000 generated products answer deep-equal (both engines, classifySync full and summary; memo on for every 5th, the product cache for every 10th)', async () => {
    const set = generate(kb, 5000);
    const statuses = new Set<string>();
    const reasons = new Set<string>();
    let invalid = 0;
    for (let i = 0; i < set.length; i++) {
      const { product, asOf } = set[i];
      const d = await disagreement(kb, product, asOf, { memo: i % 5 === 0, cache: i % 10 === 0 });
      if (d) expect(d.got, `generated #${i} ${JSON.stringify(product)} asOf ${asOf}: ${d.how}`).toEqual(d.want);
      // what the set exercised (so a generator that stops covering the interesting cases is noticed)
      const a = summaries.get(product) as ClassificationSummary | { error: string };
      if ('error' in a) {
        invalid++;
        continue;
      }
      for (const f of ['yoshiji', 'poison', 'designated'] as const) {
        statuses.add(`${f}:${String(a[f].status)}`);
        for (const r of a[f].reasons) reasons.add(r.code);
      }
    }
    expect(invalid, 'invalid products (answered by the same error by every way)').toBeLessThan(set.length / 5);
    for (const s of ['yoshiji:required', 'yoshiji:unknown', 'poison:毒薬', 'poison:劇薬', 'poison:unknown', 'designated:unknown']) expect(statuses, s).toContain(s);
    for (const r of ['missing-fact', 'unknown-ingredient', 'source-not-available', 'excluded', 'conditions-not-met', 'not-listed']) expect(reasons, r).toContain(r);
  });

  it('the engine and explain options are checked; classifySync refuses json-rules-engine', async () => {
    const p: Product = { ingredients: [{ name: 'イベルメクチン' }], dosageForm: '注射剤', species: ['牛'] };
    await expect(kb.classify(p, { asOf: '2024-04-01', engine: 'jre' as never })).rejects.toThrow(/engine must be/);
    expect(() => kb.classifySync(p, { asOf: '2024-04-01', engine: 'json-rules-engine' })).toThrow(/compiled engine only/);
    expect(() => kb.classifySync(p, { asOf: '2024-04-01', explain: 'short' as never })).toThrow(/explain must be/);
  });
});

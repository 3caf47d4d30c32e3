/**
 * The input, answer and error contracts of classification (docs/contracts.md), through the library
 * AND the CLI (--json and --ndjson): each case of issue 12, plus generated misspelled keys, unknown
 * names, oversized and deeply nested inputs. Every real answer validates against the published
 * answer schema (rules/schema/classification.answer.schema.json).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { openKnowledgeBase, type KnowledgeBase } from '../../src/kb.js';
import { ProductError } from '../../src/classify/product.js';
import { InputError, schemaValidator } from '../../src/rules/input.js';
import { main } from '../../src/cli/main.js';
import { runCli } from '../helpers/cli.js';

const asOf = '2024-04-01';
let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await openKnowledgeBase();
});

const good = { ingredients: [{ name: 'イベルメクチン', content: { value: 0.5, unit: '%', per: { value: 1, unit: '個' }, as: 'イベルメクチン' } }], dosageForm: '内用剤', applicationSite: '外皮', species: ['犬'], isPreparation: true, purpose: '駆虫剤' };

/** Every key of the product schema, by the JSON pointer of the object holding it. */
const keysAt: [string, string[], (bad: string) => unknown][] = [
  ['', ['ingredients', 'dosageForm', 'applicationSite', 'species', 'isPreparation', 'purpose'], (k) => ({ ...good, [k]: 'x' })],
  ['/ingredients/0', ['name', 'content', 'contents'], (k) => ({ ...good, ingredients: [{ ...good.ingredients[0], [k]: 'x' }] })],
  ['/ingredients/0/content', ['value', 'unit', 'per', 'as'], (k) => ({ ...good, ingredients: [{ name: 'イベルメクチン', content: { ...good.ingredients[0].content, [k]: 1 } }] })],
  ['/ingredients/0/content/per', ['value', 'unit'], (k) => ({ ...good, ingredients: [{ name: 'イベルメクチン', content: { value: 1, unit: 'mg', per: { value: 1, unit: '錠', [k]: 1 } } }] })],
];

/** Misspellings of a key: a letter dropped, two swapped, one doubled, a trailing s dropped or added. */
function misspell(k: string): string[] {
  const out = new Set<string>([k.slice(1), k.slice(0, -1), `${k}s`, `${k[0]}${k[0]}${k.slice(1)}`, k.length > 3 ? `${k.slice(0, 2)}${k[3]}${k[2]}${k.slice(4)}` : `${k}x`, k.toLowerCase() === k ? k.toUpperCase() : k.toLowerCase()]);
  out.delete(k);
  return [...out].filter((x) => x.length > 0);
}

async function libraryError(product: unknown): Promise<InputError> {
  try {
    await kb.classify(product as never, { asOf });
  } catch (e) {
    expect(e).toBeInstanceOf(ProductError);
    expect(e).toBeInstanceOf(InputError);
    return e as InputError;
  }
  throw new Error(`expected an input error for ${JSON.stringify(product).slice(0, 200)}`);
}

async function cliError(product: unknown): Promise<{ code: string; problems: { field: string; message: string }[] }> {
  const r = await runCli(['classify', '--json', '--as-of', asOf], JSON.stringify(product));
  expect(r.code).toBe(2);
  return JSON.parse(r.out).error;
}

describe('input contract: every field checked, at every level', () => {
  const cases = keysAt.flatMap(([at, keys, make]) => keys.flatMap((k) => misspell(k).filter((m) => !keys.includes(m)).map((m) => [at, k, m, make(m)] as const)));
  it(`generated: ${cases.length} misspelled keys are rejected (library, CLI --json, --ndjson), each naming its JSON pointer with a did-you-mean`, async () => {
    expect(cases.length).toBeGreaterThan(50);
    const ndjson: string[] = [];
    for (const [n, [at, k, m, product]] of cases.entries()) {
      const e = await libraryError(product);
      const p = e.problems.find((x) => x.field === `${at}/${m}`);
      expect(p, `${at}/${m}`).toBeDefined();
      expect(p!.message).toContain('is not a known field');
      // a near miss suggests the key it missed (a single-letter key has no near miss)
      if (k.length > 3 && m.length > 2 && m.toLowerCase() !== k.toUpperCase().toLowerCase()) expect(p!.message).toContain(`did you mean '${k}'?`);
      // the CLI (--json) on every 8th case (each run opens the CLI afresh); all of them through --ndjson below
      if (n % 8 === 0) {
        const c = await cliError(product);
        expect(c.code).toBe('invalid-product');
        expect(c.problems).toEqual(e.problems);
      }
      ndjson.push(JSON.stringify(product), JSON.stringify({ ingredients: [{ name: 'キシラジン' }], dosageForm: '注射剤', species: ['犬'] }));
    }
    const r = await runCli(['classify', '--ndjson', '--as-of', asOf], ndjson.join('\n') + '\n');
    expect(r.code).toBe(1);
    const lines = r.out.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.line)).toEqual(ndjson.map((_, i) => i + 1));
    lines.forEach((l, i) => {
      if (i % 2 === 0) {
        expect(l.error.code).toBe('invalid-product');
        expect(l.error.problems.some((p: { field: string }) => p.field === `${cases[i / 2][0]}/${cases[i / 2][2]}`)).toBe(true);
      } else expect(l.poison.status).toBe('劇薬');
    });
  }, 120_000);

  it("issue 12: 'specie' → did you mean 'species'; asOf in the body → not a product field, said where it belongs", async () => {
    const e = await libraryError({ ingredients: [{ name: 'ゲンタマイシン' }], dosageForm: '注射剤', specie: ['猫'], asOf: '2020-01-01' });
    expect(e.problems).toContainEqual({ field: '/specie', message: expect.stringContaining("did you mean 'species'?") });
    expect(e.problems).toContainEqual({ field: '/asOf', message: expect.stringContaining('--as-of on the CLI') });
    const c = await cliError({ ingredients: [{ name: 'ゲンタマイシン' }], dosageForm: '注射剤', asOf: '2020-01-01' });
    expect(c.problems[0].field).toBe('/asOf');
  });

  it('deeply nested unknown data is rejected at its first unknown key, not walked', async () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 5000; i++) deep = { a: deep };
    for (const product of [
      { ingredients: [{ name: 'x' }], dosageForm: '内用剤', extra: deep },
      { ingredients: [{ name: 'x', content: { value: 1, unit: '%', nested: deep } }], dosageForm: '内用剤' },
      { ingredients: [{ name: 'x' }], dosageForm: '内用剤', purpose: deep },
    ]) {
      const e = await libraryError(product);
      expect(e.problems.length).toBeGreaterThan(0);
      expect(e.problems.every((p) => p.field.split('/').length <= 5)).toBe(true);
    }
  });
});

describe('limits (documented in docs/contracts.md, enforced by the schema)', () => {
  const limits: [string, unknown, string, string][] = [
    ['a 100,000-character ingredient name', { ingredients: [{ name: 'ア'.repeat(100_000) }], dosageForm: '内用剤' }, '/ingredients/0/name', 'at most 200 characters'],
    ['51 ingredients', { ingredients: Array.from({ length: 51 }, (_, i) => ({ name: `x${i}` })), dosageForm: '内用剤' }, '/ingredients', 'at most 50 items'],
    ['17 species', { ingredients: [{ name: 'x' }], dosageForm: '内用剤', species: Array.from({ length: 17 }, () => '犬') }, '/species', 'at most 16 items'],
    ['a 33-character species', { ingredients: [{ name: 'x' }], dosageForm: '内用剤', species: ['犬'.repeat(33)] }, '/species/0', 'at most 32 characters'],
    ['9 contents', { ingredients: [{ name: 'x', contents: Array.from({ length: 9 }, () => ({ value: 1, unit: '%' })) }], dosageForm: '内用剤' }, '/ingredients/0/contents', 'at most 8 items'],
    ['a 201-character content.as', { ingredients: [{ name: 'x', content: { value: 1, unit: '%', as: 'x'.repeat(201) } }], dosageForm: '内用剤' }, '/ingredients/0/content/as', 'at most 200 characters'],
    ['a 65-character purpose', { ingredients: [{ name: 'x' }], dosageForm: '内用剤', purpose: 'x'.repeat(65) }, '/purpose', 'at most 64 characters'],
  ];
  for (const [what, product, field, message] of limits)
    it(`${what} → ${field}: ${message} (library and CLI)`, async () => {
      const e = await libraryError(product);
      expect(e.problems).toContainEqual({ field, message: expect.stringContaining(message) });
      const c = await cliError(product);
      expect(c.problems).toContainEqual({ field, message: expect.stringContaining(message) });
      expect(JSON.stringify(c).length).toBeLessThan(2000);
    });
  it('an NDJSON line over 64 KiB is an error record; the lines around it are answered, in order', async () => {
    const big = JSON.stringify({ ingredients: [{ name: 'x' }], dosageForm: '内用剤', purpose: 'y'.repeat(70_000) });
    const ok = JSON.stringify({ ingredients: [{ name: 'キシラジン' }], dosageForm: '注射剤', species: ['犬'] });
    const r = await runCli(['classify', '--ndjson', '--as-of', asOf], [ok, big, ok].join('\n'));
    const lines = r.out.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.line)).toEqual([1, 2, 3]);
    expect(lines[1].error.code).toBe('line-too-long');
    expect(lines[2].poison.status).toBe('劇薬');
  });
});

describe('unknown names → unknown (or an error where the vocabulary is closed)', () => {
  it('an unrecognised species (猫ちゃん, garbage) → yoshiji unknown, unknown-species with suggestions; うさぎ → species-out-of-scope', async () => {
    for (const species of [['猫ちゃん'], ['qwzx'], ['乳牛']]) {
      const a = await kb.classify({ ingredients: [{ name: 'ゲンタマイシン' }], dosageForm: '注射剤', species }, { asOf });
      expect(a.yoshiji.status).toBe('unknown');
      expect(a.yoshiji.reasons[0]).toMatchObject({ code: 'unknown-species', field: '/species/0' });
      const r = await runCli(['classify', '--json', '--as-of', asOf, '-i', 'ゲンタマイシン', '--form', '注射剤', '--species', species[0]]);
      expect(JSON.parse(r.out).yoshiji.reasons[0].code).toBe('unknown-species');
    }
    expect((await kb.classify({ ingredients: [{ name: 'ゲンタマイシン' }], dosageForm: '注射剤', species: ['猫ちゃん'] }, { asOf })).yoshiji.reasons[0].suggestions).toContain('猫');
    const rabbit = await kb.classify({ ingredients: [{ name: 'ゲンタマイシン' }], dosageForm: '注射剤', species: ['うさぎ'] }, { asOf });
    expect(rabbit.yoshiji).toMatchObject({ status: 'not_required', reasons: [{ code: 'species-out-of-scope' }] });
    // required stands: a further species cannot undo it
    const both = await kb.classify({ ingredients: [{ name: 'ゲンタマイシン' }], dosageForm: '注射剤', species: ['犬', '猫ちゃん'] }, { asOf });
    expect(both.yoshiji.status).toBe('required');
    expect(both.yoshiji.reasons[0].code).toBe('unknown-species');
  });
  it('dosage forms: a closed vocabulary; 注射液 is an explicit variant of 注射剤 (same answer); others are an error with a did-you-mean', async () => {
    const a = await kb.classify({ ingredients: [{ name: 'キシラジン' }], dosageForm: '注射液', species: ['犬'] }, { asOf });
    const b = await kb.classify({ ingredients: [{ name: 'キシラジン' }], dosageForm: '注射剤', species: ['犬'] }, { asOf });
    expect([a.yoshiji.status, a.poison.status, a.designated.status]).toEqual([b.yoshiji.status, b.poison.status, b.designated.status]);
    for (const form of ['錠剤', '注射', 'garbage']) {
      const e = await libraryError({ ingredients: [{ name: 'キシラジン' }], dosageForm: form });
      expect(e.problems[0].field).toBe('/dosageForm');
      expect(e.problems[0].message).toContain('must be one of');
    }
    expect((await libraryError({ ingredients: [{ name: 'x' }], dosageForm: '注射' })).problems[0].message).toContain("did you mean '注射剤'?");
  });
  it('generated: 40 unknown species and ingredient names → unknown with the field, never a confident no (library and --ndjson)', async () => {
    const rnd = (i: number) => ['ぬこ', 'いぬっころ', 'にゃん', 'qq', 'zebra-x', '牛乳', '豚肉', 'ドッグ', 'キャット', '犬猫'][i % 10] + (i >= 10 ? String(i) : '');
    const lines: string[] = [];
    for (let i = 0; i < 20; i++) {
      const species = rnd(i);
      const a = await kb.classify({ ingredients: [{ name: 'ゲンタマイシン' }], dosageForm: '注射剤', species: [species] }, { asOf });
      expect(a.yoshiji.status, species).toBe('unknown');
      expect(a.yoshiji.reasons[0]).toMatchObject({ code: 'unknown-species', field: '/species/0' });
      const name = `未知成分${i}${'ズ'.repeat(i % 3)}`;
      const b = await kb.classify({ ingredients: [{ name }], dosageForm: '内用剤', species: ['犬'] }, { asOf });
      for (const f of [b.yoshiji, b.poison, b.designated]) expect(f.status, name).toBe('unknown');
      expect(b.poison.reasons[0]).toMatchObject({ code: 'unknown-ingredient', field: '/ingredients/0/name' });
      lines.push(JSON.stringify({ ingredients: [{ name: 'ゲンタマイシン' }], dosageForm: '注射剤', species: [species] }), JSON.stringify({ ingredients: [{ name }], dosageForm: '内用剤', species: ['犬'] }));
    }
    const r = await runCli(['classify', '--ndjson', '--as-of', asOf], lines.join('\n'));
    const out = r.out.trim().split('\n').map((l) => JSON.parse(l));
    expect(out).toHaveLength(40);
    out.forEach((o, i) => expect(i % 2 === 0 ? o.yoshiji.reasons[0].code : o.poison.reasons[0].code).toBe(i % 2 === 0 ? 'unknown-species' : 'unknown-ingredient'));
  });
  it('an unrecognised ingredient → every family unknown (unknown-ingredient), library and CLI', async () => {
    const a = await kb.classify({ ingredients: [{ name: 'zzqqxx' }], dosageForm: '注射剤', species: ['犬'] }, { asOf });
    for (const f of [a.yoshiji, a.poison, a.designated]) expect(f.status).toBe('unknown');
    const r = await runCli(['classify', '--json', '--as-of', asOf, '-i', 'zzqqxx', '--form', '注射剤', '--species', '犬']);
    expect(JSON.parse(r.out).designated.status).toBe('unknown');
  });
});

describe('flags', () => {
  const noStdin = async (): Promise<string> => {
    throw new Error('stdin must not be read');
  };
  const run = async (argv: string[]) => {
    let out = '';
    let err = '';
    const code = await main(argv, { stdout: (s) => void (out += s), stderr: (s) => void (err += s), readStdin: noStdin });
    return { code, out, err };
  };
  it("library: asOf '' or an impossible date is an AsOfError (never today)", async () => {
    for (const d of ['', '2024-02-30', 'today'])
      await expect(kb.classify({ ingredients: [{ name: 'キシラジン' }], dosageForm: '注射剤' }, { asOf: d })).rejects.toThrow(/asOf/);
  });
  it('--as-of "" is an error (not today)', async () => {
    const r = await run(['classify', '--as-of', '', '-i', 'キシラジン', '--form', '注射剤']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--as-of');
  });
  it('--ndjson --as-of garbage: one usage error, exit 2, before reading input', async () => {
    for (const d of ['garbage', '2024-02-30', '2001-01-01']) {
      const r = await run(['classify', '--ndjson', '--as-of', d]);
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(r.err).toContain('--as-of');
    }
  });
  it('diff --from garbage names --from; --to garbage names --to', async () => {
    const a = await run(['diff', '--from', 'garbage']);
    expect(a.code).toBe(2);
    expect(a.err).toContain('--from');
    const b = await run(['diff', '--from', '2019-03-29', '--to', 'garbage']);
    expect(b.code).toBe(2);
    expect(b.err).toContain('--to');
  });
});

// ---------------------------------------------------------------- answer contract

const scenarioDir = join(import.meta.dirname, '..', 'scenarios');
function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => {
    const p = join(dir, e);
    return statSync(p).isDirectory() ? yamlFiles(p) : /\.ya?ml$/.test(e) ? [p] : [];
  });
}
const products = ['yoshiji', 'dokugeki', 'shitei', 'engine', 'general']
  .flatMap((d) => yamlFiles(join(scenarioDir, d)))
  .flatMap((f) => (parse(readFileSync(f, 'utf8')) as { product: unknown; expect: { error?: string } }[]).filter((c) => c.expect.error === undefined).map((c) => c.product));

describe('answer contract: rules/schema/classification.answer.schema.json', () => {
  const validate = schemaValidator('classification.answer.schema.json');
  const check = (a: unknown, what: string) => {
    if (!validate(a)) throw new Error(`${what}: ${JSON.stringify(validate.errors?.slice(0, 3))}`);
  };
  it(`every scenario answer (${products.length} products) validates: library, CLI --json and --ndjson`, async () => {
    expect(products.length).toBeGreaterThan(300);
    for (const [i, p] of products.entries()) check(await kb.classify(p as never, { asOf }), `library #${i}`);
    for (const p of products.slice(0, 8)) {
      const r = await runCli(['classify', '--json', '--as-of', asOf], JSON.stringify(p));
      check(JSON.parse(r.out), 'CLI --json');
    }
    const r = await runCli(['classify', '--ndjson', '--as-of', asOf], products.map((p) => JSON.stringify(p)).join('\n'));
    const lines = r.out.trim().split('\n').map((l) => JSON.parse(l) as { line: number });
    expect(lines.length).toBe(products.length);
    for (const { line, ...a } of lines) check(a, `NDJSON line ${line}`);
  }, 120_000);
  it('one string vocabulary per family, the same in the library, --json and --ndjson', async () => {
    const p = { ingredients: [{ name: 'キシラジン' }], dosageForm: '注射剤', species: ['犬'] };
    const lib = await kb.classify(p, { asOf });
    const json = JSON.parse((await runCli(['classify', '--json', '--as-of', asOf], JSON.stringify(p))).out);
    const nd = JSON.parse((await runCli(['classify', '--ndjson', '--as-of', asOf], JSON.stringify(p))).out);
    for (const a of [lib, json, nd]) expect([a.yoshiji.status, a.poison.status, a.designated.status]).toEqual(['required', '劇薬', 'designated']);
  });
});

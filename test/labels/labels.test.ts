/**
 * Unit tests of the label question (src/labels/): answers match label.answer.schema.json, every rule's
 * conditions give the same outcome on the fast path and on json-rules-engine, answers explain
 * themselves, input errors name the field, text matching is notation-proof. Scenarios (the law's
 * cases) are in test/scenarios/labeling/.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { openKnowledgeBase } from '../../src/kb.js';
import { normText } from '../../src/labels/check.js';
import type { LabelRequest, LabelSpec } from '../../src/labels/model.js';
import { compileCondition, type Condition } from '../../src/rules/conditions.js';
import { InputError } from '../../src/rules/input.js';
import { schemaDir } from '../../src/rules/load.js';

const kb = await openKnowledgeBase(process.env.DOYAKU_TEST_RULES_DIR ? { rulesDir: process.env.DOYAKU_TEST_RULES_DIR } : {});
const asOf = '2024-04-01';

const drug = {
  type: '医薬品',
  classification: { yoshiji: 'required', poison: '劇薬' },
  manufacturingUse: false,
  biologicalPreparation: true,
  vaccine: false,
  antibiotic: false,
  bioDerived: false,
  foreignSpecialApproval: false,
  usageStandard: true,
  pharmacopoeia: false,
  habitForming: false,
  hasApprovedShelfLife: true,
  shelfLifeOnContainerByStandard: false,
  shelfLife: { years: 2 },
  manufactureDate: '2024-01-15',
} as const;

const requests: LabelRequest[] = [
  { product: { ...drug }, container: 'immediate', package: { sizeMl: 1, outerCarriesAll: true }, items: ['act50.1', '要指示', '動物用'], statedExpiry: '2026-01', asOf },
  { product: { ...drug }, container: 'outer', package: { immediateExemptionRelied: true }, asOf },
  { product: { ...drug }, container: 'insert', insertChange: { changeDate: '2024-01-31', marketedBeforeChange: false, marketingDate: '2024-07-30', postedOnWebsite: true, notified: true }, asOf },
  { product: { type: '体外診断用医薬品' }, container: 'immediate', asOf },
  { product: { type: '医薬部外品', ingredients: ['ペルメトリン'] }, container: 'immediate', package: { countable: true, count: 3, countVisible: true }, asOf },
  { product: { type: '医療機器', specifiedMaintenance: true }, container: 'insert', asOf },
  { product: { type: '再生医療等製品', conditionalApproval: true }, container: 'immediate', asOf },
];

function ajvFor() {
  const req = createRequire(import.meta.url);
  const { Ajv } = req('ajv') as typeof import('ajv');
  const ajv = new Ajv({ allErrors: true, strict: false });
  const addFormats = req('ajv-formats') as unknown as ((a: unknown) => void) | { default: (a: unknown) => void };
  (typeof addFormats === 'function' ? addFormats : addFormats.default)(ajv);
  for (const f of ['common.schema.json', 'label.answer.schema.json', 'label.request.schema.json']) ajv.addSchema(JSON.parse(readFileSync(join(schemaDir, f), 'utf8')));
  return ajv;
}

describe('label answers', () => {
  const ajv = ajvFor();
  const id = 'https://doyaku.example/schema/label.answer.schema.json';
  it('checkLabel answers match label.answer.schema.json, and carry the envelope', async () => {
    const v = ajv.getSchema(id)!;
    for (const r of requests) {
      const a = await kb.checkLabel(r);
      expect(v(JSON.parse(JSON.stringify(a))), JSON.stringify(v.errors?.slice(0, 3))).toBe(true);
      expect(a.asOf).toBe(asOf);
      expect(a.rulesetVersion).toBe(kb.ruleset.version);
      expect(a.contentHash).toBe(kb.ruleset.contentHash);
    }
  });
  it('labelRequirements and expiryRequirement answers match their definitions', async () => {
    const vr = ajv.getSchema(`${id}#/definitions/requirements`)!;
    const ve = ajv.getSchema(`${id}#/definitions/expiry`)!;
    for (const r of requests) {
      const a = await kb.labelRequirements(r.product, r.container, { asOf, package: r.package, insertChange: r.insertChange });
      expect(vr(JSON.parse(JSON.stringify(a))), JSON.stringify(vr.errors?.slice(0, 3))).toBe(true);
      const e = await kb.expiryRequirement(r.product, { asOf });
      expect(ve(JSON.parse(JSON.stringify(e))), JSON.stringify(ve.errors?.slice(0, 3))).toBe(true);
    }
  });
  it('every request above is valid against label.request.schema.json', () => {
    const v = ajv.getSchema('https://doyaku.example/schema/label.request.schema.json')!;
    for (const r of requests) expect(v(r), JSON.stringify(v.errors)).toBe(true);
  });
  it('answers explain themselves: every item, exemption and substitute cites corpus nodes with their text', async () => {
    for (const r of requests) {
      const a = await kb.checkLabel(r);
      for (const x of [...a.required, ...a.omissible, ...a.substitutes]) {
        expect(x.citations.length, JSON.stringify(x)).toBeGreaterThan(0);
        for (const c of x.citations) {
          expect(kb.corpus.nodes.has(c.id)).toBe(true);
          expect(c.excerpt.length).toBeGreaterThan(0);
        }
      }
      for (const x of a.required) if (x.required === 'unknown') expect(x.reasons.length, x.item).toBeGreaterThan(0);
    }
  });
  it('the 使用の期限 is computed with its steps (month after 製造完了, 民法第143条)', async () => {
    const e = await kb.expiryRequirement({ ...drug }, { asOf });
    expect(e.required).toBe(true);
    expect(e.computed?.expiry).toBe('2026-01-31');
    expect(e.computed?.steps.map((s) => s.step)).toEqual(['event', 'month-after', 'corresponding-day', 'end', 'expiry']);
    expect(e.citations.map((c) => c.id)).toContain('A170-P2');
  });
  it('answers are independent: mutating one does not change the next', async () => {
    const a = await kb.checkLabel(requests[0]);
    a.required[0].citations.length = 0;
    a.required.length = 0;
    const b = await kb.checkLabel(requests[0]);
    expect(b.required.length).toBeGreaterThan(0);
    expect(b.required[0].citations.length).toBeGreaterThan(0);
  });
});

describe('label input errors', () => {
  const bad = async (r: unknown) => {
    try {
      await kb.checkLabel(r as LabelRequest);
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      return (e as InputError).problems;
    }
    throw new Error('expected an InputError');
  };
  it('unknown keys, with a did-you-mean', async () => {
    const p = await bad({ product: { type: '医薬品', manufacturinguse: true }, container: 'immediate' });
    expect(p[0].field).toBe('/product/manufacturinguse');
    expect(p[0].message).toContain('manufacturingUse');
  });
  it('a bad container, a bad type, a missing container', async () => {
    expect((await bad({ product: { type: '医薬品' }, container: 'box' }))[0].field).toBe('/container');
    expect((await bad({ product: { type: 'cosmetic' }, container: 'outer' }))[0].field).toBe('/product/type');
    expect((await bad({ product: { type: '医薬品' } }))[0].field).toBe('/container');
  });
  it('calendar dates are checked (2024-02-30 is an error naming the field)', async () => {
    expect((await bad({ product: { type: '医薬品', manufactureDate: '2024-02-30' }, container: 'immediate' }))[0].field).toBe('/product/manufactureDate');
    expect((await bad({ product: { type: '医薬品' }, container: 'insert', insertChange: { marketingDate: '2023-13-01' } }))[0].field).toBe('/insertChange/marketingDate');
  });
  it('limits: too many items, an over-long text', async () => {
    expect((await bad({ product: { type: '医薬品' }, container: 'immediate', items: Array(201).fill('x') }))[0].field).toBe('/items');
    expect((await bad({ product: { type: '医薬品' }, container: 'immediate', items: ['x'.repeat(2001)] }))[0].field).toMatch(/^\/items\/0/);
  });
  it('__proto__ and constructor keys are rejected, never followed', async () => {
    const p = await bad(JSON.parse('{"product":{"type":"医薬品","__proto__":{"manufacturingUse":true}},"container":"immediate"}'));
    expect(p.some((x) => x.field.includes('__proto__'))).toBe(true);
  });
});

describe('label text matching', () => {
  it('normalises width, dashes and brackets', () => {
    expect(normText('「注意－獣医師等の処方箋・指示により使用すること」')).toBe(normText('注意—獣医師等の処方箋・指示により使用すること'));
    expect(normText('ＪＰ')).toBe('JP');
  });
  it('a short word (生物) is not found inside a longer one (生物学的製剤)', async () => {
    const a = await kb.checkLabel({ product: { ...drug, bioDerived: true }, container: 'immediate', items: ['生物学的製剤'], asOf });
    expect(a.required.find((r) => r.item === 'a186.1')?.status).not.toBe('present');
  });
});

describe('labeling rules: fast path and json-rules-engine agree', () => {
  it('on every rule condition × generated facts', async () => {
    const rules = kb.ruleset.familyRules<LabelSpec>('labeling', asOf);
    const conds: Condition[] = [];
    for (const r of rules) {
      if (r.spec.when) conds.push(r.spec.when as Condition);
      if (r.spec.deadline?.longer) conds.push(r.spec.deadline.longer.when as Condition);
    }
    const facts = new Set<string>();
    const walk = (c: Condition): unknown => ('all' in c ? c.all.forEach(walk) : 'any' in c ? c.any.forEach(walk) : 'not' in c ? walk(c.not) : facts.add(c.fact));
    conds.forEach(walk);
    const values = [undefined, true, false, 0, 1, 2, 2.5, 6, 7, 10, 12, 'required', 'not_required', '毒薬', '劇薬', 'none', '2024-01-31'];
    let seed = 42;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    let n = 0;
    for (let k = 0; k < 40; k++) {
      const f: Record<string, unknown> = {};
      for (const path of facts) {
        const v = values[Math.floor(rnd() * values.length)];
        if (v === undefined) continue;
        const ks = path.split('.');
        let o = f;
        for (const x of ks.slice(0, -1)) o = (o[x] ??= {}) as Record<string, unknown>;
        o[ks[ks.length - 1]] = v;
      }
      for (const c of conds) {
        const cc = compileCondition(c);
        const fast = cc.evaluate(f);
        const ref = await cc.evaluateWithEngine(f);
        expect(ref.result).toBe(fast.result);
        n++;
      }
    }
    expect(n).toBeGreaterThan(3000);
  });
});

describe('labeling rules resting on the guidance', () => {
  it('cite guidance paragraphs that exist, shown with their text', async () => {
    const rules = kb.ruleset.familyRules<LabelSpec>('labeling', asOf).filter((r) => r.spec.guidance);
    expect(rules.length).toBeGreaterThan(0);
    for (const r of rules) {
      expect(r.spec.basis).toBe('guidance');
      for (const g of r.spec.guidance!) expect(kb.annotations.get(g), `${r.id}: ${g}`).toBeDefined();
    }
    const a = await kb.checkLabel({ product: { ...drug, dispensedByVet: true }, container: 'immediate', asOf });
    const it = a.required.find((x) => x.item === 'g.vet-1')!;
    expect(it.basis).toBe('guidance');
    expect(it.guidance?.[0].excerpt).toContain('獣医師');
  });
});

describe('label answer schemas', () => {
  it('label-requirements and label-expiry answer schemas carry the same definitions as label.answer.schema.json', () => {
    const read = (f: string) => JSON.parse(readFileSync(join(schemaDir, f), 'utf8')) as { definitions: unknown; allOf: { $ref: string }[] };
    const base = read('label.answer.schema.json');
    for (const [f, ref] of [['label-requirements.answer.schema.json', 'requirements'], ['label-expiry.answer.schema.json', 'expiry']] as const) {
      const s = read(f);
      expect(s.definitions).toEqual(base.definitions);
      expect(s.allOf[0].$ref).toBe(`#/definitions/${ref}`);
    }
  });
  it('a requirements answer validates against label-requirements.answer.schema.json', async () => {
    const ajv = ajvFor();
    for (const f of ['label-requirements.answer.schema.json', 'label-expiry.answer.schema.json']) ajv.addSchema(JSON.parse(readFileSync(join(schemaDir, f), 'utf8')));
    const v = ajv.getSchema('https://doyaku.example/schema/label-requirements.answer.schema.json')!;
    const a = await kb.labelRequirements({ type: '医薬品' }, 'outer', { asOf });
    expect(v(JSON.parse(JSON.stringify(a))), JSON.stringify(v.errors?.slice(0, 2))).toBe(true);
    const ve = ajv.getSchema('https://doyaku.example/schema/label-expiry.answer.schema.json')!;
    expect(ve(JSON.parse(JSON.stringify(await kb.expiryRequirement({ type: '医薬品' }, { asOf }))))).toBe(true);
  });
});

describe('no label is confidently complete by default', () => {
  it('every product type × container has something required, and an empty label is never complete', async () => {
    for (const type of ['医薬品', '体外診断用医薬品', '医薬部外品', '医療機器', '再生医療等製品'])
      for (const container of ['immediate', 'outer', 'insert'] as const) {
        const r = await kb.labelRequirements({ type }, container, { asOf });
        expect(r.required.length, `${type} ${container}`).toBeGreaterThan(0);
        const c = await kb.checkLabel({ product: { type }, container, items: [], asOf });
        expect(c.status, `${type} ${container}`).not.toBe('complete');
      }
  });
});

describe('labeling rule files: errors name file:line', () => {
  it('a bad citation and an unknown key in a labeling rule are reported at their line, with the nearest ids', async () => {
    const { cpSync, mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { loadRuleset } = await import('../../src/rules/ruleset.js');
    const src = join(import.meta.dirname, '..', '..', 'rules');
    const dir = mkdtempSync(join(tmpdir(), 'doyaku-labeling-'));
    try {
      for (const f of ['manifest.yaml', 'schema', 'yoshiji', 'dokugeki', 'shitei', 'labeling']) cpSync(join(src, f), join(dir, f), { recursive: true });
      writeFileSync(
        join(dir, 'labeling', '99-bad.yaml'),
        [
          'family: labeling',
          'effective: { from: 2019-03-29 }',
          'amendedBy: test',
          'rules:',
          '  - id: labeling.test.bad',
          '    kind: item',
          '    title: bad',
          '    products: [医薬品]',
          '    containers: [immediate]',
          '    item: { id: t.bad, text: bad }',
          '    citations: [A172-P9]',
          '',
        ].join('\n'),
      );
      writeFileSync(
        join(dir, 'labeling', '98-bad-key.yaml'),
        ['family: labeling', 'effective: { from: 2019-03-29 }', 'amendedBy: test', 'rules:', '  - id: labeling.test.key', '    kind: obligation', '    title: bad', '    products: [医薬品]', '    message: m', '    citations: [A178-P1]', '    colour: red', ''].join('\n'),
      );
      let msg = '';
      try {
        loadRuleset(dir, { corpus: kb.corpus });
      } catch (e) {
        msg = (e as Error).message;
      }
      expect(msg).toMatch(/labeling\/98-bad-key\.yaml:11:\d+ .*colour/);
      expect(msg).toMatch(/labeling\/99-bad\.yaml:11:\d+ .*A172-P9.*nearest/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('labeling rules are versioned', () => {
  it('a hypothetical amendment ending the 6個以下 exemption on 2030-04-01: asOf before keeps it, after drops it', async () => {
    const { cpSync, mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { KnowledgeBase } = await import('../../src/kb.js');
    const src = join(import.meta.dirname, '..', '..', 'rules');
    const dir = mkdtempSync(join(tmpdir(), 'doyaku-labeling-'));
    try {
      for (const f of ['manifest.yaml', 'schema', 'yoshiji', 'dokugeki', 'shitei', 'labeling']) cpSync(join(src, f), join(dir, f), { recursive: true });
      writeFileSync(
        join(dir, 'labeling', '90-amendment-2030.yaml'),
        ['family: labeling', 'effective: { from: 2030-04-01 }', 'amendedBy: 令和12年農林水産省令第99号（仮）', 'rules:', '  - id: labeling.test.note', '    kind: obligation', '    title: 改正の注記', '    products: [医薬品]', '    containers: [immediate]', '    message: 改正後', '    citations: [A173-P1]', 'ends:', '  - { rule: labeling.drug.a173, on: 2030-04-01 }', ''].join('\n'),
      );
      const k2 = new KnowledgeBase({ rulesDir: dir });
      const req = (asOf: string) => ({ product: { type: '医薬品', classification: { yoshiji: 'not_required' as const, poison: 'none' as const } }, container: 'immediate' as const, package: { countable: true, count: 3, countVisible: true }, asOf });
      const before = await k2.checkLabel(req('2030-03-31'));
      const after = await k2.checkLabel(req('2030-04-01'));
      expect(before.omissible.some((o) => o.rule === 'labeling.drug.a173' && o.applies === true)).toBe(true);
      expect(after.omissible.some((o) => o.rule === 'labeling.drug.a173')).toBe(false);
      expect(after.findings.some((f) => f.ruleId === 'labeling.test.note')).toBe(true);
      expect(before.findings.some((f) => f.ruleId === 'labeling.test.note')).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

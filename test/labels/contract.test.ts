/**
 * The input contract (docs/contracts.md) on the label question, from the QA pass (/work/team/qa.md X8):
 * an empty or impossible asOf is an error naming /asOf in every entry point (never "today"), a stated
 * expiry is a real date or month, a field put in the wrong section is pointed to its own.
 */
import { describe, expect, it } from 'vitest';
import { openKnowledgeBase } from '../../src/kb.js';
import { InputError } from '../../src/rules/input.js';
import { runCli } from '../helpers/cli.js';

const kb = await openKnowledgeBase(process.env.DOYAKU_TEST_RULES_DIR ? { rulesDir: process.env.DOYAKU_TEST_RULES_DIR } : {});
const rd = process.env.DOYAKU_TEST_RULES_DIR ? ['--rules-dir', process.env.DOYAKU_TEST_RULES_DIR] : [];
const product = { type: '医薬品' } as const;

async function problems(p: Promise<unknown>): Promise<{ field: string; message: string }[]> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    expect((e as InputError).code).toBe('invalid-label-request');
    return (e as InputError).problems;
  }
  throw new Error('expected an InputError');
}

describe('label asOf', () => {
  const entries: [string, (asOf: string) => Promise<unknown>][] = [
    ['checkLabel', (asOf) => kb.checkLabel({ product, container: 'immediate', items: [], asOf })],
    ['labelRequirements', (asOf) => kb.labelRequirements(product, 'immediate', { asOf })],
    ['expiryRequirement', (asOf) => kb.expiryRequirement(product, { asOf })],
  ];
  for (const [name, call] of entries) {
    it(`${name}: asOf "" is an error naming /asOf, not today`, async () => {
      expect(await problems(call(''))).toEqual([{ field: '/asOf', message: 'must be a date YYYY-MM-DD, got ""' }]);
    });
    it(`${name}: asOf 2024-02-30 is an error naming /asOf`, async () => {
      expect(await problems(call('2024-02-30'))).toEqual([{ field: '/asOf', message: '2024-02-30 is not a calendar date' }]);
    });
  }
  it('a good asOf is answered as of that date', async () => {
    expect((await kb.labelRequirements(product, 'immediate', { asOf: '2024-04-01' })).asOf).toBe('2024-04-01');
  });
});

describe('label statedExpiry', () => {
  it('2024-13 is not a month (library and CLI)', async () => {
    expect(await problems(kb.expiryRequirement(product, { asOf: '2024-04-01', statedExpiry: '2024-13' }))).toEqual([{ field: '/statedExpiry', message: '2024-13 is not a calendar month' }]);
    const r = await runCli([...rd, 'label', '--expiry', '--type', '医薬品', '--stated-expiry', '2024-13', '--as-of', '2024-04-01']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('/statedExpiry: 2024-13 is not a calendar month');
  });
  it('2024-02-30 is not a date; 2024-02 and 2024-02-29 are', async () => {
    expect(await problems(kb.expiryRequirement(product, { asOf: '2024-04-01', statedExpiry: '2024-02-30' }))).toEqual([{ field: '/statedExpiry', message: '2024-02-30 is not a calendar date' }]);
    await kb.expiryRequirement(product, { asOf: '2024-04-01', statedExpiry: '2024-02' });
    await kb.expiryRequirement(product, { asOf: '2024-04-01', statedExpiry: '2024-02-29' });
  });
});

describe('a field in the wrong section', () => {
  it('/product/sizeMl points to /package/sizeMl (not a did-you-mean of an unrelated product field)', async () => {
    const ps = await problems(kb.labelRequirements({ type: '医薬品', sizeMl: 2 } as never, 'immediate', { asOf: '2024-04-01' }));
    expect(ps).toEqual([{ field: '/product/sizeMl', message: 'is not a field of product: it belongs in /package/sizeMl' }]);
  });
  it('/package/manufacturingUse points to /product/manufacturingUse', async () => {
    const ps = await problems(kb.checkLabel({ product, container: 'immediate', items: [], package: { manufacturingUse: true } as never, asOf: '2024-04-01' }));
    expect(ps).toEqual([{ field: '/package/manufacturingUse', message: 'is not a field of package: it belongs in /product/manufacturingUse' }]);
  });
  it('an unknown field that is nowhere keeps the did-you-mean', async () => {
    const ps = await problems(kb.checkLabel({ product: { type: '医薬品', manufacturingUsee: true } as never, container: 'immediate', items: [], asOf: '2024-04-01' }));
    expect(ps[0].field).toBe('/product/manufacturingUsee');
    expect(ps[0].message).toContain("did you mean 'manufacturingUse'?");
  });
});

describe('label --ndjson', () => {
  it('a line with asOf "" is an error record in every mode (never answered as of today)', async () => {
    const line = JSON.stringify({ product, container: 'immediate', items: [], asOf: '' });
    for (const mode of [[], ['--requirements'], ['--expiry']]) {
      const r = await runCli([...rd, 'label', ...mode, '--ndjson', '--quiet'], `${line}\n`);
      expect(r.code).toBe(1);
      const rec = JSON.parse(r.out.trim());
      expect(rec.line).toBe(1);
      expect(rec.error.problems).toEqual([{ field: '/asOf', message: 'must be a date YYYY-MM-DD, got ""' }]);
    }
  });
});

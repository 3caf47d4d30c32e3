/** `doyaku label`: flags, stdin JSON, NDJSON bulk, exit codes, usage errors (in-process, test/helpers/cli.ts). */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const rd = process.env.DOYAKU_TEST_RULES_DIR ? ['--rules-dir', process.env.DOYAKU_TEST_RULES_DIR] : [];
const label = (args: string[], stdin = '') => runCli([...rd, 'label', ...args], stdin);

describe('doyaku label', () => {
  it('checks a label from flags: human output, exit 1 when something is missing', async () => {
    const r = await label(['--type', '医薬品', '--container', 'immediate', '--yoshiji', 'required', '--poison', '劇薬', '--fact', 'package.sizeMl=1', '--fact', 'package.outerCarriesAll=true', '--item', 'act50.1', '--item', '要指示', '--as-of', '2024-04-01']);
    expect(r.code).toBe(1);
    expect(r.out).toContain('直接の容器・被包');
    expect(r.out).toContain('≈ act50.12');
    expect(r.out).toContain('✗ act44.2');
    expect(r.out).toContain('labeling.drug.a172-1');
  });
  it('--json gives the answer object', async () => {
    const r = await label(['--type', '医療機器', '--container', 'insert', '--fact', 'product.specifiedMaintenance=true', '--fact', 'product.program=false', '--item', '動物用', '--as-of', '2024-04-01', '--json']);
    const a = JSON.parse(r.out);
    expect(a.container).toBe('insert');
    expect(a.asOf).toBe('2024-04-01');
    expect(a.missing.map((m: { item: string }) => m.item)).toContain('a183_2.2');
  });
  it('--requirements before a label exists (exit 0)', async () => {
    const r = await label(['--requirements', '--type', '再生医療等製品', '--container', 'immediate', '--as-of', '2024-04-01', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).required.map((x: { item: string }) => x.item)).toContain('a184.1');
  });
  it('--expiry computes the 使用の期限 with its steps', async () => {
    const r = await label(['--expiry', '--type', '医薬品', '--fact', 'product.hasApprovedShelfLife=true', '--fact', 'product.shelfLifeOnContainerByStandard=false', '--fact', 'product.shelfLife={"years":3}', '--fact', 'product.manufactureDate=2024-02-29', '--as-of', '2024-04-01']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('使用の期限 2027-02-28');
    expect(r.out).toContain('2024-03-01');
  });
  it('a request JSON on stdin', async () => {
    const req = { product: { type: '医薬部外品', ingredients: ['ペルメトリン'] }, container: 'immediate', items: ['動物用'], asOf: '2024-04-01' };
    const r = await label(['--json'], JSON.stringify(req));
    expect(JSON.parse(r.out).required.map((x: { item: string }) => x.item)).toContain('act59.8');
  });
  it('--ndjson: one answer per line, in order, an error record for a bad line', async () => {
    const good = JSON.stringify({ product: { type: '医薬品' }, container: 'insert', asOf: '2024-04-01' });
    const r = await label(['--ndjson'], [good, '{not json', '', JSON.stringify({ product: { type: '医薬品' }, container: 'box' }), good].join('\n'));
    const lines = r.out.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.line)).toEqual([1, 2, 4, 5]);
    expect(lines[0].container).toBe('insert');
    expect(lines[1].error.code).toBe('invalid-json');
    expect(lines[2].error.problems[0].field).toBe('/container');
    expect(r.code).toBe(1);
  });
  it('usage errors exit 2: missing --container, bad --fact path, bad --as-of, unknown option', async () => {
    expect((await label(['--type', '医薬品'])).code).toBe(2);
    expect((await label(['--type', '医薬品', '--container', 'outer', '--fact', '__proto__.x=1'])).code).toBe(2);
    expect((await label(['--type', '医薬品', '--container', 'outer', '--fact', 'product.__proto__=1'])).err).toContain('--fact');
    expect((await label(['--type', '医薬品', '--container', 'outer', '--as-of', '2024-02-30'])).err).toContain('--as-of');
    expect((await label(['--bogus'])).code).toBe(2);
  });
  it('invalid input names the field (exit 2)', async () => {
    const r = await label(['--type', '医薬品', '--container', 'immediate', '--fact', 'product.manufacturinguse=true']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('/product/manufacturinguse');
  });
});

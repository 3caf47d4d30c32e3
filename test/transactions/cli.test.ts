/** `doyaku transaction` and `doyaku license` (in-process, test/helpers/cli.ts). */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const tx = {
  date: '2024-04-01',
  seller: { license: '店舗販売業', manager: '薬剤師', handledBy: '薬剤師' },
  buyer: { kind: '飼育者', name: '山田牧場' },
  product: { name: '動物用注射剤A', classification: { yoshiji: 'required', poison: 'none', designated: 'designated' }, expiryDate: '2025-03-31' },
  documents: [] as string[],
};

describe('doyaku transaction', () => {
  it('human output names the violation, its citations and the verdict; exit 1', async () => {
    const r = await runCli(['transaction'], JSON.stringify(tx));
    expect(r.code).toBe(1);
    expect(r.out).toContain('違反あり');
    expect(r.out).toContain('transactions.yoshiji.no-prescription');
    expect(r.out).toContain('第168条');
  });
  it('--json: the answer; a compliant one exits 0 with the ledger and its deadline', async () => {
    const r = await runCli(['transaction', '--json'], JSON.stringify({ ...tx, documents: ['獣医師の指示'] }));
    expect(r.code).toBe(0);
    const a = JSON.parse(r.out);
    expect(a.ok).toBe(true);
    expect(a.records.find((x: { rule: string }) => x.rule === 'transactions.yoshiji.ledger').keepUntil).toBe('2026-04-01');
    expect(a.asOf).toBe('2024-04-01');
  });
  it('invalid input: exit 2 naming the field', async () => {
    const r = await runCli(['transaction', '--json'], JSON.stringify({ ...tx, buyer: { kind: '農家' } }));
    expect(r.code).toBe(2);
    expect(JSON.parse(r.out).error.problems[0].field).toBe('/buyer/kind');
  });
  it('--ndjson: one line out per non-blank line in, {line, error} for bad lines, exit 1, summary on stderr', async () => {
    const lines = [JSON.stringify(tx), '', 'not json', JSON.stringify({ ...tx, documents: ['処方箋'] }), '{"seller":{}}', JSON.stringify(tx)];
    const r = await runCli(['transaction', '--ndjson'], lines.join('\n') + '\n');
    expect(r.code).toBe(1);
    const out = r.out.trim().split('\n').map((l) => JSON.parse(l));
    expect(out.map((o) => o.line)).toEqual([1, 3, 4, 5, 6]);
    expect(out[1].error.code).toBe('invalid-json');
    expect(out[3].error.code).toBe('invalid-transaction');
    expect(out[0].ok).toBe(false);
    expect(out[2].ok).toBe(true);
    expect(r.err).toMatch(/5 lines — 3 answered .* 2 failed/);
  });
  it('--ndjson with a bad --as-of is one usage error before reading input (exit 2)', async () => {
    const r = await runCli(['transaction', '--ndjson', '--as-of', 'garbage'], JSON.stringify(tx) + '\n');
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain('--as-of');
  });
  it('--engine json-rules-engine gives the same answer', async () => {
    const a = await runCli(['transaction', '--json'], JSON.stringify(tx));
    const b = await runCli(['transaction', '--json', '--engine', 'json-rules-engine'], JSON.stringify(tx));
    expect(JSON.parse(b.out)).toEqual(JSON.parse(a.out));
  });
});

describe('doyaku license', () => {
  it('the table lists every license', async () => {
    const r = await runCli(['license', '--as-of', '2024-04-01']);
    expect(r.code).toBe(0);
    for (const n of ['店舗販売業', '卸売販売業', '動物用医薬品特例店舗販売業', '配置従事の届出', '医療機器修理業', '登録販売者の販売従事登録']) expect(r.out).toContain(n);
  });
  it('one license, human and --json', async () => {
    const r = await runCli(['license', '卸売', '--as-of', '2024-04-01']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('医薬品営業所管理者');
    const j = JSON.parse((await runCli(['license', 'oroshi', '--json', '--as-of', '2024-04-01'])).out);
    expect(j.license.id).toBe('licenses.oroshi');
    expect(j.license.may.buyers.allowed).toContain('飼育動物診療施設開設者');
  });
  it('an unknown license: exit 2 with the nearest', async () => {
    const r = await runCli(['license', '店舗販賣業', '--json']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.out).error.suggestions).toContain('店舗販売業');
  });
});

describe('doyaku transaction --ndjson as a process (stdin and stdout streams)', () => {
  it('streams 3 000 lines from stdin to stdout: one line out per non-blank line in, in order; exit 1 when some failed', async () => {
    const { spawnSync } = await import('node:child_process');
    const { join } = await import('node:path');
    const { sampleNdjsonLines } = await import('../../src/transactions/sample.js');
    const input = [...sampleNdjsonLines(3000, { seed: 4, malformed: 0.03 })].join('\n') + '\n\n';
    const root = join(import.meta.dirname, '..', '..');
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src', 'cli', 'main.ts'), 'transaction', '--ndjson', '--as-of', '2024-06-01'], { input, encoding: 'utf8', cwd: root, maxBuffer: 1 << 27 });
    expect(r.status, r.stderr).toBe(1);
    const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { line: number; error?: unknown; asOf?: string });
    expect(out).toHaveLength(3000);
    expect(out.map((o) => o.line)).toEqual(Array.from({ length: 3000 }, (_, i) => i + 1));
    expect(out.filter((o) => o.error).length).toBeGreaterThan(30);
    expect(out.find((o) => !o.error)?.asOf).toBe('2024-06-01');
    expect(r.stderr).toMatch(/3000 lines — \d+ answered/);
  }, 120_000);
});

describe('doyaku transaction --explain summary', () => {
  it('single and --ndjson give the summary answer', async () => {
    const tx = { date: '2024-04-01', seller: { license: 'tenpo', manager: '薬剤師', handledBy: '薬剤師' }, buyer: { kind: '飼育者' }, product: { name: 'A', classification: { yoshiji: 'required', poison: 'none', designated: 'designated' }, expiryDate: '2025-03-31' }, documents: [] };
    const one = await runCli(['transaction', '--explain', 'summary'], JSON.stringify(tx));
    expect(one.code).toBe(1);
    const a = JSON.parse(one.out);
    expect(a.explain).toBe('summary');
    expect(a.findings[0]).toEqual({ ruleId: expect.any(String), kind: expect.any(String), citations: expect.any(Array) });
    const nd = await runCli(['transaction', '--ndjson', '--explain=summary'], JSON.stringify(tx) + '\n');
    expect(JSON.parse(nd.out)).toMatchObject({ line: 1, explain: 'summary', ok: false });
    expect((await runCli(['transaction', '--explain', 'short'], JSON.stringify(tx))).code).toBe(2);
  });
});

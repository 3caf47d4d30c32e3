/**
 * X2 (docs/contracts.md §1): a bad `--as-of` on retention / license / transaction / classify is one usage error,
 * exit 2, in the contract's words, before any input is read — also with --ndjson.
 */
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { runCli } from '../helpers/cli.js';

async function run(argv: string[]): Promise<{ code: number; out: string; err: string; read: boolean }> {
  let out = '';
  let err = '';
  let read = false;
  const code = await main(argv, {
    stdout: (s) => void (out += s),
    stderr: (s) => void (err += s),
    readStdin: async () => {
      read = true;
      return '{"article":"第169条"}\n';
    },
  });
  return { code, out, err, read };
}

const commands: [string, string[]][] = [
  ['retention', ['retention', '第104条の2第1項', '--holder', '卸売販売業者', '--recordDate', '2024-02-29']],
  ['retention obligations', ['retention', 'obligations', '--license', '卸売販売業']],
  ['retention --ndjson', ['retention', '--ndjson']],
  ['license', ['license', '卸売']],
  ['transaction', ['transaction']],
  ['transaction --ndjson', ['transaction', '--ndjson']],
  ['classify', ['classify', '--ingredient', 'キシラジン', '--form', '注射剤', '--species', '犬']],
  ['classify --ndjson', ['classify', '--ndjson']],
];

describe('--as-of: one usage error, in the contract words, before any input is read', () => {
  for (const [name, argv] of commands) {
    it(name, async () => {
      for (const [v, msg] of [
        ['', '--as-of: must be a date YYYY-MM-DD, got ""'],
        ['garbage', '--as-of: must be a date YYYY-MM-DD, got "garbage"'],
        ['2024-02-30', '--as-of: 2024-02-30 is not a calendar date'],
        ['2001-01-01', '--as-of: 2001-01-01 is before the earliest encoded state'],
      ] as const) {
        for (const args of [[...argv, '--as-of', v], [...argv, `--as-of=${v}`]]) {
          const r = await run(args);
          expect(r.code, `${args.join(' ')}: ${r.err}`).toBe(2);
          expect(r.err).toContain(msg);
          expect(r.err).not.toMatch(/asOf must|needs a value|needs a date/);
          expect(r.read, `${args.join(' ')} read its input`).toBe(false);
          expect(r.out).toBe('');
        }
      }
    });
  }
});

describe('transaction body dates', () => {
  it('date 2024-02-30 → "/date: 2024-02-30 is not a calendar date" (the field named, not the schema format)', async () => {
    const tx = { date: '2024-02-30', seller: { license: '店舗販売業' }, buyer: { kind: '飼育者' }, product: { name: 'X', classification: { yoshiji: 'not_required', poison: 'none', designated: 'not_designated' } } };
    const r = await runCli(['transaction', '--json'], JSON.stringify(tx));
    expect(r.code).toBe(2);
    const e = JSON.parse(r.out).error;
    expect(e.problems).toContainEqual({ field: '/date', message: '2024-02-30 is not a calendar date' });
    expect(r.err).toContain('/date: 2024-02-30 is not a calendar date');
    expect(r.err).not.toContain('must match format');
  });
});

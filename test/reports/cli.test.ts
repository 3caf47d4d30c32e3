/** `doyaku report`: human output, --json, --ndjson bulk (count in = count out, error record per bad line), usage errors. */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { rulesArgs } from './helpers.js';

const run = (argv: string[], stdin = '') => runCli([...rulesArgs(), 'report', ...argv], stdin);
const death = ['--event', 'adverse-reaction', '--product', '医薬品', '--holder', '製造販売業者', '--outcome', 'death', '--suspect', 'this', '--learned', '2024-01-31', '--as-of', '2024-04-01'];

describe('doyaku report', () => {
  it('answers from flags, human readable: due date, steps, wording, citations', async () => {
    const r = await run(['deadline', ...death]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('2024-03-01 まで（当日を含む）');
    expect(r.out).toContain('reports.a184-16.drug-death');
    expect(r.out).toContain('初日不算入: 翌日 2024-02-01 から起算（民法第140条本文）');
    expect(r.out).toContain('「前項に規定する事項を知ったときは、30日以内にその旨を農林水産大臣に報告しなければならない」');
    expect(r.out).toContain('[A184_16-P2]');
    expect(r.out).toContain('asOf 2024-04-01');
  });

  it('--json gives the library answer; deadline is the default subcommand', async () => {
    const r = await run([...death, '--json']);
    expect(r.code).toBe(0);
    const a = JSON.parse(r.out);
    expect(a.status).toBe('computed');
    expect(a.dueDate).toBe('2024-03-01');
    expect(a.rulesetVersion).toBeTruthy();
  });

  it('reads a request JSON on stdin; unknown answers list needs and candidates', async () => {
    const r = await run(['deadline', '--as-of', '2024-04-01'], JSON.stringify({ event: { kind: 'adverse-reaction', productType: '医薬品' }, holder: '製造販売業者', facts: { learnedDate: '2024-01-31' } }));
    expect(r.code).toBe(0);
    expect(r.out).toContain('[unknown]');
    expect(r.out).toContain('不足している事実 (needs): /event/outcome');
    expect(r.out).toContain('reports.a184-16.drug-unexpected');
    expect(r.out).toContain('候補のうち最も早い期限 (earliest due date among them): 2024-03-01');
  });

  it('periodic report from flags: cycle, variants', async () => {
    const r = await run(['--event', 'periodic-infection-report', '--product', '再生医療等製品', '--holder', '製造販売業者', '--approval', '2023-01-31', '--period', '1', '--designated', 'no', '--translation', 'yes', '--as-of', '2024-04-01', '--json']);
    const a = JSON.parse(r.out);
    expect(a.dueDate).toBe('2024-03-31');
    expect(a.deadline.variants).toEqual(['translation']);
  });

  it('--ndjson: one record per non-blank line, in order, an error record per bad line, exit 1', async () => {
    const lines = [
      JSON.stringify({ event: { kind: 'recall-start', productType: '医薬品' }, holder: '製造販売業者' }),
      '{not json',
      '',
      JSON.stringify({ event: { kind: 'adverse-reaction' }, facts: { learnedDate: '2024-02-30' } }),
      JSON.stringify({ event: { kind: 'adverse-reaction', productType: '医薬品', outcome: 'death', suspectProduct: 'this' }, holder: '製造販売業者', facts: { learnedDate: '2024-12-02' } }),
    ];
    const r = await run(['deadline', '--ndjson', '--as-of', '2024-04-01'], lines.join('\n') + '\n');
    expect(r.code).toBe(1);
    const out = r.out.trim().split('\n').map((l) => JSON.parse(l));
    expect(out.map((o) => o.line)).toEqual([1, 2, 4, 5]);
    expect(out[0].status).toBe('promptly');
    expect(out[1].error.code).toBe('invalid-json');
    expect(out[2].error.code).toBe('invalid-report-request');
    expect(out[2].error.problems[0].field).toBe('/facts/learnedDate');
    expect(out[3].dueDate).toBe('2025-01-01');
    expect(out[3].asOf).toBe('2024-04-01');
    expect(r.err).toContain('2 answered, 2 failed');
  });

  it('usage errors exit 2 before reading input (bad --as-of, bad date flag, unknown option, flags with --ndjson)', async () => {
    for (const argv of [
      ['deadline', '--ndjson', '--as-of', 'garbage'],
      ['deadline', '--as-of', ''],
      ['deadline', '--event', 'adverse-reaction', '--learned', '2024-02-30'],
      ['deadline', '--bogus'],
      ['deadline', '--ndjson', '--event', 'recall-end'],
      ['deadline', '--predictable', 'maybe', '--event', 'adverse-reaction'],
      ['nonsense'],
    ]) {
      const r = await run(argv);
      expect(r.code, argv.join(' ')).toBe(2);
    }
    expect((await run(['deadline', '--learned', '2024-02-30', '--event', 'x'])).err).toContain('--learned');
  });

  it('invalid input from flags exits 2 naming the field (and --json prints the error record)', async () => {
    const r = await run(['--event', 'side-effect', '--json']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.out).error.problems[0].field).toBe('/event/kind');
  });

  it('obligations: human and --json', async () => {
    const r = await run(['obligations', '--holder', '外国特例承認取得者', '--as-of', '2024-04-01']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('外国特例承認取得者: 報告義務 19 件 (19 report obligations)');
    expect(r.out).toContain('reports.a194-2.bio-periodic');
    const j = JSON.parse((await run(['obligations', '--as-of', '2024-04-01', '--json'])).out);
    expect(j.obligations.length).toBeGreaterThan(30);
    expect((await run(['obligations', '--holder', '卸売業者'])).code).toBe(2);
  });
});

describe('doyaku report limits', () => {
  it('an NDJSON line over 64 KiB is an error record, the rest answered', async () => {
    const good = JSON.stringify({ event: { kind: 'recall-end', productType: '医薬品' }, holder: '製造販売業者' });
    const huge = JSON.stringify({ event: { kind: 'recall-end', description: 'x'.repeat(70_000) } });
    const r = await run(['--ndjson', '--as-of', '2024-04-01'], [good, huge, good].join('\n'));
    const out = r.out.trim().split('\n').map((l) => JSON.parse(l));
    expect(out.map((o) => o.line)).toEqual([1, 2, 3]);
    expect(out[1].error.code).toBe('line-too-long');
    expect(out[2].status).toBe('promptly');
    expect(r.code).toBe(1);
  });
});

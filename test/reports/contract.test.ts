/**
 * The input contract (docs/contracts.md) on the report question, from the QA pass (/work/team/qa.md
 * X2, X8): date flags say what every other command says (`--as-of: must be a date YYYY-MM-DD, got ""`),
 * date fields in a request are said as dates (not as a regular expression), and the obligations query
 * suggests the field or holder meant.
 */
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/rules/input.js';
import { runCli } from '../helpers/cli.js';
import { reportsKb, rulesArgs } from './helpers.js';

const kb = await reportsKb();
const run = (argv: string[], stdin = '') => runCli([...rulesArgs(), 'report', ...argv], stdin);

function problems(f: () => unknown, code: string): { field: string; message: string }[] {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    expect((e as InputError).code).toBe(code);
    return (e as InputError).problems;
  }
  throw new Error('expected an InputError');
}

describe('report date flags', () => {
  for (const sub of [['deadline', '--event', 'recall-start'], ['obligations']]) {
    it(`report ${sub[0]} --as-of "": usage error in the contract's words (exit 2)`, async () => {
      const r = await run([...sub, '--as-of', '']);
      expect(r.code).toBe(2);
      expect(r.err).toContain('--as-of: must be a date YYYY-MM-DD, got ""');
    });
    it(`report ${sub[0]} --as-of 2024-02-30: not a calendar date (exit 2)`, async () => {
      const r = await run([...sub, '--as-of', '2024-02-30']);
      expect(r.code).toBe(2);
      expect(r.err).toContain('--as-of: 2024-02-30 is not a calendar date');
    });
  }
  it('--learned garbage names --learned', async () => {
    const r = await run(['deadline', '--event', 'adverse-reaction', '--learned', 'garbage', '--as-of', '2024-04-01']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--learned: must be a date YYYY-MM-DD, got "garbage"');
  });
  it('--ndjson --as-of "" is one usage error before any input is read', async () => {
    const r = await run(['deadline', '--ndjson', '--as-of', ''], '{"event":{"kind":"recall-start"}}\n');
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
  });
});

describe('report request dates', () => {
  it('asOf "" in a request is said as a date, naming /asOf', () => {
    expect(problems(() => kb.reportDeadline({ event: { kind: 'recall-start' }, asOf: '' } as never), 'invalid-report-request')).toEqual([{ field: '/asOf', message: 'must be a date YYYY-MM-DD, got ""' }]);
  });
  it('a fact date in another notation is said as a date, naming its field', () => {
    expect(problems(() => kb.reportDeadline({ event: { kind: 'adverse-reaction' }, facts: { learnedDate: '2024/01/31' } } as never), 'invalid-report-request')).toEqual([{ field: '/facts/learnedDate', message: 'must be a date YYYY-MM-DD, got "2024/01/31"' }]);
  });
});

describe('report obligations query', () => {
  it('an unknown field gets a did-you-mean', () => {
    expect(problems(() => kb.reportObligations({ holdr: '製造販売業者' } as never), 'invalid-report-query')).toEqual([{ field: '/holdr', message: "is not a known field (did you mean 'holder'?); expected one of holder, asOf" }]);
  });
  it('an unknown holder says what was given and the nearest holder', () => {
    const [p] = problems(() => kb.reportObligations({ holder: '製造販売' } as never), 'invalid-report-query');
    expect(p.field).toBe('/holder');
    expect(p.message).toContain("(got '製造販売'; did you mean '製造販売業者'?)");
  });
  it('asOf "" names /asOf in the same words as the deadline request', () => {
    expect(problems(() => kb.reportObligations({ asOf: '' }), 'invalid-report-query')).toEqual([{ field: '/asOf', message: 'must be a date YYYY-MM-DD, got ""' }]);
  });
});

describe('report --ndjson as a process', () => {
  it('streams; a reader that goes away (| head -1) ends the output, not with an EPIPE stack trace', async () => {
    const { spawnSync } = await import('node:child_process');
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const root = join(import.meta.dirname, '..', '..');
    const file = join(mkdtempSync(join(tmpdir(), 'doyaku-report-')), 'in.ndjson');
    const line = JSON.stringify({ event: { kind: 'adverse-reaction', productType: '医薬品', outcome: 'death', suspectProduct: 'this' }, holder: '製造販売業者', facts: { learnedDate: '2024-12-31' } });
    writeFileSync(file, Array.from({ length: 2000 }, () => line).join('\n') + '\n');
    const cli = [process.execPath, '--import', 'tsx', join(root, 'src', 'cli', 'main.ts'), ...rulesArgs(), 'report', 'deadline', '--ndjson', '--as-of', '2025-01-01'].map((a) => `'${a}'`).join(' ');
    const r = spawnSync('sh', ['-c', `${cli} < '${file}' | head -1`], { encoding: 'utf8', cwd: root, maxBuffer: 1 << 26 });
    expect(JSON.parse(r.stdout).dueDate).toBe('2025-01-30');
    expect(r.stderr).not.toMatch(/EPIPE|Unhandled/);
  }, 120_000);
});

describe('report human output', () => {
  it('is Japanese first (the English gloss in parentheses)', async () => {
    const r = await run(['deadline', '--event', 'adverse-reaction', '--product', '医薬品', '--holder', '製造販売業者', '--outcome', 'death', '--suspect', 'this', '--learned', '2024-12-31', '--as-of', '2025-01-01']);
    expect(r.code).toBe(0);
    for (const head of ['報告期限: 期限あり — 2025-01-30 まで', '報告の種類 (report kind):', '報告者 (reporter): 製造販売業者', '起算 (start):', '期間の計算 (steps):', '規定の文言 (wording):', '根拠条文 (citations):'])
      expect(r.out).toContain(head);
    expect(r.out).not.toMatch(/^(report kind|reporter|start|steps|wording|citations):/m);
  });
});

describe('report steps', () => {
  it('a periodic report’s steps read in date order (the cycle after its own computation)', () => {
    const a = kb.reportDeadline({ event: { kind: 'periodic-infection-report', productType: '再生医療等製品' }, holder: '製造販売業者', facts: { approvalDate: '2023-03-15', referenceDate: '2024-01-01', ministerDesignated: false, translationNeeded: false }, asOf: '2025-01-01' } as never);
    expect(a.dueDate).toBe('2024-04-15');
    const dates = a.steps.map((s) => s.date);
    // the 応当日 step carries the day after the end (2024-03-16 → 満了 2024-03-15): allow one day back
    for (let i = 1; i < dates.length; i++) expect(Date.parse(dates[i]) - Date.parse(dates[i - 1]), a.steps.map((s) => `${s.step} ${s.date}`).join('\n')).toBeGreaterThanOrEqual(-86_400_000);
  });
});

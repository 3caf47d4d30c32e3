import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';

describe('doyaku check (npm start)', () => {
  it('loads every part of the embedded knowledge base and answers the worked example', async () => {
    let out = '';
    let err = '';
    const code = await main(['check', '--json'], { stdout: (s) => void (out += s), stderr: (s) => void (err += s) });
    expect(err).toBe('');
    const report = JSON.parse(out) as {
      ok: boolean;
      parts: { name: string; ok: boolean; error?: string }[];
      example: { answer: { yoshiji: { status: string; decidedBy: string[] }; rulesetVersion: string; contentHash: string; asOf: string } };
    };
    expect(report.parts.filter((p) => !p.ok)).toEqual([]);
    expect(report.parts.map((p) => p.name)).toEqual(['corpus', 'annotations', 'rules', 'ingredients', 'search']);
    expect(code).toBe(0);
    const a = report.example.answer;
    expect(a.yoshiji.status).toBe('required');
    expect(a.yoshiji.decidedBy).toContain('T3-E7');
    expect(a.rulesetVersion).toMatch(/^\d+\.\d+\.\d+/);
    expect(a.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.asOf).toBe('2024-04-01');
  });

  it('is deterministic: two runs print the same (the example has a fixed asOf; timings only with --timings)', async () => {
    const run = async (args: string[]) => {
      let out = '';
      await main(args, { stdout: (s) => void (out += s), stderr: () => {} });
      return out;
    };
    const a = await run(['check']);
    expect(await run(['check'])).toBe(a);
    expect(a).toContain('as of 2024-04-01 (a fixed date');
    expect(a).not.toMatch(/\d+ ms\]/);
    expect(await run(['check', '--timings'])).toMatch(/\d+ ms\]/);
  });

  it('prints a human summary naming the law and its as-of amendment', async () => {
    let out = '';
    const code = await main(['check'], { stdout: (s) => void (out += s), stderr: () => {} });
    expect(code).toBe(0);
    expect(out).toContain('動物用医薬品等取締規則 (平成16年農林水産省令第107号), as amended up to 平成31年3月29日農林水産省令第28号');
    expect(out).toMatch(/^ok +corpus/m);
    expect(out).toContain('要指示医薬品  required');
  });

  it('rejects unexpected arguments', async () => {
    let err = '';
    expect(await main(['check', '--frob'], { stdout: () => {}, stderr: (s) => void (err += s) })).toBe(2);
    expect(err).toContain("unexpected argument '--frob'");
  });
});

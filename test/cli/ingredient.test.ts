import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const run = (...argv: string[]) => runCli(['ingredient', ...argv]);

describe('doyaku ingredient', () => {
  it('shows a salt match with the 別表 entry and the curated reasoning', async () => {
    const r = await run('塩酸ケタミン');
    expect(r.code).toBe(0);
    expect(r.out).toContain('→ ケタミン  [salt, curated, 塩酸塩]');
    expect(r.out).toContain('listed in 別表第3第32号');
    expect(r.out).toContain('why:');
  });

  it('gives did-you-mean suggestions for an unrecognised name and exits 1', async () => {
    const r = await run('イベルメクチソ');
    expect(r.code).toBe(1);
    expect(r.out).toContain('not a recognised ingredient');
    expect(r.out).toContain('did you mean: イベルメクチン');
  });

  it('--json gives the resolution with the entries of each matched substance', async () => {
    const r = await run('amoxicillin', '--json');
    const j = JSON.parse(r.out) as { known: boolean; matches: { key: string; path: string; curated: boolean }[]; entries: Record<string, { id: string }[]> };
    expect(j.known).toBe(true);
    expect(j.matches[0]).toMatchObject({ key: 'ペニシリン', path: 'class', curated: true });
    expect(j.entries['ペニシリン'].map((e) => e.id)).toContain('T3-E115');
  });

  it('the product limits: a name over 200 characters or more than 50 names is a usage error', async () => {
    const long = await run('ア'.repeat(201));
    expect(long.code).toBe(2);
    expect(long.err).toContain('at most 200');
    const many = await run(...Array.from({ length: 51 }, (_, i) => `x${i}`));
    expect(many.code).toBe(2);
  });

  it('needs a name', async () => {
    const r = await run();
    expect(r.code).toBe(2);
    expect(r.err).toContain('give a name');
  });
});

/** `doyaku article` end to end through the CLI dispatcher. */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const run = (...argv: string[]) => runCli(argv);

describe('doyaku article', () => {
  it('prints breadcrumb, caption, text with restored numbers, references', async () => {
    const { code, out, err } = await run('article', '第163条');
    expect(err).toBe('');
    expect(code).toBe(0);
    const lines = out.split('\n');
    expect(lines[0]).toBe('第7章 医薬品等の取扱い › 第7章第1節 毒薬及び劇薬の取扱い');
    expect(lines[1]).toMatch(/^第163条 \(毒薬及び劇薬\) +\[A163\]$/);
    expect(out).toContain('    [6] 銀の無機酸塩類及びその製剤。ただし、次に掲げるものを除く。');
    expect(out).toContain('      [イ] ハロゲン銀及びその製剤');
    expect(out).toContain('  別表第2 → 別表第2 [T2]');
    expect(out).toContain('  施行規則別表第3 → external (施行規則)');
    expect(out).toMatch(/referred to by: \d+\n(?:.*\n)*  別表第2 \[T2\]/);
  });

  it('tables print as aligned rows', async () => {
    const { code, out } = await run('article', '第202条第2項');
    expect(code).toBe(0);
    expect(out).toContain('┌ 第202条第2項の表');
    expect(out).toContain('│ 第36条         │ 令第22条第1項  │ 令第72条第1項において準用する令第22条第1項');
    expect(out).toContain('│ 別記様式第16号 │ 別記様式第91号');
  });

  it('accepts kanji and full-width numbers, 別表 entries, forms', async () => {
    expect((await run('article', '百六十九')).out).toContain('[A169]');
    expect((await run('article', '別表第3第100号')).out).toContain('ピルリマイシン');
    expect((await run('article', '様式第82号')).out).toContain('様式第82号(第160条関係)');
  });

  it('--json prints the ArticleView', async () => {
    const { code, out } = await run('article', '第168条', '--json');
    expect(code).toBe(0);
    const v = JSON.parse(out);
    expect(v.node.id).toBe('A168');
    expect(v.descendants.map((d: { id: string }) => d.id)).toContain('A168-P1');
    expect(Array.isArray(v.annotations)).toBe(true);
    expect(v.refsOut).toContainEqual(expect.objectContaining({ text: '別表第3', target: 'T3' }));
    expect(v.refsIn).toContainEqual({ id: 'T3', label: '別表第3' });
  });

  it('an unknown provision exits 2 with suggestions on stderr', async () => {
    const { code, out, err } = await run('article', '第91条の300');
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toContain('no provision 第91条の300');
    expect(err).toContain('nearest: 第91条の30, 第91条の3');
  });

  it('usage errors', async () => {
    expect((await run('article')).code).toBe(2);
    expect((await run('article', '第1条', '--frobnicate')).code).toBe(2);
  });
});

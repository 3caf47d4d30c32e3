import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const run = (...argv: string[]) => runCli(argv);

describe('doyaku search', () => {
  it('prints ranked hits with highlighted snippets', async () => {
    const r = await run('search', '要指示医薬品の帳簿', '--limit', '3');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^「要指示医薬品の帳簿」: \d+ hits \(1–3\)/);
    expect(r.out).toContain('1. 第169条 (要指示医薬品の譲渡に関する帳簿)');
    expect(r.out).toContain('【要指示医薬品】の譲渡に関する【帳簿】');
  });

  it('answers JSON with offsets, filters and paging', async () => {
    const r = await run('search', '帳簿', '--kind', 'law', '--chapter', '5', '--limit', '2', '--offset', '1', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({ query: '帳簿', offset: 1, limit: 2 });
    expect(j.hits).toHaveLength(2);
    for (const h of j.hits) {
      expect(h.kind).toBe('law');
      expect(h.chapter).toBe(5);
      expect(Array.isArray(h.snippet.highlights)).toBe(true);
    }
  });

  it('says which words it read as the law’s and which no hit holds', async () => {
    const r = await run('search', '劇薬', '表示', '赤枠', '--limit', '3');
    expect(r.code).toBe(0);
    expect(r.out).toContain('no hit holds: 赤枠');
    const k = await run('search', '毒薬をしまう棚には鍵が必要か', '--limit', '3');
    expect(k.out).toContain('鍵 → かぎ');
  });

  it('shows the provisions a guidance hit interprets', async () => {
    const r = await run('search', '要指示医薬品の帳簿に記入すべき事項', '--kind', 'annotation', '--limit', '1');
    expect(r.out).toContain('→ 第169条 (要指示医薬品の譲渡に関する帳簿)');
  });

  it('labels reference material as human-drug material', async () => {
    const r = await run('search', 'サリドマイド', '--kind=reference', '--limit', '1');
    expect(r.code).toBe(0);
    expect(r.out).toContain('[参考・人用医薬品資料]');
    expect(r.out).toContain('動物用医薬品の規制ではない');
  });

  it('jumps to an article given in kanji numerals', async () => {
    const r = await run('search', '第百六十九条', '--limit', '1');
    expect(r.out).toContain('1. 第169条');
  });

  it('exits 1 on no hits and 2 on bad usage, naming the problem', async () => {
    expect((await run('search', '量子コンピュータ')).code).toBe(1);
    const noQuery = await run('search');
    expect(noQuery.code).toBe(2);
    expect(noQuery.err).toMatch(/needs a query/);
    const badKind = await run('search', '帳簿', '--kind', 'laws');
    expect(badKind.code).toBe(2);
    expect(badKind.err).toMatch(/unknown kind 'laws'/);
    const badLimit = await run('search', '帳簿', '--limit', 'ten');
    expect(badLimit.err).toMatch(/--limit needs a whole number/);
  });
});

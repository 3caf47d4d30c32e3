/**
 * Search under the answer and input contracts (docs/contracts.md), from the QA pass
 * (/work/team/qa.md X3, X8, S6–S8): every search answer carries the envelope; a bad request is an
 * InputError naming the field; numbers in a query match whole numbers only; a question word
 * (何年, 何日) is not a word to find.
 */
import { describe, expect, it } from 'vitest';
import { KnowledgeBase } from '../../src/kb.js';
import { InputError } from '../../src/rules/input.js';
import { runCli } from '../helpers/cli.js';

const kb = new KnowledgeBase(process.env.DOYAKU_TEST_RULES_DIR ? { rulesDir: process.env.DOYAKU_TEST_RULES_DIR } : {});

function problems(f: () => unknown): { field: string; message: string }[] {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    expect((e as InputError).code).toBe('invalid-search-request');
    return (e as InputError).problems;
  }
  throw new Error('expected an InputError');
}

describe('the search answer envelope', () => {
  it('kb.search carries rulesetVersion, contentHash, asOf and caveats', () => {
    const r = kb.search('保存', { limit: 1, asOf: '2024-04-01' });
    expect(r.rulesetVersion).toBe(kb.ruleset.version);
    expect(r.contentHash).toBe(kb.ruleset.contentHash);
    expect(r.asOf).toBe('2024-04-01');
    expect(r.caveats.length).toBeGreaterThan(0);
    expect(r.hits).toHaveLength(1);
  });
  it('asOf defaults to today', () => {
    expect(kb.search('保存', { limit: 1 }).asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
  it('search --json carries it too; --as-of is validated like every command', async () => {
    const r = await runCli(['search', '保存', '--limit', '1', '--as-of', '2024-04-01', '--json']);
    expect(r.code).toBe(0);
    const a = JSON.parse(r.out);
    expect(a.asOf).toBe('2024-04-01');
    expect(a.rulesetVersion).toBeTruthy();
    expect(a.contentHash).toBeTruthy();
    expect(Array.isArray(a.caveats)).toBe(true);
    for (const bad of ['', '2024-02-30', 'garbage']) {
      const e = await runCli(['search', '保存', '--as-of', bad]);
      expect(e.code).toBe(2);
      expect(e.err).toContain('--as-of: ');
    }
  });
  it('without loadable rules the search still answers, and the envelope says so', () => {
    const r = new KnowledgeBase({ rulesDir: '/nonexistent/rules' }).search('帳簿', { limit: 1 });
    expect(r.total).toBeGreaterThan(0);
    expect(r.rulesetVersion).toBe('unavailable');
    expect(r.caveats[0]).toMatch(/rules could not be loaded/);
  });
});

describe('the search request', () => {
  it('an unknown kind names /kinds/i with a did-you-mean', () => {
    expect(problems(() => kb.search('保存', { kinds: ['lawx'] as never }))).toEqual([{ field: '/kinds/0', message: 'must be one of law, annotation, rule, reference (got "lawx"; did you mean \'law\'?)' }]);
  });
  it('a query longer than 500 characters is refused before any work', () => {
    expect(problems(() => kb.search('保'.repeat(501)))).toEqual([{ field: '/query', message: 'must be at most 500 characters' }]);
  });
  it('an unknown option, a bad page, a bad asOf — every problem at once', () => {
    const ps = problems(() => kb.search('保存', { limt: 3, offset: -1, asOf: '2024-02-30' } as never));
    expect(ps.map((p) => p.field)).toEqual(['/limt', '/offset', '/asOf']);
    expect(ps[0].message).toContain("did you mean 'limit'?");
    expect(ps[2].message).toBe('2024-02-30 is not a calendar date');
  });
});

describe('numbers and question words in a query', () => {
  it('「15年間保存」 finds a 15-year provision first, not 第150条の14 (2年間) whose label holds 15 inside 150', () => {
    const top = kb.search('15年間保存', { limit: 3 }).hits.map((h) => h.id);
    expect(top[0]).not.toBe('A150_14-P3');
    const text = kb.search('15年間保存', { limit: 1 }).hits[0].snippet.text;
    expect(text).toContain('15年間');
  });
  it('「十五年間保存」 (kanji numerals) likewise', () => {
    expect(kb.search('十五年間保存', { limit: 1 }).hits[0].snippet.text).toContain('15年間');
  });
  it('何年 is a question word: not reported as a word no text holds', () => {
    const r = kb.search('配置販売業の帳簿は何年保存');
    expect(r.unmatched).toEqual([]);
    expect(kb.search('帳簿の保存期間は何年').unmatched).toEqual([]);
  });
});

describe('the human output', () => {
  it('says a word no hit holds as that (it may well be in other texts), and ends with the envelope', async () => {
    const r = await runCli(['search', '製造専用 表示', '--limit', '2', '--as-of', '2024-04-01']);
    expect(r.out).toContain('no hit holds: 表示');
    expect(r.out).not.toContain('no text holds');
    expect(r.out).toMatch(/ruleset \S+ \([0-9a-f]{12}\), asOf 2024-04-01/);
  });
});

describe('kanji numerals before a unit (query side)', () => {
  it('「二ミリリットル以下のアンプル」 is 2ミリリットル: 第172条 first, no word left unmatched', () => {
    const r = kb.search('二ミリリットル以下のアンプル', { limit: 3 });
    expect(r.hits[0].id).toMatch(/^A172(-P1)?$/);
    expect(r.unmatched).toEqual([]);
  });
  it('「内容量が六個以下」 finds 第173条', () => {
    expect(kb.search('内容量が六個以下', { limit: 3 }).hits[0].id).toMatch(/^A173(-P1)?$/);
  });
  it('other kanji (一般, 十分) are left alone', async () => {
    const { unitNumerals } = await import('../../src/search/searcher.js');
    expect(unitNumerals('一般の購入者 十分な 二ミリリットル 十二箇月')).toBe('一般の購入者 十分な 2ミリリットル 12箇月');
  });
});

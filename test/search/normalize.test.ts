import { describe, expect, it } from 'vitest';
import { fold, kanjiToNumber, normalize } from '../../src/search/normalize.js';
import { segments, tokenize } from '../../src/search/tokenize.js';

describe('search normalisation (same on documents and queries)', () => {
  it.each([
    ['第百六十九条', '第169条'],
    ['第九十一条の三第二項', '第91条の3第2項'],
    ['別表第三', '別表第3'],
    ['規則別記様式第四十九号', '規則別記様式第49号'],
    ['平成十六年農林水産省令第一〇七号', '平成16年農林水産省令第107号'],
    ['第１６９条', '第169条'],
    ['ＤＤＶＰ', 'ddvp'],
  ])('numbers and widths: %s → %s', (a, b) => expect(normalize(a)).toBe(b));

  it.each([
    ['クロラムフエニコール', 'クロラムフェニコール'],
    ['ヴィタミン', 'ビタミン'],
    ['ヰ', 'イ'],
    ['ｲﾍﾞﾙﾒｸﾁﾝ', 'イベルメクチン'],
    ['インターフェロン—アルファ', 'インターフェロン・アルファ'],
    ['インターフェロン—アルファ', 'インターフェロンアルファ'],
    ['フィルター', 'フィルタ'],
    ['0・25パーセント', '0.25パーセント'],
    ['取り扱い', '取扱い'],
    ['処方せん', '処方箋'],
  ])('spelling variants meet: %s ≡ %s', (a, b) => expect(normalize(a)).toBe(normalize(b)));

  it('keeps words apart that differ', () => {
    expect(normalize('一部改正')).toBe('一部改正');
    expect(normalize('毒薬')).not.toBe(normalize('劇薬'));
  });

  it('maps every folded character back to the source', () => {
    const s = '第百六十九条の帳簿';
    const f = fold(s);
    expect(f.text).toBe('第169条の帳簿');
    const at = f.text.indexOf('帳簿');
    expect(s.slice(f.map[at], f.map[at + 2])).toBe('帳簿');
    expect(s.slice(f.map[0], f.map[f.text.indexOf('条') + 1])).toBe('第百六十九条');
  });

  it('reads kanji numerals', () => {
    expect(kanjiToNumber('百六十九')).toBe(169);
    expect(kanjiToNumber('十')).toBe(10);
    expect(kanjiToNumber('一〇七')).toBe(107);
    expect(kanjiToNumber('千二百')).toBe(1200);
    expect(Number.isNaN(kanjiToNumber('部'))).toBe(true);
  });
});

describe('tokenizer', () => {
  const terms = (s: string) => tokenize(normalize(s)).map((t) => t.term);

  it('cuts an unbroken compound into bigrams, dropping particles', () => {
    expect(terms('要指示医薬品の帳簿')).toEqual(['要指', '指示', '示医', '医薬', '薬品', '帳簿']);
  });

  it('gives a spaced query the same terms', () => {
    expect(new Set(terms('要指示医薬品 帳簿'))).toEqual(new Set(terms('要指示医薬品の帳簿')));
  });

  it('keeps katakana words whole as well as in bigrams', () => {
    expect(terms('イベルメクチン')).toContain('イベルメクチン');
    expect(terms('イベルメクチン')).toContain('メク');
  });

  it('adds article references as whole terms', () => {
    expect(terms('第91条の3第2項')).toEqual(expect.arrayContaining(['第91条の3', '第2項']));
    expect(terms('別表第3')).toContain('別表第3');
    expect(terms('様式第82号')).toContain('様式第82号');
  });

  it('keeps one kanji alone as a unigram, and letters/decimals whole', () => {
    expect(terms('犬、猫')).toEqual(['犬', '猫']);
    expect(terms('犬又は猫')).toEqual(['犬又', '猫']);
    expect(terms('硝酸銀0・25グラム')).toEqual(expect.arrayContaining(['硝酸', '酸銀', '0.25', 'グラ', 'ラム']));
  });

  it('finds the content segments of a query', () => {
    expect(segments(normalize('要指示医薬品の帳簿'))).toEqual(['要指示医薬品', '帳簿']);
  });
});

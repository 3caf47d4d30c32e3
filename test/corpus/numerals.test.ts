/** Kanji numerals, イロハ and the normaliser. */
import { describe, expect, it } from 'vitest';
import { intToIroha, intToKanji, irohaToInt, kanjiToInt, parseNumber, toHalfWidth } from '../../src/corpus/numerals.js';
import { normalize } from '../../src/corpus/normalize.js';

describe('numerals', () => {
  it.each([
    ['一', 1], ['十', 10], ['十一', 11], ['二十', 20], ['九十九', 99], ['百', 100], ['百一', 101], ['一百一', 101],
    ['百六十九', 169], ['千', 1000], ['一千', 1000], ['千二十', 1020], ['九千九百九十九', 9999], ['二〇一九', 2019],
  ])('%s = %i', (k, n) => {
    expect(kanjiToInt(k)).toBe(n);
  });
  it('rejects what is not a numeral', () => {
    expect(kanjiToInt('百百')).toBeUndefined();
    expect(kanjiToInt('劇薬')).toBeUndefined();
    expect(kanjiToInt('')).toBeUndefined();
  });
  it('round-trips 1–9999 through intToKanji', () => {
    for (let n = 1; n <= 9999; n += 7) expect(kanjiToInt(intToKanji(n))).toBe(n);
    expect(intToKanji(169)).toBe('百六十九');
    expect(intToKanji(10)).toBe('十');
  });
  it('digits, full-width, イロハ', () => {
    expect(parseNumber('１６９')).toBe(169);
    expect(parseNumber('百六十九')).toBe(169);
    expect(toHalfWidth('第９１条（Ａ）')).toBe('第91条(A)');
    expect(irohaToInt('イ')).toBe(1);
    expect(irohaToInt('ナ')).toBe(21);
    expect(intToIroha(20)).toBe('ネ');
  });
});

describe('normalize', () => {
  it('decimal ・ only before a unit', () => {
    expect(normalize('セレンとして0・25パーセント以下')).toBe('セレンとして0.25パーセント以下');
    expect(normalize('硝酸銀9・74ミリグラム')).toBe('硝酸銀9.74ミリグラム');
    expect(normalize('1・2メートルの範囲')).toBe('1.2メートルの範囲');
  });
  it('locant separators stay', () => {
    expect(normalize('2・6—ジクロロ')).toBe('2・6-ジクロロ');
    expect(normalize('2・2′—チオビス(4・6—ジクロロフェノール)')).toBe('2・2′-チオビス(4・6-ジクロロフェノール)');
    expect(normalize('2・3・4・5—テトラヒドロ')).toBe('2・3・4・5-テトラヒドロ');
  });
  it('full-width → ASCII, dashes, the (一) garble', () => {
    expect(normalize('ＡＢＣ１２３　x')).toBe('ABC123 x');
    expect(normalize('(一)—(3S)')).toBe('(-)-(3S)');
    expect(normalize('(一)に掲げる')).toBe('(一)に掲げる');
  });
});

import { describe, expect, it } from 'vitest';
import { candidateId, extractCitations } from '../../src/annotations/citations.js';
import { katakanaIndex, parseNumeral } from '../../src/annotations/numerals.js';

describe('numerals', () => {
  it('reads kanji, positional kanji and full-width numerals', () => {
    expect(parseNumeral('百六十九')).toBe(169);
    expect(parseNumeral('二百四十五')).toBe(245);
    expect(parseNumeral('三千八百七十二')).toBe(3872);
    expect(parseNumeral('一〇七')).toBe(107);
    expect(parseNumeral('十')).toBe(10);
    expect(parseNumeral('3')).toBe(3);
    expect(parseNumeral('12')).toBe(12);
    expect(katakanaIndex('ア')).toBe(1);
    expect(katakanaIndex('カ')).toBe(6);
    expect(katakanaIndex('力')).toBe(6);
  });
});

const cites = (t: string) => extractCitations(t).map((c) => c.normalized);

describe('finding citations', () => {
  it('reads ordinance citations down to the sub-item, and their node ids', () => {
    const [c] = extractCitations('(4)  規則第百条第六号イの「医薬品を購入し」とは');
    expect(c).toMatchObject({ text: '規則第百条第六号イ', normalized: '規則第100条第6号イ', law: '規則' });
    expect(candidateId(c!.law, c!.locator)).toBe('A100-P1-I6-S1');
    expect(cites('規則別記様式第四十九号(一)の記の三')).toEqual(['規則別記様式第49号(一)']);
    expect(cites('規則第百十条の九第一項において準用する規則第百十条の七第一項')).toEqual(['規則第110条の9第1項', '規則第110条の7第1項']);
    expect(cites('規則第百条第四号ただし書により')).toEqual(['規則第100条第4号ただし書']);
    expect(cites('規則百七条に基づく')).toEqual(['規則第107条']);
  });

  it('continues lists and ranges with the same law', () => {
    expect(cites('規則第九十二条第二項、第九十三条第二項、第九十四条第二項又は第百十一条第四項の規定により')).toEqual([
      '規則第92条第2項', '規則第93条第2項', '規則第94条第2項', '規則第111条第4項',
    ]);
    const r = extractCitations('規則第百二十二条から第百三十条まで及び第百三十二条の規定');
    expect(r.map((c) => c.normalized)).toEqual(['規則第122条', '規則第130条', '規則第132条']);
    expect(r[1]!.rangeEnd).toBe(true);
    expect(cites('法第五条第三号イからハまで、二(成年被後見人に限る。)及びホ')).toEqual([
      '法第5条第3号イ', '法第5条第3号ハ', '法第5条第3号ニ', '法第5条第3号ホ',
    ]);
  });

  it('resolves 同条, 同号 and the Act as read by 法第83条', () => {
    expect(cites('規則第九十九条の二第二号の…また、同条第3号の「製造」')).toEqual(['規則第99条の2第2号', '規則第99条の2第3号']);
    expect(cites('法第四十四条第一項の規定による毒薬及び同条第二項の劇薬')).toEqual(['法第44条第1項', '法第44条第2項']);
    expect(cites('法第八十三条第一項の規定により読み替えて適用される第四十九条第一項')).toEqual(['法第83条第1項', '法第49条第1項']);
    expect(cites('規則第百六十二条の特例は…同条の規定による')).toEqual(['規則第162条', '規則第162条']);
  });

  it('reads 本条 as the article last cited, here or in the paragraph before', () => {
    expect(cites('法第二十四条は…本条に抵触するか否か')).toEqual(['法第24条', '法第24条']);
    const ctx = extractCitations('法第二十四条は')[0];
    expect(extractCitations('本条の趣旨に反する', ctx)[0]).toMatchObject({ text: '本条', normalized: '法第24条', relative: true });
    expect(cites('本条の趣旨')).toEqual([]);
  });

  it('tells other laws apart, skipping their promulgation numbers', () => {
    const r = extractCitations('獣医師法(昭和二十四年法律第百八十六号)第十七条で定める');
    expect(r).toHaveLength(1);
    expect(r[0]).toMatchObject({ law: '獣医師法', normalized: '獣医師法第17条' });
    expect(extractCitations('薬事法施行規則(昭和三十六年厚生省令第一号)別表第三に掲げられている')[0]).toMatchObject({ law: '施行規則', normalized: '施行規則別表第3' });
    expect(extractCitations('使用規制省令第四条の対象動物')[0]).toMatchObject({ law: '使用規制省令' });
    expect(extractCitations('令別表第一に掲げられている')[0]).toMatchObject({ law: '令', normalized: '令別表第1' });
    expect(extractCitations('改正規則附則第5条の規定により')[0]!.normalized).toBe('規則附則(平成21年農林水産省令第8号)第5条');
    // not citations: words ending in 法/令 without a locator, the guidance's own cross-references
    expect(cites('食品衛生法(昭和二十二年法律第二百三十三号)に基づく検査')).toEqual([]);
    expect(cites('第2の1の(4)のア及びイを参考に')).toEqual([]);
  });

  it("marks the guidance's own annexes as its own", () => {
    const [c] = extractCitations('それぞれ別表第2又は別表第3の点検表');
    expect(c).toMatchObject({ own: true, law: '本通知', normalized: '本通知別表第2' });
  });
});

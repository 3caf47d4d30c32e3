/** Cross-references and defined terms found in the ordinance text. */
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.js';
import type { Reference } from '../../src/corpus/model.js';
import { scanReferences } from '../../src/corpus/refs.js';
import { defaultDataDir } from '../../src/paths.js';

const corpus = loadCorpus(defaultDataDir);
const refs = (id: string): Reference[] => corpus.refsOut.get(id) ?? [];
const targetsOf = (id: string, text: string) => refs(id).filter((r) => r.text === text).map((r) => r.target ?? `ext:${r.law}`);

describe('references of each kind', () => {
  it('absolute, down to paragraph and item', () => {
    expect(targetsOf('A7-P1', '第203条第1項第2号')).toEqual(['A203-P1-I2']);
    expect(targetsOf('A167-P1', '第165条第1項第1号')).toEqual(['A165-P1-I1']);
  });

  it('offsets point at the text as written', () => {
    for (const [id, list] of corpus.refsOut) {
      const text = corpus.nodes.get(id)!.text;
      for (const r of list) expect(text.slice(r.offset, r.offset + r.text.length)).toBe(r.text);
    }
  });

  it('前条 / 次条, with paragraph, item and subitem', () => {
    expect(targetsOf('A3-P1', '前条')).toEqual(['A2']);
    expect(targetsOf('A27-P1', '前条第1項第1号イ')).toEqual(['A26-P1-I1-S1']);
    expect(targetsOf('A69-P1', '次条')).toEqual(['A70']);
  });

  it('前項, 前2項, 次項', () => {
    expect(targetsOf('A4-P2', '前項')).toEqual(['A4-P1']);
    expect(targetsOf('A29-P3', '前2項')).toEqual(['A29-P1', 'A29-P2']);
    expect(targetsOf('A147-P6', '次項')).toEqual(['A147-P7']);
  });

  it('同項第N号 refers to the paragraph of the previous reference', () => {
    expect(targetsOf('A167-P1', '同項第2号')).toEqual(['A165-P1-I2']);
    expect(targetsOf('A4-P2', '同項各号')).toEqual(['A4-P1']);
  });

  it('前号, 前2号, 前各号 within the paragraph', () => {
    expect(targetsOf('A12-P1-I2', '前号')).toEqual(['A12-P1-I1']);
    expect(targetsOf('A12-P1-I4', '前2号')).toEqual(['A12-P1-I2', 'A12-P1-I3']);
    expect(targetsOf('A33-P1-I5', '前各号')).toEqual(['A33-P1-I1', 'A33-P1-I2', 'A33-P1-I3', 'A33-P1-I4']);
    expect(targetsOf('T1-E4', '前3号')).toEqual(['T1-E1', 'T1-E2', 'T1-E3']);
  });

  it('別表 and 様式', () => {
    expect(targetsOf('A163-P1', '別表第2')).toEqual(['T2']);
    expect(targetsOf('A168-P1', '別表第3')).toEqual(['T3']);
    expect(targetsOf('A4-P1', '別記様式第1号')).toEqual(['F1']);
  });

  it('external: 法, 令, 施行規則, 同条 after 法, other named laws', () => {
    expect(targetsOf('A163-P1', '法第44条第1項')).toEqual(['ext:法']);
    expect(targetsOf('A163-P1', '同条第2項')).toEqual(['ext:法']);
    expect(targetsOf('A163-P1', '施行規則別表第3')).toEqual(['ext:施行規則']);
    expect(targetsOf('A7-P1', '令第4条第1項')).toEqual(['ext:令']);
    expect(targetsOf('A7-P1', '第6条第1項')).toEqual(['ext:令']); // 令第5条第1項及び第6条第1項
    expect(refs('A72_2-P1-I3').some((r) => r.law === '家畜伝染病予防法')).toBe(true);
    // the law is the term just defined: 「…法律(以下「法」という。)第5条第3号ヘ」
    expect(targetsOf('A2-P1', '第5条第3号ヘ')).toEqual(['ext:法']);
  });

  it('enumerations continue the previous reference: 第37条(第3号及び第4号を除く。)', () => {
    expect(targetsOf('A202-P1', '第3号')).toEqual(['A37-P1-I3']);
    expect(targetsOf('A202-P1', '第4号')).toEqual(['A37-P1-I4']);
  });

  it('ranges reach the provisions in between', () => {
    const range = targetsOf('A91-P1', '第24条から第34条まで');
    expect(range).toContain('A30');
    expect(range).toHaveLength(9);
    expect(targetsOf('A91-P1', '第24条')).toEqual(['A24']);
  });

  it('読み替え rows: wording columns belong to the provision being applied', () => {
    // 第181条の2's table, continuation row under 第172条第1項: 前条 is 第171条, not 第181条
    expect(targetsOf('A181_2-P2-TB1-R3', '前条第2号')).toEqual(['A171-P1-I2']);
    // 第110条の10's table: 第110条の7第1項 writes 「法第36条の10第3項」, so the fragment is the Act's
    expect(targetsOf('A110_10-P2-TB1-R1', '第36条の10第3項')).toEqual(['ext:法']);
    expect(targetsOf('A110_10-P2-TB1-R1', '同条第3項')).toEqual(['ext:法']);
    // the provision column is this ordinance's
    expect(targetsOf('A110_10-P2-TB1-R1', '第110条の7第1項')).toEqual(['A110_7-P1']);
    expect(targetsOf('A94-P2-TB1-R1', '前条第1項')).toEqual(['A93-P1']);
  });

  it('incoming references are built by loadCorpus', () => {
    expect(corpus.refsIn.get('A163')).toContain('T2');
    expect(corpus.refsIn.get('A4-P1')).toContain('A4-P2');
    expect(corpus.refsIn.get('T3')).toContain('A168-P1');
  });

  it('law numbers are not references; kanji numerals are read', () => {
    expect(scanReferences('薬事法(昭和35年法律第145号)の規定')).toEqual([]);
    const [r] = scanReferences('第百六十九条第一項');
    expect(r).toMatchObject({ art: [169], para: 1 });
  });

  it('few references stay unresolved, and they are counted', () => {
    const c = corpus.manifest.counts;
    expect(c.refs).toBeGreaterThan(3000);
    console.log(`references: ${c.refs} (${c.refsInternal} internal, ${c.refsExternal} external, ${c.refsUnresolved} internal unresolved)`);
    expect(c.refsUnresolved).toBeLessThan(10);
  });
});

describe('defined terms', () => {
  const term = (t: string) => corpus.terms.find((x) => x.term === t);
  it('法, 令, 施行規則 are defined where the ordinance says so', () => {
    expect(term('法')).toMatchObject({ node: 'A2-P1', scope: '以下同じ', definition: '医薬品、医療機器等の品質、有効性及び安全性の確保等に関する法律(以下「法」という。)' });
    expect(term('令')).toMatchObject({ node: 'A6-P1' });
    expect(term('令')!.definition).toMatch(/法律施行令\(以下「令」という。\)$/);
    expect(term('施行規則')).toMatchObject({ node: 'A115_3-P1' });
  });
  it('医薬品等 and 「X」とは…をいう definitions', () => {
    expect(term('医薬品等')).toMatchObject({ node: 'A2-P1', definition: expect.stringContaining('医薬品、医薬部外品、医療機器若しくは再生医療等製品(以下「医薬品等」という。)') });
    expect(term('生物由来製品')).toMatchObject({ node: 'A1-P3', scope: 'この省令において' });
    expect(term('製造販売後安全管理')).toMatchObject({ node: 'A4-P1-I7', scope: '以下同じ' });
    expect(corpus.terms.find((t) => t.term === '受託者' && t.scope === '以下この章において同じ')).toBeDefined();
  });
});

/** resolve(): every accepted citation form, and the error with suggestions. */
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.js';
import { RefNotFoundError, parseCitation, resolveRef } from '../../src/corpus/resolve.js';
import { defaultDataDir } from '../../src/paths.js';

const corpus = loadCorpus(defaultDataDir);
const r = (ref: string) => resolveRef(corpus, ref);
const fail = (ref: string): RefNotFoundError => {
  try {
    r(ref);
  } catch (e) {
    if (e instanceof RefNotFoundError) return e;
    throw e;
  }
  throw new Error(`${ref} resolved`);
};

describe('resolveRef', () => {
  it.each([
    ['第169条', 'A169'],
    ['169条', 'A169'],
    ['169', 'A169'],
    ['第百六十九条', 'A169'],
    ['百六十九', 'A169'],
    ['第１６９条', 'A169'],
    ['１６９', 'A169'],
    ['第91条の3', 'A91_3'],
    ['91の3', 'A91_3'],
    ['第九十一条の三', 'A91_3'],
    ['第91条の3第1項', 'A91_3-P1'],
    ['第4条第2項', 'A4-P2'],
    ['第169条第1項第3号', 'A169-P1-I3'],
    ['第169条第3号', 'A169-P1-I3'],
    ['第100条第6号イ', 'A100-P1-I6-S1'],
    ['第91条の29第1項第1号ナ(2)', 'A91_29-P1-I1-S21-S2'],
    ['別表第3', 'T3'],
    ['別表第三', 'T3'],
    ['別表第3第7号', 'T3-E7'],
    ['別表第3第100号', 'T3-E100'],
    ['別表第1第4号(3)', 'T1-E4-E3'],
    ['別表第2劇薬第5号', 'T2-GEKI-E5'],
    ['別表第2毒薬第2号', 'T2-DOKU-E2'],
    ['様式第82号', 'F82'],
    ['別記様式第1号', 'F1'],
    ['附則第2条', 'SP-A2'],
    ['附則', 'SP'],
    ['附則(平成21年3月6日農林水産省令第8号)第5条', 'SP-H21-8-A5'],
    ['附則(平成17年3月29日農林水産省令第37号)', 'SP-H17-37'],
    ['制定文', 'Preamble'],
    ['A169', 'A169'],
    ['T2-GEKI-E5', 'T2-GEKI-E5'],
    [' 第169条 ', 'A169'],
  ])('%s → %s', (ref, id) => {
    expect(r(ref)).toBe(id);
  });

  it('parses citations into their parts', () => {
    expect(parseCitation('第91条の3第2項第1号')).toEqual({ kind: 'article', article: [91, 3], paragraph: 2, item: [1] });
    expect(parseCitation('なにか')).toBeUndefined();
  });
});

describe('RefNotFoundError', () => {
  it('第91条の300 → 第91条の30, 第91条の3 …', () => {
    const e = fail('第91条の300');
    expect(e.ref).toBe('第91条の300');
    expect(e.suggestions.slice(0, 2)).toEqual(['第91条の30', '第91条の3']);
    expect(e.message).toMatch(/^no provision 第91条の300; nearest: 第91条の30, 第91条の3/);
  });
  it('第300条 → the last articles', () => {
    expect(fail('第300条').suggestions[0]).toBe('第214条');
  });
  it('別表第7 → 別表第1–6', () => {
    expect(fail('別表第7').suggestions).toEqual(['別表第1', '別表第2', '別表第3', '別表第4', '別表第5', '別表第6']);
  });
  it('a missing paragraph or entry suggests its existing siblings', () => {
    expect(fail('第169条第9項').suggestions).toEqual(['第169条第1項']);
    expect(fail('別表第3第135号').suggestions[0]).toBe('別表第3第134号');
    expect(fail('様式第103号').suggestions[0]).toBe('様式第102号');
  });
  it('unparseable input', () => {
    expect(fail('きのこ').suggestions).toEqual([]);
  });
});

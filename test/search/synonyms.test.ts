import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAnnotations, type AnnotationIndex } from '../../src/annotations/load.js';
import { loadCorpus } from '../../src/corpus/load.js';
import type { Corpus } from '../../src/corpus/model.js';
import { fold } from '../../src/search/normalize.js';
import { loadSearcher, type Searcher } from '../../src/search/searcher.js';
import { loadSynonyms, NO_SYNONYMS, parseSynonyms, SynonymDataError, type SynonymTable } from '../../src/search/synonyms.js';
import { defaultDataDir } from '../../src/paths.js';

const FILE = join(defaultDataDir, 'search', 'synonyms.yaml');
let table: SynonymTable;
let corpus: Corpus;
let annotations: AnnotationIndex;
let s: Searcher;
let plain: Searcher;

beforeAll(() => {
  table = loadSynonyms(FILE);
  corpus = loadCorpus(defaultDataDir);
  annotations = loadAnnotations(defaultDataDir, corpus);
  s = loadSearcher(defaultDataDir, { corpus, annotations });
  plain = loadSearcher(defaultDataDir, { corpus, annotations, synonyms: NO_SYNONYMS });
});

const typed = (q: string) => table.match(fold(q).text).map((m) => [m.typed, m.alternatives]);
const top = (x: Searcher, q: string, k = 5) => x.search(q, { limit: k }).hits.map((h) => h.id);

describe('the synonym table (data/search/synonyms.yaml)', () => {
  it('is curated: every entry has typed words, statutory words and its reasoning', () => {
    expect(table.entries.length).toBeGreaterThanOrEqual(40);
    for (const e of table.entries) {
      expect(e.words.length).toBeGreaterThan(0);
      expect(e.law.length).toBeGreaterThan(0);
      expect(e.provenance.curated).toBe(true);
      expect(e.provenance.reasoning.length).toBeGreaterThan(20);
      expect(e.source).toMatch(/synonyms\.yaml:\d+$/);
    }
  });

  it('reads the everyday words of the issue as the law writes them', () => {
    expect(typed('売ってもいいか')).toEqual([['売つ', ['売つ', '販売', '授与', '譲渡']]]); // っ is folded to つ
    expect(typed('捨てる')[0][1]).toContain('廃棄');
    expect(typed('期限切れの薬')[0]).toEqual(['期限切れ', ['期限切れ', '使用の期限', '有効期間']]);
    expect(typed('書類')[0][1]).toEqual(expect.arrayContaining(['文書', '書面']));
    expect(typed('要指示薬')[0][1]).toContain('要指示医薬品');
    expect(typed('毒劇薬')[0][1]).toEqual(expect.arrayContaining(['毒薬', '劇薬']));
  });

  it('leaves a word alone inside its own statutory word, and a one-kanji word next to other kanji', () => {
    expect(typed('獣医師の処方箋')).toEqual([]); // 獣医 inside 獣医師
    expect(typed('卸売販売業の営業所')).toEqual([]); // 卸 inside 卸売販売業
    expect(typed('店舗管理者')).toEqual([]); // 店 inside 店舗
    expect(typed('毒薬の貯蔵')).toEqual([]); // 薬 in 毒薬
    expect(typed('卸が薬を')).toEqual([
      ['卸', ['卸', '卸売販売業']],
      ['薬', ['薬', '医薬品']],
    ]);
  });

  it('prefers the longer typed word', () => {
    expect(typed('動物薬').map((m) => m[0])).toEqual(['動物薬']);
    expect(typed('説明書').map((m) => m[0])).toEqual(['説明書']);
  });

  it('names file:line for a bad entry', () => {
    const bad = (text: string) => () => parseSynonyms(text, 'syn.yaml');
    expect(bad('- words: [売る]\n  law: [販売]\n')).toThrow(/^syn\.yaml:1: entry \[0\]\.reasoning must say why/);
    expect(bad('- words: [売る]\n  law: [販売]\n  reasoning: because 販売 is the statute word\n- words: []\n  law: [x]\n  reasoning: yyyyyyyyyyyyyyyyyyyyy\n')).toThrow(
      /^syn\.yaml:4: entry \[1\]\.words must be a non-empty list/,
    );
    expect(bad('- words: [a]\n  law: [b]\n  reasoning: r\n  note: x\n')).toThrow(/syn\.yaml:1: entry \[0\]: unknown key 'note'/);
    expect(bad('words: x')).toThrow(/syn\.yaml:1: the table must be a list/);
    expect(bad('- words: [a\n')).toThrow(SynonymDataError);
  });
});

describe('search with the synonym table', () => {
  it('期限切れの薬を売ってもいいか → 第104条の4 first', () => {
    expect(top(s, '期限切れの薬を売ってもいいか')[0]).toBe('A104_4');
  });

  it.each([
    ['薬をオークションで売る', 'A104_5'],
    ['毒薬を売るときに客からもらう書類', 'A164'],
    ['店長が変わったときの届出', 'A111-P6-I4'],
    ['毒薬をしまう棚には鍵が必要か', 'A100-P1-I5'],
    ['仕入れと販売の記録は何年とっておくか', 'A104_2-P1'],
    ['店に貼り出さなければならないこと', 'A106'],
  ])('%s → %s in the first 5 (not without the table)', (q, id) => {
    expect(top(s, q)).toContain(id);
    expect(top(plain, q)).not.toContain(id);
  });

  it('credits a statutory word the index has no term of its own for (かぎ is indexed inside かぎのかかる)', () => {
    expect(top(s, '鍵のかかる設備')).toContain('A100-P1-I5');
  });

  it('says which words it read as the law’s', () => {
    const r = s.search('毒薬をしまう棚には鍵が必要か');
    expect(r.expanded).toEqual(expect.arrayContaining([{ word: '鍵', as: ['かぎ'] }]));
    expect(plain.search('毒薬をしまう棚には鍵が必要か').expanded).toEqual([]);
  });

  it('highlights the statutory word the everyday word stood for', () => {
    const h = s.search('薬をオークションで売る').hits.find((x) => x.id === 'A104_5-P1')!;
    expect(h.snippet.text.slice(...h.snippet.highlights.find(([a, b]) => h.snippet.text.slice(a, b) === '競売')!)).toBe('競売');
  });
});

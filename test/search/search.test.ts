import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAnnotations, type AnnotationIndex } from '../../src/annotations/load.js';
import { loadCorpus } from '../../src/corpus/load.js';
import type { Corpus } from '../../src/corpus/model.js';
import { defaultDataDir, packageRoot } from '../../src/paths.js';
import { loadQuerySet, recallAt } from '../../src/search/evaluate.js';
import { loadSearcher, REFERENCE_NOTE, type Searcher } from '../../src/search/searcher.js';
import { renderSnippet } from '../../src/search/snippet.js';

let corpus: Corpus;
let annotations: AnnotationIndex;
let s: Searcher;

beforeAll(() => {
  corpus = loadCorpus(defaultDataDir);
  annotations = loadAnnotations(defaultDataDir, corpus);
  s = loadSearcher(defaultDataDir, { corpus, annotations });
});

const ids = (q: string, o = {}) => s.search(q, { limit: 5, ...o }).hits.map((h) => h.id);

describe('search quality', () => {
  it('recall@5 on test/search/queries.yaml is at least 0.95', () => {
    const cases = loadQuerySet(join(packageRoot, 'test', 'search', 'queries.yaml'));
    expect(cases.length).toBeGreaterThanOrEqual(40);
    const r = recallAt(cases, (q, k) => s.search(q, { limit: k }).hits.map((h) => h.id), 5, (part) => part !== 'annotations' || annotations.all().length > 0);
    const lines = [`recall@5 = ${r.recall.toFixed(3)} over ${r.queries} queries (${r.skipped.length} skipped)`];
    for (const m of r.misses) lines.push(`  miss: ${m.q} — missing ${m.missing.join(', ')}; top 5: ${m.top.join(' ')}`);
    console.log(lines.join('\n'));
    expect(r.queries).toBeGreaterThanOrEqual(40);
    expect(r.recall).toBeGreaterThanOrEqual(0.95);
  });

  it('finds unbroken compounds and ranks the caption match first', () => {
    expect(ids('要指示医薬品の帳簿')[0]).toBe('A169');
    expect(ids('使用の期限')[0]).toBe('A104_4');
  });

  it('lets an item borrow its article caption (at half weight)', () => {
    expect(ids('要指示医薬品の帳簿 譲受人')[0]).toBe('A169-P1-I4');
  });

  it('finds a drug name in its 別表 entries', () => {
    expect(ids('イベルメクチン').slice(0, 4).sort()).toEqual(['T1-E4-E3', 'T2-DOKU-E2', 'T2-GEKI-E5', 'T3-E7']);
    expect(ids('ｲﾍﾞﾙﾒｸﾁﾝ')).toEqual(ids('イベルメクチン'));
  });

  it('finds the lists by the names the Act gives them (curated names)', () => {
    expect(ids('指定医薬品とは', { kinds: ['law'] }).slice(0, 2).sort()).toEqual(['A115_2', 'T1']);
    expect(ids('指定医薬品とは')).toEqual(expect.arrayContaining(['A115_2', 'T1']));
    expect(ids('要指示医薬品', { kinds: ['law'] })).toContain('T3');
  });

  it('finds the rules that mention a drug beside its 別表 entries', () => {
    const hits = s.search('イベルメクチン', { limit: 15 }).hits;
    expect(hits.filter((h) => h.kind === 'rule').length).toBeGreaterThan(0);
    expect(hits.slice(0, 4).every((h) => h.kind === 'law')).toBe(true);
  });

  it('matches old and new kana spellings both ways', () => {
    expect(ids('クロラムフェニコール')).toContain('T3-E31'); // the text writes クロラムフエニコール
  });

  it('matches the ・ decimal', () => {
    expect(ids('硝酸銀0.25グラム')[0]).toBe('A163-P1-I6-S3');
  });

  it('returns nothing, not everything, for words the corpus lacks', () => {
    expect(s.search('量子コンピュータ').total).toBe(0);
    expect(s.search('   ').total).toBe(0);
  });
});

describe('article references go straight to the node', () => {
  it.each([
    ['第169条', 'A169'],
    ['169条', 'A169'],
    ['第百六十九条', 'A169'],
    ['169', 'A169'],
    ['第91条の3', 'A91_3'],
    ['第九十一条の三', 'A91_3'],
    ['第170条第2項', 'A170-P2'],
    ['第169条第3号', 'A169-P1-I3'],
    ['別表第3', 'T3'],
    ['別表第三', 'T3'],
    ['別表第3第7号', 'T3-E7'],
    ['別表第2劇薬第5号', 'T2-GEKI-E5'],
    ['様式第82号', 'F82'],
  ])('%s → %s first', (q, id) => {
    const r = s.search(q);
    expect(r.refs[0]).toBe(id);
    expect(r.hits[0]).toMatchObject({ id, match: 'ref' });
  });

  it('puts the children next, then the provisions that cite it', () => {
    const r = s.search('第169条', { limit: 50 });
    expect(r.hits.slice(1, 7).map((h) => h.id)).toEqual(['A169-P1', 'A169-P1-I1', 'A169-P1-I2', 'A169-P1-I3', 'A169-P1-I4', 'A169-P1-I5']);
    expect(r.hits.slice(7).every((h) => h.match === 'related')).toBe(true);
  });

  it('goes to a guidance paragraph by its label, however it is spaced', () => {
    for (const q of ['第5 2 (3) イ', '第５　２（３）イ', '第5 2(3)イ']) expect(s.search(q).hits[0]).toMatchObject({ id: 'G5-2-p3-k2', match: 'ref' });
    expect(s.search('第2 3 (2)').hits.map((h) => h.id)).toEqual(['G2-3-p2', 'G2-3-p2-k1', 'G2-3-p2-k2', 'G2-3-p2-k3']);
  });

  it('does not take the Act for the ordinance', () => {
    expect(s.search('法第49条').refs).toEqual([]);
  });

  it('keeps searching the words beside a reference', () => {
    const r = s.search('第169条 獣医師');
    expect(r.hits[0].id).toBe('A169');
    expect(r.hits.some((h) => h.match === 'text')).toBe(true);
  });
});

describe('hits', () => {
  it('carry id, label, breadcrumb, caption, kind, chapter, annotation count and a highlighted snippet', () => {
    const h = s.search('要指示医薬品の帳簿').hits[0];
    expect(h).toMatchObject({ id: 'A169', label: '第169条', kind: 'law', caption: '要指示医薬品の譲渡に関する帳簿', chapter: 7 });
    expect(h.breadcrumb).toContain('第7章');
    expect(h.annotations).toBe(annotations.forNode('A169').length);
    expect(renderSnippet(h.snippet)).toBe('【要指示医薬品】の譲渡に関する【帳簿】');
  });

  it('highlight offsets point into the verbatim text even when the query was folded', () => {
    const h = s.search('第百六十九条 帳簿', { kinds: ['annotation'] }).hits.find((x) => /帳簿/.test(x.snippet.text));
    expect(h).toBeDefined();
    for (const [a, b] of h!.snippet.highlights) expect(h!.snippet.text.slice(a, b).length).toBe(b - a);
    const p = s.search('0.25', { limit: 20 }).hits.find((x) => x.id === 'T2-DOKU-E1')!;
    const [a, b] = p.snippet.highlights[0];
    expect(p.snippet.text.slice(a, b)).toBe('0・25');
    const lead = p.snippet.text.startsWith('…') ? 1 : 0;
    const verbatim = s.search('別表第2毒薬第1号').hits[0];
    expect(verbatim.id).toBe('T2-DOKU-E1');
    expect(p.snippet.text.slice(lead, lead + 10)).toBe(verbatim.snippet.text.slice(p.snippet.from, p.snippet.from + 10));
  });
});

describe('kinds, filters and paging', () => {
  it('leaves human-drug reference material out unless asked for', () => {
    expect(s.search('サリドマイド').hits.filter((h) => h.kind === 'reference')).toEqual([]);
    const r = s.search('サリドマイド', { kinds: ['reference'] });
    expect(r.total).toBeGreaterThan(0);
    for (const h of r.hits) {
      expect(h.kind).toBe('reference');
      expect(h.note).toBe(REFERENCE_NOTE);
      expect(h.breadcrumb).toContain('人用医薬品');
    }
  });

  it('filters by kind', () => {
    const r = s.search('要指示医薬品', { kinds: ['annotation'], limit: 20 });
    expect(r.total).toBeGreaterThan(0);
    expect(r.hits.every((h) => h.kind === 'annotation')).toBe(true);
    // an InputError naming the field (docs/contracts.md), not a bare Error
    expect(() => s.search('x', { kinds: ['nope' as never] })).toThrow(/\/kinds\/0: must be one of law, annotation, rule, reference/);
  });

  it('filters by chapter', () => {
    const r = s.search('帳簿', { chapter: 7, kinds: ['law'], limit: 50 });
    expect(r.total).toBeGreaterThan(0);
    expect(r.hits.every((h) => h.chapter === 7)).toBe(true);
    expect(r.hits.map((h) => h.id)).toContain('A169');
  });

  it('pages with limit and offset over a stable total', () => {
    const all = s.search('帳簿', { limit: 30 });
    const p1 = s.search('帳簿', { limit: 10 });
    const p2 = s.search('帳簿', { limit: 10, offset: 10 });
    expect(p1.total).toBe(all.total);
    expect(p2.total).toBe(all.total);
    expect([...p1.hits, ...p2.hits].map((h) => h.id)).toEqual(all.hits.slice(0, 20).map((h) => h.id));
    expect(s.search('帳簿', { limit: 5, offset: all.total }).hits).toEqual([]);
  });
});

describe('citations the corpus resolver knows', () => {
  it.each([
    ['第100条第6号イ', 'A100-P1-I6-S1'],
    ['別表第1第4号(3)', 'T1-E4-E3'],
    ['別表第一第四号(三)', 'T1-E4-E3'],
  ])('%s → %s first', (q, id) => {
    expect(s.search(q).hits[0]).toMatchObject({ id, match: 'ref' });
  });
});

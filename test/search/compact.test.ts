import { describe, expect, it } from 'vitest';
import { loadLunrIndex, lunr } from '../../src/search/analyzer.js';
import { buildIndex, compactIndex } from '../../src/search/build.js';
import type { SearchDoc } from '../../src/search/documents.js';

const doc = (id: string, caption: string, text: string): SearchDoc => ({ id, kind: 'law', label: id, caption, breadcrumb: '', text });
const docs = [
  doc('A169', '要指示医薬品の譲渡に関する帳簿', '法第49条第2項に規定する帳簿に記載しなければならない事項は、次のとおりとする。'),
  doc('A170', '医薬品の直接の容器等の記載事項', '使用の期限は、製造完了の日の属する月の翌月から起算し…'),
  doc('T3-E7', '', 'イベルメクチン(犬又は猫に使用することを目的とするものに限る。)'),
];

describe('the compact index format (data/search/index.json)', () => {
  const { index } = buildIndex(docs);
  const compact = compactIndex(index);

  it('stores each term once with one ref string per field', () => {
    const row = compact.invertedIndex.find(([term]) => term === '帳簿');
    expect(row).toBeDefined();
    expect(row!.length).toBe(2 + compact.fields.length);
    expect(row!.slice(2).join(' ').split(' ').filter(Boolean).length).toBeGreaterThan(0);
  });

  it('answers every query exactly as lunr’s own loader does', () => {
    const ours = loadLunrIndex(JSON.parse(JSON.stringify(compact)));
    const theirs = lunr.Index.load(JSON.parse(JSON.stringify(index)));
    for (const terms of [['帳簿'], ['医薬', '薬品'], ['イベルメクチン'], ['期限', '翌月'], ['存在しない']]) {
      const q = (i: lunr.Index) => i.query((b) => terms.forEach((t) => b.term(t, { usePipeline: false }))).map((r) => [r.ref, r.score.toFixed(6)]);
      expect(q(ours)).toEqual(q(theirs));
    }
  });

  it('rejects term metadata it cannot store', () => {
    const b = new lunr.Builder();
    b.ref('id');
    b.field('body');
    b.metadataWhitelist = ['position'];
    b.add({ id: 'x', body: 'alpha beta' });
    expect(() => compactIndex(b.build())).toThrow(/metadata/);
  });
});

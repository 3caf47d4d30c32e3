import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.js';
import type { Corpus } from '../../src/corpus/model.js';
import { defaultDataDir } from '../../src/paths.js';
import { cleanPdfText, entryNames, lawDocs, referenceDocs, ruleDocs } from '../../src/search/documents.js';

let corpus: Corpus;
beforeAll(() => {
  corpus = loadCorpus(defaultDataDir);
});

describe('search documents', () => {
  it('names a 別表 entry by its head and every 別名', () => {
    expect(entryNames('2—(2・6—キシリジノ)—5・6—ジヒドロ—4H—1・3—チアジン(別名キシラジン)、その塩類及びそれらの製剤')).toContain('キシラジン');
    expect(entryNames('メデトミジン及びその塩類')).toBe('メデトミジン');
    expect(entryNames('イベルメクチン(犬又は猫に使用することを目的とするものに限る。)')).toBe('イベルメクチン');
  });

  it('makes a document of every corpus node below the law, with its chapter', () => {
    const docs = lawDocs(corpus);
    expect(docs.length).toBe(corpus.nodes.size - 1);
    const a169 = docs.find((d) => d.id === 'A169')!;
    expect(a169).toMatchObject({ kind: 'law', label: '第169条', caption: '要指示医薬品の譲渡に関する帳簿', chapter: 7 });
    expect(docs.find((d) => d.id === 'F82')!.names).toContain('第160条');
    expect(docs.find((d) => d.id === 'T2-GEKI-E12')!.names).toContain('キシラジン');
  });

  it('reads rules from YAML: title, carve-back titles, notes, tested substances, cited nodes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'doyaku-rules-'));
    mkdirSync(join(dir, 'fam'));
    writeFileSync(
      join(dir, 'fam', 'x.yaml'),
      [
        'family: fam',
        'description: 別表第3(第168条関係) — 要指示医薬品',
        'rules:',
        '  - id: fam.one',
        '    title: イベルメクチン',
        '    citations: [A168, T3-E7]',
        '    when: { contains: イベルメクチン }',
        '    notes: 犬又は猫に限る',
        '    except:',
        '      - id: skin',
        '        title: 外皮用剤を除く',
      ].join('\n'),
    );
    writeFileSync(join(dir, 'broken.yaml'), 'rules: [ {');
    const [r, ...rest] = ruleDocs(dir, corpus);
    expect(rest).toEqual([]);
    expect(r).toMatchObject({ id: 'rule:fam.one', kind: 'rule', caption: 'イベルメクチン', chapter: 7 });
    expect(r.text).toContain('外皮用剤を除く');
    expect(r.text).toContain('犬又は猫に限る');
    expect(r.names).toContain('別表第3第7号');
    expect(r.context).toContain('要指示医薬品');
  });

  it('splits the human-drug documents into labelled passages', () => {
    const docs = referenceDocs(defaultDataDir);
    expect(docs.length).toBeGreaterThan(10);
    for (const d of docs) {
      expect(d.kind).toBe('reference');
      expect(d.id).toMatch(/^REF\d+-\d+$/);
      expect(d.breadcrumb).toContain('人用医薬品');
      expect(d.text.length).toBeLessThanOrEqual(800);
    }
  });

  it('joins PDF text split by spaces between CJK characters', () => {
    expect(cleanPdfText('令 和 ３ 年 ３ 月 1 5 日')).toBe('令和３年３月1 5日');
  });
});

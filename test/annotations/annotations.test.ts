import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildAnnotations } from '../../src/annotations/build.js';
import { parseCrosswalk, parseLinks } from '../../src/annotations/crosswalk.js';
import { loadAnnotations, type AnnotationIndex } from '../../src/annotations/load.js';
import type { Annotation } from '../../src/annotations/model.js';
import { loadCorpus } from '../../src/corpus/load.js';
import type { Corpus } from '../../src/corpus/model.js';

const dataDir = join(import.meta.dirname, '../../data');
const read = (p: string) => readFileSync(join(dataDir, p), 'utf8');

let corpus: Corpus;
let index: AnnotationIndex;
let all: Annotation[];
const cite = (id: string, text: string) => index.get(id)!.citations.find((c) => c.text === text);

beforeAll(() => {
  corpus = loadCorpus(dataDir);
  index = loadAnnotations(dataDir, corpus);
  all = index.all();
});

describe('the built annotations', () => {
  it('are up to date with guidance.txt, the crosswalk and the links (rebuild gives the same)', () => {
    const { annotations, problems } = buildAnnotations({
      guidance: read('source/guidance.txt'),
      crosswalk: parseCrosswalk(read('annotations/crosswalk-2009.yaml')),
      links: parseLinks(read('annotations/links.yaml')),
      corpus,
    });
    expect(problems).toEqual([]);
    expect(JSON.parse(JSON.stringify(annotations))).toEqual(all);
  });

  it('cover every non-empty guidance line exactly once', () => {
    const lines = read('source/guidance.txt').split(/\r?\n/);
    const owned = all.flatMap((a) => [...a.lines, ...(a.history ?? []).map((h) => h.line)]).sort((a, b) => a - b);
    const nonEmpty = lines.flatMap((l, i) => (/^[\s\u00a0\u3000]*$/.test(l) ? [] : [i + 1]));
    expect(owned).toEqual(nonEmpty);
    for (const a of all) expect(a.text).toBe(a.lines.map((n) => lines[n - 1]).join('\n'));
  });

  it('point only at nodes that exist in the corpus', () => {
    const missing: string[] = [];
    for (const a of all) {
      for (const id of a.interprets) if (!corpus.nodes.has(id)) missing.push(`${a.id} interprets ${id}`);
      for (const c of a.citations) {
        for (const id of [c.target, c.successor]) if (id && !corpus.nodes.has(id)) missing.push(`${a.id} ${c.text} → ${id}`);
        if (c.status === 'same' || c.status === 'renumbered') expect(c.target, `${a.id} ${c.text}`).toBeTruthy();
      }
      for (const o of a.outdated ?? []) for (const id of o.current ?? []) if (!corpus.nodes.has(id)) missing.push(`${a.id} outdated ${id}`);
    }
    expect(missing).toEqual([]);
  });

  it('list every ordinance citation in the crosswalk, and leave none unresolved', () => {
    const cw = parseCrosswalk(read('annotations/crosswalk-2009.yaml'));
    const statuses = new Set<string>();
    for (const a of all) {
      for (const c of a.citations) {
        statuses.add(c.status);
        if (c.status !== 'act') expect(cw.has(c.normalized), `${a.id}: ${c.normalized} not in crosswalk`).toBe(true);
      }
    }
    expect([...statuses].sort()).toEqual(['act', 'obsolete', 'renumbered', 'same']);
  });
});

describe('citation status', () => {
  it('same: 規則第百条第三号 「支障のない面積」 is still 第100条第3号', () => {
    expect(cite('G2-3-p1', '規則第百条第三号')).toMatchObject({ status: 'same', target: 'A100-P1-I3', normalized: '規則第100条第3号' });
    expect(cite('G5-2-p3-k2', '規則第百六十九条')).toMatchObject({ status: 'same', target: 'A169' });
    expect(cite('G5-2-p1-k2', '規則別表第三')).toMatchObject({ status: 'same', target: 'T3' });
  });

  it('renumbered: the cited provision now has another number', () => {
    // 指針・研修: 2009 第101条第1項第3号 → today 第4号 (a 第3号 was inserted)
    expect(cite('G2-3-p7', '規則第百一条第一項第三号')).toMatchObject({ status: 'renumbered', target: 'A101-P1-I4', curated: true });
    expect(corpus.nodes.get('A101-P1-I4')!.text).toContain('指針の策定、従事者に対する研修の実施');
    // 卸売販売業の適正管理: 2009 第110条の4 → today 第110条の5
    expect(cite('G2-5-p6', '規則第百十条の四')).toMatchObject({ status: 'renumbered', target: 'A110_5' });
    // consultation: 2009 第110条の8 → today 第110条の9
    expect(cite('G2-3-p18', '規則第百十条の八')).toMatchObject({ status: 'renumbered', target: 'A110_9' });
    // 生物学的製剤 definition: 第1条第3項 → 第4項
    expect(cite('G1-1', '動物用医薬品等取締規則(平成十六年農林水産省令第一〇七号。以下「規則」という。)第一条第三項')).toMatchObject({ status: 'renumbered', target: 'A1-P4' });
    expect(cite('G6-1-p3', '規則第百九十七条')).toMatchObject({ status: 'renumbered', target: 'A196' });
  });

  it('act: citations of the Act and other laws carry the law', () => {
    expect(cite('G5-2-p1-k2', '法第八十三条第一項')).toMatchObject({ status: 'act', law: '法', normalized: '法第83条第1項' });
    expect(cite('G5-2-p1-k2', '獣医師法(昭和二十四年法律第百八十六号)第十七条')).toMatchObject({ status: 'act', law: '獣医師法' });
    expect(cite('G8-2', '使用規制省令第四条')).toMatchObject({ status: 'act', law: '使用規制省令' });
    expect(cite('G5-1-p1', '薬事法施行規則(昭和三十六年厚生省令第一号)別表第三')).toMatchObject({ status: 'act', law: '施行規則' });
    // the guidance's own annex 別表第2 is not the ordinance's 別表第2
    expect(cite('G6-2', '別表第2')).toMatchObject({ status: 'act', law: '本通知' });
    expect(index.get('G6-2')!.interprets).not.toContain('T2');
  });

  it('obsolete: the 検定合格証紙 rules no longer exist', () => {
    expect(cite('G4-3-p2', '規則第百五十八条')).toMatchObject({ status: 'obsolete', successor: 'A158' });
    expect(cite('G4-3-p2', '規則第百五十八条')!.target).toBeUndefined();
    expect(cite('G4-3-p3', '規則第百五十七条第一項')).toMatchObject({ status: 'obsolete', successor: 'A157' });
    expect(index.get('G4-3-p2')!.interprets).not.toContain('A158');
  });
});

describe('interprets', () => {
  it('holds resolved citations and curated topic links', () => {
    expect(index.get('G5-2-p1-k2')!.interprets).toEqual(['T3', 'T3-H', 'A168']);
    expect(index.get('G5-2-p1-k2')!.links?.map((l) => l.target)).toEqual(['T3-H', 'A168']);
    expect(index.get('G5-1-p1')!.interprets).toEqual(expect.arrayContaining(['T2', 'A163']));
    // a range 「第百二十二条から第百三十条まで」 covers the articles between
    expect(index.get('G6-5-p1-k2')!.interprets).toEqual(expect.arrayContaining(['A122', 'A126', 'A130', 'A132']));
  });

  it('leaves out words a 読み替え replaces and citations the crosswalk unlinks', () => {
    // 第2 4 (3): 「規則第百一条第一項第三号」とあるのは「規則第百七条第一項第二号」 — about 配置販売業, not 第101条
    const a = index.get('G2-4-p3')!;
    expect(a.citations.find((c) => c.text === '規則第百一条第一項第三号')).toMatchObject({ replaced: true, target: 'A101-P1-I4' });
    expect(a.interprets).toContain('A107-P1-I2');
    expect(a.interprets).not.toContain('A101-P1-I4');
    // 第2 3 (2) ウ cites 第5条 as applied by 2009 第115条第1項; today the subject is 第95条
    const b = index.get('G2-3-p2-k3')!;
    expect(b.citations.find((c) => c.text === '規則第五条')).toMatchObject({ status: 'same', target: 'A5', unlinked: true });
    expect(b.interprets).toEqual(['A95', 'F38']);
  });
});

describe('cross-references inside the guidance', () => {
  it('resolves 3(7)から(12)まで, 同(7)及び(8), 第2の1の(4)のア及びイ, (2)のキ', () => {
    const refs = (id: string) => index.get(id)!.crossRefs!.map((r) => [r.text, r.targets.join(' ')]);
    expect(refs('G2-4-p3')).toEqual(
      expect.arrayContaining([
        ['(2)', 'G2-4-p2'],
        ['3(7)から(12)まで', 'G2-3-p7 G2-3-p8 G2-3-p9 G2-3-p10 G2-3-p11 G2-3-p12'],
        ['同(7)及び(8)', 'G2-3-p7 G2-3-p8'],
      ]),
    );
    expect(refs('G3-1-p5')).toEqual([['第2の1の(4)のア及びイ', 'G2-1-p4-k1 G2-1-p4-k2']]);
    expect(refs('G5-2-p3-k3')).toEqual([['(2)のキ', 'G5-2-p2-k7']]);
    expect(refs('G2-3-p7-k7')[0]![1]).toBe('G2-3-p7-k1 G2-3-p7-k2 G2-3-p7-k3 G2-3-p7-k4 G2-3-p7-k5 G2-3-p7-k6');
    for (const a of all) for (const r of a.crossRefs ?? []) for (const t of r.targets) expect(index.get(t), `${a.id} → ${t}`).toBeDefined();
  });
});

describe('outdated points', () => {
  it('finds the 要指示 external-use exceptions grew from 6 to 10 (第5 2 (1) イ vs 別表第3 柱書)', () => {
    const a = index.get('G5-2-p1-k2')!;
    expect(a.label).toBe('第5 2 (1) イ');
    const o = a.outdated?.find((x) => x.point === '要指示医薬品から除く外用剤');
    expect(o).toBeDefined();
    expect(o!.current).toEqual(['T3-H']);
    expect(o!.curated).toBeUndefined(); // computed, not noted by hand
    expect(o!.detail).toContain('lists 6');
    expect(o!.detail).toContain('lists 10');
    for (const added of ['イベルメクチン', 'モキシデクチン', 'エプリノメクチン', 'ラタノプロスト']) expect(o!.detail).toContain(added);
    expect(o!.detail).not.toContain('No longer excepted');
  });

  it('flags 検定合格証紙, 薬種商, expired 経過措置 and 第163条 exclusions', () => {
    const points = (id: string) => (index.get(id)!.outdated ?? []).map((o) => o.point);
    expect(points('G4-3-p2')).toContain('検定合格証紙');
    expect(points('G2-2-p1')).toContain('薬種商');
    expect(points('G2-2-p1')).toContain('法第5条第3号イからホ');
    expect(points('G2-3-p14')).toContain('経過措置 (平成24年5月31日まで)');
    expect(index.get('G2-5-p6')!.outdated!.find((o) => o.point.startsWith('経過措置'))!.current).toEqual(['SP-H21-8-A5']);
    const o163 = index.get('G5-1-p1')!.outdated!.find((o) => o.point === '第163条の除外品目')!;
    expect(o163.current).toEqual(['A163']);
    expect(o163.detail).toContain('フィプロニル');
    // a paragraph that still matches the text has no flag
    expect(index.get('G2-3-p1')!.outdated).toBeUndefined();
  });
});

describe('AnnotationIndex', () => {
  it('gets by id, in document order', () => {
    expect(all[0]!.id).toBe('G0');
    expect(index.get('G5-2-p1-k2')!.heading).toBeUndefined();
    expect(index.get('nope')).toBeUndefined();
  });

  it('forNode: exact, and deep over descendants', () => {
    expect(index.forNode('A169').map((a) => a.id)).toEqual(['G5-2-p3-k2']);
    expect(index.forNode('A100').map((a) => a.id)).toEqual(['G2-3-p2-k2']);
    const deep100 = index.forNode('A100', true).map((a) => a.id);
    expect(deep100).toEqual(expect.arrayContaining(['G2-3-p1', 'G2-3-p3', 'G2-3-p4', 'G2-3-p5', 'G2-3-p2-k1']));
    const t3 = index.forNode('T3', true).map((a) => a.id);
    expect(t3).toEqual(expect.arrayContaining(['G5-2', 'G5-2-p1-k2']));
    expect(index.forNode('T3-H').map((a) => a.id)).toEqual(['G5-2-p1-k2']);
    // a chapter reaches the paragraphs on its articles
    const ch6 = index.forNode('Ch6', true).map((a) => a.id);
    expect(ch6).toEqual(expect.arrayContaining(['G4', 'G4-1-p2', 'G4-2-p2']));
    expect(index.forNode('A999', true)).toEqual([]);
  });
});

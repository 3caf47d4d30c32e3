import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { extractSubstances, substancePart, carveBackNames } from '../../src/ingredients/extract.js';
import { renderSubstances, renderCompiled } from '../../src/ingredients/build.js';
import { loadIngredientDictionary } from '../../src/ingredients/dictionary.js';
import { defaultDataDir } from '../../src/paths.js';

const ordinance = readFileSync(join(defaultDataDir, 'source', 'ordinance.txt'), 'utf8');
const extraction = extractSubstances(ordinance);
const dict = loadIngredientDictionary(defaultDataDir);

describe('extraction from the ordinance', () => {
  it('finds every 別表 entry: 別表第1 4 items, 8 + 55 sub-entries; 別表第2 4 毒薬 + 51 劇薬; 別表第3 柱書 + 134', () => {
    const ids = extraction.entries.map((e) => e.id);
    expect(ids.filter((i) => /^T1-E\d+$/.test(i))).toHaveLength(4);
    expect(ids.filter((i) => /^T1-E2-E\d+$/.test(i))).toHaveLength(8);
    expect(ids.filter((i) => /^T1-E4-E\d+$/.test(i))).toHaveLength(55);
    expect(ids.filter((i) => /^T2-DOKU-E\d+$/.test(i))).toHaveLength(4);
    expect(ids.filter((i) => /^T2-GEKI-E\d+$/.test(i))).toHaveLength(51);
    expect(ids.filter((i) => /^T3-E\d+$/.test(i))).toHaveLength(134);
    expect(ids).toContain('T3-H');
  });

  it('the committed substances.yaml and dictionary.json equal a fresh build (reproducible)', () => {
    expect(readFileSync(join(defaultDataDir, 'ingredients', 'substances.yaml'), 'utf8')).toBe(renderSubstances(ordinance));
    expect(readFileSync(join(defaultDataDir, 'ingredients', 'dictionary.json'), 'utf8')).toBe(renderCompiled(defaultDataDir));
  });

  it('completeness: every listing entry’s substance resolves exactly to a key recording that entry', () => {
    let n = 0;
    for (const e of extraction.entries) {
      for (const key of e.keys) {
        const r = dict.resolve(key);
        const m = r.matches.find((x) => x.key === key);
        expect(m, `${e.id} ${key}`).toMatchObject({ path: 'exact', curated: false });
        expect(dict.substance(key)?.entries, `${e.id} ${key}`).toContain(e.id);
        n++;
      }
    }
    expect(n).toBeGreaterThanOrEqual(4 + 51 + 8 + 1 + 55 + 134);
  });

  it('entry ids and texts agree with the corpus (data/ordinance/nodes.json)', () => {
    const raw = JSON.parse(readFileSync(join(defaultDataDir, 'ordinance', 'nodes.json'), 'utf8')) as { id: string; text: string }[];
    const byId = new Map(raw.map((n) => [n.id, n.text]));
    for (const e of extraction.entries) {
      const text = byId.get(e.id);
      expect(text, e.id).toBeDefined();
      expect(text!.replace(/^[一二三四五六七八九十百]+ /, '').replace(/^\(\d+\) /, '').trim(), e.id).toBe(e.text.replace(/^\(\d+\) /, ''));
    }
    for (const s of dict.keys().map((k) => dict.substance(k)!)) for (const id of [...s.entries, ...s.mentions]) expect(byId.has(id), `${s.key} ${id}`).toBe(true);
  });

  it('chemical names with 別名: the key is the 別名, the chemical name an exact alias written by the ordinance (not curated)', () => {
    const fip = dict.substance('フィプロニル')!;
    expect(fip.written).toHaveLength(3); // 別表第2 劇薬第3号 and 第163条第3号 write different chemical names
    expect(fip.entries).toEqual(['T2-GEKI-E3']);
    expect(fip.mentions).toEqual(['A163-P1-I3']);
    const r = dict.resolve(fip.written[1]);
    expect(r.matches[0]).toMatchObject({ key: 'フィプロニル', path: 'alias', curated: false });
    expect(dict.resolve('イソプロピルメチルピリミジルジエチルチオホスフェイト').matches[0]).toMatchObject({ key: 'ダイアジノン', curated: false });
  });

  it('records every place a substance is named, with the right roles', () => {
    expect(dict.substance('イベルメクチン')).toMatchObject({ entries: ['T1-E4-E3', 'T2-DOKU-E2', 'T2-GEKI-E5', 'T3-E7'], mentions: ['T3-H'] });
    expect(dict.substance('黄体ホルモン')).toMatchObject({ entries: ['T1-E4-E9', 'T3-E15'], mentions: ['T1-E4', 'T3-H'] });
    expect(dict.substance('ワクチン')!.entries).toEqual(['T3-E53']);
    expect(dict.substance('抗牛ロタウイルス卵黄抗体')!.entries).toEqual(['T3-E53']);
    expect(dict.substance('鶏痘ワクチン')).toMatchObject({ entries: [], mentions: ['T3-E53'] });
    expect(dict.substance('黄リン')!.mentions).toEqual(['T1-E1']);
    expect(dict.substance('硝酸銀')!.mentions).toEqual(['T2-GEKI-E13', 'A163-P1-I6-S2', 'A163-P1-I6-S3', 'A163-P1-I6-S4', 'A163-P1-I6-S5']);
    expect(dict.substance('ハロゲン銀')!.mentions).toEqual(['A163-P1-I6-S1']);
    expect(dict.substance('銀の無機酸塩類')).toMatchObject({ entries: ['T2-GEKI-E13'], mentions: ['A163-P1-I6'] });
    expect(dict.substance('カイソウ配糖体')!.entries).toEqual(['T1-E2-E2']);
    expect(dict.substance('性腺刺激ホルモン(脳下垂体前葉ホルモンを除く。)')!.entries).toEqual(['T1-E4-E22', 'T3-E49']);
  });

  it('the carve-back substances of both 柱書 are found', () => {
    const t3h = extraction.entries.find((e) => e.id === 'T3-H')!.text;
    expect(carveBackNames(t3h)).toEqual(['オフロキサシン', 'オルビフロキサシン', 'イベルメクチン', '黄体ホルモン', 'シクロスポリン', 'セラメクチン', 'モキシデクチン', 'エプリノメクチン', 'ラタノプロスト']);
    const t1e4 = extraction.entries.find((e) => e.id === 'T1-E4')!.text;
    expect(carveBackNames(t1e4)).toEqual(['黄体ホルモン', 'セラメクチン']);
  });

  it('strips coverage wording and provisos', () => {
    expect(substancePart('アチパメゾール、その塩類及びそれらの製剤。ただし、塩酸アチパメゾール0・5パーセント以下を含有する注射剤を除く。')).toBe('アチパメゾール');
    expect(substancePart('メデトミジンを含有する製剤及びメデトミジンの塩類を含有する製剤')).toBe('メデトミジン');
    expect(substancePart('チルミコシン製剤。ただし、リン酸チルミコシン25パーセント以下を含有する内用剤を除く。')).toBe('チルミコシン');
    expect(substancePart('フザプラジブ及びその塩類')).toBe('フザプラジブ');
    expect(substancePart('亜セレン酸の製剤又は亜セレン酸の塩類の製剤であって、セレンとして0・25パーセント以下を含有する注射剤')).toBe('亜セレン酸');
  });

  it('substances.yaml parses and has no duplicate keys', () => {
    const list = parse(readFileSync(join(defaultDataDir, 'ingredients', 'substances.yaml'), 'utf8')) as { key: string }[];
    expect(new Set(list.map((x) => x.key)).size).toBe(list.length);
    expect(list.length).toBe(dict.keys().length);
  });
});

import { mkdtempSync, writeFileSync, mkdirSync, readdirSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadIngredientDictionary } from '../../src/ingredients/dictionary.js';
import { IngredientDataError } from '../../src/ingredients/load.js';
import { normalizeName } from '../../src/ingredients/normalize.js';
import { defaultDataDir } from '../../src/paths.js';

const dict = loadIngredientDictionary(defaultDataDir);
const keyOf = (name: string) => dict.resolve(name).matches.map((m) => m.key);
const match = (name: string, key: string) => dict.resolve(name).matches.find((m) => m.key === key);

describe('normalisation', () => {
  it('unifies old/new kana, ヴ, dashes and long vowels, width, case, spaces, middle dots, hiragana', () => {
    expect(normalizeName('クロラムフェニコール')).toBe(normalizeName('クロラムフエニコール'));
    expect(normalizeName('ジョサマイシン')).toBe(normalizeName('ジヨサマイシン'));
    expect(normalizeName('ヴァルネムリン')).toBe(normalizeName('バルネムリン'));
    expect(normalizeName('インターフェロン-アルファ')).toBe(normalizeName('インターフェロン—アルファ'));
    expect(normalizeName('インターフェロン−アルファ')).toBe(normalizeName('インターフェロン―アルファ'));
    expect(normalizeName('ｲﾍﾞﾙﾒｸﾁﾝ')).toBe('イベルメクチン');
    expect(normalizeName('いべるめくちん')).toBe('イベルメクチン');
    expect(normalizeName('Ivermectin ')).toBe('ivermectin');
    expect(normalizeName('性腺刺激ホルモン放出ホルモン・ジフテリアトキソイド結合物')).toBe(normalizeName('性腺刺激ホルモン放出ホルモン ジフテリアトキソイド結合物'));
  });

  it('resolves ordinance keys from any spelling variant to the key as the ordinance writes it', () => {
    expect(keyOf('クロラムフェニコール')).toEqual(['クロラムフエニコール']);
    expect(keyOf('ジョサマイシン')).toEqual(['ジヨサマイシン']);
    expect(keyOf('ｲﾍﾞﾙﾒｸﾁﾝ')).toEqual(['イベルメクチン']);
    expect(keyOf('いべるめくちん')).toEqual(['イベルメクチン']);
    expect(keyOf('インターフェロン-アルファ')).toEqual(['インターフェロン—アルファ']);
    expect(keyOf('インターフェロンアルファ')).toEqual(['インターフェロン—アルファ']);
    expect(match('クロラムフェニコール', 'クロラムフエニコール')).toMatchObject({ path: 'exact', curated: false });
    expect(dict.canonicalKey('インターフェロン-アルファ')).toBe('インターフェロン—アルファ');
    expect(dict.canonicalKey('アモキシシリン')).toBeUndefined();
  });
});

describe('aliases', () => {
  it('English INNs resolve as curated aliases with reasoning', () => {
    for (const [en, key] of [
      ['ivermectin', 'イベルメクチン'], ['selamectin', 'セラメクチン'], ['enrofloxacin', 'エンロフロキサシン'], ['meloxicam', 'メロキシカム'],
      ['ketamine', 'ケタミン'], ['xylazine', 'キシラジン'], ['medetomidine', 'メデトミジン'], ['atipamezole', 'アチパメゾール'],
      ['fipronil', 'フィプロニル'], ['Chloramphenicol', 'クロラムフエニコール'], ['neomycin', 'フラジオマイシン'], ['cyclosporine', 'シクロスポリン'],
      ['trichlorfon', 'トリクロロヒドロキシエチルジメチルホスホネイト'], ['dichlorvos', 'DDVP'], ['bromofenofos', 'ブロムフェノホス'],
    ]) {
      const m = match(en, key);
      expect(m, en).toMatchObject({ path: 'alias', curated: true });
      expect(m!.reasoning, en).toMatch(/\S/);
    }
  });

  it('every 別表第2 and 別表第3 substance with a standard INN has an English name', () => {
    const noInn = new Set([
      '黄体ホルモン', '甲状腺ホルモン', '副腎皮質ホルモン', '卵胞ホルモン', '脳下垂体後葉ホルモン', '脳下垂体前葉ホルモン', 'ワクチン', '鶏痘ワクチン',
      '性腺刺激ホルモン(脳下垂体前葉ホルモンを除く。)', '性腺刺激ホルモン放出ホルモン', '銀の無機酸塩類', 'ハロゲン銀',
    ]);
    const missing: string[] = [];
    for (const k of dict.keys()) {
      const s = dict.substance(k)!;
      if (!s.entries.some((e) => e.startsWith('T2') || e.startsWith('T3')) || noInn.has(k)) continue;
      const en = (dict.data.aliases[k]?.en ?? []).filter((x) => /^[a-z]/i.test(x));
      if (!en.length) missing.push(k);
    }
    expect(missing).toEqual([]);
  });

  it('the chemical-name-only entries of 別表第1 link to their INN names in 別表第3', () => {
    expect(keyOf('ブロムフェノホス')).toEqual(['ブロムフェノホス', '4・4′—6・6′テトラブロモ—2・2′—ビフェニルジオールモノ(ジハイドロジェンホスフェイト)モノハイドレート']);
    expect(keyOf('nitroxinil').sort()).toEqual(['ニトロキシニル', '2—ヨード—4—シアノ—6—ニトロフェノール'].sort());
  });
});

describe('salts and esters', () => {
  const cases: [string, string, string][] = [
    ['塩酸ケタミン', 'ケタミン', '塩酸塩'],
    ['ケタミン塩酸塩', 'ケタミン', '塩酸塩'],
    ['セフチオフルナトリウム', 'セフチオフル', 'ナトリウム塩'],
    ['ホスホマイシンカルシウム', 'ホスホマイシン', 'カルシウム塩'],
    ['フルニキシンメグルミン', 'フルニキシン', 'メグルミン塩'],
    ['酢酸クロルマジノン', '黄体ホルモン', '酢酸塩/酢酸エステル'],
    ['硫酸ゲンタマイシン', 'ゲンタマイシン', '硫酸塩'],
    ['ゲンタマイシン硫酸塩', 'ゲンタマイシン', '硫酸塩'],
    ['リン酸チルミコシン', 'チルミコシン', 'リン酸塩'],
    ['マレイン酸エナラプリル', 'エナラプリル', 'マレイン酸塩'],
    ['メシル酸ダノフロキサシン', 'ダノフロキサシン', 'メシル酸塩'],
    ['臭化水素酸ニトロキシニル', 'ニトロキシニル', '臭化水素酸塩'],
    ['プロピオン酸テストステロン', '睾丸ホルモン', 'プロピオン酸エステル'],
    ['ジノプロストトロメタミン', 'ジノプロスト', 'トロメタミン塩'],
    ['デキサメタゾン酢酸エステル', '副腎皮質ホルモン', '酢酸エステル'],
    ['ketamine hydrochloride', 'ケタミン', '塩酸塩'],
    ['ceftiofur sodium', 'セフチオフル', 'ナトリウム塩'],
    ['oxytetracycline hydrochloride', 'テトラサイクリン', '塩酸塩'],
    ['doxycycline hyclate', 'テトラサイクリン', '塩酸塩(ヒクレート)'],
    ['亜セレン酸ナトリウム', '亜セレン酸', 'ナトリウム塩'],
    ['塩酸ケタミン水和物', 'ケタミン', '塩酸塩'],
  ];
  it.each(cases)('%s → %s (%s)', (name, key, form) => {
    const m = match(name, key);
    expect(m, JSON.stringify(dict.resolve(name))).toBeDefined();
    expect(m!.saltForm).toBe(form);
    expect(m!.curated).toBe(true);
    expect(m!.reasoning).toMatch(/salt|ester/);
    expect(m!.via![0]).toEqual({ name, path: 'salt' });
  });

  it('a salt of a key is path salt; a salt of a class member is path class, keeping the saltForm', () => {
    expect(match('塩酸ケタミン', 'ケタミン')!.path).toBe('salt');
    expect(match('塩酸オキシテトラサイクリン', 'テトラサイクリン')).toMatchObject({
      path: 'class',
      saltForm: '塩酸塩',
      via: [{ name: '塩酸オキシテトラサイクリン', path: 'salt' }, { name: 'オキシテトラサイクリン', path: 'class' }],
    });
  });

  it('a name the ordinance writes itself keeps its exact match beside the salt reading', () => {
    expect(dict.resolve('亜セレン酸ナトリウム').matches.map((m) => [m.key, m.path])).toEqual([['亜セレン酸ナトリウム', 'exact'], ['亜セレン酸', 'salt']]);
    expect(dict.resolve('塩酸アチパメゾール').matches.map((m) => [m.key, m.path])).toEqual([['塩酸アチパメゾール', 'exact'], ['アチパメゾール', 'salt']]);
  });

  it('exceptions: acids and compounds that merely look like salts are not split', () => {
    expect(keyOf('ジクロル酢酸')).toEqual(['ジクロル酢酸']);
    expect(keyOf('オキソリン酸')).toEqual(['オキソリン酸']);
    expect(keyOf('リン化亜鉛')).toEqual(['リン化亜鉛']);
    expect(keyOf('セフポドキシムプロキセチル')).toEqual(['セフポドキシムプロキセチル']);
    expect(dict.resolve('乳酸菌').known).toBe(false);
    expect(dict.resolve('塩酸').known).toBe(false);
    expect(dict.resolve('ナトリウム').known).toBe(false);
    // an unknown remainder never makes a salt
    expect(dict.resolve('塩酸ホゲホゲ').known).toBe(false);
  });

  it('salts of the oxolinic acid are still salts', () => {
    expect(match('オキソリン酸ナトリウム', 'オキソリン酸')).toMatchObject({ path: 'salt', saltForm: 'ナトリウム塩' });
  });
});

describe('derivatives and classes (curated, with reasoning)', () => {
  const chains: [string, string, 'derivative' | 'class' | 'alias'][] = [
    ['アモキシシリン', 'ペニシリン', 'class'],
    ['アンピシリン', 'ペニシリン', 'class'],
    ['プロカインベンジルペニシリン', 'ペニシリン', 'class'],
    ['ベンジルペニシリンプロカイン', 'ペニシリン', 'class'],
    ['オキシテトラサイクリン', 'テトラサイクリン', 'class'],
    ['ドキシサイクリン', 'テトラサイクリン', 'class'],
    ['クロルテトラサイクリン', 'テトラサイクリン', 'class'],
    ['プレドニゾロン', '副腎皮質ホルモン', 'class'],
    ['デキサメタゾン', '副腎皮質ホルモン', 'class'],
    ['ベタメタゾン', '副腎皮質ホルモン', 'class'],
    ['トリアムシノロン', '副腎皮質ホルモン', 'class'],
    ['ヒドロコルチゾン', '副腎皮質ホルモン', 'class'],
    ['プロゲステロン', '黄体ホルモン', 'class'],
    ['酢酸メドロキシプロゲステロン', '黄体ホルモン', 'class'],
    ['クロルマジノン', '黄体ホルモン', 'class'],
    ['安息香酸エストラジオール', '卵胞ホルモン', 'class'],
    ['テストステロン', '睾丸ホルモン', 'class'],
    ['レボチロキシンナトリウム', '甲状腺ホルモン', 'class'],
    ['オキシトシン', '脳下垂体後葉ホルモン', 'class'],
    ['hCG', '性腺刺激ホルモン(脳下垂体前葉ホルモンを除く。)', 'class'],
    ['eCG', '性腺刺激ホルモン(脳下垂体前葉ホルモンを除く。)', 'class'],
    ['FSH', '脳下垂体前葉ホルモン', 'class'],
    ['ゴナドレリン', '性腺刺激ホルモン放出ホルモン', 'class'],
    ['酢酸フェルチレリン', '性腺刺激ホルモン放出ホルモン', 'class'],
    ['スルファジメトキシン', 'スルファニルアミド', 'derivative'],
    ['スルファモノメトキシンナトリウム', 'スルファニルアミド', 'derivative'],
    ['フェノバルビタール', 'バルビツール酸', 'derivative'],
    ['ニトロフラゾン', 'ニトロフラン', 'derivative'],
    ['フラゾリドン', 'ニトロフラン', 'derivative'],
    ['ジヒドロストレプトマイシン', 'ストレプトマイシン', 'derivative'],
    ['硫酸ジヒドロストレプトマイシン', 'ストレプトマイシン', 'derivative'],
    ['ミルベマイシンオキシム', 'ミルベマイシン', 'derivative'],
    ['硝酸銀', '銀の無機酸塩類', 'class'],
    ['amoxicillin', 'ペニシリン', 'class'],
  ];
  it.each(chains)('%s → %s (%s)', (name, key, path) => {
    const r = dict.resolve(name);
    const m = r.matches.find((x) => x.key === key);
    expect(m, JSON.stringify(r)).toBeDefined();
    expect(m!.path).toBe(path);
    expect(m!.curated).toBe(true);
    expect(m!.reasoning).toMatch(/\S{3}/);
    expect(m!.via!.length).toBeGreaterThanOrEqual(1);
  });

  it('FSH and LH are anterior-pituitary hormones, not the qualified 性腺刺激ホルモン', () => {
    expect(keyOf('FSH')).toEqual(['脳下垂体前葉ホルモン']);
    expect(keyOf('黄体形成ホルモン')).toEqual(['脳下垂体前葉ホルモン']);
  });

  it('a substance that is itself listed and a derivative of another listed one matches both', () => {
    expect(dict.resolve('チルミコシン').matches.map((m) => [m.key, m.path])).toEqual([['チルミコシン', 'exact'], ['タイロシン', 'derivative']]);
  });
});

describe('product-level classes', () => {
  const cls = (n: string) => dict.resolve(n).classes.map((c) => c.name);
  it('antibiotics (第1条第5項) are also 抗菌性物質; synthetic antimicrobials are only 抗菌性物質', () => {
    for (const n of ['ペニシリン', 'アモキシシリン', 'セファゾリン', 'テトラサイクリン', 'エリスロマイシン', 'カナマイシン', 'クロラムフェニコール', '硫酸ゲンタマイシン'])
      expect(cls(n), n).toEqual(['抗生物質', '抗菌性物質']);
    for (const n of ['エンロフロキサシン', 'オフロキサシン', 'スルファジメトキシン', 'トリメトプリム', 'フラゾリドン', 'オキソリン酸'])
      expect(cls(n), n).toEqual(['抗菌性物質']);
    for (const n of ['イベルメクチン', 'ミルベマイシン', 'メロキシカム', 'プレドニゾロン']) expect(cls(n), n).toEqual([]);
    expect(dict.resolve('セファゾリン').classes[0].curated).toBe(true);
    expect(dict.resolve('セファゾリン').classes[0].reasoning).toMatch(/第1条第5項/);
  });

  it('vaccines: any vaccine → ワクチン (別表第3 第53号), 鶏痘ワクチン → its own key, never ワクチン', () => {
    const nd = dict.resolve('ニューカッスル病生ワクチン');
    expect(nd.known).toBe(true);
    expect(nd.matches).toEqual([expect.objectContaining({ key: 'ワクチン', path: 'class', curated: true })]);
    expect(nd.classes.map((c) => c.name)).toEqual(['ワクチン', '生物学的製剤']);
    expect(keyOf('鶏痘ワクチン')).toEqual(['鶏痘ワクチン']);
    expect(keyOf('鶏痘生ワクチン')).toEqual(['鶏痘ワクチン']);
    expect(keyOf('鶏痘生ワクチン(乾燥)')).toEqual(['鶏痘ワクチン']);
    expect(cls('鶏痘ワクチン')).toEqual(['ワクチン', '生物学的製剤']);
    // a combined vaccine is not only a fowl-pox vaccine
    expect(keyOf('鶏痘・マレック病混合生ワクチン')).toEqual(['ワクチン']);
    expect(keyOf('rabies vaccine')).toEqual(['ワクチン']);
    expect(keyOf('抗牛ロタウイルス卵黄抗体')).toEqual(['抗牛ロタウイルス卵黄抗体']);
    expect(cls('抗牛ロタウイルス卵黄抗体')).toEqual(['生物学的製剤']);
  });
});

describe('known, unlisted, uncertain, unknown', () => {
  it('a recognised substance the ordinance does not name: known, no matches', () => {
    const r = dict.resolve('アセトアミノフェン');
    expect(r).toMatchObject({ known: true, matches: [] });
    expect(r.suggestions).toBeUndefined();
    expect(dict.resolve('praziquantel')).toMatchObject({ known: true, matches: [] });
  });

  it('an arguable derivative stays unknown, saying why', () => {
    const r = dict.resolve('シプロフロキサシン');
    expect(r.known).toBe(false);
    expect(r.uncertain).toMatch(/enrofloxacin/);
    expect(r.classes.map((c) => c.name)).toEqual(['抗菌性物質']);
    expect(r.suggestions).not.toContain('シプロフロキサシン');
    expect(dict.resolve('フロセミド').known).toBe(false);
  });

  it('unknown names get did-you-mean suggestions (kana-aware)', () => {
    expect(dict.resolve('イベルメクチソ')).toMatchObject({ known: false, matches: [], suggestions: ['イベルメクチン'] });
    expect(dict.resolve('ivermectine').suggestions!.slice(0, 2)).toEqual(['ivermectin', 'イベルメクチン']);
    expect(dict.resolve('セラメクチ').suggestions).toContain('セラメクチン');
    expect(dict.resolve('エンロフロキサシソ').suggestions![0]).toBe('エンロフロキサシン');
    expect(dict.resolve('塩酸ケタミソ').suggestions).toContain('ケタミン');
    expect(dict.resolve('xyzzy')).toMatchObject({ known: false, suggestions: [] });
  });

  it('resolve returns the input and the normalised form; repeated calls are stable', () => {
    const a = dict.resolve('クロラムフェニコール');
    expect(a.input).toBe('クロラムフェニコール');
    expect(a.normalized).toBe(normalizeName('クロラムフエニコール'));
    expect(dict.resolve('クロラムフェニコール')).toEqual(a);
  });
});

describe('the whole dictionary', () => {
  it('every name it holds resolves to its own substance, and no normalised name is claimed by two substances', () => {
    const data = dict.data;
    const named: [string, string][] = [];
    for (const s of data.substances) for (const w of s.written) named.push([w, s.key]);
    for (const [k, a] of Object.entries(data.aliases)) for (const n of [...(a.en ?? []), ...(a.ja ?? [])]) named.push([n, k]);
    for (const g of data.groups) for (const m of g.members) for (const n of [m.name, ...(m.en ?? []), ...(m.ja ?? [])]) named.push([n, m.name]);
    for (const k of [...data.known.unlisted, ...data.known.uncertain]) for (const n of [k.name, ...(k.en ?? []), ...(k.ja ?? [])]) named.push([n, k.name]);
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const [n, who] of named) {
      const norm = normalizeName(n);
      const prev = owner.get(norm);
      if (prev && prev !== who && !(dict.resolve(n).matches.some((m) => m.key === prev) || dict.resolve(prev).matches.some((m) => m.key === who))) clashes.push(`${n}: ${prev} / ${who}`);
      owner.set(norm, prev ?? who);
      const r = dict.resolve(n);
      expect(r.known || r.uncertain !== undefined, n).toBe(true);
    }
    expect(clashes).toEqual([]);
    expect(named.length).toBeGreaterThan(1000);
  });

  it('every curated match carries its reasoning; every non-curated one is the ordinance’s own name', () => {
    for (const k of dict.keys()) {
      for (const w of dict.substance(k)!.written) {
        const m = dict.resolve(w).matches.find((x) => x.key === k)!;
        expect(m.curated, w).toBe(false);
      }
    }
    for (const g of dict.data.groups)
      for (const mem of g.members) {
        const r = dict.resolve(mem.name);
        const m = r.matches.find((x) => x.key === dict.canonicalKey(g.to));
        expect(m, `${mem.name} → ${g.to}`).toBeDefined();
        expect(m!.curated && (m!.reasoning ?? '').length > 10, mem.name).toBe(true);
      }
  });
});

describe('data errors name file:line and the field path', () => {
  const copy = () => {
    const dir = mkdtempSync(join(tmpdir(), 'doyaku-ingr-'));
    mkdirSync(join(dir, 'ingredients'));
    for (const f of readdirSync(join(defaultDataDir, 'ingredients'))) if (f.endsWith('.yaml')) copyFileSync(join(defaultDataDir, 'ingredients', f), join(dir, 'ingredients', f));
    return dir;
  };
  it('a group linking to a name that is no ordinance key', () => {
    const dir = copy();
    writeFileSync(join(dir, 'ingredients', 'members.yaml'), '- to: ペニシリン\n  path: class\n  why: x\n  members: [{ name: A }]\n- to: ペニシリソ\n  path: clas\n  why: x\n  members: []\n');
    try {
      loadIngredientDictionary(dir, { source: 'yaml' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(IngredientDataError);
      expect((e as Error).message).toMatch(/members\.yaml:6:\d+: \/1\/path: must be one of alias, derivative, class/);
    }
    writeFileSync(join(dir, 'ingredients', 'members.yaml'), '- to: ペニシリン\n  path: class\n  why: x\n  members: [{ name: A }]\n- to: ペニシリソ\n  path: class\n  why: x\n  members: []\n');
    expect(() => loadIngredientDictionary(dir, { source: 'yaml' })).toThrow(/members\.yaml:5:\d+: \/1\/to: ペニシリソ is not an ordinance key/);
  });
  it('a YAML syntax error', () => {
    const dir = copy();
    writeFileSync(join(dir, 'ingredients', 'salts.yaml'), 'prefix: [\n');
    expect(() => loadIngredientDictionary(dir, { source: 'yaml' })).toThrow(/salts\.yaml:\d+:\d+/);
  });
});

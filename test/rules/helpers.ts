/** Test doubles for the rules tests: a small ingredient dictionary and the real corpus. */
import { join } from 'node:path';
import { loadCorpus } from '../../src/corpus/load.js';
import type { Corpus } from '../../src/corpus/model.js';
import type { IngredientDictionary, IngredientMatch, IngredientResolution } from '../../src/ingredients/types.js';

export const root = join(import.meta.dirname, '..', '..');
export const rulesDir = join(root, 'rules');
export const fixturesDir = join(root, 'test', 'fixtures');

let corpus: Corpus | undefined;
export function realCorpus(): Corpus {
  return (corpus ??= loadCorpus(join(root, 'data')));
}

type Entry = { matches?: IngredientMatch[]; classes?: string[] };
const exact = (key: string): IngredientMatch => ({ key, path: 'exact', curated: false });

/** name → matches/classes; a name that is a key matches itself exactly. */
const entries: Record<string, Entry> = {
  イベルメクチン: { matches: [exact('イベルメクチン')] },
  ivermectin: { matches: [{ key: 'イベルメクチン', path: 'alias', curated: true, reasoning: 'English INN' }] },
  セラメクチン: { matches: [exact('セラメクチン')] },
  モキシデクチン: { matches: [exact('モキシデクチン')] },
  エプリノメクチン: { matches: [exact('エプリノメクチン')] },
  オフロキサシン: { matches: [exact('オフロキサシン')], classes: ['抗菌性物質'] },
  ゲンタマイシン: { matches: [exact('ゲンタマイシン')], classes: ['抗生物質', '抗菌性物質'] },
  硫酸ゲンタマイシン: { matches: [{ key: 'ゲンタマイシン', path: 'salt', curated: true, saltForm: '硫酸塩', reasoning: 'sulfate salt' }], classes: ['抗生物質', '抗菌性物質'] },
  アモキシシリン: { matches: [{ key: 'ペニシリン', path: 'class', curated: true, reasoning: 'aminopenicillin' }], classes: ['抗生物質', '抗菌性物質'] },
  塩酸アモキシシリン: {
    matches: [{ key: 'ペニシリン', path: 'class', curated: true, reasoning: 'aminopenicillin', via: [{ name: '塩酸アモキシシリン', path: 'salt' }, { name: 'アモキシシリン', path: 'class' }] }],
    classes: ['抗生物質', '抗菌性物質'],
  },
  アチパメゾール: { matches: [exact('アチパメゾール')] },
  塩酸アチパメゾール: { matches: [exact('塩酸アチパメゾール'), { key: 'アチパメゾール', path: 'salt', curated: false, saltForm: '塩酸塩' }] },
  アチパメゾール塩酸塩: { matches: [{ key: 'アチパメゾール', path: 'salt', curated: true, saltForm: '塩酸塩' }] },
  ツラスロマイシン: { matches: [exact('ツラスロマイシン')], classes: ['抗生物質', '抗菌性物質'] },
  フルニキシン: { matches: [exact('フルニキシン')] },
  メグルミンフルニキシン: { matches: [{ key: 'フルニキシン', path: 'salt', curated: true, saltForm: 'メグルミン塩' }] },
  メデトミジン: { matches: [exact('メデトミジン')] },
  塩酸メデトミジン: { matches: [{ key: 'メデトミジン', path: 'salt', curated: true, saltForm: '塩酸塩' }] },
  黄体ホルモン: { matches: [exact('黄体ホルモン')] },
  プロゲステロン: { matches: [{ key: '黄体ホルモン', path: 'class', curated: true, reasoning: 'progesterone is a progestogen' }] },
  シクロスポリン: { matches: [exact('シクロスポリン')] },
  ラタノプロスト: { matches: [exact('ラタノプロスト')] },
  鶏痘ワクチン: { matches: [exact('鶏痘ワクチン'), { key: 'ワクチン', path: 'class', curated: true }], classes: ['ワクチン', '生物学的製剤'] },
  豚丹毒ワクチン: { matches: [{ key: 'ワクチン', path: 'class', curated: true }], classes: ['ワクチン', '生物学的製剤'] },
  ダイアジノン: { matches: [exact('ダイアジノン')] },
  黄リン: { matches: [exact('黄リン')] },
  'インターフェロン—アルファ': { matches: [exact('インターフェロン—アルファ')] },
  ビタミンC: { matches: [] },
  亜セレン酸ナトリウム: { matches: [exact('亜セレン酸ナトリウム'), { key: '亜セレン酸', path: 'salt', curated: false, saltForm: 'ナトリウム塩' }] },
  テモカプリル: { matches: [exact('テモカプリル')] },
  塩酸テモカプリル: { matches: [{ key: 'テモカプリル', path: 'salt', curated: true, saltForm: '塩酸塩' }] },
};

export function fakeDictionary(extra: Record<string, Entry> = {}): IngredientDictionary {
  const all = { ...entries, ...extra };
  return {
    resolve(name: string): IngredientResolution {
      const n = name.normalize('NFKC').replace(/フエ/g, 'フェ');
      const e = all[name] ?? all[n];
      if (!e)
        return { input: name, normalized: n, matches: [], classes: [], known: false, suggestions: Object.keys(all).filter((k) => k[0] === n[0]).slice(0, 3) };
      return { input: name, normalized: n, matches: e.matches ?? [], classes: (e.classes ?? []).map((c) => ({ name: c, curated: true, reasoning: 'test' })), known: true };
    },
    keys: () => Object.keys(all),
  };
}

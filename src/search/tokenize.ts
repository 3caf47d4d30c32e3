/**
 * The tokenizer: folded text (see normalize.ts) → index terms. The same function runs on
 * documents and on queries.
 *
 * The folded text is cut into script runs — kanji, katakana, hiragana, letters/digits — and
 * everything else is a boundary. Then:
 * - kanji run: character bigrams (`要指示医薬品` → 要指 指示 示医 医薬 薬品); one kanji alone → itself;
 * - katakana run: bigrams, plus the whole word when it has 3+ characters (`イベルメクチン`);
 * - hiragana run: particles and okurigana, so a hiragana run is kept whole (kind `kana`, weighing
 *   little) only when it has 2+ characters and is not a function word (`あつせん`, `かぎ`); `の`,
 *   `は`, `について`, `するか`… are dropped;
 * - letters/digits: the whole run (`ddvp`, `0.25`, `169`);
 * - references, as extra whole terms: `第169条`, `第91条の3`, `第2項`, `第3号`, `別表第3`, `様式第82号`.
 *
 * So a compound typed without spaces (`要指示医薬品の帳簿`) and a spaced one (`要指示医薬品 帳簿`)
 * give the same terms as the document text that contains them.
 */

export type TermKind = 'bigram' | 'uni' | 'word' | 'kana' | 'ref';

export interface Term {
  term: string;
  kind: TermKind;
}

const enum Script {
  Other,
  Kanji,
  Katakana,
  Hiragana,
  Alnum,
}

function script(c: string): Script {
  const x = c.codePointAt(0)!;
  if ((x >= 0x4e00 && x <= 0x9fff) || (x >= 0x3400 && x <= 0x4dbf) || (x >= 0xf900 && x <= 0xfaff) || c === '々' || c === '〆') return Script.Kanji;
  if (x >= 0x30a1 && x <= 0x30fa) return Script.Katakana;
  if (x >= 0x3041 && x <= 0x3096) return Script.Hiragana;
  if (/[\p{L}\p{N}]/u.test(c)) return Script.Alnum;
  if (c === '.') return Script.Alnum;
  return Script.Other;
}

/** Function words written in hiragana: never terms. */
export const HIRAGANA_STOP = new Set(
  (
    'ある あつて あり いう いる おいて おける おり および かつ から こと この これ これら さ され される ' +
    'しなければならない しない する すること すべて それ それぞれ その ただし たる ついて つて できる できない ' +
    'とき ところ として とする ない なければならない など なる において における について により による ならない ' +
    'また ます まで もの ものとする ものを よう より られる れる を除く あつては にあつては に限る いずれか ' +
    'おそれ ほか ものであること であること であつて であり である でない の は を に が と で て も へ や か ' +
    'するか するとき するもの した して します しようとする しようとするとき されている されたもの させる ように ですか ますか'
  ).split(' '),
);

const REF_RE = /(?:別表第\d+|様式第\d+号|第\d+(?:条(?:の\d+)*|項|号|章|節|款))/g;

/** Terms of a folded text, in order, duplicates kept (term frequency counts). */
export function tokenize(folded: string): Term[] {
  const out: Term[] = [];
  const chars = [...folded];
  let i = 0;
  while (i < chars.length) {
    const s = script(chars[i]);
    if (s === Script.Other) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < chars.length && script(chars[j]) === s) j++;
    const run = chars.slice(i, j);
    emitRun(run, s, out);
    i = j;
  }
  for (const m of folded.matchAll(REF_RE)) out.push({ term: m[0], kind: 'ref' });
  return out;
}

function emitRun(run: string[], s: Script, out: Term[]): void {
  switch (s) {
    case Script.Kanji:
    case Script.Katakana:
      if (run.length === 1) {
        out.push({ term: run[0], kind: 'uni' });
        return;
      }
      for (let k = 0; k + 1 < run.length; k++) out.push({ term: run[k] + run[k + 1], kind: 'bigram' });
      if (s === Script.Katakana && run.length >= 3) out.push({ term: run.join(''), kind: 'word' });
      return;
    case Script.Hiragana: {
      const w = run.join('');
      if (run.length >= 2 && !HIRAGANA_STOP.has(w)) out.push({ term: w, kind: 'kana' });
      return;
    }
    case Script.Alnum: {
      const w = run.join('').replace(/^\.+|\.+$/g, '');
      if (w) out.push({ term: w, kind: 'word' });
      return;
    }
  }
}

const CONJUNCTION = new Set(['又', '及', '並', '若']);

/**
 * The content segments of a folded text: runs of kanji/katakana/letters/digits with particles
 * and the conjunction kanji 又・及・並・若 removed, each of 2+ characters (or a single kanji). Used
 * for phrase re-ranking and highlighting.
 */
export function segments(folded: string): string[] {
  const out: string[] = [];
  let cur = '';
  const flush = () => {
    if (cur && ([...cur].length >= 2 || script(cur) === Script.Kanji)) out.push(cur);
    cur = '';
  };
  for (const c of folded) {
    const s = script(c);
    // 又(は) 及(び) 並(びに) 若(しくは) join words; they are not part of one
    if (s === Script.Other || CONJUNCTION.has(c)) flush();
    else if (s === Script.Hiragana) {
      flush();
    } else cur += c;
  }
  flush();
  return [...new Set(out)];
}

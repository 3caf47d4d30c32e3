/**
 * Cross-references inside the guidance: `第2の1の(4)のア及びイ`, `3(7)から(12)まで`, `同(17)及び(18)`,
 * `(2)にいう`, `(2)のキ`, `3の(2)のア及びイ`, `アからカまで`, `アの蚕用剤`. Resolved to paragraph ids
 * from the citing paragraph's position: a bare `(9)` is a paragraph of the same number, a bare `ア` an
 * item of the same paragraph, `同(7)` the number last referred to.
 */
import { katakanaIndex } from './numerals.js';

export interface CrossRef {
  /** as written, e.g. `3(7)から(12)まで`, `第2の1の(4)のア及びイ` */
  text: string;
  offset: number;
  /** ids of the guidance paragraphs referred to, e.g. G2-3-p7 … G2-3-p12 */
  targets: string[];
}

const OPEN = '[(（]';
const CLOSE = '[)）]';
const KANA = '[アイウエオカキクケコ]';
const SP = '[\\s\\u00a0\\u3000]*';
// one reference: [第S の] [N の?] (P) [の? K]   |   同(P)   |   bare K (not inside a katakana word)
const REF = new RegExp(
  `(?:(第(\\d)の)?(?:(\\d{1,2})${SP}の?)?|(同))${OPEN}(\\d{1,2})${CLOSE}(?:の?(${KANA})(?![ァ-ヺー]))?` +
    `|(?<![ァ-ヺー])(${KANA})(?=の|から|及び|を除)(?![ァ-ヺー])`,
  'g',
);
const MORE = new RegExp(`^(から|及び|、|並びに)${SP}(?:${OPEN}(\\d{1,2})${CLOSE}|(${KANA})(?![ァ-ヺー]))`);

/** Parent ids: G2-3-p7-k2 → [G2-3-p7-k2, G2-3-p7, G2-3, G2]. */
function chain(id: string): string[] {
  const parts = id.split('-');
  return parts.map((_, i) => parts.slice(0, parts.length - i).join('-'));
}

/**
 * Finds the cross-references in the text of paragraph `selfId`. `exists` tells which ids are real
 * (references to paragraphs that do not exist are dropped).
 */
export function findCrossRefs(text: string, selfId: string, exists: (id: string) => boolean): CrossRef[] {
  const out: CrossRef[] = [];
  const own = chain(selfId);
  const section = own[own.length - 1]!; // G2
  const number = own.find((x) => /^G\d+-\d+$/.test(x)); // G2-3 (absent under 第7)
  const para = own.find((x) => /-p\d+$/.test(x)); // G2-3-p7
  let lastNumber: string | undefined = number ?? section;

  const re = new RegExp(REF.source, 'g');
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const [whole, , sec, num, same, p, kana, bareKana] = m;
    const offset = m.index;
    let base: string; // the id the level below hangs from
    const targets: string[] = [];
    let lastLevel: 'p' | 'k';
    let parentOfLast: string;
    if (bareKana) {
      const host = para ?? selfId;
      parentOfLast = host;
      lastLevel = 'k';
      targets.push(`${host}-k${katakanaIndex(bareKana)}`);
    } else {
      const sectionId = sec ? `G${sec}` : section;
      if (same) base = lastNumber ?? sectionId;
      else if (num) base = `${sectionId}-${num}`;
      else if (sec) base = sectionId;
      else base = number ?? section;
      lastNumber = base;
      const pid = `${base}-p${p}`;
      if (kana) {
        parentOfLast = pid;
        lastLevel = 'k';
        targets.push(`${pid}-k${katakanaIndex(kana)}`);
      } else {
        parentOfLast = base;
        lastLevel = 'p';
        targets.push(pid);
      }
    }
    // continuations: から(12)まで, 及び(18), 及びイ
    let end = offset + whole.length;
    for (;;) {
      const more = MORE.exec(text.slice(end));
      if (!more) break;
      const [mw, conn, mp, mk] = more;
      let next: string | undefined;
      if (mk && lastLevel === 'k') next = `${parentOfLast}-k${katakanaIndex(mk)}`;
      else if (mp && lastLevel === 'p') next = `${parentOfLast}-p${mp}`;
      else if (mp && lastLevel === 'k') break;
      if (!next) break;
      if (conn === 'から') {
        const from = targets[targets.length - 1]!;
        const a = Number(/(\d+)$/.exec(from)![1]);
        const b = Number(/(\d+)$/.exec(next)![1]);
        const stem = from.replace(/\d+$/, '');
        for (let i = a + 1; i <= b; i++) targets.push(`${stem}${i}`);
        end += mw.length;
        if (text.startsWith('まで', end)) end += 2;
      } else {
        targets.push(next);
        end += mw.length;
      }
    }
    const real = targets.filter(exists);
    if (real.length && !real.every((t) => t === selfId)) out.push({ text: text.slice(offset, end), offset, targets: real });
    re.lastIndex = end;
  }
  return out;
}

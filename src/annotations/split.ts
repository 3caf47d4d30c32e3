/**
 * Splits the guidance (data/source/guidance.txt) into its own numbered paragraphs.
 *
 * Levels: `第1 … 第8` sections (0), `1 2 3` numbers (1), `(1) (2)` paragraphs (2), `ア イ ウ`
 * items (3), `(ア) (イ)` sub-items (4). Separators after a marker are NO-BREAK SPACE, full-width or
 * ASCII spaces (sometimes none for `(ア)`). Amendment-history lines (`1~3…一部改正17、4…追加8`)
 * close each section; they are kept as the section's history, not as guidance text. The lines
 * before `第1` (title, number, date, addressee, preamble) form the preamble annotation `G0`.
 */
import type { Crumb } from '../corpus/model.js';
import type { HistoryLine } from './model.js';
import { asciiDigits, katakanaIndex, parseNumeral } from './numerals.js';

export interface Paragraph {
  id: string;
  label: string;
  heading?: string;
  level: number;
  parent?: string;
  children: string[];
  breadcrumb: Crumb[];
  /** own lines (1-based) and their verbatim text, in document order */
  lines: number[];
  texts: string[];
  history?: HistoryLine[];
}

const SEP = '[\\u00a0\\u3000 \\t]';
const SECTION = new RegExp(`^第([0-9０-９]+)${SEP}+(\\S.*)$`);
const NUMBER = new RegExp(`^([0-9０-９]{1,2})${SEP}+(\\S.*)$`);
const PARA = new RegExp(`^[(（]([0-9０-９]{1,2})[)）]${SEP}*(.*)$`);
const KANA = new RegExp(`^([アイウエオカキクケコサシスセソタチツテト力])${SEP}+(\\S.*)$`);
const SUBKANA = new RegExp(`^[(（]([アイウエオカキクケコサシスセソ])[)）]${SEP}*(.*)$`);

/** A line is blank when it holds nothing but spaces (including NO-BREAK SPACE and U+3000). */
export function isBlank(line: string): boolean {
  return /^[\s\u00a0\u3000\u200b\ufeff]*$/.test(line);
}

/** `1~3…一部改正17、4…追加8`, `第3…追加9、1…一部改正10`, `第6…第7に繰下9`. */
export function isHistoryLine(line: string): boolean {
  return line.includes('…') && /(改正|追加|繰下|繰上|操下|削除)/.test(line) && !/。$/.test(line.trim());
}

/** Body lines after an item list that close the parent's sentence (`…とされていることに留意されたい。`). */
function isCloser(text: string): boolean {
  return /^とされ/.test(text.trim());
}

/** Lines that a person judged to belong to the parent rather than to the last item above them. */
const CLOSER_LINES_TO_PARENT = new Set<number>([
  118, // 第2 3 (7): 「なお、店舗販売業者は、策定した指針を…」 is about the whole 指針 of (7), not item キ
]);

interface Marker {
  level: number;
  num: number;
  written: string;
  rest: string;
}

function marker(line: string): Marker | undefined {
  const t = line.replace(/^[\u00a0\u3000 ]+/, '');
  let m = SECTION.exec(t);
  if (m) return { level: 0, num: Number(asciiDigits(m[1]!)), written: `第${asciiDigits(m[1]!)}`, rest: m[2]! };
  if (isHistoryLine(t)) return undefined;
  m = SUBKANA.exec(t);
  if (m) return { level: 4, num: katakanaIndex(m[1]!), written: `(${m[1]})`, rest: m[2]! };
  m = PARA.exec(t);
  if (m) return { level: 2, num: Number(asciiDigits(m[1]!)), written: `(${asciiDigits(m[1]!)})`, rest: m[2]! };
  m = NUMBER.exec(t);
  if (m) return { level: 1, num: parseNumeral(m[1]!), written: asciiDigits(m[1]!), rest: m[2]! };
  m = KANA.exec(t);
  if (m) return { level: 3, num: katakanaIndex(m[1]!), written: m[1] === '力' ? 'カ' : m[1]!, rest: m[2]! };
  return undefined;
}

const ID_PART = ['', '', 'p', 'k', 'kp'];

/** Splits the guidance text into paragraphs, in document order. */
export function splitGuidance(source: string): Paragraph[] {
  const lines = source.split(/\r?\n/);
  const out: Paragraph[] = [];
  const byId = new Map<string, Paragraph>();
  const preamble: Paragraph = {
    id: 'G0',
    label: '前文',
    heading: lines[0]?.trim() || undefined,
    level: -1,
    children: [],
    breadcrumb: [],
    lines: [],
    texts: [],
  };
  out.push(preamble);
  byId.set(preamble.id, preamble);
  /** open paragraphs by level (0..4) */
  const stack: Paragraph[] = [];
  let current: Paragraph = preamble;
  let section: Paragraph | undefined;

  const add = (p: Paragraph, lineNo: number, text: string) => {
    p.lines.push(lineNo);
    p.texts.push(text);
  };

  lines.forEach((line, i) => {
    const lineNo = i + 1;
    if (isBlank(line)) return;
    const mk = section || /^第1[\u00a0\u3000 ]/.test(line) ? marker(line) : undefined;
    if (!mk) {
      if (section && isHistoryLine(line)) {
        (section.history ??= []).push({ text: line, line: lineNo });
        return;
      }
      // a body line: continues the current paragraph, except closers of an item list
      if ((current.level >= 3 && isCloser(line)) || CLOSER_LINES_TO_PARENT.has(lineNo)) {
        const up = stack.slice(0, current.level).reverse().find((p) => p.level < 3) ?? current;
        add(up, lineNo, line);
        return;
      }
      add(current, lineNo, line);
      return;
    }
    while (stack.length && stack[stack.length - 1]!.level >= mk.level) stack.pop();
    const parent = stack[stack.length - 1];
    const id =
      mk.level === 0 ? `G${mk.num}` : `${parent ? parent.id : 'G'}-${ID_PART[mk.level]}${mk.num}`;
    const label = mk.level === 0 ? mk.written : `${parent ? parent.label + ' ' : ''}${mk.written}`;
    if (byId.has(id)) throw new Error(`guidance.txt:${lineNo}: duplicate paragraph ${id} (${label})`);
    const p: Paragraph = {
      id,
      label,
      level: mk.level,
      parent: parent?.id,
      children: [],
      breadcrumb: stack.map((s) => ({ id: s.id, label: s.label, ...(s.heading ? { caption: s.heading } : {}) })),
      lines: [],
      texts: [],
    };
    if (mk.level <= 1) p.heading = mk.rest.trim();
    add(p, lineNo, line);
    if (parent) parent.children.push(id);
    out.push(p);
    byId.set(id, p);
    stack.push(p);
    current = p;
    if (mk.level === 0) section = p;
  });

  // headings of paragraph/item level: a marker line without a sentence (no 。, not ending in 、)
  // that is followed by its own body lines or by children, e.g. `(2) 要冷暗貯蔵医薬品の取扱い等に関する届出等について`
  for (const p of out) {
    if (p.level < 2) continue;
    const first = marker(p.texts[0]!)?.rest.trim() ?? '';
    if (first && !first.includes('。') && !/[、,]$/.test(first) && (p.lines.length > 1 || p.children.length > 0)) {
      p.heading = first;
    }
  }
  // breadcrumbs were taken when each paragraph opened; refresh captions set afterwards
  for (const p of out) {
    p.breadcrumb = p.breadcrumb.map((c) => {
      const h = byId.get(c.id)?.heading;
      return { id: c.id, label: c.label, ...(h ? { caption: h } : {}) };
    });
  }
  return out;
}

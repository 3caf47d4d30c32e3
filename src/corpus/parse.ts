/**
 * The parser: data/source/ordinance.txt (verbatim text with known defects) → CorpusNode[] in
 * document order, after the e-Gov 法令標準XML element model.
 *
 * A line-driven state machine. Every non-empty line is owned by exactly one node (`lines`), and a
 * node's `text` is its own lines minus the number prefix (`第4条 `, `2 `, `十一 `, the leading
 * space of a stripped number) and minus a caption line (kept in `caption`).
 * How each source defect is handled is described in docs/corpus.md.
 */
import type { CorpusNode, NodeKind } from './model.js';
import { KANJI_NUMERAL_RE, intToIroha, irohaToInt, kanjiToInt } from './numerals.js';
import { normalize } from './normalize.js';

/** Curated parse knowledge (data/source/structure-hints.yaml): where text alone cannot decide. */
export interface StructureHints {
  /** item id → how many subitems (イロハ…) follow it; the next stripped line is the next item */
  subitems?: Record<string, { count: number; reason: string }>;
}

export interface ParseResult {
  nodes: CorpusNode[];
  /** anomalies found (not fatal): unresolved form relations, unexpected numbering … */
  warnings: string[];
  /** hints that were used (so unused hints can be reported) */
  hintsUsed: string[];
}

export const LAW_ID = 'Law';

const ART_RE = /^第(\d+)条((?:の\d+)*)(?: (.*))?$/;
const PARA_RE = /^(\d+) (.*)$/;
const CHAPTER_RE = /^第(\d+)章 (.+)$/;
const SECTION_RE = /^第(\d+)節 (.+)$/;
const FORM_RE = /^(?:別記)?様式第(\d+)号\((.*)関係\)$/;
const APPDX_RE = /^別表第(\d+)\((.*)\)$/;
const SUPPL_RE = /^附則(?: \((.+)\))?$/;
const CAPTION_RE = /^\(([^]*)\)$/;
const KANJI_ITEM_RE = new RegExp(`^(${KANJI_NUMERAL_RE}) (.*)$`);
const SUB2_RE = /^\((\d+)\) (.*)$/;
/** an item whose text introduces subitems */
const INTRO = '次に(?:掲げる|定める)|次のいずれか|次の[イロハ]';
const INTRO_RE = new RegExp(INTRO);
/** a two-column item `X 次に掲げる…` (a heading and its list): starts a sibling item, not a subitem */
const SIBLING_INTRO_RE = new RegExp(`^\\S.* (?:${INTRO})`);
/** a paragraph/article text announcing a table */
const TABLE_INTRO_RE = /次の表/;

/**
 * When an item names its own subitems (`次のイからホまでに掲げる書類`, `のうちイ又はロに掲げるもの`),
 * the number of subitems follows from the text.
 */
export function subitemCountFromText(text: string): number | undefined {
  const range = /(?:次の|のうち)イから([ァ-ヶ])まで/.exec(text);
  if (range) return irohaToInt(range[1]);
  if (/(?:次の|のうち)イ又はロ/.test(text)) return 2;
  return undefined;
}

function cmpTuple(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x - y;
  }
  return 0;
}

/** 平成17年3月29日 → 2005-03-29 */
export function eraDateToIso(era: string): string | undefined {
  const m = /^(平成|令和|昭和)(\d+|元)年(\d+)月(\d+)日$/.exec(era);
  if (!m) return undefined;
  const base = { 昭和: 1925, 平成: 1988, 令和: 2018 }[m[1] as '平成'];
  const y = base + (m[2] === '元' ? 1 : Number(m[2]));
  return `${y}-${m[3].padStart(2, '0')}-${m[4].padStart(2, '0')}`;
}

const ERA_LETTER: Record<string, string> = { 昭和: 'S', 平成: 'H', 令和: 'R' };

export function parseOrdinance(source: string, hints: StructureHints = {}): ParseResult {
  const lines = source.split('\n');
  const nodes: CorpusNode[] = [];
  const byId = new Map<string, CorpusNode>();
  const warnings: string[] = [];
  const hintsUsed: string[] = [];
  const warn = (n: number, msg: string) => warnings.push(`ordinance.txt:${n}: ${msg}`);

  function add(parent: CorpusNode | undefined, node: Omit<CorpusNode, 'children' | 'breadcrumb' | 'norm' | 'label'> & { label?: string }): CorpusNode {
    if (byId.has(node.id)) throw new Error(`duplicate node id ${node.id} at ordinance.txt:${node.lines[0]}`);
    const full: CorpusNode = { label: '', norm: '', children: [], breadcrumb: [], ...node } as CorpusNode;
    if (parent) {
      full.parent = parent.id;
      parent.children.push(full.id);
    }
    nodes.push(full);
    byId.set(full.id, full);
    return full;
  }

  // ── state ──
  const law = add(undefined, { id: LAW_ID, kind: 'Law', text: '', lines: [] });
  let mode: 'head' | 'main' | 'forms' | 'appdx' | 'suppl' = 'head';
  let chapter: CorpusNode | undefined;
  let section: CorpusNode | undefined;
  let suppl: CorpusNode | undefined; // current 附則
  let idPrefix = ''; // '' | 'SP-' | 'SP-H21-8-'
  let lastArt: number[] | undefined;
  let art: CorpusNode | undefined;
  let para: CorpusNode | undefined;
  let item: CorpusNode | undefined;
  let sub: CorpusNode | undefined;
  let table: CorpusNode | undefined;
  let tableWanted = false; // the current paragraph announced a table
  let tableCount = 0;
  let subRun: { remaining?: number } | undefined;
  let caption: { text: string; line: number; used: boolean } | undefined;
  // 別表 state
  let appdx: CorpusNode | undefined;
  let group: CorpusNode | undefined;
  let entry: CorpusNode | undefined;
  let form: CorpusNode | undefined;

  const nextNonEmpty = (i: number): string | undefined => {
    for (let j = i + 1; j < lines.length; j++) if (lines[j].trim() !== '') return lines[j];
    return undefined;
  };
  const artTuple = (m: RegExpExecArray) => [Number(m[1]), ...(m[2] ? m[2].split('の').slice(1).map(Number) : [])];
  /** is this line the start of a new article (number beyond the last one)? */
  const isArticleLine = (s: string | undefined): boolean => {
    if (s === undefined || (mode !== 'main' && mode !== 'suppl')) return false;
    const m = ART_RE.exec(s);
    return !!m && (!lastArt || cmpTuple(artTuple(m), lastArt) > 0);
  };
  const paraContainer = () => art ?? suppl;
  const isParagraphLine = (s: string | undefined): boolean => {
    if (s === undefined || !paraContainer()) return false;
    const m = PARA_RE.exec(s);
    if (!m) return false;
    const expected = paraContainer()!.children.filter((c) => byId.get(c)!.kind === 'Paragraph').length + 1;
    return Number(m[1]) === expected;
  };
  const resetBelowArticle = () => {
    para = item = sub = table = undefined;
    tableWanted = false;
    tableCount = 0;
    subRun = undefined;
  };
  const resetBelowParagraph = () => {
    item = sub = table = undefined;
    subRun = undefined;
  };
  const articleParent = () => suppl ?? section ?? chapter ?? law;

  function startParagraph(n: number, container: CorpusNode, num: number, written: string | undefined, text: string, ownsLine: boolean) {
    resetBelowParagraph();
    tableWanted = false;
    tableCount = 0;
    para = add(container, {
      id: `${container.id}-P${num}`,
      kind: 'Paragraph',
      num,
      ...(written !== undefined ? { numWritten: written } : {}),
      text,
      lines: ownsLine ? [n] : [],
    });
    if (TABLE_INTRO_RE.test(text)) tableWanted = true;
  }

  function takeCaption(n: number): { caption?: string; line?: number } {
    if (!caption) return {};
    const c = caption;
    if (!c.used) {
      c.used = true;
      return { caption: c.text, line: c.line };
    }
    // a shared caption heads consecutive articles: inherit the text, not the line
    void n;
    return { caption: c.text };
  }

  for (let i = 0; i < lines.length; i++) {
    const n = i + 1;
    const s = lines[i];
    if (s.trim() === '') {
      table = undefined;
      tableWanted = false;
      continue;
    }

    // ── head: title, law number, preamble ──
    if (mode === 'head') {
      if (n === 1) {
        law.text = s;
        law.label = s;
        law.lines.push(n);
        continue;
      }
      if (/^(平成|昭和|令和)\d+年\S+第\d+号$/.test(s) && law.lines.length === 1) {
        law.text += '\n' + s;
        law.lines.push(n);
        continue;
      }
      if (!CHAPTER_RE.test(s)) {
        add(law, { id: 'Preamble', kind: 'Preamble', text: s, lines: [n], label: '制定文' });
        continue;
      }
      mode = 'main';
    }

    // ── structural lines that end any table ──
    let m: RegExpExecArray | null;
    if (mode === 'main' && !table && (m = CHAPTER_RE.exec(s))) {
      section = undefined;
      art = undefined;
      resetBelowArticle();
      caption = undefined;
      chapter = add(law, { id: `Ch${m[1]}`, kind: 'Chapter', num: Number(m[1]), numWritten: m[1], caption: m[2], text: m[2], lines: [n], label: `第${m[1]}章` });
      continue;
    }
    if (mode === 'main' && !table && (m = SECTION_RE.exec(s)) && chapter) {
      art = undefined;
      resetBelowArticle();
      caption = undefined;
      section = add(chapter, {
        id: `${chapter.id}-Se${m[1]}`,
        kind: 'Section',
        num: Number(m[1]),
        numWritten: m[1],
        caption: m[2],
        text: m[2],
        lines: [n],
        label: `${chapter.label}第${m[1]}節`,
      });
      continue;
    }
    if ((mode === 'main' || mode === 'forms') && !(table || tableWanted) && (m = FORM_RE.exec(s))) {
      mode = 'forms';
      art = undefined;
      resetBelowArticle();
      form = add(law, { id: `F${m[1]}`, kind: 'Form', num: Number(m[1]), numWritten: m[1], text: s, lines: [n], label: `様式第${m[1]}号` });
      continue;
    }
    if (mode === 'forms' && form && s === '[画像]' && form.lines.length === 1) {
      form.text += '\n' + s;
      form.lines.push(n);
      continue;
    }
    if ((mode === 'main' || mode === 'forms' || mode === 'appdx') && (m = APPDX_RE.exec(s))) {
      mode = 'appdx';
      art = undefined;
      resetBelowArticle();
      group = entry = undefined;
      appdx = add(law, { id: `T${m[1]}`, kind: 'AppdxTable', num: Number(m[1]), numWritten: m[1], text: s, lines: [n], label: `別表第${m[1]}` });
      continue;
    }
    if ((m = SUPPL_RE.exec(s))) {
      mode = 'suppl';
      chapter = section = art = undefined;
      resetBelowArticle();
      caption = undefined;
      lastArt = undefined;
      if (!m[1]) {
        suppl = add(law, { id: 'SP', kind: 'SupplProvision', text: s, lines: [n], label: '附則' });
      } else {
        const am = /^((平成|昭和|令和)(\d+|元)年\d+月\d+日)\S*?第(\d+)号$/.exec(m[1]);
        if (!am) throw new Error(`ordinance.txt:${n}: cannot read the amending ordinance in ${s}`);
        const year = am[3] === '元' ? 1 : Number(am[3]);
        const id = `SP-${ERA_LETTER[am[2]]}${year}-${am[4]}`;
        suppl = add(law, {
          id,
          kind: 'SupplProvision',
          text: s,
          lines: [n],
          label: `附則(${m[1]})`,
          amendment: { date: eraDateToIso(am[1])!, era: am[1], number: Number(am[4]), title: m[1] },
        });
      }
      idPrefix = `${suppl.id}-`;
      continue;
    }

    // ── appended tables (別表) ──
    if (mode === 'appdx' && appdx) {
      if (appdx.num === 2 && (s === '毒薬' || s === '劇薬')) {
        const key = s === '毒薬' ? 'DOKU' : 'GEKI';
        group = add(appdx, { id: `${appdx.id}-${key}`, kind: 'AppdxTableGroup', text: s, lines: [n], label: `${appdx.label}${s}` });
        entry = undefined;
        continue;
      }
      const parent = group ?? appdx;
      const entryCount = parent.children.filter((c) => byId.get(c)!.kind === 'AppdxTableEntry').length;
      if ((m = SUB2_RE.exec(s)) && entry) {
        const k = Number(m[1]);
        const expected = entry.children.length + 1;
        if (k !== expected) warn(n, `sub-entry (${k}) where (${expected}) was expected`);
        add(entry, { id: `${entry.id}-E${k}`, kind: 'AppdxTableEntry', num: k, numWritten: `(${k})`, text: m[2], lines: [n], label: `${entry.label}(${k})` });
        continue;
      }
      if ((m = KANJI_ITEM_RE.exec(s))) {
        const k = kanjiToInt(m[1])!;
        if (k !== entryCount + 1) warn(n, `entry ${m[1]} where ${entryCount + 1} was expected`);
        entry = add(parent, { id: `${parent.id}-E${k}`, kind: 'AppdxTableEntry', num: k, numWritten: m[1], text: m[2], lines: [n], label: `${parent.label}第${k}号` });
        continue;
      }
      if (s.startsWith(' ')) {
        const k = entryCount + 1;
        entry = add(parent, { id: `${parent.id}-E${k}`, kind: 'AppdxTableEntry', num: k, numRestored: true, text: s.slice(1), lines: [n], label: `${parent.label}第${k}号` });
        continue;
      }
      if (entryCount === 0 && !group) {
        add(appdx, { id: `${appdx.id}-H`, kind: 'AppdxTableHead', text: s, lines: [n], label: `${appdx.label}(柱書)` });
        continue;
      }
      warn(n, `unrecognised line in ${appdx.label}: ${s.slice(0, 30)}`);
      continue;
    }

    if (mode === 'forms') {
      warn(n, `unrecognised line among the forms: ${s.slice(0, 30)}`);
      continue;
    }

    // ── captions ──
    if (
      (m = CAPTION_RE.exec(s)) &&
      (isArticleLine(nextNonEmpty(i)) ||
        // a caption over a paragraph of a 附則 without articles
        (mode === 'suppl' && !art && !table && !tableWanted && !(nextNonEmpty(i) ?? ' ').startsWith(' ')))
    ) {
      caption = { text: m[1], line: n, used: false };
      table = undefined;
      tableWanted = false;
      continue;
    }

    // ── articles ──
    if (isArticleLine(s)) {
      m = ART_RE.exec(s)!;
      const tuple = artTuple(m);
      lastArt = tuple;
      resetBelowArticle();
      const written = `${m[1]}${m[2] ?? ''}`;
      const id = `${idPrefix}A${tuple.join('_')}`;
      const body = m[3] ?? '';
      const deleted = body === '削除';
      // a deleted article does not inherit the caption of the articles before it
      const cap = deleted && caption?.used ? {} : takeCaption(n);
      if (deleted && caption?.used) caption = undefined;
      const label = `${suppl ? suppl.label : ''}第${m[1]}条${m[2] ?? ''}`;
      art = add(articleParent(), {
        id,
        kind: 'Article',
        num: tuple[0],
        branch: tuple.slice(1),
        numWritten: written,
        ...(cap.caption !== undefined ? { caption: cap.caption } : {}),
        text: deleted ? body : '',
        lines: [...(cap.line !== undefined ? [cap.line] : []), ...(deleted ? [n] : [])],
        label,
        ...(deleted ? { deleted: true } : {}),
      });
      if (!deleted) startParagraph(n, art, 1, undefined, body, true);
      continue;
    }

    // ── paragraphs ──
    if (isParagraphLine(s)) {
      m = PARA_RE.exec(s)!;
      const container = paraContainer()!;
      startParagraph(n, container, Number(m[1]), m[1], m[2], true);
      if (caption && !caption.used && container.kind === 'SupplProvision') {
        para!.caption = caption.text;
        para!.lines.unshift(caption.line);
        caption.used = true;
      }
      continue;
    }

    // ── tables inside a paragraph ──
    if ((table || tableWanted) && para) {
      if (!table) {
        tableCount++;
        table = add(para, { id: `${para.id}-TB${tableCount}`, kind: 'Table', num: tableCount, text: '', lines: [] });
      }
      const r = table.children.length + 1;
      add(table, { id: `${table.id}-R${r}`, kind: 'TableRow', num: r, text: s, lines: [n], cells: s.split(' ') });
      continue;
    }

    // ── unnumbered paragraph directly under a 附則 ──
    if (suppl && !art && !para && !s.startsWith(' ')) {
      startParagraph(n, suppl, 1, undefined, s, true);
      if (caption && !caption.used) {
        para!.caption = caption.text;
        para!.lines.unshift(caption.line);
        caption.used = true;
      }
      continue;
    }

    // ── level-2 subitems (1)(2) ──
    if ((m = SUB2_RE.exec(s)) && (sub || item)) {
      const parent = (sub ?? item)!;
      const k = Number(m[1]);
      const expected = parent.children.length + 1;
      if (k !== expected) warn(n, `(${k}) where (${expected}) was expected`);
      add(parent, { id: `${parent.id}-S${k}`, kind: 'Subitem', num: k, numWritten: `(${k})`, text: m[2], lines: [n] });
      continue;
    }

    // ── items and subitems ──
    const km = KANJI_ITEM_RE.exec(s);
    if ((s.startsWith(' ') || km) && para) {
      const text = km ? km[2] : s.slice(1);
      let asSub = false;
      if (subRun && item) {
        if (subRun.remaining !== undefined) asSub = subRun.remaining > 0;
        else asSub = !SIBLING_INTRO_RE.test(text) && !km;
      }
      if (asSub && item) {
        const k = item.children.filter((c) => byId.get(c)!.kind === 'Subitem').length + 1;
        sub = add(item, { id: `${item.id}-S${k}`, kind: 'Subitem', num: k, numRestored: true, text, lines: [n] });
        if (subRun!.remaining !== undefined) subRun!.remaining--;
        continue;
      }
      const k = para.children.filter((c) => byId.get(c)!.kind === 'Item').length + 1;
      let num = k;
      if (km) {
        num = kanjiToInt(km[1])!;
        if (num !== k) warn(n, `item ${km[1]} where ${k} was expected`);
      }
      sub = undefined;
      item = add(para, {
        id: `${para.id}-I${num}`,
        kind: 'Item',
        num,
        ...(km ? { numWritten: km[1] } : { numRestored: true }),
        text,
        lines: [n],
      });
      subRun = undefined;
      const h = hints.subitems?.[item.id];
      if (h || INTRO_RE.test(text) || subitemCountFromText(text) !== undefined) {
        if (h) hintsUsed.push(item.id);
        subRun = { remaining: h?.count ?? subitemCountFromText(text) };
      }
      continue;
    }

    warn(n, `unrecognised line: ${s.slice(0, 40)}`);
  }

  finish(nodes, byId, warnings);
  return { nodes, warnings, hintsUsed };
}

/** Labels, breadcrumbs, normalised text and form relations, once the tree is complete. */
function finish(nodes: CorpusNode[], byId: Map<string, CorpusNode>, warnings: string[]): void {
  const paragraphs = (n: CorpusNode) => n.children.filter((c) => byId.get(c)!.kind === 'Paragraph');
  for (const node of nodes) {
    const parent = node.parent ? byId.get(node.parent) : undefined;
    switch (node.kind as NodeKind) {
      case 'Paragraph':
        node.label = `${parent!.label}第${node.num}項`;
        break;
      case 'Item': {
        const container = byId.get(parent!.parent!)!;
        const base = paragraphs(container).length === 1 && container.kind === 'Article' ? container.label : parent!.label;
        node.label = `${base}第${node.num}号`;
        break;
      }
      case 'Subitem':
        node.label = parent!.kind === 'Subitem' ? `${parent!.label}(${node.num})` : `${parent!.label}${intToIroha(node.num!)}`;
        if (node.numRestored) node.numWritten = undefined;
        break;
      case 'Table': {
        const count = parent!.children.filter((c) => byId.get(c)!.kind === 'Table').length;
        node.label = `${parent!.label}の表${count > 1 ? node.num : ''}`;
        break;
      }
      case 'TableRow':
        node.label = `${parent!.label}第${node.num}行`;
        break;
      default:
        break;
    }
    const crumbs = parent ? [...parent.breadcrumb, { id: parent.id, label: parent.label, ...(parent.caption ? { caption: parent.caption } : {}) }] : [];
    node.breadcrumb = crumbs;
    node.norm = normalize(node.text);
    if (node.numWritten === undefined) delete node.numWritten;
  }
  // forms: the articles they relate to
  const articleByLabel = new Map(nodes.filter((n) => n.kind === 'Article' && !n.id.startsWith('SP')).map((n) => [n.label, n.id]));
  for (const node of nodes) {
    if (node.kind !== 'Form') continue;
    const m = /\((.*)関係\)/.exec(node.text);
    if (!m) continue;
    const rel: string[] = [];
    for (const part of m[1].split('、')) {
      const id = articleByLabel.get(part);
      if (id) rel.push(id);
      else warnings.push(`ordinance.txt:${node.lines[0]}: ${node.label} relates to ${part}, which does not exist`);
    }
    node.relatedArticles = rel;
  }
}

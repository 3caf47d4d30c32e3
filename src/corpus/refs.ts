/**
 * Cross-references in node texts: `第91条の3第2項第1号イ`, `前条`, `次条`, `同条第2項`, `前項`,
 * `前2項`, `同項第3号`, `前各号`, `別表第3`, `別記様式第16号`, `附則第8条`, ranges
 * `第24条から第34条まで`, and references into other laws (`法第12条` → law `法`, `令第22条` → `令`,
 * `施行規則別表第3` → `施行規則`, `家畜伝染病予防法第47条` → that law).
 *
 * Rules (docs/corpus.md):
 * - a reference preceded by a law name (… 法 / 令 / 規則) is external to that law; a bare one that
 *   follows another reference with only connectors between (、 及び 又は 若しくは 並びに から まで
 *   parentheses) continues it: `法第12条、第13条` are both 法's, `第36条及び第37条(第3号…)` → 第37条第3号;
 * - 同条/同項/同号 refer to the previous reference in the same text; 前条/次条/前項/次項/前号/次号/
 *   前N項/前各号 to the citing node's position;
 * - a range `第A条から第B条まで` also yields one reference per provision between A and B (same
 *   `text`, the whole range) so that incoming references find them;
 * - law numbers (`平成14年法律第96号`, `農林水産省令第37号`) are not references.
 */
import type { CorpusNode, Reference } from './model.js';
import { parseNumber } from './numerals.js';

const N = '(?:\\d+|[一二三四五六七八九十百千]+)';
const SUB_LETTERS = 'イロハニホヘトチリヌルヲワカヨタレソツネナラムウノオクヤマケフコエテアサキユメミシヒモセス';

const HEAD_RE = new RegExp(
  [
    `(?<rel>前条|次条|同条|前各項|前項|次項|同項|前各号|前号|次号|同号|前(?<relN>${N})(?<relU>項|号))`,
    `(?<sp>附則)?第(?<a>${N})条(?<ab>(?:の${N})*)`,
    `第(?<p>${N})項`,
    `第(?<i>${N})号(?<ib>(?:の${N})*)`,
    `別表第(?<t>${N})`,
    `(?:別記)?様式第(?<f>${N})号`,
  ].join('|'),
  'gu',
);
const TAIL_PARA = new RegExp(`^第(${N})項`, 'u');
const TAIL_ITEM = new RegExp(`^第(${N})号((?:の${N})*)`, 'u');
const TAIL_SUB = new RegExp(`^([${SUB_LETTERS}])(?![\\u30A1-\\u30FC])`, 'u');
const TAIL_SUB2 = /^\((\d+)\)/;
const TAIL_KAKUGO = /^各号/;
/** what may separate two references of one enumeration */
const CONNECTOR_RE = /^(?:、|及び|又は|若しくは|並びに|から|まで|各号|において準用する|\(|\)|のうち[^、。()]{1,10}、|並びに同表[^、。()]{1,10}の項)*$/u;
/** the run of kanji/katakana just before a reference (where a law name would be) */
const RUN_BEFORE_RE = /[\u4E00-\u9FFF\u3005\u30A1-\u30FC]+$/u;
/** law names as they occur before a reference (longest first) */
const LAW_NAMES = [
  '医薬品医療機器等法', '家畜伝染病予防法', '薬事法施行令', '新々薬事法', '旧薬事法', '新薬事法', '薬事法',
  '動物用医薬品等取締規則', '施行規則', '新規則', '旧規則', '同規則', '改正法', '旧法', '新法', '同法', '他法',
  '法律', '法', '令', '規則',
];
/** full titles written out before a reference, and the short name the ordinance defines for them */
const LAW_FULL_NAMES: [string, string][] = [
  ['医薬品、医療機器等の品質、有効性及び安全性の確保等に関する法律施行規則', '施行規則'],
  ['医薬品、医療機器等の品質、有効性及び安全性の確保等に関する法律施行令', '令'],
  ['医薬品、医療機器等の品質、有効性及び安全性の確保等に関する法律', '法'],
];
const LAW_NUMBER_RUN_RE = /(?:法律|政令|省令|勅令|告示)$/u;
/** `…法律(以下「法」という。)第5条`: the law is the term just defined */
const DEFINED_LAW_BEFORE_RE = /「([^「」]*(?:法|令|規則))」という。\)$/u;
/** `獣医療法(平成4年法律第46号)第2条`: a law name with its number in parentheses */
const LAW_WITH_NUMBER_BEFORE_RE = /([^、。「」()\s]*(?:法律|法|令|規則))\((?:明治|大正|昭和|平成|令和)[^()]*第\d+号\)$/u;

interface Parsed {
  start: number;
  end: number;
  law?: string;
  relative?: boolean;
  /** head kind */
  rel?: string;
  relN?: number;
  relU?: string;
  sp?: boolean;
  art?: number[];
  para?: number;
  item?: number[];
  kakugo?: boolean;
  sub?: number;
  sub2?: number;
  appdx?: number;
  form?: number;
}

const num = (s: string) => parseNumber(s)!;
const branchOf = (s: string | undefined) => (s ? s.split('の').slice(1).map(num) : []);

/** Scans a text for references (not yet resolved). */
export function scanReferences(text: string): Parsed[] {
  const out: Parsed[] = [];
  HEAD_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = HEAD_RE.exec(text))) {
    const g = m.groups!;
    const p: Parsed = { start: m.index, end: m.index + m[0].length };
    if (g.rel) {
      p.relative = true;
      p.rel = g.relN ? `前N${g.relU}` : g.rel;
      if (g.relN) p.relN = num(g.relN);
    } else if (g.a) {
      p.art = [num(g.a), ...branchOf(g.ab)];
      if (g.sp) p.sp = true;
    } else if (g.p) p.para = num(g.p);
    else if (g.i) p.item = [num(g.i), ...branchOf(g.ib)];
    else if (g.t) p.appdx = num(g.t);
    else if (g.f) p.form = num(g.f);
    // tails
    let rest = text.slice(p.end);
    const eat = (re: RegExp): RegExpExecArray | null => {
      const t = re.exec(rest);
      if (t) {
        p.end += t[0].length;
        rest = rest.slice(t[0].length);
      }
      return t;
    };
    let t: RegExpExecArray | null;
    const canPara = p.art !== undefined || p.rel === '前条' || p.rel === '次条' || p.rel === '同条';
    if (canPara && (t = eat(TAIL_PARA))) p.para = num(t[1]);
    const canItem = canPara || p.para !== undefined || ['前項', '次項', '同項'].includes(p.rel ?? '');
    if (canItem && (t = eat(TAIL_ITEM))) p.item = [num(t[1]), ...branchOf(t[2])];
    else if (canItem && eat(TAIL_KAKUGO)) p.kakugo = true;
    const canSub = p.item !== undefined || ['前号', '次号', '同号'].includes(p.rel ?? '');
    if (canSub && (t = eat(TAIL_SUB))) {
      p.sub = SUB_LETTERS.indexOf(t[1]) + 1;
      if ((t = eat(TAIL_SUB2))) p.sub2 = Number(t[1]);
    }
    if (p.appdx !== undefined && (t = eat(TAIL_ITEM))) p.item = [num(t[1])];
    HEAD_RE.lastIndex = p.end;
    // law name before the reference
    const head = text.slice(0, p.start);
    const alias = !p.relative ? LAW_FULL_NAMES.find(([full]) => head.endsWith(full)) : undefined;
    if (alias) {
      p.law = alias[1];
      p.start -= alias[0].length;
      out.push(p);
      continue;
    }
    const defined = DEFINED_LAW_BEFORE_RE.exec(head);
    if (!p.relative && defined) {
      p.law = defined[1];
      out.push(p);
      continue;
    }
    const numbered = LAW_WITH_NUMBER_BEFORE_RE.exec(head);
    if (!p.relative && numbered && !/^(?:法律|政令|省令|勅令)$/u.test(numbered[1])) {
      p.law = numbered[1];
      p.start -= numbered[0].length;
      out.push(p);
      continue;
    }
    const before = RUN_BEFORE_RE.exec(head)?.[0] ?? '';
    if (!p.relative && before) {
      if (LAW_NUMBER_RUN_RE.test(before) && p.item && p.art === undefined && p.para === undefined) continue; // 平成14年法律第96号
      const name = LAW_NAMES.find((l) => before.endsWith(l));
      if (name) {
        // an unknown 〇〇法 / 〇〇令 / 〇〇規則: take the whole run as its name
        const full = ['法', '令', '規則'].includes(name) && before.length > name.length && !/[中同及又並]$/u.test(before.slice(0, -name.length)) ? before : name;
        if (full.endsWith('省令') || full.endsWith('政令') || full.endsWith('法律')) {
          if (p.art === undefined) continue;
        }
        p.law = full;
        p.start -= full.length;
      }
    }
    out.push(p);
  }
  return out;
}

/** Where a node sits: its article (or 附則 holding paragraphs directly), paragraph, item. */
interface Position {
  provision: string; // 'main' or the 附則 id
  article?: CorpusNode;
  paragraph?: CorpusNode;
  item?: CorpusNode;
  container?: CorpusNode; // article, or a 附則 with direct paragraphs
  inTable: boolean;
}

export interface RefIndex {
  byId: Map<string, CorpusNode>;
  /** provision → articles in order */
  articles: Map<string, CorpusNode[]>;
}

export function buildRefIndex(nodes: CorpusNode[]): RefIndex {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const articles = new Map<string, CorpusNode[]>();
  for (const n of nodes) {
    if (n.kind !== 'Article') continue;
    const prov = n.id.startsWith('SP') ? n.parent! : 'main';
    articles.set(prov, [...(articles.get(prov) ?? []), n]);
  }
  return { byId, articles };
}

function positionOf(node: CorpusNode, ix: RefIndex): Position {
  const pos: Position = { provision: 'main', inTable: false };
  let cur: CorpusNode | undefined = node;
  while (cur) {
    if (cur.kind === 'Item' && !pos.item) pos.item = cur;
    if (cur.kind === 'Paragraph' && !pos.paragraph) pos.paragraph = cur;
    if (cur.kind === 'Table' || cur.kind === 'TableRow') pos.inTable = true;
    if (cur.kind === 'Article' && !pos.article) pos.article = cur;
    if (cur.kind === 'SupplProvision') pos.provision = cur.id;
    cur = cur.parent ? ix.byId.get(cur.parent) : undefined;
  }
  pos.container = pos.article ?? (pos.paragraph ? ix.byId.get(pos.paragraph.parent!) : undefined);
  return pos;
}

const childrenOfKind = (n: CorpusNode, kind: string, ix: RefIndex) => n.children.map((c) => ix.byId.get(c)!).filter((c) => c.kind === kind);

/** item id under a paragraph or an article (P1 implied) */
function itemUnder(container: CorpusNode, item: number[], ix: RefIndex): string | undefined {
  const para = container.kind === 'Paragraph' ? container : ix.byId.get(`${container.id}-P1`);
  if (!para) return undefined;
  const id = `${para.id}-I${item[0]}${item.slice(1).map((b) => `_${b}`).join('')}`;
  return ix.byId.has(id) ? id : undefined;
}

interface Resolved {
  targets: string[];
  /** context for continuation and 同条/同項 */
  art?: string;
  para?: string;
  item?: string;
  law?: string;
}

/** Finds and resolves the references in one node's text. */
export function findReferences(node: CorpusNode, _byId: Map<string, CorpusNode>, nodes: CorpusNode[], index?: RefIndex): Reference[] {
  if (!node.text) return [];
  const ix = index ?? (cachedIndex.nodes === nodes ? cachedIndex.ix! : ((cachedIndex.nodes = nodes), tableCarry.clear(), tableApplied.clear(), articleTextCache.clear(), (cachedIndex.ix = buildRefIndex(nodes))));
  const pos = positionOf(node, ix);
  const parsed = scanReferences(node.text);
  const out: Reference[] = [];
  type Prev = Resolved & { end: number; external: boolean; depth: number };
  // 同条/同項 in a continuation row of a table refer back to the rows above
  const carried = node.kind === 'TableRow' ? tableCarry.get(node.parent!) : undefined;
  let prev: Prev | undefined = carried;
  /** the last reference naming an article (for 同条/同項), skipping forms and 別表 */
  let prevArt: Prev | undefined = carried;
  /** the last reference naming a paragraph / an item (for 同項 / 同号) */
  let prevPara: Prev | undefined = carried;
  let prevItem: Prev | undefined = carried;
  const done: Prev[] = [];
  let rowLaw: string | undefined;
  let provisionNoted = false;
  /** the first reference in the provision column of a 3-column row names the provision being applied */
  const noteProvision = (p: Parsed, target: string | undefined) => {
    if (node.kind !== 'TableRow' || provisionNoted || !isProvisionCell(node, p.start)) return;
    provisionNoted = true;
    if (target) tableApplied.set(node.parent!, target);
    else tableApplied.delete(node.parent!);
  };

  for (let k = 0; k < parsed.length; k++) {
    const p = parsed[k];
    const depth = parenDepth(node.text, p.start);
    // the reference this one continues: the last one at the same depth, joined by connectors only
    let cont: Prev | undefined;
    for (let j = done.length - 1; j >= 0; j--) {
      if (done[j].depth > depth) continue;
      // same depth, or the parenthesis just opened after it: `第37条(第3号及び第4号を除く。)`
      if (isConnectorGap(node.text.slice(done[j].end, p.start))) cont = done[j];
      break;
    }
    const continues = cont !== undefined && !p.law && !p.relative;
    let law = p.law;
    if (!law && continues && cont!.external) law = cont!.law;
    // `旧規則第106条中「第2号、第4号及び第5号」とあるのは…`: quoted references belong to the provision being amended
    if (!law && !p.relative && prevArt?.external && /中「[^」]*$|とあるのは「[^」]*$/u.test(node.text.slice(0, p.start))) law = prevArt.law;
    const antecedent = p.rel === '同項' ? prevPara ?? prevArt : p.rel === '同号' ? prevItem ?? prevPara ?? prevArt : prevArt;
    if (p.relative && (p.rel === '同条' || p.rel === '同項' || p.rel === '同号') && antecedent?.external) law = antecedent.law;
    if (law === '同法' && prevArt?.external) law = prevArt.law;
    const text = node.text.slice(p.start, p.end);
    const inWording = node.kind === 'TableRow' && !isProvisionCell(node, p.start);
    // a wording fragment of a 読み替え row (`第36条の10第3項`) is the provision being applied's own
    // reference: when that provision writes it as `法第36条の10第3項`, it is the Act's
    if (!law && inWording && !p.relative && p.art) {
      const applied = tableApplied.get(node.parent!);
      const hay = applied ? articleText(applied, ix) : '';
      const found = ['法', '令'].find((l) => hay.includes(`${l}${text}`));
      if (found) {
        law = found;
        rowLaw = found;
      }
    }
    if (law) {
      out.push({ text, offset: p.start, kind: 'external', law, ...(p.relative ? { relative: true } : {}) });
      prev = { targets: [], end: p.end, external: true, law, depth };
      done.push(prev);
      if (p.art || p.rel === '同条' || p.rel === '同項') prevArt = prev;
      if (p.para !== undefined || p.rel === '同項' || p.rel === '前項' || p.rel === '次項') prevPara = prev;
      if (p.item !== undefined || p.rel === '同号') prevItem = prev;
      noteProvision(p, undefined);
      continue;
    }
    // in a 読み替え row, relative references in the wording columns are relative to the provision being applied
    const applied = inWording && p.relative ? tableApplied.get(node.parent!) : undefined;
    const r = resolveInternal(p, applied ? positionOf(ix.byId.get(applied)!, ix) : pos, continues ? cont : undefined, antecedent, ix, node);
    noteProvision(p, r.targets[0]);
    if (!r.targets.length && inWording && rowLaw && !p.relative && p.art) {
      // the rest of a row whose wording was shown to be the Act's: `第36条の10第7項において準用する…`
      out.push({ text, offset: p.start, kind: 'external', law: rowLaw });
      prev = { targets: [], end: p.end, external: true, law: rowLaw, depth };
      done.push(prev);
      prevArt = prevPara = prevItem = prev;
      continue;
    }
    const base: Reference = { text, offset: p.start, kind: 'internal', ...(p.relative ? { relative: true } : {}) };
    if (!r.targets.length) out.push(base);
    for (const t of r.targets) out.push({ ...base, target: t });
    // a range 第A条から第B条まで / 第A号から第B号まで: the provisions between
    const next = parsed[k + 1];
    if (next && node.text.slice(p.end, next.start) === 'から' && node.text.slice(next.end, next.end + 2) === 'まで' && !next.law) {
      const r2 = resolveInternal(next, pos, r, r, ix, node);
      if (r.targets.length === 1 && r2.targets.length === 1) {
        const between = provisionsBetween(r.targets[0], r2.targets[0], ix);
        const rangeText = node.text.slice(p.start, next.end + 2);
        for (const t of between) out.push({ text: rangeText, offset: p.start, kind: 'internal', target: t });
      }
    }
    prev = { ...r, end: p.end, external: false, depth };
    done.push(prev);
    if (r.art || r.para) prevArt = prev;
    if (r.para) prevPara = prev;
    if (r.item) prevItem = prev;
  }
  if (node.kind === 'TableRow' && prevArt) tableCarry.set(node.parent!, prevArt);
  return out;
}

/** the text of the article holding a node (all its nodes), cached */
function articleText(id: string, ix: RefIndex): string {
  let n = ix.byId.get(id);
  while (n && n.kind !== 'Article' && n.parent) n = ix.byId.get(n.parent);
  if (!n) return '';
  const hit = articleTextCache.get(n.id);
  if (hit !== undefined) return hit;
  const parts: string[] = [];
  const walk = (x: CorpusNode) => {
    parts.push(x.text);
    for (const c of x.children) walk(ix.byId.get(c)!);
  };
  walk(n);
  const text = parts.join('\n');
  articleTextCache.set(n.id, text);
  return text;
}
const articleTextCache = new Map<string, string>();

/** table id → the provision named by the last row's first column (for the wording columns) */
const tableApplied = new Map<string, string>();

/** is this offset in the first column of a three-column row (the provision column)? */
function isProvisionCell(row: CorpusNode, offset: number): boolean {
  const cells = row.cells ?? [];
  return cells.length >= 3 && offset < cells[0].length;
}

const tableCarry = new Map<string, Resolved & { end: number; external: boolean; depth: number }>();

function parenDepth(text: string, at: number): number {
  let d = 0;
  for (let i = 0; i < at; i++) {
    if (text[i] === '(') d++;
    else if (text[i] === ')') d = Math.max(0, d - 1);
  }
  return d;
}

/** connectors only, once balanced parentheticals (`(第2号を除く。)`) are removed */
function isConnectorGap(gap: string): boolean {
  let g = gap;
  for (let k = 0; k < 4; k++) g = g.replace(/\([^()]*\)/gu, '');
  return CONNECTOR_RE.test(g) || /^[\u4E00-\u9FFF\u30A1-\u30FC]*の項$/u.test(g);
}

const cachedIndex: { nodes?: CorpusNode[]; ix?: RefIndex } = {};

/** siblings strictly between two nodes with the same parent (articles: same provision) */
function provisionsBetween(a: string, b: string, ix: RefIndex): string[] {
  const na = ix.byId.get(a)!;
  const nb = ix.byId.get(b)!;
  if (na.kind !== nb.kind) return [];
  let list: CorpusNode[];
  if (na.kind === 'Article') {
    const prov = na.id.startsWith('SP') ? na.parent! : 'main';
    list = ix.articles.get(prov) ?? [];
  } else {
    if (na.parent !== nb.parent) return [];
    list = ix.byId.get(na.parent!)!.children.map((c) => ix.byId.get(c)!);
  }
  const i = list.findIndex((n) => n.id === a);
  const j = list.findIndex((n) => n.id === b);
  if (i < 0 || j < 0 || j <= i) return [];
  return list.slice(i + 1, j).filter((n) => n.kind === na.kind).map((n) => n.id);
}

function resolveInternal(
  p: Parsed,
  pos: Position,
  cont: Resolved | undefined,
  prev: Resolved | undefined,
  ix: RefIndex,
  node: CorpusNode,
): Resolved {
  const get = (id: string | undefined) => (id ? ix.byId.get(id) : undefined);
  const provArticles = ix.articles.get(pos.provision) ?? [];
  const articleAt = (delta: number): CorpusNode | undefined => {
    if (!pos.article) return undefined;
    const i = provArticles.indexOf(pos.article);
    return i < 0 ? undefined : provArticles[i + delta];
  };
  const finish = (artNode: CorpusNode | undefined, r: Resolved): Resolved => {
    // descend into paragraph/item/subitem
    let para: CorpusNode | undefined = r.para ? get(r.para) : undefined;
    if (artNode && p.para !== undefined) para = get(`${artNode.id}-P${p.para}`);
    if (artNode && p.para !== undefined && !para) return { targets: [], art: artNode.id };
    let item: string | undefined;
    if (p.item) {
      const host = para ?? artNode;
      item = host ? itemUnder(host, p.item, ix) : undefined;
      if (!item) return { targets: [], art: artNode?.id, para: para?.id };
    }
    let target = item ?? para?.id ?? artNode?.id;
    if (item && p.sub) {
      const s = `${item}-S${p.sub}${p.sub2 ? `-S${p.sub2}` : ''}`;
      target = ix.byId.has(s) ? s : undefined;
    }
    return { targets: target ? [target] : [], art: artNode?.id, para: para?.id, item };
  };

  if (p.appdx !== undefined) {
    const t = `T${p.appdx}`;
    const e = p.item ? `${t}-E${p.item[0]}` : undefined;
    const target = e && ix.byId.has(e) ? e : ix.byId.has(t) ? t : undefined;
    return { targets: target ? [target] : [] };
  }
  if (p.form !== undefined) return { targets: ix.byId.has(`F${p.form}`) ? [`F${p.form}`] : [] };

  if (p.art) {
    const key = `A${p.art.join('_')}`;
    let artId: string | undefined;
    if (p.sp) artId = pos.provision !== 'main' ? `${pos.provision}-${key}` : `SP-${key}`;
    else if (pos.provision === 'main' || pos.inTable) artId = key;
    else artId = undefined; // a bare 第N条 in an amending 附則 names the amending ordinance's own article
    const artNode = get(artId);
    if (!artNode) return { targets: [] };
    return finish(artNode, { targets: [] });
  }

  if (p.rel) {
    switch (p.rel) {
      case '前条':
      case '次条':
        return finish(articleAt(p.rel === '前条' ? -1 : 1), { targets: [] });
      case '同条':
        return finish(get(prev?.art), { targets: [] });
      case '前項':
      case '次項':
      case '同項': {
        let para: CorpusNode | undefined;
        if (p.rel === '同項') para = get(prev?.para);
        else if (pos.paragraph && pos.container) {
          const paras = childrenOfKind(pos.container, 'Paragraph', ix);
          para = paras[paras.indexOf(pos.paragraph) + (p.rel === '前項' ? -1 : 1)];
        }
        if (!para) return { targets: [] };
        return finish(undefined, { targets: [], para: para.id });
      }
      case '前各項':
      case '前N項': {
        if (!pos.paragraph || !pos.container) return { targets: [] };
        const paras = childrenOfKind(pos.container, 'Paragraph', ix);
        const i = paras.indexOf(pos.paragraph);
        const from = p.rel === '前各項' ? 0 : Math.max(0, i - p.relN!);
        return { targets: paras.slice(from, i).map((x) => x.id) };
      }
      case '前号':
      case '次号':
      case '同号': {
        let item: CorpusNode | undefined;
        if (p.rel === '同号') item = get(prev?.item);
        else if (pos.item && pos.paragraph) {
          const items = childrenOfKind(pos.paragraph, 'Item', ix);
          item = items[items.indexOf(pos.item) + (p.rel === '前号' ? -1 : 1)];
        }
        if (!item) return { targets: [] };
        if (p.sub) {
          const s = `${item.id}-S${p.sub}${p.sub2 ? `-S${p.sub2}` : ''}`;
          return { targets: ix.byId.has(s) ? [s] : [], item: item.id };
        }
        return { targets: [item.id], item: item.id, para: item.parent };
      }
      case '前各号':
      case '前N号': {
        if (!pos.paragraph && node.kind === 'AppdxTableEntry') {
          // 別表第1第4号 「前3号に掲げる医薬品以外の医薬品」: the entries before it
          const sibs = childrenOfKind(ix.byId.get(node.parent!)!, 'AppdxTableEntry', ix);
          const i = sibs.indexOf(node);
          const from = p.rel === '前各号' ? 0 : Math.max(0, i - p.relN!);
          return { targets: sibs.slice(from, i).map((x) => x.id) };
        }
        if (!pos.paragraph) return { targets: [] };
        const items = childrenOfKind(pos.paragraph, 'Item', ix);
        const i = pos.item ? items.indexOf(pos.item) : items.length;
        const from = p.rel === '前各号' ? 0 : Math.max(0, i - p.relN!);
        return { targets: items.slice(from, i).map((x) => x.id) };
      }
    }
  }

  // bare 第N項 / 第N号: continuing the previous reference, else in the citing node's own article/paragraph
  if (p.para !== undefined) {
    const art = get(cont?.art) ?? pos.container;
    if (!art) return { targets: [] };
    return finish(art, { targets: [] });
  }
  if (p.item) {
    let host: CorpusNode | undefined;
    if (cont?.para) host = get(cont.para);
    else if (cont?.art) host = get(cont.art);
    else if (cont?.item) host = get(get(cont.item)?.parent);
    else host = pos.paragraph ?? pos.container;
    if (!host) return { targets: [] };
    return finish(undefined, { targets: [], para: host.kind === 'Paragraph' ? host.id : `${host.id}-P1` });
  }
  return { targets: [] };
}

/**
 * Citations → node ids. Accepts what people type: `第169条`, `169条`, `169`, `第百六十九条`,
 * `百六十九`, full-width digits, `第91条の3`, `91の3`, `第91条の3第2項`, `第169条第1項第3号`,
 * `第169条第3号` (第1項 implied), `第100条第6号イ`, `第91条の29第1項第1号ナ(2)`, `別表第3`,
 * `別表第3第7号`, `別表第1第4号(3)`, `別表第2劇薬第5号`, `様式第82号`, `別記様式第82号`,
 * `附則第2条`, `附則(平成21年3月6日農林水産省令第8号)第5条`, `制定文`, and raw ids (`A169`).
 */
import type { Corpus, CorpusNode } from './model.js';
import { irohaToInt, kanjiToInt, toHalfWidth } from './numerals.js';

export class RefNotFoundError extends Error {
  constructor(readonly ref: string, readonly suggestions: string[] = []) {
    super(`no provision ${ref}${suggestions.length ? `; nearest: ${suggestions.join(', ')}` : ''}`);
    this.name = 'RefNotFoundError';
  }
}

/** A citation taken apart (numbers already converted). */
export interface Citation {
  kind: 'article' | 'appdx' | 'form' | 'suppl' | 'preamble';
  /** 附則: undefined = the original 附則; otherwise the amending ordinance as written */
  suppl?: string;
  article?: number[];
  paragraph?: number;
  item?: number[];
  subitem?: number;
  subitem2?: number;
  table?: number;
  group?: 'DOKU' | 'GEKI';
  entry?: number;
  subEntry?: number;
  form?: number;
}

const KANJI_RUN = /[〇一二三四五六七八九十百千]+/gu;
const IROHA_CLASS = 'イロハニホヘトチリヌルヲワカヨタレソツネナラムウノオクヤマケフコエテアサキユメミシヒモセス';

/** Full-width → half-width, kanji numerals → digits, no spaces. */
export function normalizeCitation(ref: string): string {
  return toHalfWidth(ref)
    .replace(/\s+/gu, '')
    .replace(/（/gu, '(')
    .replace(/）/gu, ')')
    .replace(KANJI_RUN, (k) => String(kanjiToInt(k) ?? k));
}

const ARTICLE_TAIL = `(?:第(\\d+)項)?(?:第(\\d+)号((?:の\\d+)*))?([${IROHA_CLASS}])?(?:\\((\\d+)\\))?`;
const ARTICLE_RE = new RegExp(`^(?:附則(?:\\(([^)]+)\\))?)?第?(\\d+)(?:条)?((?:の\\d+)*)(?:条)?${ARTICLE_TAIL}$`, 'u');
const SUPPL_ONLY_RE = /^附則(?:\(([^)]+)\))?$/u;
const APPDX_RE = /^別表第?(\d+)(毒薬|劇薬)?(?:第(\d+)号?)?(?:\((\d+)\))?$/u;
const FORM_RE = /^(?:別記)?様式第?(\d+)号?$/u;

const branch = (s: string | undefined) => (s ? s.split('の').slice(1).map(Number) : []);

/** Parses a citation; undefined when it is not one. */
export function parseCitation(ref: string): Citation | undefined {
  const s = normalizeCitation(ref);
  if (s === '制定文') return { kind: 'preamble' };
  let m = APPDX_RE.exec(s);
  if (m) {
    return {
      kind: 'appdx',
      table: Number(m[1]),
      ...(m[2] ? { group: m[2] === '毒薬' ? 'DOKU' : 'GEKI' } : {}),
      ...(m[3] ? { entry: Number(m[3]) } : {}),
      ...(m[4] ? { subEntry: Number(m[4]) } : {}),
    } as Citation;
  }
  if ((m = FORM_RE.exec(s))) return { kind: 'form', form: Number(m[1]) };
  if ((m = SUPPL_ONLY_RE.exec(s))) return { kind: 'suppl', ...(m[1] ? { suppl: m[1] } : {}) };
  if ((m = ARTICLE_RE.exec(s))) {
    const c: Citation = { kind: 'article', article: [Number(m[2]), ...branch(m[3])] };
    if (s.startsWith('附則')) c.suppl = m[1] ?? '';
    if (m[4]) c.paragraph = Number(m[4]);
    if (m[5]) c.item = [Number(m[5]), ...branch(m[6])];
    if (m[7]) c.subitem = irohaToInt(m[7]);
    if (m[8]) c.subitem2 = Number(m[8]);
    if ((c.subitem || c.subitem2) && !c.item) return undefined;
    return c;
  }
  return undefined;
}

/** The 附則 node a citation names: '' = the original 附則; otherwise matched on the amending ordinance. */
function findSuppl(corpus: Corpus, suppl: string): CorpusNode | undefined {
  if (suppl === '') return corpus.nodes.get('SP');
  const want = normalizeCitation(suppl);
  for (const n of corpus.nodes.values()) {
    if (n.kind !== 'SupplProvision' || !n.amendment) continue;
    const title = normalizeCitation(n.amendment.title);
    if (title === want || normalizeCitation(n.id) === want || title.replace('農林水産省令', '') === want.replace('農林水産省令', '')) return n;
  }
  return undefined;
}

/** Resolves a citation (or a node id) to a node id; throws {@link RefNotFoundError} with the nearest provisions. */
export function resolveRef(corpus: Corpus, ref: string): string {
  const raw = ref.trim();
  if (corpus.nodes.has(raw)) return raw;
  const c = parseCitation(raw);
  if (!c) {
    // maybe a label written exactly as we write it
    for (const n of corpus.nodes.values()) if (n.label === raw) return n.id;
    throw new RefNotFoundError(raw, []);
  }
  const chain = idChain(corpus, c);
  if (chain.missing === undefined) return chain.id!;
  throw new RefNotFoundError(raw, suggest(corpus, c, chain));
}

interface Chain {
  /** deepest existing node on the way */
  deepest?: string;
  id?: string;
  /** the id that was missing */
  missing?: string;
}

function idChain(corpus: Corpus, c: Citation): Chain {
  const has = (id: string) => corpus.nodes.has(id);
  const steps: string[] = [];
  switch (c.kind) {
    case 'preamble':
      steps.push('Preamble');
      break;
    case 'form':
      steps.push(`F${c.form}`);
      break;
    case 'suppl': {
      const sp = findSuppl(corpus, c.suppl ?? '');
      steps.push(sp?.id ?? `SP(${c.suppl})`);
      break;
    }
    case 'appdx': {
      let id = `T${c.table}`;
      steps.push(id);
      if (c.group) steps.push((id = `${id}-${c.group}`));
      if (c.entry !== undefined) steps.push((id = `${id}-E${c.entry}`));
      if (c.subEntry !== undefined) steps.push(`${id}-E${c.subEntry}`);
      break;
    }
    case 'article': {
      let base = '';
      if (c.suppl !== undefined) {
        const sp = findSuppl(corpus, c.suppl);
        if (!sp) return { missing: `附則(${c.suppl})` };
        base = `${sp.id}-`;
      }
      let id = `${base}A${c.article!.join('_')}`;
      steps.push(id);
      const art = corpus.nodes.get(id);
      if (c.paragraph !== undefined) steps.push((id = `${id}-P${c.paragraph}`));
      else if (c.item) {
        // 第169条第3号: the first paragraph is implied
        steps.push((id = `${id}-P1`));
        void art;
      }
      if (c.item) steps.push((id = `${id}-I${c.item.map((x, i) => (i ? `_${x}` : `${x}`)).join('')}`));
      if (c.subitem !== undefined) steps.push((id = `${id}-S${c.subitem}`));
      if (c.subitem2 !== undefined) steps.push(`${id}-S${c.subitem2}`);
      break;
    }
  }
  let deepest: string | undefined;
  for (const s of steps) {
    if (!has(s)) return { deepest, missing: s };
    deepest = s;
  }
  return { deepest, id: steps[steps.length - 1] };
}

/** Nearest existing provisions to a citation that does not exist. */
function suggest(corpus: Corpus, c: Citation, chain: Chain): string[] {
  const nodes = [...corpus.nodes.values()];
  const label = (id: string) => corpus.nodes.get(id)?.label ?? id;
  if (chain.deepest) {
    // the parent exists: offer its children of the missing kind (nearest numbers first)
    const parent = corpus.nodes.get(chain.deepest)!;
    const kids = parent.children.map((id) => corpus.nodes.get(id)!).filter((n) => n.kind !== 'Table');
    const want = numberOfId(chain.missing!);
    return kids
      .map((n) => ({ n, d: Math.abs((n.num ?? 0) - want) }))
      .sort((a, b) => a.d - b.d || (a.n.num ?? 0) - (b.n.num ?? 0))
      .slice(0, 5)
      .map((x) => x.n.label);
  }
  switch (c.kind) {
    case 'appdx':
      return nodes.filter((n) => n.kind === 'AppdxTable').map((n) => n.label);
    case 'form':
      return nearestByNumber(nodes.filter((n) => n.kind === 'Form'), [c.form!]).map((n) => n.label);
    case 'suppl':
      return nodes.filter((n) => n.kind === 'SupplProvision').slice(0, 5).map((n) => n.label);
    case 'article': {
      const inProvision = nodes.filter(
        (n) => n.kind === 'Article' && (c.suppl === undefined ? !n.id.startsWith('SP') : n.label.startsWith('附則')),
      );
      const want = c.article!;
      const written = want.join('の');
      // written-number prefixes first (第91条の300 → 第91条の3, 第91条の30), then numerically nearest
      const prefix = inProvision.filter((n) => {
        const w = n.numWritten ?? '';
        return w !== written && (written.startsWith(w) || w.startsWith(written)) && w.split('の')[0] === String(want[0]);
      });
      const near = nearestByNumber(inProvision, want).filter((n) => !prefix.includes(n));
      // longest shared written number first: 第91条の300 → 第91条の30, 第91条の3, then 第91条
      prefix.sort((a, b) => (b.numWritten ?? '').length - (a.numWritten ?? '').length || (a.num ?? 0) - (b.num ?? 0));
      return [...prefix.slice(0, 5), ...near].slice(0, 5).map((n) => label(n.id));
    }
    default:
      return [];
  }
}

function numberOfId(id: string): number {
  const m = /(\d+)$/.exec(id);
  return m ? Number(m[1]) : 0;
}

function nearestByNumber(list: CorpusNode[], want: number[]): CorpusNode[] {
  const key = (t: number[]) => t[0] * 1000 + (t[1] ?? 0);
  const w = key(want);
  return [...list]
    .map((n) => ({ n, d: Math.abs(key([n.num ?? 0, ...(n.branch ?? [])]) - w) }))
    .sort((a, b) => a.d - b.d || (a.n.num ?? 0) - (b.n.num ?? 0))
    .slice(0, 5)
    .map((x) => x.n);
}

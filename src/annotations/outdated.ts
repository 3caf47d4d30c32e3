/**
 * Computed "outdated" points: places where the guidance (last amended 平成21年) and the current
 * ordinance text disagree, found by comparing the two texts rather than by a person's note.
 *
 * - 要指示医薬品から除く外用剤: the exception list of 第5 2 (1) イ against the 柱書 of 別表第3 (T3-H);
 * - 検定合格証紙: the stamp no longer exists in the current text (第158条 prescribes a display);
 * - 薬種商: the licence type survives only in 附則 of the current text;
 * - expired 経過措置: dates (平成24年5月31日) of transitional periods that ended before the text's asOf;
 * - 法第5条第3号イからホ: the current text reads イからヘ (第2条 hooks into ヘ);
 * - 第163条's exclusions: the guidance's range of 毒薬・劇薬 omits the items 第163条 excludes.
 */
import type { Corpus, CorpusNode } from '../corpus/model.js';
import { subtree as corpusSubtree } from '../corpus/tree.js';
import type { OutdatedPoint } from './model.js';
import { parseNumeral } from './numerals.js';

/** The entries of a 「製剤である外用剤(…を除く。)」 exception list, split and trimmed. */
export function externalUseExceptions(text: string): string[] | undefined {
  const start = text.indexOf('製剤である外用剤(');
  if (start < 0) return undefined;
  let depth = 0;
  let body = '';
  for (let i = start + '製剤である外用剤'.length; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '(' || ch === '(') {
      depth++;
      if (depth === 1) continue;
    }
    if (ch === ')' || ch === ')') {
      depth--;
      if (depth === 0) break;
    }
    body += ch;
  }
  body = body.replace(/を除く。?$/, '');
  // split on 、 and 並びに at depth 0 (commas inside 「(犬又は猫に…)」 stay)
  const parts: string[] = [];
  let cur = '';
  depth = 0;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch === '(' || ch === '(') depth++;
    if (ch === ')' || ch === ')') depth--;
    if (depth === 0 && ch === '、') {
      parts.push(cur);
      cur = '';
      continue;
    }
    if (depth === 0 && body.startsWith('並びに', i)) {
      parts.push(cur);
      cur = '';
      i += 2;
      continue;
    }
    cur += ch;
  }
  parts.push(cur);
  return parts.map((p) => p.trim()).filter(Boolean);
}

/** Comparable key of an exception entry: no spaces, no species qualifier. */
function entryKey(s: string): string {
  return s.replace(/[(（][^)）]*[)）]/g, '').replace(/[\s\u00a0\u3000]/g, '');
}

/** Compares two exception lists: entries only in `current`, only in `guidance`. */
export function compareExceptionLists(guidance: string[], current: string[]): { added: string[]; removed: string[] } {
  const g = new Set(guidance.map(entryKey));
  const c = new Set(current.map(entryKey));
  return {
    added: current.filter((e) => !g.has(entryKey(e))),
    removed: guidance.filter((e) => !c.has(entryKey(e))),
  };
}

function nodesWhere(corpus: Corpus, pred: (n: CorpusNode) => boolean): CorpusNode[] {
  const out: CorpusNode[] = [];
  for (const n of corpus.nodes.values()) if (pred(n)) out.push(n);
  return out;
}

function inSuppl(corpus: Corpus, n: CorpusNode): boolean {
  return n.id.startsWith('SP') || n.breadcrumb.some((c) => c.id.startsWith('SP'));
}

/** 平成二十四年年五月三十一日 → 平成24年5月31日 (kanji numerals read, doubled 年 tolerated). */
function heiseiDeadlines(text: string): string[] {
  const out: string[] = [];
  const re = /平成([〇一二三四五六七八九十0-9]+)年年?([〇一二三四五六七八九十0-9]+)月([〇一二三四五六七八九十0-9]+)日まで/g;
  for (const m of text.matchAll(re)) out.push(`平成${parseNumeral(m[1]!)}年${parseNumeral(m[2]!)}月${parseNumeral(m[3]!)}日`);
  return out;
}

/** Short name of an excluded item of 第163条: its 別名 if any, else its words up to 及び / の製剤 / 、. */
export function itemName(text: string): string {
  const alias = /別名([^)）]+)[)）]/.exec(text);
  if (alias) return alias[1]!;
  const m = /^(.+?)(?:及び|、|。|であって)/.exec(text);
  return (m ? m[1]! : text).trim();
}

/** Heisei date → comparable number (year*10000+month*100+day, Heisei years). */
function heiseiValue(d: string): number {
  const m = /平成(\d+)年(\d+)月(\d+)日/.exec(d);
  return m ? Number(m[1]) * 10000 + Number(m[2]) * 100 + Number(m[3]) : NaN;
}

/** The corpus asOf as a Heisei value (平成31年3月29日 → 310329); NaN when unknown. */
function asOfValue(corpus: Corpus): number {
  const a = corpus.manifest?.asOf;
  const s = `${a?.amendment ?? ''} ${a?.date ?? ''}`;
  const h = /平成(\d+)年(\d+)月(\d+)日/.exec(s);
  if (h) return heiseiValue(h[0]);
  const iso = /(\d{4})-(\d{2})-(\d{2})/.exec(s);
  if (iso) return (Number(iso[1]) - 1988) * 10000 + Number(iso[2]) * 100 + Number(iso[3]);
  return NaN;
}

/** Computes the outdated points of one paragraph. */
export function computeOutdated(text: string, corpus: Corpus, interprets: string[] = []): OutdatedPoint[] {
  const out: OutdatedPoint[] = [];

  // 1. 要指示医薬品から除く外用剤 (第5 2 (1) イ vs 別表第3 柱書)
  const head = corpus.nodes.get('T3-H');
  const gList = /要指示医薬品/.test(text) ? externalUseExceptions(text) : undefined;
  const cList = head ? externalUseExceptions(head.text) : undefined;
  if (gList && cList) {
    const { added, removed } = compareExceptionLists(gList, cList);
    if (added.length || removed.length) {
      out.push({
        point: '要指示医薬品から除く外用剤',
        detail:
          `The guidance lists ${gList.length} external-use preparations excepted from 要指示; the current 別表第3 柱書 lists ${cList.length}.` +
          (added.length ? ` Added since: ${added.join('; ')}.` : '') +
          (removed.length ? ` No longer excepted: ${removed.join('; ')}.` : ''),
        current: ['T3-H'],
      });
    }
  }

  // 2. 検定合格証紙
  if (text.includes('検定合格証紙') && !nodesWhere(corpus, (n) => n.text.includes('証紙')).length) {
    const display = nodesWhere(corpus, (n) => n.text.includes('国家検定合格')).map((n) => n.id);
    out.push({
      point: '検定合格証紙',
      detail:
        'The guidance deals with 検定合格証紙 (the lot-release stamp). The current text has no 証紙: a passed lot carries the display 「国家検定合格」 (第158条) and the applicant receives a 検定合格証明書 (第157条).',
      current: [...new Set(['A157', ...display.map((id) => id.replace(/-P\d+.*$/, ''))])].filter((id) => corpus.nodes.has(id)),
    });
  }

  // 3. 薬種商
  if (text.includes('薬種商')) {
    const hits = nodesWhere(corpus, (n) => n.text.includes('薬種商'));
    if (hits.length && hits.every((n) => inSuppl(corpus, n))) {
      out.push({
        point: '薬種商',
        detail:
          'The guidance refers to 薬種商 (販売業). The licence type no longer exists: the current text mentions it only in 附則 (transitional provisions).',
        current: [...new Set(hits.map((n) => articleOf(corpus, n)))],
      });
    }
  }

  // 4. expired transitional periods
  const asOf = asOfValue(corpus);
  for (const d of new Set(heiseiDeadlines(text))) {
    const v = heiseiValue(d);
    if (!Number.isFinite(asOf) || !(v < asOf)) continue;
    const all = nodesWhere(corpus, (n) => inSuppl(corpus, n) && n.kind === 'Article' && subtree(corpus, n).includes(d));
    // prefer the 附則 articles the paragraph itself cites or links; else every holder of the date
    const mine = all.filter((n) => interprets.includes(n.id));
    const holders = mine.length ? mine : all;
    out.push({
      point: `経過措置 (${d}まで)`,
      detail: `The guidance relies on a transitional period that ran until ${d}; it had ended before the current text (asOf ${corpus.manifest.asOf.amendment || corpus.manifest.asOf.date}).`,
      ...(holders.length ? { current: holders.map((n) => n.id) } : {}),
    });
  }

  // 5. 法第5条第3号イからホ (now イからヘ)
  if (/第五条第三号イからホ|第5条第3号イからホ/.test(text)) {
    // 第2条 (the ヘ ground) and the first application provision that asks about イからヘ
    const hookNode = nodesWhere(corpus, (n) => !inSuppl(corpus, n) && /第5条第3号ヘ/.test(n.text))[0];
    const hook = hookNode ? corpus.nodes.get(articleOf(corpus, hookNode)) : undefined;
    const ask = nodesWhere(corpus, (n) => /法第5条第3号イからヘ/.test(n.text))[0];
    const now = [hook, ask].filter((n): n is CorpusNode => !!n);
    if (now.length) {
      out.push({
        point: '法第5条第3号イからホ',
        detail:
          'The guidance asks about 法第5条第3号イからホ, with ホ the mental-capacity ground of 規則第2条. The current text reads 法第5条第3号イからヘ, and 第2条 now defines the persons of 法第5条第3号ヘ.',
        current: now.map((n) => n.id),
      });
    }
  }

  // 6. 第163条's exclusions from the human 毒薬・劇薬 list
  const a163 = corpus.nodes.get('A163');
  if (a163 && /施行規則/.test(text) && /別表第三/.test(text) && /毒薬/.test(text)) {
    const items = descendants(corpus, a163).filter((n) => n.kind === 'Item' && n.parent && corpus.nodes.get(n.parent)?.kind === 'Paragraph');
    if (items.length && !/除く|除外/.test(text)) {
      out.push({
        point: '第163条の除外品目',
        detail: `The guidance gives the 毒薬・劇薬 range as the animal-only items of 施行規則別表第3 plus 規則別表第2. The current 第163条 also excludes ${items.length} items from the 施行規則別表第3 part (its 第1号–第${items.length}号: ${items.map((n) => itemName(n.text)).join(', ')}), which the guidance does not mention.`,
        current: ['A163'],
      });
    }
  }
  return out;
}

/** The article (or 附則 article) a node belongs to. */
function articleOf(corpus: Corpus, n: CorpusNode): string {
  let x: CorpusNode | undefined = n;
  while (x && x.kind !== 'Article' && x.parent) x = corpus.nodes.get(x.parent);
  return x?.kind === 'Article' ? x.id : n.id;
}

function descendants(corpus: Corpus, n: CorpusNode): CorpusNode[] {
  return corpusSubtree(corpus, n.id).slice(1);
}

function subtree(corpus: Corpus, n: CorpusNode): string {
  return [n.text, ...descendants(corpus, n).map((d) => d.text)].join('\n');
}

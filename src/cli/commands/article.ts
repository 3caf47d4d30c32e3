/** `doyaku article <ref> [--json]`: one provision with its structure, guidance and links. */
import type { ArticleView } from '../../corpus/view.js';
import type { Corpus, CorpusNode } from '../../corpus/model.js';
import { RefNotFoundError } from '../../corpus/resolve.js';
import { intToIroha } from '../../corpus/numerals.js';
import { UsageError, type Command } from '../command.js';

/** how a node's number is shown: 第4条, 2, 十一, (3), イ; restored numbers in brackets: [3] / [イ] */
function numberShown(n: CorpusNode): string {
  switch (n.kind) {
    case 'Article':
      return '';
    case 'Paragraph':
      return n.numWritten ?? (n.num === 1 ? '' : `[${n.num}]`);
    case 'Item':
    case 'AppdxTableEntry':
      if (n.numWritten) return n.numWritten;
      return n.num !== undefined ? `[${n.num}]` : '';
    case 'Subitem':
      if (n.numWritten) return n.numWritten;
      return n.num !== undefined ? `[${intToIroha(n.num)}]` : '';
    default:
      return '';
  }
}

function depthBelow(corpus: Corpus, n: CorpusNode, rootId: string): number {
  let d = 0;
  let cur: CorpusNode | undefined = n;
  while (cur && cur.id !== rootId && cur.parent) {
    d++;
    cur = corpus.nodes.get(cur.parent);
  }
  return d;
}

/** Renders the view as text. */
export function renderArticle(corpus: Corpus, v: ArticleView): string {
  const out: string[] = [];
  const n = v.node;
  const crumbs = n.breadcrumb.slice(1).map((c) => (c.caption ? `${c.label} ${c.caption}` : c.label));
  if (crumbs.length) out.push(crumbs.join(' › '));
  out.push(`${n.label}${n.caption ? ` (${n.caption})` : ''}    [${n.id}]${n.deleted ? ' 削除' : ''}`);
  if (n.text && !n.deleted) out.push(...n.text.split('\n').map((l) => `  ${l}`));

  // group table rows so columns can be aligned
  const rowsOf = new Map<string, CorpusNode[]>();
  for (const d of v.descendants) if (d.kind === 'TableRow') rowsOf.set(d.parent!, [...(rowsOf.get(d.parent!) ?? []), d]);

  for (const d of v.descendants) {
    const indent = '  '.repeat(depthBelow(corpus, d, n.id));
    if (d.kind === 'TableRow') continue;
    if (d.kind === 'Table') {
      out.push(`${indent}┌ ${d.label}`);
      const rows = rowsOf.get(d.id) ?? [];
      const widths: number[] = [];
      for (const r of rows) (r.cells ?? []).forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, width(c))));
      for (const r of rows) out.push(`${indent}│ ${(r.cells ?? []).map((c, i) => pad(c, Math.min(widths[i], 40))).join(' │ ')}`.trimEnd());
      out.push(`${indent}└`);
      continue;
    }
    const num = numberShown(d);
    const head = d.kind === 'Article' ? `${d.label}${d.caption ? ` (${d.caption})` : ''}` : num;
    const text = d.text.split('\n');
    out.push(`${indent}${head ? `${head} ` : ''}${text[0]}`.trimEnd());
    for (const t of text.slice(1)) out.push(`${indent}  ${t}`);
  }

  if (v.annotations.length) {
    out.push('', `guidance (12畜A第728号): ${v.annotations.length}`);
    for (const a of v.annotations) {
      const first = a.text.split('\n')[0];
      out.push(`  ${a.label}${a.heading ? ` ${a.heading}` : ''}: ${first.length > 60 ? `${first.slice(0, 60)}…` : first}${a.outdated?.length ? '  [outdated: ' + a.outdated.map((o) => o.point).join('; ') + ']' : ''}`);
    }
  }
  if (v.refsOut.length) {
    out.push('', `refers to: ${v.refsOut.length}`);
    for (const r of v.refsOut) {
      const target = r.kind === 'external' ? `external (${r.law})` : r.target ? `${corpus.nodes.get(r.target)?.label ?? r.target} [${r.target}]` : 'unresolved';
      out.push(`  ${r.text} → ${target}`);
    }
  }
  if (v.refsIn.length) {
    out.push('', `referred to by: ${v.refsIn.length}`);
    for (const r of v.refsIn) out.push(`  ${r.label} [${r.id}]`);
  }
  return out.join('\n') + '\n';
}

/** display width: full-width characters count 2 */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/u.test(ch) ? 2 : 1;
  return w;
}
function pad(s: string, w: number): string {
  return s + ' '.repeat(Math.max(0, w - width(s)));
}

export const command: Command = {
  name: 'article',
  summary: 'show a provision: text, structure, guidance, references (第169条, 別表第3第7号, 様式第82号, A169 …)',
  usage: 'doyaku article <ref> [--json]',
  async run(argv, io) {
    const json = argv.includes('--json');
    const rest = argv.filter((a) => a !== '--json');
    const unknown = rest.find((a) => a.startsWith('--'));
    if (unknown) throw new UsageError(`article: unknown option ${unknown}`);
    if (rest.length === 0) throw new UsageError('article: which provision? e.g. doyaku article 第169条');
    const ref = rest.join('');
    const kb = await io.kb();
    let view: ArticleView;
    try {
      view = kb.article(ref);
    } catch (err) {
      if (err instanceof RefNotFoundError) {
        io.stderr(`doyaku article: no provision ${err.ref}\n`);
        if (err.suggestions.length) io.stderr(`nearest: ${err.suggestions.join(', ')}\n`);
        return 2;
      }
      throw err;
    }
    io.stdout(json ? JSON.stringify(view, null, 2) + '\n' : renderArticle(kb.corpus, view));
    return 0;
  },
};

/**
 * `doyaku search "<query>" [--kind law,annotation,rule,reference] [--chapter N] [--limit N]
 * [--offset N] [--json]`: Japanese full-text search over the ordinance, the guidance and the rules.
 */
import { DOC_KINDS } from '../../search/documents.js';
import type { SearchHit, SearchKind, SearchResults } from '../../search/searcher.js';
import { renderSnippet } from '../../search/snippet.js';
import type { SearchAnswer } from '../../search/answer.js';
import { InputError } from '../../rules/input.js';
import { UsageError, type Command } from '../command.js';
import { asOfFlag, splitFlag } from '../flags.js';

const KIND_NAME: Record<SearchKind, string> = {
  law: '条文',
  annotation: '通知(12畜A第728号)',
  rule: 'ルール',
  reference: '参考・人用医薬品資料',
};

interface Args {
  query: string;
  kinds?: SearchKind[];
  chapter?: number;
  limit: number;
  offset: number;
  json: boolean;
  asOf?: string;
}

function intArg(name: string, v: string | undefined, min: number): number {
  if (v === undefined || !/^\d+$/.test(v) || Number(v) < min) throw new UsageError(`${name} needs a whole number ≥ ${min}`);
  return Number(v);
}

export function parseSearchArgs(argv: string[]): Args {
  const words: string[] = [];
  const a: Args = { query: '', limit: 10, offset: 0, json: false };
  for (let i = 0; i < argv.length; i++) {
    const [arg, value] = splitFlag(argv[i]);
    const next = () => value ?? argv[++i];
    switch (arg) {
      case '--json':
        a.json = true;
        break;
      case '--kind':
      case '--kinds': {
        const v = next();
        if (!v) throw new UsageError(`${arg} needs a list: ${DOC_KINDS.join(',')}`);
        const kinds = v.split(',').map((k) => k.trim()).filter(Boolean);
        for (const k of kinds) if (!DOC_KINDS.includes(k as SearchKind)) throw new UsageError(`unknown kind '${k}' (kinds: ${DOC_KINDS.join(', ')})`);
        a.kinds = kinds as SearchKind[];
        break;
      }
      case '--chapter':
        a.chapter = intArg('--chapter', next(), 1);
        break;
      case '--limit':
        a.limit = intArg('--limit', next(), 0);
        break;
      case '--offset':
        a.offset = intArg('--offset', next(), 0);
        break;
      case '--as-of':
        a.asOf = asOfFlag(next());
        break;
      default:
        if (arg.startsWith('--')) throw new UsageError(`unknown option ${arg}`);
        words.push(argv[i]);
    }
  }
  a.query = words.join(' ').trim();
  if (!a.query) throw new UsageError('search needs a query, e.g. doyaku search "要指示医薬品の帳簿"');
  return a;
}

function renderHit(h: SearchHit, n: number): string {
  const lines: string[] = [];
  const tag = h.kind === 'law' ? '' : `[${KIND_NAME[h.kind]}] `;
  const notes = [h.id, h.kind === 'law' && h.annotations ? `注釈${h.annotations}件` : '', h.match === 'ref' ? '参照' : '', h.via ? `← ${h.via}` : '', h.partial ? '一部一致' : '']
    .filter(Boolean)
    .join(' · ');
  lines.push(`${String(n).padStart(3)}. ${tag}${h.label}${h.caption ? ` (${h.caption})` : ''}    [${notes}]`);
  if (h.breadcrumb) lines.push(`     ${h.breadcrumb}`);
  const snippet = renderSnippet(h.snippet).replace(/\s*\n\s*/g, ' ');
  if (snippet) lines.push(`     ${snippet}`);
  if (h.note) lines.push(`     ※ ${h.note}`);
  if (h.interprets?.length) lines.push(`     → ${h.interprets.map((p) => `${p.label}${p.caption ? ` (${p.caption})` : ''}`).join(', ')}${h.interprets[0].inherited ? ' (見出しの解釈対象)' : ''}`);
  return lines.join('\n');
}

export function renderResults(r: SearchResults | SearchAnswer): string {
  const extra: string[] = [];
  if (r.expanded?.length) extra.push(`  read as: ${r.expanded.map((e) => `${e.word} → ${e.as.join('/')}`).join('; ')}`);
  // the words no hit holds (other texts may: 表示 is in 29 provisions, none of them a hit for 製造専用 表示)
  if (r.unmatched?.length) extra.push(`  no hit holds: ${r.unmatched.join(', ')}`);
  const foot = 'rulesetVersion' in r ? [`ruleset ${r.rulesetVersion} (${r.contentHash.slice(0, 12)}), asOf ${r.asOf}`] : [];
  if (!r.total) return [`「${r.query}」: no hits`, ...extra, ...foot].join('\n') + '\n';
  const from = r.offset + 1;
  const to = r.offset + r.hits.length;
  const head = `「${r.query}」: ${r.total} hits${r.hits.length ? ` (${from}–${to})` : ''}`;
  return [head, ...extra, ...r.hits.map((h, i) => renderHit(h, from + i)), ...foot].join('\n') + '\n';
}

export const command: Command = {
  name: 'search',
  summary: 'Japanese full-text search over the ordinance, the guidance and the rules',
  usage:
    'doyaku search "<query>" [--kind law,annotation,rule,reference] [--chapter N] [--limit N] [--offset N] [--as-of YYYY-MM-DD] [--json]\n\n' +
    '  kinds: law (条文), annotation (MAFF guidance), rule; reference = human-drug material, only when asked for\n' +
    '  article references jump to the node: 第169条, 第百六十九条, 第91条の3第2項, 別表第3, 様式第82号',
  async run(argv, io) {
    const a = parseSearchArgs(argv);
    const kb = await io.kb();
    let r: SearchAnswer;
    try {
      r = kb.search(a.query, { limit: a.limit, offset: a.offset, kinds: a.kinds, chapter: a.chapter, ...(a.asOf ? { asOf: a.asOf } : {}) });
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      if (a.json) io.stdout(JSON.stringify({ error: { code: e.code, message: e.message, problems: e.problems } }, null, 2) + '\n');
      io.stderr(`doyaku search: ${e.message}\n`);
      return 2;
    }
    io.stdout(a.json ? JSON.stringify(r, null, 2) + '\n' : renderResults(r));
    return r.total ? 0 : 1;
  },
};

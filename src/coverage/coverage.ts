/**
 * The law-coverage report: for every article, paragraph and 別表 entry of the ordinance, whether it
 * is encoded as rules (which ones, every family counted through `ruleset.allRules()`), only
 * searchable text, or deliberately out of scope (with the reason, from data/coverage/out-of-scope.yaml)
 * — totals per chapter, the way a test suite reports code coverage. See docs/coverage.md.
 *
 * Units: a paragraph; an article without paragraphs (削除 articles, one-sentence 附則 articles); a 別表
 * entry without sub-entries; a 別表 without entries. A unit counts as encoded when a rule cites it, a
 * node below it, or the article/paragraph it belongs to.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { Corpus, CorpusNode } from '../corpus/model.js';
import { packageRoot } from '../paths.js';

export type CoverageStatus = 'rules' | 'text' | 'out-of-scope';

export interface CoverageUnit {
  id: string;
  label: string;
  kind: string;
  /** Ch1…Ch11, T (別表), SP (附則) */
  chapter: string;
  status: CoverageStatus;
  /** the rules that encode it (status rules) */
  rules?: string[];
  /** why it is out of scope (status out-of-scope) */
  reason?: string;
}

export interface CoverageTotals {
  units: number;
  rules: number;
  text: number;
  outOfScope: number;
  /** rules / (units − outOfScope), in percent, one decimal */
  encodedPercent: number;
}

export interface CoverageReport {
  totals: CoverageTotals & { byFamily: Record<string, number> };
  chapters: { id: string; label: string; caption?: string; totals: CoverageTotals }[];
  units: CoverageUnit[];
}

export interface OutOfScopeEntry {
  reason: string;
  deleted?: boolean;
  under?: string;
  text?: string;
  ids?: string[];
}

export interface RuleCitations {
  id: string;
  family: string;
  citations: string[];
}

const scopeFile = join(packageRoot, 'data', 'coverage', 'out-of-scope.yaml');

/** The curated out-of-scope list (data/coverage/out-of-scope.yaml). */
export function loadOutOfScope(file = scopeFile): OutOfScopeEntry[] {
  const list = parse(readFileSync(file, 'utf8')) as unknown;
  if (!Array.isArray(list)) throw new Error(`${file}: expected a list of entries`);
  list.forEach((e: OutOfScopeEntry, i) => {
    if (!e || typeof e.reason !== 'string') throw new Error(`${file}: entry ${i + 1} needs a reason`);
    if (e.text !== undefined) new RegExp(e.text, 'u'); // throws on a bad pattern, at load
  });
  return list as OutOfScopeEntry[];
}

function groupOf(n: CorpusNode): string {
  if (n.id.startsWith('SP')) return 'SP';
  if (n.id.startsWith('T')) return 'T';
  return n.breadcrumb.find((c) => /^Ch\d+$/.test(c.id))?.id ?? n.breadcrumb.find((c) => c.id !== 'Law')?.id ?? 'Law';
}

function isUnit(corpus: Corpus, n: CorpusNode): boolean {
  const kids = () => n.children.map((c) => corpus.nodes.get(c)?.kind);
  switch (n.kind) {
    case 'Paragraph':
      return true;
    case 'Article':
      return !kids().includes('Paragraph');
    case 'AppdxTableEntry':
      return !kids().includes('AppdxTableEntry');
    case 'AppdxTable':
      return !kids().some((k) => k === 'AppdxTableEntry' || k === 'AppdxTableGroup');
    default:
      return false;
  }
}

/** the unit's own text and that of everything below it */
function fullText(corpus: Corpus, n: CorpusNode): string {
  const out: string[] = [];
  const walk = (id: string) => {
    const x = corpus.nodes.get(id);
    if (!x) return;
    out.push(x.text);
    x.children.forEach(walk);
  };
  walk(n.id);
  return out.join('\n');
}

function totalsOf(units: CoverageUnit[]): CoverageTotals {
  const t = { units: units.length, rules: 0, text: 0, outOfScope: 0, encodedPercent: 0 };
  for (const u of units) {
    if (u.status === 'rules') t.rules++;
    else if (u.status === 'text') t.text++;
    else t.outOfScope++;
  }
  const inScope = t.units - t.outOfScope;
  t.encodedPercent = inScope ? Math.round((t.rules / inScope) * 1000) / 10 : 0;
  return t;
}

/** Builds the report from the corpus, the rules (every family) and the out-of-scope list. */
export function lawCoverage(corpus: Corpus, rules: RuleCitations[], scope: OutOfScopeEntry[] = loadOutOfScope()): CoverageReport {
  // node id → rules citing it
  const citedBy = new Map<string, Set<string>>();
  const families = new Map<string, string>();
  for (const r of rules) {
    families.set(r.id, r.family);
    for (const c of r.citations) {
      let s = citedBy.get(c);
      if (!s) citedBy.set(c, (s = new Set()));
      s.add(r.id);
    }
  }
  const patterns = scope.map((e) => ({ ...e, re: e.text !== undefined ? new RegExp(e.text, 'u') : undefined, idSet: e.ids ? new Set(e.ids) : undefined }));
  const units: CoverageUnit[] = [];
  for (const n of corpus.nodes.values()) {
    if (!isUnit(corpus, n)) continue;
    const found = new Set<string>();
    // the unit and everything below it
    const walk = (id: string) => {
      for (const r of citedBy.get(id) ?? []) found.add(r);
      corpus.nodes.get(id)?.children.forEach(walk);
    };
    walk(n.id);
    // the article / paragraph it belongs to
    for (let p = n.parent ? corpus.nodes.get(n.parent) : undefined; p && (p.kind === 'Paragraph' || p.kind === 'Article'); p = p.parent ? corpus.nodes.get(p.parent) : undefined)
      for (const r of citedBy.get(p.id) ?? []) found.add(r);
    const unit: CoverageUnit = { id: n.id, label: n.label, kind: n.kind, chapter: groupOf(n), status: 'text' };
    if (found.size) {
      unit.status = 'rules';
      unit.rules = [...found].sort();
    } else {
      let text: string | undefined;
      for (const e of patterns) {
        if (e.deleted !== undefined && !!n.deleted !== e.deleted) continue;
        if (e.idSet && !e.idSet.has(n.id)) continue;
        if (e.under && !(n.id === e.under || n.breadcrumb.some((c) => c.id === e.under) || (e.under === 'SP' && n.id.startsWith('SP')))) continue;
        if (e.re && !e.re.test((text ??= fullText(corpus, n)))) continue;
        unit.status = 'out-of-scope';
        unit.reason = e.reason;
        break;
      }
    }
    units.push(unit);
  }
  const order = (g: string) => (g.startsWith('Ch') ? Number(g.slice(2)) : g === 'T' ? 100 : g === 'SP' ? 101 : 102);
  const groups = [...new Set(units.map((u) => u.chapter))].sort((a, b) => order(a) - order(b));
  const chapters = groups.map((g) => {
    const node = corpus.nodes.get(g);
    return {
      id: g,
      label: g === 'T' ? '別表' : g === 'SP' ? '附則' : (node?.label ?? g),
      ...(node?.caption ? { caption: node.caption } : {}),
      totals: totalsOf(units.filter((u) => u.chapter === g)),
    };
  });
  const byFamily: Record<string, number> = {};
  for (const u of units)
    for (const f of new Set((u.rules ?? []).map((r) => families.get(r) ?? r.split('.')[0]))) byFamily[f] = (byFamily[f] ?? 0) + 1;
  return { totals: { ...totalsOf(units), byFamily }, chapters, units };
}

/** display width: CJK characters take two columns */
const width = (s: string) => [...s].reduce((n, c) => n + ((c.codePointAt(0) ?? 0) >= 0x2e80 ? 2 : 1), 0);
const padEnd = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - width(s)));
function clip(s: string, n: number): string {
  let out = '';
  for (const c of s) {
    if (width(out + c) > n) return out.slice(0, -1) + '…';
    out += c;
  }
  return out;
}

/** The report as text: one line per chapter, then the totals (and, with `detail`, every unit). */
export function formatCoverage(r: CoverageReport, detail = false): string {
  const out: string[] = [];
  const row = (name: string, t: CoverageTotals) =>
    `${padEnd(clip(name, 34), 34)} ${String(t.units).padStart(5)} ${String(t.rules).padStart(6)} ${String(t.text).padStart(6)} ${String(t.outOfScope).padStart(6)} ${`${t.encodedPercent.toFixed(1)}%`.padStart(7)}`;
  out.push(`${'chapter'.padEnd(34)} ${'units'.padStart(5)} ${'rules'.padStart(6)} ${'text'.padStart(6)} ${'out'.padStart(6)} ${'encoded'.padStart(7)}`);
  for (const c of r.chapters) {
    out.push(row(`${c.label}${c.caption ? ` ${c.caption}` : ''}`, c.totals));
    if (detail)
      for (const u of r.units.filter((x) => x.chapter === c.id))
        out.push(`    ${padEnd(u.label, 28)} ${u.status}${u.rules ? `  ${u.rules.join(', ')}` : ''}${u.reason ? `  — ${u.reason}` : ''}`);
  }
  out.push(row('total', r.totals));
  out.push(`encoded = units encoded as rules / units in scope; by family: ${Object.entries(r.totals.byFamily).map(([f, n]) => `${f} ${n}`).join(', ')}`);
  return out.join('\n') + '\n';
}

/**
 * What is indexed: the search documents drawn from the corpus (every node below the law: articles,
 * paragraphs, items, subitems, tables and rows, 別表 and their headnotes, groups and entries,
 * 様式, 附則), the guidance annotations, the rules and — as kind `reference`, human-drug material —
 * passages of data/reference/human/*.txt.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { Annotation } from '../annotations/model.js';
import type { Corpus, CorpusNode, Crumb } from '../corpus/model.js';

export type DocKind = 'law' | 'annotation' | 'rule' | 'reference';
export const DOC_KINDS: DocKind[] = ['law', 'annotation', 'rule', 'reference'];

export interface SearchDoc {
  id: string;
  kind: DocKind;
  /** as a person cites it: `第169条第1項第3号`, `別表第3第7号`, `第5 2 (1) イ` */
  label: string;
  caption?: string;
  /** `第7章 医薬品等の取扱い › 第2節 医薬品の取扱い › 第169条` */
  breadcrumb: string;
  /** chapter number (law: its chapter; annotation/rule: the chapter of the first node it cites) */
  chapter?: number;
  /** names that identify the document (別表 entry substance names, 別名, related articles of a 様式) */
  names?: string;
  /** the surrounding headings (an item's article caption, a guidance paragraph's headings) */
  context?: string;
  /** the body text, verbatim */
  text: string;
}

/** Nodes that are containers only: not documents. */
const SKIP_KINDS = new Set(['Law']);

export function chapterOf(node: { id: string; breadcrumb: Crumb[] }): number | undefined {
  const m = /^Ch(\d+)$/.exec(node.id) ?? node.breadcrumb.map((c) => /^Ch(\d+)$/.exec(c.id)).find((x) => x);
  return m ? Number(m[1]) : undefined;
}

export function breadcrumbText(crumbs: Crumb[]): string {
  return crumbs
    .filter((c) => c.label !== '動物用医薬品等取締規則')
    .map((c) => (c.caption ? `${c.label} ${c.caption}` : c.label))
    .join(' › ');
}

/** The article (or 別表/様式) caption nearest above a node. */
function contextOf(node: CorpusNode, corpus: Corpus): string | undefined {
  const parts: string[] = [];
  for (let i = node.breadcrumb.length - 1; i >= 0; i--) {
    const c = node.breadcrumb[i];
    const n = corpus.nodes.get(c.id);
    if (!n) continue;
    if (n.kind === 'Chapter' || n.kind === 'Section' || n.kind === 'Law') break;
    if (n.caption) parts.push(n.caption);
    if (n.kind === 'Article' || n.kind === 'AppdxTable' || n.kind === 'Form') break;
  }
  return parts.length ? parts.join(' ') : undefined;
}

/** Substance names in a 別表 entry: the head before the first 、。( and every (別名X). */
export function entryNames(text: string): string | undefined {
  const names = new Set<string>();
  const head = text.trim().split(/[、。(（]/)[0]?.replace(/(及び|並びに)?その(製剤|塩類).*$/, '').trim();
  if (head && [...head].length <= 40) names.add(head);
  for (const m of text.matchAll(/[(（]別名([^)）]+)[)）]/g)) names.add(m[1]);
  return names.size ? [...names].join(' ') : undefined;
}

/**
 * Curated names (not the law's text): what a provision is called where its own words do not say
 * it. 第115条の2 designates 指定医薬品 as "法第36条の8第1項の農林水産大臣が指定する医薬品" and the
 * 別表 are headed only "(第N条関係)"; the names are the Act's terms (docs/GLOSSARY: 指定医薬品 =
 * 法第36条の8, list in 別表第1 via 第115条の2; 要指示医薬品 = 法第49条, 別表第3 via 第168条;
 * 毒薬・劇薬 = 法第44条, 別表第2 via 第163条).
 */
export const CURATED_NAMES: Record<string, string> = {
  A115_2: '指定医薬品',
  T1: '指定医薬品',
  T2: '毒薬 劇薬',
  T3: '要指示医薬品',
};

export function lawDocs(corpus: Corpus): SearchDoc[] {
  const docs: SearchDoc[] = [];
  for (const node of corpus.nodes.values()) {
    if (SKIP_KINDS.has(node.kind)) continue;
    let names: string | undefined;
    // the headings above matter for a 様式 (its related articles); an item's article is a document itself
    let context: string | undefined;
    if (node.kind === 'AppdxTableEntry') names = entryNames(node.text);
    if (CURATED_NAMES[node.id]) names = [names, CURATED_NAMES[node.id]].filter(Boolean).join(' ');
    if (node.kind === 'Form' && node.relatedArticles?.length) {
      const rel = node.relatedArticles.map((id) => corpus.nodes.get(id)).filter((n): n is CorpusNode => !!n);
      names = rel.map((n) => n.label).join(' ');
      context = [contextOf(node, corpus), ...rel.map((n) => n.caption)].filter(Boolean).join(' ') || undefined;
    }
    const text = node.kind === 'TableRow' && node.cells?.length && !node.text ? node.cells.join(' ') : node.text;
    docs.push({
      id: node.id,
      kind: 'law',
      label: node.label,
      caption: node.caption,
      breadcrumb: breadcrumbText(node.breadcrumb),
      chapter: chapterOf(node),
      names,
      context,
      text: text ?? '',
    });
  }
  return docs;
}

export function annotationDocs(annotations: Annotation[], corpus: Corpus): SearchDoc[] {
  return annotations.map((a) => {
    const first = a.interprets.map((id) => corpus.nodes.get(id)).find((n) => n);
    const headings = a.breadcrumb.map((c) => c.caption).filter(Boolean);
    return {
      id: a.id,
      kind: 'annotation' as const,
      label: a.label,
      caption: a.heading,
      breadcrumb: ['12畜A第728号', breadcrumbText(a.breadcrumb)].filter(Boolean).join(' › '),
      chapter: first ? chapterOf(first) : undefined,
      context: headings.length ? headings.join(' ') : undefined,
      text: a.text,
    };
  });
}

/** Every *.yaml under `dir`, sorted, as [relative path, content]. */
export function yamlFiles(dir: string): [string, string][] {
  const out: [string, string][] = [];
  const walk = (d: string) => {
    let entries: string[];
    try {
      entries = readdirSync(d).sort();
    } catch {
      return;
    }
    for (const e of entries) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(e)) out.push([relative(dir, p).split('\\').join('/'), readFileSync(p, 'utf8')]);
    }
  };
  walk(dir);
  return out;
}

/**
 * Rules, read from the YAML files directly (the search must not depend on the ruleset loading):
 * every mapping with an `id` and a `title` (or `name`) that is not inside another rule is a rule
 * document. Its text: the titles of its exceptions and carve-backs, its notes, reasons and
 * reasoning; its names: the substances and classes it tests (`contains`, `containsClass`) and the
 * labels of the nodes it cites (string values that are corpus node ids); its context: the rule
 * file's description.
 */
export function ruleDocs(rulesDir: string, corpus: Corpus): SearchDoc[] {
  const docs: SearchDoc[] = [];
  const seen = new Set<string>();
  const TEXT_KEY = /^(title|name|notes?|description|reason|reasoning|explanation|summary|excerpt|rationale)$/;
  const NAME_KEY = /^(contains|containsClass|substances?|ingredients?|aliases)$/;
  for (const [file, content] of yamlFiles(rulesDir)) {
    if (/(^|\/)(schema|manifest)/.test(file)) continue;
    let parsed: unknown[];
    try {
      parsed = parseAllDocuments(content).map((d) => d.toJS());
    } catch {
      continue;
    }
    const visit = (v: unknown, description: string | undefined) => {
      if (Array.isArray(v)) return v.forEach((x) => visit(x, description));
      if (!v || typeof v !== 'object') return;
      const o = v as Record<string, unknown>;
      const desc = typeof o.description === 'string' && typeof o.id !== 'string' ? o.description : description;
      const title = typeof o.title === 'string' ? o.title : typeof o.name === 'string' ? o.name : undefined;
      if (typeof o.id === 'string' && title && !seen.has(`rule:${o.id}`)) {
        seen.add(`rule:${o.id}`);
        const cites = new Set<string>();
        const texts: string[] = [];
        const names = new Set<string>();
        const collect = (x: unknown, key: string) => {
          if (typeof x === 'string') {
            if (corpus.nodes.has(x)) cites.add(x);
            else if (NAME_KEY.test(key)) names.add(x);
            else if (TEXT_KEY.test(key)) texts.push(x);
          } else if (Array.isArray(x)) x.forEach((y) => collect(y, key));
          else if (x && typeof x === 'object') for (const [k, y] of Object.entries(x)) collect(y, k);
        };
        for (const [k, x] of Object.entries(o)) if (k !== 'id' && k !== 'title' && k !== 'name') collect(x, k);
        const cited = [...cites].map((id) => corpus.nodes.get(id)!);
        docs.push({
          id: `rule:${o.id}`,
          kind: 'rule',
          label: `ルール ${o.id}`,
          caption: title,
          breadcrumb: `rules/${file}`,
          chapter: cited.map((n) => chapterOf(n)).find((c) => c !== undefined),
          names: [...names, ...cited.map((n) => n.label)].join(' ') || undefined,
          context: [desc, ...cited.map((n) => n.caption)].filter(Boolean).join(' ') || undefined,
          text: texts.join('\n'),
        });
        return;
      }
      for (const x of Object.values(o)) visit(x, desc);
    };
    parsed.forEach((d) => visit(d, undefined));
  }
  return docs;
}

/** Titles of the reference documents, from data/source/sources.json when present. */
function referenceTitles(dataDir: string): Map<string, string> {
  const titles = new Map<string, string>();
  try {
    const s = JSON.parse(readFileSync(join(dataDir, 'source', 'sources.json'), 'utf8')) as { sources: { file: string; title: string }[] };
    for (const x of s.sources) titles.set(basename(x.file), x.title);
  } catch {
    // no titles: file names are used
  }
  return titles;
}

/** Lines of a PDF extraction joined back: spaces between CJK characters removed. */
export function cleanPdfText(s: string): string {
  const CJK = '\\u3000-\\u30FF\\u3400-\\u9FFF\\uF900-\\uFAFF\\uFF00-\\uFFEF';
  return s
    .replace(/[ \t\u3000]+/g, ' ')
    .replace(new RegExp(`(?<=[${CJK}]) (?=[${CJK}0-9])|(?<=[0-9]) (?=[${CJK}])`, 'g'), '')
    .trim();
}

/**
 * The human-drug reference documents, split into passages of about 200–600 characters at line
 * boundaries (a passage starts anew at a numbered heading once it has 200 characters).
 * Ids: `REF0-12` (file 000_…, passage 12).
 */
export function referenceDocs(dataDir: string): SearchDoc[] {
  const dir = join(dataDir, 'reference', 'human');
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort();
  } catch {
    return [];
  }
  const titles = referenceTitles(dataDir);
  const docs: SearchDoc[] = [];
  files.forEach((file) => {
    const fileNo = Number(/^(\d+)/.exec(file)?.[1] ?? docs.length);
    const title = titles.get(file) ?? file;
    const lines = readFileSync(join(dir, file), 'utf8')
      .split(/\r?\n/)
      .map(cleanPdfText)
      .filter((l) => l.length > 0);
    let cur: string[] = [];
    let len = 0;
    let n = 0;
    const flush = () => {
      if (!cur.length) return;
      n++;
      docs.push({
        id: `REF${fileNo}-${n}`,
        kind: 'reference',
        label: `人用参考資料${fileNo} 第${n}節`,
        caption: title,
        breadcrumb: `参考資料(人用医薬品 — 動物用医薬品の規制ではない) › ${file}`,
        text: cleanPdfText(cur.join(' ')),
      });
      cur = [];
      len = 0;
    };
    const heading = /^(第[0-9０-９一二三四五六七八九十]+|[0-9０-９]+[.．、]|[(（][0-9０-９]+[)）]|[0-9]+\.[0-9]+\.|[１-９]|記$)/;
    for (const l of lines) {
      if ((len >= 200 && heading.test(l)) || len + l.length > 600) flush();
      cur.push(l);
      len += l.length;
    }
    flush();
  });
  return docs;
}

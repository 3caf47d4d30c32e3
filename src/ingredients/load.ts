/**
 * Reads and checks the files of data/ingredients/. Every structural error names the file, the line
 * and the field path; all errors are collected and thrown together, so nothing is half-loaded.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LineCounter, parseDocument, type Document } from 'yaml';
import type { MatchPath, SubstanceRecord } from './types.js';

export interface AliasSpec {
  en?: string[];
  ja?: string[];
  why?: string;
}
export interface MemberSpec {
  name: string;
  en?: string[];
  ja?: string[];
  note?: string;
}
export interface GroupSpec {
  to: string;
  path: Extract<MatchPath, 'alias' | 'derivative' | 'class'>;
  why: string;
  members: MemberSpec[];
}
export interface SaltRule {
  pattern: string;
  form: string;
  kind?: 'salt' | 'ester' | 'hydrate';
}
export interface SaltSpec {
  prefix: SaltRule[];
  suffix: SaltRule[];
  english: SaltRule[];
  exceptions: { name: string; why: string }[];
}
export interface ClassSpec {
  why: string;
  includes?: string[];
  members?: string[];
  patterns?: string[];
}
export interface KnownSpec {
  name: string;
  en?: string[];
  ja?: string[];
  why: string;
}

export interface IngredientData {
  substances: SubstanceRecord[];
  aliases: Record<string, AliasSpec>;
  groups: GroupSpec[];
  salts: SaltSpec;
  classes: Record<string, ClassSpec>;
  known: { unlisted: KnownSpec[]; uncertain: KnownSpec[] };
}

export class IngredientDataError extends Error {
  constructor(readonly problems: string[]) {
    super(`data/ingredients is invalid:\n  ${problems.join('\n  ')}`);
    this.name = 'IngredientDataError';
  }
}

interface Parsed {
  file: string;
  doc: Document;
  lc: LineCounter;
  value: unknown;
}

function read(dir: string, name: string, problems: string[]): Parsed | undefined {
  const file = join(dir, name);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    problems.push(`${file}: cannot read (${(e as Error).message})`);
    return undefined;
  }
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: true });
  for (const err of doc.errors) {
    const pos = err.linePos?.[0];
    problems.push(`${file}:${pos ? `${pos.line}:${pos.col}` : '?'}: ${err.message.split('\n')[0]}`);
  }
  if (doc.errors.length) return undefined;
  return { file, doc, lc, value: doc.toJS() };
}

/** `file:line: path: message` for a value at `path` inside a parsed file. */
function at(p: Parsed, path: (string | number)[], message: string): string {
  let line = '?';
  for (let n = path.length; n >= 0; n--) {
    const node = p.doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
    if (node && typeof node === 'object' && node.range) {
      const pos = p.lc.linePos(node.range[0]);
      line = `${pos.line}:${pos.col}`;
      break;
    }
  }
  const ptr = path.length ? '/' + path.join('/') : '/';
  return `${p.file}:${line}: ${ptr}: ${message}`;
}

const isStr = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function strList(p: Parsed, path: (string | number)[], v: unknown, problems: string[]): string[] | undefined {
  if (v === undefined) return undefined;
  if (!Array.isArray(v)) {
    problems.push(at(p, path, 'expected a list of strings'));
    return undefined;
  }
  const out: string[] = [];
  v.forEach((x, i) => {
    if (typeof x === 'string' || typeof x === 'number') out.push(String(x));
    else problems.push(at(p, [...path, i], 'expected a string'));
  });
  return out;
}

export function loadIngredientData(dataDir: string): IngredientData {
  const dir = join(dataDir, 'ingredients');
  const problems: string[] = [];
  const files = {
    substances: read(dir, 'substances.yaml', problems),
    aliases: read(dir, 'aliases.yaml', problems),
    members: read(dir, 'members.yaml', problems),
    salts: read(dir, 'salts.yaml', problems),
    classes: read(dir, 'classes.yaml', problems),
    known: read(dir, 'known.yaml', problems),
  };
  const data: IngredientData = {
    substances: [],
    aliases: {},
    groups: [],
    salts: { prefix: [], suffix: [], english: [], exceptions: [] },
    classes: {},
    known: { unlisted: [], uncertain: [] },
  };

  const s = files.substances;
  if (s) {
    if (!Array.isArray(s.value)) problems.push(at(s, [], 'expected a list of substances'));
    else
      s.value.forEach((r: unknown, i: number) => {
        if (!isObj(r) || !isStr(r.key)) return problems.push(at(s, [i, 'key'], 'expected a substance with a key'));
        data.substances.push({
          key: r.key,
          written: strList(s, [i, 'written'], r.written, problems) ?? [r.key],
          entries: strList(s, [i, 'entries'], r.entries, problems) ?? [],
          mentions: strList(s, [i, 'mentions'], r.mentions, problems) ?? [],
        });
      });
  }

  const a = files.aliases;
  if (a) {
    if (!isObj(a.value)) problems.push(at(a, [], 'expected a map key → { en, ja, why }'));
    else
      for (const [k, v] of Object.entries(a.value)) {
        if (!isObj(v)) {
          problems.push(at(a, [k], 'expected { en, ja, why }'));
          continue;
        }
        data.aliases[k] = { en: strList(a, [k, 'en'], v.en, problems), ja: strList(a, [k, 'ja'], v.ja, problems), why: isStr(v.why) ? v.why : undefined };
      }
  }

  const m = files.members;
  if (m) {
    if (!Array.isArray(m.value)) problems.push(at(m, [], 'expected a list of groups'));
    else
      m.value.forEach((g: unknown, i: number) => {
        if (!isObj(g)) return problems.push(at(m, [i], 'expected a group { to, path, why, members }'));
        if (!isStr(g.to)) problems.push(at(m, [i, 'to'], 'expected the ordinance key'));
        if (!['alias', 'derivative', 'class'].includes(g.path as string)) problems.push(at(m, [i, 'path'], 'must be one of alias, derivative, class'));
        if (!isStr(g.why)) problems.push(at(m, [i, 'why'], 'the reasoning is required'));
        if (!Array.isArray(g.members)) return problems.push(at(m, [i, 'members'], 'expected a list of members'));
        const members: MemberSpec[] = [];
        g.members.forEach((x: unknown, j: number) => {
          if (!isObj(x) || !isStr(x.name)) return problems.push(at(m, [i, 'members', j, 'name'], 'expected a member with a name'));
          members.push({
            name: x.name,
            en: strList(m, [i, 'members', j, 'en'], x.en, problems),
            ja: strList(m, [i, 'members', j, 'ja'], x.ja, problems),
            note: isStr(x.note) ? x.note : undefined,
          });
        });
        data.groups.push({ to: String(g.to), path: g.path as GroupSpec['path'], why: String(g.why), members });
      });
  }

  const sl = files.salts;
  if (sl) {
    if (!isObj(sl.value)) problems.push(at(sl, [], 'expected { prefix, suffix, english, exceptions }'));
    else {
      for (const part of ['prefix', 'suffix', 'english'] as const) {
        const list = sl.value[part];
        if (!Array.isArray(list)) {
          problems.push(at(sl, [part], 'expected a list of rules'));
          continue;
        }
        list.forEach((r: unknown, i: number) => {
          if (!isObj(r) || !isStr(r.pattern) || !isStr(r.form)) return problems.push(at(sl, [part, i], 'expected { pattern, form, kind? }'));
          if (r.kind !== undefined && !['salt', 'ester', 'hydrate'].includes(r.kind as string))
            return problems.push(at(sl, [part, i, 'kind'], 'must be one of salt, ester, hydrate'));
          data.salts[part].push({ pattern: r.pattern, form: r.form, kind: (r.kind as SaltRule['kind']) ?? 'salt' });
        });
      }
      const ex = sl.value.exceptions;
      if (Array.isArray(ex))
        ex.forEach((r: unknown, i: number) => {
          if (!isObj(r) || !isStr(r.name) || !isStr(r.why)) return problems.push(at(sl, ['exceptions', i], 'expected { name, why }'));
          data.salts.exceptions.push({ name: r.name, why: r.why });
        });
      else problems.push(at(sl, ['exceptions'], 'expected a list of { name, why }'));
    }
  }

  const c = files.classes;
  if (c) {
    if (!isObj(c.value)) problems.push(at(c, [], 'expected a map class → { why, members, includes, patterns }'));
    else
      for (const [k, v] of Object.entries(c.value)) {
        if (!isObj(v) || !isStr(v.why)) {
          problems.push(at(c, [k, 'why'], 'the reasoning is required'));
          continue;
        }
        data.classes[k] = {
          why: v.why,
          includes: strList(c, [k, 'includes'], v.includes, problems),
          members: strList(c, [k, 'members'], v.members, problems),
          patterns: strList(c, [k, 'patterns'], v.patterns, problems),
        };
      }
  }

  const kn = files.known;
  if (kn) {
    if (!isObj(kn.value)) problems.push(at(kn, [], 'expected { unlisted, uncertain }'));
    else
      for (const part of ['unlisted', 'uncertain'] as const) {
        const list = kn.value[part];
        if (!Array.isArray(list)) {
          problems.push(at(kn, [part], 'expected a list'));
          continue;
        }
        list.forEach((r: unknown, i: number) => {
          if (!isObj(r) || !isStr(r.name) || !isStr(r.why)) return problems.push(at(kn, [part, i], 'expected { name, why, en?, ja? }'));
          data.known[part].push({ name: r.name, why: r.why, en: strList(kn, [part, i, 'en'], r.en, problems), ja: strList(kn, [part, i, 'ja'], r.ja, problems) });
        });
      }
  }

  if (problems.length) throw new IngredientDataError(problems);
  return data;
}

/** For cross-reference errors found after parsing (unknown keys …): locate a path in a file. */
export function locate(dataDir: string, name: string, path: (string | number)[], message: string): string {
  const problems: string[] = [];
  const p = read(join(dataDir, 'ingredients'), name, problems);
  return p ? at(p, path, message) : `${join(dataDir, 'ingredients', name)}: ${message}`;
}

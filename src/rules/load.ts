/**
 * Loads a rules directory: manifest.yaml and the rule files it lists. Every file is parsed with
 * positions, validated against rules/schema/rule-file.schema.json, and checked (unique ids, family
 * prefixes, citations against the corpus, replaces/ends/appliesTo targets). All problems are
 * collected, each naming file:line:col and the JSON pointer, and thrown as one
 * {@link RulesLoadError}: nothing is half-loaded.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createRequire } from 'node:module';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { Corpus } from '../corpus/model.js';
import { packageRoot } from '../paths.js';
import {
  asArray,
  type EndSpec,
  type ExceptionSpec,
  type ManifestSpec,
  type Rule,
  type RuleFileSpec,
  type RuleProblem,
  type RuleSpec,
  type When,
} from './model.js';
import { openParseCache, type ParseCache } from './cache.js';
import { schemaSha256 } from './schema-hash.js';
import * as generated from './validators.generated.js';
import { nearest } from './nearest.js';
import { linePos, parseLocated, positionOf, type Located } from './positions.js';
import { classifyFamilies, familyOfText, loadFamilyFile, type FamilyRule } from './family.js';


export class RulesLoadError extends Error {
  override name = 'RulesLoadError';
  constructor(readonly problems: RuleProblem[]) {
    super(
      `${problems.length} problem${problems.length === 1 ? '' : 's'} in the rules:\n` +
        problems.map((p) => `  ${formatProblem(p)}`).join('\n'),
    );
  }
}

export function formatProblem(p: RuleProblem): string {
  return `${p.file}:${p.line}:${p.col} ${p.pointer || '/'}: ${p.message}`;
}

export interface LoadedRules {
  dir: string;
  manifest: ManifestSpec;
  /** rule files, relative to dir, in load order */
  files: string[];
  rules: Rule[];
  ends: (EndSpec & { file: string; amendedBy: string })[];
  /** the rules of every family beyond classification (retention, licenses, …), in file order */
  familyRules: FamilyRule[];
  contentHash: string;
}

export const schemaDir = join(packageRoot, 'rules', 'schema');

type Validators = { file: ValidateFunction; manifest: ValidateFunction };
let fast: Validators | undefined;
let thorough: Validators | undefined;
/**
 * The fast validators stop at the first error: the standalone code generated from the schemas
 * (validators.generated.ts) when it matches the schema files, else ajv-compiled. The thorough ones
 * (compiled only when a file is invalid) report all errors, verbosely.
 */
function getValidators(kind: 'fast' | 'thorough'): Validators {
  const make = (allErrors: boolean): Validators => {
    // ajv is loaded only when needed
    const { Ajv } = createRequire(import.meta.url)('ajv') as typeof import('ajv');
    const ajv = new Ajv({ allErrors, strict: false, verbose: allErrors });
    const schema = (f: string) => JSON.parse(readFileSync(join(schemaDir, f), 'utf8'));
    return { file: ajv.compile(schema('rule-file.schema.json')), manifest: ajv.compile(schema('manifest.schema.json')) };
  };
  if (kind === 'thorough') return (thorough ??= make(true));
  if (!fast) {
    let current = false;
    try {
      current = generated.schemaSha256 === schemaSha256(schemaDir);
    } catch {
      /* schema files unreadable: compile (and fail) the ordinary way */
    }
    fast = current ? { file: generated.validateRuleFile as ValidateFunction, manifest: generated.validateManifest as ValidateFunction } : make(false);
  }
  return fast;
}
const check = (kind: string, value: unknown): ErrorObject[] | undefined => {
  if (kind.startsWith('family:')) return checkFamily(kind, value);
  const k = kind as 'file' | 'manifest';
  if (getValidators('fast')[k](value)) return undefined;
  const v = getValidators('thorough')[k];
  v(value);
  return v.errors ?? [];
};

/**
 * Validators for the other rule families (retention, licenses, transactions, labels, reports …):
 * `<family>.schema.json` from the rules directory's own schema/ folder if it has one (fixtures),
 * else rules/schema/; it may reference common.schema.json. Compiled on first use.
 */
const familySchemaPaths = new Map<string, string>();
const familyValidators = new Map<string, ValidateFunction | null>();
let familyAjv: import('ajv').Ajv | undefined;
function familyValidator(kind: string): ValidateFunction | null {
  if (familyValidators.has(kind)) return familyValidators.get(kind)!;
  const path = familySchemaPaths.get(kind);
  let v: ValidateFunction | null = null;
  if (path && existsSync(path)) {
    if (!familyAjv) {
      const { Ajv } = createRequire(import.meta.url)('ajv') as typeof import('ajv');
      familyAjv = new Ajv({ allErrors: true, strict: false, verbose: true });
      familyAjv.addSchema(JSON.parse(readFileSync(join(schemaDir, 'common.schema.json'), 'utf8')));
    }
    const schema = JSON.parse(readFileSync(path, 'utf8')) as { $id?: string };
    v = (schema.$id && (familyAjv.getSchema(schema.$id) as ValidateFunction | undefined)) || familyAjv.compile(schema);
  }
  familyValidators.set(kind, v);
  return v;
}
function checkFamily(kind: string, value: unknown): ErrorObject[] | undefined {
  const v = familyValidator(kind);
  const family = kind.split(':')[1];
  if (!v) return [{ instancePath: '/family', keyword: 'family', params: {}, schemaPath: '', message: `no schema for family '${family}' (expected rules/schema/${family}.schema.json)` } as ErrorObject];
  return v(value) ? undefined : (v.errors ?? []);
}
/** The parse-bundle kind of a rule file's text: `file` for classification files, the family kind (family + schema hash) for the others. */
export function cacheKindOf(text: string, rulesDir?: string): string {
  const fam = familyOfText(text);
  if (!fam || classifyFamilies.has(fam)) return 'file';
  const own = rulesDir ? join(rulesDir, 'schema', `${fam}.schema.json`) : undefined;
  const path = own && existsSync(own) ? own : join(schemaDir, `${fam}.schema.json`);
  const schemaText = existsSync(path) ? readFileSync(path, 'utf8') + readFileSync(join(schemaDir, 'common.schema.json'), 'utf8') : '';
  const kind = `family:${fam}:${createHash('sha256').update(schemaText).digest('hex').slice(0, 16)}`;
  familySchemaPaths.set(kind, path);
  return kind;
}

/** Turns ajv's errors into readable problems, one per place, saying what was expected. */
function schemaProblems(errors: ErrorObject[], file: string, located: Located): RuleProblem[] {
  // Drop combinator errors when a more specific error exists at or below the same place.
  const specific = errors.filter((e) => !['oneOf', 'anyOf', 'if', 'not'].includes(e.keyword));
  const kept = errors.filter((e) => {
    if (!['oneOf', 'anyOf', 'if'].includes(e.keyword)) return true;
    return !specific.some((s) => s.instancePath.startsWith(e.instancePath) && s.instancePath !== e.instancePath) &&
      !(e.keyword === 'if');
  });
  const byPlace = new Map<string, ErrorObject[]>();
  for (const e of kept) {
    const k = e.keyword === 'additionalProperties' ? `${e.instancePath}\u0000${(e.params as { additionalProperty: string }).additionalProperty}` : e.instancePath;
    byPlace.set(k, [...(byPlace.get(k) ?? []), e]);
  }
  const out: RuleProblem[] = [];
  for (const group of byPlace.values()) {
    const pointer = group[0].instancePath;
    const messages: string[] = [];
    let key: string | undefined;
    const types = group.filter((e) => e.keyword === 'type').map((e) => (e.params as { type: string }).type);
    if (types.length) messages.push(`must be ${[...new Set(types.flatMap((t) => t.split(',')))].join(' or ')}`);
    const thresholdRequired = group.filter((e) => e.keyword === 'required' && ['lte', 'lt', 'gte', 'gt'].includes((e.params as { missingProperty: string }).missingProperty));
    if (thresholdRequired.length) messages.push('a threshold needs one of lte (以下), lt (未満), gte (以上), gt (を超える)');
    for (const e of group) {
      const p = e.params as Record<string, unknown>;
      switch (e.keyword) {
        case 'type':
          break;
        case 'enum':
          messages.push(`must be one of ${(p.allowedValues as unknown[]).join(', ')} (got ${JSON.stringify(e.data)})`);
          break;
        case 'const':
          messages.push(`must be ${JSON.stringify(p.allowedValue)}`);
          break;
        case 'additionalProperties': {
          key = String(p.additionalProperty);
          const allowed = Object.keys((e.parentSchema as { properties?: object })?.properties ?? {});
          const near = nearest(key, allowed, 1);
          messages.push(`unknown key '${key}'${near.length ? ` (did you mean '${near[0]}'?)` : ''}; expected one of ${allowed.join(', ')}`);
          break;
        }
        case 'required':
          if (!thresholdRequired.includes(e)) messages.push(`missing required key '${String(p.missingProperty)}'`);
          break;
        case 'pattern':
          messages.push(
            e.schemaPath.includes('ruleId')
              ? `must be a rule id '<family>.<label>' (family yoshiji, dokugeki or shitei; label of A-Za-z0-9_.~@-), got ${JSON.stringify(e.data)}`
              : e.schemaPath.includes('date')
                ? `must be a date YYYY-MM-DD, got ${JSON.stringify(e.data)}`
                : `must match ${String(p.pattern)}, got ${JSON.stringify(e.data)}`,
          );
          break;
        case 'oneOf':
          messages.push(
            e.schemaPath.includes('threshold')
              ? 'a threshold takes exactly one of lte, lt, gte, gt'
              : `must match exactly one of the allowed shapes`,
          );
          break;
        case 'anyOf':
          messages.push(
            pointer.match(/^\/rules\/\d+$/)
              ? 'a listing needs substances + coverage, classes + coverage, or (product-level) when'
              : 'does not match any allowed shape',
          );
          break;
        default:
          messages.push(e.message ?? e.keyword);
      }
    }
    const pos = positionOf(located, pointer, key);
    out.push({ file, ...pos, pointer: key ? `${pointer}/${key}` : pointer, message: [...new Set(messages)].join('; ') });
  }
  return out;
}

/**
 * Reads one YAML file; YAML syntax errors become problems. A file whose exact text already passed
 * the schema (same schema text) is taken from the parsed-rules bundle (see cache.ts) — positions are then
 * computed only if a later check needs one.
 */
function readYaml(path: string, file: string, problems: RuleProblem[], kind: string | ((text: string) => string), cache: ParseCache | undefined): { value: unknown; located: Located; errors?: ErrorObject[] } | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    problems.push({ file, line: 1, col: 1, pointer: '', message: `cannot read: ${(e as Error).message}` });
    return undefined;
  }
  if (typeof kind === 'function') kind = kind(text);
  const hit = cache?.get(kind, text);
  if (hit !== undefined) return { value: hit, located: { text } };
  const located = parseLocated(text);
  if (located.doc.errors.length) {
    for (const err of located.doc.errors) {
      const pos = linePos(located, err.pos[0]);
      problems.push({ file, line: pos.line, col: pos.col, pointer: '', message: `YAML: ${err.message.split('\n')[0]}` });
    }
    return undefined;
  }
  const value = located.doc.toJS();
  const errors = check(kind, value);
  if (!errors) cache?.set(kind, text, value);
  return { value, located, errors };
}

/** Expands the manifest's file list (`dir/*.yaml` = every .yaml file in dir, sorted). */
function expandFiles(dir: string, patterns: string[], problems: RuleProblem[], manifestLoc: Located): string[] {
  const out: string[] = [];
  patterns.forEach((p, i) => {
    const m = p.match(/^(.*)\/\*\.ya?ml$/);
    if (m) {
      const sub = join(dir, m[1]);
      if (!existsSync(sub) || !statSync(sub).isDirectory()) return; // an empty family directory is fine
      for (const f of readdirSync(sub).filter((f) => /\.ya?ml$/.test(f)).sort()) out.push(`${m[1]}/${f}`);
    } else if (!existsSync(join(dir, p))) {
      const pos = positionOf(manifestLoc, `/files/${i}`);
      problems.push({ file: 'manifest.yaml', ...pos, pointer: `/files/${i}`, message: `file not found: ${p}` });
    } else out.push(p);
  });
  return [...new Set(out)];
}

/** Canonical JSON: keys sorted, no whitespace — the basis of the content hash. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

function whenReferences(w: When | undefined, keys: Set<string>): void {
  if (!w) return;
  for (const k of asArray(w.contains)) keys.add(k);
  for (const k of asArray(w.ingredient)) keys.add(k);
  w.all?.forEach((x) => whenReferences(x, keys));
  w.any?.forEach((x) => whenReferences(x, keys));
  whenReferences(w.not, keys);
}

export interface LoadContext {
  /** the corpus the citations are checked against (only its node ids are used) */
  corpus?: Pick<Corpus, 'nodes'>;
  /** use the directory's parsed-rules bundle, `.parsed.json` (default: true unless DOYAKU_NO_CACHE is set) */
  cache?: boolean;
  /** for the bundle builder: a cache to record parsed files into (implies no bundle read) */
  record?: ParseCache;
}

/** Loads and checks a rules directory. Throws {@link RulesLoadError} listing every problem. */
export function loadRules(dir: string, ctx: LoadContext = {}): LoadedRules {
  const problems: RuleProblem[] = [];
  const rel = (p: string) => relative(dir, p) || p;

  const cache = ctx.record ?? ((ctx.cache ?? !process.env.DOYAKU_NO_CACHE) ? openParseCache(schemaDir, dir) : undefined);
  const m = readYaml(join(dir, 'manifest.yaml'), 'manifest.yaml', problems, 'manifest', cache);
  if (!m) throw new RulesLoadError(problems);
  const manifestErrors = m.errors;
  if (manifestErrors) {
    problems.push(...schemaProblems(manifestErrors, 'manifest.yaml', m.located));
    throw new RulesLoadError(problems);
  }
  const manifest = m.value as ManifestSpec;
  const files = expandFiles(dir, manifest.files, problems, m.located);

  const rules: Rule[] = [];
  const ends: LoadedRules['ends'] = [];
  const hashParts: unknown[] = [{ version: manifest.version, encodes: manifest.encodes }];
  const where = new Map<string, { file: string; located: Located; pointer: string; spec?: RuleFileSpec }>();
  const at = (file: string, located: Located, pointer: string, message: string) =>
    problems.push({ file, ...positionOf(located, pointer), pointer, message });

  const familyRules: FamilyRule[] = [];
  for (const file of files) {
    const y = readYaml(join(dir, file), file, problems, (text) => cacheKindOf(text, dir), cache);
    if (!y) continue;
    const fam = (y.value as { family?: unknown })?.family;
    if (typeof fam === 'string' && !classifyFamilies.has(fam)) {
      if (y.errors) {
        problems.push(...schemaProblems(y.errors, file, y.located));
        continue;
      }
      hashParts.push({ file, content: y.value });
      loadFamilyFile({ file, value: y.value as never, located: y.located, problems, where, familyRules, corpus: ctx.corpus, ends });
      continue;
    }
    const fileErrors = y.errors;
    if (fileErrors) {
      problems.push(...schemaProblems(fileErrors, file, y.located));
      continue;
    }
    hashParts.push({ file, content: y.value });
    const spec = y.value as RuleFileSpec;
    spec.rules.forEach((r: RuleSpec, i) => {
      const pointer = `/rules/${i}`;
      const prefix = r.id.split('.')[0];
      if (prefix !== spec.family) at(file, y.located, `${pointer}/id`, `rule id '${r.id}' must start with the file's family '${spec.family}.'`);
      const prev = where.get(r.id);
      if (prev) at(file, y.located, `${pointer}/id`, `duplicate rule id '${r.id}' (first in ${prev.file})`);
      else where.set(r.id, { file, located: y.located, pointer });
      const seen = new Set<string>();
      const except = (r.except ?? []).map((x: ExceptionSpec, j) => {
        const local = x.id ?? String(j + 1);
        if (seen.has(local)) at(file, y.located, `${pointer}/except/${j}/id`, `duplicate exception id '${local}' in rule ${r.id}`);
        seen.add(local);
        return { id: `${r.id}#${local}`, title: x.title, citations: x.citations ?? r.citations, when: x.when, notes: x.notes, provenance: x.provenance };
      });
      const effective = r.effective ?? spec.effective;
      if (effective.to && effective.to <= effective.from) at(file, y.located, `${pointer}/effective/to`, `effective.to (${effective.to}) must be after effective.from (${effective.from})`);
      rules.push({
        id: r.id,
        family: spec.family,
        title: r.title,
        role: r.role,
        group: r.group,
        citations: r.citations,
        effective,
        amendedBy: r.amendedBy ?? spec.amendedBy,
        replaces: r.replaces ?? [],
        substances: asArray(r.substances),
        classes: asArray(r.classes),
        coverage: r.coverage,
        when: r.when,
        except,
        outcome: r.outcome,
        appliesTo: r.appliesTo,
        otherwise: r.otherwise,
        reason: r.reason,
        notes: r.notes,
        provenance: r.provenance,
        source: { file, pointer },
      });
      // outcome must fit the family
      const okOutcome: Record<string, string[]> = { yoshiji: ['required'], dokugeki: ['毒薬', '劇薬', 'none'], shitei: ['designated'] };
      if (r.outcome && !okOutcome[spec.family].includes(r.outcome))
        at(file, y.located, `${pointer}/outcome`, `outcome '${r.outcome}' is not a ${spec.family} outcome (expected ${okOutcome[spec.family].join(' or ')})`);
      const okOtherwise: Record<string, string> = { yoshiji: 'not_required', dokugeki: 'none', shitei: 'not_designated' };
      if (r.otherwise && r.otherwise !== okOtherwise[spec.family])
        at(file, y.located, `${pointer}/otherwise`, `otherwise '${r.otherwise}' is not a ${spec.family} answer (expected ${okOtherwise[spec.family]})`);
      if (r.when?.poison !== undefined && spec.family !== 'shitei') at(file, y.located, `${pointer}/when/poison`, 'poison conditions are only available to shitei rules');
    });
    (spec.ends ?? []).forEach((e, i) => ends.push({ ...e, file, amendedBy: e.amendedBy ?? spec.amendedBy, pointer: `/ends/${i}` } as LoadedRules['ends'][number]));
    where.set(`\u0000file:${file}`, { file, located: y.located, pointer: '', spec });
  }

  // Cross-rule checks: citations, replaces/ends targets, appliesTo.
  const ids = new Set([...rules.map((r) => r.id), ...familyRules.map((r) => r.id)]);
  const groups = new Set(rules.map((r) => r.group).filter((g): g is string => !!g));
  const nodeIds = ctx.corpus ? [...ctx.corpus.nodes.keys()] : undefined;
  const loc = (id: string) => where.get(id)!;
  for (const r of familyRules) {
    const w = loc(r.id);
    r.replaces.forEach((t, k) => {
      if (!ids.has(t)) at(w.file, w.located, `${w.pointer}/replaces/${k}`, `replaces unknown rule '${t}'${near(t, ids)}`);
    });
  }
  for (const r of rules) {
    const w = loc(r.id);
    if (w.file === undefined) continue;
    if (nodeIds && ctx.corpus) {
      const check = (cits: string[], pointer: string) =>
        cits.forEach((c, k) => {
          if (!ctx.corpus!.nodes.has(c)) {
            const near = nearest(c, nodeIds, 3);
            at(w.file, w.located, `${pointer}/${k}`, `unknown corpus node id '${c}' (rule ${r.id})${near.length ? `; nearest: ${near.join(', ')}` : ''}`);
          }
        });
      check(r.citations, `${w.pointer}/citations`);
      const file = where.get(`\u0000file:${w.file}`)!;
      const spec = file.spec!;
      const idx = Number(w.pointer.split('/')[2]);
      (spec.rules[idx].except ?? []).forEach((x, j) => x.citations && check(x.citations, `${w.pointer}/except/${j}/citations`));
    }
    r.replaces.forEach((t, k) => {
      if (!ids.has(t)) at(w.file, w.located, `${w.pointer}/replaces/${k}`, `replaces unknown rule '${t}'${near(t, ids)}`);
    });
    if (Array.isArray(r.appliesTo))
      r.appliesTo.forEach((t, k) => {
        if (!groups.has(t) && !ids.has(t)) at(w.file, w.located, `${w.pointer}/appliesTo/${k}`, `appliesTo names no group or rule '${t}'${near(t, new Set([...groups, ...ids]))}`);
      });
  }
  for (const e of ends) {
    const f = where.get(`\u0000file:${e.file}`)!;
    const pointer = (e as unknown as { pointer: string }).pointer;
    if (!ids.has(e.rule)) at(e.file, f.located, `${pointer}/rule`, `ends unknown rule '${e.rule}'${near(e.rule, ids)}`);
    if (nodeIds && ctx.corpus && e.citations)
      e.citations.forEach((c, k) => {
        if (!ctx.corpus!.nodes.has(c)) at(e.file, f.located, `${pointer}/citations/${k}`, `unknown corpus node id '${c}'; nearest: ${nearest(c, nodeIds, 3).join(', ')}`);
      });
  }
  if (problems.length) throw new RulesLoadError(problems);

  // End dates from `ends` entries and replacing rules (history is never edited).
  const byId = new Map(rules.map((r) => [r.id, r]));
  const setEnd = (target: Rule, end: NonNullable<Rule['endedBy']>) => {
    if (!target.endedBy || end.on < target.endedBy.on) target.endedBy = end;
  };
  for (const e of ends) if (byId.has(e.rule)) setEnd(byId.get(e.rule)!, { on: e.on, by: `${e.file}`, amendedBy: e.amendedBy, kind: 'ended' });
  for (const r of rules) for (const t of r.replaces) setEnd(byId.get(t)!, { on: r.effective.from, by: r.id, amendedBy: r.amendedBy, kind: 'replaced' });
  const famById = new Map(familyRules.map((r) => [r.id, r]));
  const setFamEnd = (target: FamilyRule, end: NonNullable<FamilyRule['endedBy']>) => {
    if (!target.endedBy || end.on < target.endedBy.on) target.endedBy = end;
  };
  for (const e of ends) if (famById.has(e.rule)) setFamEnd(famById.get(e.rule)!, { on: e.on, by: e.file, amendedBy: e.amendedBy, kind: 'ended' });
  for (const r of familyRules) for (const t of r.replaces) if (famById.has(t)) setFamEnd(famById.get(t)!, { on: r.effective.from, by: r.id, amendedBy: r.amendedBy, kind: 'replaced' });
  for (const r of familyRules) deepFreeze(r.spec);

  const contentHash = createHash('sha256').update(canonicalJson(hashParts)).digest('hex');
  void rel;
  return { dir, manifest, files, rules, ends, familyRules, contentHash };
}

function deepFreeze(v: unknown): void {
  if (v && typeof v === 'object' && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v)) deepFreeze(x);
  }
}

function near(s: string, set: Set<string>): string {
  const n = nearest(s, set, 2);
  return n.length ? ` (nearest: ${n.join(', ')})` : '';
}

/** Every substance key the rules name (listings, `contains` and `ingredient` conditions), for cross-checks. */
export function referencedKeys(rules: Rule[]): Set<string> {
  const keys = new Set<string>();
  for (const r of rules) {
    r.substances.forEach((s) => keys.add(s));
    whenReferences(r.when, keys);
    r.except.forEach((x) => whenReferences(x.when, keys));
  }
  return keys;
}

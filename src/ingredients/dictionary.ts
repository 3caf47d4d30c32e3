/**
 * The ingredient dictionary (seibun jisho): turns what a user types into the substances the
 * ordinance names. Data in data/ingredients/ (docs/ingredients.md):
 *   substances.yaml  generated from the ordinance — keys, the names it writes (exact), entry ids
 *   aliases.yaml     curated aliases of the keys (English INNs, Japanese variants)
 *   members.yaml     curated derivative / class / alias links of other substances to keys
 *   salts.yaml       salt and ester rules and their exceptions
 *   classes.yaml     curated product-level classes (抗生物質, 抗菌性物質, ワクチン, 生物学的製剤)
 *   known.yaml       recognised substances the ordinance does not name (and the uncertain ones)
 * Everything is indexed by normalised name at load time; `resolve` is a few map look-ups (memoised).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadIngredientData, locate, IngredientDataError, type IngredientData, type SaltRule } from './load.js';
import { looseKey, normalizeName } from './normalize.js';
import { suggest, type Candidate } from './suggest.js';
import type { IngredientDictionary, IngredientMatch, IngredientResolution, MatchPath, SubstanceRecord } from './types.js';

type NamePath = 'exact' | 'alias';

/** A substance the dictionary knows: an ordinance key, a curated member, or a known-unlisted one. */
interface Entity {
  name: string;
  key?: SubstanceRecord;
  status: 'key' | 'member' | 'unlisted' | 'uncertain';
  why?: string;
  links: { to: Entity; path: MatchPath; reasoning: string }[];
  classes: Set<string>;
}

/** A name pointing at an entity. */
interface NameHit {
  entity: Entity;
  path: NamePath;
  curated: boolean;
  reasoning?: string;
  display: string;
}

interface Step {
  name: string;
  path: MatchPath;
  curated: boolean;
  reasoning?: string;
  saltForm?: string;
}

const RANK: Record<MatchPath, number> = { exact: 0, alias: 1, salt: 2, derivative: 3, class: 4 };
const worse = (a: MatchPath, b: MatchPath): MatchPath => (RANK[a] >= RANK[b] ? a : b);

interface CompiledSalt extends SaltRule {
  norm: string;
}

const CACHE_LIMIT = 20_000;

export class Dictionary implements IngredientDictionary {
  readonly data: IngredientData;
  readonly entities = new Map<string, Entity>();
  #byName = new Map<string, NameHit[]>();
  #byLoose = new Map<string, NameHit[]>();
  #keys: string[];
  #records = new Map<string, SubstanceRecord>();
  #prefix: CompiledSalt[];
  #suffix: CompiledSalt[];
  #english: CompiledSalt[];
  #noSplit = new Set<string>();
  #classWhy = new Map<string, string>();
  #classPatterns: { norm: string; cls: string }[] = [];
  #candidates: Candidate[] = [];
  /** number of distinct normalised names indexed */
  get nameCount(): number {
    return this.#byName.size;
  }
  #cache = new Map<string, IngredientResolution>();

  constructor(data: IngredientData, dataDir = '') {
    this.data = data;
    const problems: string[] = [];

    // 1. ordinance keys and the names the ordinance writes (curated: false)
    for (const rec of data.substances) {
      const e = this.#entity(rec.key, 'key');
      e.key = rec;
      this.#records.set(rec.key, rec);
      rec.written.forEach((w, i) =>
        this.#addName(w, e, i === 0 ? 'exact' : 'alias', false, i === 0 ? undefined : `the ordinance writes ${rec.key} as this chemical name (別名)`),
      );
    }
    this.#keys = data.substances.map((r) => r.key);

    // 2. curated aliases of keys
    for (const [k, spec] of Object.entries(data.aliases)) {
      const e = this.#findEntity(k);
      if (!e?.key) {
        problems.push(locate(dataDir, 'aliases.yaml', [k], `${k} is not an ordinance key (substances.yaml)`));
        continue;
      }
      for (const en of spec.en ?? []) this.#addName(en, e, 'alias', true, `English name of ${e.name} (INN / common name)`);
      for (const ja of spec.ja ?? []) this.#addName(ja, e, 'alias', true, spec.why ? `${spec.why}` : `Japanese variant of ${e.name}`);
    }

    // 3. known-unlisted and uncertain substances
    for (const part of ['unlisted', 'uncertain'] as const)
      for (const k of data.known[part]) {
        const e = this.#findEntity(k.name) ?? this.#entity(k.name, part);
        if (e.status === 'key' || e.status === 'member') {
          problems.push(locate(dataDir, 'known.yaml', [part], `${k.name} is also an ordinance key or member — it cannot be ${part}`));
          continue;
        }
        e.status = part;
        e.why = k.why;
        this.#addName(k.name, e, 'exact', true, k.why);
        for (const n of [...(k.en ?? []), ...(k.ja ?? [])]) this.#addName(n, e, 'alias', true, `another name of ${k.name}`);
      }

    // 4. member groups (derivative / class / alias links)
    data.groups.forEach((g, i) => {
      const target = this.#findEntity(g.to);
      if (!target?.key) {
        problems.push(locate(dataDir, 'members.yaml', [i, 'to'], `${g.to} is not an ordinance key (substances.yaml)`));
        return;
      }
      for (const m of g.members) {
        let e = this.#findEntity(m.name);
        if (!e) {
          e = this.#entity(m.name, 'member');
          this.#addName(m.name, e, 'exact', true, `a curated substance (members.yaml)`);
        }
        if (e.status === 'unlisted' || e.status === 'uncertain') {
          problems.push(locate(dataDir, 'members.yaml', [i, 'members'], `${m.name} is in known.yaml as ${e.status} — remove one`));
          continue;
        }
        if (e === target) continue;
        for (const n of [...(m.en ?? []), ...(m.ja ?? [])]) this.#addName(n, e, 'alias', true, `another name of ${e.name}`);
        const reasoning = m.note ? `${e.name}: ${m.note}; ${g.why}` : `${e.name}: ${g.why}`;
        if (!e.links.some((l) => l.to === target)) e.links.push({ to: target, path: g.path, reasoning });
      }
    });

    // 5. salts
    const compile = (r: SaltRule): CompiledSalt => ({ ...r, norm: r.pattern.includes(' ') ? r.pattern.toLowerCase() : normalizeName(r.pattern) });
    const byLen = (a: CompiledSalt, b: CompiledSalt) => b.norm.length - a.norm.length;
    this.#prefix = data.salts.prefix.map(compile).sort(byLen);
    this.#suffix = data.salts.suffix.map(compile).sort(byLen);
    this.#english = data.salts.english.map((r) => ({ ...r, norm: r.pattern.toLowerCase() })).sort(byLen);
    for (const x of data.salts.exceptions) this.#noSplit.add(normalizeName(x.name));

    // 6. classes
    for (const [cls, spec] of Object.entries(data.classes)) {
      this.#classWhy.set(cls, spec.why.replace(/\s+/g, ' ').trim());
      for (const p of spec.patterns ?? []) this.#classPatterns.push({ norm: normalizeName(p), cls });
    }
    const addClass = (cls: string, seen: Set<string>) => {
      if (seen.has(cls)) return;
      seen.add(cls);
      const spec = data.classes[cls];
      for (const name of spec.members ?? []) {
        const e = this.#findEntity(name);
        if (!e) problems.push(locate(dataDir, 'classes.yaml', [cls, 'members'], `${name} is not a known substance (substances, members or known)`));
        else e.classes.add(cls);
      }
    };
    for (const cls of Object.keys(data.classes)) addClass(cls, new Set());
    // includes: a member of an included class is a member of the including one
    for (const [cls, spec] of Object.entries(data.classes))
      for (const inc of spec.includes ?? []) {
        if (!data.classes[inc]) {
          problems.push(locate(dataDir, 'classes.yaml', [cls, 'includes'], `${inc} is not a class`));
          continue;
        }
        for (const e of this.entities.values()) if (e.classes.has(inc)) e.classes.add(cls);
      }

    if (problems.length) throw new IngredientDataError(problems);

    // 7. suggestion candidates: every name once
    for (const [norm, hits] of this.#byName) this.#candidates.push({ norm, display: hits[0].display, target: hits[0].entity.name });
  }

  #entity(name: string, status: Entity['status']): Entity {
    const e: Entity = { name, status, links: [], classes: new Set() };
    this.entities.set(name, e);
    return e;
  }

  #findEntity(name: string): Entity | undefined {
    const direct = this.entities.get(name);
    if (direct) return direct;
    const hits = this.#byName.get(normalizeName(name));
    return hits?.find((h) => h.path === 'exact')?.entity ?? hits?.[0]?.entity;
  }

  #addName(name: string, entity: Entity, path: NamePath, curated: boolean, reasoning?: string): void {
    const norm = normalizeName(name);
    for (const [map, k] of [
      [this.#byName, norm],
      [this.#byLoose, looseKey(norm)],
    ] as const) {
      let list = map.get(k);
      if (!list) map.set(k, (list = []));
      const existing = list.find((h) => h.entity === entity);
      if (existing) {
        // keep the strongest claim: exact over alias, ordinance over curated
        if (RANK[path] < RANK[existing.path] || (!curated && existing.curated)) Object.assign(existing, { path, curated, reasoning, display: name });
      } else list.push({ entity, path, curated, reasoning, display: name });
    }
  }

  keys(): string[] {
    return [...this.#keys];
  }

  substance(key: string): SubstanceRecord | undefined {
    return this.#records.get(key) ?? this.#records.get(this.canonicalKey(key) ?? '');
  }

  canonicalKey(name: string): string | undefined {
    const hits = this.#byName.get(normalizeName(name)) ?? this.#byLoose.get(looseKey(normalizeName(name)));
    const h = hits?.find((x) => x.entity.key && x.path === 'exact') ?? hits?.find((x) => x.entity.key && !x.curated);
    return h?.entity.key?.key;
  }

  /** Direct name hits (strict, then loose). */
  #hits(norm: string): NameHit[] {
    return this.#byName.get(norm) ?? this.#byLoose.get(looseKey(norm)) ?? [];
  }

  /** Salt/ester parses of a normalised name whose remainder is known: [remainder hits, rule]. */
  #saltParses(raw: string, norm: string, depth: number): { hit: NameHit; steps: Step[] }[] {
    if (depth > 2 || this.#noSplit.has(norm)) return [];
    const out: { hit: NameHit; steps: Step[] }[] = [];
    const tryRest = (rest: string, rule: CompiledSalt, restRaw: string) => {
      if (!rest) return;
      const step = (): Step => ({
        name: raw,
        path: rule.kind === 'hydrate' ? 'alias' : 'salt',
        curated: true,
        saltForm: rule.kind === 'hydrate' ? undefined : rule.form,
        reasoning:
          rule.kind === 'hydrate'
            ? `${raw} is a ${rule.form} of ${restRaw} (same substance with water of crystallisation; rule ${rule.pattern})`
            : `${raw} is the ${rule.form} of ${restRaw} (${rule.kind === 'ester' ? 'ester' : 'salt'} rule: ${rule.pattern})`,
      });
      const hits = this.#hits(rest);
      for (const hit of hits) out.push({ hit, steps: [step()] });
      if (!hits.length) for (const p of this.#saltParses(restRaw, rest, depth + 1)) out.push({ hit: p.hit, steps: [step(), ...p.steps] });
    };
    for (const r of this.#prefix) if (norm.startsWith(r.norm) && norm.length > r.norm.length) tryRest(norm.slice(r.norm.length), r, norm.slice(r.norm.length));
    for (const r of this.#suffix) if (norm.endsWith(r.norm) && norm.length > r.norm.length) tryRest(norm.slice(0, -r.norm.length), r, norm.slice(0, -r.norm.length));
    // English: "x hydrochloride" — on the lower-cased, space-preserving form
    const words = raw.normalize('NFKC').toLowerCase().trim().replace(/\s+/g, ' ');
    if (/^[a-z0-9 ().,'α-ω-]+$/.test(words))
      for (const r of this.#english)
        if (words.endsWith(' ' + r.norm)) {
          const restRaw = words.slice(0, -(r.norm.length + 1));
          tryRest(normalizeName(restRaw), r, restRaw);
        }
    return out;
  }

  resolve(name: string): IngredientResolution {
    const cached = this.#cache.get(name);
    if (cached) return cached;
    const r = this.#resolve(name);
    if (this.#cache.size >= CACHE_LIMIT) this.#cache.clear();
    this.#cache.set(name, r);
    return r;
  }

  #resolve(input: string): IngredientResolution {
    const normalized = normalizeName(input);
    // every way in: a name hit (exact / alias) or a salt parse, as an entity plus the steps to it
    const starts: { entity: Entity; steps: Step[] }[] = [];
    const aliasStep = (h: NameHit): Step[] => (h.path === 'alias' ? [{ name: h.display, path: 'alias', curated: h.curated, reasoning: h.reasoning }] : []);
    for (const hit of this.#hits(normalized)) starts.push({ entity: hit.entity, steps: aliasStep(hit) });
    for (const p of this.#saltParses(input, normalized, 0)) starts.push({ entity: p.hit.entity, steps: [...p.steps, ...aliasStep(p.hit)] });
    const patternClasses = new Set<string>();
    for (const p of this.#classPatterns) if (normalized.includes(p.norm)) patternClasses.add(p.cls);
    // vaccines by name (別表第3 第53号): anything called a vaccine that is not the excluded 鶏痘ワクチン
    if (!starts.length && patternClasses.has('ワクチン')) {
      const fowlpox = this.#findEntity('鶏痘ワクチン');
      const vaccine = this.#findEntity('ワクチン');
      const isFowlpox = normalized.includes('鶏痘') || normalized.includes('fowlpox');
      const rest = normalized.replace(/鶏痘|fowlpox|ワクチン|vaccine|生|乾燥|凍結|不活化|live|dried|[()]/g, '');
      if (fowlpox && isFowlpox && rest === '')
        starts.push({ entity: fowlpox, steps: [{ name: input, path: 'alias', curated: true, reasoning: `${input} names a fowl-pox vaccine only (鶏痘ワクチン, which 別表第3 第53号 excludes)` }] });
      else if (vaccine)
        starts.push({
          entity: vaccine,
          steps: [{ name: input, path: 'class', curated: true, reasoning: `${input} is a vaccine by its name${isFowlpox ? ' and not only a fowl-pox vaccine (a combined vaccine)' : ''}` }],
        });
    }

    const matches = new Map<string, IngredientMatch>();
    const classes = new Set<string>(patternClasses);
    let known = false;
    let uncertain: string | undefined;
    const visit = (e: Entity, steps: Step[], seen: Set<Entity>) => {
      if (seen.has(e)) return;
      seen.add(e);
      for (const c of e.classes) classes.add(c);
      if (e.key) {
        let path: MatchPath = 'exact';
        let curated = false;
        for (const s of steps) {
          path = worse(path, s.path);
          curated = curated || s.curated;
        }
        const m: IngredientMatch = { key: e.key.key, path, curated };
        const reasoning = steps.map((s) => s.reasoning).filter(Boolean).join(' → ');
        if (reasoning) m.reasoning = reasoning;
        const saltForm = steps.find((s) => s.saltForm)?.saltForm;
        if (saltForm) m.saltForm = saltForm;
        if (steps.length) m.via = steps.map((s) => ({ name: s.name, path: s.path }));
        const prev = matches.get(m.key);
        if (!prev || RANK[m.path] < RANK[prev.path] || (RANK[m.path] === RANK[prev.path] && prev.curated && !m.curated)) matches.set(m.key, m);
      }
      for (const l of e.links) visit(l.to, [...steps, { name: e.name, path: l.path, curated: true, reasoning: l.reasoning }], seen);
    };
    for (const { entity, steps } of starts) {
      if (entity.status === 'uncertain') {
        uncertain = `${entity.name}: ${entity.why}`;
        for (const c of entity.classes) classes.add(c);
        continue;
      }
      known = true;
      visit(entity, steps, new Set());
    }

    const res: IngredientResolution = {
      input,
      normalized,
      matches: [...matches.values()].sort((a, b) => RANK[a.path] - RANK[b.path] || (a.key < b.key ? -1 : 1)),
      classes: [...classes].sort().map((c) => ({ name: c, curated: true, reasoning: this.#classWhy.get(c) })),
      known,
    };
    if (uncertain && !known) res.uncertain = uncertain;
    if (!known) res.suggestions = this.#suggest(normalized).filter((x) => !uncertain || normalizeName(x) !== normalized);
    return res;
  }

  #suggest(normalized: string): string[] {
    const out = suggest(normalized, this.#candidates);
    if (out.length < 5) {
      // a salt form of a misspelt name: suggest on the remainder too (塩酸イベルメクチソ → イベルメクチン)
      for (const r of [...this.#prefix, ...this.#suffix]) {
        const rest = normalized.startsWith(r.norm) ? normalized.slice(r.norm.length) : normalized.endsWith(r.norm) ? normalized.slice(0, -r.norm.length) : '';
        if (rest.length < 2) continue;
        for (const s of suggest(rest, this.#candidates)) if (!out.includes(s)) out.push(s);
      }
    }
    return out.slice(0, 5);
  }
}

/**
 * Loads data/ingredients/ under `dataDir`: the compiled dictionary.json when present (fast), else the
 * YAML sources (validated, errors naming file:line and field path). `source: 'yaml'` forces the latter.
 */
export function loadIngredientDictionary(dataDir: string, options: { source?: 'compiled' | 'yaml' } = {}): IngredientDictionary & Dictionary {
  const compiled = join(dataDir, 'ingredients', 'dictionary.json');
  if (options.source !== 'yaml' && existsSync(compiled)) {
    const data = JSON.parse(readFileSync(compiled, 'utf8')) as IngredientData;
    return new Dictionary(data, dataDir);
  }
  return new Dictionary(loadIngredientData(dataDir), dataDir);
}

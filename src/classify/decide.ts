/**
 * How each family is decided once its candidate listings are evaluated (docs/rules-format.md § How a
 * family is decided) — the legal reading of the results, separate from running the rules:
 * - 要指示 (yoshiji, 第168条・別表第3): {@link decideYoshiji} — the 柱書's species scope, then any listing
 *   that holds and is not excluded (製剤である外用剤, unless carved back);
 * - 毒薬・劇薬 (dokugeki, 第163条・別表第2): {@link decidePoison} — 毒薬 over 劇薬; outside 別表第2 only
 *   第163条's own items settle `none`, otherwise `unknown` (the human list is not in our sources);
 * - 指定医薬品 (shitei, 第115条の2・別表第1): {@link decideDesignated} — 第1号・第2号 read the poison answer.
 * Every function here is three-valued: a listing that cannot be decided makes the family `unknown`
 * with the reasons, never `no`.
 */
import type { IngredientMatch, IngredientResolution } from '../ingredients/types.js';
import type { Basis, DesignatedStatus, FamilyAnswer, GuidanceView, PoisonStatus, Reason, YoshijiStatus } from './model.js';
import type { LeafResult } from '../rules/compile.js';
import type { Exception, Family, Rule, When } from '../rules/model.js';
import type { Tri } from '../rules/operators.js';

/** Three-valued logic (Kleene): false ∧ unknown = false, true ∨ unknown = true. */
export const and3 = (...xs: Tri[]): Tri => (xs.includes(false) ? false : xs.includes('unknown') ? 'unknown' : true);
export const or3 = (...xs: Tri[]): Tri => (xs.includes(true) ? true : xs.includes('unknown') ? 'unknown' : false);
export const not3 = (x: Tri): Tri => (x === 'unknown' ? 'unknown' : !x);
/** `and3(a, b)` without the rest-argument array (the hot path). */
export const and2 = (a: Tri, b: Tri): Tri => (a === false || b === false ? false : a === 'unknown' || b === 'unknown' ? 'unknown' : true);
/** `and3(a, not3(or3(false, ...parts.map((p) => p.r.tri))))`: a listing (or exclusion) that holds unless one of its exceptions does. */
export function unlessAny(a: Tri, parts: readonly { r: PartResult }[]): Tri {
  if (a === false) return false;
  let u = a === 'unknown';
  for (let i = 0; i < parts.length; i++) {
    const t = parts[i].r.tri;
    if (t === true) return false;
    if (t === 'unknown') u = true;
  }
  return u ? 'unknown' : true;
}

export interface PartResult {
  tri: Tri;
  leaves: LeafResult[];
}

/** A listing considered for one ingredient (or the product, for product-level listings). */
export interface Candidate {
  rule: Rule;
  ingredient?: number;
  match?: IngredientMatch;
  whenTri: Tri;
  whenR?: PartResult;
  exceptions: { x: Exception; r: PartResult }[];
  exclusions: { rule: Rule; tri: Tri; whenR?: PartResult; carveBacks: { x: Exception; r: PartResult }[] }[];
  /** listing alone (when ∧ ¬provisos) */
  listingTri: Tri;
  /** with the exclusions that apply to it */
  tri: Tri;
}

export type Exclusion = Candidate['exclusions'][number];

export function reasonsOf(leaves: LeafResult[]): Reason[] {
  return leaves.filter((l) => l.result === 'unknown' && l.reason).map((l) => l.reason!);
}

export const closedList: Record<Family, string[]> = { yoshiji: ['A168', 'T3'], dokugeki: ['A163', 'T2'], shitei: ['A115_2', 'T1'] };

export function dedupeReasons(rs: Reason[]): Reason[] {
  const seen = new Set<string>();
  return rs.filter((r) => {
    const k = `${r.code}\u0000${r.field ?? ''}\u0000${r.message}`;
    return seen.has(k) ? false : (seen.add(k), true);
  });
}

export function uniq(xs: string[]): string[] {
  return xs.length < 2 ? xs.slice() : [...new Set(xs)];
}

const pushAll = (out: string[], xs: readonly string[]): void => {
  for (let i = 0; i < xs.length; i++) out.push(xs[i]);
};

/** Citations of what decided a candidate: the rule, and the provisos / exclusions / carve-backs that held. */
export function decidingIds(c: Candidate, ids: string[] = []): string[] {
  pushAll(ids, c.rule.citations);
  for (const e of c.exceptions) if (e.r.tri === true) pushAll(ids, e.x.citations);
  for (const x of c.exclusions) {
    if (x.whenR?.tri === true) pushAll(ids, x.rule.citations);
    for (const cb of x.carveBacks) if (cb.r.tri === true && x.whenR?.tri === true) pushAll(ids, cb.x.citations);
  }
  return ids;
}

/** `cands.flatMap(decidingIds)` in one array. */
function idsOf(...lists: Candidate[][]): string[] {
  const ids: string[] = [];
  for (const l of lists) for (const c of l) decidingIds(c, ids);
  return ids;
}

/** The candidates whose result is `t` (one pass, no closure). */
function withTri(cands: Candidate[], t: Tri): Candidate[] {
  const out: Candidate[] = [];
  for (const c of cands) if (c.tri === t) out.push(c);
  return out;
}

export function undeterminedReasons(c: Candidate): Reason[] {
  const rs: Reason[] = [];
  rs.push(...reasonsOf(c.exceptions.flatMap((e) => (e.r.tri === 'unknown' ? e.r.leaves : []))));
  for (const x of c.exclusions) {
    if (x.tri !== 'unknown') continue;
    rs.push(...reasonsOf(x.whenR?.leaves ?? []));
    rs.push(...reasonsOf(x.carveBacks.flatMap((cb) => (cb.r.tri === 'unknown' ? cb.r.leaves : []))));
  }
  return rs;
}

/** A listing whose outcome no further ingredient can undo: no proviso looks at the other ingredients, no poison condition. */
export function monotone(r: Rule): boolean {
  const looksAtOthers = (w: When | undefined): boolean =>
    !!w && (w.contains !== undefined || w.containsClass !== undefined || w.poison !== undefined || !!w.all?.some(looksAtOthers) || !!w.any?.some(looksAtOthers) || looksAtOthers(w.not));
  return !looksAtOthers(r.when) && !r.except.some((x) => looksAtOthers(x.when));
}

/** A family decided (without `matched`); `basis` defaults to `ordinance` when a decider leaves it out. */
export type Decided<S> = Omit<FamilyAnswer<S>, 'matched' | 'basis'> & { basis?: Basis };

export function candReasons(c: Candidate): Reason[] {
  const rs: Reason[] = [];
  if (c.whenTri === 'unknown') rs.push(...reasonsOf(c.whenR?.leaves ?? []));
  rs.push(...undeterminedReasons(c));
  return rs;
}

/** `and3(true, ...scope.map((s) => s.r.tri))` */
function scopeOf(scope: { r: PartResult }[]): Tri {
  let u = false;
  for (const s of scope) {
    if (s.r.tri === false) return false;
    if (s.r.tri === 'unknown') u = true;
  }
  return u ? 'unknown' : true;
}

export function decideYoshiji(cands: Candidate[], scope: { rule: Rule; r: PartResult }[], cite: (ids: string[]) => string[]): Decided<YoshijiStatus> {
  const scopeTri = scopeOf(scope);
  if (scopeTri === false) {
    const s = scope.find((x) => x.r.tri === false)!;
    return {
      status: 'not_required',
      decidedBy: cite(s.rule.citations),
      reasons: [{ code: s.rule.reason ?? 'out-of-scope', message: `the product is not meant for any of the species 別表第3 covers (${s.rule.title}); given: ${(s.r.leaves[0]?.factValue as string[] | null)?.join('、') ?? '—'}` }],
    };
  }
  const applied = withTri(cands, true);
  if (applied.length && scopeTri === true) return { status: 'required', decidedBy: cite(idsOf(applied)), reasons: [] };
  const open = withTri(cands, 'unknown');
  if (applied.length || open.length) {
    // scope unknown, or a listing undetermined
    const reasons = [...(scopeTri === 'unknown' ? scope.flatMap((s) => reasonsOf(s.r.leaves)) : []), ...open.flatMap(candReasons)];
    return { status: 'unknown', decidedBy: cite(idsOf(applied, open)), reasons: dedupeReasons(reasons.length ? reasons : [{ code: 'missing-fact', message: 'a listing could not be decided' }]) };
  }
  return notListed(cands, 'not_required', 'yoshiji', cite);
}

export function notListed<S>(cands: Candidate[], status: S, family: Family, cite: (ids: string[]) => string[]): Decided<S> {
  const excluded = cands.filter((c) => c.tri === false && c.listingTri !== false);
  const failed = cands.filter((c) => c.tri === false);
  if (excluded.length)
    return {
      status,
      decidedBy: cite(idsOf(excluded)),
      reasons: [{ code: 'excluded', message: `listed, but excluded: ${uniq(excluded.flatMap((c) => c.exclusions.filter((x) => x.tri === true).map((x) => x.rule.title))).join(' / ')}` }],
    };
  if (failed.length)
    return {
      status,
      decidedBy: cite(idsOf(failed)),
      reasons: [{ code: 'conditions-not-met', message: `listed entries do not apply: ${uniq(failed.map((c) => c.rule.title)).join(' / ')}` }],
    };
  return { status, decidedBy: [...closedList[family]], reasons: [{ code: 'not-listed', message: `no ingredient is listed in ${family === 'yoshiji' ? '別表第3 (第168条)' : family === 'shitei' ? '別表第1 (第115条の2)' : '別表第2'}` }] };
}

/**
 * What 別表第2 alone can settle for each ingredient, on the guidance's reading (12畜A第728号 第5 1(1):
 * 別表第2 lists the strongly toxic animal-only drugs, which are therefore not in 施行規則別表第3):
 * `listed[i]` — 別表第2 names the ingredient's substance in the form given or another form (so an
 * entry that does not apply — excepted by its ただし, or worded for 原体 only / 製剤 only — leaves it
 * outside 別表第2 and, by the guidance, outside the human list); `linked[i]` — 第163条 names the
 * substance (its items take human-list substances out of the human-list route), so the human list may
 * still list it and the guidance's reading does not apply. Computed by evaluate.ts.
 */
export interface GuidanceFacts {
  listed: boolean[];
  linked: boolean[];
  /** the guidance paragraph (annotation) the reading rests on */
  view: GuidanceView;
  /** the 別表第2 entries (corpus ids) that name each listed ingredient's substance */
  entries: string[][];
}

export function decidePoison(resolutions: IngredientResolution[], cands: Candidate[], cite: (ids: string[]) => string[], guidance?: GuidanceFacts): Decided<PoisonStatus> {
  const by = (o: string, t: Tri) => {
    const out: Candidate[] = [];
    for (const c of cands) if (c.tri === t && c.rule.outcome === o) out.push(c);
    return out;
  };
  const doku = by('毒薬', true);
  if (doku.length) return { status: '毒薬', decidedBy: cite(idsOf(doku)), reasons: [] };
  const dokuOpen = by('毒薬', 'unknown');
  const geki = by('劇薬', true);
  if (geki.length && !dokuOpen.length) return { status: '劇薬', decidedBy: cite(idsOf(geki)), reasons: [] };
  const gekiOpen = by('劇薬', 'unknown');
  if (geki.length || dokuOpen.length || gekiOpen.length) {
    const open = [...dokuOpen, ...gekiOpen];
    return {
      status: 'unknown',
      decidedBy: cite(idsOf(geki, open)),
      reasons: dedupeReasons([
        ...(geki.length ? [{ code: 'undetermined', message: `at least 劇薬 (${geki.map((c) => c.rule.title.slice(0, 40)).join(' / ')}); 毒薬 cannot be ruled out` }] : []),
        ...open.flatMap(candReasons),
      ]),
    };
  }
  // Not in 別表第2 (or excepted by a proviso): settled only by 第163条's exclusions (outcome none).
  const settled = new Set<number>();
  const noneApplied = by('none', true);
  for (const c of noneApplied) if (c.ingredient !== undefined) settled.add(c.ingredient);
  const noneOpen = by('none', 'unknown');
  const unsettled = resolutions.map((r, i) => ({ r, i })).filter(({ i }) => !settled.has(i));
  const excepted = cands.filter((c) => (c.rule.outcome === '毒薬' || c.rule.outcome === '劇薬') && c.tri === false);
  // none: 第163条 settles every ingredient; the 別表第2 entries that excepted them decide it too
  if (!unsettled.length) return { status: 'none', decidedBy: cite(idsOf(noneApplied, excepted.filter((c) => c.exceptions.some((e) => e.r.tri === true)))), reasons: [] };
  // 別表第2 decides for its own substances (the guidance): every unsettled ingredient is one 別表第2
  // names and 第163条 does not link to the human list → none, basis guidance
  if (guidance && !noneOpen.length && unsettled.every(({ i }) => guidance.listed[i] && !guidance.linked[i])) {
    const byGuidance = unsettled.map(({ r }) => r.input).join('、');
    return {
      status: 'none',
      basis: 'guidance',
      guidance: [guidance.view],
      decidedBy: cite([
        ...idsOf(noneApplied, excepted.filter((c) => c.ingredient !== undefined && !settled.has(c.ingredient))),
        ...unsettled.flatMap(({ i }) => guidance.entries[i]),
      ]),
      reasons: [
        {
          code: 'guidance-basis',
          message: `${byGuidance}: 別表第2 names the substance but its entry does not cover this product (excepted by its proviso, or worded for the substance only / for 製剤 only); 別表第2 lists animal-only drugs that are not in 施行規則別表第3 (${guidance.view.label}), so the product is neither 毒薬 nor 劇薬`,
        },
      ],
    };
  }
  return {
    status: 'unknown',
    decidedBy: cite(idsOf(excepted, noneApplied)),
    reasons: dedupeReasons([
      ...noneOpen.flatMap(candReasons),
      {
        code: 'source-not-available',
        message: `${unsettled.map(({ r }) => r.input).join('、')}: not 毒薬・劇薬 by 別表第2${excepted.length ? ' (excepted by its proviso)' : ''}; whether it is under 施行規則別表第3 (the human list, which 第163条 also adopts) cannot be decided — that list is not in our sources`,
      },
    ]),
  };
}

export function decideDesignated(cands: Candidate[], poison: Decided<string>, cite: (ids: string[]) => string[]): Decided<DesignatedStatus> {
  const applied = withTri(cands, true);
  if (applied.length) {
    const ids: string[] = [];
    for (const c of applied) {
      decidingIds(c, ids);
      if (c.rule.when?.poison !== undefined) pushAll(ids, poison.decidedBy);
    }
    return { status: 'designated', decidedBy: cite(ids), reasons: [] };
  }
  const open = withTri(cands, 'unknown');
  if (open.length) return { status: 'unknown', decidedBy: cite(idsOf(open)), reasons: dedupeReasons(open.flatMap(candReasons)) };
  const no = notListed<DesignatedStatus>(cands, 'not_designated', 'shitei', cite);
  // 第1号・第2号 read the poison answer: when that rests on the guidance, so does this one
  if (poison.basis === 'guidance' && cands.some((c) => c.rule.when?.poison !== undefined)) return { ...no, basis: 'guidance', guidance: poison.guidance, decidedBy: cite([...no.decidedBy, ...poison.decidedBy]) };
  return no;
}

/**
 * Species the input names but doyaku does not recognise: the 要指示 answer depends on the species
 * (別表第3's 柱書 and species-worded listings, all "any of"), so an unrecognised name makes it unknown
 * (`unknown-species`, with suggestions) — unless it is `required` already, which a further species
 * cannot undo. 毒薬・劇薬 and 指定医薬品 do not read the species.
 */
export function applyUnknownSpecies(yoshiji: { status: YoshijiStatus; reasons: Reason[] }, unknown: { input: string; index: number; suggestions?: string[] }[], recognised = true): void {
  if (!unknown.length) return;
  const without = yoshiji.status;
  const reasons: Reason[] = unknown.map((u) => ({
    code: 'unknown-species',
    field: `/species/${u.index}`,
    message: `'${u.input}' is not a recognised species${u.suggestions?.length ? ` (did you mean ${u.suggestions.join('、')}?)` : ''}; give one of 牛 馬 めん羊 山羊 豚 犬 猫 鶏, or another animal by its common name (うさぎ, ぶり …)${without === 'required' ? `; it cannot change this answer (required)` : recognised ? `; the recognised species alone would give: ${without}` : ''}`,
    suggestions: u.suggestions ?? [],
  }));
  if (without === 'required') {
    yoshiji.reasons.push(...reasons);
    return;
  }
  yoshiji.status = 'unknown';
  yoshiji.reasons = [...reasons, ...yoshiji.reasons.filter((r) => r.code !== 'species-out-of-scope' && !(r.code === 'missing-fact' && r.field === '/species'))];
}

/**
 * 別表第2 decides for its own substances (docs/dokugeki.md § How 第163条 is read, step 5): the MAFF
 * guidance 12畜A第728号 第5 1(1) says 別表第2 lists the strongly toxic drugs that are animal-only and
 * therefore NOT in 施行規則別表第3 (the human list). So for a substance 別表第2 names and 第163条 does not
 * link to the human list, an entry that does not cover the product (excepted by its ただし; worded for
 * 原体 only or 製剤 only) leaves it outside both lists: `none`, basis `guidance`. The facts for
 * {@link decidePoison} are computed here from the rules in force and the ingredient resolutions.
 */
import type { IngredientMatch, IngredientResolution } from '../ingredients/types.js';
import type { Rule } from '../rules/model.js';
import type { FamilyIndex } from '../rules/ruleset.js';
import type { GuidanceFacts } from './decide.js';
import type { GuidanceView } from './model.js';

/**
 * The guidance paragraph, verbatim (its second sentence: the reason 別表第2 exists); checked against
 * data/annotations/annotations.json by test/rules/guidance.test.ts.
 */
export const guidanceT2: GuidanceView = Object.freeze({
  id: 'G5-1-p1',
  label: '12畜A第728号 第5 1 (1)',
  excerpt:
    'この規則別表第二は、毒性又は劇性が強いものであって動物専用医薬品であるため厚生労働大臣の所管外となり薬事法施行規則別表第三に掲げられていないものを掲げるものである。',
  interprets: Object.freeze(['T2', 'A163']) as unknown as string[],
});

const entriesCache = new WeakMap<FamilyIndex, WeakMap<IngredientResolution, string[]>>();

const poisonOutcome = (r: Rule) => r.role === 'listing' && (r.outcome === '毒薬' || r.outcome === '劇薬');

/** The substance keys and classes 第163条 names (its items' substances, and what those resolve to: 亜セレン酸ナトリウム → 亜セレン酸). */
const linkedCache = new WeakMap<FamilyIndex, Set<string>>();
function linkedKeys(fi: FamilyIndex, resolve: (name: string) => IngredientResolution | undefined): Set<string> {
  let s = linkedCache.get(fi);
  if (s) return s;
  s = new Set<string>();
  for (const r of fi.listings) {
    if (r.outcome !== 'none') continue;
    for (const c of r.classes) s.add(c);
    for (const name of r.substances) {
      s.add(name);
      const res = resolve(name);
      for (const m of res?.matches ?? []) if (m.path === 'exact' || m.path === 'alias' || m.path === 'salt') s.add(m.key);
      for (const c of res?.classes ?? []) s.add(c.name);
    }
  }
  linkedCache.set(fi, s);
  return s;
}

/**
 * For each ingredient: does 別表第2 name its substance (in some form: `covers` with 製剤 and with 原体),
 * and does 第163条 link it to the human list. `covers(rule, match, isPreparation)` is evaluate.ts's
 * coverage test (passed in: no import circle).
 */
export function guidanceFacts(
  fi: FamilyIndex,
  resolutions: IngredientResolution[],
  resolve: (name: string) => IngredientResolution | undefined,
  covers: (rule: Rule, m: IngredientMatch, isPreparation: boolean) => boolean,
): GuidanceFacts {
  const linked = linkedKeys(fi, resolve);
  let perRes = entriesCache.get(fi);
  if (!perRes) entriesCache.set(fi, (perRes = new WeakMap()));
  const cache = perRes;
  const entries = resolutions.map((res) => {
    const hit = cache.get(res);
    if (hit) return hit;
    const ids: string[] = [];
    for (const m of res.matches)
      for (const rule of fi.bySubstance.get(m.key) ?? []) if (poisonOutcome(rule) && (covers(rule, m, true) || covers(rule, m, false))) ids.push(...rule.citations.filter((c) => c.startsWith('T2-')));
    for (const c of res.classes)
      for (const rule of fi.byClass.get(c.name) ?? []) {
        const m: IngredientMatch = { key: c.name, path: 'class', curated: c.curated, reasoning: c.reasoning };
        if (poisonOutcome(rule) && (covers(rule, m, true) || covers(rule, m, false))) ids.push(...rule.citations.filter((x) => x.startsWith('T2-')));
      }
    const out = Object.freeze([...new Set(ids)]) as string[];
    cache.set(res, out); // resolutions are cached and frozen per name (evaluate.ts): one computation per name and rules window
    return out;
  });
  return {
    listed: entries.map((e) => e.length > 0),
    linked: resolutions.map((res) => res.matches.some((m) => linked.has(m.key)) || res.classes.some((c) => linked.has(c.name))),
    view: guidanceT2,
    entries,
  };
}

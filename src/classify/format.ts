/** Human-readable output of a classification (doyaku classify without --json). */
import type { Classification, ConditionResult, FamilyAnswer, Product } from './model.js';
import { describeThreshold } from '../rules/operators.js';
import type { Threshold } from '../rules/model.js';

const mark = (r: boolean | 'unknown' | undefined) => (r === true ? '✓' : r === false ? '✗' : '?');

function showValue(c: ConditionResult): string {
  if (c.operator === 'contentThreshold') return describeThreshold(c.value as Threshold);
  if (c.operator === 'extraIn') return (c.value as { values: unknown[] }).values.join('|');
  return Array.isArray(c.value) ? c.value.join('|') : String(c.value);
}

function showFact(v: unknown): string {
  if (v === null || v === undefined) return '(not given)';
  if (Array.isArray(v)) return v.map((x) => (x && typeof x === 'object' ? showFact(x) : String(x))).join('、');
  if (typeof v === 'object') {
    const o = v as { value?: number; unit?: string; per?: { value: number; unit: string }; as?: string };
    if (o.value !== undefined) return `${o.per ? `${o.per.value}${o.per.unit}中 ` : ''}${o.value}${o.unit}${o.as ? ` (${o.as}として)` : ''}`;
    return JSON.stringify(v);
  }
  return String(v);
}

const factLabel: Record<string, string> = {
  species: 'species',
  dosageForm: 'form',
  applicationSite: 'site',
  isPreparation: '製剤',
  substances: 'contains',
  classes: 'class',
  ingredient: 'ingredient',
  poison: '毒薬・劇薬',
  content: 'content',
};

function family(title: string, a: FamilyAnswer<unknown>, statusText: string): string[] {
  const out = [`${title}: ${statusText}`];
  const labels = new Map(a.matched.flatMap((m) => m.citations.map((c) => [c.id, c.label] as const)));
  if (a.decidedBy.length) out.push(`  decided by: ${a.decidedBy.map((id) => (labels.has(id) ? `${labels.get(id)} [${id}]` : id)).join(', ')}`);
  for (const r of a.reasons) out.push(`  ${r.code === 'missing-fact' ? `missing fact ${r.field ?? ''}` : r.code}: ${r.message}`);
  if (a.basis === 'guidance') for (const g of a.guidance ?? []) out.push(`  basis: guidance — ${g.label} [${g.id}]: ${g.excerpt}`);
  for (const m of a.matched) {
    if (m.result === false && m.role !== 'listing' && m.role !== 'scope') continue;
    const ing = m.ingredient ? `  ← ${m.ingredient.input}${m.ingredient.path !== 'exact' ? ` (${m.ingredient.path}${m.ingredient.curated ? ', curated' : ''})` : ''}` : '';
    const title = m.title.length > 60 ? `${m.title.slice(0, 60)}…` : m.title;
    out.push(`  ${mark(m.result)} ${m.role.padEnd(10)} ${m.rule}  ${title}${ing}`);
    // a listing shows its own conditions; provisos, exclusions and carve-backs that held (or are
    // unknown) are listed as their own entries with theirs
    const shown = m.role === 'listing' || m.role === 'exclusion' ? m.conditions.filter((c) => c.part === 'when' || c.part === undefined) : m.conditions;
    for (const c of shown) {
      const label = factLabel[c.fact] ?? c.fact.replace(/^extra\./, '');
      out.push(`        ${mark(c.result)} ${c.part && c.part !== 'when' ? `${c.part.split('#')[1] ?? c.part}: ` : ''}${label} ${c.operator === 'contentThreshold' ? '' : 'in '}${showValue(c)} — given ${showFact(c.factValue)}`);
    }
  }
  return out;
}

export function formatClassification(a: Classification, product?: Product): string {
  const lines: string[] = [];
  if (product) {
    const ings = product.ingredients.map((i) => `${i.name}${i.content ? ` ${showFact(i.content)}` : ''}`).join(' + ');
    lines.push(`${ings} | ${product.dosageForm}${product.applicationSite ? ` (${product.applicationSite})` : ''} | ${product.species?.join('、') ?? '(species not given)'}`);
  }
  lines.push(`asOf ${a.asOf} · rules ${a.rulesetVersion} (${a.contentHash.slice(0, 12)})`);
  for (const i of a.ingredients) for (const c of i.conversions ?? []) lines.push(`conversion: ${c.step}`);
  lines.push('');
  const yj = { required: '要指示医薬品 (required)', not_required: '要指示医薬品ではない (not required)', unknown: 'unknown' }[a.yoshiji.status];
  lines.push(...family('要指示 yoshiji', a.yoshiji, yj));
  lines.push('');
  const ps = { 毒薬: '毒薬', 劇薬: '劇薬', none: 'neither 毒薬 nor 劇薬 (none)', unknown: 'unknown' }[a.poison.status];
  lines.push(...family('毒薬・劇薬 poison', a.poison, ps));
  lines.push('');
  const ds = a.designated.status === 'designated' ? '指定医薬品 (designated)' : a.designated.status === 'not_designated' ? '指定医薬品ではない (not designated)' : 'unknown';
  lines.push(...family('指定医薬品 designated', a.designated, ds));
  lines.push('');
  const cited = new Map<string, string>();
  for (const f of [a.yoshiji, a.poison, a.designated]) for (const m of f.matched) for (const c of m.citations) if (f.decidedBy.includes(c.id)) cited.set(c.id, `${c.label}: ${c.excerpt}`);
  if (cited.size) {
    lines.push('citations:');
    for (const [id, t] of cited) lines.push(`  ${id.padEnd(12)} ${t}`);
    lines.push('');
  }
  for (const c of a.caveats) lines.push(`note: ${c}`);
  return lines.join('\n') + '\n';
}

/** Human-readable text for retention answers and obligation listings (`doyaku retention`). */
import type { ObligationsAnswer, RetentionAnswer } from './model.js';

export function formatRetention(a: RetentionAnswer): string {
  const lines: string[] = [];
  const head = a.status === 'computed' ? `keep until ${a.keepUntil} (inclusive)` : a.status === 'no-period' ? 'no period (keep; the text sets no length)' : a.status === 'until-event' ? 'keep until an event (date not given)' : 'unknown';
  lines.push(`${a.rule.id}: ${head}`);
  lines.push(`  ${a.rule.provision}: ${a.rule.holders.join('・')} — ${a.rule.record}`);
  lines.push(`  kind: ${a.kind}${a.variant && a.variant !== 'default' ? `; variant: ${a.variant}` : ''}`);
  lines.push(`  「${a.wording.join('」「')}」`);
  if (a.rule.via) lines.push(`  through 準用: ${a.rule.via.provision} (original ${a.rule.via.original})${a.rule.via.readAs ? ` — 読み替え: ${a.rule.via.readAs}` : ''}`);
  for (const s of a.steps) lines.push(`  - ${s.text}`);
  if (a.needs?.length) lines.push(`  needs: ${a.needs.join(', ')}`);
  for (const c of a.candidates ?? []) lines.push(`  candidate ${c.id}: ${c.keepUntil ?? '—'}  (${c.text})${c.needs ? ` needs ${c.needs.join(', ')}` : ''}`);
  for (const r of a.reasons) lines.push(`  ${r.code}: ${r.message}`);
  for (const c of a.citations) lines.push(`  [${c.id}] ${c.label}: ${c.excerpt}`);
  lines.push(`  ruleset ${a.rulesetVersion} ${a.contentHash.slice(0, 12)} asOf ${a.asOf}`);
  return lines.join('\n') + '\n';
}

export function formatObligations(a: ObligationsAnswer): string {
  const lines = [`${a.query.holder ?? a.query.license}: ${a.count} obligation${a.count === 1 ? '' : 's'} (asOf ${a.asOf})`];
  for (const o of a.obligations) {
    lines.push(`- ${o.record}`);
    lines.push(`    ${o.period}${o.kind !== 'mandatory' ? ` [${o.kind}]` : ''} — ${o.provision} (${o.rule})`);
    for (const v of o.variants) lines.push(`    variant ${v.id}: ${v.title} → ${v.period}`);
    if (o.onlyIf) lines.push(`    only if: ${o.onlyIf.text} (${o.onlyIf.citations.map((c) => c.label).join(', ')}; give ${o.onlyIf.field})`);
  }
  for (const x of a.excluded) lines.push(`not for this licence: ${x.rule} — ${x.reason}`);
  if (a.needs?.length) lines.push(`needs: ${a.needs.join(', ')}`);
  lines.push(`ruleset ${a.rulesetVersion} ${a.contentHash.slice(0, 12)}`);
  return lines.join('\n') + '\n';
}

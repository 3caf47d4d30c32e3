/** Human-readable output of report answers (doyaku report). */
import type { ReportDeadlineAnswer, ReportObligationsAnswer } from './model.js';

const STATUS: Record<ReportDeadlineAnswer['status'], string> = {
  computed: '期限あり',
  promptly: '速やかに（期日の定めなし）',
  'not-required': '規則上の報告事項に当たらない',
  unknown: '不明（unknown）',
};

export function formatReportDeadline(a: ReportDeadlineAnswer): string {
  const lines: string[] = [];
  lines.push(`報告期限: ${STATUS[a.status]}${a.dueDate ? ` — ${a.dueDate} まで（当日を含む）` : ''}   [${a.status}]`);
  if (a.rule) lines.push(`report kind: ${a.rule.id} — ${a.rule.title}`, `  (${a.rule.source.file}:${a.rule.source.line}${a.rule.actSource ? `; implements ${a.rule.actSource}` : ''}; basis ${a.rule.basis})`);
  if (a.holder) lines.push(`reporter: ${a.holder.holder} (the ordinance: ${a.holder.named})`);
  if (a.deadline?.start) lines.push(`start: ${a.deadline.start.event}${a.deadline.start.date ? ` = ${a.deadline.start.date}` : ' (date not given)'}${a.deadline.firstDay ? `; ${a.deadline.firstDay}` : ''}`);
  if (a.cycle) lines.push(`cycle: 第${a.cycle.number}期 ${a.cycle.from}〜${a.cycle.end}`);
  if (a.deadline?.variants.length) lines.push(`variants applied: ${a.deadline.variants.join(', ')}`);
  if (a.steps.length) {
    lines.push('steps:');
    for (const s of a.steps) lines.push(`  ${s.date}  ${s.text}`);
  }
  if (a.wording.length) {
    lines.push('wording:');
    for (const w of a.wording) lines.push(`  「${w.text}」 (${w.citations.map((c) => c.label).join(', ')})`);
  }
  if (a.candidates.length) {
    lines.push('candidates:');
    for (const c of a.candidates)
      lines.push(`  ${c.rule}${c.variants?.length ? ` [${c.variants.join('+')}]` : ''}: ${c.status}${c.dueDate ? ` ${c.dueDate}` : ''}${c.applies === 'unknown' ? ' (applies? unknown)' : ''}${c.needs.length ? ` needs ${c.needs.join(', ')}` : ''}`);
    if (a.earliestDueDate) lines.push(`  earliest due date among them: ${a.earliestDueDate}`);
  }
  if (a.status === 'not-required') {
    const failed = a.conditions.filter((c) => c.result === false);
    if (failed.length) lines.push('conditions that did not hold:', ...failed.map((c) => `  ${c.rule}: ${c.fact} ${c.operator} ${JSON.stringify(c.value)} (is ${JSON.stringify(c.factValue)})`));
  }
  if (a.alsoApplies.length) lines.push(`also applies: ${a.alsoApplies.join(', ')}`);
  if (a.needs.length) lines.push(`needs: ${a.needs.join(', ')}`);
  for (const r of a.reasons) lines.push(`reason ${r.code}${r.field ? ` ${r.field}` : ''}: ${r.message}${r.suggestions?.length ? ` (${r.suggestions.join(', ')})` : ''}`);
  if (a.citations.length) {
    lines.push('citations:');
    for (const c of a.citations) lines.push(`  ${c.label} [${c.id}] ${c.excerpt}`);
  }
  for (const g of a.guidance) lines.push(`guidance ${g.label} [${g.id}]: ${g.excerpt}`);
  lines.push(`ruleset ${a.rulesetVersion} (${a.contentHash.slice(0, 12)}), asOf ${a.asOf}`);
  return lines.join('\n') + '\n';
}

export function formatReportObligations(a: ReportObligationsAnswer): string {
  const lines: string[] = [`${a.holder ?? 'every reporter'}: ${a.obligations.length} report obligation${a.obligations.length === 1 ? '' : 's'} (asOf ${a.asOf})`];
  for (const o of a.obligations) {
    lines.push(`- ${o.rule}: ${o.title}`);
    lines.push(`    ${o.holder}（${o.named}）; ${o.productTypes.join('・')}; events ${o.events.join(', ')}`);
    lines.push(`    期限: ${o.deadline}`);
    lines.push(`    ${o.citations.map((c) => c.label).join(', ')}${o.actSource ? `; ${o.actSource}` : ''}`);
  }
  for (const r of a.reasons) lines.push(`reason ${r.code}: ${r.message}`);
  lines.push(`ruleset ${a.rulesetVersion} (${a.contentHash.slice(0, 12)})`);
  return lines.join('\n') + '\n';
}

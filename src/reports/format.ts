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
  if (a.rule) lines.push(`報告の種類 (report kind): ${a.rule.id} — ${a.rule.title}`, `  (${a.rule.source.file}:${a.rule.source.line}${a.rule.actSource ? `; 法の根拠 ${a.rule.actSource}` : ''}; basis ${a.rule.basis})`);
  if (a.holder) lines.push(`報告者 (reporter): ${a.holder.holder}（規則の文言: ${a.holder.named}）`);
  if (a.deadline?.start) lines.push(`起算 (start): ${a.deadline.start.event}${a.deadline.start.date ? ` = ${a.deadline.start.date}` : '（日付の指定なし / date not given）'}${a.deadline.firstDay ? `; ${a.deadline.firstDay}` : ''}`);
  if (a.cycle) lines.push(`報告期間 (cycle): 第${a.cycle.number}期 ${a.cycle.from}〜${a.cycle.end}`);
  if (a.deadline?.variants.length) lines.push(`適用した変更事由 (variants applied): ${a.deadline.variants.join(', ')}`);
  if (a.steps.length) {
    lines.push('期間の計算 (steps):');
    for (const s of a.steps) lines.push(`  ${s.date}  ${s.text}`);
  }
  if (a.wording.length) {
    lines.push('規定の文言 (wording):');
    for (const w of a.wording) lines.push(`  「${w.text}」 (${w.citations.map((c) => c.label).join(', ')})`);
  }
  if (a.candidates.length) {
    lines.push('候補 (candidates):');
    for (const c of a.candidates)
      lines.push(`  ${c.rule}${c.variants?.length ? ` [${c.variants.join('+')}]` : ''}: ${c.status}${c.dueDate ? ` ${c.dueDate}` : ''}${c.applies === 'unknown' ? '（該当するか不明 / applies? unknown）' : ''}${c.needs.length ? ` needs ${c.needs.join(', ')}` : ''}`);
    if (a.earliestDueDate) lines.push(`  候補のうち最も早い期限 (earliest due date among them): ${a.earliestDueDate}`);
  }
  if (a.status === 'not-required') {
    const failed = a.conditions.filter((c) => c.result === false);
    if (failed.length) lines.push('満たされなかった条件 (conditions that did not hold):', ...failed.map((c) => `  ${c.rule}: ${c.fact} ${c.operator} ${JSON.stringify(c.value)} (is ${JSON.stringify(c.factValue)})`));
  }
  if (a.alsoApplies.length) lines.push(`併せて該当 (also applies): ${a.alsoApplies.join(', ')}`);
  if (a.needs.length) lines.push(`不足している事実 (needs): ${a.needs.join(', ')}`);
  for (const r of a.reasons) lines.push(`理由 (reason) ${r.code}${r.field ? ` ${r.field}` : ''}: ${r.message}${r.suggestions?.length ? ` (${r.suggestions.join(', ')})` : ''}`);
  if (a.citations.length) {
    lines.push('根拠条文 (citations):');
    for (const c of a.citations) lines.push(`  ${c.label} [${c.id}] ${c.excerpt}`);
  }
  for (const g of a.guidance) lines.push(`通知 (guidance) ${g.label} [${g.id}]: ${g.excerpt}`);
  lines.push(`ruleset ${a.rulesetVersion} (${a.contentHash.slice(0, 12)}), asOf ${a.asOf}`);
  return lines.join('\n') + '\n';
}

export function formatReportObligations(a: ReportObligationsAnswer): string {
  const lines: string[] = [`${a.holder ?? 'すべての報告者 (every reporter)'}: 報告義務 ${a.obligations.length} 件 (${a.obligations.length} report obligation${a.obligations.length === 1 ? '' : 's'}) (asOf ${a.asOf})`];
  for (const o of a.obligations) {
    lines.push(`- ${o.rule}: ${o.title}`);
    lines.push(`    ${o.holder}（${o.named}）; ${o.productTypes.join('・')}; 事象 (events) ${o.events.join(', ')}`);
    lines.push(`    期限: ${o.deadline}`);
    lines.push(`    ${o.citations.map((c) => c.label).join(', ')}${o.actSource ? `; ${o.actSource}` : ''}`);
  }
  for (const r of a.reasons) lines.push(`理由 (reason) ${r.code}: ${r.message}`);
  lines.push(`ruleset ${a.rulesetVersion} (${a.contentHash.slice(0, 12)})`);
  return lines.join('\n') + '\n';
}

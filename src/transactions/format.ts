/** Human-readable output of a transaction check (the CLI's default; `--json` gives the answer). */
import type { TransactionAnswer } from './model.js';

const mark = { violation: '✗ 違反', obligation: '● 義務', warning: '▲ 注意', info: 'ℹ 情報' } as const;

export function formatTransaction(a: TransactionAnswer): string {
  const out: string[] = [];
  const verdict = a.ok === true ? '問題なし (ok: true)' : a.ok === false ? '違反あり (ok: false)' : '判断できない (ok: unknown — 事実が不足)';
  out.push(`取引チェック${a.id ? ` ${a.id}` : ''}: ${verdict}`);
  const p = a.product;
  out.push(`  売主: ${a.seller.name} (${a.seller.license})   製品: ${p.category}${p.category === '医薬品' ? `  要指示=${p.yoshiji ?? '?'} 毒劇=${p.poison ?? '?'} 指定=${p.designated ?? '?'} (${p.source})` : ''}`);
  for (const f of a.findings) {
    out.push(`${mark[f.kind]} ${f.ruleId} — ${f.title}`);
    out.push(`    ${f.message.ja}`);
    out.push(`    (${f.message.en})`);
    out.push(`    根拠: ${f.citations.map((c) => c.label).join('、')}${f.act ? `; ${f.act}` : ''}`);
  }
  for (const r of a.records ?? []) {
    const until = r.keepUntil ? (r.deadline.reasons ?? []).some((x) => x.code === 'from-last-entry') ? `保存期限 ${r.keepUntil} 以降（最終の記載の日から起算; この取引の日は下限、後の記載で延びる）` : `保存期限 ${r.keepUntil}` : r.duty === 'effort' ? '保存は努力義務(期間の定めなし)' : r.duty === 'no-period' ? '期間の定めなし' : `保存期限 不明 (${(r.deadline.reasons ?? []).map((x) => x.code).join(', ') || 'unknown'})`;
    out.push(`  記録 [${r.party === 'buyer' ? '買主' : '売主'}: ${r.holder}] ${r.record} — ${until}${r.deadline.source === 'retention' && r.deadline.retentionRule ? ` (${r.deadline.retentionRule})` : ''}`);
    for (const it of r.items) out.push(`      ・${it.text}${it.value !== undefined ? `: ${typeof it.value === 'object' ? JSON.stringify(it.value) : String(it.value)}` : ''}`);
  }
  for (const u of a.undetermined ?? []) out.push(`? 未決 ${u.ruleId} (${u.kind}) — needs ${u.needs.join(', ')}`);
  if (a.needs?.length) out.push(`needs: ${a.needs.join(', ')}`);
  out.push(`[ruleset ${a.rulesetVersion} · ${a.contentHash.slice(0, 12)} · asOf ${a.asOf}]`);
  return out.join('\n') + '\n';
}

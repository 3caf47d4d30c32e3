/** Human-readable output of the license table and of one license (the CLI's default). */
import type { CitationView } from '../rules/answer.js';
import type { LicenseAnswer, LicenseListAnswer } from './model.js';

const labels = (c: CitationView[]) => c.map((x) => x.label).join('、');

export function formatLicenseList(a: LicenseListAnswer): string {
  const out = [`許可・登録・認定・届出 (${a.licenses.length}) — asOf ${a.asOf}`, ''];
  for (const l of a.licenses) out.push(`  ${l.id.replace('licenses.', '').padEnd(20)} ${l.type}  ${l.name}  — ${l.grantor.split('(')[0]} / ${l.products.join('・')}`);
  out.push('', 'doyaku license <id|名称> で詳細 (--json で全情報)');
  return out.join('\n') + '\n';
}

export function formatLicense(a: LicenseAnswer): string {
  const l = a.license;
  const out: string[] = [];
  out.push(`${l.name} (${l.id}) — ${l.type}`, `  名宛人: ${l.holder}`, `  付与者: ${l.grantor.text}  [${labels(l.grantor.citations)}${l.grantor.act ? `; ${l.grantor.act}` : ''}]`);
  const v = l.validity;
  out.push(`  有効期間: ${v.period.status === 'unknown' ? '不明 (source-not-available) — ' : ''}${v.period.text}${v.period.act ? ` [${v.period.act}]` : ''}`);
  out.push(`  更新: ${v.renewal.text}${v.renewal.citations.length ? ` [${labels(v.renewal.citations)}]` : ''}`);
  out.push(`  対象: ${l.products.join('・')}`);
  if (l.kinds.length) out.push('  種類:', ...l.kinds.map((k) => `    - ${k.name} [${labels(k.citations)}]`));
  if (l.divisions.length) out.push('  区分:', ...l.divisions.map((k) => `    - ${k.name} [${labels(k.citations)}]`));
  out.push('  できること:', ...l.may.activities.map((x) => `    - ${x.text} [${labels(x.citations)}${x.act ? `; ${x.act}` : ''}]`));
  if (l.may.items) out.push(`  品目: ${l.may.items.text} [${labels(l.may.items.citations)}]`);
  if (l.may.buyers) out.push(`  譲渡先: ${l.may.buyers.scope === 'listed' ? l.may.buyers.allowed.join('、') : l.may.buyers.text}${l.may.buyers.citations.length ? ` [${labels(l.may.buyers.citations)}]` : ''}`);
  if (l.staffing.length) {
    out.push('  人的要件:');
    for (const s of l.staffing) {
      out.push(`    - ${s.role}${s.when ? `(${s.when})` : ''} [${labels(s.citations)}]`);
      for (const q of s.qualifications) out.push(`        ・${q.text}${q.years !== undefined ? ` (${q.years}年)` : ''}`);
    }
  }
  if (l.records.length) {
    out.push('  記録・帳簿:');
    for (const r of l.records) out.push(`    - ${r.record} — ${r.periodText ?? (r.period ? `${r.start ?? ''}から${r.period.years ?? 0}年` : r.duty === 'effort' ? '努力義務' : r.text ?? '期間の定めなし')} [${labels(r.citations)}]${r.retentionRule ? ` (${r.retentionRule})` : ''}`);
  }
  if (l.designated) out.push(`  指定医薬品(別表第1): ${l.designated.text} [${labels(l.designated.citations)}]`);
  if (l.yoshiji) out.push(`  要指示医薬品: ${l.yoshiji.text} [${labels(l.yoshiji.citations)}]`);
  out.push(`[ruleset ${a.rulesetVersion} · ${a.contentHash.slice(0, 12)} · asOf ${a.asOf}]`);
  return out.join('\n') + '\n';
}

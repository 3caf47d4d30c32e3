/** Human-readable output of the label answers (`doyaku label` without --json). */
import type { ExpiryAnswer, LabelCheck, LabelRequirements, RequiredItem } from './model.js';

const containerNames = { immediate: '直接の容器・被包', outer: '外部の容器・被包', insert: '添付文書等' } as const;
const statusNames = { complete: '記載事項は揃っている / complete', incomplete: '記載事項が欠けている / incomplete', unknown: '判断できない事項がある / unknown' } as const;
const mark: Record<string, string> = { present: '✓', substituted: '≈', omissible: '–', missing: '✗', unknown: '?', 'not-applicable': '·', required: '•' };
const tri = (t: boolean | 'unknown') => (t === true ? 'applies' : t === false ? 'does not apply' : 'unknown');

function cite(r: { citations: { label: string }[] }): string {
  return r.citations.length ? ` (${[...new Set(r.citations.map((c) => c.label))].slice(0, 3).join(', ')})` : '';
}

function itemLine(r: RequiredItem): string {
  const req = r.required === 'unknown' ? ' [要否不明]' : '';
  const as = r.carriedAs && r.carriedAs !== r.item ? ` ← 「${r.carriedAs}」` : '';
  const act = r.act && r.basis === 'act' ? ` [法: ${r.act}]` : '';
  return `  ${mark[r.status] ?? '•'} ${r.item.padEnd(12)} ${r.text}${req}${act}${as}${cite(r)}`;
}

export function formatRequirements(a: LabelRequirements | LabelCheck): string {
  const lines: string[] = [];
  const check = 'status' in a;
  const name = a.product.name ? `${a.product.name} — ` : '';
  lines.push(`${name}${a.product.ivd ? '体外診断用医薬品' : a.product.type} の${containerNames[a.container]} (asOf ${a.asOf})${check ? `: ${statusNames[(a as LabelCheck).status]}` : ''}`);
  if (a.classification.source !== 'not-applicable') lines.push(`  分類 (${a.classification.source}): 要指示 ${a.classification.yoshiji}, 毒劇 ${a.classification.poison}`);
  lines.push('', check ? '記載事項 (✓ あり, ≈ 代替記載, – 省略可, ✗ なし, ? 不明, · 不適用の申告):' : '記載すべき事項 (required items):');
  for (const r of a.required) {
    lines.push(itemLine(r));
    if (!check) {
      for (const c of r.conditionsText ?? []) lines.push(`      if: ${c}`);
      if (r.required === 'unknown') for (const x of r.reasons) lines.push(`      ? ${x.message}`);
    }
  }
  if (a.omissible.length) {
    lines.push('', '省略できる事項 (exemptions):');
    for (const o of a.omissible) {
      lines.push(`  ${o.rule} — ${o.title}: ${tri(o.applies)}${cite(o)}`);
      if (o.items.length) lines.push(`      items: ${o.allItems ? '(all) ' : ''}${o.items.join(', ')}`);
      if (o.instead) lines.push(`      instead: ${o.instead}`);
      for (const c of o.conditionsText) lines.push(`      if: ${c}`);
      if (o.period) lines.push(`      period: ${o.period.text} — ${o.period.from} → ${o.period.end}${o.period.compared ? ` (製造販売 ${o.period.compared}: ${o.period.within === undefined ? '?' : o.period.within ? 'within' : 'after'})` : ''}`);
    }
  }
  if (a.substitutes.length) {
    lines.push('', '代替記載 (substitutes):');
    for (const s of a.substitutes) lines.push(`  ${s.item} → ${s.texts.join(' / ')}: ${tri(s.applies)} — ${s.rule}${cite(s)}`);
  }
  for (const r of a.rewordings) lines.push('', `読み替え: ${r.item} → ${r.newText} (${tri(r.applies)}, ${r.rule})`);
  if (a.findings.length) {
    lines.push('', 'findings:');
    for (const f of a.findings) if (f.kind !== 'unknown') lines.push(`  [${f.kind}] ${f.message}`);
  }
  const ex = (a as LabelCheck).expiry;
  if (ex) lines.push('', formatExpiry(ex).trimEnd());
  if (a.needs.length) lines.push('', `needs: ${a.needs.join(', ')}`);
  lines.push('', `ruleset ${a.rulesetVersion} (${a.contentHash.slice(0, 12)}), asOf ${a.asOf}`);
  for (const c of a.caveats) lines.push(`note: ${c}`);
  return lines.join('\n') + '\n';
}

export function formatExpiry(a: ExpiryAnswer): string {
  const lines: string[] = [];
  const req = a.required === true ? `要 (${a.states})` : a.required === false ? '不要 / not required' : '不明 / unknown';
  lines.push(`使用の期限 (第170条): ${req}${a.rule ? ` — ${a.rule}` : ''}`);
  for (const r of a.reasons) lines.push(`  reason: ${r.message}`);
  if (a.directed) lines.push(`  所長の指示する期日: ${a.directed}`);
  for (const c of [a.computed, a.alternative]) {
    if (!c) continue;
    lines.push(`  使用の期限 ${c.expiry} (${c.startEvent === 'manufacture' ? '製造完了' : '検定終了'}から):`);
    for (const s of c.steps) lines.push(`    ${s.date}  ${s.text}`);
  }
  for (const f of a.findings) lines.push(`  [${f.kind}] ${f.message}`);
  if (a.needs.length) lines.push(`  needs: ${a.needs.join(', ')}`);
  return lines.join('\n') + '\n';
}

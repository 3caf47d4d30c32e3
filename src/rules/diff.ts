/**
 * What changed between two dates: rules added, ended and replaced, each with the amending
 * ordinance (docs/rules-format.md § Versioning).
 */
import type { Rule } from './model.js';
import type { Ruleset } from './ruleset.js';

export interface RuleChange {
  kind: 'added' | 'ended' | 'replaced';
  /** the rule in force at `to` (added, replaced) or at `from` (ended) */
  rule: string;
  title: string;
  family: string;
  /** for replaced: the rule(s) it replaces */
  replaces?: string[];
  /** the date the change takes effect */
  on: string;
  amendedBy: string;
  citations: string[];
}

export interface RulesDiff {
  from: string;
  to: string;
  rulesetVersion: string;
  contentHash: string;
  changes: RuleChange[];
}

/** Changes between the rules in force on `from` and those in force on `to` (from ≤ to). */
export function diffRules(ruleset: Ruleset, from: string, to: string): RulesDiff {
  ruleset.checkAsOf(from);
  ruleset.checkAsOf(to);
  if (to < from) throw new Error(`--to (${to}) is before --from (${from})`);
  const at = (d: string) => new Set(ruleset.rules.filter((r) => ruleset.inForce(r, d)).map((r) => r.id));
  const a = at(from);
  const b = at(to);
  const changes: RuleChange[] = [];
  const replacedOld = new Set<string>();
  for (const id of b) {
    if (a.has(id)) continue;
    const r = ruleset.byId.get(id)!;
    const olds = r.replaces.filter((o) => a.has(o));
    olds.forEach((o) => replacedOld.add(o));
    changes.push(change(r, olds.length ? 'replaced' : 'added', r.effective.from, r.amendedBy, olds.length ? olds : undefined));
  }
  for (const id of a) {
    if (b.has(id) || replacedOld.has(id)) continue;
    const r = ruleset.byId.get(id)!;
    const end = ruleset.endOf(r) ?? to;
    const by = r.endedBy && r.endedBy.on === end ? r.endedBy.amendedBy : r.amendedBy;
    changes.push(change(r, 'ended', end, by));
  }
  changes.sort((x, y) => (x.on < y.on ? -1 : x.on > y.on ? 1 : x.rule < y.rule ? -1 : 1));
  return { from, to, rulesetVersion: ruleset.version, contentHash: ruleset.contentHash, changes };
}

function change(r: Rule, kind: RuleChange['kind'], on: string, amendedBy: string, replaces?: string[]): RuleChange {
  return { kind, rule: r.id, title: r.title, family: r.family, replaces, on, amendedBy, citations: r.citations };
}

export function formatDiff(d: RulesDiff): string {
  const lines = [`rules in force on ${d.from} → ${d.to} (ruleset ${d.rulesetVersion}, ${d.contentHash.slice(0, 12)})`];
  if (!d.changes.length) lines.push('  no changes');
  for (const c of d.changes) {
    const what = c.kind === 'replaced' ? `replaced ${c.replaces!.join(', ')} by ${c.rule}` : `${c.kind} ${c.rule}`;
    lines.push(`  ${c.on}  ${what.padEnd(40)} ${c.title.length > 50 ? `${c.title.slice(0, 50)}…` : c.title}`);
    lines.push(`              by ${c.amendedBy}`);
  }
  return lines.join('\n') + '\n';
}

/**
 * Which records must this business keep, and for how long? Every retention rule in force whose
 * holders (as the ordinance names them) or licences match, including what reaches the business
 * through 準用 (those rules carry `via`), and the provisions that expressly leave the licence out.
 */
import type { Corpus } from '../corpus/model.js';
import { compileCondition } from '../rules/conditions.js';
import { describePeriod, today } from '../rules/dates.js';
import { validateInput } from '../rules/input.js';
import { nearest } from '../rules/nearest.js';
import type { Ruleset } from '../rules/ruleset.js';
import { RetentionError, citationView, provisionLabel, type RetentionRule } from './calculate.js';
import type { Keep, ObligationsAnswer, ObligationsRequest, ObligationView, RetentionSpec } from './model.js';

/** The period in short, in Japanese (最終の記載の日から2年, …の日まで, 期間の定めなし …). */
export function describeKeep(k: Keep): string {
  switch (k.type) {
    case 'period':
      return `${k.start.text}${k.start.instead ? `(${k.start.instead.title}: ${k.start.instead.text})` : ''}から${k.addValidity ? '有効期間＋' : ''}${describePeriod(k.period)}${k.countFirstDay ? '（起算して）' : ''}`;
    case 'until':
      return `${k.text}まで`;
    case 'open':
      return `起算日の定めなし（候補: ${k.candidates.map((c) => c.text).join(' / ')}）`;
    case 'designated':
      return '農林水産大臣が指示する期間';
    case 'none':
      return '期間の定めなし';
    case 'act':
      return `${k.article}による（法の本文は未収録）`;
  }
}

function view(corpus: Corpus, r: RetentionRule): ObligationView {
  const s = r.spec;
  return {
    rule: r.id,
    title: s.title,
    holders: s.holders,
    record: s.record,
    scope: s.scope,
    kind: s.kind,
    period: describeKeep(s.keep),
    wording: s.wording,
    variants: (s.variants ?? []).map((v) => ({
      id: v.id,
      title: v.title,
      period: v.keep ? describeKeep(v.keep) : v.laterOf ? `${describeKeep(s.keep)}と${describeKeep(v.laterOf)}のいずれか遅い日まで` : describeKeep(s.keep),
    })),
    provision: provisionLabel(corpus, r),
    citations: [...new Set([...s.citations, ...(s.via?.citations ?? [])])].map((id) => citationView(corpus, id, [s.wording])),
    ...(s.via
      ? { via: { provision: s.via.provision, label: corpus.nodes.get(s.via.provision)?.label ?? s.via.provision, original: s.via.original, originalLabel: corpus.nodes.get(s.via.original)?.label ?? s.via.original } }
      : {}),
  };
}

/** Every holder name the rules in force use. */
export function retentionHolders(ruleset: Ruleset, asOf: string): string[] {
  return [...new Set(ruleset.familyRules<RetentionSpec>('retention', asOf).flatMap((r) => r.spec.holders))].sort();
}

export function retentionObligations(ruleset: Ruleset, corpus: Corpus, request: ObligationsRequest): ObligationsAnswer {
  const req = validateInput<ObligationsRequest>('retention-obligations.request.schema.json', request, 'invalid-obligations-request', 'obligations request');
  const asOf = ruleset.checkAsOf(req.asOf ?? today());
  const all = ruleset.familyRules<RetentionSpec>('retention', asOf);
  let hits: RetentionRule[];
  if (req.holder !== undefined) {
    hits = all.filter((r) => r.spec.holders.includes(req.holder!));
    if (!hits.length) {
      const holders = retentionHolders(ruleset, asOf);
      const near = [...new Set([...holders.filter((h) => h.includes(req.holder!) || req.holder!.includes(h)), ...nearest(req.holder, holders, 3)])].slice(0, 5);
      throw new RetentionError('unknown-holder', `no retention obligation names the holder '${req.holder}'${near.length ? `; did you mean ${near.join(', ')}?` : ''}`, [], near);
    }
  } else hits = all.filter((r) => r.spec.licenses.includes(req.license!));
  const excluded = req.license
    ? all.flatMap((r) => (r.spec.notFor ?? []).filter((n) => n.license === req.license).map((n) => ({ rule: r.id, reason: n.reason, citations: n.citations.map((id) => citationView(corpus, id)) })))
    : [];
  // listed by licence, an obligation binding only some of its holders (onlyIf): the facts decide;
  // not given, it is listed with its condition and the answer says what is needed (unknown is not no)
  const needs = new Set<string>();
  const undecided = new Map<string, NonNullable<ObligationView['onlyIf']>>();
  if (req.license !== undefined)
    hits = hits.filter((r) => {
      const o = r.spec.onlyIf;
      if (!o) return true;
      const ev = compileCondition(o.when).evaluate((req.facts ?? {}) as Record<string, unknown>);
      if (ev.result === true) return true;
      if (ev.result === false) {
        excluded.push({ rule: r.id, reason: o.reason, citations: o.citations.map((id) => citationView(corpus, id)) });
        return false;
      }
      const fields = ev.reasons.map((x) => (x.field ?? '').replace(/^\//, '').replace(/^facts\//, '')).filter(Boolean);
      for (const f of fields) needs.add(f);
      undecided.set(r.id, { text: o.text, field: `/facts/${fields[0] ?? ''}`, citations: o.citations.map((id) => citationView(corpus, id)) });
      return true;
    });
  return {
    rulesetVersion: ruleset.version,
    contentHash: ruleset.contentHash,
    asOf,
    caveats: [
      ruleset.caveat,
      ...(req.license ? ['Listed by licence: the holders of a licence include its managers and responsible persons where the ordinance puts the duty on them (e.g. 医療機器修理責任技術者).'] : []),
      ...(needs.size ? [`Some obligations bind only some holders of the licence (onlyIf); give ${[...needs].map((f) => `/facts/${f}`).join(', ')} to decide them.`] : []),
    ],
    query: req.holder !== undefined ? { holder: req.holder } : { license: req.license, ...(req.facts ? { facts: req.facts } : {}) },
    count: hits.length,
    obligations: hits.map((r) => {
      const v = view(corpus, r);
      const u = undecided.get(r.id);
      return u ? { ...v, onlyIf: u } : v;
    }),
    ...(needs.size ? { needs: [...needs] } : {}),
    excluded,
  };
}

/**
 * The audit of the retention rules against the corpus: every node that says 保存・保管 (or 帳簿・台帳・
 * 名簿を備え) is cited by a retention rule or listed, with its reason, in not-obligations.yaml; every
 * 準用 provision that applies an article holding a keeping duty is the `via` of a rule or listed
 * there; every rule's wording and ただし書 are verbatim in its cited text; the counts per chapter and
 * per kind are the ones docs/retention.md gives.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { RetentionSpec } from '../../src/retention/model.js';
import type { FamilyRule } from '../../src/rules/family.js';
import { retentionKb } from './kb.js';

const listed = parse(readFileSync(join(import.meta.dirname, 'not-obligations.yaml'), 'utf8')) as {
  nodes: Record<string, { reason: string }>;
  applications: Record<string, { reason: string }>;
};
const KEEP = /保存|保管|帳簿を備え|台帳を備え|名簿を備え/;

async function setup() {
  const kb = await retentionKb();
  const rules = kb.ruleset.familyRules<RetentionSpec>('retention', '2024-04-01') as FamilyRule<RetentionSpec>[];
  const cited = new Set(kb.ruleset.allRules().filter((r) => r.family === 'retention').flatMap((r) => r.citations));
  const text = (id: string) => {
    const n = kb.corpus.nodes.get(id) as { text?: string; cells?: string[] } | undefined;
    return n?.text ?? n?.cells?.join(' ') ?? '';
  };
  return { kb, rules, cited, text };
}

/** The article id of a node (A104-P3 → A104). */
const articleOf = (id: string) => id.split('-')[0];

describe('retention inventory', () => {
  it('every 保存・保管 node is cited by a rule or listed as not an obligation, with a reason', async () => {
    const { kb, cited, text } = await setup();
    const open: string[] = [];
    for (const n of kb.corpus.nodes.values()) {
      if (n.id.startsWith('SP') || !KEEP.test(text(n.id))) continue;
      if (!cited.has(n.id) && !listed.nodes[n.id]) open.push(`${n.id} ${text(n.id).slice(0, 50)}`);
    }
    expect(open).toEqual([]);
    for (const [id, v] of Object.entries(listed.nodes)) {
      expect(kb.corpus.nodes.has(id), id).toBe(true);
      expect(cited.has(id), `${id} is listed as not an obligation but a rule cites it`).toBe(false);
      expect(v.reason.length).toBeGreaterThan(10);
    }
  });

  it('every 準用 of an article holding a keeping duty reaches a rule (via) or is listed with a reason', async () => {
    const { kb, rules, text } = await setup();
    const articles = [...kb.corpus.nodes.values()].filter((n) => n.kind === 'Article' && !n.id.startsWith('SP')).map((n) => n.id);
    const pos = new Map(articles.map((a, i) => [a, i]));
    const keeping = new Set([...kb.corpus.nodes.values()].filter((n) => !n.id.startsWith('SP') && /保存|帳簿を備え/.test(text(n.id)) && !listed.nodes[n.id]).map((n) => articleOf(n.id)));
    const viaOf = new Set(rules.flatMap((r) => [r.spec.via?.provision, ...r.spec.citations.filter((c) => /準用/.test(text(c)))]).filter(Boolean) as string[]);
    const open: string[] = [];
    const detected: string[] = [];
    for (const n of kb.corpus.nodes.values()) {
      if (n.kind !== 'Paragraph' || n.id.startsWith('SP')) continue;
      const t = text(n.id);
      if (!/の規定を準用する/.test(t)) continue;
      const here = articleOf(n.id);
      // the ordinance's own articles it applies (not 法・令), ranges expanded in corpus order
      const ref = '第[0-9]+条(?:の[0-9]+)*(?:第[0-9]+項)?(?:第[0-9]+号)?';
      const own = t
        .replace(new RegExp(`(?:法|令|同法)${ref}(?:から${ref}まで)?`, 'g'), '')
        .replace(/第([0-9]+)条((?:の[0-9]+)?)から前条まで/g, (_, a: string, b: string) => `第${a}条${b}から第${here.slice(1).replace('_', 'の')}条の前まで`);
      const applied = new Set<string>();
      if (/前条/.test(own)) applied.add(articles[(pos.get(here) ?? 1) - 1]);
      for (const m of own.matchAll(/第([0-9]+)条((?:の[0-9]+)?)(?:[^、。]*?から第([0-9]+)条((?:の[0-9]+)?)(?:の前)?まで)?/g)) {
        const a = `A${m[1]}${m[2] ? m[2].replace('の', '_') : ''}`;
        if (!m[3]) applied.add(a);
        else {
          const b = `A${m[3]}${m[4] ? m[4].replace('の', '_') : ''}`;
          const last = (pos.get(b) ?? -1) - (m[0].endsWith('の前まで') ? 1 : 0);
          for (let i = pos.get(a) ?? 0; i <= last; i++) applied.add(articles[i]);
        }
      }
      if (![...applied].some((a) => keeping.has(a))) continue;
      detected.push(n.id);
      if (!viaOf.has(n.id) && !listed.applications[n.id]) open.push(`${n.id}: applies ${[...applied].filter((a) => keeping.has(a)).join(', ')}`);
    }
    expect(open).toEqual([]);
    // the scan finds the applications we know of (a guard against a scan that finds nothing)
    for (const id of ['A43-P1', 'A47-P1', 'A91-P1', 'A91_43-P1', 'A91_79-P1', 'A91_121-P1', 'A91_125-P1', 'A91_154-P1', 'A108_2-P1', 'A110_4-P1', 'A134-P1', 'A134-P2', 'A148-P1', 'A159-P3']) expect(detected).toContain(id);
  });

  it('every wording and ただし書 is verbatim in the text the rule cites', async () => {
    const { rules, text } = await setup();
    for (const r of rules) {
      const s = r.spec;
      const cited = [...s.citations, ...(s.via?.citations ?? []), ...(s.variants ?? []).flatMap((v) => v.citations)].map(text).join('\n');
      for (const w of [s.wording, s.proviso, ...(s.variants ?? []).map((v) => v.wording)]) if (w) expect(cited, `${r.id}: ${w}`).toContain(w);
      // the title is the duty's own text, verbatim
      expect(s.citations.concat(s.via?.citations ?? []).some((c) => text(c) === s.title) || [...s.citations].some((c) => text(c).includes(s.title)), `${r.id} title`).toBe(true);
    }
  });

  it('every holder is named as the ordinance names it: verbatim in a node the rule cites (its duty, 準用 rows, holderSource), or curated with the reasoning', async () => {
    const { rules, text } = await setup();
    const open: string[] = [];
    for (const r of rules) {
      const s = r.spec;
      const cited = [...s.citations, ...(s.via?.citations ?? []), ...(s.holderSource?.citations ?? [])].map(text).join('\n');
      for (const h of s.holders) if (!cited.includes(h) && !(s.provenance?.curated && s.provenance.reasoning.includes(h))) open.push(`${r.id}: ${h}`);
      // a holderSource names the holder, or the curated reasoning says how the name is read in
      if (s.holderSource) expect(s.holders.some((h) => s.holderSource!.citations.some((c) => text(c).includes(h))) || s.provenance?.curated, `${r.id} holderSource`).toBe(true);
    }
    expect(open).toEqual([]);
  });

  it('every 読み替え segment (via.readAs, split at " / ") is the text of a table row the rule cites, or an inline 読み替え of the 準用 provision', async () => {
    const { rules, text } = await setup();
    const open: string[] = [];
    for (const r of rules) {
      const v = r.spec.via;
      if (!v?.readAs) continue;
      const rows = v.citations.filter((c) => /-TB\d+-R\d+$/.test(c)).map(text);
      for (const seg of v.readAs.split(' / ')) {
        if (rows.includes(seg)) continue;
        // an inline 読み替え of the 準用 provision (第134条: 「…」とあるのは「…」と): both quoted strings are in its text
        const quoted = [...seg.matchAll(/「([^」]+)」/g)].map((m) => `「${m[1]}」`);
        if (quoted.length === 2 && quoted.every((q) => text(v.provision).includes(q))) continue;
        open.push(`${r.id}: ${seg}`);
      }
    }
    expect(open).toEqual([]);
  });

  it('a rule reaching a holder through 準用 cites both the 準用 provision and the original', async () => {
    const { rules } = await setup();
    for (const r of rules.filter((x) => x.spec.via)) {
      expect(r.spec.via!.citations, r.id).toContain(r.spec.via!.provision);
      expect(r.spec.citations.some((c) => c === r.spec.via!.original || c.startsWith(`${articleOf(r.spec.via!.original)}-`)), r.id).toBe(true);
    }
  });

  it('counts per chapter and per kind (the table in docs/retention.md)', async () => {
    const { kb, rules } = await setup();
    const chapterOf = (id: string): string => {
      let n = kb.corpus.nodes.get(id) as { kind: string; id: string; parent?: string } | undefined;
      while (n && n.kind !== 'Chapter') n = n.parent ? (kb.corpus.nodes.get(n.parent) as typeof n) : undefined;
      return n?.id ?? '?';
    };
    const byChapter: Record<string, number> = {};
    const byKind: Record<string, number> = {};
    for (const r of rules) {
      const ch = chapterOf(r.spec.citations[0]);
      byChapter[ch] = (byChapter[ch] ?? 0) + 1;
      byKind[r.spec.kind] = (byKind[r.spec.kind] ?? 0) + 1;
    }
    expect(rules.length).toBe(98);
    expect(byChapter).toEqual({ Ch2: 24, Ch3: 20, Ch4: 23, Ch5: 24, Ch6: 3, Ch7: 2, Ch8: 1, Ch9: 1 });
    expect(byKind).toEqual({ mandatory: 72, 'until-event': 16, 'no-period': 3, effort: 5, 'act-period': 2 });
  });
});

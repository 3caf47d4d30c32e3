/**
 * `doyaku check` — the self-check of the embedded data: load every part of the
 * knowledge base, check that it hangs together, print what it holds and answer one worked example.
 * Exit 0 when every part loaded and every check passed, 1 otherwise.
 */
import type { KnowledgeBase } from '../../kb.js';
import type { Command } from '../command.js';
import { UsageError } from '../command.js';

interface Part {
  name: string;
  ok: boolean;
  ms: number;
  summary: string;
  details?: Record<string, unknown>;
  error?: string;
}

function timed(name: string, fn: () => { summary: string; details?: Record<string, unknown>; ok?: boolean }): Part {
  const t0 = performance.now();
  try {
    const r = fn();
    return { name, ok: r.ok ?? true, ms: performance.now() - t0, summary: r.summary, details: r.details };
  } catch (err) {
    return { name, ok: false, ms: performance.now() - t0, summary: 'failed to load', error: (err as Error).message };
  }
}

function countBy<T>(items: T[], key: (t: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const i of items) out[key(i)] = (out[key(i)] ?? 0) + 1;
  return out;
}

/** The worked example's date: fixed, so that `doyaku check` prints the same thing every day. */
export const exampleAsOf = '2024-04-01';

/** Loads and checks each part; exported for tests. */
export async function checkKnowledgeBase(kb: KnowledgeBase): Promise<{ parts: Part[]; example?: unknown }> {
  const parts: Part[] = [];

  parts.push(
    timed('corpus', () => {
      const { manifest, nodes, refsOut } = kb.corpus;
      const c = manifest.counts;
      let dangling = 0;
      for (const refs of refsOut.values()) for (const r of refs) if (r.target && !nodes.has(r.target)) dangling++;
      const fidelity = `${c.linesAccounted}/${c.linesTotal} source lines accounted for`;
      return {
        ok: dangling === 0 && c.linesAccounted === c.linesTotal,
        summary:
          `${nodes.size} nodes: ${c.articles} articles (${c.articlesDeleted} deleted) in ${c.chapters} chapters, ` +
          `別表 entries 第1 ${c['entries.T1']}(+${(c['entries.T1-E2'] ?? 0) + (c['entries.T1-E4'] ?? 0)}) / ` +
          `第2 毒薬 ${c['entries.T2-DOKU']} 劇薬 ${c['entries.T2-GEKI']} / 第3 ${c['entries.T3']}, ` +
          `${c.forms} 様式, ${c.supplProvisions} 附則; ${fidelity}; ` +
          `${c.refsInternal} internal + ${c.refsExternal} external references` +
          (dangling ? `; ${dangling} references point to missing nodes` : ''),
        details: { ...manifest, danglingReferences: dangling },
      };
    }),
  );

  parts.push(
    timed('annotations', () => {
      const all = kb.annotations.all();
      const { nodes } = kb.corpus;
      const byStatus: Record<string, number> = {};
      let missing = 0;
      let outdated = 0;
      for (const a of all) {
        if (a.outdated?.length) outdated++;
        for (const c of a.citations) {
          byStatus[c.status] = (byStatus[c.status] ?? 0) + 1;
          if (c.target && !nodes.has(c.target)) missing++;
        }
        for (const id of a.interprets) if (!nodes.has(id)) missing++;
      }
      return {
        ok: missing === 0,
        summary:
          `${all.length} guidance paragraphs (12畜A第728号); citations ` +
          Object.entries(byStatus).map(([k, v]) => `${k} ${v}`).join(', ') +
          `; ${outdated} flagged outdated` +
          (missing ? `; ${missing} links to missing nodes` : '; every link resolves'),
        details: { paragraphs: all.length, citations: byStatus, outdated, missingLinks: missing },
      };
    }),
  );

  parts.push(
    timed('rules', () => {
      const rs = kb.ruleset;
      const families = countBy(rs.rules, (r) => r.family);
      return {
        summary:
          `ruleset ${rs.version}, content ${rs.contentHash.slice(0, 16)}…, in force from ${rs.earliest}; ` +
          `${rs.rules.length} rules (` +
          Object.entries(families).map(([k, v]) => `${k} ${v}`).join(', ') +
          `); every citation resolves in the corpus`,
        details: { version: rs.version, contentHash: rs.contentHash, earliest: rs.earliest, families },
      };
    }),
  );

  parts.push(
    timed('ingredients', () => {
      const keys = kb.ingredients.keys();
      return { summary: `${keys.length} ordinance substances with curated aliases, salts and classes`, details: { substances: keys.length } };
    }),
  );

  parts.push(
    timed('search', () => {
      const m = kb.searcher.manifest as { counts?: Record<string, number> };
      const c = m.counts ?? {};
      return {
        summary: `${c.documents} documents (law ${c.law}, annotation ${c.annotation}, rule ${c.rule}, reference ${c.reference} — human-drug material, off by default)`,
        details: m as Record<string, unknown>,
      };
    }),
  );

  let example: unknown;
  if (parts.every((p) => p.ok)) {
    const product = { ingredients: [{ name: 'イベルメクチン' }], dosageForm: '外用剤', applicationSite: '外皮', species: ['猫'] };
    const answer = await kb.classify(product, { asOf: exampleAsOf });
    const hits = kb.search('要指示医薬品の帳簿', { limit: 3 });
    example = { product, answer, search: { query: hits.query, top: hits.hits.map((h) => h.label) } };
  }
  return { parts, example };
}

export const command: Command = {
  name: 'check',
  summary: 'load and check the embedded knowledge base; print what it holds and a worked example (as of 2024-04-01)',
  usage: 'doyaku check [--json] [--timings]   (deterministic: the worked example is dated 2024-04-01; load times only with --timings)',
  async run(argv, io) {
    const json = argv.includes('--json');
    const timings = argv.includes('--timings');
    const bad = argv.filter((a) => a !== '--json' && a !== '--timings');
    if (bad.length) throw new UsageError(`check: unexpected argument '${bad[0]}'`);
    const kb = await io.kb();
    const { parts, example } = await checkKnowledgeBase(kb);
    const ok = parts.every((p) => p.ok);
    if (json) {
      io.stdout(JSON.stringify({ ok, parts: timings ? parts : parts.map(({ ms: _ms, ...p }) => p), example }, null, 2) + '\n');
      return ok ? 0 : 1;
    }
    const m = parts[0].ok ? kb.corpus.manifest : undefined;
    io.stdout(
      m
        ? `${m.title} (${m.lawNum}), as amended up to ${m.asOf.amendment}\n\n`
        : 'doyaku knowledge base\n\n',
    );
    for (const p of parts) {
      io.stdout(`${p.ok ? 'ok  ' : 'FAIL'} ${p.name.padEnd(12)} ${p.summary}${timings ? `  [${p.ms.toFixed(0)} ms]` : ''}\n`);
      if (p.error) io.stdout(`     ${p.error.split('\n').join('\n     ')}\n`);
    }
    if (example) {
      const e = example as {
        answer: {
          yoshiji: { status: string; decidedBy: string[] };
          poison: { status: string; decidedBy: string[]; reasons: { message: string }[] };
          designated: { status: unknown; decidedBy: string[] };
          rulesetVersion: string;
          asOf: string;
        };
        search: { query: string; top: string[] };
      };
      const label = (ids: string[]) => ids.map((id) => kb.corpus.nodes.get(id)?.label ?? id).join(', ') || '—';
      const a = e.answer;
      io.stdout(
        `\nexample: イベルメクチン 外用剤 (外皮) for 猫, as of ${a.asOf} (a fixed date, so this output is the same every day; ruleset ${a.rulesetVersion})\n` +
          `  要指示医薬品  ${a.yoshiji.status}  ← ${label(a.yoshiji.decidedBy)}\n` +
          `  毒薬・劇薬    ${a.poison.status}  ← ${label(a.poison.decidedBy)}${a.poison.reasons[0] ? ` (${a.poison.reasons[0].message})` : ''}\n` +
          `  指定医薬品    ${String(a.designated.status)}  ← ${label(a.designated.decidedBy)}\n` +
          `search 「${e.search.query}」 → ${e.search.top.join(' / ')}\n` +
          `\n(try: doyaku article 第169条 · doyaku classify --help · doyaku search 使用の期限)\n`,
      );
    }
    return ok ? 0 : 1;
  },
};

/**
 * The classification scenario runner: every case of every test/scenarios/{yoshiji,dokugeki,shitei,engine,general}/**\/*.yaml (format: docs/scenarios.md)
 * is one vitest test, titled with its file and name, run against the real knowledge base (the
 * embedded corpus, rules and ingredient dictionary). A failure says what was expected, what the
 * answer was, and the answer's reasons and deciding ids, so data or engine can be fixed.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { openKnowledgeBase, type KnowledgeBase } from '../src/kb.js';
import type { Classification, FamilyAnswer } from '../src/classify/classify.js';

const root = join(import.meta.dirname, 'scenarios');

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir).sort()) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out.push(...yamlFiles(p));
    else if (/\.ya?ml$/.test(e)) out.push(p);
  }
  return out;
}

interface Case {
  name: string;
  asOf?: string;
  product: unknown;
  expect: Record<string, unknown>;
}

const known = new Set([
  'yoshiji',
  'yoshijiDecidedBy',
  'yoshijiReason',
  'poison',
  'poisonDecidedBy',
  'poisonReason',
  'designated',
  'designatedDecidedBy',
  'designatedReason',
  'yoshijiField',
  'poisonField',
  'designatedField',
  'matchPath',
  'error',
  'yoshijiBasis',
  'poisonBasis',
  'designatedBasis',
  'converted',
]);

let kb: KnowledgeBase | undefined;
async function getKb(): Promise<KnowledgeBase> {
  return (kb ??= await openKnowledgeBase());
}

function describeFamily(name: string, a: FamilyAnswer<unknown>): string {
  const reasons = a.reasons.map((r) => `      - ${r.code}${r.field ? ` ${r.field}` : ''}: ${r.message}`).join('\n');
  const matched = a.matched
    .filter((m) => m.result !== false || m.role === 'listing')
    .map((m) => `      · ${m.rule} [${m.role}] → ${String(m.result)}${m.ingredient ? ` (${m.ingredient.input} -${m.ingredient.path}→ ${m.ingredient.key})` : ''}`)
    .join('\n');
  return `  ${name}: ${String(a.status)}  decidedBy [${a.decidedBy.join(', ')}]\n${reasons ? `    reasons:\n${reasons}\n` : ''}${matched ? `    matched:\n${matched}\n` : ''}`;
}

/** Compares one case's expectations with an answer; returns the mismatches (empty: pass). */
function mismatches(exp: Record<string, unknown>, a: Classification): string[] {
  const out: string[] = [];
  const fam = { yoshiji: a.yoshiji, poison: a.poison, designated: a.designated } as Record<string, FamilyAnswer<unknown>>;
  for (const f of ['yoshiji', 'poison', 'designated']) {
    if (f in exp && fam[f].status !== exp[f]) out.push(`${f}: expected ${String(exp[f])}, got ${String(fam[f].status)}`);
    const ids = exp[`${f}DecidedBy`] as string[] | undefined;
    if (ids) {
      const missing = ids.filter((id) => !fam[f].decidedBy.includes(id));
      if (missing.length) out.push(`${f}DecidedBy: expected to include [${ids.join(', ')}], missing [${missing.join(', ')}] (got [${fam[f].decidedBy.join(', ')}])`);
    }
    const reason = exp[`${f}Reason`] as string | undefined;
    if (reason && !fam[f].reasons.some((r) => r.code === reason)) out.push(`${f}Reason: expected a reason ${reason}, got [${fam[f].reasons.map((r) => r.code).join(', ')}]`);
    const basis = exp[`${f}Basis`] as string | undefined;
    const got = (fam[f] as { basis?: string }).basis;
    if (basis && got !== basis) out.push(`${f}Basis: expected ${basis}, got ${String(got)}`);
    const field = exp[`${f}Field`] as string | undefined;
    if (field && !fam[f].reasons.some((r) => r.field === field)) out.push(`${f}Field: expected a reason with field ${field}, got [${fam[f].reasons.map((r) => r.field ?? '-').join(', ')}]`);
  }
  if (exp.converted !== undefined) {
    const steps = a.ingredients.flatMap((x) => (x as { conversions?: unknown[] }).conversions ?? []);
    if (Boolean(exp.converted) !== steps.length > 0) out.push(`converted: expected ${exp.converted ? 'a' : 'no'} stoichiometric conversion step, got ${steps.length}`);
  }
  if (exp.matchPath !== undefined) {
    const paths = [a.yoshiji, a.poison, a.designated].flatMap((x) => x.matched.map((m) => m.ingredient?.path)).filter(Boolean);
    if (!paths.includes(exp.matchPath as never)) out.push(`matchPath: expected some matched rule's ingredient path ${String(exp.matchPath)}, got [${[...new Set(paths)].join(', ')}]`);
  }
  return out;
}

/** the classification scenarios; the other families (retention/, transactions/ …) have runners of their own */
const classifyDirs = ['yoshiji', 'dokugeki', 'shitei', 'engine', 'general'];
const files = classifyDirs.flatMap((d) => yamlFiles(join(root, d)));

describe('scenarios', () => {
  it('there are scenario files', () => {
    expect(files.length).toBeGreaterThan(0);
  });
  for (const path of files) {
    const file = relative(root, path);
    let cases: Case[];
    try {
      cases = parse(readFileSync(path, 'utf8')) ?? [];
      if (!Array.isArray(cases)) throw new Error('a scenario file is a YAML list of cases');
    } catch (e) {
      it(`${file} — parses`, () => {
        throw new Error(`${file}: ${(e as Error).message}`);
      });
      continue;
    }
    describe(file, () => {
      cases.forEach((c, i) => {
        it(`${file} › ${c?.name ?? `case ${i + 1}`}`, async () => {
          if (!c || typeof c !== 'object' || !c.name || !c.expect) throw new Error(`${file} case ${i + 1}: needs name, product and expect`);
          const unknownKeys = Object.keys(c.expect).filter((k) => !known.has(k));
          if (unknownKeys.length) throw new Error(`${file} › ${c.name}: unknown expect key(s) ${unknownKeys.join(', ')} (known: ${[...known].join(', ')})`);
          const k = await getKb();
          let answer: Classification;
          try {
            answer = await k.classify(c.product as never, c.asOf ? { asOf: String(c.asOf) } : {});
          } catch (e) {
            if (c.expect.error !== undefined) {
              expect((e as Error).message).toContain(String(c.expect.error));
              return;
            }
            throw new Error(`${file} › ${c.name}: classify threw: ${(e as Error).message}`);
          }
          if (c.expect.error !== undefined) throw new Error(`${file} › ${c.name}: expected an error containing '${String(c.expect.error)}', but classify answered`);
          const bad = mismatches(c.expect, answer);
          if (bad.length)
            throw new Error(
              `${file} › ${c.name}\n  ${bad.join('\n  ')}\n\nthe answer (asOf ${answer.asOf}, rules ${answer.rulesetVersion}):\n${describeFamily('yoshiji', answer.yoshiji)}${describeFamily('poison', answer.poison)}${describeFamily('designated', answer.designated)}  ingredients: ${answer.ingredients
                .map((x) => `${x.input} → ${x.resolution.known ? x.resolution.matches.map((m) => `${m.key}(${m.path})`).join(', ') || '(no 別表 substance)' : 'UNKNOWN'}`)
                .join('; ')}`,
            );
        });
      });
    });
  }
});

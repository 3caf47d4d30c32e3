/**
 * The labeling scenario runner: every case of test/scenarios/labeling/*.yaml is one vitest test, run
 * against the real knowledge base. A file is either a list of cases, or `{ defaults, scenarios }`
 * where `defaults` (a label request: product, container, package …) is merged into each case's
 * `input` (objects merged key by key; the case wins; `key: null` removes a default). Format: docs/labels.md § Scenarios.
 *
 * A case: `name`, `asOf`, `question` (check — the default — | requirements | expiry), `input`, and
 * `expect`, any of:
 *   status                      complete | incomplete | unknown (check)
 *   required / notRequired      item ids that must be / must not be in `required`
 *   missing / notMissing        item ids in / not in `missing`
 *   unknown / notUnknown        item ids in / not in `unknown`
 *   present / substituted       item ids carried as their own words / as an allowed substitute
 *   omissible                   item ids an exemption that applies (true) covers
 *   notOmissible                item ids no applying exemption covers
 *   fires / doesNotFire         exemption, substitution, rewording or obligation rule ids that apply (true) / do not
 *   undecided                   rule ids whose conditions are unknown (listed with applies: unknown)
 *   text                        { itemId: the wording required (after 読み替え) }
 *   needs                       field paths that must be in `needs`
 *   findings / noFindings       finding codes present / absent
 *   expiry                      { required, states, date (computed), alternative, directed }
 *   error                       a substring of the error message (bad input)
 *   errorField                  the JSON pointer of a problem of the InputError
 *
 * The last test checks coverage: every exemption, substitution and rewording rule of rules/labeling
 * fires in some case and does not fire in another.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { openKnowledgeBase, type KnowledgeBase } from '../../src/kb.js';
import type { ExpiryAnswer, LabelCheck, LabelRequirements } from '../../src/labels/model.js';
import { InputError } from '../../src/rules/input.js';
import type { LabelSpec } from '../../src/labels/model.js';

const dir = join(import.meta.dirname, 'labeling');
const kb: KnowledgeBase = await openKnowledgeBase(process.env.DOYAKU_TEST_RULES_DIR ? { rulesDir: process.env.DOYAKU_TEST_RULES_DIR } : {});

interface Case {
  name: string;
  asOf?: string;
  question?: 'check' | 'requirements' | 'expiry';
  input: Record<string, unknown>;
  expect: Record<string, unknown>;
}

const knownKeys = new Set(['status', 'required', 'notRequired', 'missing', 'notMissing', 'unknown', 'notUnknown', 'present', 'substituted', 'omissible', 'notOmissible', 'fires', 'doesNotFire', 'undecided', 'text', 'needs', 'findings', 'noFindings', 'expiry', 'error', 'errorField']);

function merge(a: unknown, b: unknown): unknown {
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const out: Record<string, unknown> = { ...(a as Record<string, unknown>) };
    for (const [k, v] of Object.entries(b as Record<string, unknown>)) {
      if (v === null) delete out[k]; // `key: null` in a case removes the default
      else out[k] = k in out ? merge(out[k], v) : v;
    }
    return out;
  }
  return b === undefined ? a : b;
}

function load(file: string): Case[] {
  const doc = parse(readFileSync(file, 'utf8')) as Case[] | { defaults?: Record<string, unknown>; scenarios: Case[] };
  if (Array.isArray(doc)) return doc;
  return doc.scenarios.map((c) => ({ ...c, input: merge(doc.defaults ?? {}, c.input ?? {}) as Record<string, unknown> }));
}

const fired = new Map<string, string[]>();
const notFired = new Map<string, string[]>();
const note = (m: Map<string, string[]>, id: string, where: string) => m.set(id, [...(m.get(id) ?? []), where]);

type AnyAnswer = LabelCheck | LabelRequirements;

function ruleStates(a: AnyAnswer): Map<string, boolean | 'unknown'> {
  const m = new Map<string, boolean | 'unknown'>();
  for (const o of a.omissible) m.set(o.rule, o.applies);
  for (const s of a.substitutes) m.set(s.rule, s.applies);
  for (const r of a.rewordings) m.set(r.rule, r.applies);
  for (const f of a.findings) if (f.code === 'obligation') m.set(f.ruleId, true);
  return m;
}

const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();

for (const file of files) {
  describe(`labeling/${file}`, () => {
    for (const c of load(join(dir, file))) {
      it(c.name, async () => {
        for (const k of Object.keys(c.expect)) expect(knownKeys.has(k), `unknown expect key '${k}'`).toBe(true);
        const input = { ...c.input, ...(c.asOf ? { asOf: c.asOf } : {}) } as Record<string, unknown>;
        const q = c.question ?? 'check';
        let answer: LabelCheck | LabelRequirements | ExpiryAnswer;
        try {
          if (q === 'check') answer = await kb.checkLabel(input as never);
          else if (q === 'requirements') answer = await kb.labelRequirements(input.product as never, input.container as never, { asOf: input.asOf as string | undefined, package: input.package as never, insertChange: input.insertChange as never });
          else answer = await kb.expiryRequirement(input.product as never, { asOf: input.asOf as string | undefined, statedExpiry: input.statedExpiry as string | undefined });
        } catch (e) {
          if (c.expect.error === undefined && c.expect.errorField === undefined) throw e;
          if (c.expect.error !== undefined) expect((e as Error).message).toContain(String(c.expect.error));
          if (c.expect.errorField !== undefined) expect(e instanceof InputError ? e.problems.map((p) => p.field) : []).toContain(c.expect.errorField);
          return;
        }
        expect(c.expect.error, 'expected an error').toBeUndefined();
        expect(answer.rulesetVersion).toBeTruthy();
        expect(answer.contentHash).toBeTruthy();
        expect(answer.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        const e = c.expect;
        const ctx = `${file} › ${c.name}\n${JSON.stringify(summary(answer), null, 1)}`;
        if (q === 'expiry') {
          checkExpiry(answer as ExpiryAnswer, e.expiry as Record<string, unknown>, ctx);
          return;
        }
        const a = answer as LabelCheck;
        const ids = (xs: { item: string }[]) => xs.map((x) => x.item);
        const sub = (want: unknown, have: string[], negate = false) => {
          for (const w of (want as string[]) ?? []) expect(have.includes(w), `${negate ? 'did not expect' : 'expected'} ${w} in [${have.join(', ')}]\n${ctx}`).toBe(!negate);
        };
        if (e.status !== undefined) expect(a.status, ctx).toBe(e.status);
        sub(e.required, ids(a.required));
        sub(e.notRequired, ids(a.required), true);
        sub(e.missing, ids(a.missing ?? []));
        sub(e.notMissing, ids(a.missing ?? []), true);
        sub(e.unknown, ids(a.unknown ?? []));
        sub(e.notUnknown, ids(a.unknown ?? []), true);
        sub(e.present, ids(a.required.filter((r) => r.status === 'present')));
        sub(e.substituted, ids(a.required.filter((r) => r.status === 'substituted')));
        const omitted = a.omissible.filter((o) => o.applies === true).flatMap((o) => o.items);
        sub(e.omissible, omitted);
        sub(e.notOmissible, omitted, true);
        const states = ruleStates(a);
        const trueRules = [...states].filter(([, v]) => v === true).map(([k]) => k);
        sub(e.fires, trueRules);
        sub(e.doesNotFire, trueRules, true);
        sub(e.undecided, [...states].filter(([, v]) => v === 'unknown').map(([k]) => k));
        for (const r of (e.fires as string[]) ?? []) note(fired, r, c.name);
        for (const r of (e.doesNotFire as string[]) ?? []) note(notFired, r, c.name);
        for (const [item, text] of Object.entries((e.text as Record<string, string>) ?? {})) expect(a.required.find((r) => r.item === item)?.text, ctx).toBe(text);
        sub(e.needs, a.needs);
        const codes = a.findings.map((f) => f.code);
        sub(e.findings, codes);
        sub(e.noFindings, codes, true);
        if (e.expiry) checkExpiry(a.expiry!, e.expiry as Record<string, unknown>, ctx);
      });
    }
  });
}

function checkExpiry(x: ExpiryAnswer | undefined, want: Record<string, unknown>, ctx: string) {
  expect(x, ctx).toBeDefined();
  if (want.required !== undefined) expect(x!.required, ctx).toBe(want.required);
  if (want.states !== undefined) expect(x!.states, ctx).toBe(want.states);
  if (want.date !== undefined) expect(x!.computed?.expiry ?? null, ctx).toBe(want.date);
  if (want.start !== undefined) expect(x!.computed?.start ?? null, ctx).toBe(want.start);
  if (want.alternative !== undefined) expect(x!.alternative?.expiry ?? null, ctx).toBe(want.alternative);
  if (want.directed !== undefined) expect(x!.directed ?? null, ctx).toBe(want.directed);
  for (const n of (want.needs as string[]) ?? []) expect(x!.needs, ctx).toContain(n);
  for (const f of (want.findings as string[]) ?? []) expect(x!.findings.map((y) => y.code), ctx).toContain(f);
  for (const f of (want.noFindings as string[]) ?? []) expect(x!.findings.map((y) => y.code), ctx).not.toContain(f);
}

function summary(a: unknown): unknown {
  const x = a as Partial<LabelCheck> & Partial<ExpiryAnswer>;
  if ('computed' in x || !('container' in x)) return { required: x.required, states: x.states, computed: x.computed?.expiry, alternative: x.alternative?.expiry, needs: x.needs, findings: x.findings?.map((f) => f.code) };
  const c = x as LabelCheck;
  return {
    status: c.status,
    required: c.required.map((r) => `${r.item}:${r.status}:${r.required}`),
    omissible: c.omissible.map((o) => `${o.rule}:${o.applies}`),
    substitutes: c.substitutes.map((s) => `${s.rule}:${s.applies}`),
    rewordings: c.rewordings.map((s) => `${s.rule}:${s.applies}`),
    needs: c.needs,
    findings: c.findings.map((f) => `${f.kind}:${f.code}:${f.item ?? f.ruleId}`),
  };
}

describe('labeling scenario coverage', () => {
  afterAll(() => undefined);
  it('every exemption, substitution and rewording is asserted firing (fires:) in a scenario and not firing (doesNotFire:) in another', () => {
    const rules = kb.ruleset.familyRules<LabelSpec>('labeling', '2024-04-01').filter((r) => ['exemption', 'substitution', 'rewording'].includes(r.spec.kind));
    const neverFired = rules.filter((r) => !fired.has(r.id)).map((r) => r.id);
    const neverNot = rules.filter((r) => !notFired.has(r.id)).map((r) => r.id);
    expect(neverFired, 'rules that never fire in a scenario').toEqual([]);
    expect(neverNot, 'rules that are never shown not firing').toEqual([]);
  });
});

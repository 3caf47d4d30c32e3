/** Rule families beyond classification: the generic loader, schema errors at file:line, citations checked anywhere in a rule, versioning. */
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RulesLoadError } from '../../src/rules/load.js';
import { loadRuleset } from '../../src/rules/ruleset.js';
import { fixturesDir, realCorpus } from './helpers.js';

const corpus = realCorpus();
const dir = join(fixturesDir, 'family', 'rules');

function broken(file: string, text: string): RulesLoadError {
  const d = mkdtempSync(join(tmpdir(), 'doyaku-family-'));
  cpSync(dir, d, { recursive: true });
  writeFileSync(join(d, file), text);
  try {
    loadRuleset(d, { corpus, cache: false });
  } catch (e) {
    return e as RulesLoadError;
  }
  throw new Error('expected a RulesLoadError');
}

describe('family rule files', () => {
  const rs = loadRuleset(dir, { corpus, cache: false });
  it('load with their own schema, keep the rule as written and where', () => {
    const keep = rs.familyRule<{ period: { years: number } }>('demo.keep')!;
    expect(keep.family).toBe('demo');
    expect(keep.spec.period).toEqual({ years: 2 });
    expect(keep.source).toEqual({ file: 'demo/a.yaml', pointer: '/rules/0', line: 5 });
    expect(Object.isFrozen(keep.spec)).toBe(true);
    expect(rs.allRules().find((r) => r.id === 'demo.keep')!.citations).toEqual(['A169', 'A169-P1']);
  });
  it('are versioned: replaced and ended rules stop on the amendment date, history kept', () => {
    expect(rs.familyRules('demo', '2030-03-31').map((r) => r.id)).toEqual(['demo.keep', 'demo.other']);
    expect(rs.familyRules('demo', '2030-04-01').map((r) => r.id)).toEqual(['demo.keep~2030-04-01']);
    expect(rs.familyRule('demo.keep')!.endedBy).toMatchObject({ on: '2030-04-01', by: 'demo.keep~2030-04-01', kind: 'replaced' });
    expect(rs.familyRule('demo.other')!.endedBy).toMatchObject({ on: '2030-04-01', kind: 'ended' });
  });
  it('report an unknown citation anywhere in a rule at its file:line, with the nearest ids', () => {
    const e = broken('demo/a.yaml', 'family: demo\neffective: { from: 2019-03-29 }\namendedBy: x\nrules:\n  - id: demo.keep\n    title: t\n    citations: [A169]\n    period: { years: 2 }\n    variants:\n      - when: { fact: hasExpiry, operator: equal, value: true }\n        period: { years: 3 }\n        citations: [A169-P9]\n  - id: demo.other\n    title: t\n    citations: [A1]\n    period: { years: 1 }\n');
    expect(e.problems).toHaveLength(1);
    expect(e.problems[0]).toMatchObject({ file: 'demo/a.yaml', line: 12, pointer: '/rules/0/variants/0/citations/0' });
    expect(e.problems[0].message).toMatch(/unknown corpus node id 'A169-P9'.*nearest: A169-P1/);
  });
  it('report schema problems (unknown key with did-you-mean, bad operator) at file:line', () => {
    const e = broken('demo/a.yaml', 'family: demo\neffective: { from: 2019-03-29 }\namendedBy: x\nrules:\n  - id: demo.keep\n    title: t\n    citations: [A169]\n    periode: { years: 2 }\n');
    expect(e.message).toMatch(/demo\/a\.yaml:8:\d+ \/rules\/0\/periode: unknown key 'periode' \(did you mean 'period'\?\)/);
    expect(e.message).toMatch(/missing required key 'period'/);
  });
  it('require the family prefix on ids and a schema for the family', () => {
    expect(broken('demo/a.yaml', 'family: demo\neffective: { from: 2019-03-29 }\namendedBy: x\nrules:\n  - id: other.keep\n    title: t\n    citations: [A169]\n    period: { years: 2 }\n').message).toMatch(
      /rule id 'other.keep' must start with the file's family 'demo.'/,
    );
    expect(broken('demo/a.yaml', 'family: nosuch\neffective: { from: 2019-03-29 }\namendedBy: x\nrules: []\n').message).toMatch(/no schema for family 'nosuch'/);
  });
});

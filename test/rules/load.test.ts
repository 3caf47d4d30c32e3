import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRules, RulesLoadError } from '../../src/rules/load.js';
import { loadRuleset } from '../../src/rules/ruleset.js';
import { realCorpus, rulesDir } from './helpers.js';

const corpus = realCorpus();

const head = `family: yoshiji\neffective: { from: 2019-03-29 }\namendedBy: 平成31年3月29日農林水産省令第28号\nrules:\n`;
const rule = (id: string, extra = '') =>
  `  - id: ${id}\n    title: イベルメクチン\n    role: listing\n    citations: [A168, T3-E7]\n    substances: イベルメクチン\n    coverage: derivatives-salts-and-preparations\n    outcome: required\n${extra}`;

function problemsOf(dir: string): RulesLoadError['problems'] {
  try {
    loadRules(dir, { corpus });
  } catch (e) {
    expect(e).toBeInstanceOf(RulesLoadError);
    return (e as RulesLoadError).problems;
  }
  throw new Error('expected the rules not to load');
}

/** writes a rules dir with yoshiji/<name> files */
function rulesWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'doyaku-rules-'));
  writeFileSync(join(dir, 'manifest.yaml'), `ruleset: t\nversion: 1.0.0\nencodes: { law: x, amendedUpTo: y, inForce: 2019-03-29 }\nfiles:\n  - yoshiji/*.yaml\n`);
  mkdirSync(join(dir, 'yoshiji'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, 'yoshiji', name), text);
  return dir;
}

describe('loading the real rules', () => {
  const rs = loadRuleset(rulesDir, { corpus });
  it('loads every family with its counts', () => {
    const count = (f: string, role = 'listing') => rs.rules.filter((r) => r.family === f && r.role === role).length;
    expect(count('yoshiji')).toBe(134);
    expect(count('shitei')).toBe(3 + 55); // 第1号〜第3号 + the 55 substances of 第4号
    expect(count('dokugeki')).toBeGreaterThanOrEqual(55);
    expect(rs.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(rs.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(rs.earliest).toBe('2019-03-29');
  });
  it('cites only existing corpus nodes', () => {
    for (const r of rs.rules) for (const c of [...r.citations, ...r.except.flatMap((x) => x.citations)]) expect(corpus.nodes.has(c), `${r.id} cites ${c}`).toBe(true);
  });
  it('titles are verbatim corpus text: each yoshiji entry title equals its node text', () => {
    for (let n = 1; n <= 134; n++) expect(rs.byId.get(`yoshiji.T3-E${n}`)!.title).toBe(corpus.nodes.get(`T3-E${n}`)!.text);
    for (let n = 1; n <= 55; n++) expect(rs.byId.get(`shitei.T1-E4-E${n}`)!.title).toBe(corpus.nodes.get(`T1-E4-E${n}`)!.text);
  });
  it('the 柱書 restrictions are encoded: 5 entries limited to 犬又は猫 / 猫, 10 carve-backs', () => {
    const limited = rs.rules.filter((r) => r.family === 'yoshiji' && r.role === 'listing' && r.when?.species);
    expect(limited.map((r) => r.id).sort()).toEqual(['yoshiji.T3-E12', 'yoshiji.T3-E122', 'yoshiji.T3-E126', 'yoshiji.T3-E64', 'yoshiji.T3-E7']);
    expect(rs.byId.get('yoshiji.T3-E12')!.when!.species).toBe('猫');
    expect(rs.byId.get('yoshiji.T3-H.external')!.except).toHaveLength(10);
    expect(rs.byId.get('shitei.T1-E4.external')!.except).toHaveLength(3);
    expect(rs.byId.get('shitei.T1-E2')!.except).toHaveLength(8);
  });
});

describe('content hash', () => {
  it('is stable across comments, whitespace and key order, and changes with the content', () => {
    const base = rulesWith({ 'a.yaml': head + rule('yoshiji.X1') });
    const h1 = loadRules(base, { corpus }).contentHash;
    const reformatted = rulesWith({
      'a.yaml': `# a comment\n${head}\n\n  # another\n  - role: listing\n    id: yoshiji.X1\n    title: イベルメクチン\n    citations: [ A168 , T3-E7 ]\n    outcome: required\n    substances: イベルメクチン\n    coverage: derivatives-salts-and-preparations\n`,
    });
    expect(loadRules(reformatted, { corpus }).contentHash).toBe(h1);
    const changed = rulesWith({ 'a.yaml': head + rule('yoshiji.X1').replace('title: イベルメクチン', 'title: イベルメクチン改') });
    expect(loadRules(changed, { corpus }).contentHash).not.toBe(h1);
  });
  it('the real ruleset hash does not depend on the parse cache', () => {
    const a = loadRules(rulesDir, { corpus, cache: false }).contentHash;
    const b = loadRules(rulesDir, { corpus, cache: true }).contentHash;
    const c = loadRules(rulesDir, { corpus, cache: true }).contentHash;
    expect(b).toBe(a);
    expect(c).toBe(a);
  });
});

describe('load errors name file:line:col and the JSON pointer', () => {
  it('a bad enum value: expected values listed', () => {
    const dir = rulesWith({ 'a.yaml': head + rule('yoshiji.X1').replace('coverage: derivatives-salts-and-preparations', 'coverage: everything') });
    const [p] = problemsOf(dir);
    expect(p.file).toBe('yoshiji/a.yaml');
    expect(p.line).toBe(10);
    expect(p.col).toBe(15);
    expect(p.pointer).toBe('/rules/0/coverage');
    expect(p.message).toContain('must be one of substance, substance-and-salts');
    expect(p.message).toContain('"everything"');
  });
  it('an unknown key, with a did-you-mean', () => {
    const [p] = problemsOf(rulesWith({ 'a.yaml': head + rule('yoshiji.X1', '    outcomes: required\n') }));
    expect(p.pointer).toBe('/rules/0/outcomes');
    expect(p.line).toBe(12);
    expect(p.col).toBe(5);
    expect(p.message).toMatch(/unknown key 'outcomes' \(did you mean 'outcome'\?\)/);
  });
  it('a missing required key', () => {
    const [p] = problemsOf(rulesWith({ 'a.yaml': head + rule('yoshiji.X1').replace('    title: イベルメクチン\n', '') }));
    expect(p.pointer).toBe('/rules/0');
    expect(p.message).toContain("missing required key 'title'");
    expect(p.line).toBe(5);
  });
  it('a threshold without a comparator', () => {
    const [p] = problemsOf(rulesWith({ 'a.yaml': head + rule('yoshiji.X1', "    when: { content: { unit: '%' } }\n") }));
    expect(p.pointer).toBe('/rules/0/when/content');
    expect(p.message).toContain('a threshold needs one of lte');
  });
  it('an unknown citation names the rule and the nearest ids', () => {
    const [p] = problemsOf(rulesWith({ 'a.yaml': head + rule('yoshiji.X1').replace('[A168, T3-E7]', '[A168, T3-E777]') }));
    expect(p.pointer).toBe('/rules/0/citations/1');
    expect(p.line).toBe(8);
    expect(p.message).toContain("unknown corpus node id 'T3-E777' (rule yoshiji.X1)");
    expect(p.message).toMatch(/nearest: .*T3-E7/);
  });
  it('an unknown citation is positioned also when the file comes from the parse cache', () => {
    const text = head + rule('yoshiji.X1').replace('[A168, T3-E7]', '[A168, T3-E778]');
    problemsOf(rulesWith({ 'a.yaml': text }));
    const [p] = problemsOf(rulesWith({ 'a.yaml': text }));
    expect([p.line, p.pointer]).toEqual([8, '/rules/0/citations/1']);
  });
  it('YAML syntax errors have a position', () => {
    const [p] = problemsOf(rulesWith({ 'a.yaml': head + '  - id: [unclosed\n' }));
    expect(p.message).toMatch(/^YAML: /);
    expect(p.line).toBeGreaterThanOrEqual(5);
  });
  it('collects every problem of every file into one error; nothing is half-loaded', () => {
    const dir = rulesWith({
      'a.yaml': head + rule('yoshiji.X1') + rule('yoshiji.X1'),
      'b.yaml': head + rule('dokugeki.X2') + rule('yoshiji.X3', '    when: { poison: 毒薬 }\n'),
    });
    let err: RulesLoadError | undefined;
    try {
      loadRules(dir, { corpus });
    } catch (e) {
      err = e as RulesLoadError;
    }
    expect(err).toBeInstanceOf(RulesLoadError);
    const msgs = err!.problems.map((p) => `${p.file}:${p.line} ${p.message}`);
    expect(msgs.some((m) => m.startsWith('yoshiji/a.yaml:12') && m.includes("duplicate rule id 'yoshiji.X1'"))).toBe(true);
    expect(msgs.some((m) => m.startsWith('yoshiji/b.yaml') && m.includes("must start with the file's family 'yoshiji.'"))).toBe(true);
    expect(msgs.some((m) => m.includes('poison conditions are only available to shitei rules'))).toBe(true);
    expect(err!.message).toMatch(/^\d+ problems in the rules:\n {2}yoshiji\/a\.yaml:\d+:\d+ \/rules\/1\/id: /);
  });
  it('replaces/ends/appliesTo must name existing rules', () => {
    const dir = rulesWith({
      'a.yaml': head + rule('yoshiji.X1', '    replaces: [yoshiji.X9]\n') + `ends:\n  - { rule: yoshiji.Nope, on: 2030-01-01 }\n`,
    });
    const msgs = problemsOf(dir).map((p) => p.message);
    expect(msgs).toContain("replaces unknown rule 'yoshiji.X9' (nearest: yoshiji.X1)");
    expect(msgs.some((m) => m.startsWith("ends unknown rule 'yoshiji.Nope'"))).toBe(true);
  });
  it('a manifest naming a missing file', () => {
    const dir = rulesWith({ 'a.yaml': head + rule('yoshiji.X1') });
    writeFileSync(join(dir, 'manifest.yaml'), readFileSync(join(dir, 'manifest.yaml'), 'utf8') + '  - nowhere/x.yaml\n');
    const [p] = problemsOf(dir);
    expect(p.file).toBe('manifest.yaml');
    expect(p.pointer).toBe('/files/1');
    expect(p.message).toBe('file not found: nowhere/x.yaml');
  });
});

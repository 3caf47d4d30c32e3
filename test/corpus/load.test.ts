/** loadCorpus and the hints loader fail with errors naming the file and the bad field. */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadHints } from '../../src/corpus/build.js';
import { loadCorpus } from '../../src/corpus/load.js';
import { defaultDataDir } from '../../src/paths.js';

function dataDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'doyaku-corpus-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}
const manifest = JSON.stringify({ title: 't', lawNum: 'n', asOf: { amendment: 'a', date: 'd' }, source: {}, counts: {}, builtWith: 'x' });

describe('loadCorpus', () => {
  it('restores breadcrumbs and norm, builds refsIn', () => {
    const c = loadCorpus(defaultDataDir);
    expect(c.nodes.get('A169-P1-I3')!.breadcrumb.map((b) => b.label)).toEqual(['動物用医薬品等取締規則', '第7章', '第7章第2節', '第169条', '第169条第1項']);
    expect(c.nodes.get('A169-P1')!.norm).toBe(c.nodes.get('A169-P1')!.text);
    expect(c.terms.length).toBeGreaterThan(100);
  });

  it('names the missing or broken file', () => {
    expect(() => loadCorpus(dataDir({}))).toThrow(/ordinance\/nodes\.json \(run npm run build:corpus\)/);
    expect(() => loadCorpus(dataDir({ 'ordinance/nodes.json': '[{', 'ordinance/manifest.json': manifest }))).toThrow(/nodes\.json: invalid JSON/);
  });

  it('names the bad node', () => {
    const dir = dataDir({
      'ordinance/nodes.json': JSON.stringify([{ id: 'Law', kind: 'Law', text: '', children: [] }, { kind: 'Article', text: 'x' }]),
      'ordinance/manifest.json': manifest,
    });
    expect(() => loadCorpus(dir)).toThrow(/nodes\.json: node \[1\] lacks id\/text/);
    const dup = dataDir({
      'ordinance/nodes.json': JSON.stringify([{ id: 'A1', text: '' }, { id: 'A1', text: '' }]),
      'ordinance/manifest.json': manifest,
    });
    expect(() => loadCorpus(dup)).toThrow(/duplicate node id A1/);
  });
});

describe('structure hints', () => {
  it('loads the committed hints, each with a reason', () => {
    const h = loadHints(defaultDataDir);
    expect(Object.keys(h.subitems!)).toContain('A12-P1-I1');
    for (const v of Object.values(h.subitems!)) expect(v.reason.length).toBeGreaterThan(20);
  });
  it('rejects a hint without a count, naming the entry', () => {
    const dir = dataDir({ 'source/structure-hints.yaml': 'subitems:\n  - node: A1-P1-I1\n    reason: because\n' });
    expect(() => loadHints(dir)).toThrow(/structure-hints\.yaml: subitems\[0\] needs node \(string\), count \(integer\) and reason \(string\)/);
  });
});

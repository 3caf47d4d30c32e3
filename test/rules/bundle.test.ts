import { cpSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.js';
import { openParseCache } from '../../src/rules/cache.js';
import { cacheKindOf } from '../../src/rules/load.js';
import { loadRules, RulesLoadError, schemaDir } from '../../src/rules/load.js';
import { defaultDataDir, defaultRulesDir } from '../../src/paths.js';

const corpus = loadCorpus(defaultDataDir);

function ruleFiles(dir: string): string[] {
  const out = ['manifest.yaml'];
  for (const d of readdirSync(dir, { withFileTypes: true })) {
    if (!d.isDirectory() || d.name === 'schema') continue;
    for (const f of readdirSync(join(dir, d.name))) if (f.endsWith('.yaml')) out.push(join(d.name, f));
  }
  return out;
}

describe('the parsed-rules bundle (rules/.parsed.json)', () => {
  it('covers every embedded rule file as it is now (else: npm run build:rules)', () => {
    const cache = openParseCache(schemaDir, defaultRulesDir);
    expect(cache, 'rules/.parsed.json is missing: run npm run build:rules').toBeDefined();
    const stale = ruleFiles(defaultRulesDir).filter((f) => {
      const text = readFileSync(join(defaultRulesDir, f), 'utf8');
      return cache!.get(f === 'manifest.yaml' ? 'manifest' : cacheKindOf(text, defaultRulesDir), text) === undefined;
    });
    expect(stale, `rules/.parsed.json is stale for ${stale.join(', ')}: run npm run build:rules`).toEqual([]);
  });

  it('gives the same rules and hash as a full parse', () => {
    const full = loadRules(defaultRulesDir, { corpus, cache: false });
    const fast = loadRules(defaultRulesDir, { corpus, cache: true });
    expect(fast.contentHash).toBe(full.contentHash);
    expect(fast.rules).toEqual(full.rules);
  });

  it('never answers for an edited file: the edit is parsed and validated in full, with its position', () => {
    const dir = mkdtempSync(join(tmpdir(), 'doyaku-bundle-'));
    cpSync(defaultRulesDir, dir, { recursive: true });
    const file = join(dir, 'yoshiji', 'bekkyo3.yaml');
    const text = readFileSync(file, 'utf8');
    const i = text.indexOf('coverage: ');
    writeFileSync(file, text.slice(0, i) + 'coverage: everything' + text.slice(text.indexOf('\n', i)));
    let err: unknown;
    try {
      loadRules(dir, { corpus, cache: true });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(RulesLoadError);
    const p = (err as RulesLoadError).problems[0];
    expect(p.file).toBe('yoshiji/bekkyo3.yaml');
    expect(p.line).toBe(text.slice(0, i).split('\n').length);
    expect(p.message).toContain('must be one of');
  });
});

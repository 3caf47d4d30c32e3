import { describe, expect, it } from 'vitest';
import { KnowledgeBase } from '../../src/kb.js';

describe('kb.search', () => {
  it('searches through the knowledge base facade', () => {
    const kb = new KnowledgeBase();
    const r = kb.search('要指示医薬品の帳簿', { limit: 3 });
    expect(r.hits[0].id).toBe('A169');
  });

  it('does not need the ruleset to load (rules are read from the index)', () => {
    const kb = new KnowledgeBase({ rulesDir: '/nonexistent/rules' });
    const r = kb.search('イベルメクチン', { kinds: ['rule'], limit: 5 });
    expect(r.total).toBeGreaterThan(0);
    expect(r.hits.every((h) => h.kind === 'rule' && h.id.startsWith('rule:'))).toBe(true);
  });
});

describe('a missing index', () => {
  it('says how to build it', async () => {
    const { mkdtempSync, cpSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { defaultDataDir } = await import('../../src/paths.js');
    const dir = mkdtempSync(join(tmpdir(), 'doyaku-search-'));
    for (const d of ['ordinance', 'annotations']) cpSync(join(defaultDataDir, d), join(dir, d), { recursive: true });
    const kb = new KnowledgeBase({ dataDir: dir });
    expect(() => kb.search('帳簿')).toThrow(/search index not found .*run npm run build:index/);
  });
});

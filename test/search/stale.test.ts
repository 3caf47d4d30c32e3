import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDataDir, defaultRulesDir, packageRoot } from '../../src/paths.js';
import type { SearchManifest } from '../../src/search/build.js';
import { inputHashes } from '../../src/search/inputs.js';

describe('the committed search index', () => {
  it('was built from the current corpus, annotations, rules, reference documents and analysis code', () => {
    const manifest = JSON.parse(readFileSync(join(defaultDataDir, 'search', 'manifest.json'), 'utf8')) as SearchManifest;
    const now = inputHashes(defaultDataDir, defaultRulesDir, join(packageRoot, 'src', 'search'));
    const changed = (Object.keys(now) as (keyof typeof now)[]).filter((k) => manifest.inputs[k] !== now[k]);
    if (changed.length) throw new Error(`search index is stale: run npm run build:index (changed: ${changed.join(', ')})`);
    expect(changed).toEqual([]);
  });
});

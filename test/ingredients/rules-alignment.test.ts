/**
 * The rules name substances by the dictionary's canonical keys: check that every name a rule file
 * uses (substances, contains, ingredient, as, classes, containsClass) is one the dictionary knows.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadIngredientDictionary } from '../../src/ingredients/dictionary.js';
import { defaultDataDir, defaultRulesDir } from '../../src/paths.js';

const dict = loadIngredientDictionary(defaultDataDir);
const keys = new Set(dict.keys());

function namesIn(v: unknown, field: string | undefined, out: { field: string; name: string }[]): void {
  if (Array.isArray(v)) for (const x of v) namesIn(x, field, out);
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) namesIn(x, k, out);
  else if (typeof v === 'string' && field && ['substances', 'contains', 'ingredient', 'as', 'classes', 'containsClass'].includes(field)) out.push({ field, name: v });
}

const files: string[] = [];
for (const family of ['yoshiji', 'shitei', 'dokugeki']) {
  const dir = join(defaultRulesDir, family);
  if (existsSync(dir)) for (const f of readdirSync(dir)) if (f.endsWith('.yaml')) files.push(join(dir, f));
}

describe('rules use the dictionary’s names', () => {
  it('there are rule files to check', () => {
    expect(files.length).toBeGreaterThan(0);
  });
  it.each(files.map((f) => [f.slice(defaultRulesDir.length + 1), f]))('%s', (_label, file) => {
    const found: { field: string; name: string }[] = [];
    namesIn(parse(readFileSync(file, 'utf8')), undefined, found);
    const bad: string[] = [];
    for (const { field, name } of found) {
      if (field === 'classes' || field === 'containsClass') {
        if (!dict.data.classes[name]) bad.push(`${field}: ${name} is not a class of classes.yaml`);
      } else if (field === 'as') {
        if (!dict.resolve(name).known) bad.push(`as: ${name} is not recognised`);
      } else if (!keys.has(name)) bad.push(`${field}: ${name} is not a canonical key${dict.canonicalKey(name) ? ` (did you mean ${dict.canonicalKey(name)}?)` : ''}`);
    }
    expect(bad).toEqual([]);
  });
});

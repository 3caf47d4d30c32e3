/**
 * `npm run build:rules`: validates rules/ in full (YAML, schema, citations against the corpus) and
 * writes rules/.parsed.json, the bundle that lets a load skip the YAML parse (see src/rules/cache.ts).
 */
import { join } from 'node:path';
import { loadCorpus } from '../src/corpus/load.js';
import { recordingCache } from '../src/rules/cache.js';
import { loadRules, schemaDir } from '../src/rules/load.js';
import { defaultDataDir, defaultRulesDir } from '../src/paths.js';

const rulesDir = process.argv[2] ?? defaultRulesDir;
const record = recordingCache(schemaDir);
const loaded = loadRules(rulesDir, { corpus: loadCorpus(defaultDataDir), record });
const n = record.write(rulesDir);
const byFamily = new Map<string, number>();
for (const r of [...loaded.rules, ...loaded.familyRules]) byFamily.set(r.family, (byFamily.get(r.family) ?? 0) + 1);
console.log(`${join(rulesDir, ".parsed.json")}: ${n} files, ${loaded.rules.length + loaded.familyRules.length} rules (${[...byFamily].map(([f, k]) => `${f} ${k}`).join(", ")}), content ${loaded.contentHash.slice(0, 16)}…`);

/** `doyaku validate [dir] [--json]`: checks a rules directory (schema, ids, citations), for people who write rules. */
import { resolve } from 'node:path';
import { formatProblem, loadRules, referencedKeys, RulesLoadError } from '../../rules/load.js';
import { UsageError, type Command } from '../command.js';

export const command: Command = {
  name: 'validate',
  summary: 'check a rules directory: schema, ids, citations against the corpus (exit 0 valid, 1 problems)',
  usage: 'doyaku validate [DIR] [--json]   (DIR: a directory with manifest.yaml; default: the embedded rules/)',
  async run(argv, io) {
    let dir: string | undefined;
    let json = false;
    for (const a of argv) {
      if (a === '--json') json = true;
      else if (a.startsWith('-')) throw new UsageError(`unknown option '${a}'`);
      else if (dir) throw new UsageError('give at most one directory');
      else dir = a;
    }
    const kb = await io.kb();
    const rulesDir = dir ? resolve(dir) : kb.rulesDir;
    try {
      const loaded = loadRules(rulesDir, { corpus: kb.corpus });
      // Warnings: substance keys the ingredient dictionary does not know (the rule could never match).
      const warnings: string[] = [];
      try {
        const keys = new Set(kb.ingredients.keys());
        for (const k of referencedKeys(loaded.rules)) if (!keys.has(k)) warnings.push(`substance key '${k}' is not a key of the ingredient dictionary`);
      } catch {
        /* no dictionary: no key check */
      }
      const counts: Record<string, number> = {};
      for (const r of loaded.rules) counts[r.family] = (counts[r.family] ?? 0) + 1;
      if (json)
        io.stdout(JSON.stringify({ ok: true, dir: rulesDir, version: loaded.manifest.version, contentHash: loaded.contentHash, files: loaded.files, rules: counts, problems: [], warnings }, null, 2) + '\n');
      else {
        io.stdout(`ok: ${loaded.rules.length} rules in ${loaded.files.length} files (${Object.entries(counts).map(([f, n]) => `${f} ${n}`).join(', ')}); ruleset ${loaded.manifest.version}, content hash ${loaded.contentHash}\n`);
        for (const w of warnings) io.stdout(`warning: ${w}\n`);
      }
      return 0;
    } catch (e) {
      if (!(e instanceof RulesLoadError)) throw e;
      if (json) io.stdout(JSON.stringify({ ok: false, dir: rulesDir, problems: e.problems }, null, 2) + '\n');
      else for (const p of e.problems) io.stdout(`${formatProblem(p)}\n`);
      io.stderr(`doyaku validate: ${e.problems.length} problem${e.problems.length === 1 ? '' : 's'} in ${rulesDir}\n`);
      return 1;
    }
  },
};

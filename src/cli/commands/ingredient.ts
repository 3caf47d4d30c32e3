/**
 * `doyaku ingredient <name>` — how a name resolves: the ordinance substances it counts as, by which
 * path (exact, alias, salt, derivative, class), what is curated and why, its classes, and the 別表
 * entries naming each substance. Unrecognised names get did-you-mean suggestions (exit 1).
 */
import type { IngredientResolution } from '../../ingredients/types.js';
import type { Command } from '../command.js';
import { UsageError } from '../command.js';

export const command: Command = {
  name: 'ingredient',
  summary: 'how an ingredient name resolves to the substances the ordinance names (aliases, salts, classes)',
  usage: 'doyaku ingredient <name> [<name> …] [--json]',
  async run(argv, io) {
    const json = argv.includes('--json');
    const names = argv.filter((a) => a !== '--json');
    const flag = names.find((a) => a.startsWith('--'));
    if (flag) throw new UsageError(`ingredient: unknown option '${flag}'`);
    if (names.length === 0) throw new UsageError('ingredient: give a name, e.g. doyaku ingredient 塩酸ケタミン');
    // the same limits as a product's ingredients (rules/schema/product.schema.json, docs/contracts.md)
    if (names.length > 50) throw new UsageError(`ingredient: at most 50 names at once, got ${names.length}`);
    const long = names.findIndex((n) => n.length > 200);
    if (long >= 0) throw new UsageError(`ingredient: name ${long + 1} is ${names[long].length} characters; a name may be at most 200`);
    const kb = await io.kb();
    const dict = kb.ingredients;
    const results: (IngredientResolution & { entries: Record<string, { id: string; label: string }[]> })[] = names.map((n) => {
      const r = dict.resolve(n);
      const entries: Record<string, { id: string; label: string }[]> = {};
      for (const m of r.matches) {
        const rec = dict.substance?.(m.key);
        entries[m.key] = (rec?.entries ?? []).map((id) => ({ id, label: kb.corpus.nodes.get(id)?.label ?? id }));
      }
      return { ...r, entries };
    });
    if (json) {
      io.stdout(JSON.stringify(results.length === 1 ? results[0] : results, null, 2) + '\n');
    } else {
      for (const r of results) {
        io.stdout(`${r.input}${r.normalized !== r.input ? ` (normalised: ${r.normalized})` : ''}\n`);
        if (r.uncertain) {
          io.stdout(`  a recognised substance whose coverage by the ordinance cannot be decided — ${r.uncertain}; classify answers unknown for it\n`);
        } else if (!r.known) {
          io.stdout('  not a recognised ingredient; classify answers unknown for it\n');
          if (r.suggestions?.length) io.stdout(`  did you mean: ${r.suggestions.join(', ')}\n`);
        } else if (r.matches.length === 0) {
          io.stdout('  recognised, and named by no 別表 entry (not a listed substance, salt, derivative or class member)\n');
        }
        for (const m of r.matches) {
          const chain = m.via?.length ? ` via ${m.via.map((v) => `${v.name} (${v.path})`).join(' → ')}` : '';
          io.stdout(`  → ${m.key}  [${m.path}${m.curated ? ', curated' : ''}${m.saltForm ? `, ${m.saltForm}` : ''}]${chain}\n`);
          const e = r.entries[m.key];
          if (e?.length) io.stdout(`    listed in ${e.map((x) => x.label).join(', ')}\n`);
          if (m.curated && m.reasoning) io.stdout(`    why: ${m.reasoning}\n`);
        }
        if (r.classes.length) io.stdout(`  classes: ${r.classes.map((c) => c.name + (c.curated ? ' (curated)' : '')).join(', ')}\n`);
      }
    }
    return results.every((r) => r.known && !r.uncertain) ? 0 : 1;
  },
};

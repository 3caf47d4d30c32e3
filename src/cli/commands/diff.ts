/** `doyaku diff --from DATE --to DATE [--json]`: rules added, ended and replaced between two dates. */
import { diffRules, formatDiff } from '../../rules/diff.js';
import { AsOfError } from '../../rules/ruleset.js';
import { UsageError, type Command } from '../command.js';
import { today } from '../../rules/dates.js';
import { asOfFlag } from '../flags.js';

/** A flag's date, or a usage error naming the flag. */
function flagDate(flag: string, v: string): string {
  return asOfFlag(v, flag);
}

export const command: Command = {
  name: 'diff',
  summary: 'what changed in the rules between two dates (added, ended, replaced, with the amending ordinance)',
  usage: 'doyaku diff --from YYYY-MM-DD [--to YYYY-MM-DD (default: today)] [--json]',
  async run(argv, io) {
    let from: string | undefined;
    let to: string | undefined;
    let json = false;
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i];
      if (a === '--json') json = true;
      else if (a === '--from' || a === '--to') {
        const v = argv[++i];
        if (v === undefined || v.startsWith('--')) throw new UsageError(`${a} needs a date`);
        if (a === '--from') from = v;
        else to = v;
      } else if (a.startsWith('--from=')) from = a.slice(7);
      else if (a.startsWith('--to=')) to = a.slice(5);
      else throw new UsageError(`unknown option '${a}'`);
    }
    if (from === undefined) throw new UsageError('--from is required');
    from = flagDate('--from', from);
    if (to !== undefined) to = flagDate('--to', to);
    const kb = await io.kb();
    try {
      kb.ruleset.checkAsOf(from);
    } catch (e) {
      if (e instanceof AsOfError) throw new UsageError(`--from: ${e.message}`);
      throw e;
    }
    try {
      const d = diffRules(kb.ruleset, from, to ?? today());
      io.stdout(json ? JSON.stringify(d, null, 2) + '\n' : formatDiff(d));
      return 0;
    } catch (e) {
      if (e instanceof AsOfError || (e as Error).message.startsWith('--to')) throw new UsageError((e as Error).message);
      throw e;
    }
  },
};

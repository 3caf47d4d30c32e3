/**
 * `doyaku coverage`: the law-coverage report — for every article, paragraph and 別表 entry, encoded as
 * rules (which), only searchable text, or deliberately out of scope (why); totals per chapter.
 */
import { formatCoverage } from '../../coverage/coverage.js';
import { coverageOf } from '../../server/routes.js';
import { UsageError, type Command } from '../command.js';

const usage = `doyaku coverage [--detail] [--chapter Ch7|T|SP] [--status rules|text|out-of-scope] [--json]

  --detail     list every unit under its chapter (with the rules or the reason)
  --chapter    only this group (Ch1…Ch11, T = 別表, SP = 附則)
  --status     only units with this status
  --json       the whole report as JSON (the same as GET /v1/coverage)`;

export const command: Command = {
  name: 'coverage',
  summary: 'law coverage: which articles, paragraphs and 別表 entries are encoded as rules, only text, or out of scope',
  usage,
  async run(argv, io) {
    let json = false;
    let detail = false;
    let chapter: string | undefined;
    let status: string | undefined;
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i];
      if (a === '--json') json = true;
      else if (a === '--detail') detail = true;
      else if (a === '--chapter' || a === '--status') {
        const v = argv[++i];
        if (!v) throw new UsageError(`${a} needs a value`);
        if (a === '--chapter') {
          if (!/^(?:Ch\d{1,2}|T|SP)$/.test(v)) throw new UsageError(`--chapter must be Ch1…Ch11, T or SP, got '${v}'`);
          chapter = v;
        } else {
          if (!['rules', 'text', 'out-of-scope'].includes(v)) throw new UsageError(`--status must be rules, text or out-of-scope, got '${v}'`);
          status = v;
        }
      } else throw new UsageError(`coverage: unknown option '${a}'\n\nusage: ${usage}`);
    }
    const kb = await io.kb();
    const full = coverageOf(kb);
    const report = {
      ...full,
      chapters: full.chapters.filter((c) => !chapter || c.id === chapter),
      units: full.units.filter((u) => (!chapter || u.chapter === chapter) && (!status || u.status === status)),
    };
    if (json) io.stdout(JSON.stringify({ rulesetVersion: kb.ruleset.version, contentHash: kb.ruleset.contentHash, ...report }, null, 2) + '\n');
    else io.stdout(formatCoverage(report, detail || !!status));
    return 0;
  },
};

/**
 * `doyaku license [name]`: the table of license categories, or one license (grantor, validity,
 * what it allows and to whom, staffing, records, 指定医薬品 / 要指示). See docs/licenses.md.
 */
import { formatLicense, formatLicenseList } from '../../licenses/format.js';
import { LicenseNotFoundError } from '../../licenses/licenses.js';
import { AsOfError } from '../../rules/ruleset.js';
import { UsageError, type Command } from '../command.js';
import { asOfFlag, checkAsOfFlag } from '../flags.js';

const usage = `doyaku license [ID|名称] [--as-of YYYY-MM-DD] [--json]

  without a name: every license, registration, certification and notification (the table)
  with one: that license in full (id: tenpo, licenses.oroshi …; Japanese name or alias: 店舗販売業, 卸売 …)
  exit code: 0 answered; 2 usage error or unknown license (with the nearest names)`;

export const command: Command = {
  name: 'license',
  summary: 'license categories: what each licence allows, to whom, staffing, records (table or one)',
  usage,
  async run(argv, io) {
    let name: string | undefined;
    let asOf: string | undefined;
    let json = false;
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i];
      if (a === '--json') json = true;
      else if (a === '--as-of' || a.startsWith('--as-of=')) {
        asOf = asOfFlag(a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i]);
      } else if (a.startsWith('-')) throw new UsageError(`unknown option '${a}'\n\nusage: ${usage}`);
      else if (name === undefined) name = a;
      else throw new UsageError(`one license at a time (got '${name}' and '${a}')`);
    }
    const kb = await io.kb();
    checkAsOfFlag(kb.ruleset, asOf);
    const options = asOf ? { asOf } : {};
    try {
      if (name === undefined) {
        const a = kb.licenses(options);
        io.stdout(json ? JSON.stringify(a, null, 2) + '\n' : formatLicenseList(a));
      } else {
        const a = kb.license(name, options);
        io.stdout(json ? JSON.stringify(a, null, 2) + '\n' : formatLicense(a));
      }
      return 0;
    } catch (e) {
      if (e instanceof LicenseNotFoundError || e instanceof AsOfError) {
        if (json) io.stdout(JSON.stringify({ error: { code: e instanceof LicenseNotFoundError ? e.code : 'invalid-asof', message: e.message, ...(e instanceof LicenseNotFoundError ? { problems: e.problems, suggestions: e.suggestions } : {}) } }, null, 2) + '\n');
        io.stderr(`doyaku license: ${e.message}\n`);
        return 2;
      }
      throw e;
    }
  },
};

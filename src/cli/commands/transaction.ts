/**
 * `doyaku transaction`: checks a sale / transfer (JSON on stdin) or a batch (`--ndjson`: one
 * transaction per line in, one answer or `{line, error}` per non-blank line out, in order,
 * streamed — memory stays flat on any length). See docs/transactions.md.
 */
import { formatTransaction } from '../../transactions/format.js';
import { summarize } from '../../transactions/summary.js';
import { InputError } from '../../rules/input.js';
import { UsageError, type Command } from '../command.js';
import { asOfFlag, checkAsOfFlag, ndjsonIo } from '../flags.js';

const usage = `doyaku transaction [--as-of YYYY-MM-DD] [--engine fast|json-rules-engine] [--explain full|summary] [--json] < transaction.json
       doyaku transaction --ndjson [--as-of YYYY-MM-DD] [--explain full|summary] [--quiet] < transactions.ndjson > answers.ndjson

  the transaction: rules/schema/transaction.request.schema.json (seller.license, buyer.kind, product, date, documents …)
  asOf: default the transaction's date
  --explain summary: the lighter answer (rule ids, kinds, cited ids, needs, record deadlines); implies --json
  --ndjson: one answer per non-blank line, in order ({line, ...answer} or {line, error}); progress on stderr
            when it is a terminal, a summary line on stderr at the end (--quiet: none)
  exit code: single: 0 ok, 1 a violation or unknown (needs), 2 invalid input
             --ndjson: 0 every line answered, 1 some line failed, 2 usage error`;

export const command: Command = {
  name: 'transaction',
  summary: 'check a sale/transfer: violations, obligations, records with deadlines (JSON, or --ndjson bulk)',
  usage,
  async run(argv, io) {
    let asOf: string | undefined;
    let json = false;
    let ndjson = false;
    let quiet = false;
    let engine: 'fast' | 'json-rules-engine' = 'fast';
    let explain: 'full' | 'summary' = 'full';
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i];
      const value = () => {
        const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
        if (v === undefined || v === '') throw new UsageError(`${a.split('=')[0]} needs a value`);
        return v;
      };
      if (a === '--json') json = true;
      else if (a === '--ndjson') ndjson = true;
      else if (a === '--quiet') quiet = true;
      else if (a === '--as-of' || a.startsWith('--as-of=')) asOf = asOfFlag(a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i]);
      else if (a === '--engine' || a.startsWith('--engine=')) {
        const v = value();
        if (v !== 'fast' && v !== 'json-rules-engine') throw new UsageError(`--engine must be fast or json-rules-engine (got '${v}')`);
        engine = v;
      } else if (a === '--explain' || a.startsWith('--explain=')) {
        const v = value();
        if (v !== 'full' && v !== 'summary') throw new UsageError(`--explain must be full or summary (got '${v}')`);
        explain = v;
      } else throw new UsageError(`unknown option '${a}'\n\nusage: ${usage}`);
    }
    const kb = await io.kb();
    // a bad --as-of is one usage error before any input is read
    checkAsOfFlag(kb.ruleset, asOf);
    if (ndjson) {
      const { input, sink, progress } = ndjsonIo(io);
      const s = await kb.checkTransactionsNdjson(await input(), sink, { asOf, explain, progress });
      if (!quiet)
        io.stderr(`doyaku transaction: ${s.lines} lines — ${s.ok} answered (${s.compliant} ok, ${s.violations} with violations, ${s.unknown} unknown), ${s.failed} failed; ${s.ms} ms\n`);
      return s.failed ? 1 : 0;
    }
    const text = (await io.readStdin()).trim();
    if (!text) throw new UsageError(`give a transaction JSON on stdin (or --ndjson)\n\nusage: ${usage}`);
    let tx: unknown;
    try {
      tx = JSON.parse(text);
    } catch (e) {
      throw new UsageError(`stdin is not valid JSON: ${(e as Error).message}`);
    }
    try {
      const a = await kb.checkTransaction(tx, { ...(asOf ? { asOf } : {}), engine });
      io.stdout(explain === 'summary' ? JSON.stringify(summarize(a), null, 2) + '\n' : json ? JSON.stringify(a, null, 2) + '\n' : formatTransaction(a));
      return a.ok === true ? 0 : 1;
    } catch (e) {
      if (e instanceof InputError || (e as Error).name === 'AsOfError') {
        const err = e instanceof InputError ? { code: e.code, message: e.message, problems: e.problems } : { code: 'invalid-asof', message: (e as Error).message };
        if (json) io.stdout(JSON.stringify({ error: err }, null, 2) + '\n');
        io.stderr(`doyaku transaction: ${(e as Error).message}\n`);
        return 2;
      }
      throw e;
    }
  },
};

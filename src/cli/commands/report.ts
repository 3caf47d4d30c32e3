/**
 * `doyaku report`: safety-report deadlines (chapter 8 of the ordinance; docs/reports.md).
 *   doyaku report deadline --event adverse-reaction --product 医薬品 --holder 製造販売業者 --outcome death --suspect this --learned 2024-01-31
 *   doyaku report deadline --json < request.json
 *   doyaku report deadline --ndjson < requests.ndjson      (one answer per line; an error record per bad line)
 *   doyaku report obligations [--holder 製造販売業者]
 */
import type { KnowledgeBase } from '../../kb.js';
import { formatReportDeadline, formatReportObligations } from '../../reports/format.js';
import type { ReportRequest } from '../../reports/model.js';
import { InputError } from '../../rules/input.js';
import { AsOfError } from '../../rules/ruleset.js';
import { UsageError, type CliIO, type Command } from '../command.js';
import { asOfFlag, outputFlag, readFlags, runNdjsonCommand } from '../flags.js';
import { errorJson } from './classify.js';

const usage = `doyaku report deadline --event KIND [--product TYPE] [--holder H] [event flags] [date flags] [--as-of YYYY-MM-DD] [--json]
       doyaku report deadline [--as-of D] [--json] < request.json      (rules/schema/report.request.schema.json)
       doyaku report deadline --ndjson [--as-of D] < requests.ndjson
       doyaku report obligations [--holder H] [--as-of D] [--json]

  KIND: adverse-reaction infection research-report foreign-measure recall-start recall-status recall-end
        periodic-infection-report record-delegation record-delegation-change
  TYPE: 医薬品 医薬部外品 医療機器 体外診断用医薬品 再生医療等製品
  H:    製造販売業者 外国特例承認取得者 選任製造販売業者 輸出用製造業者 治験依頼者 自ら治験を実施した者 医薬関係者 販売業者 製造業者
  event flags: --outcome death|death-risk|illness  --suspect this|foreign-identical|other  --predictable yes|no
               --minor yes|no  --malfunction yes|no  --research serious-risk,trend-change,lack-of-efficacy,harmful-effect,other
               --recall change|minor-change|unforeseen-harm|minister-request|none  --biological yes|no
               --changed parties|responsible-person|product
  date flags:  --learned D  --approval D  --recall-start D  --recall-end D  --change-date D  --reference D
               --period N  --designated yes|no  --designated-cycle 1y|6m|90d  --translation yes|no
  limits: a request JSON on stdin ≤ 1 MiB; an NDJSON line ≤ 64 KiB (else an error record line-too-long)
  exit code: 0 answered; 1 some NDJSON line failed; 2 usage or invalid input`;

const maxLineLength = 64 * 1024;
const maxStdin = 1024 * 1024;

interface Parsed {
  sub?: string;
  event: Record<string, unknown>;
  facts: Record<string, unknown>;
  holder?: string;
  asOf?: string;
  json: boolean;
  ndjson: boolean;
  flags: number;
}

const yesNo = (flag: string, v: string): boolean => {
  if (['yes', 'true', 'y', 'はい'].includes(v)) return true;
  if (['no', 'false', 'n', 'いいえ'].includes(v)) return false;
  throw new UsageError(`${flag} takes yes or no, got '${v}'`);
};
/** a date flag, in the words of every command (docs/contracts.md): `--as-of: must be a date YYYY-MM-DD, got ""` */
const date = (flag: string, v: string): string => asOfFlag(v, flag);
function cycle(flag: string, v: string): Record<string, number> {
  const m = /^(\d+)\s*(y|m|d|年|箇月|月|日)$/.exec(v.trim());
  if (!m || Number(m[1]) <= 0) throw new UsageError(`${flag} takes a period like 1y, 6m or 90d, got '${v}'`);
  const k = m[2] === 'y' || m[2] === '年' ? 'years' : m[2] === 'd' || m[2] === '日' ? 'days' : 'months';
  return { [k]: Number(m[1]) };
}

function parseArgs(argv: string[]): Parsed {
  const p: Parsed = { event: {}, facts: {}, json: false, ndjson: false, flags: 0 };
  let i = 0;
  if (argv[0] && !argv[0].startsWith('-')) p.sub = argv[i++];
  readFlags(argv, (a, value, arg) => {
    const ev = (k: string, x: unknown) => {
      p.event[k] = x;
      p.flags++;
    };
    const fact = (k: string, x: unknown) => {
      p.facts[k] = x;
      p.flags++;
    };
    switch (a) {
      case '--event':
        ev('kind', value());
        break;
      case '--product':
        ev('productType', value());
        break;
      case '--outcome':
        ev('outcome', value());
        break;
      case '--suspect':
        ev('suspectProduct', value());
        break;
      case '--predictable':
        ev('predictable', yesNo(a, value()));
        break;
      case '--minor':
        ev('minor', yesNo(a, value()));
        break;
      case '--malfunction':
        ev('malfunctionSuspected', yesNo(a, value()));
        break;
      case '--research':
        ev('researchShows', value().split(/[,、]/).map((s) => s.trim()).filter(Boolean));
        break;
      case '--recall':
        ev('recallCircumstance', value());
        break;
      case '--biological':
        ev('biological', yesNo(a, value()));
        break;
      case '--changed':
        ev('changedItem', value());
        break;
      case '--holder':
        p.holder = value();
        p.flags++;
        break;
      case '--learned':
        fact('learnedDate', date(a, value()));
        break;
      case '--approval':
        fact('approvalDate', date(a, value()));
        break;
      case '--recall-start':
        fact('recallStartDate', date(a, value()));
        break;
      case '--recall-end':
        fact('recallEndDate', date(a, value()));
        break;
      case '--change-date':
        fact('changeDate', date(a, value()));
        break;
      case '--reference':
        fact('referenceDate', date(a, value()));
        break;
      case '--period': {
        const n = value();
        if (!/^[1-9]\d*$/.test(n)) throw new UsageError(`--period takes a cycle number 1, 2, …, got '${n}'`);
        fact('periodNumber', Number(n));
        break;
      }
      case '--designated':
        fact('ministerDesignated', yesNo(a, value()));
        break;
      case '--designated-cycle':
        fact('designatedCycle', cycle(a, value()));
        break;
      case '--translation':
        fact('translationNeeded', yesNo(a, value()));
        break;
      default:
        outputFlag(p, a, value, arg, usage);
    }
  }, i);
  return p;
}

const withAsOf = (req: unknown, asOf: string | undefined): unknown =>
  asOf && req && typeof req === 'object' && !Array.isArray(req) && !('asOf' in req) ? { ...(req as object), asOf } : req;

/** `--ndjson`: streamed line by line (src/io/ndjson.ts), one answer or `{line, error}` per non-blank line, in order; a reader that goes away (`| head`) ends the output, not the process. */
async function ndjson(io: CliIO, kb: KnowledgeBase, asOf: string | undefined): Promise<number> {
  const s = await runNdjsonCommand(io, (value) => kb.reportDeadline(withAsOf(value, asOf) as ReportRequest), { maxLineLength, errorJson });
  io.stderr(`doyaku report: ${s.ok} answered, ${s.failed} failed\n`);
  return s.failed ? 1 : 0;
}

export const command: Command = {
  name: 'report',
  summary: 'safety-report deadlines of chapter 8 (副作用等・感染症・研究報告, 回収, 感染症定期報告) and who must report',
  usage,
  async run(argv, io) {
    const p = parseArgs(argv);
    const sub = p.sub ?? 'deadline';
    if (sub !== 'deadline' && sub !== 'obligations' && sub !== 'list') throw new UsageError(`unknown report subcommand '${sub}' (deadline, obligations)\n\nusage: ${usage}`);
    const kb = await io.kb();
    const fail = (e: unknown): number => {
      if (e instanceof InputError || e instanceof AsOfError) {
        if (p.json) io.stdout(JSON.stringify({ error: errorJson(e) }, null, 2) + '\n');
        io.stderr(`doyaku report: ${e.message}\n`);
        return 2;
      }
      throw e;
    };
    if (sub !== 'deadline') {
      if (p.ndjson || Object.keys(p.event).length || Object.keys(p.facts).length) throw new UsageError(`report ${sub} takes only --holder, --as-of and --json`);
      try {
        const a = kb.reportObligations({ ...(p.holder !== undefined ? { holder: p.holder } : {}), ...(p.asOf ? { asOf: p.asOf } : {}) });
        io.stdout(p.json ? JSON.stringify(a, null, 2) + '\n' : formatReportObligations(a));
        return 0;
      } catch (e) {
        return fail(e);
      }
    }
    if (p.ndjson) {
      if (p.flags) throw new UsageError('--ndjson reads requests from stdin; do not combine it with event, holder or date flags');
      return ndjson(io, kb, p.asOf);
    }
    let req: unknown;
    if (p.flags) {
      if (!p.event.kind) throw new UsageError(`--event KIND is required with flags\n\nusage: ${usage}`);
      req = { event: p.event, ...(p.holder !== undefined ? { holder: p.holder } : {}), ...(Object.keys(p.facts).length ? { facts: p.facts } : {}), ...(p.asOf ? { asOf: p.asOf } : {}) };
    } else {
      const text = (await io.readStdin()).trim();
      if (!text) throw new UsageError(`give --event KIND …, or a request JSON on stdin\n\nusage: ${usage}`);
      if (text.length > maxStdin) throw new UsageError(`the request on stdin is ${text.length} characters; it may be at most ${maxStdin}`);
      try {
        req = withAsOf(JSON.parse(text), p.asOf);
      } catch (e) {
        throw new UsageError(`stdin is not valid JSON: ${(e as Error).message}`);
      }
    }
    try {
      const a = kb.reportDeadline(req as ReportRequest);
      io.stdout(p.json ? JSON.stringify(a, null, 2) + '\n' : formatReportDeadline(a));
      return 0;
    } catch (e) {
      return fail(e);
    }
  },
};

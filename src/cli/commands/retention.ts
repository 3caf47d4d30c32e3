/**
 * `doyaku retention`: until which day must a record be kept (kb.retention), and which records must a
 * business keep (kb.retentionObligations). Flags, a request JSON on stdin, or NDJSON (one request per
 * line → one answer per line, in order; a bad line gives `{line, error}`). See docs/retention.md.
 */
import type { KnowledgeBase } from '../../kb.js';
import { RetentionError } from '../../retention/calculate.js';
import { formatObligations, formatRetention } from '../../retention/format.js';
import { retentionEvents, type ObligationsFacts, type ObligationsRequest, type RetentionFacts, type RetentionRequest } from '../../retention/model.js';
import { InputError } from '../../rules/input.js';
import { AsOfError } from '../../rules/ruleset.js';
import { UsageError, type CliIO, type Command } from '../command.js';
import { asOfFlag, checkAsOfFlag, lineTooLongWords, runNdjsonCommand, splitFlag } from '../flags.js';
import { maxInputLength, maxLineLength } from './classify.js';

const flags = ['hasExpiry', 'reexaminationRequired', 'evaluationDesignated', 'specifiedMaintenanceDevice', 'ministerDesignated', 'conditionalApproval'] as const;
/** flags of `retention obligations` (facts about the business) */
const obligationFlags = ['specifiedMaintenanceRepairer'] as const;

const usage = `doyaku retention <article> [--holder H] [--record R] [--reading ID] [--<fact> VALUE]... [--as-of YYYY-MM-DD] [--json]
       doyaku retention --rule retention.A104-P3 [--<fact> VALUE]... [--json]
       doyaku retention obligations (--holder H | --license L) [--specifiedMaintenanceRepairer [true|false]] [--as-of D] [--json]
       doyaku retention [--json] < request.json
       doyaku retention --ndjson [--as-of D] < requests.ndjson

  <article>: any notation the corpus accepts (第104条第3項, 第百四条第三項, A104-P3)
  facts (dates YYYY-MM-DD): ${retentionEvents.map((e) => `--${e}`).join(' ')}
  flags (true|false; a bare flag is true): ${flags.map((f) => `--${f}`).join(' ')}
  --validityPeriod 3y | 2y6m | 18m   the product's 有効期間 (for 有効期間にN年を加算した期間)
  --specifiedMaintenanceRepairer   obligations of 医療機器修理業: the repairer repairs 特定保守管理医療機器 (第147条); false = other devices only (第148条)
  --reading ID   where the text leaves the start open, compute with that reading (from-expiry, from-record)
  limits (docs/contracts.md): a request JSON on stdin ≤ 1 MiB; an NDJSON line ≤ 64 KiB (else an error record line-too-long)
  exit code: 0 answered; 1 some NDJSON line failed; 2 usage or invalid input`;

interface Parsed {
  sub?: 'obligations';
  article?: string;
  rule?: string;
  holder?: string;
  record?: string;
  license?: string;
  reading?: string;
  facts: RetentionFacts;
  obligationFacts: ObligationsFacts;
  asOf?: string;
  json: boolean;
  ndjson: boolean;
}

function parsePeriod(s: string): { years?: number; months?: number } {
  const m = /^\s*(?:(\d+)\s*[y年])?\s*(?:(\d+)\s*(?:m|箇月|か月|ヶ月))?\s*$/.exec(s);
  if (!m || (!m[1] && !m[2])) throw new UsageError(`--validityPeriod: expected e.g. 3y, 2y6m, 18m (got '${s}')`);
  return { ...(m[1] ? { years: Number(m[1]) } : {}), ...(m[2] ? { months: Number(m[2]) } : {}) };
}

function parseArgs(argv: string[]): Parsed {
  const p: Parsed = { facts: {}, obligationFacts: {}, json: false, ndjson: false };
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const [a, v] = splitFlag(argv[i]);
    const value = () => {
      if (v !== undefined) return v;
      const n = argv[++i];
      if (n === undefined || n.startsWith('--')) throw new UsageError(`${a} needs a value`);
      return n;
    };
    const name = a.slice(2);
    if (a === '--json') p.json = true;
    else if (a === '--ndjson') p.ndjson = true;
    else if (a === '--as-of') p.asOf = asOfFlag(v ?? argv[++i]);
    else if (a === '--rule') p.rule = value();
    else if (a === '--holder') p.holder = value();
    else if (a === '--record') p.record = value();
    else if (a === '--reading') p.reading = value();
    else if (a === '--license') p.license = value();
    else if ((retentionEvents as readonly string[]).includes(name)) (p.facts as Record<string, unknown>)[name] = value();
    else if ((flags as readonly string[]).includes(name) || (obligationFlags as readonly string[]).includes(name)) {
      let b = v;
      if (b === undefined && (argv[i + 1] === 'true' || argv[i + 1] === 'false')) b = argv[++i];
      if (b !== undefined && b !== 'true' && b !== 'false') throw new UsageError(`${a}: expected true or false, got '${b}'`);
      const target = (flags as readonly string[]).includes(name) ? p.facts : p.obligationFacts;
      (target as Record<string, unknown>)[name] = b === undefined ? true : b === 'true';
    } else if (a === '--validityPeriod') p.facts.validityPeriod = parsePeriod(value());
    else if (a.startsWith('-')) throw new UsageError(`unknown option '${argv[i]}'\n\nusage: ${usage}`);
    else rest.push(a);
  }
  if (rest[0] === 'obligations') {
    p.sub = 'obligations';
    rest.shift();
  }
  if (rest.length > 1) throw new UsageError(`one article at a time (got ${rest.join(' ')})`);
  p.article = rest[0];
  return p;
}

export function retentionErrorJson(e: unknown): { code: string; message: string; problems?: unknown; candidates?: unknown; suggestions?: string[] } {
  if (e instanceof InputError) return { code: e.code, message: e.message, problems: e.problems };
  if (e instanceof RetentionError) return { code: e.code, message: e.message, ...(e.candidates.length ? { candidates: e.candidates } : {}), ...(e.suggestions.length ? { suggestions: e.suggestions } : {}) };
  if (e instanceof AsOfError) return { code: 'invalid-asof', message: e.message };
  if (e instanceof SyntaxError) return { code: 'invalid-json', message: e.message };
  return { code: 'error', message: (e as Error).message };
}

const expected = (e: unknown) => e instanceof InputError || e instanceof RetentionError || e instanceof AsOfError;

/** `--ndjson`: streamed line by line (src/io/ndjson.ts), one answer or `{line, error}` per non-blank line, in order. */
async function ndjson(io: CliIO, kb: KnowledgeBase, asOf: string | undefined): Promise<number> {
  const s = await runNdjsonCommand(
    io,
    (value) => {
      const req = value as RetentionRequest;
      return kb.retention(asOf && req && typeof req === 'object' && !('asOf' in req) ? { ...req, asOf } : req);
    },
    { maxLineLength, errorJson: retentionErrorJson, lineTooLong: lineTooLongWords },
  );
  return s.failed ? 1 : 0;
}

export const command: Command = {
  name: 'retention',
  summary: 'until which day must a record be kept? which records must a business keep? (record retention)',
  usage,
  async run(argv, io) {
    const p = parseArgs(argv);
    const kb = await io.kb();
    // a bad or too-early --as-of is one usage error, before any input is read (also with --ndjson)
    checkAsOfFlag(kb.ruleset, p.asOf);
    const fail = (e: unknown): number => {
      if (!expected(e)) throw e;
      if (p.json) io.stdout(JSON.stringify({ error: retentionErrorJson(e) }, null, 2) + '\n');
      io.stderr(`doyaku retention: ${(e as Error).message}\n`);
      return 2;
    };
    if (p.sub === 'obligations') {
      if (!p.holder && !p.license) throw new UsageError(`obligations needs --holder or --license\n\nusage: ${usage}`);
      const req: ObligationsRequest = { ...(p.holder ? { holder: p.holder } : {}), ...(p.license ? { license: p.license } : {}), ...(Object.keys(p.obligationFacts).length ? { facts: p.obligationFacts } : {}), ...(p.asOf ? { asOf: p.asOf } : {}) };
      try {
        const a = kb.retentionObligations(req);
        io.stdout(p.json ? JSON.stringify(a, null, 2) + '\n' : formatObligations(a));
        return 0;
      } catch (e) {
        return fail(e);
      }
    }
    if (Object.keys(p.obligationFacts).length) throw new UsageError(`--${Object.keys(p.obligationFacts)[0]} is a fact of 'retention obligations' (a listing by licence), not of a retention request`);
    if (p.ndjson) {
      if (p.article || p.rule) throw new UsageError('--ndjson reads requests from stdin; do not combine it with an article or --rule');
      return ndjson(io, kb, p.asOf);
    }
    let req: RetentionRequest;
    if (p.article || p.rule) {
      req = { ...(p.article ? { article: p.article } : {}), ...(p.rule ? { rule: p.rule } : {}), ...(p.holder ? { holder: p.holder } : {}), ...(p.record ? { record: p.record } : {}), ...(p.reading ? { reading: p.reading } : {}), facts: p.facts, ...(p.asOf ? { asOf: p.asOf } : {}) };
    } else {
      const text = (await io.readStdin()).trim();
      if (!text) throw new UsageError(`give an article or --rule, or a request JSON on stdin\n\nusage: ${usage}`);
      if (text.length > maxInputLength) throw new UsageError(`the request on stdin is ${text.length} characters; at most ${maxInputLength}`);
      try {
        req = JSON.parse(text) as RetentionRequest;
      } catch (e) {
        throw new UsageError(`stdin is not valid JSON: ${(e as Error).message}`);
      }
      if (p.asOf && req && typeof req === 'object' && !('asOf' in req)) req = { ...req, asOf: p.asOf };
    }
    try {
      const a = kb.retention(req);
      io.stdout(p.json ? JSON.stringify(a, null, 2) + '\n' : formatRetention(a));
      return 0;
    } catch (e) {
      return fail(e);
    }
  },
};

/**
 * `doyaku label`: what a product's 直接の容器・被包 / 外部の容器・被包 / 添付文書等 must carry, what
 * it may leave off or write instead, whether a label does (and 使用の期限). From flags, a request JSON
 * on stdin, or NDJSON (one request per line → one answer per line, in order). See docs/labels.md.
 */
import type { KnowledgeBase } from '../../kb.js';
import { formatExpiry, formatRequirements } from '../../labels/format.js';
import type { LabelRequest } from '../../labels/model.js';
import { UsageError, type CliIO, type Command } from '../command.js';
import { outputFlag, readFlags, runNdjsonCommand } from '../flags.js';
import { errorJson, maxInputLength, maxLineLength } from './classify.js';

const usage = `doyaku label --type TYPE --container immediate|outer|insert [--item ID|TEXT]... [--fact PATH=VALUE]...
             [--yoshiji required|not_required] [--poison 毒薬|劇薬|none] [--stated-expiry YYYY-MM[-DD]] [--as-of YYYY-MM-DD] [--json]
       doyaku label --requirements --type TYPE --container C [--fact …] [--json]     what the label must carry (no label yet)
       doyaku label --expiry --type 医薬品 [--fact product.shelfLife.years=2 …] [--json]   使用の期限 (第170条)
       doyaku label [--requirements|--expiry] [--json] < request.json
       doyaku label --ndjson [--quiet] < requests.ndjson     (a summary on stderr unless --quiet)

  TYPE: 医薬品 | 体外診断用医薬品 | 医薬部外品 | 医療機器 | 再生医療等製品
  --item: an item id (act50.1, a171.1 …; see --requirements) or a text as printed (「要指示」); repeatable
  --fact: product.* / package.* / insertChange.* = true|false|number|date|text, e.g. package.sizeMl=1,
          package.outerCarriesAll=true, product.manufacturingUse=true, product.manufactureDate=2024-01-15
  The request schema: rules/schema/label.request.schema.json. Missing facts make items unknown (needs).
  exit code: 0 complete (or a requirements/expiry answer); 1 incomplete, unknown, or an NDJSON line failed; 2 usage or invalid input`;

interface Parsed {
  mode: 'check' | 'requirements' | 'expiry';
  request: Record<string, unknown>;
  flags: boolean;
  json: boolean;
  ndjson: boolean;
  quiet: boolean;
  asOf?: string;
}

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

function setPath(o: Record<string, unknown>, path: string, value: unknown): void {
  const ks = path.split('.');
  if (!['product', 'package', 'insertChange'].includes(ks[0]) || ks.length < 2 || ks.some((k) => !k || FORBIDDEN.has(k)))
    throw new UsageError(`--fact needs product.KEY, package.KEY or insertChange.KEY, got '${path}'`);
  let cur = o;
  for (const k of ks.slice(0, -1)) {
    if (typeof cur[k] !== 'object' || cur[k] === null) cur[k] = {};
    cur = cur[k] as Record<string, unknown>;
  }
  cur[ks[ks.length - 1]] = value;
}

function parseValue(v: string): unknown {
  if (v === 'true') return true;
  if (v === 'false') return false;
  if (/^-?\d+(\.\d+)?$/.test(v)) return Number(v);
  if (/^[[{]/.test(v)) {
    try {
      return JSON.parse(v);
    } catch {
      throw new UsageError(`cannot read the JSON value '${v}'`);
    }
  }
  return v;
}

function parseArgs(argv: string[]): Parsed {
  const p: Parsed = { mode: 'check', request: { product: {} }, flags: false, json: false, ndjson: false, quiet: false };
  const product = p.request.product as Record<string, unknown>;
  const items: string[] = [];
  readFlags(argv, (a, value, arg) => {
    switch (a) {
      case '--type':
        product.type = value();
        p.flags = true;
        break;
      case '--container':
        p.request.container = value();
        p.flags = true;
        break;
      case '--item':
        items.push(value());
        p.flags = true;
        break;
      case '--fact': {
        const kv = value();
        const k = kv.indexOf('=');
        if (k <= 0) throw new UsageError(`--fact needs PATH=VALUE, got '${kv}'`);
        setPath(p.request, kv.slice(0, k), parseValue(kv.slice(k + 1)));
        p.flags = true;
        break;
      }
      case '--yoshiji':
      case '--poison': {
        const c = (product.classification ??= {}) as Record<string, unknown>;
        c[a.slice(2)] = value();
        p.flags = true;
        break;
      }
      case '--stated-expiry':
        p.request.statedExpiry = value();
        p.flags = true;
        break;
      case '--requirements':
        p.mode = 'requirements';
        break;
      case '--expiry':
        p.mode = 'expiry';
        break;
      case '--quiet':
        p.quiet = true;
        break;
      default:
        outputFlag(p, a, value, arg, usage);
    }
  });
  if (items.length) p.request.items = items;
  return p;
}

async function answer(kb: KnowledgeBase, mode: Parsed['mode'], req: LabelRequest, asOf: string | undefined) {
  const at = asOf ?? req.asOf;
  if (mode === 'requirements') return kb.labelRequirements(req.product, req.container, { ...(at !== undefined ? { asOf: at } : {}), ...(req.package ? { package: req.package } : {}), ...(req.insertChange ? { insertChange: req.insertChange } : {}) });
  if (mode === 'expiry') return kb.expiryRequirement(req.product, { ...(at !== undefined ? { asOf: at } : {}), ...(req.statedExpiry !== undefined ? { statedExpiry: req.statedExpiry } : {}) });
  return kb.checkLabel({ ...req, ...(at !== undefined ? { asOf: at } : {}) });
}

/** `--ndjson`: streamed line by line (src/io/ndjson.ts), one answer or `{line, error}` per non-blank line, in order. */
async function ndjson(io: CliIO, kb: KnowledgeBase, p: Parsed): Promise<number> {
  const s = await runNdjsonCommand(io, (value) => answer(kb, p.mode, value as LabelRequest, p.asOf), { maxLineLength, errorJson });
  if (!p.quiet) io.stderr(`doyaku label: ${s.lines} lines — ${s.ok} answered, ${s.failed} failed; ${s.ms} ms\n`);
  return s.failed ? 1 : 0;
}

export const command: Command = {
  name: 'label',
  summary: 'what a container / outer package / 添付文書 must carry, may leave off or write instead; 使用の期限',
  usage,
  async run(argv, io) {
    const p = parseArgs(argv);
    const kb = await io.kb();
    try {
      if (p.asOf !== undefined) kb.ruleset.checkAsOf(p.asOf);
    } catch (e) {
      throw new UsageError(`--as-of: ${(e as Error).message}`);
    }
    if (p.ndjson) return ndjson(io, kb, p);
    let req: LabelRequest;
    if (p.flags) {
      if (!(p.request.product as { type?: unknown }).type) throw new UsageError('--type is required (医薬品, 体外診断用医薬品, 医薬部外品, 医療機器, 再生医療等製品)');
      if (p.mode !== 'expiry' && !p.request.container) throw new UsageError('--container is required (immediate, outer, insert)');
      if (p.mode === 'expiry') p.request.container ??= 'immediate';
      req = p.request as unknown as LabelRequest;
    } else {
      const text = await io.readStdin();
      if (!text.trim()) throw new UsageError(`give --type and --container, or a request JSON on stdin\n\nusage: ${usage}`);
      if (text.length > maxInputLength) throw new UsageError(`the request on stdin is ${text.length} characters; at most ${maxInputLength}`);
      try {
        req = JSON.parse(text) as LabelRequest;
      } catch (e) {
        throw new UsageError(`stdin is not JSON: ${(e as Error).message}`);
      }
    }
    try {
      const a = await answer(kb, p.mode, req, p.asOf);
      if (p.json) io.stdout(JSON.stringify(a, null, 2) + '\n');
      else io.stdout(p.mode === 'expiry' ? formatExpiry(a as never) : formatRequirements(a as never));
      if (p.mode === 'check') return (a as unknown as { status: string }).status === 'complete' ? 0 : 1;
      return 0;
    } catch (e) {
      const j = errorJson(e);
      if (j.code !== 'error') {
        if (p.json) io.stdout(JSON.stringify({ error: j }, null, 2) + '\n');
        throw new UsageError(j.message);
      }
      throw e;
    }
  },
};

/**
 * `doyaku classify`: is a product 要指示 / 毒薬・劇薬 / 指定医薬品? From flags, a product JSON on
 * stdin, or NDJSON (one product per line → one answer per line, in order). See docs/classify.md.
 */
import type { KnowledgeBase } from '../../kb.js';
import type { Product } from '../../classify/classify.js';
import { formatClassification } from '../../classify/format.js';
import { AsOfError } from '../../rules/ruleset.js';
import { InputError } from '../../rules/input.js';
import { UsageError, type CliIO, type Command } from '../command.js';
import { checkAsOfFlag, lineTooLongWords, outputFlag, readFlags, runNdjsonCommand } from '../flags.js';

export { asOfFlag, checkAsOfFlag } from '../flags.js';

const usage = `doyaku classify [--ingredient NAME[:CONTENT]]... [--form FORM] [--site SITE] [--species S[,S…]]... [--fact purpose=VALUE] [--as-of YYYY-MM-DD] [--json]
       doyaku classify [--as-of D] [--json] < product.json
       doyaku classify --ndjson [--as-of D] < products.ndjson

  CONTENT: an amount, optionally per a quantity and calculated as a substance:
    0.5%   100mg力価/mL   9.74mg/片   20mg/300mg   200IU/g   3.72mg/錠   0.25%@セレン (セレンとして)
  --as-of: the date the law is applied as of (default: today); an empty or invalid date is a usage error.
  Limits (docs/contracts.md): a product JSON on stdin ≤ 1 MiB; an NDJSON line ≤ 64 KiB; the product
  schema's own limits (50 ingredients, 16 species, names ≤ 200 characters).
  exit code: 0 answered; 1 some NDJSON line failed; 2 usage or invalid input`;

/** Longest NDJSON line and product JSON accepted (bytes of UTF-16 code units; docs/contracts.md § Limits). */
export const maxLineLength = 64 * 1024;
export const maxInputLength = 1024 * 1024;

/** Parses `0.5%`, `100mg力価/mL`, `10mg/100mL`, `0.25%@セレン`. */
export function parseContent(s: string): NonNullable<Product['ingredients'][number]['content']> {
  const [amount, as] = s.split('@');
  const m = amount.match(/^\s*([0-9]+(?:\.[0-9]+)?)\s*(%|mg力価|µg力価|μg力価|mg|µg|μg|g|IU)\s*(?:\/\s*([0-9]+(?:\.[0-9]+)?)?\s*(錠|個|枚|片|バイアル|容器|mL|L|g|mg))?\s*$/);
  if (!m) throw new UsageError(`cannot read the content '${s}' (expected e.g. 0.5%, 100mg力価/mL, 9.74mg/片, 20mg/300mg, 0.25%@セレン)`);
  const content: NonNullable<Product['ingredients'][number]['content']> = { value: Number(m[1]), unit: m[2].replace('μ', 'µ') };
  if (m[4]) content.per = { value: m[3] ? Number(m[3]) : 1, unit: m[4] };
  if (as) content.as = as.trim();
  return content;
}

interface Parsed {
  ingredients: string[];
  form?: string;
  site?: string;
  species: string[];
  facts: Record<string, string>;
  asOf?: string;
  json: boolean;
  ndjson: boolean;
}

function parseArgs(argv: string[]): Parsed {
  const p: Parsed = { ingredients: [], species: [], facts: {}, json: false, ndjson: false };
  readFlags(argv, (a, value, arg) => {
    switch (a) {
      case '--ingredient':
      case '-i':
        p.ingredients.push(value());
        break;
      case '--form':
        p.form = value();
        break;
      case '--site':
        p.site = value();
        break;
      case '--species':
        p.species.push(...value().split(/[,、]/).map((s) => s.trim()).filter(Boolean));
        break;
      case '--fact': {
        const kv = value();
        const k = kv.indexOf('=');
        if (k <= 0) throw new UsageError(`--fact needs KEY=VALUE, got '${kv}'`);
        p.facts[kv.slice(0, k)] = kv.slice(k + 1);
        break;
      }
      default:
        outputFlag(p, a, value, arg, usage);
    }
  });
  return p;
}

function productFromFlags(p: Parsed): Product {
  if (!p.form) throw new UsageError('--form is required with --ingredient (e.g. --form 外用剤)');
  const product: Product = {
    ingredients: p.ingredients.map((s) => {
      const k = s.lastIndexOf(':');
      return k > 0 ? { name: s.slice(0, k), content: parseContent(s.slice(k + 1)) } : { name: s };
    }),
    dosageForm: p.form,
    ...(p.facts as Partial<Product>),
  };
  if (p.site) product.applicationSite = p.site;
  if (p.species.length) product.species = p.species;
  return product;
}

/** The error record of the error contract (docs/contracts.md): `{code, message, problems?}`. */
export function errorJson(e: unknown): { code: string; message: string; problems?: unknown } {
  if (e instanceof InputError) return { code: e.code, message: e.message, problems: e.problems };
  if (e instanceof AsOfError) return { code: 'invalid-asof', message: e.message };
  if (e instanceof SyntaxError) return { code: 'invalid-json', message: e.message };
  return { code: 'error', message: (e as Error).message };
}

/** `--ndjson`: streamed line by line (src/io/ndjson.ts), one answer or `{line, error}` per non-blank line, in order. */
async function ndjson(io: CliIO, kb: KnowledgeBase, asOf: string | undefined): Promise<number> {
  const s = await runNdjsonCommand(io, (value) => kb.classify(value as Product, asOf ? { asOf } : {}), { maxLineLength, errorJson, lineTooLong: lineTooLongWords });
  return s.failed ? 1 : 0;
}

export const command: Command = {
  name: 'classify',
  summary: 'is a product 要指示 / 毒薬・劇薬 / 指定医薬品? (flags, JSON on stdin, or --ndjson bulk)',
  usage,
  async run(argv, io) {
    const p = parseArgs(argv);
    const kb = await io.kb();
    // a bad or too-early --as-of is one usage error, before any input is read
    checkAsOfFlag(kb.ruleset, p.asOf);
    if (p.ndjson) {
      if (p.ingredients.length) throw new UsageError('--ndjson reads products from stdin; do not combine it with --ingredient');
      return ndjson(io, kb, p.asOf);
    }
    let product: Product;
    if (p.ingredients.length) product = productFromFlags(p);
    else {
      const text = (await io.readStdin()).trim();
      if (!text) throw new UsageError(`give --ingredient … --form …, or a product JSON on stdin\n\nusage: ${usage}`);
      if (text.length > maxInputLength) throw new UsageError(`stdin is ${text.length} characters; a product JSON may be at most ${maxInputLength}`);
      try {
        product = JSON.parse(text) as Product;
      } catch (e) {
        throw new UsageError(`stdin is not valid JSON: ${(e as Error).message}`);
      }
    }
    try {
      const answer = await kb.classify(product, p.asOf ? { asOf: p.asOf } : {});
      io.stdout(p.json ? JSON.stringify(answer, null, 2) + '\n' : formatClassification(answer, product));
      return 0;
    } catch (e) {
      if (e instanceof InputError || e instanceof AsOfError) {
        if (p.json) io.stdout(JSON.stringify({ error: errorJson(e) }, null, 2) + '\n');
        io.stderr(`doyaku classify: ${e.message}\n`);
        return 2;
      }
      throw e;
    }
  },
};

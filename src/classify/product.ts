/**
 * The input of classify: validation against rules/schema/product.schema.json (closed at every level:
 * an unknown field is an error with a did-you-mean; documented limits; errors name the JSON pointer
 * of the field — docs/contracts.md) and normalisation (species, dosage-form shorthands and variants,
 * 製剤/原体, stoichiometric restatements of salt contents).
 */
import type { Product } from './model.js';
import { recogniseSpecies, type SpeciesName } from './species.js';
import { amountUnitAliases, perUnitAliases, type Amount } from '../rules/units.js';
import { InputError, inputProblems, schemaValidator, type InputProblem } from '../rules/input.js';
import { schemaDir } from '../rules/load.js';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { ValidateFunction } from 'ajv';
import { restate, type Conversion } from './stoichiometry.js';

/** Invalid product facts: an {@link InputError} with code `invalid-product`, every bad field with its JSON pointer. */
export class ProductError extends InputError {
  override name = 'ProductError';
  constructor(problems: InputProblem[]) {
    super('invalid-product', problems, 'product');
  }
}

/** Dosage-form shorthands: a narrower form implies a general one and a site. */
const formShorthands: Record<string, { forms: string[]; site?: string }> = {
  外皮用剤: { forms: ['外用剤'], site: '外皮' },
  点眼剤: { forms: ['外用剤'], site: '眼' },
  眼軟膏: { forms: ['外用剤'], site: '眼' },
  眼軟膏剤: { forms: ['外用剤'], site: '眼' },
  膣内挿入剤: { forms: ['外用剤'], site: '膣内' },
  子宮内注入剤: { forms: ['外用剤'], site: '子宮内' },
  乳房注入剤: { forms: ['外用剤'], site: 'その他' },
  ポアオン剤: { forms: ['外用剤'], site: '外皮' },
  スポットオン剤: { forms: ['外用剤'], site: '外皮' },
  点耳剤: { forms: ['外用剤'], site: '耳' },
  // explicit variants of a general form (the schema's closed vocabulary; anything else is an error)
  注射液: { forms: ['注射剤'] },
  内服剤: { forms: ['内用剤'] },
  経口剤: { forms: ['内用剤'] },
};

/**
 * Explicit variants of an application site (the schema lists them; docs/contracts.md): the word a label or
 * a vet uses → the site as 別表第2 / 別表第3 name it. Not a fuzzy match: anything not listed is an error.
 */
export const siteVariants: Readonly<Record<string, string>> = {
  皮膚: '外皮',
};

const isOwnField = (k: string): boolean => k === 'ingredients' || k === 'dosageForm' || k === 'species' || k === 'applicationSite' || k === 'isPreparation';

/** A product checked and normalised for evaluation. */
export interface NormalisedProduct {
  input: Product;
  /** `content`: the first of the ingredient's stated amounts; `contents`: all of them (content, then contents) */
  ingredients: { name: string; content?: Amount & { as?: string }; contents: (Amount & { as?: string })[]; conversions?: Conversion[] }[];
  /** the form as given plus the general form it implies (点眼剤 → [点眼剤, 外用剤]) */
  forms: string[];
  applicationSite?: string;
  /** canonical species, recognised ones only (the eight and other known animals); undefined when none */
  species?: string[];
  /** species names not recognised (answers that depend on the species are unknown: `unknown-species`) */
  unknownSpecies: (SpeciesName & { index: number })[];
  isPreparation: boolean;
  extras: Record<string, unknown>;
}

/** A problem made specific where a generic "not a known field" would not help. */
function explainProblem(p: InputProblem): InputProblem {
  if (p.field === '/asOf')
    return { field: p.field, message: 'is not a product field: the date the law is applied as of is a query option — classify(product, { asOf }) in the library, --as-of on the CLI, the asOf query parameter in the HTTP API (docs/contracts.md)' };
  return p;
}

let fastValidate: ValidateFunction | undefined;
/**
 * The product schema compiled to stop at the first error (ajv without allErrors / verbose): the
 * common case, a valid product, costs a fraction of the thorough validator's run; a product it rejects
 * is validated again by the thorough one (every problem, with did-you-mean), which decides.
 */
function fastValidator(): ValidateFunction {
  if (!fastValidate) {
    const { Ajv } = createRequire(import.meta.url)('ajv') as typeof import('ajv');
    const addFormats = createRequire(import.meta.url)('ajv-formats') as (a: unknown) => void;
    const ajv = new Ajv({ allErrors: false, strict: false });
    (typeof addFormats === 'function' ? addFormats : (addFormats as unknown as { default: (a: unknown) => void }).default)(ajv);
    ajv.addSchema(JSON.parse(readFileSync(join(schemaDir, 'common.schema.json'), 'utf8')));
    fastValidate = ajv.compile(JSON.parse(readFileSync(join(schemaDir, 'product.schema.json'), 'utf8')));
  }
  return fastValidate;
}

/** Bounded caches of the normalisation of short input strings (species names, dosage forms, sites): pure functions of the string. */
const speciesCache = new Map<string, SpeciesName>();
const nfkcCache = new Map<string, string>();
const cacheLimit = 10_000;
function speciesName(s: string, index: number): SpeciesName & { index: number } {
  let r = speciesCache.get(s);
  if (!r) {
    r = recogniseSpecies(s);
    if (speciesCache.size >= cacheLimit) speciesCache.clear();
    speciesCache.set(s, r);
  }
  // the cached suggestions are shared by no answer: each gets its own array
  // (built key by key, in recogniseSpecies' order: an object spread here is the slow path)
  return r.suggestions ? { input: r.input, kind: r.kind, name: r.name, suggestions: r.suggestions.slice(), index } : { input: r.input, kind: r.kind, name: r.name, index };
}
function nfkcTrim(s: string): string {
  let r = nfkcCache.get(s);
  if (r === undefined) {
    r = s.normalize('NFKC').trim();
    if (nfkcCache.size >= cacheLimit) nfkcCache.clear();
    nfkcCache.set(s, r);
  }
  return r;
}

/** A stated amount with its units in their canonical spelling. */
function amountOf(c: Amount & { as?: string }): Amount & { as?: string } {
  return { value: c.value, unit: amountUnitAliases[c.unit] ?? c.unit, per: c.per && { value: c.per.value, unit: perUnitAliases[c.per.unit] ?? c.per.unit }, as: c.as };
}

/** Validates a product (throws {@link ProductError} naming every bad field) and normalises it. */
export function checkProduct(input: unknown): NormalisedProduct {
  if (!fastValidator()(input)) {
    const v = schemaValidator('product.schema.json');
    if (!v(input)) throw new ProductError(inputProblems(v.errors ?? [], input).map(explainProblem));
  }
  const p = input as Product;
  const form = nfkcTrim(p.dosageForm);
  const sh = formShorthands[form];
  const forms = sh ? [form, ...sh.forms] : [form];
  const given = p.applicationSite === undefined ? undefined : nfkcTrim(p.applicationSite as string);
  const site = (given === undefined ? undefined : (siteVariants[given] ?? given)) || sh?.site;
  const names: (SpeciesName & { index: number })[] = [];
  const known: string[] = [];
  if (p.species)
    for (let i = 0; i < p.species.length; i++) {
      const n = speciesName(p.species[i], i);
      names.push(n);
      if (n.kind !== 'unknown' && !known.includes(n.name)) known.push(n.name);
    }
  const species = known.length ? known : undefined;
  const extras: Record<string, unknown> = {};
  for (const k of Object.keys(p)) if (!isOwnField(k)) extras[k] = (p as unknown as Record<string, unknown>)[k];
  return {
    input: p,
    ingredients: p.ingredients.map((i) => {
      const contents: (Amount & { as?: string })[] = [];
      if (i.content) contents.push(amountOf(i.content));
      if (i.contents) for (const c of i.contents) contents.push(amountOf(c));
      // a salt's stated amount restated in the other bases its formula certainly gives (Xとして), after the stated ones
      const conversions = restate(i.name, contents);
      if (!conversions.length) return { name: i.name, content: contents[0], contents };
      const all = [...contents, ...conversions.map((c) => c.to)];
      return { name: i.name, content: all[0], contents: all, conversions };
    }),
    forms,
    applicationSite: site,
    species,
    unknownSpecies: names.filter((n) => n.kind === 'unknown'),
    isPreparation: typeof p.isPreparation === 'boolean' ? p.isPreparation : form !== '原体',
    extras,
  };
}

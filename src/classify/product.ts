/**
 * The input of classify: validation against rules/schema/product.schema.json (errors name the field
 * path) and normalisation (species, dosage-form shorthands, 製剤/原体).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { Product } from './model.js';
import { schemaDir } from '../rules/load.js';
import { normaliseSpecies } from './species.js';
import { amountUnitAliases, perUnitAliases, type Amount } from '../rules/units.js';


export class ProductError extends Error {
  override name = 'ProductError';
  constructor(readonly problems: { field: string; message: string }[]) {
    super(`invalid product: ${problems.map((p) => `${p.field || '/'}: ${p.message}`).join('; ')}`);
  }
}

let validate: ValidateFunction | undefined;

function message(e: ErrorObject): { field: string; message: string } {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'enum':
      return { field: e.instancePath, message: `must be one of ${(p.allowedValues as unknown[]).join(', ')}` };
    case 'required':
      return { field: `${e.instancePath}/${String(p.missingProperty)}`, message: 'is required' };
    case 'additionalProperties':
      return { field: `${e.instancePath}/${String(p.additionalProperty)}`, message: 'is not a known field' };
    case 'minItems':
      return { field: e.instancePath, message: `must have at least ${String(p.limit)} item${p.limit === 1 ? '' : 's'}` };
    default:
      return { field: e.instancePath, message: e.message ?? e.keyword };
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
};

const ownFields = new Set(['ingredients', 'dosageForm', 'applicationSite', 'species', 'isPreparation']);

/** A product checked and normalised for evaluation. */
export interface NormalisedProduct {
  input: Product;
  /** `content`: the first of the ingredient's stated amounts; `contents`: all of them (content, then contents) */
  ingredients: { name: string; content?: Amount & { as?: string }; contents: (Amount & { as?: string })[] }[];
  /** the form as given plus the general form it implies (点眼剤 → [点眼剤, 外用剤]) */
  forms: string[];
  applicationSite?: string;
  /** canonical species; undefined when not given (or empty) */
  species?: string[];
  isPreparation: boolean;
  extras: Record<string, unknown>;
}

/** Validates a product (throws {@link ProductError} naming every bad field) and normalises it. */
export function checkProduct(input: unknown): NormalisedProduct {
  const v = (validate ??= new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(join(schemaDir, 'product.schema.json'), 'utf8'))));
  if (!v(input)) {
    const seen = new Set<string>();
    const problems = (v.errors ?? []).map(message).filter((m) => {
      const k = `${m.field}\u0000${m.message}`;
      return seen.has(k) ? false : (seen.add(k), true);
    });
    throw new ProductError(problems);
  }
  const p = input as Product;
  const form = p.dosageForm.normalize('NFKC').trim();
  const sh = formShorthands[form];
  const forms = sh ? [form, ...sh.forms] : [form];
  const site = (p.applicationSite as string | undefined)?.normalize('NFKC').trim() || sh?.site;
  const species = p.species?.length ? [...new Set(p.species.map(normaliseSpecies))] : undefined;
  const extras: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(p)) if (!ownFields.has(k)) extras[k] = v;
  return {
    input: p,
    ingredients: p.ingredients.map((i) => {
      const contents = [...(i.content ? [i.content] : []), ...(i.contents ?? [])].map((c) => ({
        value: c.value,
        unit: amountUnitAliases[c.unit] ?? c.unit,
        per: c.per && { value: c.per.value, unit: perUnitAliases[c.per.unit] ?? c.per.unit },
        as: c.as,
      }));
      return { name: i.name, content: contents[0], contents };
    }),
    forms,
    applicationSite: site,
    species,
    isPreparation: typeof p.isPreparation === 'boolean' ? p.isPreparation : form !== '原体',
    extras,
  };
}

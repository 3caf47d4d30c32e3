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

const ownFields = new Set(['ingredients', 'dosageForm', 'applicationSite', 'species', 'isPreparation']);

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

/** Validates a product (throws {@link ProductError} naming every bad field) and normalises it. */
export function checkProduct(input: unknown): NormalisedProduct {
  const v = schemaValidator('product.schema.json');
  if (!v(input)) throw new ProductError(inputProblems(v.errors ?? [], input).map(explainProblem));
  const p = input as Product;
  const form = p.dosageForm.normalize('NFKC').trim();
  const sh = formShorthands[form];
  const forms = sh ? [form, ...sh.forms] : [form];
  const site = (p.applicationSite as string | undefined)?.normalize('NFKC').trim() || sh?.site;
  const names = (p.species ?? []).map((s, index) => ({ ...recogniseSpecies(s), index }));
  const known = [...new Set(names.filter((n) => n.kind !== 'unknown').map((n) => n.name))];
  const species = known.length ? known : undefined;
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
      // a salt's stated amount restated in the other bases its formula certainly gives (Xとして), after the stated ones
      const conversions = restate(i.name, contents);
      const all = conversions.length ? [...contents, ...conversions.map((c) => c.to)] : contents;
      return { name: i.name, content: all[0], contents: all, ...(conversions.length ? { conversions } : {}) };
    }),
    forms,
    applicationSite: site,
    species,
    unknownSpecies: names.filter((n) => n.kind === 'unknown'),
    isPreparation: typeof p.isPreparation === 'boolean' ? p.isPreparation : form !== '原体',
    extras,
  };
}

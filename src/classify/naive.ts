/**
 * The naive baseline for `npm run bench -- classify`: ONE json-rules-engine Engine holding every
 * rule in force (listings with their substance test, provisos, exclusions, carve-backs, scopes),
 * run once per ingredient per query. It answers nothing by itself — it measures what evaluating
 * all the rules costs, against which the indexed classify is compared.
 */
import { Engine, Rule as JreRule } from 'json-rules-engine';
import type { IngredientDictionary } from '../ingredients/types.js';
import type { Product } from './model.js';
import { compileWhen, type Cond } from '../rules/compile.js';
import { checkProduct } from './product.js';
import { addOperators, type Ruleset } from '../rules/ruleset.js';

export interface NaiveBaseline {
  rules: number;
  run(product: Product): Promise<number>;
}

export function naiveBaseline(ruleset: Ruleset, dictionary: IngredientDictionary, asOf: string): NaiveBaseline {
  const engine = new Engine([], { allowUndefinedFacts: true });
  addOperators(engine);
  let n = 0;
  const add = (name: string, conds: Cond[]) => {
    engine.addRule(new JreRule({ name, conditions: { all: conds } as never, event: { type: name } }));
    n++;
  };
  for (const r of ruleset.index(asOf).rules) {
    const keys = [...r.substances, ...r.classes];
    const match: Cond[] = keys.length ? [{ fact: 'keys', operator: 'containsAny', value: keys }] : [];
    add(r.id, [...match, ...(r.when ? [compileWhen(r.when)] : [])]);
    for (const x of r.except) add(x.id, [...(r.role === 'listing' ? match : []), compileWhen(x.when)]);
  }
  return {
    rules: n,
    async run(product: Product) {
      const p = checkProduct(product);
      const res = p.ingredients.map((i) => dictionary.resolve(i.name));
      const base: Record<string, unknown> = {
        species: p.species,
        dosageForm: p.forms,
        applicationSite: p.applicationSite,
        isPreparation: p.isPreparation,
        substances: res.flatMap((r) => r.matches.map((m) => m.key)),
        classes: res.flatMap((r) => r.classes.map((c) => c.name)),
        poison: { status: 'unknown', reasons: [] },
      };
      let fired = 0;
      for (let i = 0; i < p.ingredients.length; i++) {
        const r = res[i];
        const facts = {
          ...base,
          keys: [...r.matches.map((m) => m.key), ...r.classes.map((c) => c.name)],
          ingredient: [r.input, r.normalized, ...r.matches.map((m) => m.key)],
          content: { index: i, input: r.input, key: r.matches[0]?.key ?? r.input, content: p.ingredients[i].content, sameSubstance: (a: string, b: string) => a === b },
        };
        const out = await engine.run(facts);
        fired += out.results.length;
      }
      return fired;
    },
  };
}

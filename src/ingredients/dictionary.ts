import type { IngredientDictionary } from './types.js';
/** Loads data/ingredients/. (stub — owned by the ingredients work) */
export function loadIngredientDictionary(dataDir: string): IngredientDictionary {
  throw new Error(`ingredient dictionary not built yet (${dataDir})`);
}

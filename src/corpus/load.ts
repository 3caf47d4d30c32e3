import type { Corpus } from './model.js';
/** Loads data/ordinance/ into a {@link Corpus}. (stub — owned by the corpus work) */
export function loadCorpus(dataDir: string): Corpus {
  throw new Error(`corpus not built yet (${dataDir})`);
}

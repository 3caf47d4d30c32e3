import type { Corpus } from '../corpus/model.js';
/** A loaded, validated ruleset. (stub — owned by the rules-engine work) */
export interface Ruleset {
  version: string;
  contentHash: string;
}
export function loadRuleset(rulesDir: string, _ctx: { corpus: Corpus }): Ruleset {
  throw new Error(`rules not loaded yet (${rulesDir})`);
}

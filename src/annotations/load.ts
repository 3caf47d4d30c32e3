/**
 * Loads data/annotations/annotations.json (built by scripts/build-annotations.ts) into an
 * {@link AnnotationIndex}: the guidance paragraphs, and which of them interpret a given node.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Corpus } from '../corpus/model.js';
import type { Annotation } from './model.js';

/** Annotation lookup. */
export interface AnnotationIndex {
  /** every annotation, in document order */
  all(): Annotation[];
  get(id: string): Annotation | undefined;
  /**
   * Annotations interpreting this node (their `interprets` holds `id`) or, with `deep`, this node
   * or any node below it: `forNode('A169', true)` includes paragraphs citing 第169条 or its items;
   * `forNode('T3', true)` those on 別表第3, its 柱書 and entries. Document order.
   */
  forNode(id: string, deep?: boolean): Annotation[];
}

/** Index over a list of annotations (exported for tests and for callers holding the list already). */
export function indexAnnotations(list: Annotation[], corpus?: Corpus): AnnotationIndex {
  const byId = new Map<string, Annotation>();
  const order = new Map<string, number>();
  const byTarget = new Map<string, Annotation[]>();
  list.forEach((a, i) => {
    byId.set(a.id, a);
    order.set(a.id, i);
    for (const t of a.interprets) {
      let l = byTarget.get(t);
      if (!l) byTarget.set(t, (l = []));
      l.push(a);
    }
  });

  const below = (id: string): Set<string> => {
    const ids = new Set<string>([id]);
    const node = corpus?.nodes.get(id);
    if (node && corpus) {
      const stack = [...node.children];
      while (stack.length) {
        const c = stack.pop()!;
        if (ids.has(c)) continue;
        ids.add(c);
        stack.push(...(corpus.nodes.get(c)?.children ?? []));
      }
    }
    // id-scheme descendants (A169 → A169-P1-I3; T3 → T3-H, T3-E7), also without a corpus
    for (const t of byTarget.keys()) if (t.startsWith(`${id}-`)) ids.add(t);
    return ids;
  };

  return {
    all: () => list,
    get: (id) => byId.get(id),
    forNode(id, deep = false) {
      if (!deep) return [...(byTarget.get(id) ?? [])];
      const seen = new Set<Annotation>();
      for (const t of below(id)) for (const a of byTarget.get(t) ?? []) seen.add(a);
      return [...seen].sort((x, y) => order.get(x.id)! - order.get(y.id)!);
    },
  };
}

/** @param dataDir the directory holding `annotations/` (the package's data/ by default) */
export function loadAnnotations(dataDir: string, corpus: Corpus): AnnotationIndex {
  const file = join(dataDir, 'annotations', 'annotations.json');
  if (!existsSync(file)) throw new Error(`annotations file missing: ${file} (run npm run build:corpus)`);
  let list: Annotation[];
  try {
    list = JSON.parse(readFileSync(file, 'utf8')) as Annotation[];
  } catch (err) {
    throw new Error(`${file}: invalid JSON: ${(err as Error).message}`);
  }
  if (!Array.isArray(list)) throw new Error(`${file}: expected a list of annotations`);
  list.forEach((a, i) => {
    if (!a || typeof a.id !== 'string' || typeof a.text !== 'string' || !Array.isArray(a.interprets)) {
      throw new Error(`${file}: annotation [${i}] lacks id/text/interprets`);
    }
  });
  return indexAnnotations(list, corpus);
}

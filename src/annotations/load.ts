import type { Corpus } from '../corpus/model.js';
import type { Annotation } from './model.js';
/** Annotation lookup. (stub — owned by the annotations work) */
export interface AnnotationIndex {
  all(): Annotation[];
  get(id: string): Annotation | undefined;
  /** annotations interpreting this node (or, with `deep`, any node below it) */
  forNode(id: string, deep?: boolean): Annotation[];
}
export function loadAnnotations(_dataDir: string, _corpus: Corpus): AnnotationIndex {
  return { all: () => [], get: () => undefined, forNode: () => [] };
}

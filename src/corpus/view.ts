import type { AnnotationIndex } from '../annotations/load.js';
import type { Corpus, CorpusNode, Reference } from './model.js';
import type { Annotation } from '../annotations/model.js';
/** A node as shown to a person: itself, its subtree, its annotations and its links. (stub — owned by the corpus work) */
export interface ArticleView {
  node: CorpusNode;
  descendants: CorpusNode[];
  annotations: Annotation[];
  refsOut: Reference[];
  refsIn: { id: string; label: string }[];
}
export function articleView(_corpus: Corpus, _annotations: AnnotationIndex, ref: string): ArticleView {
  throw new Error(`not implemented: ${ref}`);
}

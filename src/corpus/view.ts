/**
 * A provision as shown to a person: the node, its subtree (document order), the guidance
 * paragraphs interpreting it or anything below it, its outgoing references and the nodes that
 * refer to it (or to anything below it).
 */
import type { AnnotationIndex } from '../annotations/load.js';
import type { Annotation } from '../annotations/model.js';
import type { Corpus, CorpusNode, Reference } from './model.js';
import { resolveRef } from './resolve.js';
import { subtree } from './tree.js';

export interface ArticleView {
  node: CorpusNode;
  descendants: CorpusNode[];
  annotations: Annotation[];
  refsOut: Reference[];
  refsIn: { id: string; label: string }[];
}


/** @throws RefNotFoundError when `ref` names no provision */
export function articleView(corpus: Corpus, annotations: AnnotationIndex, ref: string): ArticleView {
  const id = resolveRef(corpus, ref);
  const all = subtree(corpus, id);
  const [node, ...descendants] = all;
  const ids = new Set(all.map((n) => n.id));
  const refsOut = all.flatMap((n) => corpus.refsOut.get(n.id) ?? []);
  const seen = new Set<string>();
  const refsIn: { id: string; label: string }[] = [];
  for (const n of all) {
    for (const from of corpus.refsIn.get(n.id) ?? []) {
      if (ids.has(from) || seen.has(from)) continue; // references from inside the provision itself
      seen.add(from);
      refsIn.push({ id: from, label: corpus.nodes.get(from)?.label ?? from });
    }
  }
  return { node, descendants, annotations: annotations.forNode(id, true), refsOut, refsIn };
}

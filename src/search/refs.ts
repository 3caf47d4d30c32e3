/**
 * Article references in a query, so they go straight to the node: 第169条, 169条, 第百六十九条
 * (folded to 第169条 by normalize.ts), 第91条の3第2項, 第169条第3号, 別表第3, 別表第3第7号,
 * 別表第2劇薬第5号, 様式第82号, 第7章, or a bare number (169). References to the Act or its
 * Order (法第49条, 令第4条) are not jumps.
 *
 * A query that is one citation as a whole is resolved by the corpus's own resolver
 * (src/corpus/resolve.ts: also 第100条第6号イ, 別表第1第4号(3), 附則…); references inside a longer
 * query are found here and resolved to the deepest existing node.
 */
import type { Corpus } from '../corpus/model.js';
import { parseCitation, resolveRef } from '../corpus/resolve.js';
import { subtree as corpusSubtree } from '../corpus/tree.js';

export interface RefHit {
  /** the reference as found in the folded query */
  text: string;
  /** the deepest existing node it names */
  id: string;
}

const ARTICLE = /(?<![法令\d第])(?:第)?(\d+)条((?:の\d+)*)(?:第(\d+)項)?(?:第(\d+)号)?/g;
const TABLE = /別表第(\d+)(毒薬|劇薬)?(?:第(\d+)号)?/g;
const FORM = /(?:別記)?様式第(\d+)号?/g;
const CHAPTER = /(?<![法令\d])第(\d+)章/g;

/** The longest existing prefix of a chain of candidate ids (most specific last). */
function deepest(corpus: Corpus, chain: string[]): string | undefined {
  let found: string | undefined;
  for (const id of chain) {
    if (corpus.nodes.has(id)) found = id;
    else break;
  }
  return found;
}

/** The node a whole query cites, by the corpus's resolver; undefined when it is not one citation. */
function wholeCitation(folded: string, corpus: Corpus): RefHit | undefined {
  const q = folded.replace(/\s+/g, '');
  if (!q || !parseCitation(q)) return undefined;
  try {
    return { text: folded.trim(), id: resolveRef(corpus, q) };
  } catch {
    return undefined;
  }
}

/** References named in a folded query, in order of appearance. */
export function findRefs(folded: string, corpus: Corpus): RefHit[] {
  const whole = wholeCitation(folded, corpus);
  if (whole) return [whole];
  const hits: { at: number; hit: RefHit }[] = [];
  for (const m of folded.matchAll(ARTICLE)) {
    const base = `A${m[1]}${(m[2] ?? '').replace(/の/g, '_')}`;
    const chain = [base];
    if (m[3] || m[4]) chain.push(`${base}-P${m[3] ?? 1}`);
    if (m[4]) chain.push(`${base}-P${m[3] ?? 1}-I${m[4]}`);
    const id = deepest(corpus, chain);
    if (id) hits.push({ at: m.index!, hit: { text: m[0], id } });
  }
  for (const m of folded.matchAll(TABLE)) {
    const t = `T${m[1]}`;
    const group = m[2] ? `${t}-${m[2] === '毒薬' ? 'DOKU' : 'GEKI'}` : undefined;
    const chain = [t];
    if (group) chain.push(group);
    if (m[3]) chain.push(`${group ?? t}-E${m[3]}`);
    const id = deepest(corpus, chain);
    if (id) hits.push({ at: m.index!, hit: { text: m[0], id } });
  }
  for (const m of folded.matchAll(FORM)) {
    const id = `F${m[1]}`;
    if (corpus.nodes.has(id)) hits.push({ at: m.index!, hit: { text: m[0], id } });
  }
  for (const m of folded.matchAll(CHAPTER)) {
    const id = `Ch${m[1]}`;
    if (corpus.nodes.has(id)) hits.push({ at: m.index!, hit: { text: m[0], id } });
  }
  const trimmed = folded.trim();
  if (/^\d+$/.test(trimmed) && corpus.nodes.has(`A${trimmed}`)) hits.push({ at: 0, hit: { text: trimmed, id: `A${trimmed}` } });
  hits.sort((a, b) => a.at - b.at);
  const seen = new Set<string>();
  return hits.map((h) => h.hit).filter((h) => !seen.has(h.id) && seen.add(h.id));
}

/** Ids of the node and all nodes below it, depth first, in document order. */
export function subtree(corpus: Corpus, id: string): string[] {
  return corpusSubtree(corpus, id).map((n) => n.id);
}

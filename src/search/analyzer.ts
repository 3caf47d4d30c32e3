/**
 * The lunr side of the analysis: a tokenizer that folds (normalize.ts) and cuts (tokenize.ts)
 * text into terms, and a stop-word pipeline function registered under a fixed label so that a
 * serialized index loads with the same pipeline. Documents and queries go through the same
 * fold + tokenize + pipeline.
 */
import lunr from 'lunr';
import { fold } from './normalize.js';
import { HIRAGANA_STOP, tokenize, type Term } from './tokenize.js';

/** Index fields and their boosts: names and captions weigh more than body text. */
export const FIELDS = [
  { name: 'title', boost: 4 }, //   caption, 別表 entry names, 別名, a 様式's related articles, guidance headings
  { name: 'body', boost: 1 }, //    the text
] as const;
// (labels are not indexed: a reference in a query goes straight to its node without the index,
// and the label still counts in the re-ranking)

export type FieldName = (typeof FIELDS)[number]['name'];

/** The stop-word filter, on both the index and the search pipeline. */
export const stopFilter: lunr.PipelineFunction = (token) => (HIRAGANA_STOP.has(token.toString()) ? null : token);
lunr.Pipeline.registerFunction(stopFilter, 'doyaku-stop');

/** Terms of a text (the same for every field). */
export function fieldTerms(text: string, _field?: FieldName): Term[] {
  return tokenize(fold(text).text);
}

/** The lunr tokenizer: fold + tokenize; knows the field from lunr's metadata. */
export const lunrTokenizer = ((obj?: unknown, metadata?: { fields?: string[] }) => {
  if (obj == null) return [];
  const field = (metadata?.fields?.[0] ?? 'body') as FieldName;
  return fieldTerms(String(obj), field).map((t, i) => new lunr.Token(t.term, { index: i }));
}) as unknown as typeof lunr.tokenizer;

export { lunr };

/** A term's postings: the term, its lunr term index, then per field (in `fields` order) the space-joined refs of the documents holding it. */
export type CompactPosting = [string, number, ...string[]];

/** The index as written to data/search/ (see compactIndex in build.ts). */
export interface CompactIndex {
  version: string;
  fields: string[];
  fieldVectors: [string, number[]][];
  invertedIndex: CompactPosting[];
  pipeline: string[];
}

/**
 * `lunr.Index.load` for the compact format, without the token-set trie. doyaku's queries are exact
 * terms (no wildcards, no edit distance: a one-character query term is expanded by the searcher
 * itself), so expanding a term is a lookup in the inverted index. Each term's postings are turned
 * into lunr's shape (`{_index, title: {ref: {}}, body: {…}}`) the first time a query reads them, so
 * a load parses a few strings per term instead of an object per posting.
 */
export function loadLunrIndex(serialized: CompactIndex): lunr.Index {
  if (serialized.version !== lunr.version) throw new Error(`search index built with lunr ${serialized.version}, this is lunr ${lunr.version}: run npm run build:index`);
  const fieldVectors: Record<string, lunr.Vector> = {};
  for (const [ref, elements] of serialized.fieldVectors) fieldVectors[ref] = new lunr.Vector(elements);
  const fields = serialized.fields;
  const invertedIndex: Record<string, object> = Object.create(null);
  const compact = new Map<string, string[]>();
  for (const [term, termIndex, ...refs] of serialized.invertedIndex) {
    compact.set(term, refs);
    Object.defineProperty(invertedIndex, term, {
      enumerable: true,
      configurable: true,
      get() {
        const posting: Record<string, unknown> = { _index: termIndex };
        fields.forEach((f, i) => {
          const byRef: Record<string, object> = {};
          if (refs[i]) for (const ref of refs[i].split(' ')) byRef[ref] = {};
          posting[f] = byRef;
        });
        Object.defineProperty(invertedIndex, term, { value: posting, enumerable: true, configurable: false, writable: false });
        return posting;
      },
    });
  }
  const tokenSet = {
    intersect(b: lunr.TokenSet) {
      const words = b.toArray().filter((w) => w in invertedIndex);
      return { toArray: () => words };
    },
  };
  const index = new lunr.Index({
    fields,
    fieldVectors,
    invertedIndex,
    tokenSet,
    pipeline: lunr.Pipeline.load(serialized.pipeline),
  } as unknown as lunr.Index.Attributes);
  compactPostings.set(index, { fields, refs: compact });
  return index;
}

/** The compact postings of the indexes loaded by {@link loadLunrIndex}. */
const compactPostings = new WeakMap<lunr.Index, { fields: string[]; refs: Map<string, string[]> }>();

/**
 * How many (field, document) postings a term has in the given fields, read from the compact
 * postings without turning them into lunr's objects; `undefined` for an index not loaded by
 * {@link loadLunrIndex}.
 */
export function postingCount(index: lunr.Index, term: string, fields: string[]): number | undefined {
  const c = compactPostings.get(index);
  if (!c) return undefined;
  const refs = c.refs.get(term);
  if (!refs) return 0;
  let n = 0;
  for (const f of fields) {
    const s = refs[c.fields.indexOf(f)];
    if (!s) continue;
    n++;
    for (let i = s.indexOf(' '); i !== -1; i = s.indexOf(' ', i + 1)) n++;
  }
  return n;
}

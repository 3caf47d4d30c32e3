/**
 * Builds the search index: lunr over the search documents (documents.ts) with doyaku's analysis
 * (analyzer.ts), plus a compact document store and a manifest, written to data/search/.
 *
 * data/search/index.json     lunr's serialized index (no term positions)
 * data/search/store.json     per document: id, kind, label, caption, chapter, names; the text only
 *                            for rules and reference passages (law and guidance text is read from
 *                            the corpus and the annotations at load time: text is not stored twice)
 * data/search/manifest.json  counts, sizes and the hashes of the inputs (see inputs.ts)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIELDS, lunr, lunrTokenizer, stopFilter, type CompactIndex, type CompactPosting } from './analyzer.js';
import { DOC_KINDS, type SearchDoc } from './documents.js';
import type { InputHashes } from './inputs.js';
import { fold } from './normalize.js';

export const INDEX_FORMAT = 3;

/**
 * One stored document: [id, kind (index into DOC_KINDS), label, caption, chapter, names,
 * breadcrumb, text, norm, title]. `text` (verbatim) is stored only for rules and reference
 * passages; `norm` (the folded text, for re-ranking) only when it differs from the verbatim text;
 * `title` (label, caption and names joined by spaces, folded, for re-ranking) only when it differs
 * from the joined text (absent in stores built before it: folded at search time then).
 */
export type StoredDoc = [
  string,
  number,
  string,
  string | null,
  number | null,
  string | null,
  string | null,
  string | null,
  string | null,
  (string | null)?,
];

/** The re-ranking title of a document: label, caption and names, space-joined (fold it for search). */
export function titleText(label: string, caption?: string | null, names?: string | null): string {
  return [label, caption, names].filter(Boolean).join(' ');
}

export interface SearchManifest {
  format: number;
  builtWith: string;
  inputs: InputHashes;
  counts: Record<string, number>;
  /** sizes of the files: index, store, reference-index, reference-store */
  bytes: Record<string, number>;
}

export interface BuiltIndex {
  index: lunr.Index;
  store: StoredDoc[];
}

/** Builds the lunr index and the store in memory. */
export function buildIndex(docs: SearchDoc[]): BuiltIndex {
  const builder = new lunr.Builder();
  builder.pipeline.add(stopFilter);
  builder.searchPipeline.add(stopFilter);
  builder.tokenizer = lunrTokenizer;
  builder.metadataWhitelist = [];
  builder.ref('id');
  for (const f of FIELDS) builder.field(f.name, { boost: f.boost });
  const store: StoredDoc[] = [];
  docs.forEach((d, i) => {
    builder.add({
      // lunr refs are the store positions in base 36 (compact): `store[parseInt(ref, 36)]`
      id: i.toString(36),
      title: [d.caption, d.names, d.context].filter(Boolean).join(' '),
      body: d.text,
    });
    const keepText = d.kind === 'rule' || d.kind === 'reference';
    const norm = fold(d.text).text;
    const title = titleText(d.label, d.caption, d.names);
    const foldedTitle = fold(title).text;
    store.push([
      d.id,
      DOC_KINDS.indexOf(d.kind),
      d.label,
      d.caption ?? null,
      d.chapter ?? null,
      d.names ?? null,
      keepText ? d.breadcrumb : null,
      keepText ? d.text : null,
      norm === d.text ? null : norm,
      foldedTitle === title ? null : foldedTitle,
    ]);
  });
  return { index: builder.build(), store };
}

/**
 * lunr's serialized index with its postings compacted: lunr writes every posting as an object
 * (`{"title": {"2uz": {}, …}}`), which makes JSON.parse of the index the bulk of its load time;
 * doyaku stores no term metadata, so a term's postings per field are one space-joined string of
 * document refs: `[term, _index, "refs in title", "refs in body"]`. {@link loadLunrIndex} turns a
 * term back into lunr's shape when a query first touches it.
 */
export function compactIndex(index: lunr.Index): CompactIndex {
  const j = index.toJSON() as unknown as {
    version: string;
    fields: string[];
    fieldVectors: [string, number[]][];
    invertedIndex: [string, Record<string, unknown> & { _index: number }][];
    pipeline: string[];
  };
  const invertedIndex = j.invertedIndex.map(([term, posting]): CompactPosting => {
    const refs = j.fields.map((f) => {
      const byRef = posting[f] as Record<string, object>;
      for (const [ref, meta] of Object.entries(byRef))
        if (Object.keys(meta).length) throw new Error(`search index: term ${term} has metadata for ${ref} in ${f}; the compact format stores none`);
      return Object.keys(byRef).join(' ');
    });
    return [term, posting._index, ...refs];
  });
  return { version: j.version, fields: j.fields, fieldVectors: j.fieldVectors, invertedIndex, pipeline: j.pipeline };
}

/** Builds and writes data/search/ (main part + reference part); returns the manifest. */
export function writeIndex(outDir: string, docs: SearchDoc[], inputs: InputHashes): SearchManifest {
  mkdirSync(outDir, { recursive: true });
  const counts: Record<string, number> = { documents: docs.length };
  for (const d of docs) counts[d.kind] = (counts[d.kind] ?? 0) + 1;
  const bytes: Record<string, number> = {};
  // human-drug reference passages live in their own part, read only when a search asks for them
  const parts: [string, SearchDoc[]][] = [
    ['', docs.filter((d) => d.kind !== 'reference')],
    ['reference-', docs.filter((d) => d.kind === 'reference')],
  ];
  for (const [prefix, partDocs] of parts) {
    const { index, store } = buildIndex(partDocs);
    const indexJson = JSON.stringify(compactIndex(index));
    const storeJson = JSON.stringify({ format: INDEX_FORMAT, docs: store });
    writeFileSync(join(outDir, `${prefix}index.json`), indexJson);
    writeFileSync(join(outDir, `${prefix}store.json`), storeJson);
    bytes[`${prefix}index`] = Buffer.byteLength(indexJson);
    bytes[`${prefix}store`] = Buffer.byteLength(storeJson);
    counts[`${prefix}terms`] = Object.keys((index as unknown as { invertedIndex: object }).invertedIndex).length;
  }
  const manifest: SearchManifest = {
    format: INDEX_FORMAT,
    builtWith: `lunr ${lunr.version}; doyaku analysis: NFKC fold + script runs + CJK bigrams`,
    inputs,
    counts,
    bytes,
  };
  writeFileSync(join(outDir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  return manifest;
}

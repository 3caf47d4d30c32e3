/**
 * Maps a JSON pointer inside a parsed YAML document to a line and column, so that errors found on
 * the parsed value (schema violations, unknown citations) can name the place in the file.
 */
import { isMap, isNode, isPair, isScalar, parseDocument, type Document } from 'yaml';

export interface Located {
  text: string;
  /** the parsed document, made on first use (values may come from the parsed-rules bundle, rules/.parsed.json) */
  doc?: Document;
  /** offset of each line start, computed on first use (positions are only needed for errors) */
  lineStarts?: number[];
}

export function parseLocated(text: string): Located & { doc: Document } {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  return { doc, text };
}

function docOf(located: Located): Document {
  return (located.doc ??= parseDocument(located.text, { prettyErrors: false, uniqueKeys: true }));
}

/** 1-based line and column of a character offset. */
export function linePos(located: Located, offset: number): { line: number; col: number } {
  if (!located.lineStarts) {
    const starts = [0];
    for (let i = 0; i < located.text.length; i++) if (located.text.charCodeAt(i) === 10) starts.push(i + 1);
    located.lineStarts = starts;
  }
  const s = located.lineStarts;
  let lo = 0;
  let hi = s.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (s[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, col: offset - s[lo] + 1 };
}

export function pointerSegments(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return [];
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function segmentsPointer(segments: (string | number)[]): string {
  return segments.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

/**
 * Line and column (1-based) of the node at `pointer`; with `key`, of that key inside the map at
 * `pointer` (for "unknown key" errors). Falls back to the deepest existing ancestor.
 */
export function positionOf(located: Located, pointer: string, key?: string): { line: number; col: number } {
  const segs = pointerSegments(pointer);
  let node: unknown = docOf(located).contents;
  let offset = 0;
  const at = (n: unknown) => {
    if (isNode(n) && n.range) offset = n.range[0];
  };
  at(node);
  for (const seg of segs) {
    if (!isNode(node)) break;
    const next: unknown = (node as { get?: (k: unknown, keep: boolean) => unknown }).get?.(isMap(node) ? seg : Number(seg), true);
    if (next === undefined) break;
    node = next;
    at(node);
  }
  if (key !== undefined && isMap(node)) {
    const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === key);
    if (pair && isScalar(pair.key) && pair.key.range) offset = pair.key.range[0];
  }
  return linePos(located, offset);
}

/**
 * Defined terms (定義語) in the ordinance:
 * - `X(以下「Y」という。)`, `(以下この章において「Y」という。)`, `(平成18年法律第69号。以下「Y」という。)`;
 * - `「X」とは、…をいう` (and `「X」、「Y」…とは、それぞれ…をいう`);
 * - `X(…をいう。以下同じ。)` — the word before the parenthesis is defined by it.
 * Each yields term, defining node, the defining phrase, and the scope as written.
 */
import type { CorpusNode, DefinedTerm } from './model.js';

const IKA_RE = /\(([^()]*?)(?:以下|次条において|次項において)([^()「」]*?)「([^」]+)」(?:又は「([^」]+)」)?という。\)/gu;
const TOWA_RE = /((?:「[^」]+」(?:、|又は|若しくは|及び)?)+)とは、([^。]*?)をいう/gu;
const IGAI_RE = /([\u4E00-\u9FFF\u3005\u30A1-\u30FC]+)\(([^()]*?をいう)。(以下[^()。]*?同じ)。\)/gu;

/** the phrase defining a term introduced by `(以下「X」という。)` at `open`: back to the start of the clause */
function phraseBefore(text: string, open: number, close: number): string {
  let depth = 0;
  let i = open - 1;
  for (; i >= 0; i--) {
    const c = text[i];
    if (c === ')' && depth === 0 && text.slice(Math.max(0, i - 4), i) === 'という。') break; // the previous definition
    if (c === ')') depth++;
    else if (c === '(') {
      if (depth === 0) break;
      depth--;
    } else if (depth === 0 && (c === '。' || c === '「' || c === '」' || c === ' ')) break;
    else if (depth === 0 && c === '、' && /(?:は|が|を|ても|より|おいて|とき|場合|ほか|つき|あって|ところ)$/u.test(text.slice(Math.max(0, i - 8), i))) break;
  }
  return text.slice(i + 1, close + 1).replace(/^[のをにはがと、]+/u, '');
}

export function findDefinedTerms(nodes: CorpusNode[]): DefinedTerm[] {
  const out: DefinedTerm[] = [];
  for (const node of nodes) {
    const text = node.text;
    if (!text || node.kind === 'TableRow') continue;
    for (const m of text.matchAll(IKA_RE)) {
      const scopeWords = m[0].includes('以下') ? `以下${m[2]}` : m[0].includes('次条において') ? '次条において' : '次項において';
      const scope = scopeWords === '以下' ? '以下同じ' : `${scopeWords.replace(/において$/u, '')}において同じ`;
      const definition = phraseBefore(text, m.index!, m.index! + m[0].length - 1);
      for (const term of [m[3], m[4]].filter(Boolean)) out.push({ term, node: node.id, definition, scope });
    }
    for (const m of text.matchAll(TOWA_RE)) {
      const terms = [...m[1].matchAll(/「([^」]+)」/gu)].map((x) => x[1]);
      const sentenceEnd = text.indexOf('。', m.index!);
      const definition = text.slice(m.index!, sentenceEnd < 0 ? undefined : sentenceEnd + 1);
      const scope = /この省令において/u.test(text.slice(0, m.index!)) ? 'この省令において' : undefined;
      for (const term of terms) out.push({ term, node: node.id, definition, ...(scope ? { scope } : {}) });
    }
    for (const m of text.matchAll(IGAI_RE)) {
      out.push({ term: m[1], node: node.id, definition: `${m[1]}(${m[2]})`, scope: m[3] });
    }
  }
  return out;
}

/**
 * Fidelity of the built corpus to data/source/ordinance.txt: every non-empty line from the title
 * to the end of the last 附則 lands in exactly one node, and each node's text is its own lines
 * (minus the number prefix and a caption line). Also the structural counts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.js';
import { defaultDataDir } from '../../src/paths.js';

const corpus = loadCorpus(defaultDataDir);
const source = readFileSync(join(defaultDataDir, 'source', 'ordinance.txt'), 'utf8').split('\n');
const nodes = [...corpus.nodes.values()];
const get = (id: string) => {
  const n = corpus.nodes.get(id);
  if (!n) throw new Error(`no node ${id}`);
  return n;
};

/** what may precede a node's text on its first line: 第4条 / 2 / 十一 / (3) / 第1章 / a stripped number's space */
const PREFIX_RE = /^(?:第\d+[章節条](?:の\d+)*|\d+|[一二三四五六七八九十百千]+|\(\d+\))? ?$|^ $/;

describe('line accounting', () => {
  const owners = new Map<number, string[]>();
  for (const n of nodes) for (const l of n.lines) owners.set(l, [...(owners.get(l) ?? []), n.id]);
  const nonEmpty = source.map((l, i) => [l, i + 1] as const).filter(([l]) => l.trim() !== '');

  it('every non-empty source line is owned by exactly one node', () => {
    const lost = nonEmpty.filter(([, n]) => !owners.has(n)).map(([, n]) => n);
    const dup = [...owners].filter(([, ids]) => ids.length > 1);
    expect(lost).toEqual([]);
    expect(dup).toEqual([]);
    const figure = `${nonEmpty.length - lost.length}/${nonEmpty.length}`;
    console.log(`fidelity: ${figure} non-empty lines accounted, ${dup.length} duplicated`);
    expect(corpus.manifest.counts.linesAccounted).toBe(nonEmpty.length);
    expect(corpus.manifest.counts.linesTotal).toBe(nonEmpty.length);
  });

  it('no node owns an empty line', () => {
    expect(nodes.flatMap((n) => n.lines.filter((l) => source[l - 1].trim() === '').map((l) => `${n.id}:${l}`))).toEqual([]);
  });

  it("each node's text is its own source lines minus the number prefix and caption line", () => {
    const bad: string[] = [];
    for (const n of nodes) {
      const own = n.lines.map((l) => source[l - 1]).filter((l) => !(n.caption !== undefined && l === `(${n.caption})` && n.kind !== 'Chapter'));
      const joined = own.join('\n');
      if (!joined.endsWith(n.text)) {
        bad.push(`${n.id}: text does not end its lines`);
        continue;
      }
      const prefix = joined.slice(0, joined.length - n.text.length);
      if (!PREFIX_RE.test(prefix)) bad.push(`${n.id}: unexpected prefix ${JSON.stringify(prefix)}`);
    }
    expect(bad).toEqual([]);
  });

  it('lines are in document order', () => {
    const firsts = nodes.filter((n) => n.lines.length).map((n) => n.lines[0]);
    const sorted = [...firsts].sort((a, b) => a - b);
    expect(firsts).toEqual(sorted);
  });
});

describe('structure counts', () => {
  const c = corpus.manifest.counts;
  it('articles of the main provision, per chapter', () => {
    expect(c.chapters).toBe(11);
    expect(c.sections).toBe(5);
    const perChapter = Object.fromEntries(Object.entries(c).filter(([k]) => k.startsWith('articles.Ch')));
    const sum = Object.values(perChapter).reduce((a, b) => a + b, 0);
    expect(sum).toBe(c.articles);
    console.log(`articles: ${c.articles} (${c.articlesDeleted} deleted); per chapter ${JSON.stringify(perChapter)}`);
    expect(nodes.filter((n) => n.kind === 'Article' && !n.id.startsWith('SP')).length).toBe(c.articles);
    expect(get('A198').deleted).toBe(true);
    expect(get('A198').text).toBe('削除');
  });

  it('別表 entries', () => {
    expect(c['entries.T3']).toBe(134);
    expect(c['entries.T2-DOKU']).toBe(4);
    expect(c['entries.T2-GEKI']).toBe(51);
    expect(c['entries.T1']).toBe(4);
    expect(c['entries.T1-E2']).toBe(8);
    expect(c['entries.T1-E4']).toBe(55);
    expect(get('T3-H').kind).toBe('AppdxTableHead');
  });

  it('forms and 附則', () => {
    expect(c.forms).toBe(102);
    expect(get('F1').text.startsWith('別記様式第1号')).toBe(true);
    expect(get('F82').relatedArticles).toEqual(['A160']);
    expect(c.supplProvisions).toBe(61);
    expect(get('SP-H17-37').amendment).toEqual({ date: '2005-03-29', era: '平成17年3月29日', number: 37, title: '平成17年3月29日農林水産省令第37号' });
    console.log(`forms ${c.forms}, 附則 ${c.supplProvisions}, nodes ${c.nodes}`);
  });

  it('every child points back at its parent and every node is reachable from the law', () => {
    const seen = new Set<string>();
    const walk = (id: string) => {
      seen.add(id);
      for (const ch of get(id).children) {
        expect(get(ch).parent).toBe(id);
        walk(ch);
      }
    };
    walk('Law');
    expect(seen.size).toBe(corpus.nodes.size);
  });
});

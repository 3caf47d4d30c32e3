import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { isReplacedQuote } from '../../src/annotations/build.js';
import { AnnotationDataError, parseCrosswalk, parseLinks, verifyCrosswalk } from '../../src/annotations/crosswalk.js';
import { compareExceptionLists, externalUseExceptions } from '../../src/annotations/outdated.js';
import { loadCorpus } from '../../src/corpus/load.js';
import type { Corpus } from '../../src/corpus/model.js';

let corpus: Corpus;
beforeAll(() => {
  corpus = loadCorpus(join(import.meta.dirname, '../../data'));
});

const err = (f: () => unknown): AnnotationDataError => {
  try {
    f();
  } catch (e) {
    return e as AnnotationDataError;
  }
  throw new Error('expected an error');
};

describe('crosswalk-2009.yaml', () => {
  it('rejects bad entries naming file:line and the field', () => {
    const e = err(() =>
      parseCrosswalk(
        ['- old: 規則第100条', '  new: A100', '  status: same', '  evidence: ok', '- old: 規則第101条', '  new: A101', '  status: moved', '  evidence: x'].join('\n'),
        'cw.yaml',
      ),
    );
    expect(e).toBeInstanceOf(AnnotationDataError);
    expect(e.message).toBe('cw.yaml:5: [1].status: must be one of same, renumbered, obsolete, unresolved (got moved)');
    expect(err(() => parseCrosswalk('- old: x\n  status: renumbered\n  evidence: y', 'cw.yaml')).message).toBe(
      'cw.yaml:1: [0].new: a renumbered entry needs the current node id',
    );
    expect(err(() => parseCrosswalk('- old: x\n  new: A1\n  status: same\n  evidence: y\n  note: z', 'cw.yaml')).message).toMatch(/^cw.yaml:1: \[0\]\.note: unknown field/);
    expect(err(() => parseCrosswalk('- old: x\n  new: A1\n  status: obsolete\n  evidence: y', 'cw.yaml')).message).toMatch(/new: null/);
  });

  it('checks targets and phrases against the corpus', () => {
    const cw = parseCrosswalk(
      [
        '- old: 規則第100条第3号',
        '  new: A100-P1-I3',
        '  status: same',
        '  evidence: right place',
        '  phrase: 支障のない面積',
        '- old: 規則第101条第1項第3号',
        '  new: A101-P1-I3',
        '  status: same',
        '  evidence: wrong place — the phrase is in 第4号 today',
        '  phrase: 指針の策定、従事者に対する研修の実施',
        '- old: 規則第999条',
        '  new: A999',
        '  status: same',
        '  evidence: no such article',
      ].join('\n'),
    );
    expect(verifyCrosswalk(cw, corpus)).toEqual([
      '規則第101条第1項第3号: phrase 「指針の策定、従事者に対する研修の実施」 does not occur in A101-P1-I3',
      '規則第999条: new A999 is not a node of the corpus',
    ]);
  });

  it('links.yaml entries are topic links or outdated points', () => {
    const l = parseLinks(
      '- annotation: G5-1\n  interprets: [A163]\n  reason: r\n- annotation: G2-7-p3\n  outdated:\n    point: p\n    detail: d\n    current: [A110_7]\n',
    );
    expect(l.links).toEqual([{ annotation: 'G5-1', interprets: ['A163'], reason: 'r', line: 1 }]);
    expect(l.outdated[0]).toMatchObject({ annotation: 'G2-7-p3', point: 'p', current: ['A110_7'], curated: true, line: 4 });
    expect(err(() => parseLinks('- annotation: G5-1\n  interprets: []\n  reason: r', 'links.yaml')).message).toBe(
      'links.yaml:1: [0].interprets: must be a non-empty list of node ids',
    );
  });
});

describe('comparing the guidance with the current text', () => {
  it('splits an exception list at its own commas, not those inside parentheses', () => {
    const cur = externalUseExceptions(corpus.nodes.get('T3-H')!.text)!;
    expect(cur).toHaveLength(10);
    expect(cur[3]).toBe('イベルメクチンを含有する外皮用剤(犬又は猫に使用することを目的とするものに限る。)');
    const g = externalUseExceptions('製剤である外用剤(A剤、B剤並びにC剤を除く。)は')!;
    expect(g).toEqual(['A剤', 'B剤', 'C剤']);
    expect(compareExceptionLists(g, ['A剤', 'C剤', 'D剤(猫に限る。)'])).toEqual({ added: ['D剤(猫に限る。)'], removed: ['B剤'] });
  });

  it('recognises words quoted as replaced by a 読み替え', () => {
    const t = '同(7)及び(8)中「規則第百一条第一項第三号」とあるのは「規則第百七条第一項第二号」と';
    expect(isReplacedQuote(t, t.indexOf('規則第百一'), 12)).toBe(true);
    expect(isReplacedQuote(t, t.indexOf('規則第百七'), 12)).toBe(false);
  });
});

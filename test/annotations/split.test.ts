import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isBlank, splitGuidance } from '../../src/annotations/split.js';

const source = readFileSync(join(import.meta.dirname, '../../data/source/guidance.txt'), 'utf8');
const paras = splitGuidance(source);
const byId = new Map(paras.map((p) => [p.id, p]));

describe('splitting the guidance into paragraphs', () => {
  it('accounts for every non-empty line exactly once (text or section history)', () => {
    const lines = source.split(/\r?\n/);
    const owner = new Map<number, string>();
    for (const p of paras) {
      for (const n of [...p.lines, ...(p.history ?? []).map((h) => h.line)]) {
        expect(owner.has(n), `line ${n} owned by ${owner.get(n)} and ${p.id}`).toBe(false);
        owner.set(n, p.id);
      }
    }
    lines.forEach((l, i) => {
      if (!isBlank(l)) expect(owner.has(i + 1), `line ${i + 1} unowned: ${l}`).toBe(true);
      else expect(owner.has(i + 1)).toBe(false);
    });
    // the text kept is the text read
    for (const p of paras) p.lines.forEach((n, k) => expect(p.texts[k]).toBe(lines[n - 1]));
  });

  it('names paragraphs as a person cites them', () => {
    expect(byId.get('G5-2-p1-k2')?.label).toBe('第5 2 (1) イ');
    expect(byId.get('G2-1-p4-k2-kp1')?.label).toBe('第2 1 (4) イ (ア)');
    expect(byId.get('G7-p1')?.label).toBe('第7 (1)'); // 第7 has (1) with no number level
    expect(byId.get('G5-1')?.heading).toBe('毒劇薬の取扱い');
    expect(byId.get('G5')?.heading).toBe('医薬品の取扱い');
    expect(byId.get('G2-3-p2')?.heading).toBe('要冷暗貯蔵医薬品の取扱い等に関する届出等について');
    expect(byId.get('G2-3-p1')?.heading).toBeUndefined(); // a sentence, not a title
    expect(byId.get('G5-2-p1-k2')?.breadcrumb.map((c) => c.id)).toEqual(['G5', 'G5-2', 'G5-2-p1']);
    expect(byId.get('G5-2-p1-k2')?.breadcrumb[1]?.caption).toBe('要指示医薬品');
  });

  it('reads the OCR 力 as カ and keeps gojūon order', () => {
    expect(byId.get('G3-1-p2-k6')?.texts[0]).toMatch(/^力/);
    expect(byId.get('G3-1-p2-k6')?.label).toBe('第3 1 (2) カ');
    expect(byId.get('G5-2-p2-k1-kp8')?.label).toBe('第5 2 (2) ア (ク)');
  });

  it('keeps amendment-history lines as section history, not guidance text', () => {
    expect(byId.get('G1')?.history).toEqual([{ line: 33, text: '1~3…一部改正17、4…追加8、1・3・4…一部改正3、1…一部改正10' }]);
    const sections = paras.filter((p) => p.level === 0);
    expect(sections.map((s) => s.id)).toEqual(['G1', 'G2', 'G3', 'G4', 'G5', 'G6', 'G7', 'G8']);
    for (const s of sections) expect(s.history?.length, s.id).toBe(1);
    for (const p of paras) for (const t of p.texts) expect(t).not.toMatch(/…(一部改正|追加|繰下)/);
  });

  it('gives a closing line after an item list back to the paragraph it closes', () => {
    // 第2 3 (3) ア–ウ, then 「とされていることに留意されたい。」
    expect(byId.get('G2-3-p3')?.lines).toEqual([88, 95]);
    expect(byId.get('G2-3-p3-k3')?.lines).toEqual([94]);
  });
});

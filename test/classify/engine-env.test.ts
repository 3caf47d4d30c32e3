/**
 * DOYAKU_ENGINE=json-rules-engine makes the reference engine the default of classify (read once per
 * process; vitest runs each test file in its own module context, so it is set here before first use).
 * The answer is the same; what changes is that json-rules-engine ran (runCounter.runs).
 */
import { describe, expect, it } from 'vitest';
import { openKnowledgeBase } from '../../src/kb.js';
import { defaultEngine, runCounter } from '../../src/classify/evaluate.js';

describe('DOYAKU_ENGINE', () => {
  it('json-rules-engine: classify runs json-rules-engine by default, same answer; classifySync still runs the compiled engine', async () => {
    process.env.DOYAKU_ENGINE = 'json-rules-engine';
    expect(defaultEngine()).toBe('json-rules-engine');
    const kb = await openKnowledgeBase();
    const p = { ingredients: [{ name: 'イベルメクチン', content: { value: 1, unit: '%' } }], dosageForm: '注射剤', species: ['牛'] };
    const before = runCounter.runs;
    const a = await kb.classify(p, { asOf: '2024-04-01', memo: false });
    expect(runCounter.runs).toBeGreaterThan(before);
    const runs = runCounter.runs;
    const b = await kb.classify(p, { asOf: '2024-04-01', engine: 'compiled' });
    expect(runCounter.runs).toBe(runs);
    expect(b).toEqual(a);
    expect(kb.classifySync(p, { asOf: '2024-04-01' })).toEqual(a);
    expect(runCounter.runs).toBe(runs);
    delete process.env.DOYAKU_ENGINE;
  });
});

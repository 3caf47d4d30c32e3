import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { schemaSha256 } from '../../src/rules/schema-hash.js';
import * as generated from '../../src/rules/validators.generated.js';
import { rulesDir } from './helpers.js';

const schemaDir = join(rulesDir, 'schema');

describe('the generated standalone validators', () => {
  it('are current with the schema files (else: npx tsx src/rules/gen-validators.ts)', () => {
    expect(generated.schemaSha256, 'validators.generated.ts is stale: run npx tsx src/rules/gen-validators.ts').toBe(schemaSha256(schemaDir));
  });
  it('agree with ajv on valid and invalid rule files', () => {
    const ajv = new Ajv({ strict: false });
    const v = ajv.compile(JSON.parse(readFileSync(join(schemaDir, 'rule-file.schema.json'), 'utf8')));
    const real = ['yoshiji/bekkyo3.yaml', 'shitei/bekkyo1.yaml'].map((f) => parse(readFileSync(join(rulesDir, f), 'utf8')));
    const bad = [
      { ...real[0], rules: [{ ...real[0].rules[3], coverage: 'all' }] },
      { ...real[0], rules: [{ ...real[0].rules[3], when: { content: { unit: '%' } } }] },
      { ...real[0], family: 'other' },
      { ...real[0], rules: [{ ...real[0].rules[3], title: '' }] },
    ];
    for (const x of [...real, ...bad]) expect(generated.validateRuleFile(x)).toBe(v(x));
    expect(real.every((x) => generated.validateRuleFile(x))).toBe(true);
    expect(bad.some((x) => generated.validateRuleFile(x))).toBe(false);
    expect(generated.validateManifest(parse(readFileSync(join(rulesDir, 'manifest.yaml'), 'utf8')))).toBe(true);
  });
});

/** The committed data/ordinance/ is exactly what the build produces from data/source/ (deterministic). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCorpusData } from '../../src/corpus/build.js';
import { defaultDataDir } from '../../src/paths.js';

describe('build-corpus', () => {
  const manifest = JSON.parse(readFileSync(join(defaultDataDir, 'ordinance', 'manifest.json'), 'utf8'));
  const built = buildCorpusData(defaultDataDir, manifest.builtWith);

  it('regenerates the committed files byte for byte', () => {
    for (const [name, content] of Object.entries(built.files)) {
      expect(content, `${name} is stale: run npm run build:corpus`).toBe(readFileSync(join(defaultDataDir, 'ordinance', name), 'utf8'));
    }
  });

  it('manifest: law number, as-of amendment, source hashes', () => {
    expect(manifest).toMatchObject({
      title: '動物用医薬品等取締規則',
      lawNum: '平成16年農林水産省令第107号',
      asOf: { amendment: '平成31年3月29日農林水産省令第28号', date: '2019-03-29' },
      source: { file: 'source/ordinance.txt', seed: '003_b13132b383ba64a1.txt' },
    });
    expect(manifest.source.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('the only parse warning is the source defect in 様式第92号', () => {
    expect(built.warnings).toEqual(['ordinance.txt:2921: 様式第92号 relates to 第254条の2, which does not exist']);
  });
});

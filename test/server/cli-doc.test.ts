/** docs/cli.md is the CLI's own --help, so the reference cannot drift (regenerate: npx tsx scripts/cli-doc.ts > docs/cli.md). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliDoc } from '../../scripts/cli-doc.js';
import { packageRoot } from '../../src/paths.js';

describe('docs/cli.md', () => {
  it('is what scripts/cli-doc.ts generates from the commands (npx tsx scripts/cli-doc.ts > docs/cli.md)', async () => {
    const doc = readFileSync(join(packageRoot, 'docs', 'cli.md'), 'utf8');
    const want = await cliDoc();
    expect(doc.match(/^## doyaku \S+/gm)).toEqual(want.match(/^## doyaku \S+/gm));
    expect(doc).toBe(want);
  });
});

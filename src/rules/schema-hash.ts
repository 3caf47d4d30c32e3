/** The sha256 of the rule schemas, to tell whether validators.generated.ts is current. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const schemaFiles = ['rule-file.schema.json', 'manifest.schema.json'];

/** sha256 over the schema files' texts, in order. */
export function schemaSha256(schemaDir: string): string {
  const h = createHash('sha256');
  for (const f of schemaFiles) h.update(readFileSync(join(schemaDir, f), 'utf8')).update('\u0000');
  return h.digest('hex');
}

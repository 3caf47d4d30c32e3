/**
 * The parse cache: the parsed value of a rule file whose exact text already passed the schema, keyed
 * by sha256 of (schema texts, file text). It saves the YAML parse and the schema validation on the
 * next load (YAML parsing dominates cold load time); the cross-file checks (ids, citations) always
 * run. Lives in $DOYAKU_CACHE_DIR or the OS temp directory; DOYAKU_NO_CACHE=1 turns it off. Any
 * failure to read or write the cache only costs time.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ParseCache {
  get(kind: string, text: string): unknown;
  set(kind: string, text: string, value: unknown): void;
}

/** bump when the loader's notion of a valid file changes */
const LOADER_VERSION = '1';

export function openParseCache(schemaDir: string): ParseCache | undefined {
  let salt: string;
  try {
    salt = LOADER_VERSION + readFileSync(join(schemaDir, 'rule-file.schema.json'), 'utf8') + readFileSync(join(schemaDir, 'manifest.schema.json'), 'utf8');
  } catch {
    return undefined;
  }
  const dir = process.env.DOYAKU_CACHE_DIR ?? join(tmpdir(), 'doyaku-rules-cache');
  const path = (kind: string, text: string) => join(dir, `${createHash('sha256').update(salt).update('\u0000').update(kind).update('\u0000').update(text).digest('hex')}.json`);
  return {
    get(kind, text) {
      try {
        return JSON.parse(readFileSync(path(kind, text), 'utf8'));
      } catch {
        return undefined;
      }
    },
    set(kind, text, value) {
      try {
        mkdirSync(dir, { recursive: true });
        const p = path(kind, text);
        const tmp = `${p}.${process.pid}.tmp`;
        writeFileSync(tmp, JSON.stringify(value));
        renameSync(tmp, p);
      } catch {
        /* a cache that cannot be written only costs time */
      }
    },
  };
}

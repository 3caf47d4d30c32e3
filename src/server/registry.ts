/**
 * The schemas the server validates with and documents: a name is either a file in rules/schema/
 * (the same file, and the same ajv validator, the library uses) or one of the server's own
 * schemas (./schemas.ts: the read-only views and the error body). A name whose file does not
 * exist (yet) resolves to undefined: the route is then served without that check.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import type { ValidateFunction } from 'ajv';
import { schemaDir } from '../rules/load.js';
import { schemaValidator } from '../rules/input.js';
import { schemas as serverSchemas } from './schemas.js';

type Schema = Record<string, unknown>;

let ajv: import('ajv').Ajv | undefined;
const validators = new Map<string, ValidateFunction | undefined>();
const files = new Map<string, Schema | undefined>();

/** Only plain schema names: never a path (a request can never make the server read a file, and names come from the route table anyway). */
const safeName = /^[a-z0-9][a-z0-9._-]*\.schema\.json$/;

/** The schema by name (undefined when there is no such file). */
export function schemaByName(name: string): Schema | undefined {
  if (name in serverSchemas) return serverSchemas[name];
  if (!safeName.test(name)) throw new Error(`bad schema name ${name}`);
  if (!files.has(name)) {
    const path = join(schemaDir, name);
    files.set(name, existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Schema) : undefined);
  }
  return files.get(name);
}

/** Is this a file in rules/schema/ (rather than a server schema)? */
export function isLibrarySchema(name: string): boolean {
  return !(name in serverSchemas);
}

/** The compiled validator of a schema by name (undefined when the schema does not exist). */
export function validatorByName(name: string): ValidateFunction | undefined {
  if (validators.has(name)) return validators.get(name);
  let v: ValidateFunction | undefined;
  if (!schemaByName(name)) v = undefined;
  else if (isLibrarySchema(name)) v = schemaValidator(name);
  else {
    if (!ajv) {
      const { Ajv } = createRequire(import.meta.url)('ajv') as typeof import('ajv');
      ajv = new Ajv({ allErrors: true, strict: false });
    }
    v = ajv.compile(serverSchemas[name]);
  }
  validators.set(name, v);
  return v;
}

/** Names of the schema files in rules/schema/ a schema refers to (common.schema.json, …), for bundling. */
export function referencedFiles(schema: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(schema)) for (const s of schema) referencedFiles(s, out);
  else if (schema && typeof schema === 'object') {
    for (const [k, v] of Object.entries(schema)) {
      if (k === '$ref' && typeof v === 'string') {
        const file = v.split('#')[0].split('/').pop();
        if (file && safeName.test(file) && !out.has(file) && schemaByName(file)) {
          out.add(file);
          referencedFiles(schemaByName(file), out);
        }
      } else referencedFiles(v, out);
    }
  }
  return out;
}

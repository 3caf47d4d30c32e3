/**
 * The input and error contract every question follows (docs/contracts.md): a request is validated
 * against its JSON Schema in rules/schema/ (the same file the HTTP API serves and documents); every
 * problem names the JSON pointer of the field and says what was expected, unknown keys with a
 * did-you-mean; all problems are reported at once, as one {@link InputError}.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { schemaDir } from './load.js';
import { editDistance, nearest } from './nearest.js';

/** A did-you-mean only when the candidate is close (a typo), not merely the least far. */
function closeTo(s: string, candidates: string[]): string[] {
  const lower = s.toLowerCase();
  const same = candidates.find((c) => c.toLowerCase() === lower);
  if (same) return [same];
  return nearest(s, candidates, 1).filter((c) => editDistance(s, c) <= Math.max(2, Math.floor(Math.min(s.length, c.length) / 3)));
}

const DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$';

export interface InputProblem {
  /** JSON pointer of the field ('' = the whole input) */
  field: string;
  message: string;
}

/** Invalid input: every bad field with its JSON pointer. `code` is machine-readable (e.g. `invalid-product`). */
export class InputError extends Error {
  override name = 'InputError';
  constructor(
    readonly code: string,
    readonly problems: InputProblem[],
    what = 'input',
  ) {
    super(`invalid ${what}: ${problems.map((p) => `${p.field || '/'}: ${p.message}`).join('; ')}`);
  }
}

let ajv: import('ajv').Ajv | undefined;
const validators = new Map<string, ValidateFunction>();

/** The ajv validator of a schema file in rules/schema/ (compiled once; common.schema.json may be referenced). */
export function schemaValidator(file: string): ValidateFunction {
  let v = validators.get(file);
  if (!v) {
    if (!ajv) {
      const { Ajv } = createRequire(import.meta.url)('ajv') as typeof import('ajv');
      const addFormats = createRequire(import.meta.url)('ajv-formats') as (a: unknown) => void;
      ajv = new Ajv({ allErrors: true, strict: false, verbose: true }); // verbose: parentSchema, for did-you-mean on unknown keys
      (typeof addFormats === 'function' ? addFormats : (addFormats as unknown as { default: (a: unknown) => void }).default)(ajv);
      ajv.addSchema(JSON.parse(readFileSync(join(schemaDir, 'common.schema.json'), 'utf8')));
    }
    const schema = JSON.parse(readFileSync(join(schemaDir, file), 'utf8')) as { $id?: string };
    v = (schema.$id && ajv.getSchema(schema.$id)) || ajv.compile(schema);
    validators.set(file, v);
  }
  return v;
}

/** The value at a JSON pointer ('' = the whole value). */
function at(data: unknown, pointer: string): unknown {
  let v = data;
  for (const part of pointer.split('/').slice(1)) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return v;
}

/** ajv errors as problems: one per field, saying what was expected (with `data`, the validated value: did-you-mean for enum values too). */
export function inputProblems(errors: ErrorObject[], data?: unknown): InputProblem[] {
  const out: InputProblem[] = [];
  const seen = new Set<string>();
  const specific = errors.filter((e) => !['oneOf', 'anyOf', 'if'].includes(e.keyword));
  for (const e of errors) {
    if (['oneOf', 'anyOf', 'if'].includes(e.keyword) && specific.some((s) => s.instancePath.startsWith(e.instancePath))) continue;
    const p = e.params as Record<string, unknown>;
    let m: InputProblem;
    switch (e.keyword) {
      case 'enum': {
        const given = data === undefined ? undefined : at(data, e.instancePath);
        const allowed = (p.allowedValues as unknown[]).map(String);
        const near = typeof given === 'string' ? closeTo(given, allowed) : [];
        const got = typeof given === 'string' ? `got '${given.length > 64 ? `${given.slice(0, 64)}…` : given}'` : '';
        m = { field: e.instancePath, message: `must be one of ${allowed.join(', ')}${got ? ` (${got}${near.length ? `; did you mean '${near[0]}'?` : ''})` : ''}` };
        break;
      }
      case 'required':
        m = { field: `${e.instancePath}/${String(p.missingProperty)}`, message: 'is required' };
        break;
      case 'additionalProperties': {
        const key = String(p.additionalProperty);
        const allowed = Object.keys((e.parentSchema as { properties?: object } | undefined)?.properties ?? {});
        const near = closeTo(key, allowed);
        m = { field: `${e.instancePath}/${key}`, message: `is not a known field${near.length ? ` (did you mean '${near[0]}'?)` : ''}${allowed.length ? `; expected one of ${allowed.join(', ')}` : ''}` };
        break;
      }
      case 'minItems':
        m = { field: e.instancePath, message: `must have at least ${String(p.limit)} item${p.limit === 1 ? '' : 's'}` };
        break;
      case 'maxItems':
        m = { field: e.instancePath, message: `must have at most ${String(p.limit)} items` };
        break;
      case 'pattern':
      case 'format': {
        const given = data === undefined ? undefined : at(data, e.instancePath);
        const shown = typeof given === 'string' ? JSON.stringify(given.length > 64 ? `${given.slice(0, 64)}…` : given) : JSON.stringify(given);
        if ((e.keyword === 'pattern' && p.pattern === DATE_PATTERN) || (e.keyword === 'format' && p.format === 'date'))
          m = {
            field: e.instancePath,
            message: typeof given === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(given) ? `${given} is not a calendar date` : `must be a date YYYY-MM-DD, got ${shown}`,
          };
        else m = { field: e.instancePath, message: `${e.message ?? e.keyword}${given !== undefined ? `, got ${shown}` : ''}` };
        break;
      }
      case 'maxLength':
        m = { field: e.instancePath, message: `must be at most ${String(p.limit)} characters` };
        break;
      default:
        m = { field: e.instancePath, message: e.message ?? e.keyword };
    }
    const k = `${m.field}\u0000${m.message}`;
    if (!seen.has(k)) {
      seen.add(k);
      out.push(m);
    }
  }
  return out;
}

/** Validates `value` against rules/schema/<file>; throws {@link InputError} with `code` listing every problem. */
export function validateInput<T>(file: string, value: unknown, code: string, what?: string): T {
  const v = schemaValidator(file);
  if (!v(value)) throw new InputError(code, inputProblems(v.errors ?? [], value), what);
  return value as T;
}

/**
 * /openapi.json: an OpenAPI 3.1 document generated from the route table and the same JSON Schema
 * files the server validates with (rules/schema/*.json and ./schemas.ts) — the API reference is
 * never written twice. Schema files become components (their `#/definitions/…` and cross-file
 * `common.schema.json#/…` references rewritten to point inside the document).
 */
import type { KnowledgeBase } from '../kb.js';
import { availableRoutes, type Route } from './routes.js';
import { referencedFiles, schemaByName } from './registry.js';

type Schema = Record<string, unknown>;

const componentName = (file: string) => file.replace(/\.schema\.json$/, '');

/** Rewrites `$ref`s of a schema from file `file` so they resolve inside the OpenAPI document. */
function rewrite(value: unknown, file: string): unknown {
  if (Array.isArray(value)) return value.map((v) => rewrite(v, file));
  if (!value || typeof value !== 'object') return value;
  const out: Schema = {};
  for (const [k, v] of Object.entries(value)) {
    if (k === '$id' || k === '$schema') continue;
    if (k === '$ref' && typeof v === 'string') {
      const [target, pointer = ''] = v.split('#');
      const f = target ? target.split('/').pop()! : file;
      out.$ref = `#/components/schemas/${componentName(f)}${pointer}`;
    } else out[k] = rewrite(v, file);
  }
  return out;
}

function ref(file: string | undefined): Schema {
  return file && schemaByName(file) ? { $ref: `#/components/schemas/${componentName(file)}` } : { type: 'object' };
}

export function openApiDocument(kb: KnowledgeBase, version: string): Schema {
  const list = availableRoutes(kb);
  const files = new Set<string>(['error.schema.json']);
  for (const r of list) for (const f of [r.request, r.answer, r.query ?? 'asof.query.schema.json']) if (f && schemaByName(f)) files.add(f);
  for (const f of [...files]) referencedFiles(schemaByName(f), files);

  const components: Record<string, unknown> = {};
  for (const f of [...files].sort()) components[componentName(f)] = rewrite(schemaByName(f), f);

  const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: ref('error.schema.json') } } });
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of list) {
    const path = r.path.replace(/:([A-Za-z]+)/g, '{$1}');
    paths[path] ??= {};
    paths[path][r.method.toLowerCase()] = operation(r);
  }

  function operation(r: Route): Schema {
    const parameters: Schema[] = [];
    for (const [name, description] of Object.entries(r.params ?? {}))
      parameters.push({ name, in: 'path', required: true, description, schema: { type: 'string', minLength: 1, maxLength: 200 } });
    const q = schemaByName(r.query ?? 'asof.query.schema.json') as { properties?: Record<string, Schema>; required?: string[] } | undefined;
    for (const [name, s] of Object.entries(q?.properties ?? {}))
      parameters.push({ name, in: 'query', required: (q?.required ?? []).includes(name), ...(s.description ? { description: s.description } : {}), schema: rewrite(s, r.query ?? 'asof.query.schema.json') });
    const op: Schema = {
      operationId: `${r.method.toLowerCase()}${r.path.replace(/^\/v1/, '').replace(/[/:]+([a-z])/g, (_m, c: string) => c.toUpperCase())}`,
      summary: r.summary,
      ...(r.description ? { description: r.description } : {}),
      tags: [r.tag],
      parameters,
    };
    if (r.method === 'POST') {
      op.requestBody = r.ndjson
        ? { required: true, description: `NDJSON: one ${r.request ?? 'JSON value'} per line`, content: { 'application/x-ndjson': { schema: ref(r.request) } } }
        : { required: true, content: { 'application/json': { schema: ref(r.request), ...(r.example ? { example: r.example } : {}) } } };
    }
    const ok = r.ndjson
      ? {
          description: 'NDJSON, one line per input line, in order: `{line, ...answer}` or `{line, error: {code, message, problems}}`',
          content: { 'application/x-ndjson': { schema: { oneOf: [ref(r.answer), { type: 'object', required: ['line', 'error'], properties: { line: { type: 'integer' }, error: { $ref: '#/components/schemas/error/properties/error' } } }] } } },
        }
      : { description: 'the answer (with rulesetVersion, contentHash, asOf)', content: { 'application/json': { schema: ref(r.answer) } } };
    op.responses = {
      200: ok,
      400: errorResponse('bad input: every bad field with its JSON pointer'),
      ...(r.params ? { 404: errorResponse('no such provision, rule or name (with the nearest ones)') } : {}),
      ...(r.method === 'POST' ? { 413: errorResponse('body too large'), 415: errorResponse('wrong Content-Type') } : {}),
    };
    return op;
  }

  return {
    openapi: '3.1.0',
    // the schema files are draft-07 (the library's ajv); OpenAPI 3.1 lets the document say so
    jsonSchemaDialect: 'http://json-schema.org/draft-07/schema#',
    info: {
      title: 'doyaku HTTP API',
      version,
      description:
        '動物用医薬品等取締規則 (平成16年農林水産省令第107号) as rules and an annotated corpus. Every answer carries rulesetVersion, contentHash and asOf; every error is {error: {code, message, problems}} with the JSON pointer of each bad field. Stateless: scale out as plain instances behind any load balancer. Generated from the route table and the JSON Schemas in rules/schema/ (docs/http.md).',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: 'http://127.0.0.1:8787' }],
    paths,
    components: { schemas: components },
  };
}

/**
 * The HTTP service: a Fastify app serving the route table (./routes.ts) under /v1, the generated
 * /openapi.json, and the web UI (web/) at /. Stateless: every answer depends only on the request
 * and the embedded data, so instances scale out behind any load balancer. See docs/http.md.
 *
 * Requests are validated with the same JSON Schemas (and the same ajv validators) the library
 * uses; answers are checked against their answer schemas; every error is `{error: {code, message,
 * problems?}}` with the JSON pointer of each bad field — never a stack trace.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import cluster from 'node:cluster';
import Fastify, { type FastifyBaseLogger, type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { openKnowledgeBase, type KnowledgeBase } from '../kb.js';
import { packageRoot } from '../paths.js';
import { inputProblems, type InputProblem } from '../rules/input.js';
import { today as todayNow } from '../rules/dates.js';
import { availableRoutes, setPackageVersion, type Route, type RouteContext } from './routes.js';
import { validatorByName } from './registry.js';
import { openApiDocument } from './openapi.js';
import { processNdjson } from '../io/ndjson.js';

export interface AppOptions {
  kb?: KnowledgeBase;
  /**
   * `true` or `{level}`: Fastify's own (pino) logger, a line per request at `info`; `'errors'`: only
   * warnings and errors, one JSON line each on stderr, at no cost per request (what `doyaku serve` uses
   * without --log); default off
   */
  logger?: boolean | { level: string } | 'errors';
  /** check every answer against its answer schema (default on; a failing answer is a 500 `invalid-answer`, logged) */
  validateAnswers?: boolean;
  /** largest JSON body in bytes (default 1 MiB) → 413 */
  bodyLimit?: number;
  /** NDJSON batches: longest line in characters (default 64 Ki) and largest body in bytes (default 64 MiB) */
  ndjsonMaxLineBytes?: number;
  ndjsonMaxBytes?: number;
  /** deepest nesting of a JSON body or line (default 32) */
  maxDepth?: number;
  /** serve the web UI at / (default on) */
  ui?: boolean;
}

/** today's date, recomputed at most once a second (every request without asOf asks) */
let todayAt = 0;
let todayIs = '';
function today(): string {
  const now = Date.now();
  if (now - todayAt > 1000) {
    todayAt = now;
    todayIs = todayNow();
  }
  return todayIs;
}

/** An error the service answers with as it is. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly problems?: (InputProblem & { in?: string })[],
    readonly suggestions?: string[],
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export interface ErrorBody {
  error: { code: string; message: string; problems?: InputProblem[]; suggestions?: string[] };
}

const NEWLINE = Buffer.from('\n');
const NDJSON_TYPES = ['application/x-ndjson', 'application/ndjson', 'application/jsonl', 'application/json-seq'];

/** A logger that writes warnings and errors (one JSON line each, to stderr) and nothing per request. */
function errorsOnlyLogger() {
  const write = (level: string) => (obj: unknown, msg?: string) => {
    const o = obj as { err?: Error } | string;
    const line = typeof o === 'string' ? { level, msg: o } : { level, msg, ...(o?.err ? { err: { name: o.err.name, message: o.err.message, stack: o.err.stack } } : (o as object)) };
    process.stderr.write(JSON.stringify({ time: new Date().toISOString(), pid: process.pid, ...line }) + '\n');
  };
  const noop = () => undefined;
  const logger: Record<string, unknown> = { level: 'warn', info: noop, debug: noop, trace: noop, warn: write('warn'), error: write('error'), fatal: write('fatal'), silent: noop };
  logger.child = () => logger;
  return logger;
}

/** The deepest nesting of a parsed JSON value, iteratively (no recursion: depth cannot overflow the stack). */
export function depthOf(value: unknown, limit: number): { depth: number; pointer: string } | undefined {
  // first pass: depths only, no allocation of pointers (every request goes through it)
  const values: unknown[] = [value];
  const depths: number[] = [0];
  let deep = false;
  while (values.length) {
    const v = values.pop();
    const d = depths.pop()!;
    if (d > limit) {
      deep = true;
      break;
    }
    if (v && typeof v === 'object') {
      if (Array.isArray(v)) for (const x of v) values.push(x), depths.push(d + 1);
      else for (const k in v) if (Object.prototype.hasOwnProperty.call(v, k)) values.push((v as Record<string, unknown>)[k]), depths.push(d + 1);
    }
  }
  if (!deep) return undefined;
  // second pass, only for a body that is too deep: where
  const stack: [unknown, number, string][] = [[value, 0, '']];
  while (stack.length) {
    const [v, d, p] = stack.pop()!;
    if (d > limit) return { depth: d, pointer: p };
    if (v && typeof v === 'object') {
      if (Array.isArray(v)) v.forEach((x, i) => stack.push([x, d + 1, `${p}/${i}`]));
      else for (const k of Object.keys(v)) stack.push([(v as Record<string, unknown>)[k], d + 1, `${p}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`]);
    }
  }
  return undefined;
}

/** Any error → status + body. Library errors carry their own problems; unexpected errors become a bare 500. */
export function errorResponse(err: unknown): { status: number; body: ErrorBody; unexpected?: boolean } {
  const e = err as Partial<FastifyError> & { problems?: InputProblem[]; suggestions?: string[]; code?: string; name?: string; ref?: string };
  const body = (status: number, code: string, message: string, problems?: InputProblem[], suggestions?: string[]) => ({
    status,
    body: { error: { code, message, ...(problems?.length ? { problems } : {}), ...(suggestions?.length ? { suggestions } : {}) } },
  });
  if (err instanceof HttpError) return body(err.status, err.code, err.message, err.problems, err.suggestions);
  switch (e.name) {
    case 'InputError':
      return body(400, e.code ?? 'invalid-input', e.message ?? 'invalid input', e.problems);
    case 'ProductError':
      return body(400, 'invalid-product', e.message ?? 'invalid product', e.problems);
    case 'AsOfError':
      return body(400, 'invalid-asof', e.message ?? 'bad asOf', [{ field: '/asOf', message: e.message ?? 'bad asOf' }]);
    case 'DateError':
      return body(400, 'invalid-date', e.message ?? 'bad date', (e as { field?: string }).field ? [{ field: (e as { field: string }).field, message: e.message ?? '' }] : undefined);
    case 'RefNotFoundError':
      return body(404, 'not-found', e.message ?? 'no such provision', undefined, e.suggestions);
    case 'NotFound':
      return body(404, 'not-found', e.message ?? 'not found', undefined, e.suggestions);
  }
  if (err instanceof SyntaxError && typeof e.statusCode !== 'number') return body(400, 'invalid-json', `not valid JSON: ${(e.message ?? '').slice(0, 200)}`, [{ field: '', message: 'is not valid JSON' }]);
  const names = (x: unknown) => (Array.isArray(x) ? x.filter((s): s is string => typeof s === 'string').slice(0, 20) : undefined);
  // a question's own not-found error (LicenseNotFoundError …): 404 with the nearest names
  if (typeof e.name === 'string' && /NotFoundError$/.test(e.name)) return body(404, typeof e.code === 'string' && /^[a-z][a-z-]*$/.test(e.code) ? e.code : 'not-found', e.message ?? 'not found', undefined, names(e.suggestions));
  // a question's own input error with a machine code (RetentionError 'unknown-article' …): 400
  if (typeof e.code === 'string' && /^[a-z][a-z0-9]*(?:-[a-z0-9]+)+$|^[a-z]+$/.test(e.code) && e.name !== 'Error' && typeof e.name === 'string' && /Error$/.test(e.name) && !(err instanceof TypeError) && !(err instanceof RangeError))
    return body(400, e.code, e.message ?? 'invalid input', Array.isArray(e.problems) ? e.problems : undefined, names(e.suggestions) ?? names((e as { candidates?: { id?: string }[] }).candidates?.map((c) => c.id)));
  switch (e.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return body(413, 'too-large', 'the request body is too large');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return body(415, 'unsupported-media-type', 'send Content-Type: application/json (or application/x-ndjson for /batch endpoints)');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return body(400, 'invalid-json', 'the body is empty; send a JSON object', [{ field: '', message: 'is required' }]);
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return body(400, 'bad-request', 'Content-Length does not match the body');
    case 'FST_ERR_BAD_URL':
    case 'FST_ERR_ASYNC_CONSTRAINT':
      return body(400, 'bad-url', 'the URL is not valid (bad percent-encoding?)');
  }
  const status = typeof e.statusCode === 'number' ? e.statusCode : 500;
  if (status >= 400 && status < 500) {
    if (err instanceof SyntaxError || /JSON|prototype/i.test(e.message ?? ''))
      return body(400, 'invalid-json', `the body is not valid JSON${/prototype/i.test(e.message ?? '') ? ' (it contains a forbidden __proto__ or constructor.prototype key)' : ''}`, [{ field: '', message: 'is not valid JSON' }]);
    return body(status, status === 404 ? 'not-found' : 'bad-request', (e.message ?? 'bad request').replace(/\s+at .*/s, ''));
  }
  return { ...body(500, 'internal', 'internal error (logged); the request may be retried'), unexpected: true };
}

interface StaticFile {
  type: string;
  body: Buffer;
}

/** The UI's files, read once at start: a request can only ever get one of these (never a path it names). */
function loadUi(): Map<string, StaticFile> {
  const dir = join(packageRoot, 'web');
  const files = new Map<string, StaticFile>();
  const types: Record<string, string> = { html: 'text/html; charset=utf-8', js: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8', svg: 'image/svg+xml' };
  for (const name of ['index.html', 'app.js', 'app.css', 'favicon.svg']) {
    try {
      files.set(name, { type: types[name.split('.').pop()!], body: readFileSync(join(dir, name)) });
    } catch {
      /* not shipped: 404 */
    }
  }
  return files;
}

function checkParams(route: Route, params: Record<string, string>): void {
  const problems: (InputProblem & { in: string })[] = [];
  for (const name of Object.keys(route.params ?? {})) {
    const v = params[name] ?? '';
    if (v.length === 0 || v.length > 200) problems.push({ field: `/${name}`, message: 'must be 1–200 characters', in: 'path' });
    else if (/[\u0000-\u001f]/.test(v)) problems.push({ field: `/${name}`, message: 'must not contain control characters', in: 'path' });
  }
  if (problems.length) throw new HttpError(400, 'invalid-input', `invalid path parameter: ${problems.map((p) => p.field).join(', ')}`, problems);
}

function checkQuery(route: Route, query: unknown): Record<string, string | undefined> {
  const name = route.query ?? 'asof.query.schema.json';
  const v = validatorByName(name)!;
  const q = { ...(query as Record<string, unknown>) };
  if (!v(q)) {
    const problems = inputProblems(v.errors ?? []).map((p) => ({ ...p, in: 'query' }));
    throw new HttpError(400, 'invalid-input', `invalid query: ${problems.map((p) => `${p.field || '/'}: ${p.message}`).join('; ')}`, problems);
  }
  return q as Record<string, string | undefined>;
}

/** Validates a body (or one NDJSON line) against the route's request schema; depth first. */
function checkBody(route: Route, body: unknown, maxDepth: number): void {
  const deep = depthOf(body, maxDepth);
  if (deep) throw new HttpError(400, 'invalid-input', `the body is nested deeper than ${maxDepth} levels`, [{ field: deep.pointer, message: `nesting deeper than ${maxDepth} levels` }]);
  const v = route.request ? validatorByName(route.request) : undefined;
  if (v && !v(body)) {
    const problems = inputProblems(v.errors ?? []);
    throw new HttpError(400, 'invalid-input', `invalid body: ${problems.map((p) => `${p.field || '/'}: ${p.message}`).join('; ')}`, problems);
  }
}

export async function buildApp(options: AppOptions = {}): Promise<FastifyInstance> {
  const kb = options.kb ?? (await openKnowledgeBase());
  const validateAnswers = options.validateAnswers ?? true;
  const maxDepth = options.maxDepth ?? 32;
  const maxLine = options.ndjsonMaxLineBytes ?? 64 * 1024;
  const maxNdjson = options.ndjsonMaxBytes ?? 64 * 1024 * 1024;
  const pkg = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version: string };
  setPackageVersion(pkg.version);

  const app = Fastify({
    ...(options.logger === 'errors' ? { loggerInstance: errorsOnlyLogger() as unknown as FastifyBaseLogger } : { logger: options.logger ?? false }),
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    routerOptions: { maxParamLength: 2000, ignoreTrailingSlash: true },
    return503OnClosing: true,
    requestTimeout: 15 * 60_000, // a whole request (a 64 MiB NDJSON batch streams well within it); headers still within 60 s
    keepAliveTimeout: 10_000,
    frameworkErrors: (err, _req, reply) => {
      const r = errorResponse(err);
      void (reply as FastifyReply).code(r.status).type('application/json').send(r.body);
    },
  });

  // Only JSON and NDJSON bodies; anything else is 415 (text/plain parser removed).
  app.removeContentTypeParser(['text/plain']);
  app.addContentTypeParser(NDJSON_TYPES, (_req, payload, done) => done(null, payload));

  const envelope = (asOf: string) => ({ rulesetVersion: kb.ruleset.version, contentHash: kb.ruleset.contentHash, asOf });

  function answerProblem(route: Route, answer: unknown): string | undefined {
    if (!validateAnswers || !route.answer) return undefined;
    const v = validatorByName(route.answer);
    if (!v || v(answer)) return undefined;
    return inputProblems(v.errors ?? [])
      .slice(0, 5)
      .map((p) => `${p.field || '/'}: ${p.message}`)
      .join('; ');
  }

  /** the envelope on an answer that lacks it (answers of the questions carry their own) */
  function withEnvelope(a: Record<string, unknown>, asOf: string): Record<string, unknown> {
    return typeof a.rulesetVersion === 'string' && typeof a.asOf === 'string' ? a : { ...envelope(asOf), ...a };
  }

  // A frozen answer (the library's product cache hands out the same frozen object for the same
  // product) is checked against its schema and serialised once: keyed by identity, so entries go
  // when the library's cache lets go of the answer.
  // (as UTF-8 bytes: encoding a 15 kB answer costs far more than finding it)
  const serialised = new WeakMap<object, Buffer>();
  const getCache = new Map<string, Buffer>();
  const getCacheSize = 2000;
  const getCacheBytes = 32 * 1024 * 1024; // characters, roughly: bounded whatever the URLs asked for
  let cachedBytes = 0;

  /** The answer checked against its answer schema, as JSON (a mismatch is a logged 500, never a wrong answer). */
  function serialise(route: Route, answer: Record<string, unknown>, req: FastifyRequest): Buffer {
    const known = serialised.get(answer);
    if (known !== undefined) return known;
    const bad = answerProblem(route, answer);
    if (bad) {
      req.log.error({ route: route.path, problem: bad }, 'answer does not match its schema');
      throw new HttpError(500, 'invalid-answer', 'the answer did not match its schema (logged)');
    }
    const json = Buffer.from(JSON.stringify(answer));
    if (Object.isFrozen(answer)) serialised.set(answer, json);
    return json;
  }

  function context(route: Route, req: FastifyRequest): RouteContext {
    checkParams(route, req.params as Record<string, string>);
    const query = checkQuery(route, req.query);
    const asOfGiven = query.asOf !== undefined;
    const asOf = asOfGiven ? kb.ruleset.checkAsOf(query.asOf!) : today();
    return { kb, body: undefined, query, params: req.params as Record<string, string>, asOf, asOfGiven };
  }

  for (const route of availableRoutes(kb)) {
    if (route.ndjson) {
      app.route({
        method: route.method,
        url: route.path,
        handler: async (req: FastifyRequest, reply: FastifyReply) => {
          const type = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
          if (!NDJSON_TYPES.includes(type)) throw new HttpError(415, 'unsupported-media-type', `send Content-Type: application/x-ndjson (one ${route.request ?? 'JSON value'} per line)`);
          const ctx = context(route, req);
          const length = Number(req.headers['content-length'] ?? 0);
          if (length > maxNdjson) throw new HttpError(413, 'too-large', `the body is larger than ${maxNdjson} bytes`);
          const input = req.body as Readable;
          // bytes counted as they arrive: past the limit, reading stops and a last record says so
          let tooLarge = false;
          async function* bounded(): AsyncGenerator<Buffer> {
            let total = 0;
            for await (const chunk of input as AsyncIterable<Buffer>) {
              total += chunk.length;
              if (total > maxNdjson) {
                tooLarge = true;
                return;
              }
              yield chunk;
            }
          }
          const handle = (line: unknown): Buffer | Promise<Buffer> => {
            const value = route.asOfInBody && ctx.asOfGiven && line && typeof line === 'object' && !Array.isArray(line) && !('asOf' in line) ? { ...line, asOf: ctx.asOf } : line;
            checkBody(route, value, maxDepth);
            const a = route.handler({ ...ctx, body: value }) as Record<string, unknown> | Promise<Record<string, unknown>>;
            return a instanceof Promise ? a.then((x) => serialise(route, withEnvelope(x, ctx.asOf), req)) : serialise(route, withEnvelope(a, ctx.asOf), req);
          };
          const toError = (err: unknown) => {
            const r = errorResponse(err);
            if (r.unexpected) req.log.error({ err }, 'batch line failed');
            return r.body.error;
          };
          async function* answers(): AsyncGenerator<Buffer> {
            let last = 0;
            for await (const rec of processNdjson(bounded(), handle, { maxLineLength: maxLine, errorOf: toError, window: 16 })) {
              last = rec.line;
              yield rec.ok ? Buffer.concat([Buffer.from(`{"line":${rec.line},`), rec.value.subarray(1), NEWLINE]) : Buffer.from(JSON.stringify({ line: rec.line, error: rec.error }) + '\n');
            }
            if (tooLarge) yield Buffer.from(JSON.stringify({ line: last + 1, error: { code: 'too-large', message: `the body is larger than ${maxNdjson} bytes; the lines after this point were not read` } }) + '\n');
          }
          reply.type('application/x-ndjson; charset=utf-8');
          return reply.send(Readable.from(answers()));
        },
      });
      continue;
    }
    app.route({
      method: route.method,
      url: route.path,
      handler: async (req: FastifyRequest, reply: FastifyReply) => {
        if (route.method === 'POST') {
          const type = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
          if (type !== 'application/json') throw new HttpError(415, 'unsupported-media-type', 'send Content-Type: application/json');
        }
        reply.type('application/json; charset=utf-8').header('cache-control', 'no-store');
        // GET answers depend only on the URL and the date (for the default asOf): a bounded cache of their JSON
        const key = route.method === 'GET' ? `${today()} ${req.url}` : undefined;
        const hit = key !== undefined ? getCache.get(key) : undefined;
        if (hit !== undefined) {
          getCache.delete(key!);
          getCache.set(key!, hit);
          return reply.send(hit);
        }
        const ctx = context(route, req);
        if (route.method === 'POST') {
          let body = req.body;
          if (route.asOfInBody && ctx.asOfGiven && body && typeof body === 'object' && !Array.isArray(body) && !('asOf' in body)) body = { ...body, asOf: ctx.asOf };
          checkBody(route, body, maxDepth);
          ctx.body = body;
        }
        const a = (await route.handler(ctx)) as Record<string, unknown>;
        const json = serialise(route, withEnvelope(a, ctx.asOf), req);
        if (key !== undefined && json.length < getCacheBytes / 16) {
          getCache.set(key, json);
          cachedBytes += json.length + key.length;
          while (cachedBytes > getCacheBytes || getCache.size > getCacheSize) {
            const [k, v] = getCache.entries().next().value!;
            getCache.delete(k);
            cachedBytes -= k.length + v.length;
          }
        }
        return reply.send(json);
      },
    });
  }

  const openapi = JSON.stringify(openApiDocument(kb, pkg.version));
  app.get('/openapi.json', (_req, reply) => reply.type('application/json; charset=utf-8').send(openapi));

  if (options.ui ?? true) {
    const ui = loadUi();
    const serve = (name: string, reply: FastifyReply) => {
      const f = ui.get(name);
      if (!f) throw new HttpError(404, 'not-found', 'no such page');
      return reply
        .type(f.type)
        .header('cache-control', 'no-cache')
        .header('content-security-policy', "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'")
        .send(f.body);
    };
    app.get('/', (_req, reply) => serve('index.html', reply));
    app.get('/ui/:file', (req, reply) => serve((req.params as { file: string }).file, reply));
  }

  const worker = String(cluster.worker?.id ?? 0); // which worker answered (not the pid)
  app.addHook('onSend', (_req, reply, payload, done) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-doyaku-worker', worker);
    done(null, payload);
  });

  app.setNotFoundHandler((req, reply) => {
    void reply.code(404).type('application/json').send({ error: { code: 'not-found', message: `no endpoint ${req.method} ${req.url.split('?')[0].slice(0, 200)} (see /openapi.json)` } });
  });

  app.setErrorHandler((err, req, reply) => {
    const r = errorResponse(err);
    if (r.unexpected) req.log.error({ err }, 'unexpected error');
    void reply.code(r.status).type('application/json').send(r.body);
  });

  return app;
}

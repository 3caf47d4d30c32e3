/**
 * The HTTP API through fastify.inject (no socket): every endpoint's answer against its answer
 * schema with the envelope, the error contract (400 with JSON pointers, 404, 413, 415, never a
 * stack trace), NDJSON batches streamed with an error record per bad line, the generated OpenAPI
 * document, and that the UI's files are the only files a request can get.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { Ajv } from 'ajv';
import { buildApp } from '../../src/server/app.js';
import { availableRoutes, routes } from '../../src/server/routes.js';
import { validatorByName, schemaByName } from '../../src/server/registry.js';
import { openKnowledgeBase, type KnowledgeBase } from '../../src/kb.js';
import { packageRoot } from '../../src/paths.js';

const asOf = '2024-04-01';
const cat = { ingredients: [{ name: 'イベルメクチン' }], dosageForm: '外用剤', applicationSite: '外皮', species: ['猫'] };
let app: FastifyInstance;
let kb: KnowledgeBase;

beforeAll(async () => {
  kb = await openKnowledgeBase();
  app = await buildApp({ kb });
});
afterAll(async () => app?.close());

const get = (url: string) => app.inject({ method: 'GET', url });
const post = (url: string, payload: unknown, type = 'application/json') =>
  app.inject({ method: 'POST', url, payload: typeof payload === 'string' ? payload : JSON.stringify(payload), headers: { 'content-type': type } });

function expectEnvelope(body: Record<string, unknown>, date?: string) {
  expect(body.rulesetVersion).toBe(kb.ruleset.version);
  expect(body.contentHash).toBe(kb.ruleset.contentHash);
  expect(body.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  if (date) expect(body.asOf).toBe(date);
}

function expectError(res: { statusCode: number; body: string }, status: number, code?: string) {
  expect(res.statusCode).toBe(status);
  expect(res.body).not.toMatch(/\n\s+at |node_modules|\.ts:\d+/); // never a stack trace or a path
  const b = JSON.parse(res.body) as { error: { code: string; message: string; problems?: { field: string }[] } };
  expect(validatorByName('error.schema.json')!(b)).toBe(true);
  if (code) expect(b.error.code).toBe(code);
  return b.error;
}

describe('answers', () => {
  it('GET /v1/health and /v1/version', async () => {
    const h = await get('/v1/health');
    expect(h.statusCode).toBe(200);
    expectEnvelope(h.json());
    expect(h.json().status).toBe('ok');
    const v = (await get(`/v1/version?asOf=${asOf}`)).json();
    expectEnvelope(v, asOf);
    expect(v.corpus.lawNum).toBe('平成16年農林水産省令第107号');
    expect(v.endpoints).toContain('POST /v1/classify');
  });

  it('POST /v1/classify answers exactly what the library answers', async () => {
    const res = await post(`/v1/classify?asOf=${asOf}`, cat);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expectEnvelope(body, asOf);
    expect(body.yoshiji.status).toBe('required');
    expect(body).toEqual(JSON.parse(JSON.stringify(await kb.classify(cat as never, { asOf }))));
  });

  it('every answer matches its answer schema', async () => {
    const urls = [
      `/v1/search?q=${encodeURIComponent('要指示医薬品の帳簿')}&kind=law,annotation&chapter=7&limit=5`,
      `/v1/articles/${encodeURIComponent('第169条')}?asOf=${asOf}`,
      `/v1/articles/T3-E7`,
      `/v1/rules?family=yoshiji`,
      `/v1/rules/yoshiji.T3-E7`,
      `/v1/ingredients/${encodeURIComponent('塩酸ケタミン')}`,
      `/v1/coverage?chapter=T`,
    ];
    for (const url of urls) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(200);
      const route = routes.find((r) => new RegExp(`^${r.path.replace(/:[a-z]+/g, '[^/?]+')}(\\?|$)`).test(url))!;
      const v = validatorByName(route.answer!)!;
      expect(v(res.json()), `${url}: ${JSON.stringify(v.errors)}`).toBe(true);
      expectEnvelope(res.json());
    }
  });

  it('search: highlighted snippets, filters by kind and chapter', async () => {
    const r = (await get(`/v1/search?q=${encodeURIComponent('使用の期限')}&kind=law&chapter=7`)).json();
    expect(r.hits.length).toBeGreaterThan(0);
    for (const h of r.hits) {
      expect(h.kind).toBe('law');
      expect(h.chapter).toBe(7);
    }
    expect(r.hits.some((h: { snippet: { highlights: unknown[] } }) => h.snippet.highlights.length > 0)).toBe(true);
  });

  it('article: text, annotations, terms, references with their node, the rules encoded from it', async () => {
    const a = (await get(`/v1/articles/${encodeURIComponent('第168条')}`)).json();
    expect(a.node.id).toBe('A168');
    expect(a.refsOut.find((r: { target?: string }) => r.target === 'T3').from).toBe('A168-P1');
    expect(a.rules.some((r: { id: string }) => r.id.startsWith('yoshiji.'))).toBe(true);
    const t3e7 = (await get('/v1/articles/T3-E7')).json();
    expect(t3e7.rules.map((r: { id: string }) => r.id)).toContain('yoshiji.T3-E7');
    expect(t3e7.coverage).toBe('rules');
    const withOutdated = (await get(`/v1/articles/${encodeURIComponent('別表第3')}`)).json();
    expect(withOutdated.annotations.length).toBeGreaterThan(0);
  });

  it('ingredients: did-you-mean for an unknown name', async () => {
    const r = (await get(`/v1/ingredients/${encodeURIComponent('イベルメクチソ')}`)).json();
    expect(r.known).toBe(false);
    expect(r.suggestions).toContain('イベルメクチン');
  });

  it('rules/:id unknown → 404 with suggestions', async () => {
    const e = expectError(await get('/v1/rules/yoshiji.nope'), 404, 'not-found');
    expect(e.message).toContain('yoshiji.nope');
  });

  it('every family that has rules is in /v1/rules and counts in /v1/coverage', async () => {
    const families = new Set(kb.ruleset.allRules().map((r) => r.family));
    const r = (await get('/v1/rules')).json();
    expect(new Set(r.families)).toEqual(families);
    const c = (await get('/v1/coverage')).json();
    for (const f of families) if (kb.ruleset.allRules().some((x) => x.family === f && x.citations.length)) expect(c.totals.byFamily[f], f).toBeGreaterThan(0);
  });
});

describe('the other questions (entries present when their kb method exists)', () => {
  const withExample = () => availableRoutes(kb).filter((r) => r.example !== undefined && !r.ndjson);
  it('every example answers 200, valid against its request and answer schemas', async () => {
    expect(withExample().length).toBeGreaterThan(0);
    for (const r of withExample()) {
      if (r.request) expect(validatorByName(r.request)!(r.example), `${r.path} example: ${JSON.stringify(validatorByName(r.request)!.errors)}`).toBe(true);
      const res = await post(r.path, r.example);
      expect(res.statusCode, `${r.path}: ${res.body.slice(0, 300)}`).toBe(200);
      expectEnvelope(res.json());
      const v = r.answer ? validatorByName(r.answer) : undefined;
      if (v) expect(v(res.json()), `${r.path}: ${JSON.stringify(v.errors)}`).toBe(true);
    }
  });

  it('a query asOf goes into a body that has none', async () => {
    const r = availableRoutes(kb).find((x) => x.asOfInBody && x.example);
    if (!r) return;
    const { asOf: _drop, ...rest } = r.example as Record<string, unknown>;
    const res = await post(`${r.path}?asOf=2023-06-01`, rest);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.json().asOf).toBe('2023-06-01');
  });

  it('licenses: list, one by name, unknown → 404 with the nearest', async () => {
    if (!availableRoutes(kb).some((r) => r.path === '/v1/licenses/:id')) return;
    const list = await get(`/v1/licenses?asOf=${asOf}`);
    expect(list.statusCode).toBe(200);
    expect(list.json().licenses.length).toBeGreaterThan(0);
    expectEnvelope(list.json(), asOf);
    const one = await get(`/v1/licenses/${encodeURIComponent('卸売販売業')}`);
    expect(one.statusCode).toBe(200);
    expect(one.json().license.name).toBe('卸売販売業');
    const e = expectError(await get(`/v1/licenses/${encodeURIComponent('卸売販売ぎょう')}`), 404);
    expect((e as { suggestions?: string[] }).suggestions).toContain('卸売販売業');
  });

  it('transactions: batch NDJSON, one record per line', async () => {
    const r = availableRoutes(kb).find((x) => x.path === '/v1/transactions/check');
    if (!r) return;
    const res = await post('/v1/transactions/batch', `${JSON.stringify(r.example)}\n{"seller":1}\n${JSON.stringify(r.example)}\n`, 'application/x-ndjson');
    expect(res.statusCode).toBe(200);
    const out = res.body.trim().split('\n').map((l) => JSON.parse(l));
    expect(out.map((x) => x.line)).toEqual([1, 2, 3]);
    expect(out[0].error).toBeUndefined();
    expect(out[1].error.problems.length).toBeGreaterThan(0);
  });

  it('retention: an unknown article is a 400 naming it, not a 500', async () => {
    if (!availableRoutes(kb).some((r) => r.path === '/v1/retention')) return;
    const res = await post('/v1/retention', { article: '第999条', facts: {}, asOf });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
  });

  it('reports: obligations by holder', async () => {
    if (!availableRoutes(kb).some((r) => r.path === '/v1/reports/obligations')) return;
    const res = await get(`/v1/reports/obligations?holder=${encodeURIComponent('製造販売業者')}&asOf=${asOf}`);
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expectEnvelope(res.json(), asOf);
  });
});

describe('errors', () => {
  it('bad body → 400 with the JSON pointer of each bad field (and did-you-mean)', async () => {
    const e = expectError(await post('/v1/classify', { ingredients: [{ nam: 'x' }], dosageForm: 3 }), 400, 'invalid-input');
    const fields = e.problems!.map((p) => p.field);
    expect(fields).toEqual(expect.arrayContaining(['/ingredients/0/name', '/ingredients/0/nam', '/dosageForm']));
    const typo = expectError(await post('/v1/classify', { ingredients: [{ name: 'x', contnet: 1 }], dosageForm: '外用剤' }), 400);
    expect(JSON.stringify(typo.problems)).toContain("did you mean 'content'");
  });

  it('bad query → 400 naming the parameter; bad asOf → 400 /asOf', async () => {
    const e = expectError(await get('/v1/search?q=a&limit=abc'), 400, 'invalid-input');
    expect(e.problems![0].field).toBe('/limit');
    expect(expectError(await get('/v1/search'), 400).problems![0].field).toBe('/q');
    expect(expectError(await get('/v1/search?q=a&bogus=1'), 400).problems![0].field).toBe('/bogus');
    expect(expectError(await post('/v1/classify?asOf=2024-02-30', cat), 400).problems![0].field).toBe('/asOf');
    expectError(await post('/v1/classify?asOf=1999-01-01', cat), 400, 'invalid-asof');
    expectError(await get('/v1/search?q=a&q=b'), 400);
  });

  it('invalid JSON, empty body, __proto__ → 400', async () => {
    expectError(await post('/v1/classify', '{bad'), 400, 'invalid-json');
    expectError(await post('/v1/classify', ''), 400, 'invalid-json');
    expectError(await post('/v1/classify', '{"__proto__":{"x":1},"ingredients":[{"name":"a"}],"dosageForm":"外用剤"}'), 400, 'invalid-json');
    expectError(await post('/v1/classify', '{"constructor":{"prototype":{"x":1}},"ingredients":[{"name":"a"}],"dosageForm":"外用剤"}'), 400);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('deep nesting → 400 naming where', async () => {
    const deep = '['.repeat(100_000) + '"x"' + ']'.repeat(100_000);
    const e = expectError(await post('/v1/classify', `{"ingredients":[{"name":"a"}],"dosageForm":"外用剤","purpose":${deep}}`), 400, 'invalid-input');
    expect(e.problems![0].field).toMatch(/^\/purpose\/0\/0/);
  });

  it('unknown route → 404; wrong method → 404; oversized → 413; wrong content type → 415', async () => {
    expectError(await get('/v1/nope'), 404, 'not-found');
    expectError(await get('/v1/classify'), 404, 'not-found');
    expectError(await get('/v1/articles/' + encodeURIComponent('第999条')), 404, 'not-found');
    expectError(await post('/v1/classify', JSON.stringify({ ingredients: [{ name: 'x'.repeat(2_000_000) }], dosageForm: '外用剤' })), 413, 'too-large');
    expectError(await post('/v1/classify', 'hello', 'text/plain'), 415, 'unsupported-media-type');
    expectError(await post('/v1/classify', JSON.stringify(cat), 'application/x-ndjson'), 415, 'unsupported-media-type');
    expectError(await post('/v1/classify/batch', JSON.stringify(cat), 'application/json'), 415, 'unsupported-media-type');
    expectError(await app.inject({ method: 'POST', url: '/v1/classify', payload: 'a=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } }), 415);
    expectError(await get('/v1/articles/%ZZ'), 400, 'bad-url');
  });

  it('a request cannot make the server read a file', async () => {
    for (const url of ['/ui/../package.json', '/ui/%2e%2e%2fpackage.json', '/ui/..%2F..%2Fpackage.json', '/ui/%2Fetc%2Fpasswd', '/ui/app.js%00.png', '/package.json', '/rules/manifest.yaml', '/data/ordinance/nodes.json'])
      expect((await get(url)).statusCode, url).toBe(404);
    expect((await get('/ui/app.js')).statusCode).toBe(200);
    const index = await get('/');
    expect(index.statusCode).toBe(200);
    expect(index.headers['content-type']).toContain('text/html');
    expect(index.headers['content-security-policy']).toContain("default-src 'self'");
    expect(index.body).not.toMatch(/https?:\/\//); // no CDN
    expect(readFileSync(join(packageRoot, 'web', 'app.js'), 'utf8')).not.toMatch(/https?:\/\/|innerHTML|eval\(|new Function/);
  });
});

describe('no code from data', () => {
  it('no eval or new Function anywhere in src/ or web/', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const p = join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.(ts|js|mjs)$/.test(e.name)) files.push(p);
      }
    };
    walk(join(packageRoot, 'src'));
    walk(join(packageRoot, 'web'));
    expect(files.length).toBeGreaterThan(50);
    for (const f of files) {
      const code = readFileSync(f, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      expect(code, f).not.toMatch(/\beval\s*\(|\bnew\s+Function\s*\(|\bFunction\s*\(\s*['"`]/);
    }
  });
});

describe('NDJSON batch', () => {
  it('streams one record per line, in order, an error record per bad line', async () => {
    const lines = [JSON.stringify(cat), '{bad', '', JSON.stringify({ ingredients: [] , dosageForm: '外用剤' }), Buffer.from([0xff, 0xfe, 0x7b]).toString('latin1'), JSON.stringify({ ...cat, species: ['犬'] })];
    const body = Buffer.concat([Buffer.from(lines.slice(0, 4).join('\n') + '\n'), Buffer.from([0xff, 0xfe, 0x7b, 0x0a]), Buffer.from(lines[5] + '\n')]);
    const res = await app.inject({ method: 'POST', url: `/v1/classify/batch?asOf=${asOf}`, payload: body, headers: { 'content-type': 'application/x-ndjson' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/x-ndjson');
    const out = res.body.trim().split('\n').map((l) => JSON.parse(l));
    expect(out.map((r) => r.line)).toEqual([1, 2, 4, 5, 6]);
    expect(out[0].yoshiji.status).toBe('required');
    expect(out[0].asOf).toBe(asOf);
    expect(out[1].error.code).toBe('invalid-json');
    expect(out[2].error.problems[0].field).toBe('/ingredients');
    expect(out[3].error.code).toBe('invalid-json'); // invalid UTF-8 decodes to U+FFFD: not JSON
    expect(out[4].yoshiji.status).toBe('required');
  });

  it('streams: the first answer arrives before the request body has ended', async () => {
    const server = await buildApp({ kb, ui: false });
    await server.listen({ host: '127.0.0.1', port: 0 });
    const port = (server.server.address() as { port: number }).port;
    const { request } = await import('node:http');
    const first = await new Promise<string>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, method: 'POST', path: `/v1/classify/batch?asOf=${asOf}`, headers: { 'content-type': 'application/x-ndjson', 'transfer-encoding': 'chunked' } }, (res) => {
        res.once('data', (d: Buffer) => {
          resolve(d.toString('utf8'));
          req.end(); // only now does the body end
        });
      });
      req.on('error', reject);
      req.write(JSON.stringify(cat) + '\n');
    });
    expect(JSON.parse(first.split('\n')[0])).toMatchObject({ line: 1, yoshiji: { status: 'required' } });
    await server.close();
  });

  it('a line over the limit is an error record; the lines after it are answered', async () => {
    const small = await buildApp({ kb, ndjsonMaxLineBytes: 1000 });
    const res = await small.inject({ method: 'POST', url: '/v1/classify/batch', payload: `${JSON.stringify({ ...cat, purpose: 'x'.repeat(5000) })}\n${JSON.stringify(cat)}\n`, headers: { 'content-type': 'application/x-ndjson' } });
    const out = res.body.trim().split('\n').map((l) => JSON.parse(l));
    expect(out[0]).toMatchObject({ line: 1, error: { code: 'line-too-long' } });
    expect(out[1].line).toBe(2);
    expect(out[1].yoshiji).toBeDefined();
    await small.close();
  });

  it('bad asOf → one 400 before any line is read', async () => {
    expectError(await post('/v1/classify/batch?asOf=garbage', JSON.stringify(cat) + '\n', 'application/x-ndjson'), 400);
  });
});

describe('OpenAPI', () => {
  it('is generated from the route table and the same schema files', async () => {
    const res = await get('/openapi.json');
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    for (const r of availableRoutes(kb)) expect(doc.paths[r.path.replace(/:([a-z]+)/gi, '{$1}')][r.method.toLowerCase()], r.path).toBeDefined();
    // the product component is rules/schema/product.schema.json itself (refs rewritten)
    const product = JSON.parse(readFileSync(join(packageRoot, 'rules', 'schema', 'product.schema.json'), 'utf8'));
    expect(doc.components.schemas.product.title).toBe(product.title);
    expect(Object.keys(doc.components.schemas.product.properties)).toEqual(Object.keys(product.properties));
    // every $ref resolves inside the document
    const refs: string[] = [];
    const walk = (v: unknown) => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) k === '$ref' ? refs.push(x as string) : walk(x);
    };
    walk(doc);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      expect(ref.startsWith('#/')).toBe(true);
      let at: unknown = doc;
      for (const part of ref.slice(2).split('/')) at = (at as Record<string, unknown>)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
      expect(at, ref).toBeDefined();
    }
    // every component compiles as a JSON Schema (inside the document)
    const ajv = new Ajv({ strict: false, allErrors: true });
    ajv.addSchema({ ...doc, $id: 'doc' });
    for (const name of Object.keys(doc.components.schemas)) expect(() => ajv.getSchema(`doc#/components/schemas/${name}`), name).not.toThrow();
    // the example of classify is valid against its own request schema
    const ex = doc.paths['/v1/classify'].post.requestBody.content['application/json'].example;
    expect(validatorByName('product.schema.json')!(ex)).toBe(true);
    expect(schemaByName('product.schema.json')).toBeDefined();
  });
});

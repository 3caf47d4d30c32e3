/**
 * Fuzzing the HTTP service: ≥ 5,000 generated malformed and random requests across every endpoint
 * (wrong types, missing fields, huge strings, deep nesting, __proto__ / constructor / prototype keys,
 * invalid UTF-8, bad dates, huge NDJSON lines, random methods, paths and content types) through
 * fastify.inject, then a short real-socket portion (raw bytes, aborted bodies, bad headers,
 * concurrent requests). Zero 5xx, no crash, no stack trace, JSON errors, memory bounded, no
 * prototype pollution — and a known query still answered correctly afterwards. Seeded: a failure
 * prints the seed and the request.
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.js';
import { availableRoutes, type Route } from '../../src/server/routes.js';
import { openKnowledgeBase, type KnowledgeBase } from '../../src/kb.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20241203);
const N = Number(process.env.FUZZ_N ?? 5200);

function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = rng(SEED);
const int = (n: number) => Math.floor(rand() * n);
const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];
const chance = (p: number) => rand() < p;
/** encodeURIComponent, with lone surrogates sent as the (invalid) UTF-8 bytes of a surrogate */
const enc = (s: string) => {
  try {
    return encodeURIComponent(s);
  } catch {
    return '%ED%A0%80';
  }
};

const nastyKeys = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '$ref', '', ' ', 'a'.repeat(300), 'ingredients', 'dosageForm', 'species', 'asOf', 'name', 'content', '\u0000', '../../etc/passwd'];
const nastyStrings = [
  '', ' ', '猫', 'イベルメクチン', 'イベルメクチソ', '外用剤', '注射液', '2024-02-30', '2024-13-01', '0000-00-00', '9999-12-31', '1999-01-01', 'today', '../../../../etc/passwd',
  '%00', '\u0000', '\ud800', '\udfff', '\ufeff', '<script>alert(1)</script>', '${7*7}', '{{7*7}}', '__proto__', 'constructor.prototype', 'process.exit()', 'require("fs")',
  'a'.repeat(201), 'あ'.repeat(5000), 'x'.repeat(100_000), '第169条', '別表第3第7号', 'A169', 'yoshiji.T3-E7', 'NaN', '-1', '1e309', '\n\r\t', '😀'.repeat(50),
];
const nastyNumbers = [0, -1, 1, 1.5, -0, 1e308, -1e308, Number.MAX_SAFE_INTEGER, 2 ** 53 + 1, 0.1 + 0.2, 100, 1e-300];

function randomValue(depth = 0): unknown {
  const r = int(depth > 3 ? 4 : 7);
  switch (r) {
    case 0:
      return pick(nastyStrings);
    case 1:
      return pick(nastyNumbers);
    case 2:
      return pick([true, false, null]);
    case 3:
      return pick(nastyStrings).slice(0, 50);
    case 4:
      return Array.from({ length: int(4) }, () => randomValue(depth + 1));
    default: {
      const o: Record<string, unknown> = {};
      for (let i = 0; i < int(4); i++) Object.defineProperty(o, pick(nastyKeys), { value: randomValue(depth + 1), enumerable: true, configurable: true, writable: true });
      return o;
    }
  }
}

const valid = () => ({ ingredients: [{ name: pick(['イベルメクチン', '塩酸ケタミン', 'アモキシシリン', 'ほげ']) }], dosageForm: pick(['外用剤', '注射剤', '内用剤']), applicationSite: '外皮', species: [pick(['猫', '犬', '牛'])] });

/** A product, mutated: a field removed, retyped, an unknown or poisonous key added, huge, deep… */
function mutatedProduct(): unknown {
  const p: Record<string, unknown> = valid();
  const n = 1 + int(3);
  for (let i = 0; i < n; i++) {
    switch (int(10)) {
      case 0:
        delete p[pick(['ingredients', 'dosageForm'])];
        break;
      case 1:
        p[pick(['ingredients', 'dosageForm', 'applicationSite', 'species', 'isPreparation', 'purpose'])] = randomValue();
        break;
      case 2:
        Object.defineProperty(p, pick(nastyKeys), { value: randomValue(), enumerable: true, configurable: true, writable: true });
        break;
      case 3:
        (p.ingredients as unknown[]) = Array.from({ length: pick([0, 1, 50, 1000]) }, () => ({ name: pick(nastyStrings) }));
        break;
      case 4:
        p.species = Array.from({ length: pick([0, 3, 500]) }, () => pick(nastyStrings));
        break;
      case 5:
        p.ingredients = [{ name: pick(nastyStrings), content: randomValue(), contents: randomValue() }];
        break;
      case 6: {
        let deep: unknown = pick(nastyStrings);
        for (let d = 0; d < pick([10, 40, 200]); d++) deep = chance(0.5) ? [deep] : { a: deep };
        p[pick(['purpose', 'ingredients', 'species'])] = deep;
        break;
      }
      case 7:
        p.asOf = pick(nastyStrings);
        break;
      case 8:
        p.ingredients = [{ name: 'イベルメクチン', content: { value: pick(nastyNumbers), unit: pick(['%', 'mg', 'kg', '', '💊']), per: randomValue() } }];
        break;
      default:
        return randomValue();
    }
  }
  return p;
}

function rawBody(): string | Buffer {
  return pick<() => string | Buffer>([
    () => JSON.stringify(mutatedProduct()),
    () => JSON.stringify(valid()),
    () => '{bad json',
    () => '',
    () => 'null',
    () => '[]',
    () => '"str"',
    () => '1e999',
    () => '\ufeff' + JSON.stringify(valid()),
    () => JSON.stringify(valid()).slice(0, int(40)),
    () => Buffer.concat([Buffer.from('{"ingredients":[{"name":"'), Buffer.from([0xc3, 0x28, 0xff, 0xfe, 0xed, 0xa0, 0x80]), Buffer.from('"}],"dosageForm":"外用剤"}')]),
    () => '{"__proto__":{"polluted":1},"ingredients":[{"name":"a"}],"dosageForm":"外用剤"}',
    () => '{"constructor":{"prototype":{"polluted":1}},"ingredients":[{"name":"a"}],"dosageForm":"外用剤"}',
    () => '['.repeat(50_000) + ']'.repeat(50_000),
    () => '{"a":'.repeat(20_000) + '1' + '}'.repeat(20_000),
    () => JSON.stringify({ ingredients: [{ name: 'x'.repeat(600_000) }], dosageForm: '外用剤' }),
    () => JSON.stringify({ ...valid(), purpose: 'y'.repeat(1_200_000) }), // > body limit
  ])();
}

function ndjsonBody(): string | Buffer {
  const lines: (string | Buffer)[] = [];
  for (let i = 0; i < 1 + int(8); i++) {
    lines.push(
      pick<() => string | Buffer>([
        () => JSON.stringify(valid()),
        () => JSON.stringify(mutatedProduct()),
        () => '{bad',
        () => '',
        () => '   ',
        () => JSON.stringify({ ...valid(), purpose: 'z'.repeat(pick([10, 70_000, 200_000])) }), // over the 64 KiB line limit
        () => Buffer.from([0xff, 0xfe, 0x7b, 0x7d]),
        () => '\r',
        () => '['.repeat(1000) + ']'.repeat(1000),
      ])(),
    );
  }
  const parts: Buffer[] = [];
  for (const l of lines) parts.push(Buffer.isBuffer(l) ? l : Buffer.from(l), Buffer.from(pick(['\n', '\r\n', '\n\n'])));
  if (chance(0.2)) parts.pop(); // no final newline
  return Buffer.concat(parts);
}

function pathSegment(): string {
  return pick<() => string>([
    () => enc(pick(nastyStrings).slice(0, 300)),
    () => pick(['%C3%28', '%ED%A0%80', '%FF', '%', '%Z', '..%2F..%2Fpackage.json', '%2e%2e', '%00', '..', '.', 'A169', enc('第169条'), enc('塩酸ケタミン'), 'yoshiji.T3-E7']),
    () => 'a'.repeat(pick([1, 199, 201, 1500, 2500])),
  ])();
}

function query(route: Route): string {
  const params: string[] = [];
  const names = ['asOf', 'q', 'kind', 'chapter', 'limit', 'offset', 'family', 'status', '__proto__', 'constructor', 'x'];
  for (let i = 0; i < int(4); i++) {
    const name = chance(0.7) ? pick(names) : enc(pick(nastyKeys));
    const value = chance(0.5) ? enc(String(pick([...nastyStrings.map((s) => s.slice(0, 2000)), ...nastyNumbers]))) : pick(['2024-04-01', 'law,annotation', '7', '10', '0', '-1', '101', 'rules', 'Ch7', 'yoshiji', '%ZZ', '%C3%28', enc('要指示医薬品')]);
    params.push(`${name}=${value}`);
  }
  if (route.path === '/v1/search' && chance(0.6)) params.push(`q=${enc(pick(nastyStrings).slice(0, 700))}`);
  return params.length ? `?${params.join('&')}` : '';
}

interface Req {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
}

function request(routes: Route[]): Req {
  const route = pick(routes);
  const method = chance(0.85) ? route.method : pick(['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD']);
  let url = route.path.replace(/:[a-z]+/gi, () => pathSegment()) + query(route);
  if (chance(0.03)) url = pick(['/', '/ui/app.js', '/ui/../../package.json', '/openapi.json', '/v1', '/v2/classify', '//v1//health', '/v1/health/', '/%', '/ui/%2e%2e%2f%2e%2e%2fpackage.json', '/v1/articles/', `/v1/search?${'q=a&'.repeat(2000)}`]);
  const headers: Record<string, string> = {};
  let payload: string | Buffer | undefined;
  if (method === 'POST' || method === 'PUT' || method === 'PATCH' || chance(0.05)) {
    const ndjson = route.ndjson ? chance(0.85) : chance(0.05);
    headers['content-type'] = chance(0.9)
      ? ndjson ? pick(['application/x-ndjson', 'application/ndjson', 'application/jsonl']) : pick(['application/json', 'application/json; charset=utf-8', 'Application/JSON'])
      : pick(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', '', 'application/json; charset=latin1', '*/*', 'garbage']);
    if (headers['content-type'] === '') delete headers['content-type'];
    payload = ndjson ? ndjsonBody() : rawBody();
  }
  return { method, url, headers, payload };
}

let app: FastifyInstance;
let kb: KnowledgeBase;
const cat = { ingredients: [{ name: 'イベルメクチン' }], dosageForm: '外用剤', applicationSite: '外皮', species: ['猫'] };

beforeAll(async () => {
  kb = await openKnowledgeBase();
  app = await buildApp({ kb, ui: true });
  await app.ready();
});
afterAll(async () => app?.close());

function check(req: Req, res: { statusCode: number; body: string; headers: Record<string, unknown> }) {
  const where = `seed ${SEED}: ${req.method} ${req.url.slice(0, 200)} ${req.headers['content-type'] ?? ''} ${String(req.payload ?? '').slice(0, 120)}`;
  expect(res.statusCode, where).toBeLessThan(500);
  const type = String(res.headers['content-type'] ?? '');
  if (!/text\/(html|javascript|css)|image\/svg/.test(type)) expect(res.body, where).not.toMatch(/\n\s+at |node_modules\/|\/work\/|\.ts:\d+:\d+/);
  if (req.method === 'HEAD' || res.statusCode === 204) return;
  if (type.startsWith('application/x-ndjson')) {
    for (const line of res.body.split('\n').filter(Boolean)) expect(() => JSON.parse(line), where).not.toThrow();
  } else if (type.startsWith('application/json')) {
    const body = JSON.parse(res.body);
    if (res.statusCode >= 400) expect(typeof body.error?.code, where).toBe('string');
    else expect(typeof body.rulesetVersion === 'string' || 'openapi' in body, where).toBe(true);
  } else expect(res.statusCode === 200 && /text\/(html|javascript|css)|image\/svg/.test(type), `${where} → ${type}`).toBe(true);
}

describe('fuzz', () => {
  it(`${N} generated requests across every endpoint: no 5xx, JSON errors, bounded memory`, async () => {
    const routes = availableRoutes(kb);
    const before = process.memoryUsage().heapUsed;
    const statuses = new Map<number, number>();
    const perRoute = new Map<string, number>();
    for (let i = 0; i < N; i++) {
      const req = request(routes);
      const res = await app.inject(req as never);
      statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
      const path = req.url.split('?')[0].replace(/^(\/v1\/[a-z]+).*/, '$1');
      perRoute.set(path, (perRoute.get(path) ?? 0) + 1);
      check(req, res);
    }
    const grown = (process.memoryUsage().heapUsed - before) / 1024 / 1024;
    // every endpoint was hit many times, and most requests were rejected
    for (const r of routes) expect(perRoute.get(r.path.replace(/\/:[a-z]+$/i, '').replace(/^(\/v1\/[a-z]+).*/, '$1')) ?? 0, r.path).toBeGreaterThan(100);
    expect([...statuses.entries()].filter(([s]) => s >= 400).reduce((n, [, c]) => n + c, 0)).toBeGreaterThan(N / 3);
    expect(grown, `heap grew ${grown.toFixed(0)} MB`).toBeLessThan(300);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(Object.prototype)).toEqual([]);
  }, 300_000);

  it('still answers a known query correctly afterwards', async () => {
    const res = await app.inject({ method: 'POST', url: '/v1/classify?asOf=2024-04-01', payload: cat });
    expect(res.statusCode).toBe(200);
    expect(res.json().yoshiji.status).toBe('required');
    const s = await app.inject({ url: `/v1/search?q=${enc('第169条')}` });
    expect(s.json().hits[0].id).toBe('A169');
  });
});

/** one raw HTTP exchange over a socket: the status code of the response, or 0 when the server closed without one */
function raw(port: number, bytes: Buffer | string, opts: { closeAfterWrite?: boolean; timeoutMs?: number } = {}): Promise<{ status: number; text: string }> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    let text = '';
    const done = () => {
      const m = text.match(/^HTTP\/1\.1 (\d{3})/);
      resolve({ status: m ? Number(m[1]) : 0, text });
    };
    s.on('data', (d) => (text += d.toString('latin1')));
    s.on('end', done);
    s.on('error', done);
    s.on('close', done);
    s.setTimeout(opts.timeoutMs ?? 5000, () => s.destroy());
    s.write(bytes, () => {
      if (opts.closeAfterWrite) s.end();
    });
  });
}

describe('fuzz over a real socket', () => {
  let server: FastifyInstance;
  let port: number;
  beforeAll(async () => {
    server = await buildApp({ kb });
    await server.listen({ host: '127.0.0.1', port: 0 });
    port = (server.server.address() as { port: number }).port;
  });
  afterAll(async () => server?.close());

  it('raw bytes, aborted bodies, bad headers, concurrency: no 5xx, the server stays up', async () => {
    const body = JSON.stringify(cat);
    const cases: [Buffer | string, { closeAfterWrite?: boolean }?][] = [
      [Buffer.concat([Buffer.from('POST /v1/classify HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 12\r\nConnection: close\r\n\r\n'), Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d, 0x20, 0x20, 0x20, 0x20])])],
      [`POST /v1/classify HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n${body}`, { closeAfterWrite: true }], // body shorter than announced, then closed
      [`POST /v1/classify HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5\r\nConnection: close\r\n\r\n${body}`], // longer than announced
      ['GET /v1/health HTTP/1.1\r\nHost: x\r\nX-Bad: a\u0000b\r\nConnection: close\r\n\r\n'],
      [`GET /v1/health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\nConnection: close\r\n\r\n`],
      ['GARBAGE\r\n\r\n'],
      ['GET /v1/health HTTP/9.9\r\nHost: x\r\n\r\n'],
      [`POST /v1/classify/batch HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-ndjson\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n${(body.length + 1).toString(16)}\r\n${body}\n\r\n5\r\n{bad\n\r\n0\r\n\r\n`],
      [`POST /v1/classify/batch HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-ndjson\r\nTransfer-Encoding: chunked\r\n\r\n10000\r\n${'q'.repeat(65536)}`, { closeAfterWrite: true }], // a huge line, aborted
      [`POST /v1/classify HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 99999999999\r\nConnection: close\r\n\r\n{}`],
      ['GET /v1/articles/%E7%AC%AC169%E6%9D%A1%ZZ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'],
      ['GET /ui/..%2F..%2Fpackage.json HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'],
      ['GET /../../package.json HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'],
    ];
    for (const [bytes, opts] of cases) {
      const r = await raw(port, bytes, opts);
      expect(r.status === 0 || r.status < 500, `${String(bytes).slice(0, 80)} → ${r.text.slice(0, 200)}`).toBe(true);
      expect(r.text).not.toMatch(/\n\s+at |node_modules\/|"name":"[a-z-]+"\s*,\s*"version"/);
    }
    // concurrent requests, mixed
    const base = `http://127.0.0.1:${port}`;
    const routes = availableRoutes(kb);
    const results = await Promise.all(
      Array.from({ length: 200 }, async () => {
        const req = request(routes);
        try {
          const res = await fetch(base + req.url, { method: req.method, headers: req.headers, body: req.method === 'GET' || req.method === 'HEAD' ? undefined : req.payload });
          await res.arrayBuffer();
          return res.status;
        } catch {
          return 0; // a URL fetch itself refuses
        }
      }),
    );
    expect(results.filter((s) => s >= 500)).toEqual([]);
    const ok = await fetch(`${base}/v1/classify?asOf=2024-04-01`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { yoshiji: { status: string } }).yoshiji.status).toBe('required');
  }, 120_000);
});

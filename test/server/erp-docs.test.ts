/**
 * docs/erp.md's examples run: each ```ts block is written to a temporary module (the package's own
 * name mapped to its source), run with tsx against a fresh server (DOYAKU_URL), and must exit 0 —
 * their `assert`s are the documentation's claims. Also: docs/http.md names every endpoint.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.js';
import { availableRoutes } from '../../src/server/routes.js';
import { openKnowledgeBase } from '../../src/kb.js';
import { packageRoot } from '../../src/paths.js';

const erp = readFileSync(join(packageRoot, 'docs', 'erp.md'), 'utf8');
const blocks = [...erp.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);
let app: FastifyInstance;
let url: string;
let dir: string;

beforeAll(async () => {
  app = await buildApp({ kb: await openKnowledgeBase(), ui: false });
  url = await app.listen({ host: '127.0.0.1', port: 0 });
  dir = mkdtempSync(join(packageRoot, 'test', 'server', '.erp-'));
});
afterAll(async () => {
  await app?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('docs/erp.md examples', () => {
  it('has examples over HTTP and as a library', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(5);
    expect(blocks.some((b) => b.includes("from 'doyaku'"))).toBe(true);
    expect(blocks.some((b) => b.includes('fetch('))).toBe(true);
  });

  blocks.forEach((code, i) => {
    it(`example ${i + 1} runs`, async () => {
      const src = code
        .replace(/from 'doyaku'/g, `from '${pathToFileURL(join(packageRoot, 'src', 'index.ts')).href}'`)
        .replace(/from 'doyaku\/server'/g, `from '${pathToFileURL(join(packageRoot, 'src', 'server', 'index.ts')).href}'`);
      const file = join(dir, `example-${i + 1}.mts`);
      writeFileSync(file, src);
      // asynchronously: the server answering the example runs in this process
      const r = await new Promise<{ status: number | null; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', file], { cwd: packageRoot, env: { ...process.env, DOYAKU_URL: url }, stdio: ['ignore', 'ignore', 'pipe'] });
        let stderr = '';
        child.stderr.on('data', (d) => (stderr += d));
        const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
        child.on('exit', (status) => {
          clearTimeout(timer);
          resolve({ status, stderr });
        });
      });
      expect(r.status, `${r.stderr}\n${code}`).toBe(0);
    }, 90_000);
  });
});

describe('docs/http.md', () => {
  it('names every endpoint of the route table', async () => {
    const http = readFileSync(join(packageRoot, 'docs', 'http.md'), 'utf8');
    for (const r of availableRoutes(await openKnowledgeBase())) expect(http, r.path).toContain(`${r.method} ${r.path}`);
  });
});

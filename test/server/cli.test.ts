/**
 * `doyaku serve` (npm start) as a real process: two cluster workers on 127.0.0.1, a free port,
 * the API and the UI answering; and `doyaku coverage` / the coverage report itself.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { packageRoot } from '../../src/paths.js';
import { openKnowledgeBase } from '../../src/kb.js';
import { lawCoverage, loadOutOfScope } from '../../src/coverage/coverage.js';

let child: ChildProcess | undefined;
afterAll(() => {
  if (child && child.exitCode === null) child.kill('SIGTERM');
});

describe('doyaku serve', () => {
  it('serves API + UI with 2 workers on 127.0.0.1 and stops on SIGTERM', async () => {
    child = spawn(process.execPath, ['--import', 'tsx', join(packageRoot, 'src', 'cli', 'main.ts'), 'serve', '--port', '0', '--workers', '2'], { cwd: packageRoot, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PORT: '' } });
    let err = '';
    child.stderr!.on('data', (d) => (err += d));
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child!.stdout!.on('data', (d) => {
        out += d;
        const m = out.match(/\((http:\/\/127\.0\.0\.1:\d+)\/v1/);
        if (m) resolve(m[1]);
      });
      child!.on('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
    });
    const pids = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const h = await fetch(`${url}/v1/health`, { headers: { connection: 'close' } });
      expect(h.status).toBe(200);
      pids.add(String(h.headers.get('x-doyaku-worker')));
    }
    const c = await fetch(`${url}/v1/classify?asOf=2024-04-01`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ingredients: [{ name: 'イベルメクチン' }], dosageForm: '外用剤', applicationSite: '外皮', species: ['猫'] }) });
    expect(((await c.json()) as { yoshiji: { status: string } }).yoshiji.status).toBe('required');
    const ui = await fetch(`${url}/`);
    expect(await ui.text()).toContain('動薬');
    expect([...pids].every((w) => /^[12]$/.test(w))).toBe(true); // cluster worker ids
    // a worker that dies is replaced; the service keeps answering
    const { readFileSync } = await import('node:fs');
    const workers = () => readFileSync(`/proc/${child!.pid}/task/${child!.pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
    if (process.platform === 'linux') {
      const before = workers();
      expect(before.length).toBe(2);
      process.kill(before[0], 'SIGKILL');
      for (let i = 0; i < 100 && !(workers().length === 2 && !workers().includes(before[0])); i++) await new Promise((r) => setTimeout(r, 200));
      expect(workers()).not.toContain(before[0]);
      expect(workers().length).toBe(2);
      expect(err).toMatch(/exited \(SIGKILL\); starting another/);
    }
    for (let i = 0; i < 5; i++) expect((await fetch(`${url}/v1/health`)).status).toBe(200);
    const exited = new Promise<number | null>((r) => child!.on('exit', (code) => r(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 120_000);

  it('rejects bad options with exit 2', async () => {
    expect((await runCli(['serve', '--port', 'x'])).code).toBe(2);
    expect((await runCli(['serve', '--workers', '0'])).code).toBe(2);
    expect((await runCli(['serve', '--bogus'])).code).toBe(2);
  });
});

describe('law coverage', () => {
  it('every article, paragraph and 別表 entry has one status; totals add up per chapter', async () => {
    const kb = await openKnowledgeBase();
    const r = lawCoverage(kb.corpus, kb.ruleset.allRules());
    const ids = new Set(r.units.map((u) => u.id));
    expect(ids.size).toBe(r.units.length);
    for (const n of kb.corpus.nodes.values()) if (n.kind === 'Paragraph') expect(ids.has(n.id), n.id).toBe(true);
    for (const n of kb.corpus.nodes.values()) if (n.kind === 'AppdxTableEntry' && !n.children.some((c) => kb.corpus.nodes.get(c)?.kind === 'AppdxTableEntry')) expect(ids.has(n.id), n.id).toBe(true);
    const sum = r.chapters.reduce((a, c) => a + c.totals.units, 0);
    expect(sum).toBe(r.totals.units);
    expect(r.totals.rules + r.totals.text + r.totals.outOfScope).toBe(r.totals.units);
    const rules = new Set(kb.ruleset.allRules().map((x) => x.id));
    for (const u of r.units) {
      if (u.status === 'rules') for (const id of u.rules!) expect(rules.has(id), id).toBe(true);
      if (u.status === 'out-of-scope') expect(u.reason).toBeTruthy();
    }
    expect(r.units.find((u) => u.id === 'T3-E7')!.rules).toContain('yoshiji.T3-E7');
    // deleted articles are out of scope, with the reason
    const deleted = [...kb.corpus.nodes.values()].find((n) => n.deleted && ids.has(n.id));
    if (deleted) expect(r.units.find((u) => u.id === deleted.id)!.status).toBe('out-of-scope');
    // a rule always wins over the out-of-scope list
    if (deleted) {
      const fake = lawCoverage(kb.corpus, [{ id: 'x.y', family: 'x', citations: [deleted.id] }]);
      expect(fake.units.find((u) => u.id === deleted.id)).toMatchObject({ status: 'rules', rules: ['x.y'] });
    }
    // every family with rules counts
    for (const f of new Set(kb.ruleset.allRules().map((x) => x.family))) expect(r.totals.byFamily[f], f).toBeGreaterThan(0);
  });

  it('the out-of-scope list loads and every entry has a reason', () => {
    const list = loadOutOfScope();
    expect(list.length).toBeGreaterThan(3);
    for (const e of list) expect(e.reason.length).toBeGreaterThan(10);
  });

  it('doyaku coverage prints totals per chapter; --json is the /v1/coverage report', async () => {
    const t = await runCli(['coverage']);
    expect(t.code).toBe(0);
    expect(t.out).toMatch(/第7章/);
    expect(t.out).toMatch(/total/);
    const j = await runCli(['coverage', '--json', '--chapter', 'T']);
    const r = JSON.parse(j.out);
    expect(r.units.every((u: { chapter: string }) => u.chapter === 'T')).toBe(true);
    expect(r.contentHash).toMatch(/^[0-9a-f]+$/);
    expect((await runCli(['coverage', '--chapter', 'X'])).code).toBe(2);
    const d = await runCli(['coverage', '--status', 'out-of-scope']);
    expect(d.out).toMatch(/削除/);
  });
});

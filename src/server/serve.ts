/**
 * Starting the service: one process (`listen`) or a node:cluster of worker processes sharing the
 * port (`serveCluster`, what `doyaku serve` / `npm start` run). Each worker loads the knowledge base
 * and warms it (corpus, rules, search index, coverage) before it accepts connections. The service is
 * stateless, so more machines = more instances behind any load balancer. See docs/http.md.
 */
import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';
import type { FastifyInstance } from 'fastify';
import { openKnowledgeBase, type KnowledgeBase, type OpenOptions } from '../kb.js';
import { buildApp, type AppOptions } from './app.js';
import { coverageOf } from './routes.js';

export interface ServeOptions extends AppOptions, OpenOptions {
  /** default 127.0.0.1 */
  host?: string;
  /** default $PORT or 8787; 0 = any free port */
  port?: number;
  /** worker processes (default: the number of cores); 1 = serve in this process */
  workers?: number;
  /** opens the knowledge base (in each worker; the primary never loads it) */
  openKb?: () => Promise<KnowledgeBase>;
}

/** Loads every lazily-loaded part so the first request is as fast as the next. */
export async function warm(kb: KnowledgeBase): Promise<void> {
  void kb.corpus;
  void kb.annotations;
  void kb.ruleset;
  void kb.ingredients;
  kb.search('要指示医薬品', { limit: 1 });
  coverageOf(kb);
  await kb.classify({ ingredients: [{ name: 'イベルメクチン' }], dosageForm: '外用剤', applicationSite: '外皮', species: ['猫'] }, { asOf: '2024-04-01' });
}

export function defaultPort(): number {
  const p = process.env.PORT;
  if (p === undefined || p === '') return 8787;
  const n = Number(p);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`PORT must be a port number 0–65535, got '${p}'`);
  return n;
}

/** Serves in this process; resolves once listening. */
export async function listen(options: ServeOptions = {}): Promise<{ app: FastifyInstance; url: string; kb: KnowledgeBase }> {
  const kb = options.kb ?? (options.openKb ? await options.openKb() : await openKnowledgeBase({ dataDir: options.dataDir, rulesDir: options.rulesDir }));
  await warm(kb);
  const app = await buildApp({ ...options, kb });
  const url = await app.listen({ host: options.host ?? '127.0.0.1', port: options.port ?? defaultPort() });
  return { app, url, kb };
}

/**
 * Serves with `workers` processes sharing one port (node:cluster). In the primary: forks, restarts a
 * worker that dies, stops them all on SIGINT/SIGTERM, and resolves with the URL once every worker
 * listens. In a worker: serves, and never resolves.
 */
export async function serveCluster(options: ServeOptions = {}, log: (s: string) => void = (s) => void process.stderr.write(s + '\n')): Promise<{ url: string; workers: number; stop: () => Promise<void> }> {
  const workers = Math.max(1, options.workers ?? availableParallelism());
  if (workers === 1) {
    const { app, url } = await listen(options);
    const stop = async () => void (await app.close());
    process.once('SIGINT', () => void stop());
    process.once('SIGTERM', () => void stop());
    return { url, workers, stop };
  }
  if (cluster.isWorker) {
    const { app } = await listen(options);
    process.send?.({ doyaku: 'listening', address: app.server.address() });
    process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
    process.on('SIGINT', () => undefined); // the primary decides
    return new Promise(() => undefined);
  }
  let stopping = false;
  const url = await new Promise<string>((resolve, reject) => {
    let ready = 0;
    const fork = () => {
      const w = cluster.fork({ PORT: String(options.port ?? defaultPort()) });
      w.on('message', (m: { doyaku?: string; address?: { port: number; address: string } }) => {
        if (m?.doyaku === 'listening' && m.address) {
          ready++;
          if (ready === workers) resolve(`http://${m.address.address}:${m.address.port}`);
        }
      });
    };
    const restarts: number[] = [];
    cluster.on('exit', (w, code, signal) => {
      if (stopping) return;
      if (ready < workers) return reject(new Error(`worker ${w.process.pid} exited (${signal ?? code}) before listening`));
      const now = Date.now();
      restarts.push(now);
      while (restarts.length && restarts[0] < now - 60_000) restarts.shift();
      if (restarts.length > 10) {
        // a worker that keeps dying will not be helped by another: stop, loudly
        log(`doyaku: workers died ${restarts.length} times in a minute (last: ${signal ?? code}); stopping`);
        stopping = true;
        for (const x of Object.values(cluster.workers ?? {})) x?.process.kill('SIGTERM');
        process.exitCode = 1;
        return;
      }
      log(`doyaku: worker ${w.process.pid} exited (${signal ?? code}); starting another`);
      fork();
    });
    for (let i = 0; i < workers; i++) fork();
  });
  const stop = async () => {
    stopping = true;
    const list = Object.values(cluster.workers ?? {});
    await Promise.all(
      list.map(
        (w) =>
          new Promise<void>((done) => {
            if (!w || w.isDead()) return done();
            w.once('exit', () => done());
            w.process.kill('SIGTERM');
          }),
      ),
    );
  };
  process.once('SIGINT', () => void stop().then(() => process.exit(0)));
  process.once('SIGTERM', () => void stop().then(() => process.exit(0)));
  return { url, workers, stop };
}

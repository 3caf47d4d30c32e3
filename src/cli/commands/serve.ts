/**
 * `doyaku serve` (what `npm start` runs): the HTTP API under /v1, /openapi.json and the web UI at /,
 * on 127.0.0.1:$PORT (default 8787), one worker process per core. See docs/http.md.
 */
import { UsageError, type Command } from '../command.js';

const usage = `doyaku serve [--port N] [--host ADDR] [--workers N] [--log]

  --port N      port (default $PORT or 8787; 0 = any free port)
  --host ADDR   address to listen on (default 127.0.0.1; put a reverse proxy or load balancer in front)
  --workers N   worker processes sharing the port (default: one per core; 1 = this process)
  --log         log every request (default: warnings and errors only)`;

function int(name: string, v: string | undefined, min: number, max: number): number {
  const n = Number(v);
  if (v === undefined || v === '' || !Number.isInteger(n) || n < min || n > max) throw new UsageError(`${name} needs a whole number ${min}–${max}, got '${v ?? ''}'`);
  return n;
}

export const command: Command = {
  name: 'serve',
  summary: 'serve the HTTP API (/v1, /openapi.json) and the web UI (/) on 127.0.0.1:$PORT (default 8787)',
  usage,
  async run(argv, io) {
    let port: number | undefined;
    let host = '127.0.0.1';
    let workers: number | undefined;
    let log = false;
    for (let i = 0; i < argv.length; i++) {
      const [flag, inline] = argv[i].startsWith('--') && argv[i].includes('=') ? [argv[i].slice(0, argv[i].indexOf('=')), argv[i].slice(argv[i].indexOf('=') + 1)] : [argv[i], undefined];
      const value = () => inline ?? argv[++i];
      switch (flag) {
        case '--port':
          port = int('--port', value(), 0, 65535);
          break;
        case '--host': {
          const h = value();
          if (!h) throw new UsageError('--host needs an address, e.g. 127.0.0.1');
          host = h;
          break;
        }
        case '--workers':
          workers = int('--workers', value(), 1, 64);
          break;
        case '--log':
          log = true;
          break;
        default:
          throw new UsageError(`serve: unknown option '${argv[i]}'\n\nusage: ${usage}`);
      }
    }
    // loaded here, not at the top: other commands never load Fastify
    const { defaultPort, serveCluster } = await import('../../server/serve.js');
    try {
      port ??= defaultPort();
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    const { url, workers: n } = await serveCluster({ port, host, workers, openKb: io.kb, logger: log ? { level: 'info' } : 'errors' }, (s) => io.stderr(s + '\n'));
    io.stdout(`doyaku: serving the API (${url}/v1, ${url}/openapi.json) and the UI (${url}/) with ${n} worker${n === 1 ? '' : 's'}; Ctrl-C stops\n`);
    return new Promise<number>(() => undefined); // runs until stopped
  },
};

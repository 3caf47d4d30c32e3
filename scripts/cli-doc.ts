/**
 * Writes docs/cli.md, the CLI reference, from the commands themselves (`doyaku --help` and each
 * `doyaku <command> --help`), so the reference cannot drift: test/server/cli-doc.test.ts fails
 * while docs/cli.md differs from what this prints. Run: npx tsx scripts/cli-doc.ts > docs/cli.md
 */
import { main } from '../src/cli/main.js';

async function capture(argv: string[]): Promise<string> {
  let out = '';
  await main(argv, { stdout: (s) => void (out += s), stderr: (s) => void (out += s), readStdin: async () => '' });
  return out;
}

export async function cliDoc(): Promise<string> {
  const help = await capture(['--help']);
  const names = [...help.matchAll(/^ {2}([a-z][a-z-]*) +\S/gm)].map((m) => m[1]);
  const out: string[] = [
    '# CLI reference (`doyaku`)',
    '',
    'Generated from the commands\' own `--help` by `npx tsx scripts/cli-doc.ts > docs/cli.md` (a test fails while this',
    'page differs). Install: `npm ci` (builds `dist/`); run as `npx doyaku …`, `node dist/cli/main.js …`, or',
    '`npx tsx src/cli/main.ts …` from a checkout. Exit codes: 0 answered; 1 a negative or failed result (e.g. an NDJSON',
    'line failed, an ingredient not recognised); 2 usage or input error. `npm start` runs `doyaku serve`.',
    '',
    '```text',
    help.trimEnd(),
    '```',
  ];
  for (const name of names) {
    const text = (await capture([name, '--help'])).trimEnd();
    const [summary, ...rest] = text.split('\n');
    out.push('', `## doyaku ${name}`, '', summary, '', '```text', rest.join('\n').replace(/^\n+/, ''), '```');
  }
  return out.join('\n') + '\n';
}

if (process.argv[1]?.endsWith('cli-doc.ts')) process.stdout.write(await cliDoc());

#!/usr/bin/env node
/** The `doyaku` command line: `doyaku <command> [options]`. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openKnowledgeBase, type KnowledgeBase } from '../kb.js';
import { packageRoot } from '../paths.js';
import { UsageError, type CliIO, type Command } from './command.js';
import { command as article } from './commands/article.js';
import { command as check } from './commands/check.js';
import { command as classify } from './commands/classify.js';
import { command as diff } from './commands/diff.js';
import { command as ingredient } from './commands/ingredient.js';
import { command as retention } from './commands/retention.js';
import { command as search } from './commands/search.js';
import { command as validate } from './commands/validate.js';
import { command as serve } from './commands/serve.js';
import { command as coverage } from './commands/coverage.js';
import { command as report } from './commands/report.js';
import { command as license } from './commands/license.js';
import { command as transaction } from './commands/transaction.js';
import { command as label } from './commands/label.js';

const commands: Command[] = [check, article, classify, ingredient, search, validate, diff, serve, coverage, report, retention, license, transaction, label];

function help(): string {
  const pkg = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version: string };
  const lines = [
    `doyaku ${pkg.version} — 動物用医薬品等取締規則 (平成16年農林水産省令第107号) as rules and an annotated corpus`,
    '',
    'usage: doyaku <command> [options]    (doyaku <command> --help for its options)',
    '',
    ...commands.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`),
    '',
    'global options: --data-dir DIR, --rules-dir DIR (default: the embedded data/ and rules/)',
  ];
  return lines.join('\n') + '\n';
}

/** Takes the global options out of argv. */
function globalOptions(argv: string[]): { rest: string[]; dataDir?: string; rulesDir?: string } {
  const rest: string[] = [];
  let dataDir: string | undefined;
  let rulesDir: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--data-dir' || a === '--rules-dir') {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${a} needs a directory`);
      if (a === '--data-dir') dataDir = v;
      else rulesDir = v;
    } else if (a.startsWith('--data-dir=')) dataDir = a.slice(11);
    else if (a.startsWith('--rules-dir=')) rulesDir = a.slice(12);
    else rest.push(a);
  }
  return { rest, dataDir, rulesDir };
}

export async function main(argv: string[], io?: Partial<CliIO>): Promise<number> {
  const stdout = io?.stdout ?? ((s: string) => void process.stdout.write(s));
  const stderr = io?.stderr ?? ((s: string) => void process.stderr.write(s));
  try {
    const { rest, dataDir, rulesDir } = globalOptions(argv);
    const [name, ...args] = rest;
    if (!name || name === '--help' || name === '-h' || name === 'help') {
      stdout(help());
      return name ? 0 : 2;
    }
    const cmd = commands.find((c) => c.name === name);
    if (!cmd) {
      stderr(`doyaku: unknown command '${name}'\n\n${help()}`);
      return 2;
    }
    if (args.includes('--help') || args.includes('-h')) {
      stdout(`${cmd.summary}\n\nusage: ${cmd.usage}\n`);
      return 0;
    }
    let kb: KnowledgeBase | undefined;
    const full: CliIO = {
      stdout,
      stderr,
      readStdin: io?.readStdin ?? readStdin,
      kb: io?.kb ?? (async () => (kb ??= await openKnowledgeBase({ dataDir, rulesDir }))),
      stdinStream: io ? io.stdinStream : () => process.stdin,
      stdoutStream: io ? io.stdoutStream : process.stdout,
      stderrIsTTY: io ? io.stderrIsTTY : process.stderr.isTTY === true,
    };
    return await cmd.run(args, full);
  } catch (err) {
    if (err instanceof UsageError) {
      stderr(`doyaku: ${err.message}\n`);
      return 2;
    }
    const e = err as Error;
    stderr(`doyaku: ${e.name === 'Error' ? '' : `${e.name}: `}${e.message}\n`);
    return 2;
  }
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) return '';
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

// Run when executed directly (not when imported by tests).
const invoked = process.argv[1] ?? '';
if (/(?:^|[\\/])(?:main\.[jt]s|doyaku)$/.test(invoked)) {
  // A reader that stops early (`doyaku classify --ndjson … | head -1`) closes stdout: end quietly, as
  // Unix filters do, instead of an unhandled EPIPE stack trace.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}

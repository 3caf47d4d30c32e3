/** What every `doyaku <command>` module exports. */
import type { KnowledgeBase } from '../kb.js';

export interface CliIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** reads all of standard input (for commands that accept JSON/NDJSON on stdin) */
  readStdin: () => Promise<string>;
  /** opens the knowledge base (honouring --data-dir / --rules-dir) */
  kb: () => Promise<KnowledgeBase>;
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  /** returns the process exit code: 0 ok, 1 a negative/invalid result, 2 usage or input error */
  run(argv: string[], io: CliIO): Promise<number>;
}

/** An error whose message is meant for the user as it is (no stack trace). */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** What every `doyaku <command>` module exports. */
import type { KnowledgeBase } from '../kb.js';

export interface CliIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** reads all of standard input (for commands that accept JSON/NDJSON on stdin) */
  readStdin: () => Promise<string>;
  /** opens the knowledge base (honouring --data-dir / --rules-dir) */
  kb: () => Promise<KnowledgeBase>;
  /** standard input as a stream, for commands that read NDJSON line by line (absent when stdin is given as a string, e.g. in tests) */
  stdinStream?: () => AsyncIterable<string | Uint8Array>;
  /** standard output as a stream with backpressure (absent when stdout is captured) */
  stdoutStream?: NodeJS.WritableStream;
  /** standard error is a terminal (progress bars) */
  stderrIsTTY?: boolean;
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

/** Runs `doyaku …` in-process through the CLI dispatcher, capturing what it prints. */
import { main } from '../../src/cli/main.js';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** @param stdin what the command reads as standard input (products, NDJSON) */
export async function runCli(argv: string[], stdin = ''): Promise<CliRun> {
  let out = '';
  let err = '';
  const code = await main(argv, { stdout: (s) => void (out += s), stderr: (s) => void (err += s), readStdin: async () => stdin });
  return { code, out, err };
}

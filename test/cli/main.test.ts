import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';

function capture() {
  let out = '';
  let err = '';
  return {
    io: { stdout: (s: string) => void (out += s), stderr: (s: string) => void (err += s) },
    get out() { return out; },
    get err() { return err; },
  };
}

describe('doyaku (dispatcher)', () => {
  it('lists every command with a summary when called without one (exit 2)', async () => {
    const c = capture();
    expect(await main([], c.io)).toBe(2);
    for (const name of ['check', 'article', 'classify', 'ingredient', 'search', 'validate', 'diff']) {
      expect(c.out).toMatch(new RegExp(`^  ${name} `, 'm'));
    }
  });

  it('--help exits 0', async () => {
    const c = capture();
    expect(await main(['--help'], c.io)).toBe(0);
    expect(c.out).toContain('usage: doyaku <command>');
  });

  it('rejects an unknown command, naming it', async () => {
    const c = capture();
    expect(await main(['frobnicate'], c.io)).toBe(2);
    expect(c.err).toContain("unknown command 'frobnicate'");
  });

  it('a global option without its value is a usage error', async () => {
    const c = capture();
    expect(await main(['check', '--data-dir'], c.io)).toBe(2);
    expect(c.err).toContain('--data-dir needs a directory');
  });

  it('prints per-command usage with --help', async () => {
    const c = capture();
    expect(await main(['article', '--help'], c.io)).toBe(0);
    expect(c.out).toContain('usage: doyaku article');
  });
});

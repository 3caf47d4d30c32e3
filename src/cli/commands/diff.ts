import type { Command } from '../command.js';

export const command: Command = {
  name: 'diff',
  summary: '(not yet implemented)',
  usage: 'doyaku diff',
  async run(_argv, io) {
    io.stderr('doyaku diff: not implemented yet\n');
    return 2;
  },
};

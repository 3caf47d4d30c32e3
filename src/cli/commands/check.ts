import type { Command } from '../command.js';

export const command: Command = {
  name: 'check',
  summary: '(not yet implemented)',
  usage: 'doyaku check',
  async run(_argv, io) {
    io.stderr('doyaku check: not implemented yet\n');
    return 2;
  },
};

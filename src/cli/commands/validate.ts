import type { Command } from '../command.js';

export const command: Command = {
  name: 'validate',
  summary: '(not yet implemented)',
  usage: 'doyaku validate',
  async run(_argv, io) {
    io.stderr('doyaku validate: not implemented yet\n');
    return 2;
  },
};

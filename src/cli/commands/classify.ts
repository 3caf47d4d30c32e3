import type { Command } from '../command.js';

export const command: Command = {
  name: 'classify',
  summary: '(not yet implemented)',
  usage: 'doyaku classify',
  async run(_argv, io) {
    io.stderr('doyaku classify: not implemented yet\n');
    return 2;
  },
};

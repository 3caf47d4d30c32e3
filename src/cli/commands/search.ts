import type { Command } from '../command.js';

export const command: Command = {
  name: 'search',
  summary: '(not yet implemented)',
  usage: 'doyaku search',
  async run(_argv, io) {
    io.stderr('doyaku search: not implemented yet\n');
    return 2;
  },
};

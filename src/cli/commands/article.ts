import type { Command } from '../command.js';

export const command: Command = {
  name: 'article',
  summary: '(not yet implemented)',
  usage: 'doyaku article',
  async run(_argv, io) {
    io.stderr('doyaku article: not implemented yet\n');
    return 2;
  },
};

/** Where the embedded data lives: the package root is one level above src/ (or dist/). */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
export const defaultDataDir = join(packageRoot, 'data');
export const defaultRulesDir = join(packageRoot, 'rules');

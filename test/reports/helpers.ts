import { openKnowledgeBase, type KnowledgeBase } from '../../src/kb.js';

let kb: KnowledgeBase | undefined;
/** The real knowledge base (DOYAKU_TEST_RULES_DIR: another rules directory, e.g. while other families are being edited). */
export async function reportsKb(): Promise<KnowledgeBase> {
  return (kb ??= await openKnowledgeBase(process.env.DOYAKU_TEST_RULES_DIR ? { rulesDir: process.env.DOYAKU_TEST_RULES_DIR } : {}));
}

/** The global CLI options that point at the same rules. */
export const rulesArgs = (): string[] => (process.env.DOYAKU_TEST_RULES_DIR ? ['--rules-dir', process.env.DOYAKU_TEST_RULES_DIR] : []);

/** The knowledge base the retention tests use: the embedded one, or DOYAKU_TEST_RULES_DIR (a rules dir of one's own while others' rule files are mid-edit). */
import { openKnowledgeBase, type KnowledgeBase } from '../../src/kb.js';

let kb: Promise<KnowledgeBase> | undefined;
export function retentionKb(): Promise<KnowledgeBase> {
  return (kb ??= openKnowledgeBase(process.env.DOYAKU_TEST_RULES_DIR ? { rulesDir: process.env.DOYAKU_TEST_RULES_DIR } : {}));
}

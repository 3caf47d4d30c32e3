/**
 * doyaku (動薬): rules engine and annotated knowledge base for 動物用医薬品等取締規則
 * (平成16年農林水産省令第107号).
 *
 * ```ts
 * import { openKnowledgeBase } from 'doyaku';
 * const kb = await openKnowledgeBase();
 * kb.article('第169条');
 * await kb.classify({ ingredients: [{ name: 'イベルメクチン' }], dosageForm: '外用剤', applicationSite: '外皮', species: ['猫'] });
 * kb.search('要指示医薬品の帳簿');
 * ```
 * @packageDocumentation
 */
export { KnowledgeBase, openKnowledgeBase, type OpenOptions } from './kb.js';

// the corpus (data/ordinance) and its annotations (data/annotations)
export type * from './corpus/model.js';
export type * from './annotations/model.js';
export type { AnnotationIndex } from './annotations/load.js';
export type { ArticleView } from './corpus/view.js';
export { RefNotFoundError } from './corpus/resolve.js';

// ingredients (data/ingredients)
export type * from './ingredients/types.js';

// rules and classification (rules/)
export type {
  CitationView,
  ConditionResult,
  Classification,
  ClassifyOptions,
  FamilyAnswer,
  Product,
  Reason,
  RuleMatch,
  ClassificationSummary,
  EngineName,
  Explain,
  FamilySummary,
  SyncClassifyOptions,
} from './classify/classify.js';
export { classifySync } from './classify/classify.js';
export { Ruleset, AsOfError, type CompiledRule, type RulesIndex, type FamilyIndex } from './rules/ruleset.js';
export type { Rule, Family, Role, Exception, RuleProblem, Effective, Outcome } from './rules/model.js';
export { RulesLoadError, type LoadedRules } from './rules/load.js';

// search (data/search)
export type { Searcher, SearchOptions, SearchResults, SearchHit, SearchKind } from './search/searcher.js';
export { checkSearchRequest, MAX_QUERY_LENGTH, type SearchAnswer, type SearchAnswerOptions } from './search/answer.js';
export type { DocKind } from './search/documents.js';
export type { SearchManifest } from './search/build.js';
export type { Snippet } from './search/snippet.js';

// law coverage and the HTTP service (src/coverage, src/server; docs/http.md, docs/erp.md)
export { lawCoverage, formatCoverage, type CoverageReport, type CoverageUnit, type CoverageStatus, type CoverageTotals } from './coverage/coverage.js';
// the HTTP service itself is the subpath 'doyaku/server' (src/server/index.ts), so importing the library never loads Fastify

// safety reports of chapter 8 (rules/reports; docs/reports.md)
export type * from './reports/model.js';
export { checkReportRequest, deadlineText } from './reports/deadline.js';

// record retention (rules/retention; docs/retention.md)
export type * from './retention/model.js';
export { RetentionError, formatRetention, formatObligations, describeKeep } from './retention/index.js';

// labels (rules/labeling): label requirements, exemptions, substitutions, 使用の期限
export type {
  CarriedItem,
  ExpiryAnswer,
  InsertChange,
  ItemStatus,
  LabelCheck,
  LabelClassification,
  LabelContainer,
  LabelFinding,
  LabelPackage,
  LabelProduct,
  LabelProductType,
  LabelRequest,
  LabelRequirements,
  LabelSpec,
  Omission,
  RequiredItem,
  Rewording,
  Substitution,
} from './labels/model.js';

// licenses and transactions (rules/licenses, rules/transactions) and the streaming NDJSON processor
export type * from './licenses/model.js';
export { LicenseNotFoundError } from './licenses/licenses.js';
export type { RecordDeadline, RecordPeriodSpec, RetentionPort } from './licenses/records.js';
export type * from './transactions/model.js';
export type { BulkResult, BulkOptions, NdjsonCheckSummary } from './transactions/stream.js';
export type { TransactionSummary, SummaryFinding, SummaryRecord } from './transactions/summary.js';
export { validateTransaction } from './transactions/check.js';
export { processNdjson, runNdjson, lines as ndjsonLines, streamSink, errorOf as ndjsonErrorOf, type NdjsonRecord, type NdjsonSummary, type NdjsonOptions, type NdjsonError, type RunOptions as NdjsonRunOptions, type Sink as NdjsonSink, type Chunk as NdjsonChunk } from './io/ndjson.js';

/**
 * The knowledge base: the ordinance corpus, its annotations, the rules and the search index,
 * behind one object. Parts load lazily, on first use, so a process that only classifies never
 * pays for the search index.
 */
import { loadAnnotations, type AnnotationIndex } from './annotations/load.js';
import type { Corpus } from './corpus/model.js';
import { loadCorpus } from './corpus/load.js';
import { articleView, type ArticleView } from './corpus/view.js';
import { loadIngredientDictionary } from './ingredients/dictionary.js';
import type { IngredientDictionary } from './ingredients/types.js';
import { defaultDataDir, defaultRulesDir } from './paths.js';
import { classify, type ClassifyOptions, type Classification, type Product } from './classify/classify.js';
import { classifySync, type ClassificationSummary, type SyncClassifyOptions } from './classify/classify.js';
import { loadRuleset, type Ruleset } from './rules/ruleset.js';
import { checkLabel, expiryRequirement, labelRequirements } from './labels/check.js';
import type { ExpiryAnswer, LabelCheck, LabelContainer, LabelProduct, LabelRequest, LabelRequirements } from './labels/model.js';
import { lawCoverage, type CoverageReport } from './coverage/coverage.js';
import { reportDeadline, reportObligations } from './reports/deadline.js';
import type { ReportDeadlineAnswer, ReportObligationsAnswer, ReportRequest } from './reports/model.js';
import { retention, retentionObligations, type ObligationsAnswer, type ObligationsRequest, type RetentionAnswer, type RetentionRequest } from './retention/index.js';
import { license as licenseOf, licenses as licenseList, type LicenseContext } from './licenses/licenses.js';
import type { LicenseAnswer, LicenseListAnswer, LicenseOptions } from './licenses/model.js';
import { retentionPort } from './licenses/records.js';
import { checkTransaction, type TransactionContext } from './transactions/check.js';
import type { Transaction, TransactionAnswer, TransactionOptions } from './transactions/model.js';
import type { TransactionSummary } from './transactions/summary.js';
import { checkTransactions, checkTransactionsNdjson, type BulkOptions, type BulkResult, type NdjsonCheckSummary } from './transactions/stream.js';
import type { Chunk, RunOptions, Sink } from './io/ndjson.js';
import { loadSearcher, type Searcher, type SearchOptions, type SearchResults } from './search/searcher.js';
import { searchAnswer, type SearchAnswer, type SearchAnswerOptions } from './search/answer.js';

export interface OpenOptions {
  /** directory holding ordinance/, annotations/, ingredients/, search/ (default: the embedded data/) */
  dataDir?: string;
  /** directory holding the YAML rules and manifest.yaml (default: the embedded rules/) */
  rulesDir?: string;
}

export class KnowledgeBase {
  readonly dataDir: string;
  readonly rulesDir: string;
  #corpus?: Corpus;
  #annotations?: AnnotationIndex;
  #ingredients?: IngredientDictionary;
  #ruleset?: Ruleset;
  #searcher?: Searcher;

  constructor(options: OpenOptions = {}) {
    this.dataDir = options.dataDir ?? defaultDataDir;
    this.rulesDir = options.rulesDir ?? defaultRulesDir;
  }

  /** The ordinance as structured nodes (data/ordinance/). */
  get corpus(): Corpus {
    return (this.#corpus ??= loadCorpus(this.dataDir));
  }

  /** MAFF guidance paragraphs linked to the nodes they interpret (data/annotations/). */
  get annotations(): AnnotationIndex {
    return (this.#annotations ??= loadAnnotations(this.dataDir, this.corpus));
  }

  /** Ingredient names, aliases, salts and class membership (data/ingredients/). */
  get ingredients(): IngredientDictionary {
    return (this.#ingredients ??= loadIngredientDictionary(this.dataDir));
  }

  /** The versioned YAML rules, validated and with every citation checked against the corpus. */
  get ruleset(): Ruleset {
    return (this.#ruleset ??= loadRuleset(this.rulesDir, { corpus: this.corpus }));
  }

  get searcher(): Searcher {
    return (this.#searcher ??= loadSearcher(this.dataDir, { corpus: this.corpus, annotations: this.annotations }));
  }

  /**
   * A provision by reference: `第169条`, `169条`, `169`, `第百六十九条`, `第91条の3第2項`, `別表第3`,
   * `別表第3第7号`, `様式第82号`, or a node id (`A169`). Throws {@link RefNotFoundError} with the
   * nearest existing ids when it does not exist.
   */
  article(ref: string): ArticleView {
    return articleView(this.corpus, this.annotations, ref);
  }

  /** Is this product 要指示 / 毒薬・劇薬 / 指定医薬品? Every answer explains itself. */
  classify(product: Product, options: ClassifyOptions = {}): Promise<Classification> {
    return classify(this.ruleset, this.ingredients, this.corpus, product, options);
  }

  /** classify, synchronously, for bulk callers: the compiled engine; `explain: 'summary'` for the lighter answer, `cache: true` for the product-level answer cache (docs/classify.md § Bulk). */
  classifySync(product: Product, options: SyncClassifyOptions & { explain: 'summary' }): ClassificationSummary;
  classifySync(product: Product, options?: SyncClassifyOptions & { explain?: 'full' }): Classification;
  classifySync(product: Product, options?: SyncClassifyOptions): Classification | ClassificationSummary;
  classifySync(product: Product, options: SyncClassifyOptions = {}): Classification | ClassificationSummary {
    return classifySync(this.ruleset, this.ingredients, this.corpus, product, options);
  }

  /** Law coverage: every article, paragraph and 別表 entry — encoded as rules (which), only text, or out of scope (why); totals per chapter. */
  coverage(): CoverageReport {
    return lawCoverage(this.corpus, this.ruleset.allRules());
  }

  /**
   * Safety-report deadline (chapter 8: 副作用等・感染症・研究報告, 回収, 感染症定期報告 …): which report kind an event
   * falls under, and its due date with the Civil Code steps, wording and citations; `unknown` with the candidates
   * and `needs` where the facts do not settle it. Invalid input throws {@link InputError}. See docs/reports.md.
   */
  reportDeadline(request: ReportRequest): ReportDeadlineAnswer {
    return reportDeadline({ ruleset: this.ruleset, corpus: this.corpus, annotations: this.annotations }, request);
  }

  /** The safety-report kinds naming a holder (製造販売業者, 外国特例承認取得者, 治験依頼者 …), each with its deadline. */
  reportObligations(query: { holder?: string; asOf?: string } = {}): ReportObligationsAnswer {
    return reportObligations({ ruleset: this.ruleset, corpus: this.corpus }, query);
  }

  /**
   * Checks a label: what the 直接の容器・被包 (`immediate`), 外部の容器・被包 (`outer`) or 添付文書等
   * (`insert`) of a product must carry, which items it may leave off and what it may write instead,
   * against what it carries (docs/labels.md).
   */
  checkLabel(request: LabelRequest): Promise<LabelCheck> {
    return checkLabel(this, request);
  }

  /** What a label must carry before it is designed: required items, exemptions, substitutes (docs/labels.md). */
  labelRequirements(product: LabelProduct, container: LabelContainer, options: { asOf?: string; package?: LabelRequest['package']; insertChange?: LabelRequest['insertChange'] } = {}): Promise<LabelRequirements> {
    return labelRequirements(this, product, container, options);
  }

  /** 使用の期限 (第170条): must the product state one, and its date by the Civil Code (docs/labels.md). */
  expiryRequirement(product: LabelProduct, options: { asOf?: string; statedExpiry?: string } = {}): Promise<ExpiryAnswer> {
    return expiryRequirement(this, product, options);
  }

  /** Full-text search over the ordinance, the guidance and the rules (Japanese-aware). */
  /** Until which day must this record be kept? (record retention, docs/retention.md) */
  retention(request: RetentionRequest): RetentionAnswer {
    return retention(this.ruleset, this.corpus, request);
  }

  /** Which records must this holder (as the ordinance names them) or licence keep, and for how long — including through 準用. */
  retentionObligations(request: ObligationsRequest): ObligationsAnswer {
    return retentionObligations(this.ruleset, this.corpus, request);
  }

  #transactionContext?: TransactionContext;
  /** What the license and transaction questions read (built once). */
  get transactionContext(): TransactionContext {
    return (this.#transactionContext ??= {
      ruleset: this.ruleset,
      corpus: this.corpus,
      annotations: this.annotations,
      retentionObligations: (q) => this.retentionObligations(q),
      classify: (p, o) => this.classify(p, o),
      classifySync: (p, o) => this.classifySync(p, { ...o, explain: 'summary' }),
      retention: retentionPort(this),
    });
  }

  /** Every license, registration, certification and notification the ordinance deals with (docs/licenses.md). */
  licenses(options: LicenseOptions = {}): LicenseListAnswer {
    return licenseList(this.transactionContext as LicenseContext, options);
  }

  /** One license by id, Japanese name or alias: grantor, validity, what it allows and to whom, staffing, records (docs/licenses.md). Unknown → LicenseNotFoundError with the nearest. */
  license(idOrName: string, options: LicenseOptions = {}): LicenseAnswer {
    return licenseOf(this.transactionContext as LicenseContext, idOrName, options);
  }

  /** Checks one sale / transfer: violations, obligations (with the records and their deadlines), warnings, infos; `ok: 'unknown'` + `needs` when a fact is missing (docs/transactions.md). */
  checkTransaction(tx: Transaction | unknown, options: TransactionOptions & { explain: 'summary' }): Promise<TransactionSummary>;
  checkTransaction(tx: Transaction | unknown, options?: TransactionOptions & { explain?: 'full' }): Promise<TransactionAnswer>;
  checkTransaction(tx: Transaction | unknown, options?: TransactionOptions): Promise<TransactionAnswer | TransactionSummary>;
  checkTransaction(tx: Transaction | unknown, options: TransactionOptions = {}): Promise<TransactionAnswer | TransactionSummary> {
    return checkTransaction(this.transactionContext, tx, options);
  }

  /** Checks a stream of transactions: async iterable in, async iterable out, same order, one result (answer or error) per input. */
  checkTransactions(source: AsyncIterable<unknown> | Iterable<unknown>, options: BulkOptions = {}): AsyncGenerator<BulkResult> {
    return checkTransactions(this.transactionContext, source, options);
  }

  /** NDJSON transactions in (text chunks, e.g. a file stream), NDJSON answers out to `sink`; returns the summary. */
  checkTransactionsNdjson(input: AsyncIterable<Chunk> | Iterable<Chunk>, sink: Sink, options: BulkOptions & Pick<RunOptions<unknown>, 'progress' | 'maxLineLength'> = {}): Promise<NdjsonCheckSummary> {
    return checkTransactionsNdjson(this.transactionContext, input, sink, options);
  }

  search(query: string, options: SearchAnswerOptions = {}): SearchAnswer {
    return searchAnswer(this.searcher, () => this.ruleset, query, options);
  }
}

/** Opens the knowledge base on the embedded data (or the directories given). */
export async function openKnowledgeBase(options: OpenOptions = {}): Promise<KnowledgeBase> {
  return new KnowledgeBase(options);
}

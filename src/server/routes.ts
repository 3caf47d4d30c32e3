/**
 * The route table: one declarative entry per endpoint — method, path, the request schema (a file in
 * rules/schema/ for questions, the library's own contract; or a server schema for the read-only
 * views), the answer schema, and a handler that calls the knowledge base. The app (./app.ts)
 * validates with these schemas, adds the answer envelope, maps errors, and generates /openapi.json
 * from the same table. Adding a question to the API = adding one entry here.
 */
import type { KnowledgeBase } from '../kb.js';
import type { Product } from '../classify/model.js';
import type { CitationView } from '../rules/answer.js';
import type { SearchKind } from '../search/searcher.js';
import type { CoverageReport } from '../coverage/coverage.js';

export interface RouteContext {
  kb: KnowledgeBase;
  /** the JSON body, validated against `request` */
  body: unknown;
  /** the query string, validated against `query` */
  query: Record<string, string | undefined>;
  /** path parameters (strings, bounded in length) */
  params: Record<string, string>;
  /** asOf from the query string (checked against the ruleset) or today */
  asOf: string;
  /** true when the caller gave asOf (so it is passed on to the library) */
  asOfGiven: boolean;
}

export interface Route {
  method: 'GET' | 'POST';
  /** Fastify path, `/v1/articles/:ref` */
  path: string;
  summary: string;
  description?: string;
  tag: string;
  /** schema of the JSON body (POST); for `ndjson` routes, of each line */
  request?: string;
  /** schema of the query string (default: asof.query.schema.json, i.e. only `asOf`) */
  query?: string;
  /** path parameters: name → description (each a string of at most 200 characters) */
  params?: Record<string, string>;
  /** schema of the answer (for `ndjson` routes, of each answer line); absent file = not checked */
  answer?: string;
  /** NDJSON in (one `request` per line) and out (one answer or `{line, error}` record per line, in order) */
  ndjson?: boolean;
  /** for `ndjson` routes: answers one parsed, validated line */
  handler(ctx: RouteContext): unknown;
  /** an example body, shown in the OpenAPI document and checked by the tests */
  example?: unknown;
  /** the request carries its own `asOf` (the library's contract): a query `?asOf=` is put into a body that lacks one */
  asOfInBody?: boolean;
}

/** The kb methods of questions being added by other issues, typed loosely until they land. */
type Dyn = (...args: unknown[]) => unknown;
const dyn = (kb: KnowledgeBase, name: string): Dyn | undefined => {
  const f = (kb as unknown as Record<string, unknown>)[name];
  return typeof f === 'function' ? (f as Dyn).bind(kb) : undefined;
};

function citationViews(kb: KnowledgeBase, ids: string[]): CitationView[] {
  return ids.map((id) => {
    const n = kb.corpus.nodes.get(id);
    return { id, label: n?.label ?? id, excerpt: (n?.text ?? '').slice(0, 200) };
  });
}

function inForce(r: { effective: { from: string; to?: string } }, asOf: string): boolean {
  return r.effective.from <= asOf && (r.effective.to === undefined || asOf < r.effective.to);
}

let coverageCache: { kb: KnowledgeBase; report: CoverageReport } | undefined;
/** The coverage report of a knowledge base (computed once: the corpus and rules do not change while serving). */
export function coverageOf(kb: KnowledgeBase): CoverageReport {
  if (coverageCache?.kb !== kb) coverageCache = { kb, report: kb.coverage() };
  return coverageCache.report;
}

/** The article view with what a reader needs beside it: defined terms and the rules encoded from it. */
export function articleAnswer(kb: KnowledgeBase, ref: string, asOf: string) {
  const view = kb.article(ref);
  const ids = new Set([view.node.id, ...view.descendants.map((d) => d.id)]);
  const text = [view.node, ...view.descendants].map((n) => n.text).join('\n');
  const defined = kb.corpus.terms.filter((t) => ids.has(t.node));
  const used = kb.corpus.terms.filter((t) => !ids.has(t.node) && t.term.length > 1 && text.includes(t.term));
  // the enclosing article too: a rule citing 第163条 is encoded from its paragraphs as well
  const up: string[] = [];
  for (let p = view.node.parent ? kb.corpus.nodes.get(view.node.parent) : undefined; p && (p.kind === 'Article' || p.kind === 'Paragraph'); p = p.parent ? kb.corpus.nodes.get(p.parent) : undefined) up.push(p.id);
  const rules = kb.ruleset
    .allRules()
    .filter((r) => r.citations.some((c) => ids.has(c) || up.includes(c)))
    .map((r) => ({ id: r.id, family: r.family, title: r.title, citations: [...new Set(r.citations)], effective: r.effective, inForce: inForce(r, asOf) }));
  const units = coverageOf(kb).units.filter((u) => ids.has(u.id));
  const coverage = units.length === 0 ? undefined : units.every((u) => u.status === 'rules') ? 'rules' : units.some((u) => u.status === 'rules') ? 'partial' : units.every((u) => u.status === 'out-of-scope') ? 'out-of-scope' : 'text';
  // each reference with the node whose text it is in (offsets are into that node's text)
  const refsOut = [view.node, ...view.descendants].flatMap((n) => (kb.corpus.refsOut.get(n.id) ?? []).map((r) => ({ ...r, from: n.id })));
  return { ...view, refsOut, terms: { defined, used }, rules, ...(coverage ? { coverage } : {}) };
}

function ruleAnswer(kb: KnowledgeBase, id: string, asOf: string) {
  const summary = kb.ruleset.allRules().find((r) => r.id === id);
  if (!summary) {
    const all = kb.ruleset.allRules().map((r) => r.id);
    const near = all.filter((r) => r.startsWith(id.split('.')[0] + '.')).slice(0, 5);
    throw Object.assign(new Error(`no rule ${id}`), { name: 'NotFound', suggestions: near });
  }
  const classic = kb.ruleset.byId.get(id);
  const family = kb.ruleset.familyRule(id);
  const spec = classic ?? family?.spec;
  const source = classic ? (classic as unknown as { source?: unknown }).source : family?.source;
  return {
    rule: { ...summary, citations: [...new Set(summary.citations)], inForce: inForce(summary, asOf) },
    spec,
    ...(source ? { source } : {}),
    citations: citationViews(kb, [...new Set(summary.citations)]),
  };
}

function ingredientAnswer(kb: KnowledgeBase, name: string) {
  const r = kb.ingredients.resolve(name);
  const entries: Record<string, CitationView[]> = {};
  for (const m of r.matches) entries[m.key] = citationViews(kb, kb.ingredients.substance?.(m.key)?.entries ?? []);
  return { ...r, entries };
}

const asOfExample = '2024-04-01';
const classifyExample: Product = { ingredients: [{ name: 'イベルメクチン' }], dosageForm: '外用剤', applicationSite: '外皮', species: ['猫'] };

/** Every endpoint. Entries for questions whose kb method has not landed are left out by {@link availableRoutes}. */
export const routes: (Route & { needs?: string })[] = [
  {
    method: 'GET',
    path: '/v1/health',
    tag: 'service',
    summary: 'liveness: ok once the knowledge base is loaded',
    answer: 'health.answer.schema.json',
    handler: () => ({ status: 'ok' }),
  },
  {
    method: 'GET',
    path: '/v1/version',
    tag: 'service',
    summary: 'ruleset version, content hash, the corpus as-of (last amendment encoded)',
    answer: 'version.answer.schema.json',
    handler: ({ kb }) => ({
      package: packageVersion,
      corpus: { title: kb.corpus.manifest.title, lawNum: kb.corpus.manifest.lawNum, asOf: kb.corpus.manifest.asOf },
      encodes: kb.ruleset.encodes,
      endpoints: availableRoutes(kb).map((r) => `${r.method} ${r.path}`),
    }),
  },
  {
    method: 'POST',
    path: '/v1/classify',
    tag: 'classification',
    summary: '要指示医薬品? 毒薬・劇薬? 指定医薬品? — one product',
    description: 'The body is a product (rules/schema/product.schema.json, the library\'s own input contract). `asOf` in the query string. Unknown is not no: missing facts or unrecognised names answer `unknown` with the reason.',
    request: 'product.schema.json',
    answer: 'classification.answer.schema.json',
    example: classifyExample,
    handler: ({ kb, body, asOf, asOfGiven }) => {
      const sync = dyn(kb, 'classifySync');
      const options = asOfGiven ? { asOf } : {};
      // the synchronous compiled path with its product-level answer cache (same answers as kb.classify)
      return sync ? sync(body, { ...options, cache: true }) : kb.classify(body as Product, options);
    },
  },
  {
    method: 'POST',
    path: '/v1/classify/batch',
    tag: 'classification',
    summary: 'classify many products: NDJSON in, NDJSON out (streamed, in order)',
    description: 'Content-Type: application/x-ndjson, one product per line. Each line answers `{line, ...classification}` or `{line, error: {code, message, problems}}`; good lines are never lost to a bad one.',
    request: 'product.schema.json',
    answer: 'classification.answer.schema.json',
    ndjson: true,
    handler: ({ kb, body, asOf, asOfGiven }) => {
      const sync = dyn(kb, 'classifySync');
      const options = asOfGiven ? { asOf } : {};
      // the synchronous compiled path with its product-level answer cache (same answers as kb.classify)
      return sync ? sync(body, { ...options, cache: true }) : kb.classify(body as Product, options);
    },
  },
  {
    method: 'GET',
    path: '/v1/search',
    tag: 'corpus',
    summary: 'full-text search over the ordinance, the guidance and the rules (Japanese-aware)',
    query: 'search.query.schema.json',
    answer: 'search.answer.schema.json',
    handler: ({ kb, query }) =>
      kb.search(query.q!, {
        ...(query.kind ? { kinds: query.kind.split(',') as SearchKind[] } : {}),
        ...(query.chapter ? { chapter: Number(query.chapter) } : {}),
        ...(query.limit ? { limit: Number(query.limit) } : {}),
        ...(query.offset ? { offset: Number(query.offset) } : {}),
      }),
  },
  {
    method: 'GET',
    path: '/v1/articles/:ref',
    tag: 'corpus',
    summary: 'one provision: verbatim text, guidance (outdated points flagged), defined terms, references out and in, the rules encoded from it',
    description: '`ref` as a person cites it (第169条, 169, 第百六十九条, 別表第3第7号, 様式第82号) or a node id (A169). Unknown → 404 with the nearest ids.',
    params: { ref: 'article reference or node id' },
    answer: 'article.answer.schema.json',
    handler: ({ kb, params, asOf }) => articleAnswer(kb, params.ref, asOf),
  },
  {
    method: 'GET',
    path: '/v1/rules',
    tag: 'rules',
    summary: 'every encoded rule of every family, with citations and whether in force on asOf',
    query: 'rules.query.schema.json',
    answer: 'rules.answer.schema.json',
    handler: ({ kb, query, asOf }) => {
      const all = kb.ruleset.allRules();
      return {
        families: [...new Set(all.map((r) => r.family))],
        rules: all.filter((r) => !query.family || r.family === query.family).map((r) => ({ ...r, citations: [...new Set(r.citations)], inForce: inForce(r, asOf) })),
      };
    },
  },
  {
    method: 'GET',
    path: '/v1/rules/:id',
    tag: 'rules',
    summary: 'one rule as written, its source file and line, its citations with their text',
    params: { id: 'rule id, e.g. yoshiji.T3-E7' },
    answer: 'rule.answer.schema.json',
    handler: ({ kb, params, asOf }) => ruleAnswer(kb, params.id, asOf),
  },
  {
    method: 'GET',
    path: '/v1/ingredients/:name',
    tag: 'classification',
    summary: 'how an ingredient name resolves (aliases, salts, derivatives, classes); did-you-mean when not recognised',
    params: { name: 'ingredient name as written on the product (塩酸ケタミン, amoxicillin)' },
    answer: 'ingredient.answer.schema.json',
    handler: ({ kb, params }) => ingredientAnswer(kb, params.name),
  },
  {
    method: 'GET',
    path: '/v1/coverage',
    tag: 'corpus',
    summary: 'law coverage: every article, paragraph and 別表 entry — encoded as rules (which), only searchable text, or out of scope (why); totals per chapter',
    query: 'coverage.query.schema.json',
    answer: 'coverage.answer.schema.json',
    handler: ({ kb, query }) => {
      const r = coverageOf(kb);
      if (!query.chapter && !query.status) return r;
      return { ...r, units: r.units.filter((u) => (!query.chapter || u.chapter === query.chapter) && (!query.status || u.status === query.status)) };
    },
  },
  {
    method: 'POST',
    path: '/v1/retention',
    tag: 'retention',
    needs: 'retention',
    summary: 'until which day must this record be kept? (the provision, every Civil Code step, unknown + needs when a fact is missing)',
    request: 'retention.request.schema.json',
    answer: 'retention.answer.schema.json',
    asOfInBody: true,
    example: { article: '第104条', holder: '卸売販売業者', facts: { lastEntryDate: '2024-04-01' }, asOf: asOfExample },
    handler: ({ kb, body }) => dyn(kb, 'retention')!(body),
  },
  {
    method: 'POST',
    path: '/v1/retention/obligations',
    tag: 'retention',
    needs: 'retentionObligations',
    summary: 'which records must this business (holder or licence) keep, and for how long — including through 準用',
    request: 'retention-obligations.request.schema.json',
    answer: 'retention-obligations.answer.schema.json',
    asOfInBody: true,
    example: { license: '卸売販売業', asOf: asOfExample },
    handler: ({ kb, body }) => dyn(kb, 'retentionObligations')!(body),
  },
  {
    method: 'POST',
    path: '/v1/transactions/check',
    tag: 'transactions',
    needs: 'checkTransaction',
    summary: 'check one sale or transfer: violations, obligations (records and their deadlines), warnings; ok unknown + needs when a fact is missing',
    description: '`asOf` in the query string; default: the transaction\'s date, else today.',
    request: 'transaction.request.schema.json',
    answer: 'transaction.answer.schema.json',
    example: {
      date: asOfExample,
      seller: { license: '店舗販売業', manager: '薬剤師', handledBy: '薬剤師' },
      buyer: { kind: '飼育者' },
      product: { name: '抗生物質製剤J', classification: { yoshiji: 'not_required', poison: 'none', designated: 'designated' }, expiryDate: '2025-03-31' },
      documents: [],
    },
    handler: ({ kb, body, asOf, asOfGiven }) => dyn(kb, 'checkTransaction')!(body, asOfGiven ? { asOf } : {}),
  },
  {
    method: 'POST',
    path: '/v1/transactions/batch',
    tag: 'transactions',
    needs: 'checkTransaction',
    summary: 'check many transactions: NDJSON in, NDJSON out (streamed, in order)',
    request: 'transaction.request.schema.json',
    answer: 'transaction.answer.schema.json',
    ndjson: true,
    handler: ({ kb, body, asOf, asOfGiven }) => dyn(kb, 'checkTransaction')!(body, asOfGiven ? { asOf } : {}),
  },
  {
    method: 'GET',
    path: '/v1/licenses',
    tag: 'licenses',
    needs: 'licenses',
    summary: 'every license, registration, certification and notification the ordinance deals with',
    answer: 'licenses.answer.schema.json',
    handler: ({ kb, asOf }) => dyn(kb, 'licenses')!({ asOf }),
  },
  {
    method: 'GET',
    path: '/v1/licenses/:id',
    tag: 'licenses',
    needs: 'license',
    summary: 'one license by id, Japanese name or alias: grantor, validity, what it allows and to whom, staffing, records',
    params: { id: 'license id (licenses.oroshi), name (卸売販売業) or alias (wholesaler)' },
    answer: 'license.answer.schema.json',
    handler: ({ kb, params, asOf }) => dyn(kb, 'license')!(params.id, { asOf }),
  },
  {
    method: 'POST',
    path: '/v1/labels/check',
    tag: 'labels',
    needs: 'checkLabel',
    summary: 'check a label (直接の容器・被包, 外部の容器・被包, 添付文書): required items, what it may leave off or write instead, against what it carries',
    request: 'label.request.schema.json',
    answer: 'label.answer.schema.json',
    asOfInBody: true,
    example: {
      asOf: asOfExample,
      container: 'immediate',
      product: {
        type: '医薬品', classification: { yoshiji: 'required', poison: 'none' }, manufacturingUse: false, biologicalPreparation: true, vaccine: false, antibiotic: false, bioDerived: true,
        foreignSpecialApproval: false, usageStandard: false, pharmacopoeia: false, habitForming: false, nationalTest: false, nationalTestPassed: false, specialApproval: false, hasApprovedShelfLife: false,
      },
      package: { sizeMl: 1, printedDirectly: false, spaceInsufficient: false, outerCarriesAll: true, outerStatesIvd: false, countable: false },
      items: ['生物', '製造番号 ABC123'],
    },
    handler: ({ kb, body }) => dyn(kb, 'checkLabel')!(body),
  },
  {
    method: 'POST',
    path: '/v1/labels/requirements',
    tag: 'labels',
    needs: 'labelRequirements',
    summary: 'what a label must carry before it is designed: required items, exemptions, substitutes (the body of /v1/labels/check; items and statedExpiry are not read)',
    request: 'label.request.schema.json',
    answer: 'label-requirements.answer.schema.json',
    asOfInBody: true,
    example: { asOf: asOfExample, container: 'outer', product: { type: '医薬品', classification: { yoshiji: 'required', poison: 'none' } } },
    handler: ({ kb, body }) => {
      const b = body as { product: unknown; container: unknown; asOf?: string; package?: unknown; insertChange?: unknown };
      return dyn(kb, 'labelRequirements')!(b.product, b.container, { asOf: b.asOf, package: b.package, insertChange: b.insertChange });
    },
  },
  {
    method: 'POST',
    path: '/v1/reports/deadline',
    tag: 'reports',
    needs: 'reportDeadline',
    summary: 'does this event have to be reported to the Minister, under which provision, by whom, and by which day?',
    request: 'report.request.schema.json',
    answer: 'report.answer.schema.json',
    asOfInBody: true,
    example: {
      event: { kind: 'periodic-infection-report', productType: '再生医療等製品' },
      holder: '製造販売業者',
      facts: { approvalDate: '2023-01-31', periodNumber: 1, ministerDesignated: false, translationNeeded: false },
      asOf: asOfExample,
    },
    handler: ({ kb, body }) => dyn(kb, 'reportDeadline')!(body),
  },
  {
    method: 'GET',
    path: '/v1/reports/obligations',
    tag: 'reports',
    needs: 'reportObligations',
    summary: 'the safety-report kinds naming a holder (製造販売業者, 外国特例承認取得者 …), each with its deadline',
    query: 'reports-obligations.query.schema.json',
    answer: 'report-obligations.answer.schema.json',
    handler: ({ kb, query, asOf }) => dyn(kb, 'reportObligations')!({ ...(query.holder ? { holder: query.holder } : {}), asOf }),
  },
];

let packageVersion = '0.0.0';
/** set by the app from package.json */
export function setPackageVersion(v: string): void {
  packageVersion = v;
}

/** The routes whose kb method exists in this build. */
export function availableRoutes(kb: KnowledgeBase): Route[] {
  return routes.filter((r) => !r.needs || dyn(kb, r.needs) !== undefined);
}

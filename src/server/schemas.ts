/**
 * JSON Schemas of the HTTP endpoints that have no request/answer schema file in rules/schema/
 * (the read-only views: search, articles, rules, ingredients, version, health, coverage) and of
 * the error body. Questions with a schema file (classify: product.schema.json, …) use that file,
 * the same one the library validates with. Everything here is served in /openapi.json.
 */

type Schema = Record<string, unknown>;

const asOf: Schema = {
  type: 'string',
  pattern: '^\\d{4}-\\d{2}-\\d{2}$',
  maxLength: 10,
  description: 'the date the law is applied as of (YYYY-MM-DD); default: today',
};

/** the envelope every answer carries */
export const envelope: Schema = {
  rulesetVersion: { type: 'string', description: 'version of the encoded ruleset (rules/manifest.yaml)' },
  contentHash: { type: 'string', description: 'hash of every rule file: two answers with the same hash come from the same rules' },
  asOf: { type: 'string', description: 'the date the law was applied as of (YYYY-MM-DD)' },
};
const envelopeRequired = ['rulesetVersion', 'contentHash', 'asOf'];

function answer(description: string, properties: Schema, required: string[] = []): Schema {
  return {
    type: 'object',
    description,
    required: [...envelopeRequired, ...required],
    properties: { ...envelope, ...properties },
  };
}

const citationView: Schema = {
  type: 'object',
  required: ['id', 'label'],
  properties: { id: { type: 'string' }, label: { type: 'string' }, excerpt: { type: 'string' } },
};

const ruleSummary: Schema = {
  type: 'object',
  required: ['id', 'family', 'title', 'citations', 'effective', 'inForce'],
  properties: {
    id: { type: 'string', description: 'rule id, e.g. yoshiji.T3-E7 or retention.books' },
    family: { type: 'string', description: 'rule family (yoshiji, dokugeki, shitei, retention, …)' },
    title: { type: 'string' },
    citations: { type: 'array', items: { type: 'string' }, description: 'corpus node ids the rule encodes' },
    effective: { type: 'object', required: ['from'], properties: { from: { type: 'string' }, to: { type: 'string' } } },
    inForce: { type: 'boolean', description: 'in force on asOf' },
  },
};

export const schemas: Record<string, Schema> = {
  'error.schema.json': {
    title: 'error',
    description: 'Every error: a machine code, a message for people and, for bad input, each bad field as a JSON pointer. Never a stack trace.',
    type: 'object',
    required: ['error'],
    additionalProperties: false,
    properties: {
      error: {
        type: 'object',
        required: ['code', 'message'],
        additionalProperties: false,
        properties: {
          code: { type: 'string', description: 'e.g. invalid-input, invalid-json, invalid-asof, not-found, too-large, unsupported-media-type' },
          message: { type: 'string' },
          problems: {
            type: 'array',
            items: {
              type: 'object',
              required: ['field', 'message'],
              additionalProperties: false,
              properties: {
                field: { type: 'string', description: 'JSON pointer of the bad field (\'\' = the whole body); for query and path parameters /<name>' },
                message: { type: 'string' },
                in: { enum: ['query', 'path'], description: 'set when the field is a query or path parameter (default: the body)' },
              },
            },
          },
          suggestions: { type: 'array', items: { type: 'string' }, description: 'nearest existing names or ids' },
        },
      },
    },
  },
  'asof.query.schema.json': {
    title: 'asOf query',
    type: 'object',
    additionalProperties: false,
    properties: { asOf },
  },
  'search.query.schema.json': {
    title: 'search query',
    type: 'object',
    additionalProperties: false,
    required: ['q'],
    properties: {
      q: { type: 'string', minLength: 1, maxLength: 500, description: 'the query: words (「要指示医薬品の帳簿」), an article in any notation (第百六十九条), a drug name' },
      kind: {
        type: 'string',
        maxLength: 100,
        pattern: '^(law|annotation|rule|reference)(,(law|annotation|rule|reference))*$',
        description: 'comma-separated kinds: law, annotation, rule, reference (default law,annotation,rule)',
      },
      chapter: { type: 'string', pattern: '^(?:[1-9]|1[0-9])$', description: 'only this chapter (第N章), 1–19' },
      limit: { type: 'string', pattern: '^(?:[1-9]|[1-9][0-9]|100)$', description: 'page size 1–100 (default 10)' },
      offset: { type: 'string', pattern: '^[0-9]{1,4}$', description: 'hits to skip (default 0)' },
      asOf,
    },
  },
  'search.answer.schema.json': answer(
    'Search results: hits with verbatim snippets and the offsets of the matched terms.',
    {
      query: { type: 'string' },
      normalized: { type: 'string' },
      total: { type: 'integer' },
      offset: { type: 'integer' },
      limit: { type: 'integer' },
      refs: { type: 'array', items: { type: 'string' } },
      hits: {
        type: 'array',
        items: {
          type: 'object',
          required: ['id', 'label', 'kind', 'score', 'snippet', 'match'],
          properties: {
            id: { type: 'string' },
            label: { type: 'string' },
            kind: { enum: ['law', 'annotation', 'rule', 'reference'] },
            score: { type: 'number' },
            caption: { type: 'string' },
            breadcrumb: { type: 'string' },
            chapter: { type: 'integer' },
            snippet: { type: 'object', required: ['text'], properties: { text: { type: 'string' } } },
            annotations: { type: 'integer' },
            match: { enum: ['ref', 'related', 'text'] },
            note: { type: 'string' },
          },
        },
      },
    },
    ['query', 'total', 'hits'],
  ),
  'article.answer.schema.json': answer(
    'One provision: its node and subtree (verbatim text), the guidance interpreting it (outdated points flagged), the defined terms it defines or uses, its references out and in, and the rules encoded from it.',
    {
      node: { type: 'object', required: ['id', 'kind', 'label', 'text'], properties: { id: { type: 'string' }, kind: { type: 'string' }, label: { type: 'string' }, text: { type: 'string' } } },
      descendants: { type: 'array', items: { type: 'object', required: ['id', 'kind', 'label', 'text'] } },
      annotations: { type: 'array', items: { type: 'object', required: ['id', 'label', 'text'] } },
      refsOut: { type: 'array', items: { type: 'object', required: ['text', 'offset', 'kind'] } },
      refsIn: { type: 'array', items: citationView },
      terms: {
        type: 'object',
        required: ['defined', 'used'],
        properties: {
          defined: { type: 'array', items: { type: 'object', required: ['term', 'node', 'definition'] } },
          used: { type: 'array', items: { type: 'object', required: ['term', 'node', 'definition'] } },
        },
      },
      rules: { type: 'array', items: ruleSummary },
      coverage: { type: 'string', description: 'rules | partial | text | out-of-scope (see /v1/coverage)' },
    },
    ['node', 'descendants', 'annotations', 'refsOut', 'refsIn', 'terms', 'rules'],
  ),
  'rules.query.schema.json': {
    title: 'rules query',
    type: 'object',
    additionalProperties: false,
    properties: {
      family: { type: 'string', pattern: '^[a-z][a-z0-9-]{0,39}$', description: 'only this family (yoshiji, dokugeki, shitei, retention, …)' },
      asOf,
    },
  },
  'rules.answer.schema.json': answer('Every encoded rule of every family, with its citations and whether it is in force on asOf.', {
    families: { type: 'array', items: { type: 'string' } },
    rules: { type: 'array', items: ruleSummary },
  }, ['rules']),
  'rule.answer.schema.json': answer('One rule: as written (spec), its source file and line, and its citations with the text they point to.', {
    rule: ruleSummary,
    spec: { type: 'object', description: 'the rule as written in its YAML file' },
    source: { type: 'object', properties: { file: { type: 'string' }, line: { type: 'integer' } } },
    citations: { type: 'array', items: citationView },
  }, ['rule', 'citations']),
  'ingredient.answer.schema.json': answer('How an ingredient name resolves: the ordinance substances it counts as, by which path, curated or not, classes, the 別表 entries naming it; did-you-mean suggestions when not recognised.', {
    input: { type: 'string' },
    normalized: { type: 'string' },
    known: { type: 'boolean' },
    uncertain: { type: 'string' },
    matches: { type: 'array', items: { type: 'object', required: ['key', 'path'] } },
    classes: { type: 'array' },
    suggestions: { type: 'array', items: { type: 'string' } },
    entries: { type: 'object', additionalProperties: { type: 'array', items: citationView } },
  }, ['input', 'known', 'matches', 'entries']),
  'version.answer.schema.json': answer('What the server answers from: ruleset version and content hash, the corpus as-of (the last amendment encoded), package version.', {
    package: { type: 'string' },
    corpus: { type: 'object', required: ['title', 'lawNum', 'asOf'], properties: { title: { type: 'string' }, lawNum: { type: 'string' }, asOf: { type: 'object' } } },
    encodes: { type: 'object' },
    endpoints: { type: 'array', items: { type: 'string' } },
  }, ['package', 'corpus']),
  'health.answer.schema.json': answer('Liveness: ok when the knowledge base is loaded.', { status: { const: 'ok' } }, ['status']),
  'reports-obligations.query.schema.json': {
    title: 'report obligations query',
    type: 'object',
    additionalProperties: false,
    properties: {
      holder: { type: 'string', minLength: 1, maxLength: 100, description: 'the holder as the ordinance names it (製造販売業者, 外国特例承認取得者 …); default: every holder' },
      asOf,
    },
  },
  'coverage.query.schema.json': {
    title: 'coverage query',
    type: 'object',
    additionalProperties: false,
    properties: {
      chapter: { type: 'string', maxLength: 10, pattern: '^(?:Ch[0-9]{1,2}|T|SP)$', description: 'only this group: Ch1…Ch11, T (別表), SP (附則)' },
      status: { enum: ['rules', 'text', 'out-of-scope'], description: 'only units with this status' },
      asOf,
    },
  },
  'coverage.answer.schema.json': answer('Law coverage: for every article, paragraph and 別表 entry, whether rules encode it (which), it is only searchable text, or it is deliberately out of scope (why); totals per chapter.', {
    totals: { type: 'object', required: ['units', 'rules', 'text', 'outOfScope'] },
    chapters: { type: 'array', items: { type: 'object', required: ['id', 'label', 'totals'] } },
    units: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'label', 'kind', 'chapter', 'status'],
        properties: {
          id: { type: 'string' },
          label: { type: 'string' },
          kind: { type: 'string' },
          chapter: { type: 'string' },
          status: { enum: ['rules', 'text', 'out-of-scope'] },
          rules: { type: 'array', items: { type: 'string' } },
          reason: { type: 'string' },
        },
      },
    },
  }, ['totals', 'chapters', 'units']),
};

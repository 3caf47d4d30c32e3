/** Record retention (issue 7): the calculator, the obligations listing, formatting. See docs/retention.md. */
export { retention, calculate, selectRule, checkRequest, RetentionError, type RetentionRule } from './calculate.js';
export { retentionObligations, retentionHolders, describeKeep } from './obligations.js';
export { formatRetention, formatObligations } from './format.js';
export type * from './model.js';

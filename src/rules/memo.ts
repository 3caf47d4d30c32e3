/**
 * The rule-evaluation memo: a rule part's three-valued result is a pure function of the facts the
 * rule reads (CompiledRule.facts), so each distinct (rule, fact values) is evaluated by
 * json-rules-engine once and then reused. One bounded LRU per rules index (ruleset + asOf window)
 * and ingredient dictionary (the content fact compares substances through it). Stored results are
 * deep-frozen: answers share them read-only. Off with `classify(…, { memo: false })` or
 * DOYAKU_NO_MEMO=1.
 */

/**
 * The memo of one rules index and dictionary: rule results by key, bounded to about `max` entries
 * by two generations (a hit in the older one moves the entry to the newer; when the newer is full
 * the older is dropped) — least-recently-used eviction at the cost of one Map lookup per hit.
 * Fact values are interned to short ids, so a key is the rule id and a few numbers.
 */
export class RuleMemo<V> {
  #young = new Map<string, V>();
  #old = new Map<string, V>();
  #ids = new Map<string, number>();
  /** ids are never reused (a query holding an id from before a reset stays correct) */
  #next = 0;
  constructor(readonly max: number) {}
  get size(): number {
    return this.#young.size + this.#old.size;
  }
  get(k: string): V | undefined {
    let v = this.#young.get(k);
    if (v === undefined) {
      v = this.#old.get(k);
      if (v !== undefined) this.set(k, v);
    }
    return v;
  }
  set(k: string, v: V): void {
    this.#young.set(k, v);
    if (this.#young.size >= this.max / 2) {
      this.#old = this.#young;
      this.#young = new Map();
    }
  }
  /** A short id for a fact value's canonical key (the id table is bounded too: reset with the entries). */
  id(key: string): number {
    let n = this.#ids.get(key);
    if (n === undefined) {
      if (this.#ids.size >= this.max * 4) {
        this.#ids = new Map();
        this.#young = new Map();
        this.#old = new Map();
      }
      this.#ids.set(key, (n = this.#next++));
    }
    return n;
  }
}

/** A cheap canonical key of a fact value (JSON; functions, such as the content fact's helper, drop out). */
export function factKey(v: unknown): string {
  return v === undefined ? '~' : JSON.stringify(v);
}

/** Freezes a value and everything it holds (plain objects and arrays). */
export function deepFreeze<T>(v: T): T {
  if (v && typeof v === 'object' && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v)) deepFreeze(x);
  }
  return v;
}

let envMemo: boolean | undefined;
/** Whether classify uses the memo: the option, else on unless DOYAKU_NO_MEMO=1 (read once per process). */
export function memoEnabled(option: boolean | undefined): boolean {
  return option ?? (envMemo ??= process.env.DOYAKU_NO_MEMO !== '1');
}

/** Entries per rules index and dictionary: ~3 KB each (≲ 15 MB), ample for a working set of a few thousand products (the bench mix of 400 needs ~1 700). */
export const memoSize = 5_000;

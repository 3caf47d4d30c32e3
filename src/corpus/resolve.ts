/** Parsing citations (`第91条の3第2項`, `別表第3`, `百六十九`) into node ids. (stub — owned by the corpus work) */
export class RefNotFoundError extends Error {
  constructor(readonly ref: string, readonly suggestions: string[] = []) {
    super(`no provision ${ref}${suggestions.length ? `; nearest: ${suggestions.join(', ')}` : ''}`);
    this.name = 'RefNotFoundError';
  }
}

/**
 * Every command and every node id the README and docs/*.md show is run or looked up here, so the
 * documentation cannot drift (issue 12). Commands: each line of a shell code block that runs
 * `doyaku` (`npx doyaku …`, `doyaku …`, `node dist/cli/main.js …`, optionally fed by `echo '…' |`
 * or `< file`, its output optionally sent `> file` — discarded) runs in-process and must exit 0 — or the code its comment names (`# exit 2`). A file
 * a command reads is taken from test/docs/fixtures/ when it is not in the repository. `doyaku serve`
 * is not run (it does not exit; test/server covers it). Ids: every `backticked` node id must exist in
 * the corpus; in docs/ids.md every citation form listed as accepted must resolve, and every one
 * given as naming nothing must not.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openKnowledgeBase, type KnowledgeBase } from '../../src/kb.js';
import { resolveRef } from '../../src/corpus/resolve.js';
import { runCli } from '../helpers/cli.js';

const root = join(import.meta.dirname, '..', '..');
const fixtures = join(import.meta.dirname, 'fixtures');
const docs = ['README.md', ...readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

/** Shell words of a line (single and double quotes; no expansions). */
export function shellWords(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  let q: string | undefined;
  let any = false;
  for (const ch of s) {
    if (q) {
      if (ch === q) q = undefined;
      else cur += ch;
    } else if (ch === "'" || ch === '"') {
      q = ch;
      any = true;
    } else if (/\s/.test(ch)) {
      if (cur || any) out.push(cur);
      cur = '';
      any = false;
    } else cur += ch;
  }
  if (cur || any) out.push(cur);
  return out;
}

/** The comment of a shell line (after an unquoted ` #`), and the line without it. */
function splitComment(line: string): [string, string] {
  let q: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (q) {
      if (ch === q) q = undefined;
    } else if (ch === "'" || ch === '"') q = ch;
    else if (ch === '#' && (i === 0 || /\s/.test(line[i - 1]))) return [line.slice(0, i).trim(), line.slice(i + 1).trim()];
  }
  return [line.trim(), ''];
}

interface Example {
  file: string;
  line: number;
  text: string;
  argv: string[];
  stdin?: string;
  exit: number;
  /** why it cannot run (an input file neither in the repository nor in test/docs/fixtures/) */
  missing?: string;
}

/** Pages whose examples must all run (the classification pages and the README); other pages' examples that need an input file not provided are listed as todo until their owners add it to test/docs/fixtures/. */
const strict = new Set(['README.md', 'docs/README.md', 'docs/classify.md', 'docs/dokugeki.md', 'docs/ids.md', 'docs/ingredients.md', 'docs/contracts.md', 'docs/scenarios.md', 'docs/rules-format.md', 'docs/search.md', 'docs/corpus.md', 'docs/annotations.md']);

function examples(file: string): Example[] {
  // shell line continuations (`\` at the end) join the next line
  const lines = readFileSync(join(root, file), 'utf8').replace(/\\\n\s*/g, ' ').split('\n');
  const out: Example[] = [];
  let inBlock = false;
  let shell = false;
  lines.forEach((raw, i) => {
    const fence = raw.match(/^\s*```(\w*)/);
    if (fence) {
      if (!inBlock) shell = ['', 'sh', 'bash', 'shell', 'console'].includes(fence[1]);
      inBlock = !inBlock;
      return;
    }
    if (!inBlock || !shell) return;
    const [cmd, comment] = splitComment(raw.replace(/^\s*\$\s+/, ''));
    let m = cmd.match(/^(?:echo\s+('[^']*'|"[^"]*")\s*\|\s*)?(?:npx\s+doyaku|doyaku|node\s+dist\/cli\/main\.js)\s+(.*)$/);
    if (!m) return;
    let rest = m[2];
    let stdin = m[1] ? shellWords(m[1])[0] + '\n' : undefined;
    rest = rest.replace(/\s>\s*\S+\s*$/, ''); // output to a file: discarded
    const redirect = rest.match(/\s<\s*(\S+)\s*$/);
    if (redirect) {
      rest = rest.slice(0, redirect.index);
      const f = [join(root, redirect[1]), join(fixtures, redirect[1])].find(existsSync);
      if (f) stdin = readFileSync(f, 'utf8');
      else {
        const missing = `the example reads ${redirect[1]}, which is neither in the repository nor in test/docs/fixtures/`;
        if (strict.has(file)) throw new Error(`${file}:${i + 1}: ${missing}`);
        out.push({ file, line: i + 1, text: cmd, argv: [], exit: 0, missing });
        return;
      }
    }
    // a synopsis (usage line with <placeholders> or [optional] parts) is not an example
    if (/(^|\s)(<[^>]+>|\[[^\]]*\])/.test(rest)) return;
    if (/[|;&>]/.test(rest.replace(/'[^']*'|"[^"]*"/g, ''))) {
      const missing = "the docs runner reads one doyaku command per line (optionally fed by echo '…' | or < file, output > file)";
      if (strict.has(file)) throw new Error(`${file}:${i + 1}: ${missing}: ${raw}`);
      out.push({ file, line: i + 1, text: cmd, argv: [], exit: 0, missing });
      return;
    }
    const argv = shellWords(rest);
    if (argv[0] === 'serve') return;
    const exit = Number(comment.match(/\bexit (?:code )?(\d)\b/)?.[1] ?? 0);
    out.push({ file, line: i + 1, text: cmd, argv, stdin, exit });
    // `doyaku article X   # also A, B, C`: each alternative citation form is run too
    const also = comment.match(/^also\s+(.*)$/);
    if (argv[0] === 'article' && also)
      for (const alt of also[1].split(/[,、]\s*/).map((x) => x.trim()).filter(Boolean)) out.push({ file, line: i + 1, text: `doyaku article ${alt}`, argv: ['article', alt], exit: 0 });
  });
  return out;
}

const all = docs.flatMap(examples);

describe('docs examples: every doyaku command shown runs', () => {
  it('there are examples in the README and the docs', () => {
    expect(all.filter((e) => e.file === 'README.md').length).toBeGreaterThan(8);
  });
  for (const e of all) {
    if (e.missing) {
      it.todo(`${e.file}:${e.line} ${e.text} — ${e.missing}`);
      continue;
    }
    it(`${e.file}:${e.line} ${e.text}`, async () => {
      const r = await runCli(e.argv, e.stdin ?? '');
      if (r.code !== e.exit) throw new Error(`${e.file}:${e.line}: \`${e.text}\` exited ${r.code} (expected ${e.exit})\n${r.err}${r.out.slice(0, 500)}`);
    }, 60_000);
  }
});

const idPattern = /^(?:Law|Preamble|A\d+(?:_\d+)*(?:-[A-Z]+\d+(?:_\d+)*)*|T[1-6](?:-(?:H|DOKU|GEKI|E\d+(?:_\d+)?))*|F\d+|Ch\d+(?:-Se\d+)?|SP(?:-[HSR]\d+-\d+)?(?:-(?:A\d+(?:_\d+)?|P\d+|TB\d+|I\d+))*)$/;

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await openKnowledgeBase();
});

describe('docs ids: every node id shown exists', () => {
  for (const file of docs) {
    const ids = [...new Set([...readFileSync(join(root, file), 'utf8').matchAll(/`([A-Za-z][A-Za-z0-9_-]*)`/g)].map((m) => m[1]).filter((s) => idPattern.test(s)))];
    if (!ids.length) continue;
    it(`${file}: ${ids.length} ids`, () => {
      const missing = ids.filter((id) => !kb.corpus.nodes.has(id));
      expect(missing, `${file} shows ids that are not in data/ordinance/nodes.json`).toEqual([]);
    });
  }
  it('docs/ids.md: every citation form listed as accepted resolves; every one said to name nothing does not', () => {
    const text = readFileSync(join(root, 'docs/ids.md'), 'utf8');
    const section = text.slice(text.indexOf('## Citations accepted'));
    const [accepted, rest] = section.split('A citation that names nothing');
    const forms = [...accepted.matchAll(/`([^`]+)`/g)].map((m) => m[1]).filter((s) => !/^(resolveRef|doyaku article)$/.test(s));
    expect(forms.length).toBeGreaterThan(20);
    const bad = forms.filter((f) => {
      try {
        resolveRef(kb.corpus, f);
        return false;
      } catch {
        return true;
      }
    });
    expect(bad).toEqual([]);
    const nothing = [...rest.matchAll(/`([^`]+)`\s*→/g)].map((m) => m[1]).filter((s) => !s.startsWith('RefNotFoundError'));
    expect(nothing.length).toBeGreaterThan(2);
    for (const f of nothing) expect(() => resolveRef(kb.corpus, f), f).toThrow();
  });
});

describe('docs library examples: the statuses their comments state are the answers', () => {
  // each: the page, the product literal as the page writes it, the product, the asOf
  const pages: [string, string, unknown][] = [
    ['README.md', "{ ingredients: [{ name: 'イベルメクチン' }], dosageForm: '外用剤', applicationSite: '外皮', species: ['猫'] }", { ingredients: [{ name: 'イベルメクチン' }], dosageForm: '外用剤', applicationSite: '外皮', species: ['猫'] }],
    ['docs/classify.md', "{ ingredients: [{ name: 'イベルメクチン', content: { value: 0.5, unit: '%' } }], dosageForm: '外用剤', applicationSite: '外皮', species: ['猫'] }", { ingredients: [{ name: 'イベルメクチン', content: { value: 0.5, unit: '%' } }], dosageForm: '外用剤', applicationSite: '外皮', species: ['猫'] }],
  ];
  for (const [file, literal, product] of pages)
    it(file, async () => {
      const text = readFileSync(join(root, file), 'utf8');
      expect(text).toContain(literal);
      expect(text).toContain("{ asOf: '2024-04-01' }");
      const a = (await kb.classify(product as never, { asOf: '2024-04-01' })) as unknown as Record<string, { status: unknown }>;
      const stated = [...text.matchAll(/(?:answer|a)\.(yoshiji|poison|designated)\.status;\s*\/\/\s*'([^']+)'/g)];
      expect(stated.length).toBeGreaterThan(0);
      for (const [, fam, status] of stated) expect(`${fam}: ${String(a[fam].status)}`).toBe(`${fam}: ${status}`);
    });
});

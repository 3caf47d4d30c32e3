/**
 * Copies the seed documents from ../shared/seeds into data/, stripping the web sites'
 * headers and footers, and records what was kept in data/source/sources.json.
 *
 * This is a one-off maintenance step (run: `npx tsx scripts/import-sources.ts`).
 * Nothing at run time or test time reads ../shared: the copies are committed.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const seeds = process.env.DOYAKU_SEEDS ?? join(process.cwd(), '..', 'shared', 'seeds');
const sha256 = (s: string | Buffer) => createHash('sha256').update(s).digest('hex');

interface Cut {
  seed: string;
  out: string;
  kind: 'law' | 'guidance' | 'reference';
  title: string;
  /** first line kept: the first line equal to this (1-based search) */
  startAt?: string;
  /** last line kept: the line before the first line starting with this */
  endBefore?: string;
  note: string;
}

const cuts: Cut[] = [
  {
    seed: '003_b13132b383ba64a1.txt', out: 'source/ordinance.txt', kind: 'law',
    title: '動物用医薬品等取締規則(平成16年農林水産省令第107号)',
    startAt: '動物用医薬品等取締規則', endBefore: '現在の法令ページのURL',
    note: 'Full text as amended up to 平成31年3月29日農林水産省令第28号; site header (site name, reading) and footer (link/share/disclaimer) removed. Text otherwise verbatim, defects included.',
  },
  {
    seed: '004_a8ca94e6e3724e6a.txt', out: 'source/guidance.txt', kind: 'guidance',
    title: '薬事法関係事務に係る技術的な助言について(12畜A第728号)',
    startAt: '薬事法関係事務に係る技術的な助言について', endBefore: 'PDF形式のファイルをご覧いただく場合には',
    note: 'MAFF technical advice 12畜A第728号 (平成12年3月31日, last amended 平成21年3月13日); site navigation and PDF footer removed.',
  },
  { seed: '000_cbe21b44eca9036f.txt', out: 'reference/human/000_thalidomide_import.txt', kind: 'reference', title: 'MHLW thalidomide import notices (2021) — human-drug material', note: 'Human-drug material. Parallel context only; never part of veterinary answers.' },
  { seed: '001_22be056449d3bc87.txt', out: 'reference/human/001_pmda_adverse_event_ereporting.txt', kind: 'reference', title: 'PMDA adverse-event e-reporting notice (2005) — human-drug material', note: 'Human-drug material. Parallel context only; never part of veterinary answers.' },
  { seed: '002_e805f33b56f0d621.txt', out: 'reference/human/002_lunsumio_rmp.txt', kind: 'reference', title: 'Risk management plan for ルンスミオ (2025) — human-drug material', note: 'Human-drug material. Parallel context only; never part of veterinary answers.' },
];

const records = [];
for (const c of cuts) {
  const path = join(seeds, c.seed);
  if (!existsSync(path)) throw new Error(`seed not found: ${path}`);
  const raw = readFileSync(path, 'utf8');
  const lines = raw.split('\n');
  let from = 0;
  let to = lines.length; // exclusive
  if (c.startAt) {
    from = lines.findIndex((l) => l.trim() === c.startAt);
    if (from < 0) throw new Error(`${c.seed}: start marker not found`);
  }
  if (c.endBefore) {
    const e = lines.findIndex((l, i) => i > from && l.startsWith(c.endBefore!));
    if (e < 0) throw new Error(`${c.seed}: end marker not found`);
    to = e;
  }
  while (to > from && lines[to - 1].trim() === '') to--;
  const text = lines.slice(from, to).join('\n') + '\n';
  const out = join('data', c.out);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, text);
  records.push({
    file: c.out, kind: c.kind, title: c.title, seed: c.seed, seedSha256: sha256(raw),
    seedLines: { from: from + 1, to }, sha256: sha256(text), note: c.note,
  });
  console.log(`${c.out}: seed lines ${from + 1}-${to} (${to - from} lines)`);
}
writeFileSync('data/source/sources.json', JSON.stringify({ sources: records }, null, 2) + '\n');

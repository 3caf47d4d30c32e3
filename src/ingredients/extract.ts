/**
 * Extracts every substance the ordinance names from data/source/ordinance.txt: the entries of
 * 別表第1 (第115条の2), 別表第2 (第163条), 別表第3 (第168条), the items of 第163条, and the
 * substances named in the 柱書 carve-backs and provisos. The result is written, sorted, to
 * data/ingredients/substances.yaml by build-substances.ts and checked against the source by the
 * tests, so the list is reproducible and provably complete.
 *
 * Entry ids follow src/corpus/model.ts (`T3-E7`, `T1-E4-E3`, `T1-E2-E1`, `T2-DOKU-E2`,
 * `T2-GEKI-E5`, `A163-P1-I6-S2`), assigned by position: the source lost most item numbers.
 */

/** How the ordinance names a substance in one place. */
export interface Naming {
  /** node id of the entry, 柱書 or proviso */
  id: string;
  /** listed: the entry's own substance; mention: named in a proviso, exclusion or carve-back */
  role: 'listed' | 'mention';
  /** the name exactly as written there (a chemical name when the entry gives one with 別名) */
  written: string;
}

export interface ExtractedSubstance {
  /** canonical key: the name as the ordinance writes it, or the 別名 of a chemical name */
  key: string;
  /** every distinct way the ordinance writes it (the key first) */
  written: string[];
  /** ids of the entries listing it */
  entries: string[];
  /** ids of the provisions naming it otherwise (provisos, exclusions, carve-backs) */
  mentions: string[];
}

/** One 別表 entry as extracted, for the completeness test. */
export interface ExtractedEntry {
  id: string;
  text: string;
  /** substance keys listed by the entry ([] for 第1号 毒薬, 第2号 劇薬, 第3号 抗生物質製剤) */
  keys: string[];
}

export interface Extraction {
  entries: ExtractedEntry[];
  substances: ExtractedSubstance[];
}

const KANJI_NUM = /^[一二三四五六七八九十百]+ /;

function section(lines: string[], start: string, end: (l: string) => boolean): string[] {
  const i = lines.findIndex((l) => l.startsWith(start));
  if (i < 0) throw new Error(`ordinance.txt: heading ${start} not found`);
  const out: string[] = [];
  for (let j = i + 1; j < lines.length && !end(lines[j]); j++) out.push(lines[j]);
  return out;
}

/** `chem(別名X)` → { key: X, chem }. */
function splitAlias(name: string): { key: string; chem?: string } {
  const m = /^(.*)\(別名([^()]+)\)$/.exec(name);
  return m ? { key: m[2], chem: m[1] } : { key: name };
}

/** The substance part of an entry's text: coverage wording and provisos removed. */
export function substancePart(text: string): string {
  let t = text.replace(KANJI_NUM, '').trim();
  t = t.split('。ただし')[0].replace(/。$/, '');
  const patterns: RegExp[] = [
    /^(.*)、その塩類及びそれらの製剤$/,
    /^(.*)を含有する製剤及び.*の塩類を含有する製剤$/,
    /^(.*?)の製剤又は.*$/,
    /^(.*?)の製剤であって.*$/,
    /^(.*)及びその塩類$/,
    /^(.*)及びその製剤$/,
    /^(.*)を含有する製剤$/,
    /^(.*)製剤$/,
  ];
  for (const p of patterns) {
    const m = p.exec(t);
    if (m) return m[1];
  }
  return t;
}

/** Substances named in provisos of 別表第2 and 第163条 (checked to occur in the entry text): the
 * salt forms and elements that thresholds are expressed in (`セレンとして`, `塩酸アチパメゾール0・5パーセント`). */
const PROVISO_NAMES: Record<string, string[]> = {
  'T2-DOKU-E1': ['セレン'],
  'T2-GEKI-E1': ['セレン'],
  'T2-GEKI-E2': ['塩酸アチパメゾール'],
  'T2-GEKI-E13': ['硝酸銀'],
  'T2-GEKI-E30': ['リン酸チルミコシン'],
  'A163-P1-I1': ['セレン'],
  'A163-P1-I2': ['セレン'],
};

export function extractSubstances(ordinanceText: string): Extraction {
  const lines = ordinanceText.split(/\r?\n/);
  const entries: ExtractedEntry[] = [];
  const namings: Naming[] = [];
  const add = (id: string, role: Naming['role'], written: string) => namings.push({ id, role, written });
  const listed = (id: string, text: string, names: string[]) => {
    entries.push({ id, text, keys: names.map((n) => splitAlias(n).key) });
    for (const n of names) add(id, 'listed', n);
  };

  // 別表第1 (第115条の2関係)
  const t1 = section(lines, '別表第1(', (l) => l.startsWith('別表第2('));
  let item = 0;
  let sub = 0;
  for (const raw of t1) {
    const line = raw.trim();
    if (!line) continue;
    const m = /^\((\d+)\) (.*)$/.exec(line);
    if (m) {
      sub++;
      if (Number(m[1]) !== sub) throw new Error(`別表第1第${item}号: expected (${sub}), found (${m[1]})`);
      const id = `T1-E${item}-E${sub}`;
      const text = m[2];
      if (text.startsWith('カイソウ及びカイソウ配糖体を含有する製剤')) listed(id, text, ['カイソウ', 'カイソウ配糖体']);
      else listed(id, text, [substancePart(text)]);
      continue;
    }
    item++;
    sub = 0;
    const id = `T1-E${item}`;
    entries.push({ id, text: line, keys: [] });
    if (item === 1) {
      const y = /黄リン/.exec(line);
      if (!y) throw new Error('別表第1第1号: 黄リン not found');
      add(id, 'mention', '黄リン');
    }
    if (item === 4) for (const n of carveBackNames(line)) add(id, 'mention', n);
  }
  if (item !== 4) throw new Error(`別表第1: expected 4 items, found ${item}`);

  // 別表第2 (第163条関係)
  const t2 = section(lines, '別表第2(', (l) => l.startsWith('別表第3('));
  let group = '';
  let n2 = 0;
  for (const raw of t2) {
    const line = raw.trim();
    if (!line) continue;
    if (line === '毒薬' || line === '劇薬') {
      group = line === '毒薬' ? 'DOKU' : 'GEKI';
      n2 = 0;
      continue;
    }
    const id = `T2-${group}-E${++n2}`;
    const text = line.replace(KANJI_NUM, '');
    listed(id, text, [substancePart(text)]);
    for (const p of PROVISO_NAMES[id] ?? []) {
      if (!text.includes(p)) throw new Error(`${id}: proviso substance ${p} not in the text`);
      add(id, 'mention', p);
    }
  }

  // 別表第3 (第168条関係)
  const t3 = section(lines, '別表第3(', (l) => l.startsWith('別表第4('));
  const head = t3[0];
  entries.push({ id: 'T3-H', text: head, keys: [] });
  for (const n of carveBackNames(head)) add('T3-H', 'mention', n);
  let n3 = 0;
  for (const raw of t3.slice(1)) {
    const line = raw.trim();
    if (!line) continue;
    const id = `T3-E${++n3}`;
    const text = line.replace(KANJI_NUM, '');
    const vac = /^生物学的製剤のうち(ワクチン)\((鶏痘ワクチン)を除く。\)及び(.+)$/.exec(text);
    if (vac) {
      listed(id, text, [vac[1], vac[3]]);
      add(id, 'mention', vac[2]);
      continue;
    }
    let name = text.replace(/\((?:犬又は猫|猫)に使用することを目的とするものに限る。\)$/, '');
    name = name.replace(/及びその製剤$/, '');
    listed(id, text, [name]);
  }

  // 第163条 items
  const a = lines.findIndex((l) => l.startsWith('第163条 '));
  let i163 = 0;
  let s163 = 0;
  for (let j = a + 1; j < lines.length && lines[j].startsWith(' '); j++) {
    const text = lines[j].trim();
    const afterSilver = i163 === 6;
    // sub-items of 第6号 (銀の無機酸塩類): the lines after it
    if (afterSilver) {
      const id = `A163-P1-I6-S${++s163}`;
      const name = /^(?:1[個片]中)?(.+?)(?:及びその製剤|[0-9])/.exec(text)?.[1];
      if (!name) throw new Error(`${id}: no substance in ${text}`);
      add(id, 'mention', name);
      continue;
    }
    const id = `A163-P1-I${++i163}`;
    add(id, 'mention', substancePart(text));
    for (const p of PROVISO_NAMES[id] ?? []) {
      if (!text.includes(p)) throw new Error(`${id}: proviso substance ${p} not in the text`);
      add(id, 'mention', p);
    }
  }
  if (i163 !== 6 || s163 !== 5) throw new Error(`第163条: expected 6 items and 5 sub-items, found ${i163}/${s163}`);

  // group by key
  const byKey = new Map<string, ExtractedSubstance>();
  for (const nm of namings) {
    const { key, chem } = splitAlias(nm.written);
    let s = byKey.get(key);
    if (!s) byKey.set(key, (s = { key, written: [key], entries: [], mentions: [] }));
    if (chem && !s.written.includes(chem)) s.written.push(chem);
    const list = nm.role === 'listed' ? s.entries : s.mentions;
    if (!list.includes(nm.id)) list.push(nm.id);
  }
  const substances = [...byKey.values()].sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
  for (const s of substances) {
    s.entries.sort(idOrder);
    s.mentions.sort(idOrder);
  }
  return { entries, substances };
}

/** Substances named in a 柱書's carve-back parenthesis: `Xを含有する…`. */
export function carveBackNames(head: string): string[] {
  const open = head.indexOf('ただし、製剤である外用剤(');
  if (open < 0) throw new Error('柱書: carve-back parenthesis not found');
  const inner = head.slice(open);
  const out: string[] = [];
  for (const m of inner.matchAll(/(?:^|、|並びに|及び|\))([^、()]+?)を含有する/g)) {
    out.push(m[1].replace(/^(?:並びに|及び)/, ''));
  }
  return out;
}

/** Sort ids naturally: T1 < T2 < T3 < A163, numbers numerically. */
function idOrder(a: string, b: string): number {
  const rank = (s: string) => (s.startsWith('T1') ? 1 : s.startsWith('T2-DOKU') ? 2 : s.startsWith('T2') ? 3 : s.startsWith('T3') ? 4 : 5);
  const r = rank(a) - rank(b);
  if (r) return r;
  return a.localeCompare(b, 'en', { numeric: true });
}

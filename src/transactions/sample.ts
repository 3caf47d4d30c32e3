/**
 * A deterministic, realistic mix of transactions (for the benchmark, the bulk memory test and the
 * large differential test): the sellers and buyers an ERP sees, products with a known
 * classification (most of a nightly batch: the ERP's master data) or a composition to classify
 * (from a pool, as a catalogue repeats), documents present or not, dates and expiries around the
 * date, now and then a missing fact. `malformed` mixes in bad lines (for NDJSON tests).
 */
import type { Transaction } from './model.js';

export interface SampleOptions {
  seed?: number;
  /** share of transactions whose product is given by composition (classified), default 0.3 */
  composed?: number;
}

const sellers: Transaction['seller'][] = [
  { license: '店舗販売業', manager: '薬剤師', handledBy: '薬剤師' },
  { license: '店舗販売業', manager: '登録販売者', handledBy: '登録販売者' },
  { license: '卸売販売業', manager: '薬剤師' },
  { license: '卸売販売業', manager: '登録販売者' },
  { license: '配置販売業', manager: '登録販売者', handledBy: '登録販売者', designatedItems: ['栄養剤L', '薬浴剤K', '整腸剤D'] },
  { license: '動物用医薬品特例店舗販売業', designatedItems: ['畜舎消毒剤H', '蚕用剤G', '整腸剤D'] },
  { license: '製造販売業' },
  { license: '再生医療等製品販売業' },
  { license: '高度管理医療機器等の販売業・貸与業' },
];
const buyers: Transaction['buyer'][] = [
  { kind: '飼育者', name: '山田牧場', age: 52 },
  { kind: '飼育者', name: '佐藤養鶏' },
  { kind: '一般消費者', age: 35 },
  { kind: '店舗販売業者', name: '○○薬店', regularCustomer: true },
  { kind: '飼育動物診療施設開設者', name: '△△動物病院', regularCustomer: true },
  { kind: '獣医師', name: '獣医師X', identityCertificate: true },
  { kind: '配置販売業者', regularCustomer: true },
  { kind: '卸売販売業者', regularCustomer: false, identityCertificate: true },
  { kind: '研究施設・教育機関' },
];
const known: { name: string; classification: NonNullable<Transaction['product']['classification']> }[] = [
  { name: '整腸剤D', classification: { yoshiji: 'not_required', poison: 'none', designated: 'not_designated' } },
  { name: '栄養剤L', classification: { yoshiji: 'not_required', poison: 'none', designated: 'not_designated' } },
  { name: '動物用注射剤A', classification: { yoshiji: 'required', poison: 'none', designated: 'designated' } },
  { name: '抗生物質製剤J', classification: { yoshiji: 'required', poison: 'none', designated: 'designated' } },
  { name: '殺虫剤E', classification: { yoshiji: 'not_required', poison: '劇薬', designated: 'not_designated' } },
  { name: '毒薬F', classification: { yoshiji: 'not_required', poison: '毒薬', designated: 'designated' } },
  { name: '畜舎消毒剤H', classification: { yoshiji: 'not_required', poison: 'none', designated: 'not_designated' } },
];
const composed: Pick<Transaction['product'], 'name' | 'ingredients' | 'dosageForm' | 'applicationSite' | 'species'>[] = [
  { name: 'エンロフロキサシン注', ingredients: [{ name: 'エンロフロキサシン' }], dosageForm: '注射剤', species: ['牛'] },
  { name: 'イベルメクチン外用', ingredients: [{ name: 'イベルメクチン', content: { value: 0.5, unit: '%' } }], dosageForm: '外用剤', applicationSite: '外皮', species: ['猫'] },
  { name: 'オフロキサシン錠', ingredients: [{ name: 'オフロキサシン' }], dosageForm: '内用剤', species: ['犬'] },
  { name: 'アモキシシリン散', ingredients: [{ name: 'アモキシシリン' }], dosageForm: '内用剤', species: ['豚'] },
  { name: 'ブドウ糖液', ingredients: [{ name: 'ブドウ糖' }], dosageForm: '注射剤', species: ['牛'] },
  { name: 'フィプロニル滴下剤', ingredients: [{ name: 'フィプロニル', content: { value: 10, unit: '%' } }], dosageForm: '外用剤', applicationSite: '外皮', species: ['犬'] },
  { name: 'ビタミン剤', ingredients: [{ name: 'ビタミンC' }], dosageForm: '飼料添加剤', species: ['鶏'] },
];
const documentSets: (Transaction['documents'] | undefined)[] = [[], [], ['獣医師の指示'], ['処方箋'], ['譲受人の文書'], ['処方箋', '譲受人の文書'], undefined];

/** `n` transactions of the mix, deterministic for a seed. */
export function* sampleTransactions(n: number, options: SampleOptions = {}): Generator<Transaction> {
  let seed = options.seed ?? 7;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const share = options.composed ?? 0.3;
  for (let i = 0; i < n; i++) {
    const seller = pick(sellers);
    const month = 1 + Math.floor(rnd() * 12);
    const day = 1 + Math.floor(rnd() * 28);
    const date = `2024-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    const expiry = rnd() < 0.05 ? '2024-01-15' : rnd() < 0.05 ? undefined : `202${5 + Math.floor(rnd() * 3)}-03-31`;
    let product: Transaction['product'];
    if (seller.license === '再生医療等製品販売業') product = { name: '細胞製品N', category: '再生医療等製品' };
    else if (seller.license.startsWith('高度管理')) product = { name: '超音波診断装置Q', category: '医療機器', specifiedMaintenance: rnd() < 0.5 };
    else if (rnd() < share) product = { ...pick(composed) };
    else {
      const k = pick(known);
      product = { name: k.name, classification: k.classification };
    }
    if (expiry) product.expiryDate = expiry;
    const tx: Transaction = { id: `T${i + 1}`, date, seller, buyer: pick(buyers), product, quantity: { value: 1 + Math.floor(rnd() * 20), unit: '箱' } };
    const docs = pick(documentSets);
    if (docs) tx.documents = docs;
    yield tx;
  }
}

/** The mix as NDJSON lines, with a share of malformed lines (bad JSON, invalid fields, blank lines). */
export function* sampleNdjsonLines(n: number, options: SampleOptions & { malformed?: number } = {}): Generator<string> {
  let seed = (options.seed ?? 7) + 1;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const bad = options.malformed ?? 0;
  const broken = ['{"seller": {', 'not json at all', '{"seller":{"license":"店舗販売業"},"buyer":{"kind":"農家"},"product":{}}', '{"date":"2024-02-30","seller":{"license":"tenpo"},"buyer":{"kind":"飼育者"},"product":{"name":"A"}}', '[1,2,3]', '{"seller":{"license":"存在しない業"},"buyer":{"kind":"飼育者"},"product":{}}'];
  let i = 0;
  for (const tx of sampleTransactions(n, options)) {
    if (bad && rnd() < bad) yield broken[i++ % broken.length];
    else yield JSON.stringify(tx);
  }
}

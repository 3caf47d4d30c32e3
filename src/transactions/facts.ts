/**
 * The facts the transaction rules read, derived from a validated transaction, the seller's
 * licence (rules/licenses) and the product's classification. Every derived fact names the input
 * field it comes from, so a missing one becomes a `needs` entry the caller can act on.
 */
import type { LicenseSpec } from '../licenses/model.js';
import type { Transaction } from './model.js';

/** 薬剤師等 (法第36条の3第2項 / 法第49条第1項ただし書): 薬剤師, 薬局開設者, 医薬品の製造販売業者・製造業者・販売業者, 医師・歯科医師・獣医師, 病院・診療所・飼育動物診療施設の開設者. */
export const pharmacistEtc: ReadonlySet<string> = new Set([
  '薬剤師',
  '薬局開設者',
  '製造販売業者',
  '製造業者',
  '店舗販売業者',
  '特例店舗販売業者',
  '配置販売業者',
  '卸売販売業者',
  '医師',
  '歯科医師',
  '獣医師',
  '病院診療所開設者',
  '飼育動物診療施設開設者',
]);

/** The trade of 第104条の2第1項: 薬局開設者, 医薬品の製造販売業者・製造業者・販売業者, 飼育動物診療施設の開設者. */
export const tradeParty: ReadonlySet<string> = new Set(['薬局開設者', '製造販売業者', '製造業者', '店舗販売業者', '特例店舗販売業者', '配置販売業者', '卸売販売業者', '飼育動物診療施設開設者']);

/** The buyers of 第70条: 薬局開設者, 医薬品の製造販売業者・製造業者・販売業者. */
export const medicineTrade: ReadonlySet<string> = new Set(['薬局開設者', '製造販売業者', '製造業者', '店舗販売業者', '特例店舗販売業者', '配置販売業者', '卸売販売業者']);

/** The pseudo-licence of a pharmacy (薬局開設者 — licensed under the Act, not this ordinance). */
export const pharmacyLicense: { id: string; spec: Pick<LicenseSpec, 'name' | 'products' | 'may' | 'seller'> } = {
  id: 'yakkyoku',
  spec: {
    name: '薬局開設者',
    products: ['医薬品'],
    may: { activities: [{ text: '薬局', citations: [] }], buyers: { scope: 'any', text: '' } },
    seller: { medicineSeller: true, poisonDocumentDuty: true },
  },
};

export interface ClassificationFacts {
  yoshiji?: string;
  poison?: string;
  designated?: string;
}

export interface Facts {
  type: string;
  date?: string;
  seller: {
    license: string;
    medicineSeller: boolean;
    poisonDocumentDuty: boolean;
    coversCategory: boolean;
    buyerAllowed: boolean;
    itemListed?: boolean;
    manager?: string;
    handledBy?: string;
  };
  buyer: {
    kind: string;
    age?: number;
    pharmacistEtc: boolean;
    tradeParty: boolean;
    medicineTrade: boolean;
    identityCertificate?: boolean;
    regularCustomer?: boolean;
  };
  product: {
    category: string;
    name?: string;
    yoshiji?: string;
    poison?: string;
    designated?: string;
    expired?: boolean;
    specifiedMaintenance?: boolean;
  };
  documents?: string[];
}

/** The input field each derived fact comes from (for `needs` and `factsUsed`). */
export const factField: Record<string, string> = {
  type: '/type',
  date: '/date',
  'seller.license': '/seller/license',
  'seller.medicineSeller': '/seller/license',
  'seller.poisonDocumentDuty': '/seller/license',
  'seller.coversCategory': '/product/category',
  'seller.buyerAllowed': '/buyer/kind',
  'seller.itemListed': '/seller/designatedItems',
  'seller.manager': '/seller/manager',
  'seller.handledBy': '/seller/handledBy',
  'buyer.kind': '/buyer/kind',
  'buyer.age': '/buyer/age',
  'buyer.pharmacistEtc': '/buyer/kind',
  'buyer.tradeParty': '/buyer/kind',
  'buyer.medicineTrade': '/buyer/kind',
  'buyer.identityCertificate': '/buyer/identityCertificate',
  'buyer.regularCustomer': '/buyer/regularCustomer',
  'product.category': '/product/category',
  'product.yoshiji': '/product/classification/yoshiji',
  'product.poison': '/product/classification/poison',
  'product.designated': '/product/classification/designated',
  'product.expired': '/product/expiryDate',
  'product.specifiedMaintenance': '/product/specifiedMaintenance',
  documents: '/documents',
};

export const fieldOf = (fact: string): string => factField[fact] ?? `/${fact.split('.').join('/')}`;

export function deriveFacts(tx: Transaction, license: { id: string; spec: Pick<LicenseSpec, 'products' | 'may' | 'seller'> }, cls: ClassificationFacts): Facts {
  const category = tx.product.category ?? '医薬品';
  const buyers = license.spec.may.buyers;
  const kind = tx.buyer.kind;
  const seller: Facts['seller'] = {
    license: license.id,
    medicineSeller: license.spec.seller?.medicineSeller === true,
    poisonDocumentDuty: license.spec.seller?.poisonDocumentDuty === true,
    coversCategory: (license.spec.products as string[]).includes(category),
    buyerAllowed: !buyers || buyers.scope === 'any' ? true : buyers.scope === 'none' ? false : (buyers.allowed ?? []).includes(kind),
  };
  if (tx.seller.designatedItems && tx.product.name !== undefined) seller.itemListed = tx.seller.designatedItems.includes(tx.product.name);
  if (tx.seller.manager !== undefined) seller.manager = tx.seller.manager;
  if (tx.seller.handledBy !== undefined) seller.handledBy = tx.seller.handledBy;
  const buyer: Facts['buyer'] = { kind, pharmacistEtc: pharmacistEtc.has(kind), tradeParty: tradeParty.has(kind), medicineTrade: medicineTrade.has(kind) };
  if (tx.buyer.age !== undefined) buyer.age = tx.buyer.age;
  if (tx.buyer.identityCertificate !== undefined) buyer.identityCertificate = tx.buyer.identityCertificate;
  if (tx.buyer.regularCustomer !== undefined) buyer.regularCustomer = tx.buyer.regularCustomer;
  const product: Facts['product'] = { category };
  if (tx.product.name !== undefined) product.name = tx.product.name;
  if (cls.yoshiji !== undefined) product.yoshiji = cls.yoshiji;
  if (cls.poison !== undefined) product.poison = cls.poison;
  if (cls.designated !== undefined) product.designated = cls.designated;
  if (tx.product.expiryDate !== undefined && tx.date !== undefined) product.expired = tx.date > tx.product.expiryDate;
  if (tx.product.specifiedMaintenance !== undefined) product.specifiedMaintenance = tx.product.specifiedMaintenance;
  const facts: Facts = { type: tx.type ?? 'sale', seller, buyer, product };
  if (tx.date !== undefined) facts.date = tx.date;
  if (tx.documents !== undefined) facts.documents = tx.documents;
  return facts;
}

// doyaku web UI: plain ES module, no framework, no CDN. Talks to the /v1 API of the same server.
// Every text from the API goes into the page through text nodes, never parsed as HTML.

const app = document.getElementById('app');

/** h('div', {class: 'x', onclick}, child, …) → element; strings become text nodes */
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat(Infinity)) if (c !== undefined && c !== null && c !== false) el.append(c instanceof Node ? c : String(c));
  return el;
}

async function api(path, init) {
  const res = await fetch(path, init);
  const body = await res.json().catch(() => ({ error: { code: 'bad-response', message: `HTTP ${res.status}` } }));
  if (!res.ok) {
    const e = new Error(body.error?.message || `HTTP ${res.status}`);
    e.body = body;
    e.status = res.status;
    throw e;
  }
  return body;
}

function errorView(e) {
  const p = e.body?.error?.problems;
  const s = e.body?.error?.suggestions;
  return h('div', { class: 'card error', role: 'alert' }, h('strong', {}, 'エラー: '), e.message,
    p ? h('ul', {}, p.map((x) => h('li', {}, h('code', {}, x.field || '/'), ' ', x.message))) : null,
    s?.length ? h('p', {}, 'もしかして: ', s.map((x) => h('a', { href: `#/article/${encodeURIComponent(x)}` }, x, ' '))) : null);
}

const articleLink = (id, label) => h('a', { href: `#/article/${encodeURIComponent(id)}`, class: 'xref', 'data-id': id }, label ?? id);

/** text with [start, end) ranges marked */
function highlighted(text, ranges) {
  const out = [];
  let at = 0;
  for (const [s, e] of [...(ranges || [])].sort((a, b) => a[0] - b[0])) {
    if (s < at) continue;
    out.push(text.slice(at, s), h('mark', {}, text.slice(s, e)));
    at = e;
  }
  out.push(text.slice(at));
  return out;
}

function today() {
  return new Date().toISOString().slice(0, 10);
}

// ───────────────────────────── search

const KINDS = { law: '法令', annotation: '通知(12畜A第728号)', rule: 'ルール', reference: '参考(人用)' };

async function searchPage(params) {
  const q = params.get('q') || '';
  const kinds = (params.get('kind') || 'law,annotation,rule').split(',');
  const chapter = params.get('chapter') || '';
  const input = h('input', { type: 'search', name: 'q', value: q, placeholder: '例: 要指示医薬品の帳簿、第百六十九条、イベルメクチン', 'aria-label': '検索語', autofocus: true });
  const kindBoxes = Object.entries(KINDS).map(([k, label]) => h('label', {}, h('input', { type: 'checkbox', name: 'kind', value: k, checked: kinds.includes(k) }), ' ', label));
  const chapterSel = h('select', { name: 'chapter', 'aria-label': '章' }, h('option', { value: '' }, 'すべての章'),
    Array.from({ length: 11 }, (_, i) => h('option', { value: String(i + 1), selected: chapter === String(i + 1) }, `第${i + 1}章`)));
  const form = h('form', { class: 'search', role: 'search', onsubmit: (ev) => {
    ev.preventDefault();
    const k = [...form.querySelectorAll('input[name=kind]:checked')].map((x) => x.value).join(',');
    const p = new URLSearchParams({ q: input.value.trim() });
    if (k && k !== 'law,annotation,rule') p.set('kind', k);
    if (chapterSel.value) p.set('chapter', chapterSel.value);
    location.hash = `#/search?${p}`;
  } }, input, h('button', { type: 'submit' }, '検索'), h('div', { class: 'filters' }, '種類:', kindBoxes, chapterSel));
  const results = h('div', { id: 'results' });
  app.replaceChildren(h('h1', {}, '動物用医薬品等取締規則を検索'), form, results);
  if (!q) {
    results.append(h('p', { class: 'muted' }, '条文・通知・ルールを横断して検索します。条番号(第169条、百六十九条)、語句(使用の期限)、成分名で探せます。'));
    return;
  }
  try {
    const p = new URLSearchParams({ q, limit: '20' });
    if (params.get('kind')) p.set('kind', params.get('kind'));
    if (chapter) p.set('chapter', chapter);
    const r = await api(`/v1/search?${p}`);
    results.append(h('p', { class: 'muted' }, `${r.total} 件`, r.refs?.length ? ` — 参照: ${r.refs.join(', ')}` : ''));
    for (const hit of r.hits) {
      let target = null;
      if (hit.kind === 'law') target = articleLink(hit.id, hit.label);
      else if (hit.kind === 'rule') target = h('a', { href: `#/rule/${encodeURIComponent(hit.id.replace(/^rule:/, ''))}` }, hit.label);
      else if (hit.kind === 'annotation' && hit.interprets?.length) target = h('span', {}, hit.label, ' → ', hit.interprets.slice(0, 3).map((x) => [articleLink(x.id, x.label), ' ']));
      else target = h('span', {}, hit.label);
      results.append(h('div', { class: 'card hit', 'data-kind': hit.kind },
        h('div', {}, h('span', { class: 'label' }, target), hit.caption ? ` (${hit.caption})` : '', h('span', { class: `badge ${hit.kind}` }, KINDS[hit.kind] || hit.kind), hit.annotations ? h('span', { class: 'badge annotation' }, `通知 ${hit.annotations}`) : null),
        h('div', { class: 'crumb' }, hit.breadcrumb),
        h('p', { class: 'snippet' }, highlighted(hit.snippet.text, hit.snippet.highlights)),
        hit.note ? h('p', { class: 'excerpt' }, hit.note) : null));
    }
  } catch (e) {
    results.append(errorView(e));
  }
}

// ───────────────────────────── article

function depthOf(node, rootId, byId) {
  let d = 0;
  for (let cur = node; cur && cur.id !== rootId && cur.parent; cur = byId.get(cur.parent)) d++;
  return Math.min(d, 4);
}

/** a node's text with its internal references as links */
function linkedText(n, refs) {
  const mine = refs.filter((r) => r.from === n.id).sort((a, b) => a.offset - b.offset);
  const out = [];
  let at = 0;
  for (const r of mine) {
    if (r.offset < at || n.text.slice(r.offset, r.offset + r.text.length) !== r.text) continue;
    out.push(n.text.slice(at, r.offset));
    if (r.kind === 'internal' && r.target) out.push(articleLink(r.target, r.text));
    else out.push(h('span', { class: 'ext', title: r.law ? `${r.law}(本データに含まれない法令)` : '外部の法令' }, r.text));
    at = r.offset + r.text.length;
  }
  out.push(n.text.slice(at));
  return out;
}

const FAMILY = { yoshiji: '要指示医薬品', dokugeki: '毒薬・劇薬', shitei: '指定医薬品', retention: '保存義務', licenses: '許可', transactions: '取引', labeling: '表示', labels: '表示', reports: '報告' };
const COVERAGE = { rules: ['ルール化済み', 'ok'], partial: ['一部ルール化', 'warn'], text: ['本文のみ(検索可)', 'unknown'], 'out-of-scope': ['対象外', 'bad'] };

async function articlePage(ref) {
  app.replaceChildren(h('p', { class: 'muted' }, '読み込み中…'));
  let a;
  try {
    a = await api(`/v1/articles/${encodeURIComponent(ref)}`);
  } catch (e) {
    app.replaceChildren(h('h1', {}, ref), errorView(e));
    return;
  }
  const byId = new Map([a.node, ...a.descendants].map((n) => [n.id, n]));
  const crumbs = a.node.breadcrumb.slice(1).map((c) => [articleLink(c.id, `${c.label}${c.caption ? ` ${c.caption}` : ''}`), ' › ']);
  const cov = a.coverage && COVERAGE[a.coverage];
  const text = h('div', { class: 'lawtext card', id: 'lawtext' },
    [a.node, ...a.descendants].filter((n) => n.text || n.kind === 'TableRow').map((n) =>
      h('div', { class: `node d${depthOf(n, a.node.id, byId)}`, id: `n-${n.id}` },
        n.id !== a.node.id ? h('span', { class: 'nlabel' }, n.label.replace(a.node.label, '') || n.label) : null,
        n.kind === 'TableRow' && n.cells ? n.cells.join(' | ') : linkedText(n, a.refsOut),
        n.deleted ? h('span', { class: 'badge bad' }, '削除') : null)));
  const rules = h('div', { id: 'rules' }, h('h2', {}, `この規定から作られたルール (${a.rules.length})`),
    a.rules.length ? a.rules.slice(0, 60).map((r) => h('div', { class: 'card rule' },
      h('div', {}, h('a', { href: `#/rule/${encodeURIComponent(r.id)}` }, r.title.length > 90 ? `${r.title.slice(0, 90)}…` : r.title)),
      h('div', { class: 'rid' }, r.id, ' · ', FAMILY[r.family] || r.family, ' · ', r.inForce ? `施行 ${r.effective.from}〜` : h('span', { class: 'badge bad' }, '現在は効力なし')),
      h('div', { class: 'excerpt' }, '根拠: ', r.citations.map((c) => [articleLink(c, byId.get(c)?.label ?? c), ' '])))) : h('p', { class: 'muted' }, 'この規定をルールとして符号化したものはありません(本文は検索できます)。'),
    a.rules.length > 60 ? h('p', { class: 'muted' }, `ほか ${a.rules.length - 60} 件`) : null);
  const anns = a.annotations.map((n) => h('div', { class: `card annotation${n.outdated?.length ? ' outdated' : ''}` },
    h('div', {}, h('strong', {}, `12畜A第728号 ${n.label}`), n.heading ? ` ${n.heading}` : '', n.outdated?.length ? h('span', { class: 'badge outdated' }, '現行規定と異なる記述あり') : null),
    (n.outdated || []).map((o) => h('div', { class: 'outdated-note' }, `⚠ ${o.point}: ${o.detail}`, o.current?.length ? [' 現行: ', o.current.map((c) => [articleLink(c), ' '])] : null)),
    h('p', { class: 'node' }, n.text)));
  const terms = h('div', {},
    a.terms.defined.map((t) => h('div', { class: 'term' }, h('strong', {}, `「${t.term}」`), ' ここで定義: ', t.definition)),
    a.terms.used.map((t) => h('div', { class: 'term' }, h('strong', {}, `「${t.term}」`), ' ', articleLink(t.node, byId.get(t.node)?.label ?? t.node), ' で定義', t.scope ? `(${t.scope})` : '', h('div', { class: 'excerpt' }, t.definition))));
  app.replaceChildren(
    h('div', { class: 'crumb muted' }, crumbs),
    h('h1', { id: 'article-title' }, a.node.label, a.node.caption ? `(${a.node.caption})` : '', cov ? h('span', { class: `badge ${cov[1]}` }, cov[0]) : null, h('span', { class: 'rid muted' }, ` [${a.node.id}]`)),
    h('div', { class: 'cols' }, h('section', {}, h('h2', {}, '条文(原文)'), text), h('section', {}, rules)),
    h('h2', {}, `通知による解釈 (${a.annotations.length})`), h('div', { id: 'annotations' }, anns.length ? anns : h('p', { class: 'muted' }, 'この規定を解釈する通知の記述はありません。')),
    h('h2', {}, '定義語'), a.terms.defined.length + a.terms.used.length ? terms : h('p', { class: 'muted' }, 'なし'),
    h('h2', {}, `この規定を参照している規定 (${a.refsIn.length})`), h('p', {}, a.refsIn.map((r) => [articleLink(r.id, r.label), ' '])));
}

// ───────────────────────────── rule

async function rulePage(id) {
  try {
    const r = await api(`/v1/rules/${encodeURIComponent(id)}`);
    app.replaceChildren(h('h1', {}, r.rule.title.length > 120 ? `${r.rule.title.slice(0, 120)}…` : r.rule.title),
      h('p', { class: 'rid' }, r.rule.id, ' · ', FAMILY[r.rule.family] || r.rule.family, ' · 施行 ', r.rule.effective.from, r.rule.effective.to ? `〜${r.rule.effective.to}` : '〜', r.source ? ` · ${r.source.file}${r.source.line ? `:${r.source.line}` : ''}` : ''),
      h('div', { class: 'cols' },
        h('section', {}, h('h2', {}, '根拠条文'), r.citations.map((c) => h('div', { class: 'card' }, articleLink(c.id, c.label), h('p', { class: 'node' }, c.excerpt)))),
        h('section', {}, h('h2', {}, 'ルール(記述のまま)'), h('pre', {}, JSON.stringify(r.spec, null, 2)))));
  } catch (e) {
    app.replaceChildren(h('h1', {}, id), errorView(e));
  }
}

// ───────────────────────────── classify

const FORMS = ['内用剤', '注射剤', '外用剤', '飼料添加剤', '体外診断用医薬品', '原体'];
const SITES = ['', '外皮', '眼', '子宮内', '膣内', '耳', 'その他'];
const SPECIES = ['牛', '馬', 'めん羊', '山羊', '豚', '犬', '猫', '鶏'];

function statusView(family, status) {
  const s = String(status);
  const table = {
    yoshiji: { required: ['要指示医薬品に該当', 'yes'], not_required: ['要指示医薬品に該当しない', 'no'], unknown: ['不明(判断できない)', 'unknown'] },
    poison: { 毒薬: ['毒薬', 'yes'], 劇薬: ['劇薬', 'yes'], none: ['毒薬・劇薬に該当しない', 'no'], unknown: ['不明(判断できない)', 'unknown'] },
    designated: { true: ['指定医薬品に該当', 'yes'], designated: ['指定医薬品に該当', 'yes'], false: ['指定医薬品に該当しない', 'no'], not_designated: ['指定医薬品に該当しない', 'no'], unknown: ['不明(判断できない)', 'unknown'] },
  };
  return table[family]?.[s] || [s, 'unknown'];
}

async function suggestFor(name, box, input) {
  box.replaceChildren();
  if (!name) return;
  try {
    const r = await api(`/v1/ingredients/${encodeURIComponent(name)}`);
    if (!r.known && r.suggestions?.length)
      box.append(h('div', { class: 'suggest', role: 'status' }, `「${name}」は登録された成分名ではありません。もしかして: `,
        r.suggestions.slice(0, 5).map((s) => h('button', { type: 'button', class: 'link', onclick: () => { input.value = s; box.replaceChildren(); } }, s))));
    else if (r.known && r.matches?.length) box.append(h('div', { class: 'suggest muted' }, `→ ${r.matches.map((m) => `${m.key}(${m.path})`).join('、')}`));
    else if (r.uncertain) box.append(h('div', { class: 'suggest' }, `判断が分かれる成分: ${r.uncertain}`));
  } catch (e) {
    /* the answer will say */
  }
}

function classifyPage(params) {
  const rows = h('div', { id: 'ingredients' });
  const addRow = (name = '', content = '') => {
    const nameIn = h('input', { type: 'text', name: 'ingredient', value: name, placeholder: '成分名 (例: イベルメクチン)', 'aria-label': '成分名', list: 'ingredient-list' });
    const contentIn = h('input', { type: 'text', name: 'content', value: content, placeholder: '含量 (例: 0.5%、任意)', 'aria-label': '含量', size: 14 });
    const sug = h('div');
    nameIn.addEventListener('change', () => suggestFor(nameIn.value.trim(), sug, nameIn));
    rows.append(h('div', { class: 'ingredient-row' }, nameIn, ' ', contentIn, sug));
  };
  addRow(params.get('ingredient') || '');
  const form = h('form', { id: 'classify-form', onsubmit: (ev) => { ev.preventDefault(); run(); } },
    h('fieldset', {}, h('legend', {}, '成分'), rows, h('button', { type: 'button', class: 'link', onclick: () => addRow() }, '+ 成分を追加')),
    h('div', { class: 'grid' },
      h('label', {}, '剤形 ', h('select', { name: 'dosageForm', 'aria-label': '剤形' }, FORMS.map((f) => h('option', { value: f, selected: f === (params.get('form') || '外用剤') }, f)))),
      h('label', {}, '適用部位 ', h('select', { name: 'applicationSite', 'aria-label': '適用部位' }, SITES.map((s) => h('option', { value: s }, s || '(指定なし)')))),
      h('label', {}, '基準日 ', h('input', { type: 'date', name: 'asOf', value: params.get('asOf') || today(), 'aria-label': '基準日' }))),
    h('fieldset', {}, h('legend', {}, '対象動物'), SPECIES.map((s) => h('label', {}, h('input', { type: 'checkbox', name: 'species', value: s }), ' ', s)),
      h('input', { type: 'text', name: 'otherSpecies', placeholder: 'その他 (読点区切り)', 'aria-label': 'その他の動物' })),
    h('button', { type: 'submit' }, '判定する'));
  const out = h('div', { id: 'answer' });
  app.replaceChildren(h('h1', {}, '要指示医薬品? 毒薬・劇薬? 指定医薬品?'), h('p', { class: 'muted' }, '成分・剤形・適用部位・対象動物から、別表第1〜第3と第163条に照らして判定します。事実が足りなければ「不明」と、その理由を示します。'), form, out);

  async function run() {
    const fd = new FormData(form);
    const names = fd.getAll('ingredient').map(String);
    const contents = fd.getAll('content').map(String);
    const ingredients = [];
    names.forEach((n, i) => {
      if (!n.trim()) return;
      const ing = { name: n.trim() };
      const m = contents[i]?.trim().match(/^([0-9.]+)\s*(%|mg|g|µg|IU)(?:\/(mL|g|錠|L))?$/);
      if (m) ing.content = { value: Number(m[1]), unit: m[2], ...(m[3] ? { per: { value: 1, unit: m[3] } } : {}) };
      ingredients.push(ing);
    });
    const species = [...fd.getAll('species').map(String), ...String(fd.get('otherSpecies') || '').split(/[,、\s]+/).filter(Boolean)];
    const product = { ingredients, dosageForm: String(fd.get('dosageForm')) };
    if (fd.get('applicationSite')) product.applicationSite = String(fd.get('applicationSite'));
    if (species.length) product.species = species;
    const asOf = String(fd.get('asOf') || '');
    out.replaceChildren(h('p', { class: 'muted' }, '判定中…'));
    try {
      const a = await api(`/v1/classify${asOf ? `?asOf=${asOf}` : ''}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(product) });
      out.replaceChildren(
        ...[['yoshiji', '要指示医薬品 (第168条・別表第3)'], ['poison', '毒薬・劇薬 (第163条・別表第2)'], ['designated', '指定医薬品 (別表第1)']].map(([k, title]) => familyCard(k, title, a[k])),
        h('p', { class: 'muted' }, `ルールセット ${a.rulesetVersion} · ${a.contentHash.slice(0, 12)} · 基準日 ${a.asOf}`),
        a.caveats?.length ? h('ul', { class: 'muted' }, a.caveats.map((c) => h('li', {}, c))) : null);
    } catch (e) {
      out.replaceChildren(errorView(e));
    }
  }
}

function familyCard(key, title, f) {
  if (!f) return null;
  const [label, cls] = statusView(key, f.status);
  const cites = new Map();
  for (const m of f.matched || []) for (const c of m.citations || []) cites.set(c.id, c);
  return h('div', { class: `card answer ${cls}`, 'data-family': key },
    h('div', { class: 'muted' }, title),
    h('div', { class: 'status', 'data-status': String(f.status) }, label),
    f.decidedBy?.length ? h('div', {}, '決め手: ', f.decidedBy.map((id) => [articleLink(id, cites.get(id)?.label ?? id), ' '])) : null,
    f.reasons?.length ? h('ul', { class: 'reasons' }, f.reasons.map((r) => h('li', {}, r.message, r.field ? h('code', {}, ` ${r.field}`) : '', r.suggestions?.length ? ` (もしかして: ${r.suggestions.join('、')})` : ''))) : null,
    (f.matched || []).length ? h('details', {}, h('summary', {}, `適用したルール (${f.matched.length})`),
      h('ul', {}, f.matched.map((m) => h('li', {}, h('a', { href: `#/rule/${encodeURIComponent(m.rule)}` }, m.rule), ` ${m.role} → ${String(m.result ?? '')}`,
        m.conditions?.length ? h('ul', {}, m.conditions.map((c) => h('li', { class: 'excerpt' }, `${c.fact} ${c.operator} ${JSON.stringify(c.value)} — 事実: ${JSON.stringify(c.factValue)} → ${String(c.result)}`))) : null)))) : null,
    cites.size ? h('ul', { class: 'citations' }, [...cites.values()].slice(0, 8).map((c) => h('li', {}, articleLink(c.id, c.label), h('div', { class: 'excerpt' }, c.excerpt)))) : null);
}

// ───────────────────────────── other questions (retention, transactions, licenses, labels, … as they land)

async function questionsPage() {
  let doc;
  try {
    doc = await api('/openapi.json');
  } catch (e) {
    app.replaceChildren(errorView(e));
    return;
  }
  const posts = Object.entries(doc.paths).flatMap(([path, ops]) => (ops.post && !path.endsWith('/batch') && path !== '/v1/classify' ? [[path, ops.post]] : []));
  const out = h('div', { id: 'question-answer' });
  const ta = h('textarea', { name: 'body', 'aria-label': 'リクエスト(JSON)' });
  const sel = h('select', { 'aria-label': '質問', onchange: () => fill() }, posts.map(([p, op]) => h('option', { value: p }, `${p} — ${op.summary}`)));
  const asOf = h('input', { type: 'date', value: today(), 'aria-label': '基準日' });
  function fill() {
    const op = posts.find(([p]) => p === sel.value)?.[1];
    const ex = op?.requestBody?.content?.['application/json']?.example;
    ta.value = JSON.stringify(ex ?? {}, null, 2);
  }
  app.replaceChildren(h('h1', {}, 'その他の質問'),
    posts.length ? h('form', { onsubmit: async (ev) => {
      ev.preventDefault();
      out.replaceChildren(h('p', { class: 'muted' }, '問い合わせ中…'));
      try {
        const a = await api(`${sel.value}?asOf=${asOf.value}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: ta.value });
        out.replaceChildren(genericAnswer(a));
      } catch (e) {
        out.replaceChildren(errorView(e));
      }
    } }, h('p', {}, sel), h('p', {}, '基準日 ', asOf), ta, h('p', {}, h('button', { type: 'submit' }, '送信'))) : h('p', { class: 'muted' }, 'このサーバーには分類以外の質問はまだありません。'),
    out);
  if (posts.length) fill();
}

const LABELS = { status: '判定', ok: '適合', keepUntil: '保存期限', dueDate: '報告期限', earliestDueDate: '最も早い期限', kind: '種類', rule: 'ルール', holder: '義務者', record: '記録', asOf: '基準日' };

/** any question's answer, for people: its main fields, reasons, needs, citations (as links), then the JSON */
function genericAnswer(a) {
  const scalars = Object.entries(a).filter(([k, v]) => !['rulesetVersion', 'contentHash', 'caveats'].includes(k) && (typeof v !== 'object' || v === null));
  const cites = new Map();
  const walk = (v, depth) => {
    if (depth > 6 || !v || typeof v !== 'object') return;
    if (Array.isArray(v)) return v.forEach((x) => walk(x, depth + 1));
    if (typeof v.id === 'string' && typeof v.label === 'string' && 'excerpt' in v) cites.set(v.id, v);
    for (const x of Object.values(v)) walk(x, depth + 1);
  };
  walk(a, 0);
  const reasons = Array.isArray(a.reasons) ? a.reasons : [];
  const needs = Array.isArray(a.needs) ? a.needs : [];
  return h('div', { class: 'card answer', id: 'generic-answer' },
    h('dl', {}, scalars.map(([k, v]) => [h('dt', {}, LABELS[k] || k), h('dd', { 'data-field': k }, String(v))])),
    reasons.length ? h('div', {}, h('strong', {}, '理由'), h('ul', { class: 'reasons' }, reasons.map((r) => h('li', {}, typeof r === 'string' ? r : r.message || JSON.stringify(r), r.field ? h('code', {}, ` ${r.field}`) : '')))) : null,
    needs.length ? h('div', {}, h('strong', {}, '不足している事実'), h('ul', {}, needs.map((n) => h('li', {}, typeof n === 'string' ? n : n.field || n.fact || JSON.stringify(n))))) : null,
    cites.size ? h('div', {}, h('strong', {}, '根拠'), h('ul', { class: 'citations' }, [...cites.values()].slice(0, 12).map((c) => h('li', {}, articleLink(c.id, c.label), h('div', { class: 'excerpt' }, c.excerpt))))) : null,
    h('p', { class: 'muted' }, `ルールセット ${a.rulesetVersion} · ${String(a.contentHash).slice(0, 12)} · 基準日 ${a.asOf}`),
    h('details', {}, h('summary', {}, 'JSON'), h('pre', {}, JSON.stringify(a, null, 2))));
}

// ───────────────────────────── coverage

async function coveragePage() {
  let r;
  try {
    r = await api('/v1/coverage');
  } catch (e) {
    app.replaceChildren(errorView(e));
    return;
  }
  const bar = (t) => {
    const b = h('div', { class: 'bar', title: `ルール ${t.rules} / 対象外 ${t.outOfScope} / 本文のみ ${t.text}` }, h('span', { class: 'r' }), h('span', { class: 'o' }));
    b.children[0].style.width = `${(100 * t.rules) / Math.max(1, t.units)}%`;
    b.children[1].style.width = `${(100 * t.outOfScope) / Math.max(1, t.units)}%`;
    return b;
  };
  const row = (name, t) => h('tr', {}, h('td', {}, name), h('td', { class: 'num' }, t.units), h('td', { class: 'num' }, t.rules), h('td', { class: 'num' }, t.text), h('td', { class: 'num' }, t.outOfScope), h('td', { class: 'num' }, `${t.encodedPercent.toFixed(1)}%`), h('td', {}, bar(t)));
  const STATUS = { rules: 'ルール', text: '本文のみ', 'out-of-scope': '対象外' };
  app.replaceChildren(h('h1', {}, '網羅状況(条・項・別表の各号)'),
    h('p', { class: 'muted' }, '各単位が ルールとして符号化済み(どのルールか)/本文のみ(検索可)/意図的に対象外(理由)のいずれか。符号化率 = ルール / (単位 − 対象外)。'),
    h('table', { id: 'coverage-table' }, h('thead', {}, h('tr', {}, ['章', '単位', 'ルール', '本文のみ', '対象外', '符号化率', ''].map((x) => h('th', {}, x)))),
      h('tbody', {}, r.chapters.map((c) => row(`${c.label}${c.caption ? ` ${c.caption}` : ''}`, c.totals)), row('合計', r.totals))),
    h('p', { class: 'muted' }, 'ルールの系統別: ', Object.entries(r.totals.byFamily).map(([f, n]) => `${FAMILY[f] || f} ${n}`).join('、')),
    h('div', { id: 'coverage-units' }, r.chapters.map((c) => h('details', {}, h('summary', {}, `${c.label}${c.caption ? ` ${c.caption}` : ''} (${c.totals.units})`),
      h('ul', {}, r.units.filter((u) => u.chapter === c.id).map((u) => h('li', {}, articleLink(u.id, u.label), ' ', h('span', { class: `badge ${u.status === 'rules' ? 'ok' : u.status === 'text' ? 'unknown' : 'bad'}` }, STATUS[u.status]),
        u.rules ? h('span', { class: 'excerpt' }, ` ${u.rules.slice(0, 4).join(', ')}${u.rules.length > 4 ? ` ほか${u.rules.length - 4}` : ''}`) : '', u.reason ? h('span', { class: 'excerpt' }, ` ${u.reason}`) : '')))))));
}

// ───────────────────────────── router

async function route() {
  const hash = location.hash.replace(/^#/, '') || '/';
  const [path, qs] = hash.split('?');
  const params = new URLSearchParams(qs || '');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const section = parts[0] || 'search';
  for (const a of document.querySelectorAll('nav a[data-nav]')) a.classList.toggle('active', a.dataset.nav === (section === 'article' || section === 'rule' ? 'search' : section));
  window.scrollTo(0, 0);
  if (section === 'search') await searchPage(params);
  else if (section === 'article') await articlePage(parts.slice(1).join('/'));
  else if (section === 'rule') await rulePage(parts.slice(1).join('/'));
  else if (section === 'classify') classifyPage(params);
  else if (section === 'questions') await questionsPage();
  else if (section === 'coverage') await coveragePage();
  else app.replaceChildren(h('h1', {}, 'ページがありません'), h('a', { href: '#/' }, '検索へ'));
  document.body.dataset.page = section;
}

window.addEventListener('hashchange', route);
route();
api('/v1/version').then((v) => {
  document.getElementById('version').textContent = `ルールセット ${v.rulesetVersion} · ${v.contentHash.slice(0, 10)} · 法令 ${v.corpus.asOf.amendment ?? ''}`;
}).catch(() => undefined);

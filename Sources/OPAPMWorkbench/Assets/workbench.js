// The workbench's authoring page. The form is drawn from the schema's shape (GET /api/form/shape), so
// every section and field of a submission is there; it is sent as the submission's JSON form, and
// everything it shows is decided by the server: the same engine as `opapm check`. Nothing here decides.
'use strict';
(() => {
  const page = document.getElementById('author');
  const state = {
    shape: null, name: page.dataset.name, version: page.dataset.version || null,
    timer: null, sequence: 0, report: null,
    // Lists longer than this are kept whole instead of drawn (`kept`, by key, for reading the form back).
    largestDrawnList: 500, kept: new Map(),
  };
  const words = { cehrt: 'CEHRT', qp: 'QP', apm: 'APM', tin: 'TIN', npi: 'NPI', cms: 'CMS', id: 'id' };
  const titles = { attestation: 'Certification (attestation)', qpFigures: 'QP figures', apmEntities: 'APM Entities',
    apmEntity: 'APM Entity', cehrt: 'CEHRT', lossSharing: 'Loss sharing (bands of the overrun)' };

  /** "eligibleClinicianCount" as "Eligible clinician count". */
  function label(name) {
    if (titles[name]) return titles[name];
    const parts = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').split(' ').map((w) => words[w.toLowerCase()] || w.toLowerCase());
    const text = parts.join(' ');
    return text.charAt(0).toUpperCase() + text.slice(1);
  }

  function element(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attributes || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
      else if (key === 'text') node.textContent = value;
      else node.setAttribute(key, value === true ? '' : value);
    }
    for (const child of children) if (child) node.append(child);
    return node;
  }

  function join(field, name) { return field ? field + '.' + name : name; }

  /** A new value for an element: its required parts, blank. */
  function blank(shape) {
    if (!shape.attributes.length && !shape.children.length) return '';
    const value = {};
    for (const child of shape.children) {
      if (!child.required) continue;
      value[child.element.name] = child.repeats ? [blank(child.element)] : blank(child.element);
    }
    return value;
  }

  // MARK: drawing the form

  function control(field, name, value, type, required) {
    const attributes = { 'data-control': name, id: 'f-' + field, name: field, oninput: changed, onchange: changed };
    let node;
    if (type.choices.length) {
      node = element('select', attributes, element('option', { value: '', text: required ? 'choose…' : '(not given)' }));
      for (const choice of type.choices) node.append(element('option', { value: choice, text: choice, selected: choice === value }));
    } else if (type.type === 'Text') {
      node = element('textarea', Object.assign(attributes, { rows: 2 }));
      node.value = value || '';
    } else {
      const hint = { 'xs:date': 'YYYY-MM-DD', Money: 'dollars, e.g. 10000000.00', Percent: 'percent, e.g. 40',
        OverrunPercent: 'percent of expected expenditures' }[type.type];
      node = element('input', Object.assign(attributes, { type: 'text', placeholder: hint || null }));
      node.value = value || '';
    }
    return node;
  }

  /** One field: a label, its control, and room for the findings about it. */
  function leaf(field, name, value, type, required, caption) {
    return element('div', { class: 'slot leaf', 'data-name': name, 'data-kind': 'text', 'data-field': field },
      element('label', { for: 'f-' + field }, caption || label(name), required ? element('span', { class: 'req', text: ' *' }) : null),
      control(field, name, value, type, required), element('div', { class: 'notes' }));
  }

  /** An element's fieldset; `required`: whether the element itself must be given (its parts' stars). */
  function objectBox(shape, value, field, caption, required = true) {
    const box = element('fieldset', { class: 'object', 'data-field': field },
      element('legend', { text: caption || label(shape.name) }));
    const slots = element('div', { class: 'slots' });
    for (const attribute of shape.attributes) {
      slots.append(leaf(join(field, attribute.name), attribute.name, value[attribute.name], attribute.value, required && attribute.required));
    }
    if (shape.text) slots.append(leaf(join(field, 'value'), 'value', value.value, shape.text, required, label(shape.name)));
    for (const child of shape.children) slots.append(childSlot(child, value[child.element.name], join(field, child.element.name)));
    box.append(element('div', { class: 'notes' }), slots);
    // The picker and the chart are made once and moved into each new drawing, so a redraw keeps what
    // is typed in the search and the chart stays the same node.
    if (shape.name === 'qualityMeasures') box.append(state.picker);
    if (shape.name === 'lossSharing') box.append(state.chart);
    return box;
  }

  function childSlot(child, value, field) {
    const shape = child.element;
    const plain = !shape.attributes.length && !shape.children.length;
    if (child.repeats) {
      const items = Array.isArray(value) ? value : [];
      if (items.length > state.largestDrawnList) {
        // A roster of thousands of clinicians is kept as it is, not drawn as thousands of fields.
        const key = String(state.kept.size);
        state.kept.set(key, items);
        return element('div', { class: 'slot list kept', 'data-name': shape.name, 'data-kind': 'kept', 'data-keep': key, 'data-field': field },
          element('h4', { text: label(shape.name) }),
          element('p', { text: `${items.length} entries, kept as they are: too many to edit here; edit them in the XML` }),
          element('div', { class: 'notes' }));
      }
      const slot = element('div', { class: 'slot list', 'data-name': shape.name, 'data-kind': 'list', 'data-field': field });
      slot.append(element('h4', { text: label(shape.name) + (child.maximum ? ` (at most ${child.maximum})` : '') }),
        element('div', { class: 'notes' }));
      const list = element('div', { class: 'items' });
      items.forEach((item, index) => {
        const itemField = `${field}[${index}]`;
        const body = plain ? leaf(itemField, shape.name, item, shape.text, child.required, `${label(shape.name)} ${index + 1}`)
          : objectBox(shape, item || {}, itemField, `${label(shape.name)} ${index + 1}`);
        list.append(element('div', { class: 'item', 'data-kind': plain ? 'text' : 'object' }, body,
          element('button', { type: 'button', class: 'remove', text: 'Remove', onclick: () => restructure((v) => { (getAt(v, field) || []).splice(index, 1); }) })));
      });
      slot.append(list);
      if (!child.maximum || items.length < child.maximum) {
        slot.append(element('button', { type: 'button', class: 'add', 'data-add': field, text: 'Add ' + label(shape.name).toLowerCase(),
          onclick: () => restructure((v) => { const list = getAt(v, field) || []; list.push(blank(shape)); setAt(v, field, list); }) }));
      }
      return slot;
    }
    if (plain) return leaf(field, shape.name, value, shape.text, child.required);
    // An optional element of attributes and text only (an amount with its basis) is always shown:
    // left blank, it is not given. One with sections of its own is added with a button.
    const flat = !shape.children.length;
    const slot = element('div', { class: 'slot', 'data-name': shape.name, 'data-kind': 'object', 'data-field': field + '#slot' });
    if (value === undefined && !child.required && !flat) {
      slot.dataset.kind = 'absent';
      slot.append(element('button', { type: 'button', class: 'add', 'data-add': field, text: 'Add ' + label(shape.name).toLowerCase(),
        onclick: () => restructure((v) => setAt(v, field, blank(shape))) }));
      return slot;
    }
    slot.append(objectBox(shape, value || {}, field, undefined, child.required));
    if (!child.required && !flat) {
      slot.append(element('button', { type: 'button', class: 'remove', text: 'Remove ' + label(shape.name).toLowerCase(),
        onclick: () => restructure((v) => setAt(v, field, undefined)) }));
    }
    return slot;
  }

  // MARK: reading the form back

  function collectSlots(slots) {
    const value = {};
    for (const slot of slots.children) {
      const name = slot.dataset.name;
      if (slot.dataset.kind === 'text') value[name] = slot.querySelector('[data-control]').value;
      else if (slot.dataset.kind === 'object') value[name] = collectObject(slot.querySelector(':scope > fieldset'));
      else if (slot.dataset.kind === 'kept') value[name] = state.kept.get(slot.dataset.keep);
      else if (slot.dataset.kind === 'list') {
        value[name] = [...slot.querySelector(':scope > .items').children].map((item) => item.dataset.kind === 'text'
          ? item.querySelector('[data-control]').value : collectObject(item.querySelector(':scope > fieldset')));
      }
    }
    return value;
  }

  function collectObject(box) { return collectSlots(box.querySelector(':scope > .slots')); }

  function current() { return collectObject(document.querySelector('#form > fieldset')); }

  /** "arrangement.apmEntities.apmEntity[1].name" as keys and positions. */
  function pathParts(field) {
    return field.split('.').flatMap((part) => {
      const match = part.match(/^(.*)\[(\d+)\]$/);
      return match ? [match[1], Number(match[2])] : [part];
    });
  }

  function getAt(root, field) {
    let node = root;
    for (const part of pathParts(field)) {
      if (node === undefined || node === null) return undefined;
      node = node[part];
    }
    return node;
  }

  function setAt(root, field, value) {
    const parts = pathParts(field);
    let node = root;
    for (const part of parts.slice(0, -1)) {
      if (node[part] === undefined || node[part] === null || node[part] === '') node[part] = {};
      node = node[part];
    }
    const last = parts[parts.length - 1];
    if (value === undefined) delete node[last]; else node[last] = value;
  }

  /** A structural change (a list item added or removed, a section added): the form as it now is, changed, redrawn. */
  function restructure(change) {
    const value = current();
    change(value);
    draw(value);
    changed();
  }

  function draw(value) {
    const form = document.getElementById('form');
    state.kept = new Map();
    form.replaceChildren(objectBox(state.shape, value, '', 'Submission'));
    if (state.report) showReport(state.report);
  }

  // MARK: the measure picker

  function performanceYear(value) {
    const years = ((value || {}).performanceYears || {}).year || [];
    return years.find((y) => /^\d{4}$/.test(y)) || '2024';
  }

  function measurePicker() {
    const results = element('ul', { id: 'measure-results', class: 'picks' });
    const search = element('input', { type: 'search', id: 'measure-search', placeholder: 'id or words of the title',
      oninput: () => findMeasures(search.value, results) });
    return element('div', { class: 'picker' }, element('label', { for: 'measure-search', text: 'Find a MIPS measure of the year ' }), search, results);
  }

  async function findMeasures(text, results) {
    const year = performanceYear(current());
    const sequence = state.pickSequence = (state.pickSequence || 0) + 1;
    const response = await fetch(`/api/measures?year=${encodeURIComponent(year)}&q=${encodeURIComponent(text)}`);
    if (sequence !== state.pickSequence) return;  // typed on meanwhile
    if (!response.ok) { results.replaceChildren(element('li', { text: 'no catalogue for ' + year })); return; }
    const found = await response.json();
    if (sequence !== state.pickSequence) return;
    results.replaceChildren(...found.measures.map((measure) => element('li', {},
      element('button', { type: 'button', 'data-measure': measure.id, text: 'Add', onclick: () => addMeasure(measure) }),
      ` ${measure.id} — ${measure.title} `, element('span', { class: 'type', text: `(${measure.type}${measure.outcome ? ', an outcome measure' : ''})` }))));
  }

  function addMeasure(measure) {
    restructure((value) => {
      const field = 'arrangement.qualityMeasures.measure';
      const list = (getAt(value, field) || []).filter((m) => m.id || m.title);
      list.push({ id: measure.id, source: 'mips-list', outcome: measure.outcome ? 'true' : '', paymentDependent: '', title: measure.title });
      setAt(value, field, list);
    });
  }

  // MARK: the live determination

  function changed() {
    clearTimeout(state.timer);
    state.timer = setTimeout(check, 250);
    drawBands(null);
  }

  async function check() {
    const sequence = ++state.sequence;
    const name = fileName() || 'submission.xml';
    const response = await fetch(`/api/check?name=${encodeURIComponent(name)}`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(current()) });
    if (sequence !== state.sequence) return;  // a later edit has been sent meanwhile
    const body = await response.json();
    if (!response.ok) { status(body.detail || body.title, 'error'); return; }
    state.report = body;
    showReport(body);
  }

  /** The field an element path names, as the server maps it (`SubmissionForm.field(forElementPath:)`). */
  function fieldOf(path) {
    const segments = (path || '').split('/').filter(Boolean);
    if (segments.shift() !== state.shape.name) return '';
    let shape = state.shape;
    let field = '';
    for (const segment of segments) {
      const name = segment.replace(/\[.*$/, '');
      const position = Number((segment.match(/\[(\d+)\]/) || [0, 1])[1]);
      const child = shape.children.find((c) => c.element.name === name);
      if (!child) break;
      field = join(field, child.repeats ? `${name}[${position - 1}]` : name);
      shape = child.element;
    }
    return field;
  }

  function note(finding, year) {
    const box = element('div', { class: `finding ${finding.severity}`, 'data-rule': finding.rule },
      element('strong', { text: `[${finding.rule}] ` }), (year ? `PY${year}: ` : '') + finding.message);
    if (finding.citation) box.append(element('div', { class: 'cite', text: 'cite: ' + finding.citation }));
    if (finding.law && finding.law.length) {
      box.append(element('div', { class: 'law', text: 'law: ' + finding.law.map((l) => `${l.name} ${l.value} (${l.provenance})`).join('; ') }));
    }
    if (finding.help) box.append(element('div', { class: 'help', text: 'how to fix: ' + finding.help }));
    return box;
  }

  /** Where notes about a field go: its own, else the submission's. */
  function notesFor(field) {
    return document.querySelector(`[data-field="${CSS.escape(field)}"] > .notes`)
      || document.querySelector(`[data-field="${CSS.escape(field)}#slot"] > fieldset > .notes`)
      || document.querySelector('#form > fieldset > .notes');
  }

  function place(finding, year) {
    const target = notesFor(fieldOf(finding.path));
    if (target) target.append(note(finding, year));
  }

  function showReport(report) {
    for (const old of document.querySelectorAll('#form .notes > *')) old.remove();
    const file = report.files[0];
    const panel = document.getElementById('decision');
    const rows = [];
    for (const finding of file.findings) { place(finding); rows.push(note(finding)); }
    for (const arrangement of file.arrangements) {
      const year = arrangement.performanceYear;
      const item = element('section', { class: 'year ' + arrangement.determination, 'data-year': year },
        element('h3', { text: `PY${year}: ${arrangement.determination.replace('-', ' ')}` }));
      for (const finding of arrangement.findings) {
        if (finding.severity === 'info') continue;
        place(finding, year);
        item.append(note(finding, year));
      }
      for (const remedy of arrangement.wouldPass || []) {
        const text = `would pass [${remedy.rule}]: ${remedy.change}`;
        item.append(element('div', { class: 'remedy', 'data-rule': remedy.rule, text }));
        // And beside the field the change is to (the band, the cap, the CEHRT share…).
        const target = notesFor(fieldOf(remedy.path));
        if (target) target.append(element('div', { class: 'remedy', 'data-rule': remedy.rule, text: `PY${year}: ${text}` }));
      }
      rows.push(item);
    }
    if (!file.arrangements.length && !file.findings.length) rows.push(element('p', { text: 'nothing decided yet' }));
    panel.replaceChildren(element('h2', { text: 'Determination' }), ...rows);
    const decided = file.arrangements.find((a) => a.figures && a.figures.liabilityCurve);
    drawBands(decided ? decided.figures : null);
  }

  // MARK: the loss-band chart

  /** The bands' sharing rates as typed, and, once decided, the engine's liability curve and the window. */
  let lastFigures = null;
  function drawBands(figures) {
    if (figures) lastFigures = figures;
    const chart = state.chart;
    if (!chart || !chart.isConnected) return;
    const value = current();
    const bands = ((((value.arrangement || {}).financialRisk || {}).lossSharing || {}).band || [])
      .map((b) => ({ from: Number(b.fromPercent), to: b.toPercent === '' || b.toPercent === undefined ? null : Number(b.toPercent), rate: Number(b.ratePercent) }))
      .filter((b) => Number.isFinite(b.from) && Number.isFinite(b.rate));
    const f = lastFigures || {};
    const curve = f.liabilityCurve || [];
    const maxX = Math.max(20, ...bands.map((b) => (b.to === null ? b.from + 10 : b.to)), ...curve.map((p) => p.overrunPercent)) * 1.05;
    const width = 420, height = 200, left = 36, bottom = 24;
    const x = (v) => left + (v / maxX) * (width - left - 8);
    const y = (v) => height - bottom - (v / 100) * (height - bottom - 8);
    const ns = 'http://www.w3.org/2000/svg';
    const svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', 'sharing rate by overrun, liability curve and marginal-risk window');
    function add(tag, attributes, text) {
      const node = document.createElementNS(ns, tag);
      for (const [k, v] of Object.entries(attributes)) node.setAttribute(k, v);
      if (text) node.textContent = text;
      svg.append(node);
      return node;
    }
    if (f.marginalWindowStartPercent !== undefined && f.marginalWindowEndPercent !== undefined) {
      add('rect', { class: 'window', x: x(f.marginalWindowStartPercent), y: 8, width: Math.max(1, x(f.marginalWindowEndPercent) - x(f.marginalWindowStartPercent)), height: height - bottom - 8 });
      add('text', { x: x(f.marginalWindowStartPercent) + 2, y: 18, class: 'small' }, `window ${f.marginalWindowStartPercent}%–${f.marginalWindowEndPercent}%`);
    }
    if (f.marginalRiskMinimumPercent !== undefined) {
      add('line', { class: 'minimum', x1: x(0), x2: x(maxX), y1: y(f.marginalRiskMinimumPercent), y2: y(f.marginalRiskMinimumPercent) });
      add('text', { x: width - 100, y: y(f.marginalRiskMinimumPercent) - 3, class: 'small' }, `minimum ${f.marginalRiskMinimumPercent}%`);
    }
    for (const band of bands) {
      const end = band.to === null ? maxX : band.to;
      add('rect', { class: 'band', x: x(band.from), y: y(band.rate), width: Math.max(1, x(end) - x(band.from)), height: y(0) - y(band.rate) });
    }
    if (curve.length) {
      add('polyline', { class: 'curve', points: curve.map((p) => `${x(p.overrunPercent)},${y(p.liabilityPercent)}`).join(' ') });
    }
    add('line', { class: 'axis', x1: x(0), x2: x(maxX), y1: y(0), y2: y(0) });
    add('line', { class: 'axis', x1: x(0), x2: x(0), y1: y(0), y2: y(100) });
    add('text', { x: left, y: height - 6, class: 'small' }, 'overrun, % of expected expenditures →');
    add('text', { x: 2, y: 14, class: 'small' }, '100%');
    chart.replaceChildren(element('p', { class: 'legend', text: 'bars: sharing rate of each band; line: liability (% of expected expenditures)' }), svg);
  }

  // MARK: saving

  function fileName() {
    const input = document.getElementById('file-name');
    return input ? input.value.trim() : state.name;
  }

  function status(text, kind) {
    const node = document.getElementById('status');
    node.textContent = text;
    node.className = kind || '';
  }

  async function save() {
    const name = fileName();
    if (!/^[^/\\.][^/\\]*\.xml$/.test(name)) { status('name the file NAME.xml', 'error'); return; }
    const headers = { 'Content-Type': 'application/json' };
    if (state.version) headers['If-Match'] = state.version; else headers['If-None-Match'] = '*';
    const response = await fetch('/api/submissions/' + encodeURIComponent(name), { method: 'PUT', headers, body: JSON.stringify(current()) });
    const body = await response.json();
    if (!response.ok) { status(`not saved: ${body.title}: ${body.detail}`, 'error'); return; }
    state.version = body.version;
    state.name = name;
    const input = document.getElementById('file-name');
    if (input) input.readOnly = true;
    status(`saved ${body.file}`, 'saved');
  }

  async function start() {
    state.shape = await (await fetch('/api/form/shape')).json();
    let value;
    if (state.name) {
      const response = await fetch(`/api/submissions/${encodeURIComponent(state.name)}/form`);
      if (!response.ok) { status((await response.json()).detail, 'error'); return; }
      state.version = response.headers.get('ETag');
      value = await response.json();
    } else {
      value = blank(state.shape);
      value.version = state.shape.attributes[0].value.choices.slice(-1)[0];
    }
    state.picker = measurePicker();
    state.chart = element('div', { id: 'band-chart', class: 'chart' });
    document.getElementById('save').addEventListener('click', save);
    document.getElementById('form').addEventListener('submit', (event) => event.preventDefault());
    draw(value);
    check();
    page.dataset.ready = 'true';
  }

  start();
})();

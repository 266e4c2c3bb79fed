// Building the page from data: every text goes in as text (never as HTML), so nothing the API returns
// (an agent's name, an argument, a reason) can become markup.

export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2).toLowerCase(), value);
    } else if (name === 'class') {
      element.className = value;
    } else if (value === true) {
      element.setAttribute(name, '');
    } else {
      element.setAttribute(name, String(value));
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(element, child);
    else if (child instanceof Node) element.appendChild(child);
    else element.appendChild(document.createTextNode(String(child)));
  }
}

export function svg(tag, attributes = {}, ...children) {
  const element = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== undefined && value !== null) element.setAttribute(name, String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null) continue;
    element.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

export function replace(target, ...children) {
  target.replaceChildren();
  append(target, children);
  return target;
}

/** "in 3 h 20 min", "12 min ago": how long until (or since) an instant, for SLA timers. */
export function relative(instant, now = Date.now()) {
  if (!instant) return '';
  const ms = new Date(instant).getTime() - now;
  const minutes = Math.round(Math.abs(ms) / 60000);
  let text;
  if (minutes < 1) text = 'under a minute';
  else if (minutes < 60) text = `${minutes} min`;
  else if (minutes < 48 * 60) text = `${Math.floor(minutes / 60)} h ${minutes % 60} m`;
  else text = `${Math.floor(minutes / 1440)} days`;
  return ms >= 0 ? `in ${text}` : `${text} ago`;
}

export function dateTime(instant) {
  if (!instant) return '';
  const date = new Date(instant);
  return Number.isNaN(date.getTime()) ? String(instant) : date.toLocaleString(undefined, {
    year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit',
  });
}

export function number(value, digits = 2) {
  if (value === undefined || value === null || value === '') return '—';
  const n = Number(value);
  return Number.isFinite(n) ? n.toLocaleString(undefined, { maximumFractionDigits: digits }) : String(value);
}

export function percent(value) {
  if (value === undefined || value === null) return '—';
  return `${(Number(value) * 100).toLocaleString(undefined, { maximumFractionDigits: 1 })} %`;
}

/** A compact, readable rendering of JSON arguments: one row per member. */
export function argumentsTable(args, caption = 'Arguments') {
  const rows = Object.entries(args || {}).map(([key, value]) =>
    h('tr', {}, h('th', { scope: 'row' }, key),
      h('td', {}, typeof value === 'object' ? JSON.stringify(value) : String(value))));
  return h('table', { class: 'kv' }, h('caption', {}, caption), h('tbody', {}, rows));
}

export function badge(text, kind) {
  return h('span', { class: `badge ${kind || String(text).toLowerCase().replace(/[^a-z_]/g, '')}` }, text);
}

export function heading(text, ...extra) {
  return h('div', { class: 'page-head' }, h('h1', {}, text), ...extra);
}

export function empty(text) {
  return h('p', { class: 'empty' }, text);
}

export function download(filename, type, content) {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = h('a', { href: url, download: filename });
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function toast(text) {
  const box = document.getElementById('toast');
  box.textContent = text;
  box.classList.add('shown');
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => box.classList.remove('shown'), 5000);
}

/** A wide table scrolls sideways on a tablet; the region takes keyboard focus so it scrolls without a mouse. */
export function scrollRegion(label, table) {
  return h('div', { class: 'table-scroll', role: 'region', 'aria-label': label, tabindex: '0' }, table);
}

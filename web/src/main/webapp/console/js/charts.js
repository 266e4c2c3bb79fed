// Small hand-drawn SVG charts. Each picture is an image named by what it shows, with a sentence summing it up
// under it and a table of the same numbers, so nobody has to read a value off a line.
import { h, svg } from './dom.js';

const WIDTH = 640;
let counter = 0;

/**
 * A daily series. series: [{ name, points: [{ day: 'YYYY-MM-DD', value }], alt }]; target: { name, value } drawn
 * as a dashed line; format writes a value for the axis, the summary and the table.
 */
export function lineChart({ title, series, target, format = String, max, summary }) {
  const height = 220;
  const m = { top: 14, right: 16, bottom: 30, left: 64 };
  const days = [...new Set(series.flatMap(s => s.points.map(p => p.day)))].sort();
  const values = series.flatMap(s => s.points.map(p => p.value)).filter(v => v !== null && v !== undefined);
  if (target?.value !== undefined && target?.value !== null) values.push(target.value);
  const top = max ?? niceMax(Math.max(0, ...values));
  const first = time(days[0]);
  const span = time(days[days.length - 1]) - first;
  const plotWidth = WIDTH - m.left - m.right;
  const x = day => m.left + (span === 0 ? plotWidth / 2 : ((time(day) - first) / span) * plotWidth);
  const y = value => height - m.bottom - (value / (top || 1)) * (height - m.top - m.bottom);
  const grid = [0, top / 2, top].map(v => [
    svg('line', { class: 'grid', x1: m.left, x2: WIDTH - m.right, y1: y(v), y2: y(v) }),
    svg('text', { x: m.left - 6, y: y(v) + 4, 'text-anchor': 'end' }, format(v)),
  ]);
  const xLabels = [...new Set([days[0], days[Math.floor(days.length / 2)], days[days.length - 1]])].map((day, i, all) =>
    svg('text', { x: x(day), y: height - 8, 'text-anchor': all.length === 1 ? 'middle' : ['start', 'middle', 'end'][i] }, day));
  const lines = series.map(s => {
    const known = s.points.filter(p => p.value !== null && p.value !== undefined).sort((a, b) => a.day.localeCompare(b.day));
    return svg('g', {},
      known.length > 1 ? svg('polyline', { class: `line${s.alt ? ' alt' : ''}`, points: known.map(p => `${x(p.day)},${y(p.value)}`).join(' ') }) : null,
      ...known.map(p => svg('circle', { class: `dot${s.alt ? ' alt' : ''}`, cx: x(p.day), cy: y(p.value), r: 3 })));
  });
  const targetLine = target?.value !== undefined && target?.value !== null
    ? svg('line', { class: 'target', x1: m.left, x2: WIDTH - m.right, y1: y(target.value), y2: y(target.value) }) : null;
  const legend = [...series.map(s => ({ name: s.name, kind: s.alt ? 'line alt' : 'line' })),
    ...(targetLine ? [{ name: `${target.name || 'Target'}: ${format(target.value)}`, kind: 'target' }] : [])];
  const described = summary || lineSummary(series, target, format);
  const table = h('table', {},
    h('caption', {}, title),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Day'), series.map(s => h('th', { scope: 'col', class: 'num' }, s.name)),
      targetLine ? h('th', { scope: 'col', class: 'num' }, target.name || 'Target') : null)),
    h('tbody', {}, days.map(day => h('tr', {}, h('th', { scope: 'row' }, day),
      series.map(s => h('td', { class: 'num' }, format(s.points.find(p => p.day === day)?.value))),
      targetLine ? h('td', { class: 'num' }, format(target.value)) : null))));
  return figure(title, described, legend, height,
    [svg('line', { class: 'axis', x1: m.left, x2: WIDTH - m.right, y1: y(0), y2: y(0) }), grid, targetLine, lines, xLabels], table);
}

/** Horizontal bars, one per label: bars: [{ label, value }]; negative values grow left of zero. */
export function barChart({ title, bars, format = String, summary }) {
  const row = 28;
  const m = { top: 8, right: 96, bottom: 8, left: 220 };
  const height = m.top + m.bottom + bars.length * row;
  const low = Math.min(0, ...bars.map(b => b.value ?? 0));
  const high = Math.max(0, ...bars.map(b => b.value ?? 0));
  const x = value => m.left + ((value - low) / ((high - low) || 1)) * (WIDTH - m.left - m.right);
  const shapes = bars.map((b, i) => {
    const top = m.top + i * row;
    const value = b.value ?? 0;
    return svg('g', {},
      svg('text', { x: m.left - 8, y: top + row / 2 + 4, 'text-anchor': 'end' }, clip(b.label, 32)),
      svg('rect', { class: `bar${value < 0 ? ' alt' : ''}`, x: Math.min(x(0), x(value)), y: top + 5, height: row - 10,
        width: Math.max(1, Math.abs(x(value) - x(0))) }),
      svg('text', { x: Math.max(x(0), x(value)) + 6, y: top + row / 2 + 4 }, format(b.value)));
  });
  const described = summary || bars.map(b => `${b.label}: ${format(b.value)}`).join('; ');
  const table = h('table', {},
    h('caption', {}, title),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Item'), h('th', { scope: 'col', class: 'num' }, 'Value'))),
    h('tbody', {}, bars.map(b => h('tr', {}, h('th', { scope: 'row' }, b.label), h('td', { class: 'num' }, format(b.value))))));
  return figure(title, described, [], height,
    [svg('line', { class: 'axis', x1: x(0), x2: x(0), y1: m.top, y2: height - m.bottom }), shapes], table);
}

function figure(title, described, legend, height, shapes, table) {
  const id = `chart-${++counter}`;
  return h('figure', { class: 'chart-figure' },
    h('figcaption', { id: `${id}-caption` }, title),
    legend.length ? h('ul', { class: 'legend' }, legend.map(item => h('li', {},
      svg('svg', { width: 28, height: 10, 'aria-hidden': 'true', focusable: 'false' },
        svg('line', { class: item.kind, x1: 0, x2: 28, y1: 5, y2: 5 })), item.name))) : null,
    svg('svg', { class: 'chart', viewBox: `0 0 ${WIDTH} ${height}`, role: 'img', 'aria-label': `${title}. ${described}` },
      svg('title', {}, `${title}. ${described}`), shapes.flat(Infinity)),
    h('p', { class: 'chart-summary' }, described),
    h('details', { class: 'chart-numbers' }, h('summary', {}, `The numbers: ${title}`), table));
}

function lineSummary(series, target, format) {
  return series.map(s => {
    const known = s.points.filter(p => p.value !== null && p.value !== undefined).sort((a, b) => a.day.localeCompare(b.day));
    if (known.length === 0) return `${s.name}: no value`;
    const values = known.map(p => p.value);
    const last = known[known.length - 1];
    return `${s.name}: ${format(last.value)} on ${last.day}, lowest ${format(Math.min(...values))}, highest ${format(Math.max(...values))}`;
  }).join('; ') + (target?.value !== undefined && target?.value !== null ? `; ${target.name || 'target'} ${format(target.value)}` : '') + '.';
}

function niceMax(value) {
  if (value <= 0) return 1;
  const step = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 2.5, 5, 10].map(f => f * step).find(v => v >= value);
}

function time(day) {
  return Date.parse(`${day}T00:00:00Z`);
}

function clip(text, length) {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

/**
 * Draws a SeriesChart with chart.js. Only what a line chart on a linear day axis needs is registered
 * (no chart.js/auto, no date adapter, no Tooltip plugin: chart.js's core alone is ~41 KB gzip of the
 * 50 KB page budget); days are plain numbers labelled by dayTicks, and a one-line readout under the
 * canvas names the nearest point.
 */
import { Chart, LinearScale, LineController, LineElement, PointElement, type ChartConfiguration, type Plugin } from 'chart.js';
import { dayTicks, type ChartData } from '../core/chart-data.ts';
import { day as parseIso } from '../core/dates.ts';
import { valueText } from '../lib/format.ts';
import { axisText, readoutText } from './chart-text.ts';

Chart.register(LineController, LineElement, PointElement, LinearScale);

function colors(el: Element) {
  const css = getComputedStyle(el);
  const v = (name: string) => css.getPropertyValue(name).trim();
  return { now: v('--chart-now'), then: v('--chart-then'), mark: v('--chart-mark'), note: v('--chart-note'), grid: v('--chart-grid'), text: v('--chart-text'), font: v('--font-ui'), bg: v('--bg') };
}

type Point = { x: number; y: number | null };

export function drawChart(host: HTMLElement, data: ChartData): Chart<'line', Point[]> {
  const wrap = document.createElement('div');
  wrap.className = 'chart-canvas';
  const canvas = document.createElement('canvas');
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', host.querySelector('svg title')?.textContent ?? data.name);
  const readout = document.createElement('p');
  readout.className = 'chart-readout';
  readout.setAttribute('aria-hidden', 'true');
  wrap.append(canvas);
  host.append(wrap, readout);

  const points = (xs: number[], ys: (number | null)[]): Point[] => xs.map((x, i) => ({ x: data.x0 + x, y: ys[i] ?? null }));
  const n = data.note;
  const noteDay = n ? parseIso(n) : NaN;
  const from = data.x0;
  const to = data.x0 + data.span;
  const labels = new Map<number, string>();
  let c = colors(host);
  const markLabel = data.mark === null ? '' : `threshold ${valueText({ kind: 'number', unit: data.unit, decimals: data.decimals ?? undefined }, data.mark)}`;
  let active: { x: number; y: number } | undefined;

  // The note's date and the threshold under the lines; the threshold's label and the hovered point over them.
  const marks: Plugin<'line'> = {
    id: 'asofMarks',
    beforeDatasetsDraw({ ctx, chartArea: a, scales }) {
      ctx.save();
      ctx.lineWidth = 1;
      if (noteDay >= from && noteDay <= to) {
        const x = scales.x!.getPixelForValue(noteDay);
        ctx.strokeStyle = c.note;
        ctx.setLineDash([4, 3]);
        ctx.beginPath();
        ctx.moveTo(x, a.top);
        ctx.lineTo(x, a.bottom);
        ctx.stroke();
        ctx.fillStyle = c.text;
        ctx.font = `12px ${c.font}`;
        const right = x > a.right - 40;
        ctx.textAlign = right ? 'right' : 'left';
        ctx.fillText('note', x + (right ? -4 : 4), a.top + 12);
      }
      if (data.mark !== null) {
        const y = scales.y!.getPixelForValue(data.mark);
        ctx.strokeStyle = c.mark;
        ctx.lineWidth = 1.25;
        ctx.setLineDash([]);
        ctx.beginPath();
        ctx.moveTo(a.left, y);
        ctx.lineTo(a.right, y);
        ctx.stroke();
      }
      ctx.restore();
    },
    afterDatasetsDraw({ ctx, chartArea: a, scales }) {
      ctx.save();
      if (data.mark !== null) {
        // Over the lines, with a halo in the page colour, so a line running through it stays readable.
        const y = scales.y!.getPixelForValue(data.mark);
        const below = y - a.top < 16;
        ctx.font = `12px ${c.font}`;
        ctx.textAlign = 'right';
        ctx.strokeStyle = c.bg;
        ctx.lineWidth = 3;
        ctx.lineJoin = 'round';
        ctx.strokeText(markLabel, a.right - 2, below ? y + 14 : y - 4);
        ctx.fillStyle = c.mark;
        ctx.fillText(markLabel, a.right - 2, below ? y + 14 : y - 4);
      }
      ctx.restore();
      if (!active) return;
      ctx.save();
      ctx.fillStyle = c.now;
      ctx.beginPath();
      ctx.arc(active.x, active.y, 3.5, 0, 2 * Math.PI);
      ctx.fill();
      ctx.restore();
    },
  };

  const config: ChartConfiguration<'line', Point[]> = {
    type: 'line',
    data: {
      datasets: [
        // Dotted (round dots), unlike the dashed note line and the solid threshold.
        { data: points(data.revised.x, data.revised.y), borderColor: c.then, borderDash: [0.1, 4.5], borderCapStyle: 'round', borderWidth: 3, pointRadius: 0, spanGaps: false },
        { data: points(data.current.x, data.current.y), borderColor: c.now, borderWidth: 1.75, pointRadius: 0 },
      ],
    },
    options: {
      animation: false,
      maintainAspectRatio: false,
      parsing: false,
      normalized: true,
      events: [],
      scales: {
        x: {
          type: 'linear',
          min: from,
          max: to,
          grid: { display: false },
          ticks: { color: c.text, maxRotation: 0, autoSkip: false, font: { size: 12 }, callback: (value) => labels.get(Number(value)) ?? '' },
          afterBuildTicks: (scale) => {
            const ticks = dayTicks(from, to, scale.width < 420 ? 4 : 6);
            labels.clear();
            for (const t of ticks) labels.set(t.day, t.label);
            scale.ticks = ticks.map((t) => ({ value: t.day }));
          },
        },
        y: {
          type: 'linear',
          suggestedMin: data.mark ?? undefined,
          suggestedMax: data.mark ?? undefined,
          grid: { color: c.grid },
          ticks: { color: c.text, maxTicksLimit: 6, font: { size: 12 }, callback: (value) => axisText(data, Number(value)) },
        },
      },
    },
    plugins: [marks],
  };
  const chart = new Chart(canvas, config);

  // Readout: the observation nearest the pointer, as known now (and then, where revised).
  const now = config.data.datasets[1]!.data;
  const then = new Map(config.data.datasets[0]!.data.filter((p) => p.y !== null).map((p) => [p.x, p.y]));
  const show = (e: PointerEvent) => {
    const r = canvas.getBoundingClientRect();
    const day = chart.scales.x!.getValueForPixel(e.clientX - r.left) ?? from;
    let lo = 0;
    let hi = now.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (now[mid]!.x < day) lo = mid + 1;
      else hi = mid;
    }
    const p = lo > 0 && day - now[lo - 1]!.x < now[lo]!.x - day ? now[lo - 1] : now[lo];
    if (!p || p.y === null) return;
    const old = then.get(p.x);
    readout.textContent = readoutText(data, p.x, p.y, old);
    active = { x: chart.scales.x!.getPixelForValue(p.x), y: chart.scales.y!.getPixelForValue(p.y) };
    chart.draw();
  };
  canvas.addEventListener('pointermove', show);
  canvas.addEventListener('pointerdown', show);
  canvas.addEventListener('pointerleave', () => {
    active = undefined;
    readout.textContent = '';
    chart.draw();
  });

  // Follow the reader's colour scheme without a reload.
  matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => {
    c = colors(host);
    const [a, b] = chart.data.datasets;
    a!.borderColor = c.then;
    b!.borderColor = c.now;
    const { x, y } = chart.options.scales!;
    x!.ticks!.color = y!.ticks!.color = c.text;
    y!.grid!.color = c.grid;
    chart.update();
  });
  return chart;
}

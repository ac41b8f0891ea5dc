/**
 * <asof-chart>: wraps a server-rendered SVG chart and its inert JSON data. When the element first
 * comes near the viewport it loads the chart.js drawing code (a separate chunk) and swaps the SVG for
 * a canvas. Without JavaScript, or if loading fails, the SVG and the data table stay.
 */
import type { ChartData } from '../core/chart-data.ts';

class AsofChart extends HTMLElement {
  private observer: IntersectionObserver | undefined;

  connectedCallback(): void {
    if (this.observer || this.hasAttribute('data-enhanced') || typeof IntersectionObserver === 'undefined') return;
    this.observer = new IntersectionObserver(
      (entries) => {
        if (!entries.some((e) => e.isIntersecting)) return;
        this.observer?.disconnect();
        void this.enhance();
      },
      { rootMargin: '200px 0px' },
    );
    this.observer.observe(this);
  }

  disconnectedCallback(): void {
    this.observer?.disconnect();
    this.observer = undefined;
  }

  private async enhance(): Promise<void> {
    const json = this.querySelector('script.chart-data')?.textContent;
    if (!json) return;
    try {
      const data = JSON.parse(json) as ChartData;
      const { drawChart } = await import('./draw-chart.ts');
      drawChart(this, data);
      this.setAttribute('data-enhanced', '');
    } catch (e) {
      // Keep the SVG; the page stays complete without the canvas.
      console.warn('asof-chart: kept the static chart', e);
    }
  }
}

if (!customElements.get('asof-chart')) customElements.define('asof-chart', AsofChart);

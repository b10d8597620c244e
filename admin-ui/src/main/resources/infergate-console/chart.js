import uPlot from 'uplot';

const COLORS = ['#2563eb', '#d97706', '#059669', '#db2777', '#7c3aed', '#0891b2'];

/**
 * A small time-series chart (uPlot) of the last points the live feed brought: one line per
 * series name, created as names appear.
 */
export class LiveChart {
  constructor(element, { title, unit, max = 120 }) {
    this.element = element;
    this.title = title;
    this.unit = unit;
    this.max = max;
    this.names = [];
    this.times = [];
    this.values = [];
    this.plot = null;
  }

  add(time, byName) {
    const names = Object.keys(byName);
    if (names.some((name) => !this.names.includes(name))) {
      names.filter((name) => !this.names.includes(name)).forEach((name) => {
        this.names.push(name);
        this.values.push(this.times.map(() => null));
      });
      this.rebuild();
    }
    this.times.push(time);
    this.names.forEach((name, i) => this.values[i].push(byName[name] ?? null));
    if (this.times.length > this.max) {
      this.times.shift();
      this.values.forEach((series) => series.shift());
    }
    if (this.plot) this.plot.setData([this.times, ...this.values]);
  }

  rebuild() {
    if (this.plot) this.plot.destroy();
    const unit = this.unit;
    this.plot = new uPlot({
      title: this.title,
      width: Math.max(320, this.element.clientWidth || 560),
      height: 180,
      series: [{}, ...this.names.map((name, i) => ({ label: name, stroke: COLORS[i % COLORS.length], width: 2, spanGaps: false,
        value: (u, v) => (v == null ? '–' : `${v.toFixed(1)} ${unit}`) }))],
      axes: [{}, { values: (u, ticks) => ticks.map((t) => `${t} ${unit}`), size: 60 }],
      scales: { x: { time: true } },
    }, [this.times, ...this.values], this.element);
  }

  destroy() {
    if (this.plot) this.plot.destroy();
  }
}

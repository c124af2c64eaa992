// The dashboard's charts, drawn to a true scale so a length can be read as a value: rates from
// 0 to 100 %, counts and money from 0 to their largest, with an axis, gridlines and each value
// written beside its mark. Categories are horizontal bars, one row each, the label above its
// bar; time series are lines over month names, one dash pattern and marker shape per series
// (never colour alone); a target is a labelled dashed reference line. Scales and paths come from
// d3-scale and d3-shape (loaded with the insight screen only, never in the first load); the SVG
// is ours, drawn at the width it is given and mirrored for right-to-left languages. Each chart
// is described in words for screen readers; its figure keeps the table and CSV beside it.
import { scaleLinear, scalePoint } from 'd3-scale';
import { line } from 'd3-shape';
import { useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber, formatPercent, formatPounds } from '../../i18n/format.ts';

/** What the values are: a rate (0-100), a count, money in pence. */
export type ChartScale = 'percent' | 'count' | 'money';

export interface Datum {
  label: string;
  value: number;
  /** The value in words, fuller than the axis says ("98.1 % kept; 2 at risk"). */
  shown: string;
}

export interface ChartTarget {
  value: number;
  label: string;
}

export type ChartSpec =
  | { kind: 'bars'; scale: ChartScale; bars: Datum[]; target?: ChartTarget }
  | {
      kind: 'lines';
      scale: ChartScale;
      /** Calendar months, "2026-07", in order. */
      months: string[];
      /** Month names as the axis shows them, one per month. */
      monthLabels: string[];
      series: { name: string; values: Datum[] }[];
      target?: ChartTarget;
    };

const FONT = 13;
const ROW = 42;
const AXIS = 30;
/** Room above the bars for the target's label, clear of every bar. */
const TARGET_ROOM = 18;
const DASHES = ['', '7 4', '2 3'];
/** A line chart's height without its legend, and the width one legend entry takes. */
const LINES_HEIGHT = 260;
const LEGEND_ENTRY = 170;
/** A legend's entries a row (as many as fit) and its height: none for a single series. */
const legendPerRow = (width: number) => Math.max(1, Math.floor((width - 16) / LEGEND_ENTRY));
function legendHeight(series: number, width: number): number {
  return series > 1 ? Math.ceil(series / legendPerRow(width)) * 22 + 4 : 0;
}
const MARKERS = ['circle', 'square', 'triangle'] as const;

/**
 * A label as drawn: cut short with an ellipsis where it would run past the chart (the whole
 * label is in the mark's title and the table), and embedded right to left in an Arabic page,
 * since the drawing itself is laid out left to right.
 */
function fit(label: string, room: number, rtl: boolean): string {
  const most = Math.max(4, Math.floor((room - 8) / 7));
  const cut = label.length > most ? `${label.slice(0, most - 1)}…` : label;
  return rtl ? `\u202B${cut}\u202C` : cut;
}

let measurer: CanvasRenderingContext2D | null | undefined;

/**
 * How wide a label is drawn, in px, measured in the page's own font (so Arabic, Chinese and
 * "£25,000" get the room they take); about 0.6 em a character where no canvas can measure.
 */
function textWidth(text: string): number {
  if (measurer === undefined) {
    measurer = document.createElement('canvas').getContext('2d');
    // The page's font stack, read once: style recalculation is not paid for every label.
    if (measurer) measurer.font = `${FONT}px ${getComputedStyle(document.body).fontFamily}`;
  }
  if (!measurer) return text.length * FONT * 0.6;
  return measurer.measureText(text).width;
}

/** The width the chart has: measured, and followed as the window changes. */
function useWidth(): [React.RefObject<HTMLDivElement | null>, number] {
  const ref = useRef<HTMLDivElement | null>(null);
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    setWidth(element.clientWidth);
    const observer = new ResizeObserver(() => setWidth(element.clientWidth));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

export function InsightChart({ title, spec }: { title: string; spec: ChartSpec }) {
  const { t, i18n } = useTranslation();
  const [ref, width] = useWidth();
  const rtl = i18n.dir(i18n.language) === 'rtl';
  const lng = i18n.language;
  const tick = (v: number) =>
    spec.scale === 'percent'
      ? formatPercent(v, lng)
      : spec.scale === 'money'
        ? formatPounds(v, lng)
        : formatNumber(v, lng);
  const values =
    spec.kind === 'bars'
      ? spec.bars.map((b) => b.value)
      : spec.series.flatMap((s) => s.values.map((v) => v.value));
  const top = spec.scale === 'percent' ? 100 : Math.max(1, ...values, spec.target?.value ?? 0);
  const y = scaleLinear().domain([0, top]);
  if (spec.scale !== 'percent') y.nice(5);
  return (
    <div ref={ref} className="insight-chart">
      {width > 0 ? (
        <svg
          role="img"
          aria-label={describe(t, title, spec, tick, y.domain()[1] ?? top)}
          width={width}
          height={
            spec.kind === 'bars'
              ? spec.bars.length * ROW + AXIS + 8 + (spec.target ? TARGET_ROOM : 0)
              : LINES_HEIGHT + legendHeight(spec.series.length, width)
          }
          style={{ direction: 'ltr' }}
          className="insight-chart__svg"
        >
          {spec.kind === 'bars' ? (
            <Bars spec={spec} width={width} rtl={rtl} scale={y} tick={tick} />
          ) : (
            <Lines spec={spec} width={width} rtl={rtl} scale={y} tick={tick} />
          )}
        </svg>
      ) : null}
    </div>
  );
}

type Linear = ReturnType<typeof scaleLinear<number, number>>;

/** Horizontal bars from the inline start, a value axis below, the target across them. */
function Bars({
  spec,
  width,
  rtl,
  scale,
  tick,
}: {
  spec: Extract<ChartSpec, { kind: 'bars' }>;
  width: number;
  rtl: boolean;
  scale: Linear;
  tick: (v: number) => string;
}) {
  // Room at the end for the last value written after its bar.
  const start = 4;
  const end = width - Math.min(76, width * 0.2);
  const x = scale.copy().range(rtl ? [width - start, width - end] : [start, end]);
  const zero = x(0);
  const height = spec.bars.length * ROW;
  const anchorStart = rtl ? 'end' : 'start';
  return (
    <g fontSize={FONT} transform={spec.target ? `translate(0, ${TARGET_ROOM})` : undefined}>
      {x.ticks(width < 420 ? 4 : 6).map((v) => (
        <g key={v}>
          <line x1={x(v)} x2={x(v)} y1={0} y2={height} className="insight-chart__grid" />
          <text
            x={x(v)}
            y={height + 18}
            textAnchor={inside(x(v), width, textWidth(tick(v)) / 2 + 2)}
            className="insight-chart__tick"
          >
            {tick(v)}
          </text>
        </g>
      ))}
      <line x1={zero} x2={zero} y1={0} y2={height} className="insight-chart__axis" />
      {spec.bars.map((bar, i) => {
        const y0 = i * ROW;
        const reach = x(Math.max(0, bar.value));
        const left = Math.min(zero, reach);
        // Written after the bar where it fits in the chart, else inside the bar's end.
        const room = textWidth(tick(bar.value)) + 6;
        const long = rtl ? reach - 6 - room < 0 : reach + 6 + room > width;
        return (
          <g key={`${bar.label}-${i}`}>
            <title>{`${bar.label}: ${bar.shown}`}</title>
            <text
              x={zero + (rtl ? -2 : 2)}
              y={y0 + 14}
              textAnchor={anchorStart}
              className="insight-chart__label"
            >
              {fit(bar.label, width, rtl)}
            </text>
            <rect
              x={left}
              y={y0 + 20}
              width={Math.abs(reach - zero)}
              height={16}
              className="insight-chart__bar"
            />
            <text
              x={long ? reach + (rtl ? 6 : -6) : reach + (rtl ? -6 : 6)}
              y={y0 + 33}
              textAnchor={long ? (rtl ? 'start' : 'end') : anchorStart}
              className={
                long ? 'insight-chart__value insight-chart__value--inside' : 'insight-chart__value'
              }
            >
              {tick(bar.value)}
            </text>
          </g>
        );
      })}
      {spec.target ? (
        <Target x={x(spec.target.value)} y1={-4} y2={height} label={spec.target.label} rtl={rtl} />
      ) : null}
    </g>
  );
}

function Target({
  x,
  y1,
  y2,
  label,
  rtl,
}: {
  x: number;
  y1: number;
  y2: number;
  label: string;
  rtl: boolean;
}) {
  return (
    <g className="insight-chart__target">
      <line x1={x} x2={x} y1={y1} y2={y2} strokeDasharray="6 3" />
      <text
        x={x + (rtl ? 4 : -4)}
        y={y1 - 3}
        textAnchor={rtl ? 'start' : 'end'}
        fontSize={FONT - 1}
      >
        {fit(label, Infinity, rtl)}
      </text>
    </g>
  );
}

/** One line per series over the months, value axis on the inline start, months below. */
function Lines({
  spec,
  width,
  rtl,
  scale,
  tick,
}: {
  spec: Extract<ChartSpec, { kind: 'lines' }>;
  width: number;
  rtl: boolean;
  scale: Linear;
  tick: (v: number) => string;
}) {
  // The legend: as many entries a row as fit, the rest on rows below.
  const perRow = legendPerRow(width);
  const legend = legendHeight(spec.series.length, width);
  const plotTop = 14 + legend;
  const plotBottom = LINES_HEIGHT + legend - 40;
  const ticks = scale.ticks(5);
  // Room beside the axis for its widest value ("£25,000"), within a third of the chart.
  const gutter = Math.min(width / 3, Math.max(40, ...ticks.map((v) => textWidth(tick(v)) + 12)));
  const y = scale.copy().range([plotBottom, plotTop]);
  const x = scalePoint<string>()
    .domain(spec.months)
    .range(rtl ? [width - gutter, 8] : [gutter, width - 8])
    .padding(0.4);
  const step = spec.months.length > 1 ? Math.abs(x.step()) : width;
  // Every value written where there is room; else every other one, and always the last.
  const every = step >= 44 ? 1 : 2;
  const axisX = rtl ? width - gutter : gutter;
  return (
    <g fontSize={FONT}>
      {ticks.map((v) => (
        <g key={v}>
          <line
            x1={rtl ? 8 : gutter}
            x2={rtl ? width - gutter : width - 8}
            y1={y(v)}
            y2={y(v)}
            className="insight-chart__grid"
          />
          <text
            x={axisX + (rtl ? 6 : -6)}
            y={y(v) + 4}
            textAnchor={rtl ? 'start' : 'end'}
            className="insight-chart__tick"
          >
            {tick(v)}
          </text>
        </g>
      ))}
      <line x1={axisX} x2={axisX} y1={plotTop} y2={plotBottom} className="insight-chart__axis" />
      {spec.months.map((month, i) => (
        <text
          key={month}
          x={x(month)}
          y={plotBottom + 18}
          textAnchor={inside(x(month) ?? 0, width, textWidth(spec.monthLabels[i] ?? '') / 2 + 2)}
          className="insight-chart__tick"
        >
          {i % every === 0 || i === spec.months.length - 1 ? spec.monthLabels[i] : ''}
        </text>
      ))}
      {spec.target ? (
        <g className="insight-chart__target">
          <line
            x1={rtl ? 8 : gutter}
            x2={rtl ? width - gutter : width - 8}
            y1={y(spec.target.value)}
            y2={y(spec.target.value)}
            strokeDasharray="6 3"
          />
          <text
            x={rtl ? 12 : width - 12}
            y={y(spec.target.value) - 5}
            textAnchor={rtl ? 'start' : 'end'}
            fontSize={FONT - 1}
          >
            {spec.target.label}
          </text>
        </g>
      ) : null}
      {spec.series.map((series, s) => {
        const points = series.values.map((d, i) => ({ d, month: spec.months[i] ?? '' }));
        const path =
          line<(typeof points)[number]>()
            .x((p) => x(p.month) ?? 0)
            .y((p) => y(p.d.value))(points) ?? '';
        return (
          <g key={series.name} className={`insight-chart__series insight-chart__series--${s}`}>
            <path d={path} fill="none" strokeDasharray={DASHES[s % DASHES.length]} />
            {points.map(({ d, month }, i) => (
              <g key={month}>
                <title>{`${series.name}, ${spec.monthLabels[i]}: ${d.shown}`}</title>
                <Marker
                  shape={MARKERS[s % MARKERS.length] ?? 'circle'}
                  x={x(month) ?? 0}
                  y={y(d.value)}
                />
                {s === 0 && (i % every === 0 || i === points.length - 1) ? (
                  <text
                    x={x(month)}
                    y={y(d.value) - 9}
                    textAnchor={inside(x(month) ?? 0, width, textWidth(tick(d.value)) / 2 + 2)}
                    className="insight-chart__value"
                  >
                    {tick(d.value)}
                  </text>
                ) : null}
              </g>
            ))}
          </g>
        );
      })}
      {legend > 0 ? (
        <g className="insight-chart__legend">
          {spec.series.map((series, s) => {
            const column = s % perRow;
            const row = Math.floor(s / perRow) * 22;
            const at = rtl ? width - 8 - column * LEGEND_ENTRY : 8 + column * LEGEND_ENTRY;
            return (
              <g key={series.name} className={`insight-chart__series insight-chart__series--${s}`}>
                <line
                  x1={at}
                  x2={rtl ? at - 28 : at + 28}
                  y1={10 + row}
                  y2={10 + row}
                  strokeDasharray={DASHES[s % DASHES.length]}
                />
                <Marker
                  shape={MARKERS[s % MARKERS.length] ?? 'circle'}
                  x={rtl ? at - 14 : at + 14}
                  y={10 + row}
                />
                <text
                  x={rtl ? at - 34 : at + 34}
                  y={14 + row}
                  textAnchor={rtl ? 'end' : 'start'}
                  className="insight-chart__label"
                >
                  {fit(series.name, LEGEND_ENTRY - 44, rtl)}
                </text>
              </g>
            );
          })}
        </g>
      ) : null}
    </g>
  );
}

/**
 * How to anchor a label centred on `x`: at an edge of the chart, centring would cut it off (the
 * zero of a right-to-left axis sits at the right edge), so there it runs inwards instead.
 * `room`: half the label's width, what centring needs on each side.
 */
function inside(x: number, width: number, room: number): 'start' | 'middle' | 'end' {
  if (x < room) return 'start';
  return x > width - room ? 'end' : 'middle';
}

function Marker({ shape, x, y }: { shape: (typeof MARKERS)[number]; x: number; y: number }) {
  if (shape === 'square')
    return <rect x={x - 4} y={y - 4} width={8} height={8} className="insight-chart__marker" />;
  if (shape === 'triangle')
    return (
      <path
        d={`M${x},${y - 5} L${x + 5},${y + 4} L${x - 5},${y + 4} Z`}
        className="insight-chart__marker"
      />
    );
  return <circle cx={x} cy={y} r={4.5} className="insight-chart__marker" />;
}

/** The chart in one sentence or two, for screen readers: scale, highest and lowest, target. */
function describe(
  t: ReturnType<typeof useTranslation>['t'],
  title: string,
  spec: ChartSpec,
  tick: (v: number) => string,
  top: number,
): string {
  const scale = t('insight.chart.scale', { from: tick(0), to: tick(top) });
  const target = spec.target ? ` ${t('insight.chart.target', { target: spec.target.label })}` : '';
  if (spec.kind === 'bars') {
    const sorted = [...spec.bars].sort((a, b) => b.value - a.value);
    const high = sorted[0];
    const low = sorted[sorted.length - 1];
    return `${t('insight.chart.bars', { title, count: spec.bars.length })} ${scale}${
      high && low
        ? ` ${t('insight.chart.highLow', {
            high: `${high.label}, ${tick(high.value)}`,
            low: `${low.label}, ${tick(low.value)}`,
          })}`
        : ''
    }${target}`;
  }
  const first = spec.monthLabels[0] ?? '';
  const last = spec.monthLabels[spec.monthLabels.length - 1] ?? '';
  const latest = spec.series
    .map((s) => {
      const value = s.values[s.values.length - 1];
      return value ? `${s.name}, ${tick(value.value)}` : s.name;
    })
    .join('; ');
  return `${t('insight.chart.lines', { title, from: first, to: last, count: spec.series.length })} ${scale} ${t('insight.chart.latest', { latest })}${target}`;
}

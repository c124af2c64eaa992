// A process map drawn as it is edited: each step a box in rows by how far it is from the start,
// each answer or "next" an arrow. What checkProcessMap would refuse shows at once, in words as
// well as colour: an arrow to a step that does not exist (dangling), a step nothing leads to
// (unreachable), an arrow back up the path (a loop). The problems are listed under it too.
import { useTranslation } from 'react-i18next';
import { checkProcessMap } from '../../../shared/pack/process-map.ts';
import type { ProcessMap } from '../../../shared/pack/schema.ts';

interface RawStep {
  id: string;
  kind: string;
  next: { to: string; label: string }[];
}

/** The map's graph from whatever the editor holds, however incomplete. */
function stepsOf(value: unknown): { start: string; steps: RawStep[] } {
  const map = (value ?? {}) as { start?: unknown; steps?: unknown };
  const steps = (Array.isArray(map.steps) ? map.steps : []).flatMap((raw: unknown) => {
    if (!raw || typeof raw !== 'object') return [];
    const s = raw as Record<string, unknown>;
    const id = typeof s.id === 'string' ? s.id : '';
    const kind = typeof s.kind === 'string' ? s.kind : '';
    const next: RawStep['next'] = [];
    if (kind === 'question' && Array.isArray(s.answers)) {
      for (const a of s.answers as Record<string, unknown>[]) {
        next.push({ to: String(a?.next ?? ''), label: String(a?.id ?? '') });
      }
    } else if (kind !== 'outcome' && typeof s.next === 'string')
      next.push({ to: s.next, label: '' });
    return [{ id, kind, next }];
  });
  return { start: typeof map.start === 'string' ? map.start : '', steps };
}

const BOX_W = 150;
const BOX_H = 44;
const GAP_X = 30;
const GAP_Y = 46;

export function MapDiagram({ value }: { value: unknown }) {
  const { t } = useTranslation();
  const { start, steps } = stepsOf(value);
  const byId = new Map(steps.map((s) => [s.id, s]));
  // Rows: breadth-first depth from the start; the unreachable go in a last row.
  const depth = new Map<string, number>();
  const queue = byId.has(start) ? [start] : [];
  if (queue.length) depth.set(start, 0);
  while (queue.length) {
    const id = queue.shift()!;
    for (const n of byId.get(id)?.next ?? []) {
      if (byId.has(n.to) && !depth.has(n.to)) {
        depth.set(n.to, (depth.get(id) ?? 0) + 1);
        queue.push(n.to);
      }
    }
  }
  const lastRow = Math.max(-1, ...depth.values()) + 1;
  const unreachable = new Set(steps.filter((s) => !depth.has(s.id)).map((s) => s.id));
  const rows = new Map<number, string[]>();
  for (const s of steps) {
    const row = depth.get(s.id) ?? lastRow;
    rows.set(row, [...(rows.get(row) ?? []), s.id]);
  }
  // Loops: an arrow to a step on the path to this one (depth-first, grey = on the path).
  const colour = new Map<string, 'grey' | 'black'>();
  const loopEdges = new Set<string>();
  const visit = (id: string) => {
    colour.set(id, 'grey');
    for (const n of byId.get(id)?.next ?? []) {
      if (!byId.has(n.to)) continue;
      const seen = colour.get(n.to);
      if (seen === 'grey') loopEdges.add(`${id}>${n.to}`);
      else if (!seen) visit(n.to);
    }
    colour.set(id, 'black');
  };
  if (byId.has(start)) visit(start);

  const position = new Map<string, { x: number; y: number }>();
  let width = BOX_W;
  for (const [row, ids] of rows) {
    ids.forEach((id, i) => {
      position.set(id, { x: i * (BOX_W + GAP_X) + 8, y: row * (BOX_H + GAP_Y) + 8 });
      width = Math.max(width, (i + 1) * (BOX_W + GAP_X) + 8);
    });
  }
  // A missing target gets a box of its own, beside the step that points at it.
  const missing: { from: string; to: string; x: number; y: number }[] = [];
  for (const s of steps) {
    for (const n of s.next) {
      if (byId.has(n.to)) continue;
      const at = position.get(s.id)!;
      const x = at.x + (missing.filter((m) => m.from === s.id).length + 1) * 20 + BOX_W / 2;
      missing.push({ from: s.id, to: n.to, x, y: at.y + BOX_H + GAP_Y / 2 + 6 });
      width = Math.max(width, x + BOX_W);
    }
  }
  const height = (lastRow + (unreachable.size ? 1 : 0)) * (BOX_H + GAP_Y) + BOX_H + 40;

  let problems: { field: string; reason: string }[] = [];
  try {
    problems = checkProcessMap({
      id: '',
      serviceId: '',
      start,
      steps: steps.map((s) =>
        s.kind === 'question'
          ? {
              id: s.id,
              kind: 'question',
              answers: s.next.map((n) => ({ id: n.label, next: n.to })),
            }
          : s.kind === 'outcome'
            ? { id: s.id, kind: 'outcome' }
            : { id: s.id, kind: s.kind, next: s.next[0]?.to ?? '' },
      ),
    } as unknown as ProcessMap);
  } catch {
    problems = [];
  }

  const dangling = missing.length;
  const summary = t('studioPack.map.summary', {
    steps: steps.length,
    dangling,
    unreachable: unreachable.size,
    loops: loopEdges.size,
  });
  return (
    <figure className="map-diagram">
      <figcaption>{t('studioPack.map.title')}</figcaption>
      {/* Focusable, so a wide map can be scrolled from the keyboard. */}
      <div className="map-diagram__scroll" tabIndex={0} role="group" aria-label={summary}>
        <svg
          direction="ltr"
          role="img"
          aria-label={summary}
          width={width}
          height={height}
          viewBox={`0 0 ${width} ${height}`}
        >
          <defs>
            <marker
              id="map-arrow"
              viewBox="0 0 10 10"
              refX="9"
              refY="5"
              markerWidth="7"
              markerHeight="7"
              orient="auto-start-reverse"
            >
              <path d="M 0 0 L 10 5 L 0 10 z" className="map-diagram__arrowhead" />
            </marker>
          </defs>
          {steps.flatMap((s) =>
            s.next.map((n, i) => {
              const a = position.get(s.id)!;
              const b = position.get(n.to) ?? missing.find((m) => m.from === s.id && m.to === n.to);
              if (!b) return null;
              const loop = loopEdges.has(`${s.id}>${n.to}`);
              const broken = !byId.has(n.to);
              return (
                <line
                  key={`${s.id}-${i}`}
                  x1={a.x + BOX_W / 2}
                  y1={a.y + BOX_H}
                  x2={broken ? b.x + 40 : b.x + BOX_W / 2}
                  y2={b.y}
                  markerEnd="url(#map-arrow)"
                  className={`map-diagram__edge${loop ? ' map-diagram__edge--loop' : ''}${broken ? ' map-diagram__edge--dangling' : ''}`}
                />
              );
            }),
          )}
          {steps.map((s, index) => {
            const at = position.get(s.id)!;
            const state = unreachable.has(s.id) ? 'unreachable' : s.id === start ? 'start' : s.kind;
            return (
              <g
                key={`${s.id}-${index}`}
                className={`map-diagram__step map-diagram__step--${state}`}
              >
                <rect x={at.x} y={at.y} width={BOX_W} height={BOX_H} rx={6} />
                <text x={at.x + 8} y={at.y + 18}>
                  {s.id || '?'}
                </text>
                <text x={at.x + 8} y={at.y + 35} className="map-diagram__kind">
                  {unreachable.has(s.id)
                    ? `⚠ ${t('studioPack.map.unreachable')}`
                    : t(`directory.stepKinds.${s.kind}`, { defaultValue: s.kind })}
                </text>
              </g>
            );
          })}
          {missing.map((m, i) => (
            <g key={`missing-${i}`} className="map-diagram__step map-diagram__step--missing">
              <rect x={m.x} y={m.y} width={BOX_W - 20} height={BOX_H - 10} rx={6} />
              <text x={m.x + 6} y={m.y + 21}>
                {`⚠ ${t('studioPack.map.missingStep', { id: m.to })}`}
              </text>
            </g>
          ))}
        </svg>
      </div>
      <p>{summary}</p>
      {problems.length > 0 && (
        <ul className="map-diagram__problems">
          {problems.map((p, i) => (
            <li key={i}>
              <code>{p.field}</code> {p.reason}
            </li>
          ))}
        </ul>
      )}
    </figure>
  );
}

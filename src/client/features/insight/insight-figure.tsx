// One figure of the dashboard: a titled chart on a true scale (insight-chart.tsx), the same
// figures as a table (the accessible alternative, also what the CSV holds) and a CSV download.
import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { InsightTableName, Table } from '../../../shared/insight.ts';
import { formatMoney, formatMonth, formatNumber } from '../../i18n/format.ts';
import { InsightChart, type ChartSpec } from './insight-chart.tsx';

export function InsightFigure({
  title,
  name,
  table,
  chart,
  download,
  tableOpen = false,
  children,
}: {
  title: string;
  name: InsightTableName;
  table: Table;
  chart?: ChartSpec;
  download: (name: InsightTableName) => Promise<boolean>;
  /** Show the table at once (a figure that is a list, not a chart). */
  tableOpen?: boolean;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const titleId = useId();
  const [failed, setFailed] = useState(false);
  return (
    <figure className="insight-figure" aria-labelledby={titleId} data-testid={`figure-${name}`}>
      <h3 id={titleId} className="insight-figure__title">
        {title}
      </h3>
      {children}
      {chart &&
      (chart.kind === 'bars' ? chart.bars.length > 0 : chart.months.length > 0) &&
      table.rows.length > 0 ? (
        <InsightChart title={title} spec={chart} />
      ) : null}
      {table.rows.length === 0 ? (
        <p className="hint">{t('insight.noData')}</p>
      ) : (
        <details className="insight-figure__table" open={tableOpen}>
          <summary>{t('insight.showTable')}</summary>
          <InsightTable table={table} caption={title} />
        </details>
      )}
      <button
        type="button"
        className="button button--secondary"
        onClick={() => {
          void download(name).then((ok) => setFailed(!ok));
        }}
      >
        {t('insight.downloadCsv', { title })}
      </button>
      {failed && (
        <p className="error" role="alert">
          {t('insight.downloadFailed')}
        </p>
      )}
    </figure>
  );
}

export function InsightTable({ table, caption }: { table: Table; caption: string }) {
  const { t, i18n } = useTranslation();
  // Ids are for the CSV; the screen shows the names beside them.
  const shown = table.columns
    .map((column, index) => ({ column, index }))
    .filter(({ column }) => !column.endsWith('_id'));
  const cell = (column: string, value: string | number | null) => {
    if (value === null) return '–';
    if (value === 'median') return t('insight.median');
    if (column === 'channel') return t(`channels.${value}`, { defaultValue: String(value) });
    if (column === 'later_channels') {
      return String(value)
        .split(' ')
        .map((c) => t(`channels.${c}`, { defaultValue: c }))
        .join(', ');
    }
    if (column === 'group')
      return t(`insight.shiftGroups.${value}`, { defaultValue: String(value) });
    if (column === 'month' && typeof value === 'string') return formatMonth(value, i18n.language);
    if (column.endsWith('_gbp') && !Number.isNaN(Number(value)))
      return formatMoney(Math.round(Number(value) * 100), i18n.language);
    if (typeof value === 'number') return formatNumber(value, i18n.language);
    return value;
  };
  return (
    // Focusable, so a keyboard can scroll a table wider than the screen.
    <div className="table-wrap" role="region" aria-label={caption} tabIndex={0}>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {shown.map(({ column }) => (
              <th scope="col" key={column}>
                {t(`insight.columns.${column}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row, r) => (
            <tr key={r}>
              {shown.map(({ column, index }) => (
                <td key={column}>{cell(column, row[index] ?? null)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

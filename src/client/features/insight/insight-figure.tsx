// One figure of the dashboard: a titled bar chart, the same figures as a table (the accessible
// alternative, also what the CSV holds) and a CSV download. Bars are HTML, so they run from the
// inline start and flip right to left with the page; every bar carries its value as text, so
// nothing is told by colour alone.
import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { InsightTableName, Table } from '../../../shared/insight.ts';

export interface Bar {
  label: string;
  value: number;
  /** The value as shown (a count, a percentage, pounds). */
  shown: string;
}

export function InsightFigure({
  title,
  name,
  table,
  bars,
  download,
  tableOpen = false,
  children,
}: {
  title: string;
  name: InsightTableName;
  table: Table;
  bars?: Bar[];
  download: (name: InsightTableName) => Promise<boolean>;
  /** Show the table at once (a figure that is a list, not a chart). */
  tableOpen?: boolean;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const titleId = useId();
  const [failed, setFailed] = useState(false);
  const max = Math.max(0, ...(bars ?? []).map((b) => b.value));
  return (
    <figure className="insight-figure" aria-labelledby={titleId} data-testid={`figure-${name}`}>
      <h3 id={titleId} className="insight-figure__title">
        {title}
      </h3>
      {children}
      {bars && bars.length > 0 && (
        // The table below holds the same figures for assistive technology.
        <div className="insight-bars" aria-hidden="true">
          {bars.map((bar) => (
            <div className="insight-bars__row" key={bar.label}>
              <span className="insight-bars__label">{bar.label}</span>
              <span className="insight-bars__track">
                <span
                  className="insight-bars__bar"
                  style={{ inlineSize: `${max > 0 ? Math.max(0, (100 * bar.value) / max) : 0}%` }}
                />
                <span className="insight-bars__value">{bar.shown}</span>
              </span>
            </div>
          ))}
        </div>
      )}
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
    if (typeof value === 'number') return new Intl.NumberFormat(i18n.language).format(value);
    return value;
  };
  return (
    <div className="table-wrap">
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

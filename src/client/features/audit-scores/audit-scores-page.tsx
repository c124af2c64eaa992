// Mystery-shopping scores from the hub (aggregated there, in the database): per place with its
// trend, per standard, per partner and month by month. The franchisor sees every partner, a
// manager their own, other staff one of their own places. Names come from the device's pack.
import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditScores } from '../../../shared/api/audit-scores.ts';
import type { DeviceSettings } from '../../db/database.ts';
import { useDb } from '../../db/use-db.ts';
import { useStaffSession } from '../../db/use-staff.ts';
import { useLocalText } from '../../ui/localised.tsx';
import { HubView } from '../../ui/hub-view.tsx';

function Score({ value }: { value: number | null }) {
  if (value === null) return <span>{'–'}</span>;
  return (
    <span className="score">
      <meter min={0} max={100} low={60} high={80} optimum={100} value={value} aria-hidden="true" />
      <span>{value}</span>
    </span>
  );
}

/** Month by month, as bars: the table below carries the same figures for screen readers. */
function TrendChart({ months, label }: { months: AuditScores['byMonth']; label: string }) {
  const { i18n } = useTranslation();
  const width = 40;
  const height = 120;
  const format = new Intl.DateTimeFormat(i18n.language, { month: 'short' });
  return (
    <svg
      className="trend-chart"
      role="img"
      aria-label={label}
      viewBox={`0 0 ${Math.max(1, months.length) * width} ${height + 20}`}
      width={Math.max(1, months.length) * width}
      height={height + 20}
    >
      {months.map((m, i) => {
        const h = ((m.score ?? 0) / 100) * height;
        return (
          <g key={m.month}>
            <rect x={i * width + 6} y={height - h} width={width - 12} height={h} />
            <text x={i * width + width / 2} y={height + 15} textAnchor="middle">
              {format.format(new Date(`${m.month}-15T12:00:00Z`))}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

export function AuditScoresPage({ device }: { device: DeviceSettings }) {
  const { t, i18n } = useTranslation();
  const db = useDb();
  const local = useLocalText();
  const session = useStaffSession();
  const ids = { from: useId(), to: useId(), partner: useId(), place: useId() };
  const partners = useLiveQuery(() => db.partners.toArray(), [db]);
  const places = useLiveQuery(() => db.accessPoints.orderBy('id').toArray(), [db]);
  const standards = useLiveQuery(() => db.standards.toArray(), [db]);
  const [filter, setFilter] = useState({ from: '', to: '', partnerId: '', accessPointId: '' });
  // Staff below a partner's manager see one of their own places: this one, unless they choose.
  const ownPlaceOnly =
    !!session && session.partnerId !== null && session.role !== 'partner-manager';
  const effective = {
    ...filter,
    accessPointId: filter.accessPointId || (ownPlaceOnly ? device.accessPointId : ''),
  };
  const query = new URLSearchParams(
    Object.entries(effective).filter(([, value]) => value !== ''),
  ).toString();
  const path = `/api/staff/audits/scores${query ? `?${query}` : ''}`;
  const partnerName = (id: string) => {
    const p = partners?.find((x) => x.id === id);
    return p ? local(p.name) : id;
  };
  const standardTitle = (id: string) => {
    const s = standards?.find((x) => x.id === id);
    return s ? local(s.title) : id;
  };
  const monthName = (month: string) =>
    new Intl.DateTimeFormat(i18n.language, { month: 'long', year: 'numeric' }).format(
      new Date(`${month}-15T12:00:00Z`),
    );

  return (
    <section className="panel" aria-labelledby="audit-scores-title">
      <h1 id="audit-scores-title">{t('audits.scores.title')}</h1>
      <p className="hint">{t('audits.scores.intro')}</p>
      <div className="field-row">
        <div className="field">
          <label htmlFor={ids.from}>{t('audits.scores.from')}</label>
          <input
            id={ids.from}
            type="date"
            value={filter.from}
            onChange={(e) => setFilter({ ...filter, from: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor={ids.to}>{t('audits.scores.to')}</label>
          <input
            id={ids.to}
            type="date"
            value={filter.to}
            onChange={(e) => setFilter({ ...filter, to: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor={ids.partner}>{t('audits.scores.partner')}</label>
          <select
            id={ids.partner}
            value={filter.partnerId}
            onChange={(e) => setFilter({ ...filter, partnerId: e.target.value })}
          >
            <option value="">{t('audits.scores.allPartners')}</option>
            {(partners ?? []).map((p) => (
              <option key={p.id} value={p.id}>
                {local(p.name)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.place}>{t('audits.scores.place')}</label>
          <select
            id={ids.place}
            value={effective.accessPointId}
            onChange={(e) => setFilter({ ...filter, accessPointId: e.target.value })}
          >
            {ownPlaceOnly ? null : <option value="">{t('audits.scores.allPlaces')}</option>}
            {(places ?? []).map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      <HubView<AuditScores> device={device} path={path}>
        {(scores) => {
          const trendOf = (placeId: string) =>
            scores.byAccessPointMonth.filter((r) => r.accessPointId === placeId);
          const change = (placeId: string) => {
            const trend = trendOf(placeId).filter((r) => r.score !== null);
            const first = trend[0]?.score;
            const last = trend.at(-1)?.score;
            if (trend.length < 2 || first == null || last == null) return null;
            return Math.round((last - first) * 10) / 10;
          };
          if (scores.overall.audits === 0) return <p>{t('audits.scores.none')}</p>;
          return (
            <>
              <p className="audit-overall" data-testid="audit-overall">
                {t('audits.scores.overall', {
                  audits: scores.overall.audits,
                  score: scores.overall.score,
                })}
              </p>
              <div className="table-wrap">
                <table data-testid="scores-by-place">
                  <caption>{t('audits.scores.byPlace')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('audits.scores.place')}</th>
                      <th scope="col">{t('audits.scores.partner')}</th>
                      <th scope="col">{t('audits.scores.audits')}</th>
                      <th scope="col">{t('audits.scores.score')}</th>
                      <th scope="col">{t('audits.scores.trend')}</th>
                      <th scope="col">{t('audits.scores.lastVisit')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {scores.byAccessPoint.map((r) => {
                      const delta = change(r.accessPointId);
                      return (
                        <tr key={r.accessPointId} data-place={r.accessPointId}>
                          <th scope="row">{r.name}</th>
                          <td>{partnerName(r.partnerId)}</td>
                          <td>{r.audits}</td>
                          <td data-testid="place-score">
                            <Score value={r.score} />
                          </td>
                          <td>
                            {delta === null
                              ? '–'
                              : delta > 0
                                ? t('audits.scores.up', { change: delta })
                                : delta < 0
                                  ? t('audits.scores.down', { change: -delta })
                                  : t('audits.scores.steady')}
                            <span className="hint">
                              {` ${trendOf(r.accessPointId)
                                .map((m) => m.score ?? '–')
                                .join(' · ')}`}
                            </span>
                          </td>
                          <td>{new Date(r.lastVisitedAt).toLocaleDateString(i18n.language)}</td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
              <h2>{t('audits.scores.trendTitle')}</h2>
              <TrendChart months={scores.byMonth} label={t('audits.scores.trendLabel')} />
              <div className="table-wrap">
                <table>
                  <caption>{t('audits.scores.byMonth')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('audits.scores.month')}</th>
                      <th scope="col">{t('audits.scores.audits')}</th>
                      <th scope="col">{t('audits.scores.score')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {scores.byMonth.map((m) => (
                      <tr key={m.month}>
                        <th scope="row">{monthName(m.month)}</th>
                        <td>{m.audits}</td>
                        <td>
                          <Score value={m.score} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <div className="table-wrap">
                <table data-testid="scores-by-standard">
                  <caption>{t('audits.scores.byStandard')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('audits.scores.standard')}</th>
                      <th scope="col">{t('audits.scores.checks')}</th>
                      <th scope="col">{t('audits.scores.score')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {scores.byStandard.map((r) => (
                      <tr key={r.standardId}>
                        <th scope="row">{standardTitle(r.standardId)}</th>
                        <td>{r.checks}</td>
                        <td>
                          <Score value={r.score} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <div className="table-wrap">
                <table>
                  <caption>{t('audits.scores.byPartner')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('audits.scores.partner')}</th>
                      <th scope="col">{t('audits.scores.audits')}</th>
                      <th scope="col">{t('audits.scores.score')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {scores.byPartner.map((r) => (
                      <tr key={r.partnerId}>
                        <th scope="row">{partnerName(r.partnerId)}</th>
                        <td>{r.audits}</td>
                        <td>
                          <Score value={r.score} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          );
        }}
      </HubView>
    </section>
  );
}

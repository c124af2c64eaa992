// Mystery-shopping scores from the hub (aggregated there, in the database): per place with its
// trend, per standard, per partner and month by month. The franchisor sees every partner, a
// manager their own, other staff one of their own places. Names come from the device's pack.
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditScores } from '../../../shared/api/audit-scores.ts';
import type { DeviceSettings } from '../../db/database.ts';
import { useDb } from '../../db/use-db.ts';
import { formatDate, formatMonth, formatMonthName } from '../../i18n/format.ts';
import { useStaffSession } from '../../db/use-staff.ts';
import { SelectField, TextField } from '../../ui/form-fields.tsx';
import { useLocalText } from '../../ui/localised.tsx';
import { DataTable, HubView } from '../../ui/hub-view.tsx';

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
              {formatMonthName(m.month, i18n.language)}
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
  const monthName = (month: string) => formatMonth(month, i18n.language);

  return (
    <section className="panel" aria-labelledby="audit-scores-title">
      <h1 id="audit-scores-title">{t('audits.scores.title')}</h1>
      <p className="hint">{t('audits.scores.intro')}</p>
      <div className="field-row">
        <TextField
          label={t('audits.scores.from')}
          type="date"
          value={filter.from}
          onValue={(from) => setFilter({ ...filter, from })}
        />
        <TextField
          label={t('audits.scores.to')}
          type="date"
          value={filter.to}
          onValue={(to) => setFilter({ ...filter, to })}
        />
        <SelectField
          label={t('audits.scores.partner')}
          value={filter.partnerId}
          onValue={(partnerId) => setFilter({ ...filter, partnerId })}
        >
          <option value="">{t('audits.scores.allPartners')}</option>
          {(partners ?? []).map((p) => (
            <option key={p.id} value={p.id}>
              {local(p.name)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('audits.scores.place')}
          value={effective.accessPointId}
          onValue={(accessPointId) => setFilter({ ...filter, accessPointId })}
        >
          {ownPlaceOnly ? null : <option value="">{t('audits.scores.allPlaces')}</option>}
          {(places ?? []).map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </SelectField>
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
              <DataTable
                data-testid="scores-by-place"
                caption={t('audits.scores.byPlace')}
                columns={[
                  t('audits.scores.place'),
                  t('audits.scores.partner'),
                  t('audits.scores.audits'),
                  t('audits.scores.score'),
                  t('audits.scores.trend'),
                  t('audits.scores.lastVisit'),
                ]}
                rows={scores.byAccessPoint}
                rowKey={(r) => r.accessPointId}
                rowData={(r) => ({ 'data-place': r.accessPointId })}
                cellTestIds={{ 3: 'place-score' }}
                cells={(r) => {
                  const delta = change(r.accessPointId);
                  return [
                    r.name,
                    partnerName(r.partnerId),
                    r.audits,
                    <Score value={r.score} />,
                    <>
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
                    </>,
                    formatDate(r.lastVisitedAt, i18n.language),
                  ];
                }}
              />
              <h2>{t('audits.scores.trendTitle')}</h2>
              <TrendChart months={scores.byMonth} label={t('audits.scores.trendLabel')} />
              <DataTable
                caption={t('audits.scores.byMonth')}
                columns={[
                  t('audits.scores.month'),
                  t('audits.scores.audits'),
                  t('audits.scores.score'),
                ]}
                rows={scores.byMonth}
                rowKey={(m) => m.month}
                cells={(m) => [monthName(m.month), m.audits, <Score value={m.score} />]}
              />
              <DataTable
                data-testid="scores-by-standard"
                caption={t('audits.scores.byStandard')}
                columns={[
                  t('audits.scores.standard'),
                  t('audits.scores.checks'),
                  t('audits.scores.score'),
                ]}
                rows={scores.byStandard}
                rowKey={(r) => r.standardId}
                cells={(r) => [standardTitle(r.standardId), r.checks, <Score value={r.score} />]}
              />
              <DataTable
                caption={t('audits.scores.byPartner')}
                columns={[
                  t('audits.scores.partner'),
                  t('audits.scores.audits'),
                  t('audits.scores.score'),
                ]}
                rows={scores.byPartner}
                rowKey={(r) => r.partnerId}
                cells={(r) => [partnerName(r.partnerId), r.audits, <Score value={r.score} />]}
              />
            </>
          );
        }}
      </HubView>
    </section>
  );
}

// The insight dashboards, from the hub: the franchisor sees every partner, a partner's manager
// their partner, counter and back-office staff their places. Filters, then charts: satisfaction
// and its reasons, follow-up answers, commitments, first-contact resolution and volumes, cost to
// serve, channel shift per person, mystery-shopping scores, and who does best (beside the
// median). Every chart has its table and a CSV download.
import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CHANNELS } from '../../../shared/channels.ts';
import {
  COMMITMENTS_KEPT_TARGET,
  defaultFrom,
  insightTables,
  percent,
  ignoredFilters,
  type CommitmentFigures,
  type ContactFigures,
  type Dashboard,
  type InsightSection,
  type InsightTableName,
  type Share,
} from '../../../shared/insight.ts';
import type { DeviceSettings } from '../../db/database.ts';
import { useDb } from '../../db/use-db.ts';
import { useStaffSession } from '../../db/use-staff.ts';
import { downloadFromHub } from '../../ui/hub-download.ts';
import { HubView } from '../../ui/hub-view.tsx';
import { useLocalText } from '../../ui/localised.tsx';
import {
  formatDate,
  formatList,
  formatMoney,
  formatMonth,
  formatMonthName,
  formatNumber,
  formatPercent,
} from '../../i18n/format.ts';
import type { ChartScale, ChartSpec, Datum } from './insight-chart.tsx';
import { InsightFigure } from './insight-figure.tsx';
import { UnitCostsForm } from './unit-costs-form.tsx';
import './insight.css';

interface Filters {
  from: string;
  to: string;
  partner: string;
  accessPoint: string;
  service: string;
  channel: string;
  tier: string;
}

const today = () => new Date().toISOString().slice(0, 10);

export function InsightPage({ device }: { device: DeviceSettings }) {
  const { t } = useTranslation();
  const session = useStaffSession();
  const [filters, setFilters] = useState<Filters>(() => ({
    from: defaultFrom(today()),
    to: today(),
    partner: '',
    accessPoint: '',
    service: '',
    channel: '',
    tier: '',
  }));
  const [version, setVersion] = useState(0);
  const query = useMemo(() => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
    return params.toString();
  }, [filters]);

  async function download(name: InsightTableName): Promise<boolean> {
    if (!session) return false;
    return downloadFromHub(
      device,
      session.staffId,
      `/api/staff/insight/${name}.csv?${query}`,
      `anydoor-${name}-${filters.from}-${filters.to}.csv`,
    );
  }

  return (
    <section className="panel insight" aria-labelledby="insight-title">
      <h1 id="insight-title">{t('insight.title')}</h1>
      <p className="hint">{t('insight.intro')}</p>
      <FilterForm initial={filters} onApply={setFilters} />
      <HubView<Dashboard> key={version} device={device} path={`/api/staff/insight?${query}`}>
        {(dashboard) => (
          <DashboardView
            dashboard={dashboard}
            download={download}
            editCosts={
              dashboard.scope === 'all' && session ? (
                <UnitCostsForm
                  device={device}
                  staffId={session.staffId}
                  costs={dashboard.cost.unitCosts}
                  onSaved={() => setVersion((v) => v + 1)}
                />
              ) : null
            }
          />
        )}
      </HubView>
    </section>
  );
}

function FilterForm({ initial, onApply }: { initial: Filters; onApply: (f: Filters) => void }) {
  const { t } = useTranslation();
  const db = useDb();
  const local = useLocalText();
  const id = useId();
  const [draft, setDraft] = useState(initial);
  const partners = useLiveQuery(() => db.partners.toArray(), [db]) ?? [];
  const places = useLiveQuery(() => db.accessPoints.toArray(), [db]) ?? [];
  const services = useLiveQuery(() => db.services.toArray(), [db]) ?? [];
  const set = (key: keyof Filters) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply(draft);
  };
  const select = (
    key: keyof Filters,
    options: { value: string; label: string }[],
    allLabel: string,
  ) => (
    <div className="field">
      <label htmlFor={`${id}-${key}`}>{t(`insight.filters.${key}`)}</label>
      <select id={`${id}-${key}`} value={draft[key]} onChange={(e) => set(key)(e.target.value)}>
        <option value="">{allLabel}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
  const byLabel = (a: { label: string }, b: { label: string }) => a.label.localeCompare(b.label);
  return (
    <form className="insight-filters" onSubmit={submit} aria-label={t('insight.filters.label')}>
      {(['from', 'to'] as const).map((key) => (
        <div className="field" key={key}>
          <label htmlFor={`${id}-${key}`}>{t(`insight.filters.${key}`)}</label>
          <input
            id={`${id}-${key}`}
            type="date"
            value={draft[key]}
            required
            onChange={(e) => set(key)(e.target.value)}
          />
        </div>
      ))}
      {select(
        'partner',
        partners.map((p) => ({ value: p.id, label: local(p.name) })).sort(byLabel),
        t('insight.filters.all'),
      )}
      {select(
        'accessPoint',
        places.map((p) => ({ value: p.id, label: p.name })).sort(byLabel),
        t('insight.filters.all'),
      )}
      {select(
        'service',
        services.map((s) => ({ value: s.id, label: local(s.name) })).sort(byLabel),
        t('insight.filters.all'),
      )}
      {select(
        'channel',
        CHANNELS.map((c) => ({ value: c, label: t(`channels.${c}`) })),
        t('insight.filters.all'),
      )}
      {select(
        'tier',
        ['0', '1', '2', '3'].map((tier) => ({ value: tier, label: t('insight.tier', { tier }) })),
        t('insight.filters.all'),
      )}
      <button type="submit" className="button">
        {t('insight.filters.apply')}
      </button>
    </form>
  );
}

/**
 * A section of the dashboard: its heading, which filters in force some of its figures do not
 * apply, an introduction, its figures (the children) and what follows them.
 */
function Section({
  name,
  filter,
  testId,
  intro,
  after,
  children,
}: {
  name: InsightSection;
  filter: Dashboard['filter'];
  testId?: string;
  intro?: ReactNode;
  after?: ReactNode;
  children: ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const ignored = ignoredFilters(name, filter);
  return (
    <section aria-labelledby={`insight-${name}`} data-testid={testId}>
      <h2 id={`insight-${name}`}>{t(`insight.sections.${name}`)}</h2>
      {ignored.length === 0 ? null : (
        <p className="hint" data-testid={`unfiltered-${name}`}>
          {t('insight.unfiltered', {
            fields: formatList(
              ignored.map((f) => t(`insight.filters.${f}`)),
              i18n.language,
            ),
          })}
        </p>
      )}
      {intro}
      <div className="insight-grid">{children}</div>
      {after}
    </section>
  );
}

function DashboardView({
  dashboard: d,
  download,
  editCosts,
}: {
  dashboard: Dashboard;
  download: (name: InsightTableName) => Promise<boolean>;
  editCosts: ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const tables = insightTables(d);
  const name = (id: string) => d.names[id] ?? id;
  const lng = i18n.language;
  const count = (n: number) => formatNumber(n, lng);
  const money = (pence: number) => formatMoney(pence, lng);
  const pct = (n: number, of: number) => {
    const value = percent({ n, of });
    return value === null ? '–' : formatPercent(value, lng);
  };
  // The marks of a chart: a count, a share (n of, as 0-100 %), a commitments record, contacts
  // with their first-contact resolution, an audit score (0-100 %).
  const countBar = (label: string, n: number): Datum => ({ label, value: n, shown: count(n) });
  const shareBar = (label: string, { n, of }: Share): Datum => ({
    label,
    value: of > 0 ? (100 * n) / of : 0,
    shown: pct(n, of),
  });
  const keptBar = (label: string, r: CommitmentFigures): Datum => ({
    ...shareBar(label, { n: r.kept, of: r.kept + r.missed }),
    shown: t('insight.keptOf', {
      kept: pct(r.kept, r.kept + r.missed),
      atRisk: count(r.atRisk),
      breached: count(r.breached),
    }),
  });
  const contactsBar = (label: string, r: ContactFigures): Datum => ({
    ...countBar(label, r.contacts),
    shown: t('insight.contactsFcr', {
      contacts: count(r.contacts),
      fcr: pct(r.firstContact, r.contacts),
    }),
  });
  const scoreBar = (label: string, r: { score: number; audits: number }): Datum => ({
    label,
    value: r.score,
    shown: t('insight.score', { score: formatPercent(r.score, lng), audits: count(r.audits) }),
  });
  const bars = (scale: ChartScale, data: Datum[], target?: number): ChartSpec => ({
    kind: 'bars',
    scale,
    bars: data,
    ...(target === undefined
      ? {}
      : {
          target: {
            value: target,
            label: t('insight.chart.targetLine', { target: formatPercent(target, lng) }),
          },
        }),
  });
  /** A time series by calendar month ("2026-07"), one line per series, months named. */
  const lines = (
    scale: ChartScale,
    months: string[],
    series: { name: string; values: Datum[] }[],
  ): ChartSpec => ({
    kind: 'lines',
    scale,
    months,
    // The month's name, with its year on the first month and every January.
    monthLabels: months.map((m, i) =>
      i === 0 || m.endsWith('-01') ? formatMonth(m, lng, { short: true }) : formatMonthName(m, lng),
    ),
    series,
  });
  const month = (m: string) => formatMonth(m, lng);
  const figure = (
    key: string,
    table: InsightTableName,
    chart?: ChartSpec,
    children?: ReactNode,
  ) => (
    <InsightFigure
      title={t(`insight.figures.${key}`)}
      name={table}
      table={tables[table]}
      download={download}
      tableOpen={!chart}
      {...(chart ? { chart } : {})}
    >
      {children}
    </InsightFigure>
  );
  const shift = d.channelShift;
  const scopeNote = t(`insight.scope.${d.scope}`);

  return (
    <div className="insight-sections">
      <p data-testid="insight-scope">{scopeNote}</p>
      <dl className="insight-headlines">
        <div>
          <dt>{t('insight.headlines.contacts')}</dt>
          <dd data-testid="headline-contacts">{count(d.volumes.total)}</dd>
        </div>
        <div>
          <dt>{t('insight.headlines.firstContact')}</dt>
          <dd>{pct(d.volumes.firstContact.n, d.volumes.firstContact.of)}</dd>
        </div>
        <div>
          <dt>{t('insight.headlines.cost')}</dt>
          <dd>{money(d.cost.total)}</dd>
        </div>
        <div>
          <dt>{t('insight.headlines.moved')}</dt>
          <dd>{count(shift.moved)}</dd>
        </div>
      </dl>

      <Section
        name="best"
        filter={d.filter}
        intro={<p className="hint">{t('insight.bestIntro')}</p>}
      >
        {figure(
          'bestPlaces',
          'best-access-points',
          bars(
            'percent',
            d.appreciative.places.best.map((p) => shareBar(name(p.accessPointId), p.satisfied)),
          ),
        )}
        {figure(
          'bestTeams',
          'best-teams',
          bars(
            'percent',
            d.appreciative.teams.best.map((team) =>
              shareBar(name(`${team.partnerId}/${team.teamId}`), team.kept),
            ),
            COMMITMENTS_KEPT_TARGET,
          ),
        )}
        {figure(
          'bestServices',
          'best-services',
          bars(
            'percent',
            d.appreciative.services.best.map((s) => shareBar(name(s.serviceId), s.firstContact)),
          ),
        )}
      </Section>

      <Section name="satisfaction" filter={d.filter}>
        {figure(
          'ratings',
          'satisfaction-ratings',
          bars(
            'count',
            d.satisfaction.distribution.map((r) =>
              countBar(t(`insight.ratings.${r.rating}`), r.responses),
            ),
          ),
        )}
        {figure(
          'satisfactionByPlace',
          'satisfaction-by-access-point',
          bars(
            'percent',
            d.satisfaction.byAccessPoint.map((r) =>
              shareBar(name(r.accessPointId), { n: r.satisfied, of: r.responses }),
            ),
          ),
        )}
        {figure(
          'satisfactionByMonth',
          'satisfaction-by-month',
          lines(
            'percent',
            d.satisfaction.byMonth.map((r) => r.month),
            [
              {
                name: t('insight.series.satisfied'),
                values: d.satisfaction.byMonth.map((r) =>
                  shareBar(month(r.month), { n: r.satisfied, of: r.responses }),
                ),
              },
            ],
          ),
        )}
        {figure(
          'reasons',
          'satisfaction-reasons',
          // The four-faces reasons are translated with the feedback panel's own labels.
          bars(
            'count',
            d.satisfaction.reasons.map((r) =>
              countBar(t(`feedback.reasons.${r.reason}`, { defaultValue: r.reason }), r.responses),
            ),
          ),
        )}
        {figure(
          'followups',
          'followups-by-access-point',
          bars('percent', [
            shareBar(t('insight.followups.courteous'), d.followups.courteous),
            shareBar(t('insight.followups.solved'), d.followups.solved),
            shareBar(t('insight.followups.responseRate'), {
              n: d.followups.answered,
              of: d.followups.sent,
            }),
          ]),
        )}
      </Section>

      <Section name="commitments" filter={d.filter}>
        {figure(
          'commitmentsByTeam',
          'commitments-by-team',
          bars(
            'percent',
            d.commitments.byTeam
              .slice(0, 12)
              .map((r) => keptBar(name(`${r.partnerId}/${r.teamId}`), r)),
            COMMITMENTS_KEPT_TARGET,
          ),
        )}
        {figure(
          'commitmentsByService',
          'commitments-by-service',
          bars(
            'percent',
            d.commitments.byService.slice(0, 12).map((r) => keptBar(name(r.serviceId), r)),
            COMMITMENTS_KEPT_TARGET,
          ),
        )}
      </Section>

      <Section name="volumes" filter={d.filter}>
        {figure(
          'byChannel',
          'volumes-by-channel',
          bars(
            'count',
            d.volumes.byChannel.map((r) => countBar(t(`channels.${r.channel}`), r.contacts)),
          ),
        )}
        {figure(
          'byTier',
          'volumes-by-tier',
          bars(
            'count',
            d.volumes.byTier.map((r) => countBar(t('insight.tier', { tier: r.tier }), r.contacts)),
          ),
        )}
        {figure(
          'byPlace',
          'volumes-by-access-point',
          bars(
            'count',
            d.volumes.byAccessPoint.map((r) => contactsBar(name(r.accessPointId), r)),
          ),
        )}
        {figure(
          'byMonth',
          'volumes-by-month',
          lines(
            'count',
            d.volumes.byMonth.map((r) => r.month),
            [
              {
                name: t('insight.series.contacts'),
                values: d.volumes.byMonth.map((r) => countBar(month(r.month), r.contacts)),
              },
              {
                name: t('insight.series.faceToFace'),
                values: d.volumes.byMonth.map((r) => countBar(month(r.month), r.faceToFace)),
              },
            ],
          ),
        )}
        {figure(
          'byService',
          'volumes-by-service',
          bars(
            'count',
            d.volumes.byService.slice(0, 10).map((r) => contactsBar(name(r.serviceId), r)),
          ),
        )}
      </Section>

      <Section name="cost" filter={d.filter} after={editCosts}>
        {figure(
          'costByChannel',
          'cost-to-serve',
          bars(
            'money',
            d.cost.byChannel.map((r) => ({
              label: t(`channels.${r.channel}`),
              value: r.cost,
              shown: t('insight.costOf', {
                cost: money(r.cost),
                unit: money(r.unitCost),
              }),
            })),
          ),
        )}
        {figure(
          'costByMonth',
          'cost-by-month',
          lines(
            'money',
            d.cost.byMonth.map((r) => r.month),
            [
              {
                name: t('insight.series.cost'),
                values: d.cost.byMonth.map((r) => ({
                  label: month(r.month),
                  value: r.cost,
                  shown: money(r.cost),
                })),
              },
            ],
          ),
        )}
      </Section>

      <Section
        name="shift"
        filter={d.filter}
        testId="channel-shift"
        intro={
          <p>
            {t('insight.shiftIntro', {
              earlier: `${formatDate(shift.earlier.from, lng)} – ${formatDate(shift.earlier.to, lng)}`,
              later: `${formatDate(shift.later.from, lng)} – ${formatDate(shift.later.to, lng)}`,
              people: count(shift.faceToFaceEarlier),
            })}
          </p>
        }
      >
        {figure(
          'shift',
          'channel-shift',
          bars(
            'count',
            (['moved', 'both', 'stayed', 'notSeen'] as const).map((group) =>
              countBar(
                t(`insight.shiftGroups.${group === 'notSeen' ? 'not-seen' : group}`),
                shift[group],
              ),
            ),
          ),
          <p data-testid="shift-saving">
            {t('insight.shiftSaving', {
              saving: money(shift.saving),
              people: count(shift.moved),
            })}
          </p>,
        )}
        {figure('movers', 'channel-shift-people')}
      </Section>

      <Section name="audits" filter={d.filter}>
        {figure(
          'auditsByPlace',
          'audits-by-access-point',
          bars(
            'percent',
            d.audits.byAccessPoint.map((r) => scoreBar(name(r.accessPointId), r)),
          ),
        )}
        {figure(
          'auditsByPartner',
          'audits-by-partner',
          bars(
            'percent',
            d.audits.byPartner.map((r) => scoreBar(name(r.partnerId), r)),
          ),
        )}
        {figure(
          'auditsByMonth',
          'audits-by-month',
          lines(
            'percent',
            d.audits.byMonth.map((r) => r.month),
            [
              {
                name: t('insight.series.score'),
                values: d.audits.byMonth.map((r) => scoreBar(month(r.month), r)),
              },
            ],
          ),
        )}
        {figure(
          'auditsByStandard',
          'audits-by-standard',
          bars(
            'percent',
            d.audits.byStandard.map((r) => ({
              label: name(r.standardId),
              value: r.score,
              shown: formatPercent(r.score, lng),
            })),
          ),
        )}
      </Section>
    </div>
  );
}

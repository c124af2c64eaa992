// The insight dashboards' figures as the hub sends them, the default unit costs per channel,
// and the one conversion of every figure to a table: the screen's data tables and the CSV
// downloads are made from it, so they always agree.
import { CHANNELS, type Channel } from './channels.ts';

/**
 * Cost per contact in pence. Face-to-face £30 and web £0.30 are the franchise brief's figures
 * (README, "Insight"). Phone and letter follow the Cabinet Office's Digital Efficiency
 * Report (2012): digital transactions are about 20 times cheaper than telephone and 30 times
 * cheaper than post. Email, SMS and kiosk are estimates, not published figures: email as an
 * officer's written reply without postage, SMS as a bulk text, a kiosk as web self-service plus
 * its hardware. The franchisor edits them all on the dashboard.
 */
export const DEFAULT_UNIT_COSTS: Record<Channel, number> = {
  'face-to-face': 3000,
  phone: 600,
  letter: 900,
  email: 300,
  kiosk: 50,
  web: 30,
  sms: 10,
};

/** The most a unit cost may be set to, in pence (£1,000). */
export const MAX_UNIT_COST = 100_000;

/** Outcomes that settle the citizen's need at the first contact (first-contact resolution). */
export const FIRST_CONTACT_OUTCOMES = ['resolved', 'self-serve'] as const;

/** Fewer answers than this and a place, team or service is not ranked in the appreciative view. */
export const MIN_SAMPLE = 5;

/**
 * The share of commitments the franchise aims to keep in time, in per cent: drawn as the
 * commitments charts' reference line, so a team below it shows at a glance.
 */
export const COMMITMENTS_KEPT_TARGET = 95;

export interface InsightFilter {
  /** Inclusive dates, YYYY-MM-DD (UTC). */
  from: string;
  to: string;
  partner?: string;
  accessPoint?: string;
  service?: string;
  channel?: Channel;
  tier?: number;
}

/** The dashboard's sections, in the order the page shows them. */
export type InsightSection =
  'best' | 'satisfaction' | 'commitments' | 'volumes' | 'cost' | 'shift' | 'audits';

type NarrowingFilter = 'service' | 'channel' | 'tier';

/**
 * The filters some of a section's figures cannot apply, because their records do not carry
 * them: feedback and follow-ups have no tier, commitments no channel or tier, channel shift is
 * about channels (per person, across services), audits score places, not contacts. The page
 * names the ones in force, so nobody reads an unfiltered figure as a filtered one.
 */
export const SECTION_IGNORES: Record<InsightSection, readonly NarrowingFilter[]> = {
  best: ['channel', 'tier'],
  satisfaction: ['tier'],
  commitments: ['channel', 'tier'],
  volumes: [],
  cost: [],
  shift: ['service', 'channel', 'tier'],
  audits: ['service', 'channel', 'tier'],
};

/** The filters in force that `section` does not apply everywhere. */
export function ignoredFilters(section: InsightSection, filter: InsightFilter): NarrowingFilter[] {
  return SECTION_IGNORES[section].filter((field) => filter[field] !== undefined);
}

export type InsightScope =
  | { kind: 'all' }
  | { kind: 'partner'; partnerId: string }
  | { kind: 'places'; accessPointIds: string[] };

export interface Share {
  n: number;
  of: number;
}

/** Follow-up surveys: how many went out, were answered, and what the answers said. */
export interface FollowupFigures {
  sent: number;
  answered: number;
  courteous: Share;
  solved: Share;
}

/** Commitments closed within their time (kept) or after it (missed), and those still open. */
export interface CommitmentFigures {
  kept: number;
  missed: number;
  /** Still open now: at risk, or already breached. */
  atRisk: number;
  breached: number;
}

/** Contacts, and how many were settled at the first contact. */
export interface ContactFigures {
  contacts: number;
  firstContact: number;
}

export interface PlaceFigures {
  accessPointId: string;
  partnerId: string;
  contacts: number;
  firstContact: Share;
  /** Ratings 3 and 4 of all ratings. */
  satisfied: Share;
  averageRating: number | null;
  auditScore: number | null;
}

export interface Dashboard {
  filter: InsightFilter;
  scope: InsightScope['kind'];
  names: Record<string, string>;
  satisfaction: {
    distribution: { rating: number; responses: number }[];
    byAccessPoint: {
      accessPointId: string;
      responses: number;
      satisfied: number;
      average: number;
    }[];
    byMonth: { month: string; responses: number; satisfied: number; average: number }[];
    reasons: { reason: string; responses: number; poor: number }[];
  };
  followups: FollowupFigures & {
    created: number;
    byAccessPoint: ({ accessPointId: string } & FollowupFigures)[];
  };
  commitments: {
    byTeam: ({ partnerId: string; teamId: string } & CommitmentFigures)[];
    byService: ({ serviceId: string } & CommitmentFigures)[];
  };
  volumes: {
    total: number;
    firstContact: Share;
    byChannel: { channel: string; contacts: number }[];
    byTier: { tier: number; contacts: number }[];
    byAccessPoint: ({ accessPointId: string } & ContactFigures)[];
    byService: ({ serviceId: string } & ContactFigures)[];
    byMonth: ({ month: string; faceToFace: number } & ContactFigures)[];
  };
  cost: {
    unitCosts: Record<string, number>;
    byChannel: { channel: string; contacts: number; unitCost: number; cost: number }[];
    byMonth: { month: string; contacts: number; cost: number }[];
    total: number;
  };
  channelShift: {
    earlier: { from: string; to: string };
    later: { from: string; to: string };
    /** Customers who used face-to-face in the earlier period, by what they did in the later. */
    faceToFaceEarlier: number;
    moved: number;
    both: number;
    stayed: number;
    notSeen: number;
    /** What the movers' later contacts would have cost face-to-face, less what they cost. */
    saving: number;
    people: {
      customerRef: string;
      earlierFaceToFace: number;
      laterContacts: number;
      channels: string[];
      saving: number;
    }[];
  };
  audits: {
    byAccessPoint: { accessPointId: string; audits: number; score: number }[];
    byPartner: { partnerId: string; audits: number; score: number }[];
    byMonth: { month: string; audits: number; score: number }[];
    byStandard: { standardId: string; items: number; score: number }[];
  };
  appreciative: {
    places: { best: PlaceFigures[]; median: PlaceFigures | null };
    teams: { best: TeamFigures[]; median: TeamFigures | null };
    services: { best: ServiceFigures[]; median: ServiceFigures | null };
  };
}

export interface TeamFigures {
  partnerId: string;
  teamId: string;
  kept: Share;
}

export interface ServiceFigures {
  serviceId: string;
  contacts: number;
  firstContact: Share;
  satisfied: Share;
}

export const percent = (s: Share): number | null =>
  s.of === 0 ? null : Math.round((1000 * s.n) / s.of) / 10;

/** A short, non-identifying reference for a customer record (the id's last 8 characters). */
export const customerRef = (id: string): string => id.slice(-8).toUpperCase();

export interface Table {
  columns: string[];
  rows: (string | number | null)[][];
}

/** Every table of the dashboard, by the name its CSV is downloaded under. */
export function insightTables(d: Dashboard): Record<InsightTableName, Table> {
  // The appreciative tables end with a median row, named "median".
  const name = (id: string) =>
    id === 'median' || id === '/median' ? 'median' : (d.names[id] ?? id);
  const pct = (s: Share) => percent(s);
  /** A ranking's best, then its median row when there is one. */
  const withMedian = <T>(group: { best: T[]; median: T | null }) =>
    group.median ? [...group.best, group.median] : group.best;
  const contacts = (r: ContactFigures) => [r.contacts, pct({ n: r.firstContact, of: r.contacts })];
  const commitments = (r: CommitmentFigures) => [
    r.kept,
    r.missed,
    pct({ n: r.kept, of: r.kept + r.missed }),
    r.atRisk,
    r.breached,
  ];
  return {
    'satisfaction-ratings': {
      columns: ['rating', 'responses'],
      rows: d.satisfaction.distribution.map((r) => [r.rating, r.responses]),
    },
    'satisfaction-by-access-point': {
      columns: ['access_point_id', 'access_point', 'responses', 'satisfied_pct', 'average_rating'],
      rows: d.satisfaction.byAccessPoint.map((r) => [
        r.accessPointId,
        name(r.accessPointId),
        r.responses,
        pct({ n: r.satisfied, of: r.responses }),
        r.average,
      ]),
    },
    'satisfaction-by-month': {
      columns: ['month', 'responses', 'satisfied_pct', 'average_rating'],
      rows: d.satisfaction.byMonth.map((r) => [
        r.month,
        r.responses,
        pct({ n: r.satisfied, of: r.responses }),
        r.average,
      ]),
    },
    'satisfaction-reasons': {
      columns: ['reason', 'responses', 'poor_or_very_poor'],
      rows: d.satisfaction.reasons.map((r) => [r.reason, r.responses, r.poor]),
    },
    'followups-by-access-point': {
      columns: [
        'access_point_id',
        'access_point',
        'sent',
        'answered',
        'courteous_pct',
        'solved_pct',
      ],
      rows: d.followups.byAccessPoint.map((r) => [
        r.accessPointId,
        name(r.accessPointId),
        r.sent,
        r.answered,
        pct(r.courteous),
        pct(r.solved),
      ]),
    },
    'commitments-by-team': {
      columns: [
        'partner_id',
        'team_id',
        'team',
        'kept',
        'missed',
        'kept_pct',
        'at_risk_now',
        'breached_now',
      ],
      rows: d.commitments.byTeam.map((r) => [
        r.partnerId,
        r.teamId,
        name(`${r.partnerId}/${r.teamId}`),
        ...commitments(r),
      ]),
    },
    'commitments-by-service': {
      columns: [
        'service_id',
        'service',
        'kept',
        'missed',
        'kept_pct',
        'at_risk_now',
        'breached_now',
      ],
      rows: d.commitments.byService.map((r) => [r.serviceId, name(r.serviceId), ...commitments(r)]),
    },
    'volumes-by-channel': {
      columns: ['channel', 'contacts'],
      rows: d.volumes.byChannel.map((r) => [r.channel, r.contacts]),
    },
    'volumes-by-tier': {
      columns: ['tier', 'contacts'],
      rows: d.volumes.byTier.map((r) => [r.tier, r.contacts]),
    },
    'volumes-by-access-point': {
      columns: ['access_point_id', 'access_point', 'contacts', 'first_contact_resolution_pct'],
      rows: d.volumes.byAccessPoint.map((r) => [
        r.accessPointId,
        name(r.accessPointId),
        ...contacts(r),
      ]),
    },
    'volumes-by-service': {
      columns: ['service_id', 'service', 'contacts', 'first_contact_resolution_pct'],
      rows: d.volumes.byService.map((r) => [r.serviceId, name(r.serviceId), ...contacts(r)]),
    },
    'volumes-by-month': {
      columns: ['month', 'contacts', 'face_to_face', 'first_contact_resolution_pct'],
      rows: d.volumes.byMonth.map((r) => [
        r.month,
        r.contacts,
        r.faceToFace,
        pct({ n: r.firstContact, of: r.contacts }),
      ]),
    },
    'cost-to-serve': {
      columns: ['channel', 'contacts', 'unit_cost_gbp', 'cost_gbp'],
      rows: d.cost.byChannel.map((r) => [
        r.channel,
        r.contacts,
        pounds(r.unitCost),
        pounds(r.cost),
      ]),
    },
    'cost-by-month': {
      columns: ['month', 'contacts', 'cost_gbp'],
      rows: d.cost.byMonth.map((r) => [r.month, r.contacts, pounds(r.cost)]),
    },
    'channel-shift': {
      columns: ['group', 'customers'],
      rows: [
        ['earlier-face-to-face', d.channelShift.faceToFaceEarlier],
        ['moved', d.channelShift.moved],
        ['both', d.channelShift.both],
        ['stayed', d.channelShift.stayed],
        ['not-seen', d.channelShift.notSeen],
      ],
    },
    'channel-shift-people': {
      columns: [
        'customer_ref',
        'earlier_face_to_face',
        'later_contacts',
        'later_channels',
        'saving_gbp',
      ],
      rows: d.channelShift.people.map((p) => [
        p.customerRef,
        p.earlierFaceToFace,
        p.laterContacts,
        p.channels.join(' '),
        pounds(p.saving),
      ]),
    },
    'audits-by-access-point': {
      columns: ['access_point_id', 'access_point', 'audits', 'score'],
      rows: d.audits.byAccessPoint.map((r) => [
        r.accessPointId,
        name(r.accessPointId),
        r.audits,
        r.score,
      ]),
    },
    'audits-by-partner': {
      columns: ['partner_id', 'partner', 'audits', 'score'],
      rows: d.audits.byPartner.map((r) => [r.partnerId, name(r.partnerId), r.audits, r.score]),
    },
    'audits-by-month': {
      columns: ['month', 'audits', 'score'],
      rows: d.audits.byMonth.map((r) => [r.month, r.audits, r.score]),
    },
    'audits-by-standard': {
      columns: ['standard', 'items', 'score'],
      rows: d.audits.byStandard.map((r) => [r.standardId, r.items, r.score]),
    },
    'best-access-points': {
      columns: [
        'access_point_id',
        'access_point',
        'contacts',
        'satisfied_pct',
        'first_contact_resolution_pct',
        'audit_score',
      ],
      rows: withMedian(d.appreciative.places).map((p) => [
        p.accessPointId,
        name(p.accessPointId),
        p.contacts,
        pct(p.satisfied),
        pct(p.firstContact),
        p.auditScore,
      ]),
    },
    'best-teams': {
      columns: ['partner_id', 'team_id', 'team', 'commitments', 'kept_pct'],
      rows: withMedian(d.appreciative.teams).map((t) => [
        t.partnerId,
        t.teamId,
        name(`${t.partnerId}/${t.teamId}`),
        t.kept.of,
        pct(t.kept),
      ]),
    },
    'best-services': {
      columns: [
        'service_id',
        'service',
        'contacts',
        'first_contact_resolution_pct',
        'satisfied_pct',
      ],
      rows: withMedian(d.appreciative.services).map((s) => [
        s.serviceId,
        name(s.serviceId),
        s.contacts,
        pct(s.firstContact),
        pct(s.satisfied),
      ]),
    },
  };
}

export const INSIGHT_TABLES = [
  'satisfaction-ratings',
  'satisfaction-by-access-point',
  'satisfaction-by-month',
  'satisfaction-reasons',
  'followups-by-access-point',
  'commitments-by-team',
  'commitments-by-service',
  'volumes-by-channel',
  'volumes-by-tier',
  'volumes-by-access-point',
  'volumes-by-service',
  'volumes-by-month',
  'cost-to-serve',
  'cost-by-month',
  'channel-shift',
  'channel-shift-people',
  'audits-by-access-point',
  'audits-by-partner',
  'audits-by-month',
  'audits-by-standard',
  'best-access-points',
  'best-teams',
  'best-services',
] as const;
export type InsightTableName = (typeof INSIGHT_TABLES)[number];

/** Pence as pounds with two decimals, for tables and CSV. */
export const pounds = (pence: number): string => (pence / 100).toFixed(2);

/**
 * One CSV cell (RFC 4180). A text cell a spreadsheet would read as a formula (starting with
 * = + - @, or a tab or carriage return) gets a leading apostrophe (OWASP's advice on CSV
 * injection); numbers are written as numbers, so negative savings stay numbers.
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(table: Table): string {
  return (
    [table.columns, ...table.rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n'
  );
}

/** Checks a query string into a filter; returns the problem in words when it is not one. */
export function parseInsightFilter(
  query: Record<string, unknown>,
  today: string,
): { ok: true; filter: InsightFilter } | { ok: false; problem: string } {
  const text = (key: string): string | undefined => {
    const value = query[key];
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  const date = /^2\d{3}-\d{2}-\d{2}$/;
  const id = /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,99}$/;
  const to = text('to') ?? today;
  // By default the current month and the five before it, whole: what the dashboard opens on.
  const from = text('from') ?? defaultFrom(to);
  // A real calendar day (2026-02-30 is not one), between the years 2000 and 2999.
  const real = (d: string) =>
    date.test(d) &&
    !Number.isNaN(Date.parse(d)) &&
    new Date(Date.parse(d)).toISOString().startsWith(d);
  if (!real(from) || !real(to)) {
    return { ok: false, problem: 'from and to must be dates like 2026-01-31' };
  }
  if (from > to) return { ok: false, problem: 'from must not be after to' };
  const filter: InsightFilter = { from, to };
  for (const key of ['partner', 'accessPoint', 'service'] as const) {
    const value = text(key);
    if (value === undefined) continue;
    if (!id.test(value)) return { ok: false, problem: `${key} is not an id` };
    filter[key] = value;
  }
  const channel = text('channel');
  if (channel !== undefined) {
    if (!(CHANNELS as readonly string[]).includes(channel)) {
      return { ok: false, problem: `channel must be one of ${CHANNELS.join(', ')}` };
    }
    filter.channel = channel as Channel;
  }
  const tier = text('tier');
  if (tier !== undefined) {
    if (!/^[0-3]$/.test(tier)) return { ok: false, problem: 'tier must be 0, 1, 2 or 3' };
    filter.tier = Number(tier);
  }
  return { ok: true, filter };
}

/** The same day `months` months away (clamped to the month's end), YYYY-MM-DD. */
export function shiftMonths(isoDate: string, months: number): string {
  const [y = 0, m = 1, d = 1] = isoDate.split('-').map(Number);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(
    Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0),
  ).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  return target.toISOString().slice(0, 10);
}

/**
 * The two periods channel shift compares: the months of the range split in half (the later
 * half takes the odd month). A one-month range has no earlier period.
 */
export function shiftPeriods(filter: InsightFilter): {
  earlier: { from: string; to: string };
  later: { from: string; to: string };
} {
  const first = filter.from.slice(0, 7);
  const last = filter.to.slice(0, 7);
  const months: string[] = [];
  for (
    let m = first;
    m <= last && months.length < 1200;
    m = shiftMonths(`${m}-01`, 1).slice(0, 7)
  ) {
    months.push(m);
  }
  const half = Math.floor(months.length / 2);
  const earlier = months.slice(0, half);
  const later = months.slice(half);
  return {
    earlier: { from: earlier[0] ?? first, to: earlier.at(-1) ?? '' },
    later: { from: later[0] ?? first, to: later.at(-1) ?? last },
  };
}

/** The first day of the month five months before `to`'s: six calendar months with `to`'s. */
export const defaultFrom = (to: string): string => `${shiftMonths(`${to.slice(0, 7)}-01`, -5)}`;

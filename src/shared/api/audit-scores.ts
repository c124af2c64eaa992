// What GET /api/staff/audits/scores answers: mystery-shopping scores aggregated on the hub, per
// standard, place, partner and month. Typed once for the hub's route and the app's scores page.

export interface ScoreRow {
  audits: number;
  /** 0–100, one decimal; null when nothing applicable was checked. */
  score: number | null;
}

export interface AuditScores {
  overall: ScoreRow;
  byStandard: (ScoreRow & { standardId: string; checks: number })[];
  byAccessPoint: (ScoreRow & {
    accessPointId: string;
    name: string;
    partnerId: string;
    lastVisitedAt: string;
  })[];
  byPartner: (ScoreRow & { partnerId: string })[];
  /** The trend: every place's audits, month by month ("YYYY-MM"). */
  byMonth: (ScoreRow & { month: string })[];
  byAccessPointMonth: (ScoreRow & { accessPointId: string; month: string })[];
}

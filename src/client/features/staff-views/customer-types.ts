// The shapes the hub's customer routes answer with (src/server/routes/customers.ts). Kept here
// rather than imported: client and server never import each other.
import type { MatchField } from '../../../shared/customer.ts';

export interface CustomerSummary {
  id: string;
  name: string | null;
  dateOfBirth: string | null;
  postcode: string | null;
  phone: string | null;
  email: string | null;
  createdAt: string;
  mergedInto: string | null;
  erasedAt: string | null;
}

export interface CustomerDetail {
  customer: CustomerSummary;
  contacts: {
    id: string;
    serviceId: string;
    channel: string;
    outcome: string;
    accessPointId: string;
    accessPointName: string;
    partnerId: string;
    createdAt: string;
  }[];
  cases: {
    id: string;
    serviceId: string;
    status: 'open' | 'acknowledged' | 'resolved';
    openedAt: string;
    resolvedAt: string | null;
    ownerPartnerId: string;
    full?: {
      reference: string;
      type: string;
      details: string;
      accessPointId: string;
      ownerTeamId: string;
    };
  }[];
  merges: {
    id: string;
    keptId: string;
    mergedId: string;
    mergedName: string | null;
    staffId: string;
    mergedAt: string;
    contactCount: number;
    caseCount: number;
  }[];
}

export interface MatchProposal {
  a: CustomerSummary;
  b: CustomerSummary;
  score: number;
  agree: MatchField[];
  disagree: MatchField[];
}

/** The identifying fields, in the order pages show them. */
export const IDENTITY_FIELDS = ['name', 'dateOfBirth', 'postcode', 'phone', 'email'] as const;
export type IdentityField = (typeof IDENTITY_FIELDS)[number];

// What the studio's Open311 key routes answer (/api/studio/open311-keys): typed once for the hub
// and the app. A key itself appears only in the answer to its creation, once.

export interface Open311KeySummary {
  /** Unique for ever: also the integration's name on the cases it opens. */
  name: string;
  /** The partner whose services it is offered; null for a network-wide key. */
  partnerId: string | null;
  createdAt: string;
  /** The staff id of whoever issued it; null when issued from the command line. */
  createdBy: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
  /** The key's first characters, to tell keys apart; null for keys older than the studio. */
  keyPrefix: string | null;
}

/** GET /api/studio/open311-keys */
export interface Open311KeyList {
  keys: Open311KeySummary[];
  /** The partners this person may issue keys for, with what each takes through Open311. */
  partners: { id: string; name: string; services: number }[];
  /** Whether this person may issue a network-wide key (the franchisor). */
  mayIssueNetworkKey: boolean;
}

/** POST /api/studio/open311-keys */
export interface Open311KeyCreate {
  name: string;
  partnerId: string | null;
}

/** The answer to a creation: the key, shown this once. */
export interface Open311KeyCreated {
  key: string;
  summary: Open311KeySummary;
}

/** Lower-case letters, digits and dashes, 1 to 60: the key's name. */
export const OPEN311_KEY_NAME = /^[a-z0-9][a-z0-9-]{0,59}$/;

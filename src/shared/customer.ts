// The single customer view's matching rules: how a person's details are normalised and how
// alike two records are. Pure, so the hub and the tests agree. A score only PROPOSES a match to
// staff: records are never merged without a person deciding.

/** What a customer record holds about the person (all optional: people give what they wish). */
export interface CustomerIdentity {
  name: string | null;
  /** ISO date, YYYY-MM-DD. */
  dateOfBirth: string | null;
  postcode: string | null;
  phone: string | null;
  email: string | null;
}

// Titles and honorifics carry no identity; "Dr Ada Jones" is Ada Jones.
const TITLES = new Set([
  'mr',
  'mrs',
  'ms',
  'miss',
  'mx',
  'dr',
  'prof',
  'professor',
  'rev',
  'revd',
  'sir',
  'dame',
  'lady',
  'lord',
  'pani',
  'pan',
]);

// Letters NFKD leaves whole (they are not a base letter plus an accent).
const FOLD: Record<string, string> = {
  ł: 'l',
  ø: 'o',
  đ: 'd',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  þ: 'th',
  ı: 'i',
};

/**
 * Short forms that name the same person. Only the common ones among the people a UK door
 * serves; a match on one is reported as "similar", never as the same name.
 */
const SHORT_FORMS: Record<string, string> = {
  kasia: 'katarzyna',
  kasha: 'katarzyna',
  gosia: 'malgorzata',
  basia: 'barbara',
  ania: 'anna',
  tomek: 'tomasz',
  bob: 'robert',
  rob: 'robert',
  bobby: 'robert',
  bill: 'william',
  will: 'william',
  liz: 'elizabeth',
  beth: 'elizabeth',
  betty: 'elizabeth',
  jim: 'james',
  jimmy: 'james',
  mike: 'michael',
  mick: 'michael',
  dave: 'david',
  sue: 'susan',
  kate: 'katherine',
  katie: 'katherine',
  cathy: 'catherine',
  tom: 'thomas',
  tommy: 'thomas',
  dan: 'daniel',
  danny: 'daniel',
  sam: 'samuel',
  alex: 'alexander',
  chris: 'christopher',
  steve: 'stephen',
  peggy: 'margaret',
  maggie: 'margaret',
  mo: 'mohammed',
  muhammad: 'mohammed',
  mohammad: 'mohammed',
};

/** The words of a name, folded: no accents, no case, no punctuation, no titles. */
export function nameTokens(name: string): string[] {
  const folded = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[łøđßæœþı]/g, (ch) => FOLD[ch] ?? ch)
    // O'Brien and OBrien are one name; Smith-Jones is two words.
    .replace(/['’‘`.]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  if (!folded) return [];
  return folded.split(' ').filter((token) => !TITLES.has(token));
}

/** The name key for matching and search: folded tokens in sorted order (order-independent). */
export function nameKey(name: string | null | undefined): string | null {
  if (!name) return null;
  const tokens = nameTokens(name);
  return tokens.length > 0 ? [...tokens].sort().join(' ') : null;
}

/**
 * A phone number in +44 form: "07700 900123", "0044 7700 900123" and "+44 (0)7700 900123" are
 * all "+447700900123". Other international numbers keep their + form. Null when not a number.
 */
export function normalisePhone(phone: string | null | undefined): string | null {
  if (!phone) return null;
  let digits = phone
    .trim()
    .replace(/\(0\)/g, '')
    .replace(/[\s().-]/g, '');
  if (!/^\+?\d+$/.test(digits)) return null;
  if (digits.startsWith('00')) digits = `+${digits.slice(2)}`;
  if (digits.startsWith('+')) {
    if (digits.startsWith('+440')) digits = `+44${digits.slice(4)}`;
  } else if (digits.startsWith('0')) {
    digits = `+44${digits.slice(1)}`;
  } else if (digits.startsWith('44') && digits.length >= 12) {
    digits = `+${digits}`;
  } else {
    return null;
  }
  return /^\+\d{8,15}$/.test(digits) ? digits : null;
}

export function normaliseEmail(email: string | null | undefined): string | null {
  const trimmed = email?.trim().toLowerCase();
  return trimmed && /^[^\s@]+@[^\s@]+$/.test(trimmed) ? trimmed : null;
}

/** "nm34cd" and "NM3  4CD" are "NM3 4CD". Null when it is not shaped like a UK postcode. */
export function normalisePostcode(postcode: string | null | undefined): string | null {
  const compact = postcode?.toUpperCase().replace(/\s+/g, '');
  if (!compact || !/^[A-Z]{1,2}\d[A-Z\d]?\d[A-Z]{2}$/.test(compact)) return null;
  return `${compact.slice(0, -3)} ${compact.slice(-3)}`;
}

/** A date of birth as YYYY-MM-DD, from that form or DD/MM/YYYY. Null when no such day. */
export function normaliseDateOfBirth(date: string | null | undefined): string | null {
  if (!date) return null;
  const trimmed = date.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(trimmed);
  const uk = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(trimmed);
  const [y, m, d] = iso
    ? [Number(iso[1]), Number(iso[2]), Number(iso[3])]
    : uk
      ? [Number(uk[3]), Number(uk[2]), Number(uk[1])]
      : [NaN, NaN, NaN];
  const when = new Date(Date.UTC(y, m - 1, d));
  if (Number.isNaN(when.getTime()) || when.getUTCMonth() !== m - 1 || when.getUTCDate() !== d) {
    return null;
  }
  if (y < 1880) return null;
  return when.toISOString().slice(0, 10);
}

/** Every field in its normalised form; the hub stores these and matches on them. */
export function normaliseIdentity(input: Partial<CustomerIdentity>): CustomerIdentity {
  return {
    name: input.name?.trim() || null,
    dateOfBirth: normaliseDateOfBirth(input.dateOfBirth),
    postcode: normalisePostcode(input.postcode),
    phone: normalisePhone(input.phone),
    email: normaliseEmail(input.email),
  };
}

export const MATCH_FIELDS = [
  'name',
  'name-similar',
  'dateOfBirth',
  'phone',
  'email',
  'postcode',
] as const;
export type MatchField = (typeof MATCH_FIELDS)[number];

export interface MatchResult {
  score: number;
  /** Fields that agree. */
  agree: MatchField[];
  /** Fields both records have and that differ in a way that says "another person". */
  disagree: MatchField[];
  likely: boolean;
}

/** From this score two records are proposed to staff as likely the same person. */
export const LIKELY_MATCH = 60;

const WEIGHTS = {
  name: 35,
  'name-similar': 30,
  dateOfBirth: 30,
  phone: 30,
  email: 30,
  postcode: 10,
} as const satisfies Record<MatchField, number>;
/** Two dates of birth that differ almost always mean two people (a parent and child share a phone). */
const DIFFERENT_BIRTH = -40;

const canonical = (token: string) => SHORT_FORMS[token] ?? token;

function compareNames(a: string, b: string): 'same' | 'similar' | 'different' | 'absent' {
  const ta = nameTokens(a);
  const tb = nameTokens(b);
  // A "name" that is only a title or punctuation says nothing either way.
  if (ta.length === 0 || tb.length === 0) return 'absent';
  if ([...ta].sort().join(' ') === [...tb].sort().join(' ')) return 'same';
  const ca = new Set(ta.map(canonical));
  const cb = new Set(tb.map(canonical));
  const shared = [...ca].filter((t) => cb.has(t));
  if (shared.length === 0) return 'different';
  // Every word of the shorter name is in the longer one (a middle name dropped), or the names
  // agree once short forms are expanded: Kasia Nowak and Katarzyna Nowak.
  const shorter = ca.size <= cb.size ? ca : cb;
  if (shared.length === shorter.size) return 'similar';
  // Only one word in common (a surname): the rest must at least start alike (J. Smith, Jo Smith).
  const restA = [...ca].filter((t) => !cb.has(t));
  const restB = [...cb].filter((t) => !ca.has(t));
  const initialsAgree = restA.some((x) => restB.some((y) => x[0] === y[0]));
  return initialsAgree ? 'similar' : 'different';
}

/** How alike two people's records are, which fields agree, and whether to propose them. */
export function matchScore(a: CustomerIdentity, b: CustomerIdentity): MatchResult {
  const agree: MatchField[] = [];
  const disagree: MatchField[] = [];
  let score = 0;
  if (a.name && b.name) {
    const names = compareNames(a.name, b.name);
    if (names === 'same') agree.push('name');
    else if (names === 'similar') agree.push('name-similar');
    else if (names === 'different') disagree.push('name');
  }
  const same = (field: 'dateOfBirth' | 'phone' | 'email' | 'postcode') => {
    const x = a[field];
    const y = b[field];
    if (!x || !y) return;
    if (x === y) agree.push(field);
    else disagree.push(field);
  };
  same('dateOfBirth');
  same('phone');
  same('email');
  same('postcode');
  for (const field of agree) score += WEIGHTS[field];
  if (disagree.includes('dateOfBirth')) score += DIFFERENT_BIRTH;
  // A name alone is never enough: many people share one.
  const identifying = agree.some((f) => f !== 'name' && f !== 'name-similar');
  return { score, agree, disagree, likely: identifying && score >= LIKELY_MATCH };
}

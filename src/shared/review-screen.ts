// Screening of a citizen's review before a moderator reads it. Nothing here publishes or
// refuses anything: the flags tell the moderator what to look at (markup, links, contact
// details, a named member of staff, abuse, shouting). Pure, zod-free, the same on every side.

export const REVIEW_FLAGS = [
  'markup',
  'link',
  'email',
  'phone',
  'postcode',
  'personal-name',
  'abuse',
  'shouting',
  'repeated-characters',
] as const;
export type ReviewFlag = (typeof REVIEW_FLAGS)[number];

const MARKUP = /<\s*\/?\s*[a-z!?][^>]*>|javascript\s*:|\bon[a-z]+\s*=|&#x?[0-9a-f]+;|\[url[=\]]/i;
const LINK =
  /\bhttps?:\/\/|\bwww\.|\b[a-z0-9][a-z0-9-]*\.(?:com|org|net|uk|io|info|biz|xyz|ru|cn|me|ly|gl|co)\b(?:\/|\b)/i;
const EMAIL = /[^\s@<>()]+@[^\s@<>()]+\.[a-z]{2,}/i;
// A run of digits with the separators people type between them ("07700 900-123").
const DIGIT_RUN = /\+?\d[\d\s().-]{7,}\d/g;
// UK postcodes: "SA1 1AA", "cf101aa", "EC1A 1BB".
const POSTCODE = /\b[a-z]{1,2}\d[a-z\d]?\s*\d[a-z]{2}\b/i;
// Words that introduce a person's name; a capitalised word after one is probably that name.
const NAME_INTRO =
  /(?:^|[^\p{L}])(officer|mr|mrs|ms|miss|mx|dr|councillor|cllr|nurse|doctor|pc|sergeant|sgt|constable|receptionist|advisor|adviser|called|named|pan|pani|pana|panią)\.?\s+(\p{L}+)/giu;

// A small list of abusive words in the six languages of the app; moderators see the rest.
// Latin-script words match whole words after folding accents and common letter swaps;
// Arabic and Chinese words match anywhere (no spaces between words in Chinese).
const ABUSE_WORDS = [
  // English
  'fuck',
  'fucking',
  'fucker',
  'shit',
  'bastard',
  'bitch',
  'wanker',
  'twat',
  'cunt',
  'prick',
  'idiot',
  'idiots',
  'moron',
  'morons',
  'scum',
  'retard',
  'dickhead',
  'arsehole',
  'asshole',
  // Welsh
  'cachu',
  'twpsyn',
  'bastad',
  'coc',
  // Polish
  'kurwa',
  'chuj',
  'huj',
  'debil',
  'idiota',
  'spierdalaj',
  'pierdol',
  'skurwysyn',
  'dupek',
];
const ABUSE = new Set(ABUSE_WORDS);
const ABUSE_ANYWHERE = [
  'غبي',
  'حقير',
  'حمار',
  'كلب',
  '傻逼',
  '白痴',
  '白癡',
  '笨蛋',
  '混蛋',
  '他妈的',
  '他媽的',
];

const LEET: Record<string, string> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '@': 'a',
  $: 's',
  '!': 'i',
};

/** Lower case, accents off, digits-for-letters undone, so "K*U*R*W*A" and "1d10t" are found. */
function folded(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/ł/g, 'l')
    .replace(/[013457@$!]/g, (c) => LEET[c] ?? c);
}

function hasAbuse(text: string): boolean {
  if (ABUSE_ANYWHERE.some((w) => text.includes(w))) return true;
  const words = folded(text)
    // Letters split by dots or dashes ("s.h.i.t") join up again.
    .replace(/(\p{L})[._-](?=\p{L})/gu, '$1')
    .split(/[^\p{L}*]+/u)
    // "fuuuuck" → "fuck"
    .map((w) => w.replace(/(\p{L})\1{2,}/gu, '$1'));
  for (const word of words) {
    if (ABUSE.has(word) || ABUSE.has(word.replace(/(\p{L})\1+/gu, '$1'))) return true;
    // A star stands for a letter someone left out: "f*cking".
    if (word.includes('*') && /\p{L}/u.test(word)) {
      const masked = new RegExp(`^${word.replace(/\*+/g, '\\p{L}{0,2}')}$`, 'u');
      if (ABUSE_WORDS.some((w) => masked.test(w))) return true;
    }
  }
  return false;
}

function hasPhone(text: string): boolean {
  for (const match of text.matchAll(DIGIT_RUN)) {
    const digits = match[0].replace(/\D/g, '');
    if (digits.length >= 9 && digits.length <= 15) return true;
  }
  return false;
}

function hasPersonalName(text: string): boolean {
  for (const match of text.matchAll(NAME_INTRO)) {
    const name = match[2] ?? '';
    // A name starts with a capital; "the officer was helpful" names nobody.
    if (name.length >= 2 && /^\p{Lu}\p{Ll}/u.test(name)) return true;
  }
  return false;
}

function isShouting(text: string): boolean {
  const upper = (text.match(/\p{Lu}/gu) ?? []).length;
  const lower = (text.match(/\p{Ll}/gu) ?? []).length;
  return upper >= 12 && upper / (upper + lower) > 0.7;
}

/** Every flag that applies to any part of a review, in REVIEW_FLAGS order. */
export function screenReview(review: {
  title?: string | undefined;
  body: string;
  displayName?: string | undefined;
}): ReviewFlag[] {
  const parts = [review.title ?? '', review.body, review.displayName ?? ''];
  const all = parts.join('\n');
  const found = new Set<ReviewFlag>();
  if (MARKUP.test(all)) found.add('markup');
  if (LINK.test(all)) found.add('link');
  if (EMAIL.test(all)) found.add('email');
  if (hasPhone(all)) found.add('phone');
  if (POSTCODE.test(all)) found.add('postcode');
  if (parts.some(hasPersonalName)) found.add('personal-name');
  if (hasAbuse(all)) found.add('abuse');
  if (parts.some(isShouting)) found.add('shouting');
  if (/(.)\1{4,}/u.test(all)) found.add('repeated-characters');
  return REVIEW_FLAGS.filter((f) => found.has(f));
}

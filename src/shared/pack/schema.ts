// The franchise pack: everything an access point needs to serve anyone (services, their
// commitments and process maps, partners, places, training, standards), published by the
// franchisor in immutable versions. One zod schema per record kind; validate-pack.ts checks the references
// between records and the shape of every process map.
import { z } from 'zod';
import { ROLES, type Role } from '../staff.ts';
import { ACCESS_POINT_KINDS } from '../access-point.ts';
import { CHANNELS } from '../channels.ts';
import { PACK_LANGUAGES, type LocalText } from './local-text.ts';

const text = z.string().trim().min(1).max(20_000);

/** Text a citizen reads, per language; English required as the fallback. */
export const localText: z.ZodType<LocalText, LocalText> = z.strictObject({
  en: text,
  cy: text.optional(),
  pl: text.optional(),
  ar: text.optional(),
  'zh-Hans': text.optional(),
  'zh-Hant': text.optional(),
});

export const slug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,79}$/, { message: 'must be lower-case letters, digits and dashes' });

export { ROLES, type Role };

export const PARTNER_KINDS = [
  'county-council',
  'district-council',
  'parish-council',
  'nhs',
  'police',
  'fire',
  'voluntary',
  'other',
] as const;

export const team = z.strictObject({ id: slug, name: localText });

export const partner = z.strictObject({
  id: slug,
  name: localText,
  kind: z.enum(PARTNER_KINDS),
  website: z.url({ protocol: /^https$/ }).optional(),
  phone: z.string().max(40).optional(),
  teams: z.array(team).min(1),
  /**
   * The services this partner takes through Open311 (e.g. from FixMyStreet): what its API keys
   * and its jurisdiction are offered. Each must be one it delivers (validatePack).
   */
  open311Services: z.array(slug).optional(),
  /**
   * Where the partner serves, when that is less than the whole directory (a district, a
   * parish): postcode areas or districts ("EB1", "NM"), matched as byArea is. Its services are
   * available there only (HSDS service_areas, the directory's postcode search).
   */
  area: z
    .strictObject({
      name: localText,
      postcodePrefixes: z.array(z.string().regex(/^[A-Z0-9]{1,4}$/)).min(1),
    })
    .optional(),
});
export type Partner = z.infer<typeof partner>;

export const owner = z.strictObject({ partnerId: slug, teamId: slug });
export type Owner = z.infer<typeof owner>;

export const lifeEvent = z.strictObject({ id: slug, name: localText });
export const topic = z.strictObject({ id: slug, name: localText });

export const TIERS = [0, 1, 2, 3] as const;
export const tier = z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)], {
  message: 'must be 0, 1, 2 or 3',
});
export type Tier = z.infer<typeof tier>;

export const service = z.strictObject({
  id: slug,
  /** Local Government Service List identifier, kept so records match other councils' systems. */
  lgsl: z.number().int().positive().optional(),
  name: localText,
  description: localText,
  /** Who delivers it; `byArea` overrides by postcode prefix (e.g. "NM3"). */
  delivery: z.strictObject({
    default: owner,
    byArea: z
      .array(
        z.strictObject({
          postcodePrefixes: z.array(z.string().regex(/^[A-Z0-9]{1,4}$/)).min(1),
          owner,
        }),
      )
      .optional(),
  }),
  tier,
  channels: z.array(z.enum(CHANNELS)).min(1),
  eligibility: localText.optional(),
  documents: z.array(localText).default([]),
  fees: localText.optional(),
  /** Search words in any language: synonyms, everyday names ("bins", "rubbish"). */
  keywords: z.partialRecord(z.enum(PACK_LANGUAGES), z.array(z.string().min(1).max(80))).default({}),
  lifeEvents: z.array(slug).default([]),
  topics: z.array(slug).default([]),
  selfServiceUrl: z.url({ protocol: /^https$/ }).optional(),
  phone: z.string().max(40).optional(),
  /**
   * What a case is about: a 'place' (a pothole, a missed bin: its location may be published,
   * e.g. to Open311 readers) or a 'person' (the default: where they live stays private).
   */
  about: z.enum(['place', 'person']).optional(),
});
export type Service = z.infer<typeof service>;

export const duration = z.strictObject({
  amount: z.number().positive().max(1000),
  unit: z.enum(['working-hours', 'working-days', 'calendar-days']),
});
export type Duration = z.infer<typeof duration>;

/** A level-1 promise to the citizen and the level-2/3 steps that deliver it. */
export const commitment = z.strictObject({
  id: slug,
  serviceId: slug,
  promise: localText,
  target: duration,
  steps: z
    .array(
      z.strictObject({
        id: slug,
        level: z.union([z.literal(2), z.literal(3)]),
        title: localText,
        owner: z.union([owner, z.strictObject({ role: z.enum(ROLES) })]),
        target: duration,
      }),
    )
    .default([]),
});
export type Commitment = z.infer<typeof commitment>;

export const OUTCOMES = ['self-serve', 'capture-request', 'refer', 'book', 'resolved'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** What staff say (counter, tablet) and the plain wording a citizen reads at a kiosk. */
const wording = { staff: localText, citizen: localText };

/**
 * What a step asks the citizen for, so the flow gives it a field and the answer carries into
 * the request form instead of being asked twice (a postcode, the first line of an address).
 */
export const FLOW_FIELDS = ['postcode', 'address'] as const;
export type FlowField = (typeof FLOW_FIELDS)[number];
const collects = { collects: z.array(z.enum(FLOW_FIELDS)).min(1).optional() };

export const processStep = z.discriminatedUnion('kind', [
  z.strictObject({
    id: slug,
    kind: z.literal('question'),
    ...wording,
    ...collects,
    answers: z.array(z.strictObject({ id: slug, label: localText, next: slug })).min(2),
  }),
  z.strictObject({ id: slug, kind: z.literal('information'), ...wording, next: slug }),
  z.strictObject({ id: slug, kind: z.literal('check'), ...wording, ...collects, next: slug }),
  z.strictObject({ id: slug, kind: z.literal('script'), ...wording, next: slug }),
  z.strictObject({
    id: slug,
    kind: z.literal('outcome'),
    ...wording,
    outcome: z.enum(OUTCOMES),
    url: z.url({ protocol: /^https$/ }).optional(),
    referTo: owner.optional(),
  }),
]);
export type ProcessStep = z.infer<typeof processStep>;

export const processMap = z.strictObject({
  id: slug,
  serviceId: slug,
  start: slug,
  steps: z.array(processStep).min(1),
});
export type ProcessMap = z.infer<typeof processMap>;

export const trainingModule = z.strictObject({
  id: slug,
  title: localText,
  summary: localText,
  serviceIds: z.array(slug).default([]),
  /** Staff must have completed it before serving these tiers of the listed services. */
  tiers: z.array(tier).default([]),
  requiredForRoles: z.array(z.enum(ROLES)).default([]),
  questions: z
    .array(
      z.strictObject({
        id: slug,
        prompt: localText,
        options: z.array(localText).min(2),
        correct: z.number().int().min(0),
      }),
    )
    .default([]),
});
export type TrainingModule = z.infer<typeof trainingModule>;

export const FACILITIES = [
  'step-free',
  'hearing-loop',
  'accessible-toilet',
  'parking',
  'baby-change',
  'large-print',
  'quiet-room',
  'wheelchair-available',
  'public-wifi',
  'bsl-video',
] as const;

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'must be HH:MM' });
const date = z.iso.date({ message: 'must be a date, YYYY-MM-DD' });
/** 1 = Monday … 7 = Sunday (ISO 8601). */
const weekday = z.number().int().min(1).max(7);

export const packAccessPoint = z.strictObject({
  id: slug,
  name: z.string().min(1).max(200),
  kind: z.enum(ACCESS_POINT_KINDS),
  partnerId: slug,
  address: z.strictObject({
    line1: z.string().min(1).max(200),
    town: z.string().min(1).max(100),
    postcode: z
      .string()
      .regex(/^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/, { message: 'must be a UK postcode' }),
  }),
  location: z
    .strictObject({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) })
    .optional(),
  phone: z.string().max(40).optional(),
  openingHours: z.array(z.strictObject({ day: weekday, opens: time, closes: time })).default([]),
  /** A mobile library's stops; its opening hours are the times at each stop. */
  route: z
    .array(
      z.strictObject({
        stop: z.string().min(1).max(200),
        postcode: z.string().max(10),
        day: weekday,
        arrives: time,
        departs: time,
      }),
    )
    .optional(),
  /**
   * Days it is shut though its hours say open (refurbishment, staff training): each from a
   * date to a date, inclusive, with what to tell people.
   */
  closures: z
    .array(z.strictObject({ from: date, to: date, reason: localText.optional() }))
    .optional(),
  /** Open on bank holidays (England and Wales) as on any other day; closed when absent. */
  openOnBankHolidays: z.boolean().optional(),
  facilities: z.array(z.enum(FACILITIES)).default([]),
  faceToFaceServiceIds: z.array(slug).default([]),
  description: localText.optional(),
  /**
   * A kiosk with no staff of its own: the staffed access point (same partner, not a kiosk)
   * whose devices hear its calls for help, and whose phone it offers when nobody answers.
   */
  helpFrom: slug.optional(),
});
export type PackAccessPoint = z.infer<typeof packAccessPoint>;

/** A check's weight in its audit's score (1 unless the pack says otherwise). */
const weight = z.number().positive().max(10);

/**
 * A quality standard that mystery shoppers audit (README, "Mystery shopping"). It applies
 * to the access-point kinds listed (none: every kind); when it lists services, its checks are
 * asked once per listed service the place offers face to face, else once per visit.
 * `commitments` adds one check per level-1 commitment of the services in scope: was the
 * promise told to the citizen, in the commitment's own words (see audit-checklist.ts).
 */
export const standard = z.strictObject({
  id: slug,
  title: localText,
  appliesTo: z
    .strictObject({
      accessPointKinds: z.array(z.enum(ACCESS_POINT_KINDS)).default([]),
      serviceIds: z.array(slug).default([]),
    })
    .default({ accessPointKinds: [], serviceIds: [] }),
  checks: z
    .array(z.strictObject({ id: slug, prompt: localText, weight: weight.optional() }))
    .default([]),
  commitments: z.strictObject({ prompt: localText, weight: weight.optional() }).optional(),
});
export type Standard = z.infer<typeof standard>;

/** The records of a pack, by kind. The order here is the order devices apply them in. */
export const packContent = z.strictObject({
  partners: z.array(partner),
  lifeEvents: z.array(lifeEvent),
  topics: z.array(topic),
  services: z.array(service),
  commitments: z.array(commitment),
  processMaps: z.array(processMap),
  training: z.array(trainingModule),
  accessPoints: z.array(packAccessPoint),
  standards: z.array(standard),
});
export type PackContent = z.infer<typeof packContent>;
export type PackKind = keyof PackContent;
export const PACK_KINDS = Object.keys(packContent.shape) as PackKind[];

export type PackRecordOf<K extends PackKind> = PackContent[K][number];
export type AnyPackRecord = PackRecordOf<PackKind>;

export const packRecordSchemas: { [K in PackKind]: z.ZodType<PackRecordOf<K>> } = {
  partners: partner,
  lifeEvents: lifeEvent,
  topics: topic,
  services: service,
  commitments: commitment,
  processMaps: processMap,
  training: trainingModule,
  accessPoints: packAccessPoint,
  standards: standard,
};

// Builds the demo franchise pack: all live LGSL services (real names and descriptions, keyed
// by LGSL id) assigned to the demo partners by simple rules, overlaid with the hand-authored
// services of content/pack (process maps, scripts, commitments, six languages) and its
// partners, places and standards.
import { parse } from 'csv-parse/sync';
import type { z } from 'zod';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Channel } from '../../../shared/channels.ts';
import type { Owner, PackContent, service, Tier } from '../../../shared/pack/schema.ts';
import { CONTENT_DIR, DEMO_PACK_DIR, readContentFolder, type PackInput } from './content-files.ts';

/**
 * The demo pack's hand-written records (content/pack: partners, places, life events, topics,
 * standards and the authored services), each file checked as it is read.
 */
export function readDemoContent(): PackInput {
  return readContentFolder(DEMO_PACK_DIR).pack;
}

export interface LgslRow {
  Identifier: string;
  Label: string;
  Status: string;
  Description: string;
}

export function readLgsl(
  path: string | URL = join(CONTENT_DIR, 'lgsl', 'lgsl-services.csv'),
): LgslRow[] {
  return parseLgsl(readFileSync(path));
}

/**
 * A Local Government Service List CSV's rows (Identifier, Label, Status, Description). Throws
 * when it is not CSV or lacks those columns (the studio's import says so).
 */
export function parseLgsl(csv: string | Buffer): LgslRow[] {
  const rows = parse(csv, { columns: true, bom: true, skip_empty_lines: true }) as LgslRow[];
  const first = rows[0];
  for (const column of ['Identifier', 'Label', 'Status'] as const) {
    if (first && typeof first[column] !== 'string') throw new Error(`has no ${column} column`);
  }
  return rows.map((row) => ({ ...row, Description: row.Description ?? '' }));
}

/**
 * The services an LGSL list adds to a pack: each live row not already authored (by LGSL id),
 * owned by the demo's rules. Shared by the demo build and the studio's import.
 */
export function lgslServices(
  rows: LgslRow[],
  content: Pick<PackInput, 'services' | 'partners'>,
): z.input<typeof service>[] {
  const authoredLgsl = new Set(
    content.services.flatMap((s) => (s.lgsl && !s.id.startsWith('lgsl-') ? [s.lgsl] : [])),
  );
  return rows
    .filter((row) => row.Status === 'Live' && /^\d+$/.test(row.Identifier))
    .filter((row) => !authoredLgsl.has(Number(row.Identifier)))
    .map((row) => generatedService(row, content.partners));
}

type Rule = { pattern: RegExp; owner: Owner; topics: string[]; lifeEvents?: string[] };
const county = (teamId: string): Owner => ({ partnerId: 'northshire-county-council', teamId });
const district = (teamId: string): Owner => ({ partnerId: 'northam-district-council', teamId });

// First match wins. The rules only need to be plausible: a real franchisor imports its own.
const RULES: Rule[] = [
  {
    pattern: /fire|smoke alarm/i,
    owner: { partnerId: 'northshire-fire-rescue', teamId: 'community-safety' },
    topics: ['community-safety'],
  },
  {
    pattern: /police|crime|antisocial|anti-social/i,
    owner: { partnerId: 'northshire-police', teamId: 'neighbourhood-policing' },
    topics: ['community-safety'],
  },
  {
    pattern: /allotment|parish/i,
    owner: { partnerId: 'ashby-parish-council', teamId: 'clerk' },
    topics: ['environment'],
  },
  {
    pattern: /bin|waste|recycl|litter|fly.?tip|street clean|sweep|graffiti|dog/i,
    owner: district('waste-collection'),
    topics: ['bins-recycling'],
    lifeEvents: ['moving-home'],
  },
  {
    pattern: /council tax/i,
    owner: district('council-tax'),
    topics: ['council-tax-benefits'],
    lifeEvents: ['moving-home', 'money-worries'],
  },
  {
    pattern: /benefit|discretionary|hardship|welfare/i,
    owner: district('benefits'),
    topics: ['council-tax-benefits'],
    lifeEvents: ['money-worries'],
  },
  {
    pattern: /homeless|housing|tenan|lettings|landlord|home repair|disabled facilities/i,
    owner: district('housing-options'),
    topics: ['housing'],
    lifeEvents: ['moving-home'],
  },
  { pattern: /parking|penalty charge/i, owner: district('parking'), topics: ['parking'] },
  {
    pattern: /planning|building control|building regulation|listed building|tree preservation/i,
    owner: district('planning'),
    topics: ['planning-building'],
  },
  {
    pattern: /licen[cs]|gambling|taxi|hackney|street trading|alcohol|premises/i,
    owner: district('licensing'),
    topics: ['business-licensing'],
    lifeEvents: ['starting-a-business'],
  },
  {
    pattern:
      /noise|pest|pollution|food (safety|hygiene)|nuisance|contaminat|environmental health|air quality/i,
    owner: district('environmental-health'),
    topics: ['environment'],
  },
  {
    pattern: /elect|voting|vote|poll/i,
    owner: district('electoral-services'),
    topics: ['democracy'],
    lifeEvents: ['moving-home'],
  },
  {
    pattern: /leisure|sport|park|playground|museum|arts|theatre|swimming/i,
    owner: district('leisure'),
    topics: ['libraries-leisure'],
  },
  { pattern: /librar|book/i, owner: county('libraries'), topics: ['libraries-leisure'] },
  {
    pattern: /birth|death|marriage|civil partnership|citizenship|register office|ceremon/i,
    owner: county('registration-service'),
    topics: ['births-deaths-marriages'],
  },
  {
    pattern: /school|education|pupil|student|college|learning|bursary|childcare|nursery/i,
    owner: county('school-admissions'),
    topics: ['schools-education'],
    lifeEvents: ['starting-school'],
  },
  {
    pattern: /child|young people|youth|fostering|adoption|family/i,
    owner: county('childrens-services'),
    topics: ['health-social-care'],
    lifeEvents: ['new-baby'],
  },
  {
    pattern: /carer/i,
    owner: county('adult-social-care'),
    topics: ['health-social-care'],
    lifeEvents: ['becoming-a-carer'],
  },
  {
    pattern: /care|disab|elderly|older|meals|day centre|mental health|safeguard|adult/i,
    owner: county('adult-social-care'),
    topics: ['health-social-care'],
    lifeEvents: ['getting-older', 'disability'],
  },
  {
    pattern: /health|smoking|drug|alcohol|sexual|immunis|obesity/i,
    owner: county('public-health'),
    topics: ['health-social-care'],
  },
  {
    pattern:
      /road|highway|street light|pothole|pavement|traffic|bus|transport|cycle|footpath|bridleway|right of way|gritting|winter|travel|vehicle/i,
    owner: county('highways'),
    topics: ['roads-transport'],
  },
  {
    pattern: /trading standards|consumer|scam|weights|counterfeit|underage/i,
    owner: county('trading-standards'),
    topics: ['business-licensing'],
  },
  {
    pattern: /business|rates|market|economic|employment|job|tourism/i,
    owner: district('customer-services'),
    topics: ['business-licensing'],
    lifeEvents: ['starting-a-business'],
  },
];

const FALLBACK_RULE: Rule = {
  pattern: /.*/,
  owner: county('customer-services'),
  topics: ['advice-support'],
};

function tierFor(label: string): Tier {
  if (/assessment|safeguard|homeless|fostering|adoption|care|support|mental|appeal/i.test(label)) {
    return /assessment|safeguard|fostering|adoption/i.test(label) ? 3 : 2;
  }
  if (/information|advice|guide|directory|find|opening|timetable/i.test(label)) return 0;
  return 1;
}

const CHANNELS_BY_TIER: Record<Tier, Channel[]> = {
  0: ['web', 'kiosk', 'phone', 'face-to-face'],
  1: ['web', 'phone', 'face-to-face', 'kiosk', 'email', 'letter'],
  2: ['phone', 'face-to-face', 'email', 'letter'],
  3: ['face-to-face', 'phone', 'letter'],
};

/** District services delivered by Eastbury in its own postcode area (two-tier geography). */
function withArea(
  owner: Owner,
  partners: PackInput['partners'],
): z.input<typeof service>['delivery'] {
  if (owner.partnerId !== 'northam-district-council') return { default: owner };
  const eastburyTeams = new Set(
    partners.find((p) => p.id === 'eastbury-borough-council')?.teams.map((t) => t.id),
  );
  const teamId = eastburyTeams.has(owner.teamId) ? owner.teamId : 'customer-services';
  return {
    default: owner,
    byArea: [
      {
        postcodePrefixes: ['EB1', 'EB2', 'EB3', 'EB4', 'EB5'],
        owner: { partnerId: 'eastbury-borough-council', teamId },
      },
    ],
  };
}

function generatedService(row: LgslRow, partners: PackInput['partners']): z.input<typeof service> {
  const rule = RULES.find((r) => r.pattern.test(row.Label)) ?? FALLBACK_RULE;
  const tier = tierFor(row.Label);
  const description = row.Description.trim() || row.Label;
  return {
    id: `lgsl-${row.Identifier}`,
    lgsl: Number(row.Identifier),
    name: { en: row.Label.trim() },
    description: { en: description.length > 4000 ? `${description.slice(0, 3997)}…` : description },
    delivery: withArea(rule.owner, partners),
    tier,
    channels: CHANNELS_BY_TIER[tier],
    topics: rule.topics,
    lifeEvents: rule.lifeEvents ?? [],
  };
}

/** Which services each kind of access point offers face to face (besides the authored ones). */
function faceToFaceFor(kind: string, services: z.input<typeof service>[]): string[] {
  const byTier = (max: number) => services.filter((s) => s.tier <= max);
  switch (kind) {
    case 'council-office':
      return services.filter((s) => s.channels.includes('face-to-face')).map((s) => s.id);
    case 'library':
    case 'post-office':
    case 'mobile-library':
      return byTier(1)
        .filter((s) => s.channels.includes('face-to-face'))
        .map((s) => s.id);
    case 'clinic':
    case 'charity-shop':
      return byTier(2)
        .filter((s) =>
          (s.topics ?? []).some((t) =>
            ['health-social-care', 'advice-support', 'council-tax-benefits'].includes(t),
          ),
        )
        .map((s) => s.id);
    default:
      return byTier(1)
        .filter((s) => s.channels.includes('kiosk'))
        .map((s) => s.id);
  }
}

/** The demo pack as a plain object, ready for validatePack(). */
export function buildDemoPack(rows: LgslRow[] = readLgsl()): PackContent {
  const content = readDemoContent();
  const services = [...content.services, ...lgslServices(rows, content)];
  const pack = {
    ...content,
    services,
    accessPoints: content.accessPoints.map((ap) => ({
      ...ap,
      faceToFaceServiceIds: faceToFaceFor(ap.kind, services),
    })),
  };
  // Parsed by validatePack() before it is published; the cast only widens zod input types.
  return pack as unknown as PackContent;
}

import { describe, expect, it } from 'vitest';
import { validatePack } from '../../../shared/pack/validate-pack.ts';
import { hsdsId } from './hsds-ids.ts';
import { TAXONOMIES } from './hsds-vocabulary.ts';
import { toHsds } from './to-hsds.ts';

function pack() {
  const result = validatePack({
    partners: [
      {
        id: 'county',
        name: { en: 'County Council', cy: 'Cyngor Sir' },
        kind: 'county-council',
        website: 'https://county.example.gov.uk',
        phone: '0300 123 4000',
        teams: [{ id: 'highways', name: { en: 'Highways' } }],
      },
      {
        id: 'parish',
        name: { en: 'Ashby Parish Council' },
        kind: 'parish-council',
        teams: [{ id: 'clerk', name: { en: 'Clerk' } }],
        area: { name: { en: 'Ashby parish' }, postcodePrefixes: ['NM7'] },
      },
      {
        id: 'post',
        name: { en: 'Post Office Ltd' },
        kind: 'other',
        teams: [{ id: 'counter', name: { en: 'Counter' } }],
      },
    ],
    lifeEvents: [{ id: 'moving-home', name: { en: 'Moving home' } }],
    topics: [{ id: 'roads', name: { en: 'Roads' } }],
    services: [
      {
        id: 'pothole',
        lgsl: 1,
        name: { en: 'Report a pothole', pl: 'Zgłoś dziurę w drodze' },
        description: { en: 'Tell us about a pothole.' },
        delivery: { default: { partnerId: 'county', teamId: 'highways' } },
        tier: 1,
        channels: ['web', 'phone', 'face-to-face'],
        topics: ['roads'],
        lifeEvents: ['moving-home'],
        documents: [{ en: 'A photo, if you have one' }],
        fees: { en: 'Free' },
        selfServiceUrl: 'https://county.example.gov.uk/pothole',
      },
      {
        id: 'gritting',
        name: { en: 'Gritting routes' },
        description: { en: 'Which roads we grit.' },
        delivery: { default: { partnerId: 'county', teamId: 'highways' } },
        tier: 0,
        channels: ['web'],
      },
      {
        id: 'allotments',
        name: { en: 'Allotments', cy: 'Rhandiroedd' },
        description: { en: 'Rent a plot.' },
        delivery: { default: { partnerId: 'parish', teamId: 'clerk' } },
        tier: 1,
        channels: ['phone'],
      },
    ],
    commitments: [],
    processMaps: [],
    training: [],
    accessPoints: [
      {
        id: 'library',
        name: 'Central Library',
        kind: 'library',
        partnerId: 'county',
        address: { line1: '1 Library Walk', town: 'Northam', postcode: 'NM1 2AB' },
        openingHours: [{ day: 1, opens: '09:00', closes: '17:00' }],
        location: { lat: 52.2401, lng: -0.9012 },
        facilities: ['hearing-loop'],
        faceToFaceServiceIds: ['pothole'],
      },
      {
        id: 'post-office',
        name: 'Brook End Post Office',
        kind: 'post-office',
        partnerId: 'post',
        address: { line1: '1 Mill Lane', town: 'Brook End', postcode: 'NM8 2LP' },
        facilities: ['bsl-video'],
        faceToFaceServiceIds: ['pothole'],
      },
    ],
  });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.pack;
}

describe('toHsds', () => {
  it('derives the same UUIDv5 ids on every run and every hub', () => {
    // Pinned (and cross-checked with Python's uuid.uuid5): changing the namespace or the key
    // format would break every consumer's links to published records.
    expect(hsdsId('service', 'pothole')).toBe('e3ca0c0c-9d36-5f04-b8c6-7f32d691a0e5');
    expect(toHsds(pack())).toEqual(toHsds(pack()));
  });

  it('maps a partner to an organization, in English', () => {
    const [org] = toHsds(pack()).organizations;
    expect(org).toMatchObject({
      id: hsdsId('organization', 'county'),
      name: 'County Council',
      description: 'County council delivering 2 services listed in this directory.',
      website: 'https://county.example.gov.uk',
      phones: [{ number: '0300 123 4000', type: 'voice' }],
    });
    expect(org?.attributes?.[0]?.taxonomy_term).toMatchObject({ code: 'county-council' });
  });

  it('maps a service with its LGSL id, tier, topics, documents and channels', () => {
    const dataset = toHsds(pack(), {
      modifiedAt: (kind) =>
        kind === 'accessPoints' ? '2025-02-01T00:00:00.000Z' : '2025-01-01T00:00:00.000Z',
    });
    const pothole = dataset.services.find((s) => s.id === hsdsId('service', 'pothole'));
    expect(pothole).toMatchObject({
      name: 'Report a pothole',
      organization_id: hsdsId('organization', 'county'),
      url: 'https://county.example.gov.uk/pothole',
      status: 'active',
      fees_description: 'Free',
      application_process:
        'You can use this service online, by phone or face to face at an AnyDoor access point.',
      required_documents: [{ document: 'A photo, if you have one' }],
      // The library offering it changed last.
      last_modified: '2025-02-01T00:00:00.000Z',
    });
    const terms = pothole?.attributes?.map((a) => a.taxonomy_term);
    expect(terms).toContainEqual(
      expect.objectContaining({
        code: '1',
        taxonomy_id: TAXONOMIES.lgsl.id,
        term_uri: 'http://id.esd.org.uk/service/1',
      }),
    );
    expect(terms?.map((t) => t?.code)).toEqual(['1', 'roads', 'moving-home', '1']);
  });

  it('links a service to the places that deliver it; every place is one to ask', () => {
    const dataset = toHsds(pack());
    // The county's library delivers the county's pothole service; the post office, which also
    // helps with it, is a place to ask, not a place it is delivered.
    expect(dataset.service_at_locations).toEqual([
      {
        id: expect.any(String),
        service_id: hsdsId('service', 'pothole'),
        location_id: hsdsId('location', 'library'),
        description: 'Delivered here, face to face, by County Council.',
      },
    ]);
    const askHere = hsdsId('taxonomy_term', 'offers/ask-here');
    for (const location of dataset.locations) {
      expect(location.attributes.map((a) => a.taxonomy_term_id)).toContain(askHere);
    }
    expect(dataset.taxonomy_terms.find((t) => t.id === askHere)?.name).toBe(
      'Ask here about any public service',
    );
    expect(dataset.locations[0]).toMatchObject({
      name: 'Central Library',
      latitude: 52.2401,
      longitude: -0.9012,
      addresses: [
        {
          address_1: '1 Library Walk',
          city: 'Northam',
          postal_code: 'NM1 2AB',
          // The county, from the one county council.
          // The one county council is called just "County Council": no county name to give.
          state_province: 'England',
        },
      ],
      accessibility: [{ description: 'Hearing loop' }],
    });
  });

  it('writes schedules in UK time, with the offset of each clock period', () => {
    const winter = toHsds(pack(), { now: new Date('2026-01-15T12:00:00Z') });
    const schedules = winter.locations[0]?.schedules ?? [];
    expect(
      schedules.map((s) => [s.valid_from, s.valid_to, s.timezone, s.opens_at, s.closes_at]),
    ).toEqual([
      ['2025-10-26', '2026-03-28', 0, '09:00Z', '17:00Z'],
      ['2026-03-29', '2026-10-24', 1, '09:00+01:00', '17:00+01:00'],
      ['2026-10-25', '2027-03-27', 0, '09:00Z', '17:00Z'],
    ]);
    expect(schedules[1]).toMatchObject({
      byday: 'MO',
      description: 'Monday, 09:00 to 17:00 UK time (British Summer Time, UTC+1)',
    });
    // In summer the first period is British Summer Time.
    const summer = toHsds(pack(), { now: new Date('2026-07-01T12:00:00Z') });
    expect(summer.locations[0]?.schedules[0]).toMatchObject({
      valid_from: '2026-03-29',
      opens_at: '09:00+01:00',
      timezone: 1,
    });
  });

  it('says where a service is available and in which languages', () => {
    const dataset = toHsds(pack());
    const service = (id: string) => dataset.services.find((s) => s.id === hsdsId('service', id));
    // A county service is available everywhere; the parish's only in the parish.
    expect(service('pothole')?.service_areas).toEqual([]);
    expect(service('allotments')?.service_areas).toEqual([
      {
        id: expect.any(String),
        service_id: hsdsId('service', 'allotments'),
        name: 'Ashby parish',
        description:
          'For people living in postcodes starting NM7, delivered by Ashby Parish Council.',
        extent: 'NM7',
        extent_type: 'text',
      },
    ]);
    expect(service('pothole')?.languages?.map((l) => [l.code, l.name])).toEqual([
      ['en', 'English'],
      ['pl', 'Polish'],
    ]);
    expect(service('allotments')?.languages?.map((l) => l.code)).toEqual(['en', 'cy']);
    const post = dataset.locations.find((l) => l.name === 'Brook End Post Office');
    expect(post?.languages?.map((l) => l.name)).toEqual([
      'English',
      'Welsh',
      'Polish',
      'Arabic',
      'Chinese (Simplified)',
      'Chinese (Traditional)',
      'British Sign Language',
    ]);
    expect(post?.languages?.at(-1)?.code).toBe('bfi');
  });
});

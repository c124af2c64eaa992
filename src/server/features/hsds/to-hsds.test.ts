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
        facilities: ['hearing-loop'],
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

  it('links services to the places offering them face to face', () => {
    const dataset = toHsds(pack());
    expect(dataset.service_at_locations).toEqual([
      {
        id: expect.any(String),
        service_id: hsdsId('service', 'pothole'),
        location_id: hsdsId('location', 'library'),
      },
    ]);
    expect(dataset.locations[0]).toMatchObject({
      name: 'Central Library',
      addresses: [{ address_1: '1 Library Walk', city: 'Northam', postal_code: 'NM1 2AB' }],
      accessibility: [{ description: 'Hearing loop' }],
      schedules: [{ byday: 'MO', opens_at: '09:00', closes_at: '17:00' }],
    });
  });
});

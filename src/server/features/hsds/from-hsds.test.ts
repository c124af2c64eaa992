import { describe, expect, it } from 'vitest';
import { validatePack } from '../../../shared/pack/validate-pack.ts';
import { fromHsds } from './from-hsds.ts';
import type { HsdsInput } from './hsds-files.ts';

// Another council's HSDS export: its own ids and taxonomy, LGSL as esd URIs, UK addresses
// written every which way.
const ORG = '0b5b6a3c-1111-4a4a-8888-000000000001';
const SERVICE = '0b5b6a3c-1111-4a4a-8888-000000000002';
const LOCATION = '0b5b6a3c-1111-4a4a-8888-000000000003';

function foreign(): HsdsInput {
  return {
    organizations: [
      {
        id: ORG,
        name: 'Westmoor Borough Council',
        description: 'A council',
        website: 'http://westmoor.example',
      },
    ],
    services: [
      {
        id: SERVICE,
        organization_id: ORG,
        name: 'Garden waste collection',
        description: 'Fortnightly garden waste.',
        url: 'https://westmoor.example/garden',
        status: 'active',
        phones: [{ id: 'p', number: '01000 000000' }],
        attributes: [
          {
            id: 'a',
            taxonomy_term_id: 't',
            taxonomy_term: {
              id: 't',
              name: 'Garden waste',
              term_uri: 'http://id.esd.org.uk/service/1129',
            },
          },
        ],
        service_at_locations: [{ id: 'sal', location_id: LOCATION }],
      },
      { id: 'old', organization_id: ORG, name: 'Paper licences', status: 'defunct' },
      { id: 'orphan', name: 'Lost property', description: 'Found something?', status: 'active' },
    ],
    locations: [
      {
        id: LOCATION,
        location_type: 'physical',
        name: 'Westmoor Customer Centre',
        addresses: [
          {
            id: 'ad',
            address_1: '3 Quay Street, wm4 7qx',
            city: 'Westmoor',
            address_type: 'physical',
          },
        ],
        schedules: [
          { id: 's1', freq: 'WEEKLY', byday: 'MO,WE', opens_at: '09:00:00', closes_at: '16:00:00' },
          { id: 's2', freq: 'MONTHLY', byday: '1SA', opens_at: '10:00', closes_at: '12:00' },
        ],
      },
      { id: 'web', location_type: 'virtual', name: 'Online' },
    ],
    service_at_locations: [],
    taxonomies: [],
    taxonomy_terms: [],
  };
}

describe('fromHsds', () => {
  const { pack, warnings } = fromHsds(foreign());

  it('builds a valid pack from another publisher’s dataset', () => {
    const result = validatePack(pack);
    expect(result.ok ? [] : result.errors).toEqual([]);
  });

  it('makes partners with one general team, dropping what a pack cannot hold', () => {
    expect(pack.partners.map((p) => [p.id, p.kind, p.website])).toEqual([
      // The website is not https, so it is left out.
      ['westmoor-borough-council', 'other', undefined],
      ['unassigned-organisation', 'other', undefined],
    ]);
    expect(pack.partners[0]?.teams).toEqual([{ id: 'general', name: { en: 'General' } }]);
  });

  it('reads LGSL ids from esd URIs and fills the defaults', () => {
    const garden = pack.services.find((s) => s.name.en === 'Garden waste collection');
    expect(garden).toMatchObject({
      id: 'garden-waste-collection',
      lgsl: 1129,
      tier: 1,
      channels: ['web', 'phone', 'face-to-face'],
      delivery: { default: { partnerId: 'westmoor-borough-council', teamId: 'general' } },
      phone: '01000 000000',
    });
    expect(pack.services.map((s) => s.name.en)).not.toContain('Paper licences');
    expect(
      pack.services.find((s) => s.name.en === 'Lost property')?.delivery.default.partnerId,
    ).toBe('unassigned-organisation');
  });

  it('makes access points of physical places, finding the postcode in the address', () => {
    expect(pack.accessPoints).toEqual([
      expect.objectContaining({
        id: 'westmoor-customer-centre',
        kind: 'council-office',
        partnerId: 'westmoor-borough-council',
        address: { line1: '3 Quay Street, wm4 7qx', town: 'Westmoor', postcode: 'WM4 7QX' },
        openingHours: [
          { day: 1, opens: '09:00', closes: '16:00' },
          { day: 3, opens: '09:00', closes: '16:00' },
        ],
        faceToFaceServiceIds: ['garden-waste-collection'],
      }),
    ]);
  });

  it('says what it left out', () => {
    expect(warnings).toEqual([
      'service "Paper licences" is defunct; skipped.',
      'service "Lost property" names no known organization; it goes to "Unassigned organisation".',
      'location "Westmoor Customer Centre": 1 schedule(s) are not weekly opening hours; left out.',
      'location "Online" is virtual; only physical places become access points.',
    ]);
  });
});

// A kiosk's `helpFrom` names the staffed place that answers its calls for help.
import { describe, expect, it } from 'vitest';
import { smallPack } from '../../../tests/helpers/pack-fixture.ts';
import type { PackAccessPoint } from './schema.ts';
import { validatePack } from './validate-pack.ts';

const place = (over: Partial<PackAccessPoint>): PackAccessPoint => ({
  id: 'foyer-kiosk',
  name: 'Foyer kiosk',
  kind: 'kiosk',
  partnerId: 'county',
  address: { line1: '1 Library Walk', town: 'Northam', postcode: 'NM1 2AB' },
  openingHours: [],
  facilities: [],
  faceToFaceServiceIds: [],
  ...over,
});

function helpFromErrors(...extra: PackAccessPoint[]) {
  const pack = smallPack();
  const partners = [
    ...pack.partners,
    {
      id: 'other',
      name: { en: 'Other' },
      kind: 'voluntary' as const,
      teams: [{ id: 'shop', name: { en: 'Shop' } }],
    },
  ];
  const result = validatePack({
    ...pack,
    partners,
    accessPoints: [...pack.accessPoints, ...extra],
  });
  return result.ok ? [] : result.errors.filter((e) => e.field === 'helpFrom');
}

describe('validatePack: helpFrom', () => {
  it('accepts a kiosk answered by a staffed place of its partner', () => {
    const pack = smallPack();
    const kiosk = place({ helpFrom: 'central-library' });
    const result = validatePack({ ...pack, accessPoints: [...pack.accessPoints, kiosk] });
    expect(result.ok && result.pack.accessPoints.at(-1)?.helpFrom).toBe('central-library');
  });

  it('refuses a place that does not exist, itself, a kiosk, or another partner’s place', () => {
    const reasons = helpFromErrors(
      place({ id: 'a-kiosk', helpFrom: 'nowhere' }),
      place({ id: 'b-kiosk', helpFrom: 'b-kiosk' }),
      place({ id: 'c-kiosk', helpFrom: 'a-kiosk' }),
      place({ id: 'other-desk', kind: 'charity-shop', partnerId: 'other' }),
      place({ id: 'd-kiosk', helpFrom: 'other-desk' }),
    ).map((e) => `${e.record}: ${e.reason}`);
    expect(reasons).toEqual([
      'a-kiosk: access point "nowhere" does not exist',
      'b-kiosk: must name another access point, whose staff answer this one’s calls',
      'c-kiosk: "a-kiosk" is a kiosk: calls for help need a staffed place',
      'd-kiosk: "other-desk" belongs to another partner ("other")',
    ]);
  });
});

describe('validatePack: the services a partner takes through Open311', () => {
  it('accepts services the partner delivers, and refuses unknown ones and others’', () => {
    const pack = smallPack();
    const county = pack.partners[0];
    if (!county) throw new Error('no partner');
    const other = {
      id: 'other',
      name: { en: 'Other' },
      kind: 'voluntary' as const,
      teams: [{ id: 'shop', name: { en: 'Shop' } }],
      open311Services: ['pothole', 'dragons'],
    };
    const fine = validatePack({
      ...pack,
      partners: [{ ...county, open311Services: ['pothole'] }],
    });
    expect(fine.ok && fine.pack.partners[0]?.open311Services).toEqual(['pothole']);
    const refused = validatePack({ ...pack, partners: [county, other] });
    expect(
      refused.ok ? [] : refused.errors.map((e) => `${e.record} ${e.field}: ${e.reason}`),
    ).toEqual([
      'other open311Services.0: partner "other" does not deliver service "pothole"',
      'other open311Services.1: service "dragons" does not exist',
    ]);
  });
});

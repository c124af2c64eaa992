// A small valid franchise pack for tests that need one without the 978-service demo pack.
import type { PackContent } from '../../src/shared/pack/schema.ts';
import { validatePack } from '../../src/shared/pack/validate-pack.ts';

const en = (text: string) => ({ en: text });

export function smallPack(): PackContent {
  const raw = {
    partners: [
      {
        id: 'county',
        name: en('County Council'),
        kind: 'county-council',
        teams: [{ id: 'highways', name: en('Highways') }],
      },
    ],
    lifeEvents: [{ id: 'moving-home', name: en('Moving home') }],
    topics: [{ id: 'roads', name: en('Roads') }],
    services: [
      {
        id: 'pothole',
        lgsl: 1,
        name: { en: 'Report a pothole', pl: 'Zgłoś dziurę w drodze' },
        description: en('Tell us about a pothole.'),
        delivery: { default: { partnerId: 'county', teamId: 'highways' } },
        tier: 1,
        channels: ['web', 'face-to-face'],
        topics: ['roads'],
      },
      {
        id: 'gritting',
        name: en('Gritting routes'),
        description: en('Which roads we grit.'),
        delivery: { default: { partnerId: 'county', teamId: 'highways' } },
        tier: 0,
        channels: ['web'],
      },
    ],
    commitments: [
      {
        id: 'pothole-standard',
        serviceId: 'pothole',
        promise: en('Made safe within 5 working days.'),
        target: { amount: 5, unit: 'working-days' },
        steps: [
          {
            id: 'inspect',
            level: 2,
            title: en('Inspected'),
            owner: { partnerId: 'county', teamId: 'highways' },
            target: { amount: 2, unit: 'working-days' },
          },
        ],
      },
    ],
    processMaps: [
      {
        id: 'pothole-map',
        serviceId: 'pothole',
        start: 'danger',
        steps: [
          {
            id: 'danger',
            kind: 'question',
            staff: en('Is it dangerous?'),
            citizen: en('Is it dangerous?'),
            answers: [
              { id: 'yes', label: en('Yes'), next: 'urgent' },
              { id: 'no', label: en('No'), next: 'online' },
            ],
          },
          {
            id: 'urgent',
            kind: 'outcome',
            outcome: 'capture-request',
            staff: en('Record it now.'),
            citizen: en('Ask at the counter.'),
          },
          {
            id: 'online',
            kind: 'outcome',
            outcome: 'self-serve',
            url: 'https://example.gov.uk/pothole',
            staff: en('Report it online.'),
            citizen: en('Report it online.'),
          },
        ],
      },
    ],
    training: [],
    accessPoints: [
      {
        id: 'central-library',
        name: 'Central Library',
        kind: 'library',
        partnerId: 'county',
        address: { line1: '1 Library Walk', town: 'Northam', postcode: 'NM1 2AB' },
        openingHours: [{ day: 1, opens: '09:00', closes: '17:00' }],
        faceToFaceServiceIds: ['pothole'],
      },
    ],
  };
  const result = validatePack(raw);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.pack;
}

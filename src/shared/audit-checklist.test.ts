import { describe, expect, it } from 'vitest';
import { auditSubmitInput } from './audit.ts';
import { buildChecklist, scoreAudit } from './audit-checklist.ts';
import { newId } from './ids.ts';
import { validatePack } from './pack/validate-pack.ts';
import type { Commitment, Standard } from './pack/schema.ts';

const en = (text: string) => ({ en: text });

function standard(partial: Partial<Standard> & { id: string }): Standard {
  return {
    title: en(partial.id),
    appliesTo: { accessPointKinds: [], serviceIds: [] },
    checks: [],
    ...partial,
  };
}

const commitment = (id: string, serviceId: string): Commitment => ({
  id,
  serviceId,
  promise: en(`Promise for ${serviceId}`),
  target: { amount: 5, unit: 'working-days' },
  steps: [],
});

const standards: Standard[] = [
  standard({
    id: 'welcome',
    appliesTo: { accessPointKinds: ['library', 'clinic'], serviceIds: [] },
    checks: [
      { id: 'greeted', prompt: en('Greeted within 5 minutes'), weight: 2 },
      { id: 'badge', prompt: en('Name badge') },
    ],
  }),
  standard({
    id: 'kiosk-ready',
    appliesTo: { accessPointKinds: ['kiosk'], serviceIds: [] },
    checks: [{ id: 'screen', prompt: en('Screen works') }],
  }),
  standard({
    id: 'blue-badge-documents',
    appliesTo: { accessPointKinds: [], serviceIds: ['blue-badge', 'bus-pass'] },
    checks: [{ id: 'listed', prompt: en('Documents listed') }],
  }),
  standard({
    id: 'promises',
    commitments: { prompt: en('The promise was told in its own words') },
  }),
];
const commitments = [
  commitment('blue-badge-standard', 'blue-badge'),
  commitment('pothole-standard', 'pothole'),
  commitment('gritting-standard', 'gritting'),
];

describe('buildChecklist', () => {
  it('takes the standards for the place’s kind, per-service checks and one check per promise', () => {
    const items = buildChecklist(
      { standards, commitments },
      { kind: 'library', faceToFaceServiceIds: ['pothole', 'blue-badge'] },
    );
    // Standards in id order, checks in their standard's order.
    expect(items.map((i) => [i.id, i.serviceId, i.weight])).toEqual([
      // Listed services the place does not offer (bus-pass) are not asked about.
      ['blue-badge-documents/listed/blue-badge', 'blue-badge', 1],
      // Commitments in the order of the place's services; gritting is not offered here.
      ['promises:pothole-standard', 'pothole', 1],
      ['promises:blue-badge-standard', 'blue-badge', 1],
      ['welcome/greeted', null, 2],
      ['welcome/badge', null, 1],
    ]);
    const promise = items.find((i) => i.id === 'promises:pothole-standard');
    expect(promise?.promise).toEqual(en('Promise for pothole'));
    expect(promise?.standardId).toBe('promises');
  });

  it('leaves out standards for other kinds and for services not offered', () => {
    const items = buildChecklist(
      { standards, commitments },
      { kind: 'kiosk', faceToFaceServiceIds: ['gritting'] },
    );
    expect(items.map((i) => i.id)).toEqual(['kiosk-ready/screen', 'promises:gritting-standard']);
    // The same list whatever order the standards arrive in.
    const reversed = buildChecklist(
      { standards: [...standards].reverse(), commitments },
      { kind: 'kiosk', faceToFaceServiceIds: ['gritting'] },
    );
    expect(reversed).toEqual(items);
  });

  it('gives every item a distinct id', () => {
    const items = buildChecklist(
      { standards, commitments },
      { kind: 'clinic', faceToFaceServiceIds: ['blue-badge', 'bus-pass', 'pothole', 'gritting'] },
    );
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
    expect(items.length).toBe(2 + 2 + 3);
  });
});

describe('scoreAudit', () => {
  it('counts met 1, partly ½, not met 0, weighted, out of 100', () => {
    expect(scoreAudit([{ result: 'met' }, { result: 'not-met' }])).toBe(50);
    expect(scoreAudit([{ result: 'partly' }])).toBe(50);
    expect(
      scoreAudit([
        { result: 'met', weight: 3 },
        { result: 'not-met', weight: 1 },
      ]),
    ).toBe(75);
    expect(scoreAudit([{ result: 'met' }, { result: 'met' }, { result: 'partly' }])).toBe(83.3);
  });

  it('leaves not-applicable checks out, and scores nothing when none applied', () => {
    expect(scoreAudit([{ result: 'met' }, { result: 'not-applicable', weight: 5 }])).toBe(100);
    expect(scoreAudit([{ result: 'not-applicable' }])).toBeNull();
    expect(scoreAudit([])).toBeNull();
  });
});

describe('standards in the pack', () => {
  const base = {
    partners: [
      {
        id: 'county',
        name: en('County'),
        kind: 'county-council',
        teams: [{ id: 'desk', name: en('Desk') }],
      },
    ],
    lifeEvents: [],
    topics: [],
    services: [],
    commitments: [],
    processMaps: [],
    training: [],
    accessPoints: [],
  };

  it('refuses unknown services, kinds, repeated checks and standards without checks', () => {
    const result = validatePack({
      ...base,
      standards: [
        { id: 'a', title: en('A'), appliesTo: { serviceIds: ['nowhere'] }, checks: [] },
        {
          id: 'b',
          title: en('B'),
          appliesTo: { accessPointKinds: ['castle'] },
          checks: [{ id: 'x', prompt: en('X') }],
        },
        {
          id: 'c',
          title: en('C'),
          checks: [
            { id: 'x', prompt: en('X') },
            { id: 'x', prompt: en('Y') },
          ],
        },
      ],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => `${e.record} ${e.field}`).sort()).toEqual([
      'a appliesTo.serviceIds.0',
      'a checks',
      'b appliesTo.accessPointKinds.0',
      'c checks.1.id',
    ]);
  });

  it('reads a pack file written before standards existed as having none', () => {
    const result = validatePack(base);
    expect(result.ok && result.pack.standards).toEqual([]);
  });
});

describe('auditSubmitInput', () => {
  const good = {
    id: newId(),
    accessPointId: 'central-library',
    visitedAt: new Date().toISOString(),
    items: [
      { checkId: 'welcome/greeted', result: 'met', note: 'Greeted at once by Sam.' },
      { checkId: 'promises:pothole-standard', result: 'partly' },
      { checkId: 'docs/listed/blue-badge', result: 'not-applicable' },
    ],
  };

  it('accepts an audit with evidence notes', () => {
    expect(auditSubmitInput.safeParse(good).success).toBe(true);
  });

  it('refuses a check answered twice, odd check ids, unknown results and no answers', () => {
    const bad = [
      { ...good, items: [good.items[0], good.items[0]] },
      { ...good, items: [{ checkId: 'welcome', result: 'met' }] },
      { ...good, items: [{ checkId: 'a/b/c/d', result: 'met' }] },
      { ...good, items: [{ checkId: 'welcome/greeted', result: 'excellent' }] },
      { ...good, items: [] },
      { ...good, score: 101 },
      { ...good, items: [{ checkId: 'welcome/greeted', result: 'met', note: 'a\u0000b' }] },
    ];
    for (const payload of bad) expect(auditSubmitInput.safeParse(payload).success).toBe(false);
  });
});

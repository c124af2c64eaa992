// A valid payload of every mutation kind, for tests that iterate over the kinds. Typed over
// MutationKind: a new kind in src/shared/sync/mutations.ts does not compile until it has one.
import { newId } from '../../src/shared/ids.ts';
import { newReference } from '../../src/shared/reference.ts';
import type { MutationKind, MutationPayload } from '../../src/shared/sync/mutations.ts';

export interface PayloadContext {
  /** A case the hub already has (for case.event). */
  caseId: string;
  at: string;
}

export const VALID_PAYLOADS: {
  readonly [K in MutationKind]: (context: PayloadContext) => MutationPayload<K>;
} = {
  'contactNote.create': ({ at }) => ({
    id: newId(),
    staffName: 'Priya',
    serviceName: 'Missed bin',
    channel: 'face-to-face',
    note: 'Green bin missed.',
    createdAt: at,
  }),
  'localPage.save': ({ at }) => ({
    id: newId(),
    pageId: newId(),
    baseRevisionIds: [],
    title: 'Lift',
    body: '<p>The lift works.</p>',
    author: 'Sam',
    createdAt: at,
  }),
  'contact.record': ({ at }) => ({
    id: newId(),
    serviceId: 'missed-bin-collection',
    channel: 'face-to-face',
    tier: 1,
    outcome: 'resolved',
    path: [],
    createdAt: at,
  }),
  'help.request': ({ at }) => ({ id: newId(), createdAt: at }),
  'help.answer': ({ at }) => ({ id: newId(), requestId: newId(), createdAt: at }),
  'case.open': ({ at }) => ({
    id: newId(),
    reference: newReference(),
    type: 'complaint',
    serviceId: 'missed-bin-collection',
    channel: 'face-to-face',
    details: 'Bin missed.',
    author: 'Sam',
    openedAt: at,
  }),
  'case.event': ({ caseId, at }) => ({
    id: newId(),
    caseId,
    kind: 'note',
    note: 'Called the crew.',
    author: 'Alun',
    basedOn: null,
    createdAt: at,
  }),
  'training.complete': ({ at }) => ({
    id: newId(),
    staffId: 'priya-shah',
    moduleId: 'blue-badge-training',
    score: 100,
    completedAt: at,
  }),
  'feedback.give': ({ at }) => ({
    id: newId(),
    rating: 2,
    reason: 'waited-too-long',
    comment: 'The queue was long.',
    contactId: newId(),
    serviceId: 'missed-bin-collection',
    channel: 'face-to-face',
    createdAt: at,
  }),
  'followup.consent': ({ at }) => ({
    id: newId(),
    contactId: newId(),
    serviceId: 'missed-bin-collection',
    channel: 'face-to-face',
    addressKind: 'email',
    address: 'sam@example.org',
    language: 'en',
    consent: true,
    createdAt: at,
  }),
  'review.submit': ({ at }) => ({
    id: newId(),
    targetKind: 'service',
    targetId: 'missed-bin-collection',
    rating: 4,
    title: 'Quick',
    body: 'Sorted at the first visit.',
    displayName: 'Ann',
    createdAt: at,
  }),
  'audit.submit': ({ at }) => ({
    id: newId(),
    accessPointId: 'central-library',
    visitedAt: at,
    score: 100,
    items: [
      { checkId: 'welcome/greeted', result: 'met', note: 'Greeted at once.' },
      { checkId: 'information/leaflets-current', result: 'partly' },
    ],
  }),
};

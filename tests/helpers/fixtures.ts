// Builders for ops and notes shared by the integration suites.
import type { Channel } from '../../src/shared/channels.ts';
import { newId } from '../../src/shared/ids.ts';
import type { ValidOp } from '../../src/shared/sync/mutations.ts';
import type { Op } from '../../src/shared/sync/protocol.ts';

export function noteOp(deviceId: string, overrides: Partial<Record<string, unknown>> = {}): Op {
  const now = new Date().toISOString();
  return {
    id: newId(),
    deviceId,
    kind: 'contactNote.create',
    clientTime: now,
    payload: {
      id: newId(),
      staffName: 'Priya Shah',
      serviceName: 'Missed bin collection',
      channel: 'face-to-face' satisfies Channel,
      note: 'Green bin missed twice on Elm Close.',
      createdAt: now,
      ...overrides,
    },
  };
}

export function validNoteOp(deviceId: string, overrides: Partial<Record<string, unknown>> = {}) {
  return noteOp(deviceId, overrides) as ValidOp;
}

export function pageOp(
  deviceId: string,
  input: { pageId: string; base?: string[]; body?: string; title?: string; id?: string },
): ValidOp {
  const now = new Date().toISOString();
  return {
    id: newId(),
    deviceId,
    kind: 'localPage.save',
    clientTime: now,
    payload: {
      id: input.id ?? newId(),
      pageId: input.pageId,
      baseRevisionIds: input.base ?? [],
      title: input.title ?? 'Lift',
      body: input.body ?? '<p>The lift is working.</p>',
      author: 'Sam Lee',
      createdAt: now,
    },
  };
}

// Every declared mutation kind has a hub handler, and an op whose kind has none is refused —
// never acknowledged as applied and lost (a new kind declared without its handler).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { OpHandlers } from '../../src/server/platform/store/op-handler.ts';
import { OP_HANDLERS, openSqliteStorage, type Storage } from '../../src/server/storage.ts';
import { newId } from '../../src/shared/ids.ts';
import { MUTATION_KINDS, type MutationKind } from '../../src/shared/sync/mutations.ts';
import { PROTOCOL_VERSION } from '../../src/shared/sync/protocol.ts';
import { startHub, type TestHub } from '../helpers/hub.ts';

describe('hub op handlers', () => {
  let hub: TestHub | undefined;
  const dirs: string[] = [];
  afterEach(async () => {
    await hub?.close();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  /** A hub whose handler table lacks `kind`: what a kind declared without its handler meets. */
  function storageWithout(kind: MutationKind): Storage {
    const dir = mkdtempSync(join(tmpdir(), 'anydoor-handlers-'));
    dirs.push(dir);
    const opHandlers: Partial<OpHandlers> = { ...OP_HANDLERS };
    delete opHandlers[kind];
    return openSqliteStorage(join(dir, 'hub.sqlite'), { opHandlers });
  }

  it('declares a handler for every kind', () => {
    for (const kind of MUTATION_KINDS) expect(typeof OP_HANDLERS[kind], kind).toBe('function');
  });

  it('refuses an op whose kind has no handler, and keeps no trace of it', async () => {
    const storage = storageWithout('contactNote.create');
    hub = await startHub({ storage });
    const device = await hub.enrol('central-library');
    const op = {
      id: newId(),
      deviceId: device.deviceId,
      staffId: 'tom-evans',
      kind: 'contactNote.create',
      clientTime: new Date().toISOString(),
      payload: {
        id: newId(),
        staffName: 'Tom',
        serviceName: 'Bins',
        channel: 'face-to-face',
        note: 'Would be lost.',
        createdAt: new Date().toISOString(),
      },
    };
    const res = await hub.app.inject({
      method: 'POST',
      url: '/api/sync',
      headers: { authorization: `Bearer ${device.token}` },
      payload: { type: 'sync', protocolVersion: PROTOCOL_VERSION, push: [op], cursor: null },
    });
    expect(res.json().results[0]).toMatchObject({ status: 'rejected', code: 'unknown-kind' });
    const applied = await storage.db
      .selectFrom('applied_ops')
      .select('op_id')
      .where('op_id', '=', op.id)
      .execute();
    expect(applied).toEqual([]);
  });
});

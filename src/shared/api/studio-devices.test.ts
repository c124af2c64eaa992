import { describe, expect, it } from 'vitest';
import { checkCodeRequest, checkReplaceRequest, deviceFlags } from './studio-devices.ts';

const now = new Date('2026-12-06T12:00:00Z');
const healthy = {
  revokedAt: null,
  lastSyncAt: '2026-12-06T11:00:00Z',
  outbox: 0,
  storagePersisted: true,
  packVersion: 3,
};

describe('the studio’s code request check', () => {
  it('takes a place, a mode and whole hours from 1 to 168', () => {
    expect(
      checkCodeRequest({ accessPointId: 'civic-centre', mode: 'kiosk', expiresInHours: 168 }),
    ).toEqual({
      ok: true,
      value: { accessPointId: 'civic-centre', mode: 'kiosk', expiresInHours: 168 },
    });
  });

  it('names every field that is wrong', () => {
    expect(checkCodeRequest({ mode: 'phone', expiresInHours: 0 })).toEqual({
      ok: false,
      problems: [
        { field: 'accessPointId', problem: 'required' },
        { field: 'mode', problem: 'unknown-mode' },
        { field: 'expiresInHours', problem: 'hours-range' },
      ],
    });
    expect(checkCodeRequest(null)).toMatchObject({ ok: false });
    expect(checkReplaceRequest({})).toEqual({ ok: true, value: { expiresInHours: 24 } });
    expect(checkReplaceRequest({ expiresInHours: 2.5 })).toMatchObject({ ok: false });
  });
});

describe('device flags', () => {
  it('flags nothing on a healthy device, only "revoked" on a revoked one', () => {
    expect(deviceFlags(healthy, 3, now)).toEqual([]);
    expect(deviceFlags({ ...healthy, revokedAt: now.toISOString(), outbox: 99 }, 3, now)).toEqual([
      'revoked',
    ]);
  });

  it('flags a day without a sync, a backlog, evictable storage and an old pack', () => {
    expect(
      deviceFlags(
        {
          revokedAt: null,
          lastSyncAt: '2026-12-05T11:59:00Z',
          outbox: 51,
          storagePersisted: false,
          packVersion: 2,
        },
        3,
        now,
      ),
    ).toEqual(['not-synced-24h', 'outbox-backlog', 'storage-not-persisted', 'old-pack']);
    expect(
      deviceFlags(
        {
          revokedAt: null,
          lastSyncAt: null,
          outbox: null,
          storagePersisted: null,
          packVersion: null,
        },
        3,
        now,
      ),
    ).toEqual(['never-synced']);
  });
});

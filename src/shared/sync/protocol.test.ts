import { describe, expect, it } from 'vitest';
import { newId } from '../ids.ts';
import {
  describeIssues,
  opResult,
  PROTOCOL_VERSION,
  syncRequest,
  syncResponse,
} from './protocol.ts';

const deviceId = '0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6';

function op(overrides: Record<string, unknown> = {}) {
  return {
    id: newId(),
    deviceId,
    kind: 'contactNote.create',
    payload: {},
    clientTime: new Date().toISOString(),
    ...overrides,
  };
}

describe('sync request', () => {
  it('accepts a pull-only request and a push with ops', () => {
    expect(
      syncRequest.safeParse({
        type: 'sync',
        protocolVersion: PROTOCOL_VERSION,
        push: [],
        cursor: null,
      }).success,
    ).toBe(true);
    expect(
      syncRequest.safeParse({
        type: 'sync',
        protocolVersion: PROTOCOL_VERSION,
        push: [op(), op()],
        cursor: '42',
        pullLimit: 100,
      }).success,
    ).toBe(true);
  });

  it('refuses ops whose id is not a UUIDv7, unknown fields and oversized batches', () => {
    const base = { type: 'sync', protocolVersion: PROTOCOL_VERSION, cursor: null };
    const v4 = syncRequest.safeParse({ ...base, push: [op({ id: crypto.randomUUID() })] });
    expect(v4.success).toBe(false);
    if (!v4.success) expect(describeIssues(v4.error)).toEqual(['push.0.id: must be a UUIDv7']);
    expect(syncRequest.safeParse({ ...base, push: [], extra: 1 }).success).toBe(false);
    expect(syncRequest.safeParse({ ...base, push: [op({ sneaky: true })] }).success).toBe(false);
    expect(
      syncRequest.safeParse({ ...base, push: Array.from({ length: 1001 }, () => op()) }).success,
    ).toBe(false);
    expect(syncRequest.safeParse({ ...base, push: [], cursor: "1' or 1=1" }).success).toBe(false);
  });

  it('tags every message with its type', () => {
    expect(
      syncRequest.safeParse({ type: 'pull', protocolVersion: 1, push: [], cursor: null }).success,
    ).toBe(false);
    expect(
      syncResponse.safeParse({
        type: 'sync-result',
        protocolVersion: 1,
        results: [],
        changes: [],
        cursor: null,
        hasMore: false,
        serverTime: new Date().toISOString(),
        packVersion: 0,
      }).success,
    ).toBe(true);
  });

  it('has exactly three op outcomes, and a rejection must say why', () => {
    expect(opResult.safeParse({ status: 'applied', opId: 'x' }).success).toBe(true);
    expect(opResult.safeParse({ status: 'duplicate', opId: 'x' }).success).toBe(true);
    expect(opResult.safeParse({ status: 'rejected', opId: 'x', code: 'conflict' }).success).toBe(
      false,
    );
    expect(opResult.safeParse({ status: 'ignored', opId: 'x' }).success).toBe(false);
  });
});

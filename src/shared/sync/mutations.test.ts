import { describe, expect, it } from 'vitest';
import { newId } from '../ids.ts';
import { recordIdOf, validateOp } from './mutations.ts';

function noteOp(payload: Record<string, unknown>, kind = 'contactNote.create') {
  return {
    id: newId(),
    deviceId: crypto.randomUUID(),
    kind,
    clientTime: new Date().toISOString(),
    payload,
  };
}

const goodNote = () => ({
  id: newId(),
  staffName: 'Priya Shah',
  serviceName: 'Missed bin collection',
  channel: 'face-to-face',
  note: 'Green bin missed twice.',
  createdAt: new Date().toISOString(),
});

describe('validateOp', () => {
  it('accepts a well-formed contact note and names the record it writes', () => {
    const note = goodNote();
    const result = validateOp(noteOp(note));
    expect(result.ok).toBe(true);
    if (result.ok) expect(recordIdOf(result.op)).toBe(note.id);
  });

  it('rejects an unknown kind, including inherited property names', () => {
    for (const kind of ['case.explode', 'toString', '__proto__']) {
      const result = validateOp(noteOp(goodNote(), kind));
      expect(result).toMatchObject({ ok: false, code: 'unknown-kind' });
    }
  });

  it('rejects a bad payload with a reason a person can read', () => {
    const result = validateOp(noteOp({ ...goodNote(), channel: 'pigeon', staffName: '' }));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.code).toBe('invalid-payload');
      expect(result.reason).toMatch(/channel/);
      expect(result.reason).toMatch(/staffName: is required/);
    }
  });

  it('rejects extra fields rather than storing them', () => {
    expect(validateOp(noteOp({ ...goodNote(), accessPointId: 'someone-else' })).ok).toBe(false);
  });
});

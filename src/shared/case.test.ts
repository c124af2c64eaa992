import { describe, expect, it } from 'vitest';
import {
  caseEventInput,
  caseOpenInput,
  caseState,
  dueStatus,
  stepOutcome,
  type CaseEvent,
} from './case.ts';
import { newId } from './ids.ts';
import { newReference } from './reference.ts';

let seq = 0;
function event(kind: CaseEvent['kind'], extra: Partial<CaseEvent> = {}): CaseEvent {
  seq++;
  return {
    id: `e${seq}`,
    caseId: 'c',
    seq,
    kind,
    author: 'Alun',
    basedOn: null,
    createdAt: '2026-11-23T10:00:00Z',
    receivedAt: `2026-11-23T10:${String(seq).padStart(2, '0')}:00Z`,
    deviceId: 'd1',
    ...extra,
  };
}

describe('case state', () => {
  it('is a pure function of the events in the hub’s order', () => {
    const events = [
      event('opened'),
      event('routed'),
      event('acknowledged'),
      event('step-completed', { stepId: 'check' }),
    ];
    const state = caseState([...events].reverse());
    expect(state.status).toBe('acknowledged');
    expect([...state.completedSteps]).toEqual(['check']);
    expect(caseState(events)).toEqual(state);
  });

  it('keeps the steps confirmed not done at a resolution, and old resolutions mean every step', () => {
    const opened = event('opened');
    const recorded = caseState([
      opened,
      event('step-completed', { stepId: 'check' }),
      event('step-not-done', { stepId: 'collect' }),
      event('resolved'),
    ]);
    expect(stepOutcome(recorded, 'check')).toBe('done');
    expect(stepOutcome(recorded, 'collect')).toBe('not-done');
    // A resolution from before steps were recorded one by one still settles them all as done.
    const legacy = caseState([opened, event('resolved')]);
    expect(stepOutcome(legacy, 'collect')).toBe('done');
    // Reopened, a step not done is open again; not yet resolved, nothing is settled.
    const reopened = caseState([
      opened,
      event('step-not-done', { stepId: 'collect' }),
      event('resolved'),
      event('reopened'),
    ]);
    expect(stepOutcome(reopened, 'collect')).toBe('open');
    expect(
      caseEventInput.safeParse({
        id: newId(),
        caseId: newId(),
        kind: 'step-not-done',
        author: 'Alun',
        basedOn: null,
        createdAt: '2026-11-23T10:00:00Z',
      }).success,
    ).toBe(false);
  });

  it('reads a due date confirmed not done as not done, wherever it is counted', () => {
    const received = new Date('2026-11-23T10:00:00Z');
    const late = new Date('2026-12-30T10:00:00Z');
    const collect = { stepId: 'collect', due: '2026-11-25T17:00:00Z' };
    const check = { stepId: 'check', due: '2026-11-25T17:00:00Z' };
    const resolved = caseState([
      event('opened'),
      event('step-completed', { stepId: 'check' }),
      event('step-not-done', { stepId: 'collect' }),
      event('resolved'),
    ]);
    expect(dueStatus(resolved, collect, received, late)).toBe('not-done');
    expect(dueStatus(resolved, check, received, late)).toBe('done');
    // Still open and past its date: overdue, whatever was done before.
    const open = caseState([event('opened')]);
    expect(dueStatus(open, collect, received, late)).toBe('breached');
  });

  it('resolves and reopens', () => {
    const s = caseState([event('opened'), event('resolved'), event('reopened')]);
    expect(s.status).toBe('open');
    expect(s.resolvedAt).toBeNull();
  });

  it('flags a genuine clash from two devices offline, and keeps both events', () => {
    const opened = event('opened');
    const resolved = event('resolved', { basedOn: opened.seq, deviceId: 'd1' });
    const escalated = event('escalated', {
      basedOn: opened.seq,
      deviceId: 'd2',
      reason: 'Vulnerable tenant',
    });
    const state = caseState([opened, resolved, escalated]);
    expect(state.conflicts).toHaveLength(1);
    expect(state.escalation?.reason).toBe('Vulnerable tenant');
    // Two notes made on the same state do not clash.
    const notes = caseState([
      opened,
      event('note', { basedOn: 1, deviceId: 'd1' }),
      event('note', { basedOn: 1, deviceId: 'd2' }),
    ]);
    expect(notes.conflicts).toHaveLength(0);
  });
});

describe('case inputs', () => {
  const base = () => ({
    id: newId(),
    reference: newReference(),
    type: 'complaint',
    serviceId: 'missed-bin-collection',
    channel: 'face-to-face',
    details: 'Bin missed three weeks running.',
    author: 'Sam',
    openedAt: new Date().toISOString(),
  });

  it('take contact details only with consent', () => {
    expect(caseOpenInput.safeParse(base()).success).toBe(true);
    expect(caseOpenInput.safeParse({ ...base(), contact: { phone: '07700 900123' } }).success).toBe(
      false,
    );
    expect(
      caseOpenInput.safeParse({ ...base(), contact: { phone: '07700 900123', consent: true } })
        .success,
    ).toBe(true);
    expect(caseOpenInput.safeParse({ ...base(), contact: { consent: true } }).success).toBe(false);
    expect(caseOpenInput.safeParse({ ...base(), reference: 'ABCD' }).success).toBe(false);
  });

  it('need a reason to escalate', () => {
    const e = {
      id: newId(),
      caseId: newId(),
      kind: 'escalated',
      author: 'Sam',
      basedOn: 3,
      createdAt: new Date().toISOString(),
    };
    expect(caseEventInput.safeParse(e).success).toBe(false);
    expect(
      caseEventInput.safeParse({ ...e, reason: 'Elderly resident without heating' }).success,
    ).toBe(true);
  });
});

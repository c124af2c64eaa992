import { describe, expect, it } from 'vitest';
import { ratingSummary, reviewDecision, reviewInput } from './review.ts';

const valid = {
  id: '0192f0c4-7a1e-7b6a-9c2d-3e4f5a6b7c8d',
  targetKind: 'service',
  targetId: 'missed-bin-collection',
  rating: 4,
  body: 'Sorted in one visit.',
  createdAt: '2026-11-20T10:00:00.000Z',
};

describe('review schemas', () => {
  it('accepts a review and refuses bad ratings, targets, empty bodies and extra fields', () => {
    expect(reviewInput.safeParse(valid).success).toBe(true);
    expect(reviewInput.safeParse({ ...valid, title: 'Good', displayName: 'Ann' }).success).toBe(
      true,
    );
    for (const bad of [
      { ...valid, rating: 0 },
      { ...valid, rating: 6 },
      { ...valid, rating: 3.5 },
      { ...valid, targetKind: 'access-point' },
      { ...valid, targetId: 'Not A Slug' },
      { ...valid, body: '   ' },
      { ...valid, body: 'x'.repeat(2001) },
      { ...valid, displayName: 'a\u0000b' },
      { ...valid, staffId: 'someone' },
    ]) {
      expect(reviewInput.safeParse(bad).success).toBe(false);
    }
  });

  it('needs a reason to reject, not to approve', () => {
    expect(reviewDecision.safeParse({ decision: 'approve' }).success).toBe(true);
    expect(reviewDecision.safeParse({ decision: 'reject' }).success).toBe(false);
    expect(reviewDecision.safeParse({ decision: 'reject', reason: 'names staff' }).success).toBe(
      true,
    );
    expect(reviewDecision.safeParse({ decision: 'publish' }).success).toBe(false);
  });

  it('summarises ratings to one decimal', () => {
    expect(ratingSummary([])).toEqual({ average: null, count: 0 });
    expect(ratingSummary([5, 4, 4])).toEqual({ average: 4.3, count: 3 });
  });
});

import { describe, expect, it } from 'vitest';
import type { TrainingModule } from './pack/schema.ts';
import { missingTraining, modulesForRole, scoreAnswers } from './training.ts';

const text = (en: string) => ({ en });
const safeguarding: TrainingModule = {
  id: 'safeguarding-basics',
  title: text('Safeguarding basics'),
  summary: text('Spotting and passing on a concern'),
  serviceIds: ['adult-social-care-referral'],
  tiers: [2, 3],
  requiredForRoles: ['counter', 'volunteer'],
  questions: [
    {
      id: 'q1',
      prompt: text('Who do you tell?'),
      options: [text('No one'), text('The duty team')],
      correct: 1,
    },
    {
      id: 'q2',
      prompt: text('Do you promise secrecy?'),
      options: [text('Yes'), text('No')],
      correct: 1,
    },
  ],
};

describe('training', () => {
  it('marks a check of understanding', () => {
    expect(scoreAnswers(safeguarding, [1, 1])).toBe(100);
    expect(scoreAnswers(safeguarding, [1, 0])).toBe(50);
    expect(scoreAnswers(safeguarding, [])).toBe(0);
  });

  it('says what a person still needs for a service and tier', () => {
    const service = { id: 'adult-social-care-referral', tier: 2 as const };
    expect(missingTraining([safeguarding], [], 'counter', service)).toEqual([safeguarding]);
    // Failed attempts do not count; a pass does.
    expect(
      missingTraining(
        [safeguarding],
        [{ moduleId: safeguarding.id, score: 50 }],
        'counter',
        service,
      ),
    ).toEqual([safeguarding]);
    expect(
      missingTraining(
        [safeguarding],
        [{ moduleId: safeguarding.id, score: 100 }],
        'counter',
        service,
      ),
    ).toEqual([]);
    // Not required for back-office, nor for tier 1, nor for other services.
    expect(missingTraining([safeguarding], [], 'back-office', service)).toEqual([]);
    expect(missingTraining([safeguarding], [], 'counter', { ...service, tier: 1 })).toEqual([]);
    expect(missingTraining([safeguarding], [], 'counter', { id: 'other', tier: 2 })).toEqual([]);
    expect(modulesForRole([safeguarding], 'volunteer')).toEqual([safeguarding]);
  });
});

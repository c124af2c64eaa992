// Training is part of identity: the pack's modules say which roles need them and for which
// services and tiers; a person completes a module (passing its check of understanding) on any
// device, and the completion syncs. A counter user untrained for a tier-2/3 service is told so.
import { z } from 'zod';
import { uuidV7 } from './ids.ts';
import type { Service, TrainingModule } from './pack/schema.ts';
import { slug } from './pack/schema.ts';
import type { Role } from './staff.ts';

/** Share of a module's questions answered right to pass it. */
export const PASS_MARK = 0.8;

export const trainingCompletionInput = z.strictObject({
  id: uuidV7,
  staffId: slug,
  moduleId: slug,
  /** Percent of the questions answered right. */
  score: z.number().int().min(0).max(100),
  completedAt: z.iso.datetime({ offset: true }),
});
export type TrainingCompletion = z.infer<typeof trainingCompletionInput>;

/** The modules a role must complete (required for the role, or for a tier it serves). */
export function modulesForRole(modules: readonly TrainingModule[], role: Role): TrainingModule[] {
  return modules.filter((m) => m.requiredForRoles.includes(role));
}

/** Marks answers; `answers[i]` is the option chosen for question i. */
export function scoreAnswers(module: TrainingModule, answers: readonly number[]): number {
  if (module.questions.length === 0) return 100;
  const right = module.questions.filter((q, i) => answers[i] === q.correct).length;
  return Math.round((right / module.questions.length) * 100);
}

export const passes = (score: number) => score >= PASS_MARK * 100;

/**
 * The modules a person still needs before serving `service` at `tier`: those that list the
 * service (or list no services) and the tier, required for their role, not yet passed.
 */
export function missingTraining(
  modules: readonly TrainingModule[],
  completions: readonly Pick<TrainingCompletion, 'moduleId' | 'score'>[],
  role: Role,
  service: Pick<Service, 'id' | 'tier'>,
): TrainingModule[] {
  const passed = new Set(completions.filter((c) => passes(c.score)).map((c) => c.moduleId));
  return modules.filter(
    (m) =>
      m.requiredForRoles.includes(role) &&
      m.tiers.includes(service.tier) &&
      (m.serviceIds.length === 0 || m.serviceIds.includes(service.id)) &&
      !passed.has(m.id),
  );
}

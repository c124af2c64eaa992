// Process maps are graphs a person walks through at the counter. A map that dangles, strands
// a step or loops would leave someone mid-conversation with nowhere to go, so it is refused.
import type { ProcessMap, ProcessStep } from './schema.ts';

export interface MapProblem {
  field: string;
  reason: string;
}

export function successorsOf(step: ProcessStep): string[] {
  switch (step.kind) {
    case 'question':
      return step.answers.map((a) => a.next);
    case 'outcome':
      return [];
    default:
      return [step.next];
  }
}

/** Every problem with the map's shape: no dangling or unreachable steps, every path ends in an outcome. */
export function checkProcessMap(map: ProcessMap): MapProblem[] {
  const problems: MapProblem[] = [];
  const byId = new Map<string, ProcessStep>();
  map.steps.forEach((step, index) => {
    if (byId.has(step.id)) {
      problems.push({ field: `steps.${index}.id`, reason: `step id "${step.id}" is used twice` });
    }
    byId.set(step.id, step);
    if (step.kind === 'question') {
      const answerIds = new Set<string>();
      step.answers.forEach((answer, a) => {
        if (answerIds.has(answer.id)) {
          problems.push({
            field: `steps.${index}.answers.${a}.id`,
            reason: `answer id "${answer.id}" is used twice`,
          });
        }
        answerIds.add(answer.id);
      });
    }
  });
  if (!byId.has(map.start)) {
    problems.push({ field: 'start', reason: `start step "${map.start}" does not exist` });
  }
  map.steps.forEach((step, index) => {
    successorsOf(step).forEach((next, n) => {
      if (!byId.has(next)) {
        const field =
          step.kind === 'question' ? `steps.${index}.answers.${n}.next` : `steps.${index}.next`;
        problems.push({ field, reason: `leads to step "${next}", which does not exist` });
      }
    });
  });
  if (problems.length > 0) return problems;

  // Depth-first from the start: grey = on the current path (a loop if met again).
  const colour = new Map<string, 'grey' | 'black'>();
  const loops: string[] = [];
  const visit = (id: string): void => {
    colour.set(id, 'grey');
    for (const next of successorsOf(byId.get(id) as ProcessStep)) {
      const seen = colour.get(next);
      if (seen === 'grey') loops.push(`${id} → ${next}`);
      else if (!seen) visit(next);
    }
    colour.set(id, 'black');
  };
  visit(map.start);
  for (const loop of loops) {
    problems.push({
      field: 'steps',
      reason: `loops back (${loop}), so a path never reaches an outcome`,
    });
  }
  map.steps.forEach((step, index) => {
    if (!colour.has(step.id)) {
      problems.push({
        field: `steps.${index}`,
        reason: `step "${step.id}" cannot be reached from the start`,
      });
    }
  });
  return problems;
}

/** The outcomes a map can end in, for listings and checks. */
export function outcomesOf(map: ProcessMap): Set<string> {
  return new Set(map.steps.flatMap((s) => (s.kind === 'outcome' ? [s.outcome] : [])));
}

/**
 * The most steps still to come from `stepId` to an outcome (0 at an outcome), so a guided
 * flow can say "step 3 of about 6". Maps are checked acyclic before they are published.
 */
export function stepsToGo(map: ProcessMap, stepId: string): number {
  const byId = new Map(map.steps.map((s) => [s.id, s]));
  const memo = new Map<string, number>();
  const walk = (id: string, depth: number): number => {
    const known = memo.get(id);
    if (known !== undefined) return known;
    const step = byId.get(id);
    if (!step || depth > map.steps.length) return 0;
    const next = successorsOf(step);
    const result = next.length === 0 ? 0 : 1 + Math.max(...next.map((n) => walk(n, depth + 1)));
    memo.set(id, result);
    return result;
  };
  return walk(stepId, 0);
}

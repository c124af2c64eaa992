// What a citizen told a guided flow on the way (their postcode, the first line of their
// address), handed to the request form that follows so nobody is asked twice. Held in memory
// only, never in IndexedDB or the browser's history: a kiosk's wipe (a reload) ends it, a form
// forgets it once saved, and the next flow replaces it.
import type { FlowField } from '../../shared/pack/schema.ts';

export type FlowAnswers = Partial<Record<FlowField, string>>;

let held: { serviceId: string; answers: FlowAnswers } | null = null;

/** The flow's answers for a service, kept until a request form takes them. */
export function holdFlowAnswers(serviceId: string, answers: FlowAnswers): void {
  held = { serviceId, answers };
}

/** The answers held for this service (none for another service's form). */
export function flowAnswers(serviceId: string | undefined): FlowAnswers {
  return serviceId && held?.serviceId === serviceId ? held.answers : {};
}

export function forgetFlowAnswers(): void {
  held = null;
}

// What the hub's insight routes answer: GET /api/staff/insight (the dashboard, declared with its
// figures in ../insight.ts) and the unit costs (GET and PUT /api/staff/insight-unit-costs).
// Typed once for the hub's routes and the app's insight page.
export type { Dashboard } from '../insight.ts';

/** The cost of one contact by channel, in pence (the franchisor's figures, else the defaults). */
export interface UnitCostsResponse {
  costs: Record<string, number>;
}

// The migrations are the frozen SQL files in ./migrations/ (see its index.ts). This re-export is
// only for the tests that still import this path (insight-migration, staff-secrets).
export { migrationsFor } from './migrations/index.ts';

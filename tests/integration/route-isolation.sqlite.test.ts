import { describeRouteIsolation } from './route-isolation.ts';

describeRouteIsolation('SQLite', async () => ({}));

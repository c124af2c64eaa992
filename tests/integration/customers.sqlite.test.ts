import { describeCustomers } from './customers.ts';

describeCustomers('SQLite', async () => ({}));

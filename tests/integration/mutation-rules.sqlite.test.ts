import { describeMutationRules } from './mutation-rules.ts';

describeMutationRules('SQLite', async () => ({}));

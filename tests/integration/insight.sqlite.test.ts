import { describeInsight } from './insight.ts';

describeInsight('SQLite', () => Promise.resolve({}));

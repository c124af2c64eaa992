import { describeReviews } from './reviews.ts';

describeReviews('SQLite', async () => ({}));

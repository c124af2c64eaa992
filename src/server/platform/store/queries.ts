// A feature's store is its query functions with the database handle given once: each takes
// the handle first, as it is also called inside other transactions, and its store lends it.
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

type Db = Kysely<Database>;

/** The queries as a store's methods: the same names and arguments, the handle given. */
export type QueriesOn<Q> = {
  readonly [K in keyof Q]: Q[K] extends (db: Db, ...args: infer A) => infer R
    ? (...args: A) => R
    : never;
};

export function queriesOn<Q extends Record<string, (db: Db, ...args: never[]) => unknown>>(
  db: Db,
  queries: Q,
): QueriesOn<Q> {
  return Object.fromEntries(
    Object.entries(queries).map(([name, query]) => [
      name,
      (...args: never[]) => query(db, ...args),
    ]),
  ) as QueriesOn<Q>;
}

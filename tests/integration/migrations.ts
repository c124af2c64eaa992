// The schema migrations on SQLite and PostgreSQL (migrations.sqlite.test.ts, migrations.pg.test.ts):
// a fresh database ends with exactly the schema in fixtures/schema-<dialect>.json (captured from
// the migrations as they were before they were frozen into SQL files), and so does a database
// migrated one step at a time from an older version with rows in it, whose data migrations
// (rollups, open commitments, unit costs, privileged PIN hashes) leave exactly the rows the hub
// would have. After adding a migration, rewrite the fixtures and read their diff:
//   SCHEMA_FIXTURES=write npx vitest run tests/integration/migrations.sqlite.test.ts \
//     tests/integration/migrations.pg.test.ts
import { readFileSync, writeFileSync } from 'node:fs';
import { sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import { afterAll, describe, expect, it } from 'vitest';
import {
  ROLLUPS,
  rawRollupSql,
  storedRollupSql,
  type RollupSpec,
} from '../../src/server/features/insight/insight-rollups.ts';
import type { Storage } from '../../src/server/storage.ts';
import { migrationsFor } from '../../src/server/platform/store/migration-files.ts';

export type Dialect = 'sqlite' | 'postgres';

export interface Opened {
  storage: Storage;
  drop?: () => Promise<void>;
}

type Db = Storage['db'];
type Rows = Record<string, unknown>[];

async function rows(db: Db, query: string): Promise<Rows> {
  return (await sql.raw(query).execute(db)).rows as Rows;
}

/** Rows as text (PostgreSQL's sums are bigint strings, SQLite's numbers). */
async function lines(db: Db, query: string): Promise<string[]> {
  return (await rows(db, query)).map((r) => Object.values(r).map(String).join('|'));
}

/** Everything a migration can make, read from the database's own catalogue, in name order. */
export async function schemaOf(db: Db, dialect: Dialect): Promise<object> {
  if (dialect === 'sqlite') {
    const objects = await rows(
      db,
      `select type, name, tbl_name, sql from sqlite_master order by type, name`,
    );
    const tables: Record<string, object> = {};
    for (const { name } of objects.filter((o) => o.type === 'table') as { name: string }[]) {
      const indexes = (await rows(db, `pragma index_list('${name}')`)) as { name: string }[];
      tables[name] = {
        columns: await rows(
          db,
          `select name, type, "notnull", dflt_value, pk, hidden from pragma_table_xinfo('${name}')
           order by cid`,
        ),
        indexes: await Promise.all(
          indexes
            .sort((a, b) => a.name.localeCompare(b.name))
            .map(async (index) => ({
              ...index,
              seq: undefined,
              columns: await rows(
                db,
                `select seqno, name, "desc", coll, key from pragma_index_xinfo('${index.name}')
                 order by seqno`,
              ),
            })),
        ),
      };
    }
    return { objects, tables };
  }
  return {
    tables: await rows(
      db,
      `select table_name, table_type from information_schema.tables
       where table_schema = 'public' order by table_name`,
    ),
    columns: await rows(
      db,
      `select table_name, column_name, ordinal_position, data_type, udt_name, is_nullable,
         column_default, is_identity
       from information_schema.columns where table_schema = 'public'
       order by table_name, ordinal_position`,
    ),
    constraints: await rows(
      db,
      `select t.relname as table_name, c.conname, c.contype, pg_get_constraintdef(c.oid) as def
       from pg_constraint c join pg_class t on t.oid = c.conrelid
       join pg_namespace n on n.oid = t.relnamespace
       where n.nspname = 'public' order by t.relname, c.conname`,
    ),
    indexes: await rows(
      db,
      `select tablename, indexname, indexdef from pg_indexes
       where schemaname = 'public' order by tablename, indexname`,
    ),
    triggers: await rows(
      db,
      `select c.relname as table_name, t.tgname, t.tgenabled, pg_get_triggerdef(t.oid) as def
       from pg_trigger t join pg_class c on c.oid = t.tgrelid
       join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and not t.tgisinternal order by c.relname, t.tgname`,
    ),
    functions: await rows(
      db,
      `select p.proname, pg_get_functiondef(p.oid) as def from pg_proc p
       join pg_namespace n on n.oid = p.pronamespace
       where n.nspname = 'public' order by p.proname`,
    ),
    views: await rows(
      db,
      `select viewname, definition from pg_views where schemaname = 'public' order by viewname`,
    ),
    sequences: await rows(
      db,
      `select sequence_name, data_type, start_value, minimum_value, maximum_value, increment
       from information_schema.sequences where sequence_schema = 'public'
       order by sequence_name`,
    ),
  };
}

const fixtureUrl = (dialect: Dialect) =>
  new URL(`./fixtures/schema-${dialect}.json`, import.meta.url);

/** The schema of a fresh database as the fixture holds it (JSON: undefined fields dropped). */
async function normalisedSchema(db: Db, dialect: Dialect): Promise<unknown> {
  return JSON.parse(JSON.stringify(await schemaOf(db, dialect)));
}

function migratorFor(db: Db, dialect: Dialect): Migrator {
  return new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve(migrationsFor(dialect)) },
    migrationTableName: 'anydoor_migrations',
    migrationLockTableName: 'anydoor_migrations_lock',
  });
}

export function describeMigrations(
  name: string,
  dialect: Dialect,
  open: () => Promise<Opened>,
): void {
  describe(`schema migrations on ${name}`, () => {
    const opened: Opened[] = [];
    const fresh = async () => {
      const o = await open();
      opened.push(o);
      return o.storage;
    };
    afterAll(async () => {
      for (const o of opened) {
        await o.storage.close();
        await o.drop?.();
      }
    });

    it('keeps the names hubs have recorded, and the same list on both stores', () => {
      // Kysely runs a migration whose name is not in anydoor_migrations: renaming one would run
      // it again on every hub.
      expect(Object.keys(migrationsFor(dialect))).toEqual(RECORDED_NAMES);
    });

    it('builds exactly the schema of the fixture on a fresh database', async () => {
      const storage = await fresh();
      await storage.migrate();
      const schema = await normalisedSchema(storage.db, dialect);
      if (process.env.SCHEMA_FIXTURES === 'write') {
        writeFileSync(fixtureUrl(dialect), `${JSON.stringify(schema, null, 2)}\n`);
      }
      expect(schema).toEqual(JSON.parse(readFileSync(fixtureUrl(dialect), 'utf8')));
    });
    it('ends with the same schema when migrated one step at a time with rows in it', async () => {
      const storage = await fresh();
      const migrator = migratorFor(storage.db, dialect);
      const names = Object.keys(migrationsFor(dialect));
      const applied: string[] = [];
      for (;;) {
        const { error, results } = await migrator.migrateUp();
        expect(error).toBeUndefined();
        if (!results?.length) break;
        applied.push(...results.map((r) => r.migrationName));
        if (applied.at(-1) === '0016-customers') await seedBeforeInsight(storage.db);
      }
      expect(applied).toEqual(names);
      const reference = await fresh();
      await reference.migrate();
      const schema = await normalisedSchema(storage.db, dialect);
      expect(schema).toEqual(await normalisedSchema(reference.db, dialect));
      expect(schema).toEqual(JSON.parse(readFileSync(fixtureUrl(dialect), 'utf8')));

      // What the data migrations did with the rows that were there.
      for (const spec of Object.values(ROLLUPS) as RollupSpec[]) {
        for (const grain of spec.grains) {
          const stored = await lines(storage.db, storedRollupSql(spec, grain, dialect));
          expect(stored.length, `${spec.table} ${grain}`).toBeGreaterThan(0);
          expect(stored, `${spec.table} ${grain}`).toEqual(
            await lines(storage.db, rawRollupSql(spec, dialect, grain)),
          );
        }
      }
      expect(
        await rows(storage.db, `select * from insight_open_dues order by case_id, step_id`),
      ).toEqual(EXPECTED_OPEN_DUES);
      expect(await rows(storage.db, `select * from insight_unit_costs order by channel`)).toEqual(
        EXPECTED_UNIT_COSTS,
      );
      const feed = (await rows(
        storage.db,
        `select scope, entity, entity_id, op, data, origin_device, created_at from changes
         order by seq`,
      )) as { created_at: string }[];
      const resent = feed.slice(EXPECTED_FEED.length);
      expect(feed.slice(0, EXPECTED_FEED.length)).toEqual(EXPECTED_FEED);
      expect(resent.map((r) => ({ ...r, created_at: 'now' }))).toEqual(EXPECTED_RESENT);
      for (const r of resent)
        expect(r.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(new Set(resent.map((r) => r.created_at)).size).toBe(1);
    });
  });
}

/** The names hubs record (anydoor_migrations): append each new one, never rename or remove one. */
const RECORDED_NAMES = [
  '0001-spine',
  '0002-feed-by-scope',
  '0003-franchise-pack',
  '0004-local-pages',
  '0005-modes-contacts-help',
  '0006-cases',
  '0007-open311',
  '0008-commitment-results',
  '0009-case-photos',
  '0010-device-feed-check',
  '0011-staff',
  '0012-voice-of-customer',
  '0013-feedback',
  '0014-reviews',
  '0015-audits',
  '0016-customers',
  '0017-insight',
  '0018-insight-rollup-keys',
  '0019-insight-rollup-deltas',
  '0020-staff-secrets',
  '0021-access-point-help-from',
  '0022-admin-log',
  '0023-enrolment-code-mode',
  '0024-device-health',
  '0026-pack-draft',
  '0027-open311-fixmystreet',
  '0029-case-notices',
  '0030-insight-open-dues-by-team',
];

type Insert = Record<string, string | number | null>;

async function insert(db: Db, table: string, values: Insert[]): Promise<void> {
  await db
    .insertInto(table as never)
    .values(values as never)
    .execute();
}

const AT = '2026-01-05T12:00:00.000Z';
const PIN = JSON.stringify({ salt: 'c2FsdA==', hash: 'aGFzaA==', iterations: 100000 });
const pin = JSON.parse(PIN) as unknown;

/** Staff as the hub kept them before 0020, and the feed rows it had sent. */
const STAFF = [
  ['alex-morgan', 'Alex Morgan', 'franchisor-admin', null, [], ['central-library', 'civic-centre']],
  ['priya-shah', 'Priya Shah', 'partner-manager', 'northam', ['waste'], ['civic-centre']],
  // Promoted since the feed row was written: its row says counter, the hub says manager.
  [
    'sian-lee',
    'Siân "Sam" Lee',
    'partner-manager',
    'northam',
    ['waste', 'roads'],
    ['civic-centre'],
  ],
  ['tom-evans', 'Tom Evans', 'counter', 'northshire', [], ['central-library']],
] as const;

const member = (s: (typeof STAFF)[number], role: string = s[2], p: unknown = pin) =>
  JSON.stringify({
    id: s[0],
    name: s[1],
    role,
    partnerId: s[3],
    teamIds: s[4],
    accessPointIds: s[5],
    pin: p,
  });

const [ALEX, PRIYA, SIAN, TOM] = STAFF;

const feedRow = (scope: string, entity: string, id: string, op: string, data: string) => ({
  scope,
  entity,
  entity_id: id,
  op,
  data,
  origin_device: null,
  created_at: AT,
});

const FEED_BEFORE = [
  feedRow('ap:central-library', 'staff', ALEX[0], 'upsert', member(ALEX)),
  feedRow('ap:civic-centre', 'staff', ALEX[0], 'upsert', member(ALEX)),
  feedRow('ap:civic-centre', 'staff', PRIYA[0], 'upsert', member(PRIYA)),
  feedRow('ap:civic-centre', 'staff', SIAN[0], 'upsert', member(SIAN, 'counter')),
  feedRow('ap:central-library', 'staff', TOM[0], 'upsert', member(TOM)),
  feedRow('ap:central-library', 'staff', ALEX[0], 'upsert', member(ALEX, ALEX[2], null)),
  feedRow('ap:central-library', 'staff', ALEX[0], 'delete', '{"id":"alex-morgan"}'),
  feedRow('ap:civic-centre', 'contact-note', 'note-1', 'upsert', '{"pin":"not a staff row"}'),
];

/** Rows written by a hub at migration 0016, before the insight migrations. */
async function seedBeforeInsight(db: Db): Promise<void> {
  await insert(db, 'access_points', [
    {
      id: 'civic-centre',
      name: 'Civic Centre',
      kind: 'counter',
      partner_id: 'northam',
      address: '1 High St',
    },
    {
      id: 'central-library',
      name: 'Library',
      kind: 'counter',
      partner_id: 'northshire',
      address: '2 Low St',
    },
  ]);
  const contact = (
    id: string,
    place: string,
    service: string,
    channel: string,
    tier: number,
    outcome: string,
    at: string,
    customer: string | null,
  ): Insert => ({
    id,
    access_point_id: place,
    device_id: 'device-1',
    op_id: `op-${id}`,
    mode: 'counter',
    service_id: service,
    channel,
    tier,
    outcome,
    path: '[]',
    created_at: at,
    received_at: at,
    customer_id: customer,
  });
  await insert(db, 'contacts', [
    contact(
      'c1',
      'civic-centre',
      'missed-bin',
      'face-to-face',
      1,
      'resolved',
      '2026-01-10T10:00:00.000Z',
      'cust-1',
    ),
    contact(
      'c2',
      'civic-centre',
      'missed-bin',
      'web',
      0,
      'self-serve',
      '2026-01-10T11:00:00.000Z',
      'cust-1',
    ),
    contact(
      'c3',
      'central-library',
      'library-card',
      'phone',
      1,
      'captured',
      '2026-02-03T09:00:00.000Z',
      null,
    ),
    contact(
      'c4',
      'elsewhere',
      'council-tax',
      'kiosk',
      0,
      'referred',
      '2026-02-28T23:59:00.000Z',
      'cust-2',
    ),
  ]);
  const feedback = (
    id: string,
    place: string,
    partner: string,
    service: string | null,
    channel: string,
    rating: number,
    reason: string | null,
    at: string,
  ): Insert => ({
    id,
    contact_id: null,
    access_point_id: place,
    partner_id: partner,
    device_id: 'device-1',
    op_id: `op-${id}`,
    mode: 'counter',
    service_id: service,
    channel,
    rating,
    reason,
    comment: null,
    created_at: at,
    received_at: at,
  });
  await insert(db, 'feedback', [
    feedback(
      'f1',
      'civic-centre',
      'northam',
      'missed-bin',
      'face-to-face',
      4,
      'friendly-staff',
      '2026-01-10T10:05:00.000Z',
    ),
    feedback(
      'f2',
      'central-library',
      'northshire',
      null,
      'web',
      2,
      null,
      '2026-02-03T09:10:00.000Z',
    ),
  ]);
  const kase = (
    id: string,
    service: string,
    place: string,
    received: string,
    dues: object[],
  ): Insert => ({
    id,
    reference: `REF-${id}`,
    type: 'request',
    service_id: service,
    channel: 'face-to-face',
    details: 'details',
    location: null,
    contact: null,
    author: 'Tom Evans',
    opened_at: received,
    access_point_id: place,
    device_id: 'device-1',
    op_id: `op-${id}`,
    received_at: received,
    owner_partner_id: 'northam',
    owner_team_id: 'waste',
    dues: JSON.stringify(dues),
    customer_id: null,
  });
  await insert(db, 'cases', [
    // Received on a Friday after hours, the weekend before the clocks go forward.
    kase('case-1', 'missed-bin', 'civic-centre', '2026-03-27T17:30:00.000Z', [
      { stepId: 'acknowledge', level: 1, owner: 'northam/waste', due: '2026-03-30T16:00:00.000Z' },
      { stepId: 'resolve', level: 2, owner: 'northam/waste', due: '2026-04-10T16:00:00.000Z' },
    ]),
    // Before the early May bank holiday; an owner without a team.
    kase('case-2', 'library-card', 'central-library', '2026-05-01T08:00:00.000Z', [
      { stepId: 'reply', level: 1, owner: 'northshire', due: '2026-05-08T16:00:00.000Z' },
    ]),
    // Due over a weekend only: no working time at all.
    kase('case-3', 'missed-bin', 'civic-centre', '2026-01-10T10:00:00.000Z', [
      { stepId: 'call-back', level: 1, owner: 'northam/waste', due: '2026-01-11T10:00:00.000Z' },
    ]),
    kase('case-4', 'missed-bin', 'civic-centre', '2026-01-12T10:00:00.000Z', []),
  ]);
  await insert(db, 'commitment_results', [
    {
      case_id: 'case-1',
      step_id: 'acknowledge',
      level: 1,
      owner: 'northam/waste',
      service_id: 'missed-bin',
      due: '2026-03-30T16:00:00.000Z',
      done_at: '2026-03-30T10:00:00.000Z',
      kept: 1,
    },
    {
      case_id: 'case-9',
      step_id: 'fix',
      level: 1,
      owner: 'eastbury/roads',
      service_id: 'pothole',
      due: '2026-02-01T16:00:00.000Z',
      done_at: '2026-02-02T10:00:00.000Z',
      kept: 0,
    },
  ]);
  await insert(
    db,
    'staff',
    STAFF.map(([id, name, role, partner, teams, places]) => ({
      id,
      name,
      role,
      partner_id: partner,
      team_ids: JSON.stringify(teams),
      access_point_ids: JSON.stringify(places),
      pin: PIN,
      updated_at: AT,
      revoked_at: id === 'priya-shah' ? AT : null,
    })),
  );
  await insert(db, 'changes', FEED_BEFORE);
}

/** Every due without a result, with the instant it is at risk (80 % of its working time). */
const EXPECTED_OPEN_DUES: Rows = [
  {
    case_id: 'case-1',
    step_id: 'resolve',
    partner_id: 'northam',
    team_id: 'waste',
    service_id: 'missed-bin',
    access_point_id: 'civic-centre',
    level: 2,
    at_risk_at: '2026-04-09T11:12:00.000Z',
    due: '2026-04-10T16:00:00.000Z',
  },
  {
    case_id: 'case-2',
    step_id: 'reply',
    partner_id: 'northshire',
    team_id: '',
    service_id: 'library-card',
    access_point_id: 'central-library',
    level: 1,
    at_risk_at: '2026-05-07T16:00:00.000Z',
    due: '2026-05-08T16:00:00.000Z',
  },
  {
    case_id: 'case-3',
    step_id: 'call-back',
    partner_id: 'northam',
    team_id: 'waste',
    service_id: 'missed-bin',
    access_point_id: 'civic-centre',
    level: 1,
    at_risk_at: '2026-01-11T05:12:00.000Z',
    due: '2026-01-11T10:00:00.000Z',
  },
];

const EXPECTED_UNIT_COSTS: Rows = (
  [
    ['email', 300],
    ['face-to-face', 3000],
    ['kiosk', 50],
    ['letter', 900],
    ['phone', 600],
    ['sms', 10],
    ['web', 30],
  ] as const
).map(([channel, pence]) => ({
  channel,
  pence,
  updated_at: '1970-01-01T00:00:00.000Z',
  updated_by: null,
}));

/** The feed after 0020: privileged people's PIN hashes gone, everything else as it was. */
const EXPECTED_FEED = [
  feedRow('ap:central-library', 'staff', ALEX[0], 'upsert', member(ALEX, ALEX[2], null)),
  feedRow('ap:civic-centre', 'staff', ALEX[0], 'upsert', member(ALEX, ALEX[2], null)),
  feedRow('ap:civic-centre', 'staff', PRIYA[0], 'upsert', member(PRIYA, PRIYA[2], null)),
  feedRow('ap:civic-centre', 'staff', SIAN[0], 'upsert', member(SIAN, 'counter', null)),
  ...FEED_BEFORE.slice(4),
];

/** And each privileged person still working sent again to each of their places. */
const EXPECTED_RESENT: Rows = [
  feedRow('ap:central-library', 'staff', ALEX[0], 'upsert', member(ALEX, ALEX[2], null)),
  feedRow('ap:civic-centre', 'staff', ALEX[0], 'upsert', member(ALEX, ALEX[2], null)),
  feedRow('ap:civic-centre', 'staff', SIAN[0], 'upsert', member(SIAN, SIAN[2], null)),
].map((row) => ({ ...row, created_at: 'now' }));

// Schema migrations, run by Kysely's Migrator on start. Append new ones; never edit old ones.
import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

type Dialect = 'sqlite' | 'postgres';

export function migrationsFor(dialect: Dialect): Record<string, Migration> {
  return {
    '0001-spine': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('access_points')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('partner_id', 'text', (c) => c.notNull())
          .addColumn('address', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('devices')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('access_point_id', 'text', (c) => c.notNull().references('access_points.id'))
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('token_hash', 'text', (c) => c.notNull().unique())
          .addColumn('enrolled_at', 'text', (c) => c.notNull())
          .addColumn('revoked_at', 'text')
          .execute();
        await db.schema
          .createTable('enrolment_codes')
          .addColumn('code_hash', 'text', (c) => c.primaryKey())
          .addColumn('access_point_id', 'text', (c) => c.notNull().references('access_points.id'))
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('expires_at', 'text', (c) => c.notNull())
          .addColumn('used_at', 'text')
          .addColumn('device_id', 'text')
          .execute();
        await db.schema
          .createTable('applied_ops')
          .addColumn('op_id', 'text', (c) => c.primaryKey())
          .addColumn('device_id', 'text', (c) => c.notNull())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('result', 'text', (c) => c.notNull())
          .addColumn('applied_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('contact_notes')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('access_point_id', 'text', (c) => c.notNull())
          .addColumn('device_id', 'text', (c) => c.notNull())
          .addColumn('op_id', 'text', (c) => c.notNull())
          .addColumn('staff_name', 'text', (c) => c.notNull())
          .addColumn('service_name', 'text', (c) => c.notNull())
          .addColumn('channel', 'text', (c) => c.notNull())
          .addColumn('note', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('received_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createIndex('contact_notes_by_access_point')
          .on('contact_notes')
          .columns(['access_point_id', 'received_at'])
          .execute();

        let changes = db.schema.createTable('changes');
        if (dialect === 'sqlite') {
          changes = changes.addColumn('seq', 'integer', (c) => c.primaryKey().autoIncrement());
        } else {
          // txid orders the feed by commit visibility; see PostgresStorage.pullChanges.
          changes = changes
            .addColumn('seq', 'bigserial', (c) => c.primaryKey())
            .addColumn('txid', sql`xid8`, (c) => c.notNull().defaultTo(sql`pg_current_xact_id()`));
        }
        await changes
          .addColumn('scope', 'text', (c) => c.notNull())
          .addColumn('entity', 'text', (c) => c.notNull())
          .addColumn('entity_id', 'text', (c) => c.notNull())
          .addColumn('op', 'text', (c) => c.notNull())
          .addColumn('data', 'text', (c) => c.notNull())
          .addColumn('origin_device', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        if (dialect === 'postgres') {
          await db.schema
            .createIndex('changes_feed_order')
            .on('changes')
            .columns(['txid', 'seq'])
            .execute();
        }
      },
    },
    '0002-feed-by-scope': {
      // A device pulls only its scopes; without this a small access point scans everyone's rows.
      async up(db: Kysely<unknown>) {
        await db.schema
          .createIndex('changes_by_scope')
          .on('changes')
          .columns(dialect === 'sqlite' ? ['scope', 'seq'] : ['scope', 'txid', 'seq'])
          .execute();
      },
    },
    '0003-franchise-pack': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('pack_versions')
          .addColumn('version', 'integer', (c) => c.primaryKey())
          .addColumn('published_at', 'text', (c) => c.notNull())
          .addColumn('summary', 'text', (c) => c.notNull())
          .execute();
        // Immutable history: a publish adds a row only for each record it adds, changes or
        // removes (a tombstone), so any delta between two versions can be computed.
        await db.schema
          .createTable('pack_records')
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('id', 'text', (c) => c.notNull())
          .addColumn('version', 'integer', (c) => c.notNull())
          .addColumn('deleted', 'integer', (c) => c.notNull())
          .addColumn('data', 'text')
          .addPrimaryKeyConstraint('pack_records_pk', ['kind', 'id', 'version'])
          .execute();
        await db.schema
          .createIndex('pack_records_by_version')
          .on('pack_records')
          .column('version')
          .execute();
      },
    },
    '0004-local-pages': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('local_page_revisions')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('page_id', 'text', (c) => c.notNull())
          .addColumn('access_point_id', 'text', (c) => c.notNull())
          .addColumn('device_id', 'text', (c) => c.notNull())
          .addColumn('op_id', 'text', (c) => c.notNull())
          .addColumn('base_revision_ids', 'text', (c) => c.notNull())
          .addColumn('title', 'text', (c) => c.notNull())
          .addColumn('body', 'text', (c) => c.notNull())
          .addColumn('author', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('received_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createIndex('local_page_revisions_by_page')
          .on('local_page_revisions')
          .columns(['page_id', 'received_at'])
          .execute();
      },
    },
    '0005-modes-contacts-help': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .alterTable('devices')
          .addColumn('mode', 'text', (c) => c.notNull().defaultTo('counter'))
          .execute();
        await db.schema
          .createTable('contacts')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('access_point_id', 'text', (c) => c.notNull())
          .addColumn('device_id', 'text', (c) => c.notNull())
          .addColumn('op_id', 'text', (c) => c.notNull())
          .addColumn('mode', 'text', (c) => c.notNull())
          .addColumn('service_id', 'text', (c) => c.notNull())
          .addColumn('channel', 'text', (c) => c.notNull())
          .addColumn('tier', 'integer', (c) => c.notNull())
          .addColumn('outcome', 'text', (c) => c.notNull())
          .addColumn('path', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('received_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createIndex('contacts_by_access_point')
          .on('contacts')
          .columns(['access_point_id', 'received_at'])
          .execute();
        await db.schema
          .createTable('help_events')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('request_id', 'text')
          .addColumn('access_point_id', 'text', (c) => c.notNull())
          .addColumn('device_id', 'text', (c) => c.notNull())
          .addColumn('device_name', 'text', (c) => c.notNull())
          .addColumn('op_id', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('received_at', 'text', (c) => c.notNull())
          .execute();
      },
    },
    '0006-cases': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('cases')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('reference', 'text', (c) => c.notNull().unique())
          .addColumn('type', 'text', (c) => c.notNull())
          .addColumn('service_id', 'text', (c) => c.notNull())
          .addColumn('channel', 'text', (c) => c.notNull())
          .addColumn('details', 'text', (c) => c.notNull())
          .addColumn('location', 'text')
          .addColumn('contact', 'text')
          .addColumn('author', 'text', (c) => c.notNull())
          .addColumn('opened_at', 'text', (c) => c.notNull())
          .addColumn('access_point_id', 'text', (c) => c.notNull())
          .addColumn('device_id', 'text', (c) => c.notNull())
          .addColumn('op_id', 'text', (c) => c.notNull())
          .addColumn('received_at', 'text', (c) => c.notNull())
          .addColumn('owner_partner_id', 'text', (c) => c.notNull())
          .addColumn('owner_team_id', 'text', (c) => c.notNull())
          .addColumn('dues', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createIndex('cases_by_owner')
          .on('cases')
          .columns(['owner_partner_id', 'owner_team_id'])
          .execute();
        let events = db.schema.createTable('case_events');
        events =
          dialect === 'sqlite'
            ? events.addColumn('seq', 'integer', (c) => c.primaryKey().autoIncrement())
            : events.addColumn('seq', 'bigserial', (c) => c.primaryKey());
        await events
          .addColumn('id', 'text', (c) => c.notNull().unique())
          .addColumn('case_id', 'text', (c) => c.notNull())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('note', 'text')
          .addColumn('step_id', 'text')
          .addColumn('reason', 'text')
          .addColumn('author', 'text', (c) => c.notNull())
          .addColumn('based_on', 'integer')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('received_at', 'text', (c) => c.notNull())
          .addColumn('device_id', 'text', (c) => c.notNull())
          .addColumn('op_id', 'text')
          .execute();
        await db.schema
          .createIndex('case_events_by_case')
          .on('case_events')
          .columns(['case_id', 'seq'])
          .execute();
      },
    },
    '0007-open311': {
      async up(db: Kysely<unknown>) {
        // Keys for Open311 GeoReport v2 integrations (src/server/routes/open311.ts): only the
        // SHA-256 of each key is kept. A key belongs to a partner, or to an outside integration.
        await db.schema
          .createTable('api_keys')
          .addColumn('key_hash', 'text', (c) => c.primaryKey())
          .addColumn('name', 'text', (c) => c.notNull().unique())
          .addColumn('partner_id', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('revoked_at', 'text')
          .execute();
      },
    },
    '0008-commitment-results': {
      // One row per commitment step once it is settled: kept or missed, for the insight figures.
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('commitment_results')
          .addColumn('case_id', 'text', (c) => c.notNull())
          .addColumn('step_id', 'text', (c) => c.notNull())
          .addColumn('level', 'integer', (c) => c.notNull())
          .addColumn('owner', 'text', (c) => c.notNull())
          .addColumn('service_id', 'text', (c) => c.notNull())
          .addColumn('due', 'text', (c) => c.notNull())
          .addColumn('done_at', 'text', (c) => c.notNull())
          .addColumn('kept', 'integer', (c) => c.notNull())
          .addPrimaryKeyConstraint('commitment_results_pk', ['case_id', 'step_id'])
          .execute();
      },
    },
    '0009-case-photos': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('case_photos')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('case_id', 'text', (c) => c.notNull())
          .addColumn('content_type', 'text', (c) => c.notNull())
          .addColumn('size', 'integer', (c) => c.notNull())
          .addColumn('data', dialect === 'sqlite' ? sql`blob` : sql`bytea`, (c) => c.notNull())
          .addColumn('device_id', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createIndex('case_photos_by_case')
          .on('case_photos')
          .column('case_id')
          .execute();
      },
    },
  };
}

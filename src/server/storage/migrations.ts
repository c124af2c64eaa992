// Schema migrations, run by Kysely's Migrator on start. Append new ones; never edit old ones.
import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import { DEFAULT_UNIT_COSTS } from '../../shared/insight.ts';
import {
  clusterInsightRollups,
  deltaInsightRollups,
  createInsightRollups,
  slotInsightRollups,
} from './insight-rollups.ts';
import { backfillOpenDues } from './insight-dues.ts';
import type { Database } from './schema.ts';

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
    '0010-device-feed-check': {
      // The last cursor issued to each device and the one it sent then: the device holds one
      // of the two, unless the hub was restored from an older backup (see routes/sync.ts).
      async up(db: Kysely<unknown>) {
        await db.schema.alterTable('devices').addColumn('issued_cursor', 'text').execute();
        await db.schema.alterTable('devices').addColumn('previous_cursor', 'text').execute();
      },
    },
    '0011-staff': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('staff')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('role', 'text', (c) => c.notNull())
          .addColumn('partner_id', 'text')
          .addColumn('team_ids', 'text', (c) => c.notNull())
          .addColumn('access_point_ids', 'text', (c) => c.notNull())
          .addColumn('pin', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .addColumn('revoked_at', 'text')
          .execute();
        await db.schema
          .createTable('staff_sessions')
          .addColumn('token_hash', 'text', (c) => c.primaryKey())
          .addColumn('staff_id', 'text', (c) => c.notNull())
          .addColumn('device_id', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('expires_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('training_completions')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('staff_id', 'text', (c) => c.notNull())
          .addColumn('module_id', 'text', (c) => c.notNull())
          .addColumn('score', 'integer', (c) => c.notNull())
          .addColumn('completed_at', 'text', (c) => c.notNull())
          .addColumn('access_point_id', 'text', (c) => c.notNull())
          .addColumn('device_id', 'text', (c) => c.notNull())
          .addColumn('received_at', 'text', (c) => c.notNull())
          .addColumn('op_id', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createIndex('training_completions_by_staff')
          .on('training_completions')
          .columns(['staff_id', 'module_id'])
          .execute();
      },
    },
    '0012-voice-of-customer': {
      // The tables the insight dashboards read (issue 6). Feature code may add its own later
      // migrations; these columns are the contract between the features and the dashboards.
      async up(db: Kysely<unknown>) {
        // Contacts and cases may name a customer record (single customer view, with consent).
        await db.schema.alterTable('contacts').addColumn('customer_id', 'text').execute();
        await db.schema.alterTable('cases').addColumn('customer_id', 'text').execute();
        await db.schema
          .createIndex('contacts_by_customer')
          .on('contacts')
          .columns(['customer_id', 'created_at'])
          .execute();
        await db.schema
          .createIndex('contacts_by_created')
          .on('contacts')
          .column('created_at')
          .execute();
        // Four faces at the moment of the interaction; no personal data.
        await db.schema
          .createTable('feedback')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('contact_id', 'text')
          .addColumn('access_point_id', 'text', (c) => c.notNull())
          .addColumn('partner_id', 'text', (c) => c.notNull())
          .addColumn('device_id', 'text', (c) => c.notNull())
          .addColumn('op_id', 'text', (c) => c.notNull())
          .addColumn('mode', 'text', (c) => c.notNull())
          .addColumn('service_id', 'text')
          .addColumn('channel', 'text', (c) => c.notNull())
          .addColumn('rating', 'integer', (c) => c.notNull())
          .addColumn('reason', 'text')
          .addColumn('comment', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('received_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createIndex('feedback_by_created')
          .on('feedback')
          .columns(['created_at', 'access_point_id'])
          .execute();
        // The 48-hour follow-up: who agreed to be asked, how to reach them, and their answers.
        await db.schema
          .createTable('followups')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('contact_id', 'text')
          .addColumn('access_point_id', 'text', (c) => c.notNull())
          .addColumn('partner_id', 'text', (c) => c.notNull())
          .addColumn('service_id', 'text')
          .addColumn('channel', 'text', (c) => c.notNull())
          .addColumn('address_kind', 'text', (c) => c.notNull())
          .addColumn('address', 'text')
          .addColumn('language', 'text', (c) => c.notNull())
          .addColumn('token_hash', 'text', (c) => c.notNull().unique())
          .addColumn('consented_at', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('sent_at', 'text')
          .addColumn('answered_at', 'text')
          .addColumn('courteous', 'integer')
          .addColumn('solved', 'integer')
          .addColumn('comment', 'text')
          .execute();
        await db.schema
          .createIndex('followups_by_created')
          .on('followups')
          .columns(['created_at', 'sent_at'])
          .execute();
        // Mystery-shopping audits: one row per audit, one per checklist item.
        await db.schema
          .createTable('audits')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('access_point_id', 'text', (c) => c.notNull())
          .addColumn('partner_id', 'text', (c) => c.notNull())
          .addColumn('auditor_id', 'text', (c) => c.notNull())
          .addColumn('device_id', 'text', (c) => c.notNull())
          .addColumn('op_id', 'text', (c) => c.notNull())
          .addColumn('visited_at', 'text', (c) => c.notNull())
          .addColumn('received_at', 'text', (c) => c.notNull())
          .addColumn('score', 'real', (c) => c.notNull())
          .execute();
        await db.schema
          .createIndex('audits_by_visit')
          .on('audits')
          .columns(['visited_at', 'access_point_id'])
          .execute();
        await db.schema
          .createTable('audit_items')
          .addColumn('audit_id', 'text', (c) => c.notNull())
          .addColumn('check_id', 'text', (c) => c.notNull())
          .addColumn('standard_id', 'text', (c) => c.notNull())
          .addColumn('service_id', 'text')
          .addColumn('result', 'text', (c) => c.notNull())
          .addColumn('note', 'text')
          .addPrimaryKeyConstraint('audit_items_pk', ['audit_id', 'check_id'])
          .execute();
        // Single customer view: one row per person, kept only with their consent.
        await db.schema
          .createTable('customers')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('name', 'text')
          .addColumn('name_key', 'text')
          .addColumn('date_of_birth', 'text')
          .addColumn('postcode', 'text')
          .addColumn('phone', 'text')
          .addColumn('email', 'text')
          .addColumn('consented_at', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .addColumn('merged_into', 'text')
          .addColumn('erased_at', 'text')
          .execute();
        for (const column of ['name_key', 'phone', 'email', 'postcode'] as const) {
          await db.schema
            .createIndex(`customers_by_${column}`)
            .on('customers')
            .column(column)
            .execute();
        }
      },
    },
    '0013-feedback': {
      // "Was your problem solved?" has three answers, stored as 1, 0.5 and 0 so that the mean
      // is the share solved. SQLite's integer affinity already keeps 0.5 as a real.
      async up(db: Kysely<unknown>) {
        if (dialect === 'postgres') {
          await sql`alter table followups alter column solved type real`.execute(db);
        }
      },
    },
    '0014-reviews': {
      // Citizens' reviews of services and partners: held until a moderator decides, and every
      // decision kept (who, when, why) so a publication or a withdrawal can be accounted for.
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('reviews')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('target_kind', 'text', (c) => c.notNull())
          .addColumn('target_id', 'text', (c) => c.notNull())
          .addColumn('partner_id', 'text', (c) => c.notNull())
          .addColumn('rating', 'integer', (c) => c.notNull())
          .addColumn('title', 'text')
          .addColumn('body', 'text', (c) => c.notNull())
          .addColumn('display_name', 'text')
          .addColumn('flags', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('access_point_id', 'text', (c) => c.notNull())
          .addColumn('device_id', 'text', (c) => c.notNull())
          .addColumn('op_id', 'text', (c) => c.notNull())
          .addColumn('mode', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('received_at', 'text', (c) => c.notNull())
          .addColumn('published_at', 'text')
          .execute();
        await db.schema
          .createIndex('reviews_by_status')
          .on('reviews')
          .columns(['status', 'partner_id', 'received_at'])
          .execute();
        await db.schema
          .createIndex('reviews_by_target')
          .on('reviews')
          .columns(['target_kind', 'target_id', 'status'])
          .execute();
        await db.schema
          .createTable('review_decisions')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('review_id', 'text', (c) => c.notNull())
          .addColumn('decision', 'text', (c) => c.notNull())
          .addColumn('reason', 'text', (c) => c.notNull())
          .addColumn('staff_id', 'text', (c) => c.notNull())
          .addColumn('staff_name', 'text', (c) => c.notNull())
          .addColumn('decided_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createIndex('review_decisions_by_review')
          .on('review_decisions')
          .columns(['review_id', 'decided_at'])
          .execute();
      },
    },
    '0015-audits': {
      // Mystery shopping: each answer keeps the weight its check had when the hub scored the
      // audit, so scores per standard can be aggregated in SQL after the pack changes; each
      // audit keeps the pack version whose checklist it was scored against.
      async up(db: Kysely<unknown>) {
        await db.schema
          .alterTable('audit_items')
          .addColumn('weight', 'real', (c) => c.notNull().defaultTo(1))
          .execute();
        await db.schema.alterTable('audits').addColumn('pack_version', 'integer').execute();
        await db.schema
          .createIndex('audits_by_place')
          .on('audits')
          .columns(['access_point_id', 'visited_at'])
          .execute();
      },
    },
    '0016-customers': {
      // Single customer view: merges that can be undone, proposals staff turned down, and a log
      // of who exported or erased a person's record.
      async up(db: Kysely<unknown>) {
        await db.schema
          .createIndex('cases_by_customer')
          .on('cases')
          .column('customer_id')
          .execute();
        await db.schema
          .createIndex('customers_by_date_of_birth')
          .on('customers')
          .column('date_of_birth')
          .execute();
        await db.schema
          .createTable('customer_merges')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('kept_id', 'text', (c) => c.notNull())
          .addColumn('merged_id', 'text', (c) => c.notNull())
          .addColumn('staff_id', 'text', (c) => c.notNull())
          .addColumn('merged_at', 'text', (c) => c.notNull())
          // JSON arrays of the ids whose customer_id moved, so undo moves exactly those back.
          .addColumn('contact_ids', 'text', (c) => c.notNull())
          .addColumn('case_ids', 'text', (c) => c.notNull())
          .addColumn('undone_at', 'text')
          .addColumn('undone_by', 'text')
          .execute();
        await db.schema
          .createIndex('customer_merges_by_kept')
          .on('customer_merges')
          .columns(['kept_id', 'merged_at'])
          .execute();
        await db.schema
          .createTable('customer_match_rejections')
          // The pair in sorted order, so (a, b) and (b, a) are one row.
          .addColumn('first_id', 'text', (c) => c.notNull())
          .addColumn('second_id', 'text', (c) => c.notNull())
          .addColumn('staff_id', 'text', (c) => c.notNull())
          .addColumn('rejected_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('customer_match_rejections_pk', ['first_id', 'second_id'])
          .execute();
        await db.schema
          .createTable('customer_audit')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('customer_id', 'text', (c) => c.notNull())
          .addColumn('action', 'text', (c) => c.notNull())
          .addColumn('staff_id', 'text', (c) => c.notNull())
          .addColumn('at', 'text', (c) => c.notNull())
          .addColumn('detail', 'text')
          .execute();
        await db.schema
          .createIndex('customer_audit_by_customer')
          .on('customer_audit')
          .columns(['customer_id', 'at'])
          .execute();
      },
    },
    '0017-insight': {
      // The dashboards' rollups (kept by triggers: see insight-rollups.ts), the commitments
      // still open (for "at risk now"), and the franchisor's unit costs per channel.
      async up(db: Kysely<unknown>) {
        await createInsightRollups(db, dialect);
        await db.schema
          .createTable('insight_open_dues')
          .addColumn('case_id', 'text', (c) => c.notNull())
          .addColumn('step_id', 'text', (c) => c.notNull())
          .addColumn('partner_id', 'text', (c) => c.notNull())
          .addColumn('team_id', 'text', (c) => c.notNull())
          .addColumn('service_id', 'text', (c) => c.notNull())
          .addColumn('access_point_id', 'text', (c) => c.notNull())
          .addColumn('level', 'integer', (c) => c.notNull())
          .addColumn('at_risk_at', 'text', (c) => c.notNull())
          .addColumn('due', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('insight_open_dues_pk', ['case_id', 'step_id'])
          .execute();
        // A result settles its commitment, by whichever path it is written.
        if (dialect === 'sqlite') {
          await sql`create trigger insight_open_dues_settle after insert on commitment_results
            begin delete from insight_open_dues
              where case_id = new.case_id and step_id = new.step_id; end`.execute(db);
        } else {
          await sql`create function insight_open_dues_settle() returns trigger language plpgsql as $$
            begin
              delete from insight_open_dues d using new_rows n
                where d.case_id = n.case_id and d.step_id = n.step_id;
              return null;
            end $$`.execute(db);
          await sql`create trigger insight_open_dues_settle after insert on commitment_results
            referencing new table as new_rows
            for each statement execute function insight_open_dues_settle()`.execute(db);
        }
        await backfillOpenDues(db);
        await db.schema
          .createIndex('insight_open_dues_by_risk')
          .on('insight_open_dues')
          .column('at_risk_at')
          .execute();
        // A filter the rollups do not keep (a service with a channel, say) reads the raw rows.
        await db.schema
          .createIndex('contacts_by_service')
          .on('contacts')
          .columns(['service_id', 'created_at'])
          .execute();
        await db.schema
          .createIndex('feedback_by_service')
          .on('feedback')
          .columns(['service_id', 'created_at'])
          .execute();
        await db.schema
          .createIndex('commitment_results_by_service')
          .on('commitment_results')
          .columns(['service_id', 'done_at'])
          .execute();
        await db.schema
          .createTable('insight_unit_costs')
          .addColumn('channel', 'text', (c) => c.primaryKey())
          .addColumn('pence', 'integer', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .addColumn('updated_by', 'text')
          .execute();
        await db
          .insertInto('insight_unit_costs' as never)
          .values(
            Object.entries(DEFAULT_UNIT_COSTS).map(([channel, pence]) => ({
              channel,
              pence,
              updated_at: new Date(0).toISOString(),
              updated_by: null,
            })) as never,
          )
          .execute();
      },
    },
    '0018-insight-rollup-keys': {
      async up(db: Kysely<unknown>) {
        // The rollups under concurrent writers: SQLite has one writer and reads them in key
        // order; PostgreSQL has many writers, which must not queue for the same rows.
        if (dialect === 'sqlite') await clusterInsightRollups(db);
        else await slotInsightRollups(db);
      },
    },
    '0019-insight-rollup-deltas': {
      async up(db: Kysely<unknown>) {
        // PostgreSQL: even a slot per connection left syncs queuing behind each other for the
        // rows of the busiest service until each committed; the triggers now only append.
        if (dialect === 'postgres') await deltaInsightRollups(db);
      },
    },
    '0020-staff-secrets': {
      // Wrong PINs typed at the hub, counted per person and place in the database (shared by
      // every server process, kept over restarts); the newest hub session each person opened on
      // each device (a privileged person's ops need one: privileged-session.ts); and the PIN
      // hashes of privileged people taken out of the feed (see dropPrivilegedVerifiers).
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('staff_pin_failures')
          .addColumn('staff_id', 'text', (c) => c.notNull())
          .addColumn('access_point_id', 'text', (c) => c.notNull())
          .addColumn('failures', 'integer', (c) => c.notNull())
          .addColumn('locked_until', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('staff_pin_failures_pk', ['staff_id', 'access_point_id'])
          .execute();
        await db.schema
          .createTable('staff_hub_sign_ins')
          .addColumn('staff_id', 'text', (c) => c.notNull())
          .addColumn('device_id', 'text', (c) => c.notNull())
          .addColumn('opened_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('staff_hub_sign_ins_pk', ['staff_id', 'device_id'])
          .execute();
        await dropPrivilegedVerifiers(db as Kysely<Database>, new Date().toISOString());
      },
    },
    '0021-access-point-help-from': {
      // A kiosk with no staff of its own names the staffed place that answers its calls for
      // help (the pack's `helpFrom`); its calls go to that place's devices too.
      async up(db: Kysely<unknown>) {
        await db.schema.alterTable('access_points').addColumn('help_from', 'text').execute();
      },
    },
  };
}

/**
 * Migration 0020: the roles privileged then (kept here, so the migration never changes) lose
 * their PIN hashes from every staff record in the feed, and each such person still working is
 * sent again without one, so a device holding a hash replaces its copy at its next sync.
 */
async function dropPrivilegedVerifiers(db: Kysely<Database>, now: string): Promise<void> {
  const privileged = new Set(['franchisor-admin', 'partner-manager']);
  const people = await db.selectFrom('staff').selectAll().execute();
  const current = new Map(people.map((p) => [p.id, p]));
  const rows = await db
    .selectFrom('changes')
    .select(['seq', 'entity_id', 'data'])
    .where('entity', '=', 'staff')
    .where('op', '=', 'upsert')
    .execute();
  for (const row of rows) {
    const data = JSON.parse(row.data) as { role?: string; pin?: unknown };
    const role = current.get(row.entity_id)?.role;
    if (!data.pin || !(privileged.has(data.role ?? '') || privileged.has(role ?? ''))) continue;
    await db
      .updateTable('changes')
      .set({ data: JSON.stringify({ ...data, pin: null }) })
      .where('seq', '=', row.seq)
      .execute();
  }
  const resend = people.filter((p) => privileged.has(p.role) && !p.revoked_at);
  const changes = resend.flatMap((p) => {
    const places = JSON.parse(p.access_point_ids) as string[];
    const data = JSON.stringify({
      id: p.id,
      name: p.name,
      role: p.role,
      partnerId: p.partner_id,
      teamIds: JSON.parse(p.team_ids) as string[],
      accessPointIds: places,
      pin: null,
    });
    return places.map((ap) => ({
      scope: `ap:${ap}`,
      entity: 'staff' as const,
      entity_id: p.id,
      op: 'upsert' as const,
      data,
      origin_device: null,
      created_at: now,
    }));
  });
  for (let i = 0; i < changes.length; i += 1000) {
    await db
      .insertInto('changes')
      .values(changes.slice(i, i + 1000))
      .execute();
  }
}

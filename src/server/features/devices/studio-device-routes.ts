// The studio's devices and doors: enrolment codes for a place (the mode fixed by the code), the
// devices of each place with what they last reported when they synced, and revoking or
// replacing one. The franchisor acts on every place, a partner manager on their own partner's
// places only: checked here on every call, whatever the screen offered.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AccessPoint } from '../../../shared/access-point.ts';
import {
  checkCodeRequest,
  checkReplaceRequest,
  deviceFlags,
  type DeviceSummary,
  type IssuedCode,
  type PlaceDevices,
  type ReplacedDevice,
  type StudioDevices,
} from '../../../shared/api/studio-devices.ts';
import { DEVICE_MODES, type DeviceMode } from '../../../shared/contact.ts';
import { can } from '../../../shared/staff.ts';
import { sendError } from '../../platform/errors.ts';
import { staffCaller } from '../../platform/staff-caller.ts';
import type { CoreStore } from '../../platform/store/core-store.ts';
import type { DevicesTable } from '../../platform/store/schema.ts';
import type { StaffCallerStores, StaffRecord } from '../staff/staff-store.ts';
import { createDeviceAdminStore } from './device-admin-store.ts';

/** The stores these routes use. */
type Stores = StaffCallerStores & { readonly core: CoreStore };

/** Device ids are UUIDs; anything else names no device (and never reaches the database). */
const DEVICE_ID = /^[0-9a-f-]{36}$/i;

const asMode = (mode: string): DeviceMode =>
  (DEVICE_MODES as readonly string[]).includes(mode) ? (mode as DeviceMode) : 'counter';

export function studioDeviceRoutes(app: FastifyInstance, storage: Stores): void {
  const admin = createDeviceAdminStore(storage.core.db);

  /** The person, if they may manage devices at all; the 401/403 is sent otherwise. */
  const manager = async (request: FastifyRequest, reply: FastifyReply) => {
    const who = await staffCaller(storage, request, reply, 'devices.manage');
    if (!who) return null;
    if (!can(who.staff.role, 'partners.all') && who.staff.partnerId === null) {
      sendError(reply, 403, 'forbidden', 'Only a partner’s manager manages its devices.');
      return null;
    }
    return who.staff;
  };
  const manages = (staff: StaffRecord, place: AccessPoint) =>
    can(staff.role, 'partners.all') || place.partnerId === staff.partnerId;
  const actorOf = (staff: StaffRecord) => ({ id: staff.id, role: staff.role });

  /** The device and its place, if this person manages it; the 404/403 is sent otherwise. */
  const managedDevice = async (staff: StaffRecord, id: string, reply: FastifyReply) => {
    const device = DEVICE_ID.test(id) ? await storage.core.findDevice(id) : null;
    const place = device ? await storage.core.getAccessPoint(device.accessPointId) : null;
    if (!device || !place) {
      sendError(reply, 404, 'not-found', 'No such device.');
      return null;
    }
    if (!manages(staff, place)) {
      sendError(reply, 403, 'forbidden', 'You may manage only your own partner’s devices.');
      return null;
    }
    return { device, place };
  };

  const summary = async (
    rows: readonly DevicesTable[],
    latestPack: number,
    now: Date,
  ): Promise<Map<string, DeviceSummary>> => {
    const names = new Map<string, string | null>();
    for (const id of new Set(rows.flatMap((r) => (r.last_staff_id ? [r.last_staff_id] : [])))) {
      names.set(id, (await storage.staff.findStaff(id))?.name ?? null);
    }
    return new Map(
      rows.map((row) => {
        const reported = {
          revokedAt: row.revoked_at,
          lastSyncAt: row.last_sync_at ?? null,
          outbox: row.outbox_size ?? null,
          packVersion: row.pack_version ?? null,
          storagePersisted:
            row.storage_persisted === null || row.storage_persisted === undefined
              ? null
              : Number(row.storage_persisted) === 1,
        };
        const device: DeviceSummary = {
          id: row.id,
          name: row.name,
          mode: asMode(row.mode),
          enrolledAt: row.enrolled_at,
          ...reported,
          lastStaffId: row.last_staff_id ?? null,
          lastStaffName: row.last_staff_id ? (names.get(row.last_staff_id) ?? null) : null,
          appVersion: row.app_version ?? null,
          flags: deviceFlags(reported, latestPack, now),
        };
        return [row.id, device];
      }),
    );
  };

  app.get('/api/studio/devices', async (request, reply) => {
    const staff = await manager(request, reply);
    if (!staff) return reply;
    const now = new Date();
    const places = (await storage.core.listAccessPoints()).filter((p) => manages(staff, p));
    const ids = places.map((p) => p.id);
    const [rows, codes, packVersion] = await Promise.all([
      admin.devicesAt(ids),
      admin.pendingCodesAt(ids, now.toISOString()),
      storage.core.latestPackVersion(),
    ]);
    const summaries = await summary(rows, packVersion, now);
    const body: StudioDevices = {
      packVersion,
      places: places.map((place): PlaceDevices => ({
        id: place.id,
        name: place.name,
        kind: place.kind,
        partnerId: place.partnerId,
        devices: rows
          .filter((r) => r.access_point_id === place.id)
          .map((r) => summaries.get(r.id) as DeviceSummary),
        pendingCodes: codes
          .filter((c) => c.access_point_id === place.id)
          .map((c) => ({
            mode: c.mode ? asMode(c.mode) : null,
            createdAt: c.created_at,
            expiresAt: c.expires_at,
            issuedBy: c.issued_by ?? null,
          })),
      })),
    };
    return body;
  });

  app.post('/api/studio/enrolment-codes', async (request, reply) => {
    const staff = await manager(request, reply);
    if (!staff) return reply;
    const checked = checkCodeRequest(request.body);
    if (!checked.ok) {
      return sendError(
        reply,
        400,
        'invalid-request',
        'The code request is not valid; no code was issued.',
        checked.problems.map((p) => `${p.field}: ${p.problem}`),
      );
    }
    const place = await storage.core.getAccessPoint(checked.value.accessPointId);
    if (!place) {
      return sendError(
        reply,
        404,
        'not-found',
        `There is no place “${checked.value.accessPointId}”; no code was issued.`,
      );
    }
    if (!manages(staff, place)) {
      return sendError(reply, 403, 'forbidden', 'You may issue codes only for your own places.');
    }
    const issued: IssuedCode = await admin.issueCode({
      place,
      mode: checked.value.mode,
      expiresInHours: checked.value.expiresInHours,
      actor: actorOf(staff),
      now: new Date(),
    });
    return reply.code(201).send(issued);
  });

  app.post<{ Params: { id: string } }>('/api/studio/devices/:id/revoke', async (request, reply) => {
    const staff = await manager(request, reply);
    if (!staff) return reply;
    const found = await managedDevice(staff, request.params.id, reply);
    if (!found) return reply;
    const row = await admin.revokeAndLog({
      deviceId: found.device.id,
      partnerId: found.place.partnerId,
      actor: actorOf(staff),
      now: new Date(),
    });
    if (!row) return sendError(reply, 404, 'not-found', 'No such device.');
    const now = new Date();
    const summaries = await summary([row], await storage.core.latestPackVersion(), now);
    return summaries.get(row.id);
  });

  app.post<{ Params: { id: string } }>(
    '/api/studio/devices/:id/replace',
    async (request, reply) => {
      const staff = await manager(request, reply);
      if (!staff) return reply;
      const checked = checkReplaceRequest(request.body);
      if (!checked.ok) {
        return sendError(
          reply,
          400,
          'invalid-request',
          'The replacement request is not valid; nothing was changed.',
          checked.problems.map((p) => `${p.field}: ${p.problem}`),
        );
      }
      const found = await managedDevice(staff, request.params.id, reply);
      if (!found) return reply;
      const replaced = await admin.replaceDevice({
        deviceId: found.device.id,
        place: found.place,
        expiresInHours: checked.value.expiresInHours,
        actor: actorOf(staff),
        now: new Date(),
      });
      if (!replaced) return sendError(reply, 404, 'not-found', 'No such device.');
      const summaries = await summary(
        [replaced.device],
        await storage.core.latestPackVersion(),
        new Date(),
      );
      const body: ReplacedDevice = {
        revoked: summaries.get(replaced.device.id) as DeviceSummary,
        code: replaced.code,
      };
      return reply.code(201).send(body);
    },
  );
}

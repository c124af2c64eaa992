// A FixMyStreet-shaped client against a real hub over HTTP: the requests mySociety's
// perllib/Open311.pm makes, in its shapes (XML only; GETs with jurisdiction_id in the query;
// POSTs form-encoded with jurisdiction_id and api_key; attribute[CODE] fields; coordinates cut
// to six decimals; updates GET with api_key, start_date and end_date; update POSTs with names,
// email, status and the comment's id), read as XML::Simple would. It discovers the services,
// reports a missed bin with its location, reads it back with the location, sees an officer's
// actions (made through the hub's normal staff path, a device's sync) in
// servicerequestupdates.xml, and posts the reporter's update, which reaches the back office's
// devices, the staff API and /track. Run on SQLite and PostgreSQL
// (fixmystreet-client.sqlite.test.ts, fixmystreet-client.pg.test.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueApiKey } from '../../src/server/features/open311/open311-keys.ts';
import { newId } from '../../src/shared/ids.ts';
import { PROTOCOL_VERSION, type Op } from '../../src/shared/sync/protocol.ts';
import { startHubOn, type TestHub } from '../helpers/hub.ts';

type XmlItem = Record<string, string>;

/** The items `<tag>` of a flat Open311 document, each as its child elements' text. */
function xmlItems(xml: string, tag: string): XmlItem[] {
  const unescape = (text: string) =>
    text
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&');
  return [...xml.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))].map((item) =>
    Object.fromEntries(
      [...(item[1] as string).matchAll(/<([a-z_]+)>([^<]*)<\/\1>/g)].map((m) => [
        m[1] as string,
        unescape(m[2] as string),
      ]),
    ),
  );
}

/** Open311.pm's way of talking to an endpoint, minus Perl. */
class Open311Client {
  debug: string[] = [];
  private readonly endpoint: string;
  private readonly jurisdiction: string;
  private readonly apiKey: string;
  constructor(endpoint: string, jurisdiction: string, apiKey: string) {
    this.endpoint = endpoint;
    this.jurisdiction = jurisdiction;
    this.apiKey = apiKey;
  }

  private async request(method: 'GET' | 'POST', path: string, params: Record<string, string>) {
    const all: Record<string, string> = { ...params, jurisdiction_id: this.jurisdiction };
    if (method === 'POST') all.api_key = this.apiKey;
    const url = new URL(`${this.endpoint}/${path}`);
    let response: Response;
    if (method === 'GET') {
      for (const [k, v] of Object.entries(all)) url.searchParams.set(k, v);
      response = await fetch(url);
    } else {
      response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(all),
      });
    }
    const body = await response.text();
    this.debug.push(`${method} ${url.pathname} ${response.status}`);
    if (!response.ok) {
      // _process_error: "code: description" for each <error>.
      const errors = xmlItems(body, 'error').map((e) => `${e.code}: ${e.description}`);
      throw new Error(`request failed: ${response.status}\nerror: ${errors.join('\n')}`);
    }
    expect(response.headers.get('content-type')).toMatch(/^text\/xml/);
    return body;
  }

  async getServiceList(): Promise<XmlItem[]> {
    return xmlItems(await this.request('GET', 'services.xml', {}), 'service');
  }

  async getServiceMetaInfo(code: string): Promise<XmlItem[]> {
    return xmlItems(await this.request('GET', `services/${code}.xml`, {}), 'attribute');
  }

  /** Utils::truncate_coordinate: six decimal places. */
  private static coordinate(value: number): string {
    return (Math.trunc(value * 1e6) / 1e6).toString();
  }

  async sendServiceRequest(problem: {
    detail: string;
    name: string;
    email: string;
    latitude: number;
    longitude: number;
    serviceCode: string;
    extra: Record<string, string>;
  }): Promise<string> {
    const [first, ...last] = problem.name.split(/\s+/);
    const params: Record<string, string> = {
      description: problem.detail,
      service_code: problem.serviceCode,
      first_name: first ?? '',
      last_name: last.join(' '),
      email: problem.email,
      lat: Open311Client.coordinate(problem.latitude),
      long: Open311Client.coordinate(problem.longitude),
    };
    for (const [name, value] of Object.entries(problem.extra)) params[`attribute[${name}]`] = value;
    const xml = await this.request('POST', 'requests.xml', params);
    const [created] = xmlItems(xml, 'request');
    return created?.service_request_id ?? '';
  }

  async getServiceRequests(ids: string[]): Promise<XmlItem[]> {
    const xml = await this.request('GET', 'requests.xml', { service_request_id: ids.join(',') });
    return xmlItems(xml, 'request');
  }

  async getServiceRequestUpdates(start: string, end: string): Promise<XmlItem[]> {
    const xml = await this.request('GET', 'servicerequestupdates.xml', {
      api_key: this.apiKey,
      start_date: start,
      end_date: end,
    });
    expect(xml).toMatch(/<service_request_updates[\s/>]/);
    return xmlItems(xml, 'request_update');
  }

  async postServiceRequestUpdate(comment: {
    id: number;
    externalId: string;
    text: string;
    name: string;
    email: string;
    confirmed: string;
    open: boolean;
  }): Promise<string> {
    const [first, ...last] = comment.name.split(/\s+/);
    const xml = await this.request('POST', 'servicerequestupdates.xml', {
      updated_datetime: comment.confirmed,
      service_request_id: comment.externalId,
      status: comment.open ? 'OPEN' : 'CLOSED',
      description: comment.text,
      last_name: last.join(' ') || '-',
      first_name: first ?? '',
      email: comment.email,
      update_id: String(comment.id),
    });
    return xmlItems(xml, 'request_update')[0]?.update_id ?? '';
  }
}

/** W3CDTF, as DateTime::Format::W3CDTF writes UTC. */
const w3c = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

export function describeFixMyStreetClient(dialect: 'sqlite' | 'postgres'): void {
  describe(`a FixMyStreet-shaped client on ${dialect}`, () => {
    let hub: TestHub;
    let fms: Open311Client;
    beforeAll(async () => {
      hub = await startHubOn(dialect);
      await hub.publishDemoPack();
      const key = await issueApiKey(hub.storage, 'fixmystreet', 'northam-district-council');
      fms = new Open311Client(`${hub.url}/open311/v2`, 'northam-district-council', key);
    });
    afterAll(() => hub.close());

    it('reports, reads back with its location, sees the officer’s actions and posts an update', async () => {
      const start = new Date(Date.now() - 60_000);
      // Hourly: the categories, and each definition that has questions.
      const services = await fms.getServiceList();
      expect(services.map((s) => s.service_code).sort()).toEqual(
        [
          'abandoned-vehicle',
          'dog-fouling',
          'fly-tipping',
          'graffiti-removal',
          'missed-bin-collection',
        ].sort(),
      );
      const bins = services.find((s) => s.service_code === 'missed-bin-collection');
      expect(bins?.metadata).toBe('true');
      const attributes = await fms.getServiceMetaInfo('missed-bin-collection');
      expect(attributes.map((a) => a.code)).toEqual(['postcode']);
      expect(attributes[0]).toMatchObject({ datatype: 'string', required: 'false' });

      // A report, pinned on the map, with the category's question answered in free text.
      const id = await fms.sendServiceRequest({
        detail: 'Green bin not emptied, third week running.',
        name: 'Ada Jones',
        email: 'ada@example.org',
        latitude: 52.0512345678,
        longitude: -1.2009876543,
        serviceCode: 'missed-bin-collection',
        extra: { postcode: 'by the church gate', uprn: '100012345' },
      });
      expect(id).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-.$/);

      // Read back, with its location, so the report fetcher keeps it.
      const [request] = await fms.getServiceRequests([id]);
      expect(request).toMatchObject({
        service_request_id: id,
        status: 'open',
        service_code: 'missed-bin-collection',
        lat: '52.051234',
        long: '-1.200987',
        address: 'by the church gate',
        agency_responsible: 'Northam District Council',
      });
      expect(JSON.stringify(request)).not.toContain('ada@example.org');

      // An officer picks it up and resolves it, at a Northam counter, through the hub's sync.
      const caseId = (await hub.storage.cases.findCaseByReference(id))?.record.id ?? '';
      const council = await hub.enrol('civic-centre');
      const sync = (push: Op[], cursor: string | null = null) =>
        hub.app.inject({
          method: 'POST',
          url: '/api/sync',
          headers: { authorization: `Bearer ${council.token}` },
          payload: {
            type: 'sync',
            protocolVersion: PROTOCOL_VERSION,
            push,
            cursor,
            pullLimit: 1000,
          },
        });
      for (const kind of ['acknowledged', 'resolved'] as const) {
        const res = await sync([
          {
            id: newId(),
            deviceId: council.deviceId,
            staffId: 'alun-davies',
            kind: 'case.event',
            clientTime: new Date().toISOString(),
            payload: {
              id: newId(),
              caseId,
              kind,
              author: 'Alun Davies',
              basedOn: null,
              createdAt: new Date().toISOString(),
            },
          },
        ]);
        expect(res.json().results[0].status).toBe('applied');
      }

      // FixMyStreet's update fetcher: the officer's actions, in order.
      const end = new Date(Date.now() + 60_000);
      const updates = (await fms.getServiceRequestUpdates(w3c(start), w3c(end))).filter(
        (u) => u.service_request_id === id,
      );
      expect(updates.map((u) => [u.status, u.description])).toEqual([
        ['investigating', 'Acknowledged by the team responsible.'],
        ['closed', 'Resolved.'],
      ]);
      for (const update of updates) {
        expect(update.update_id).toBeTruthy();
        expect(update.updated_datetime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
      }
      const [request2] = await fms.getServiceRequests([id]);
      expect(request2?.status).toBe('closed');

      // The reporter says it is not done after all: FixMyStreet posts the comment.
      const updateId = await fms.postServiceRequestUpdate({
        id: 4242,
        externalId: id,
        text: 'The bin is still full, nobody came.',
        name: 'Ada Jones',
        email: 'ada@example.org',
        confirmed: w3c(new Date()),
        open: true,
      });
      expect(updateId).toBeTruthy();
      // Its retry loop posting again gets the same id.
      expect(
        await fms.postServiceRequestUpdate({
          id: 4242,
          externalId: id,
          text: 'The bin is still full, nobody came.',
          name: 'Ada Jones',
          email: 'ada@example.org',
          confirmed: w3c(new Date()),
          open: true,
        }),
      ).toBe(updateId);

      // The back office: the note reaches the council's devices, the case is no longer resolved
      // in the staff API, and /track shows the update.
      // (On PostgreSQL another database's open transaction can hold the feed back a moment:
      // pull as a device does until the note has come, 20 s at most.)
      let cursor: string | null = null;
      const notes: string[] = [];
      for (const until = Date.now() + 20_000; Date.now() < until;) {
        const page: {
          changes: { entity: string; data: { kind?: string; note?: string; caseId?: string } }[];
          cursor: string | null;
          hasMore: boolean;
        } = (await sync([], cursor)).json();
        for (const change of page.changes) {
          if (change.entity === 'caseEvent' && change.data.caseId === caseId && change.data.note)
            notes.push(`${change.data.kind}: ${change.data.note}`);
        }
        cursor = page.cursor;
        if (notes.length > 0) break;
        if (!page.hasMore) await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(notes).toContain('note: The bin is still full, nobody came.');
      const staff = await hub.staffHeaders('alun-davies', 'civic-centre');
      const cases = await hub.app.inject({
        method: 'GET',
        url: '/api/staff/cases',
        headers: staff,
      });
      expect(cases.statusCode).toBe(200);
      const summary = cases
        .json<{ reference: string; status: string }[]>()
        .find((c) => c.reference === id);
      expect(summary?.status).not.toBe('resolved');
      const track = await hub.app.inject({ method: 'GET', url: `/track/${id}` });
      expect(track.statusCode).toBe(200);
      expect(track.body).toContain('The team added an update');
      expect(track.body).toContain('Reopened');

      // FixMyStreet does not get its own update back; the reopening is its own doing too.
      const after = (
        await fms.getServiceRequestUpdates(w3c(start), w3c(new Date(Date.now() + 60_000)))
      ).filter((u) => u.service_request_id === id);
      expect(after.map((u) => u.status)).toEqual(['investigating', 'closed']);
      expect(fms.debug.every((line) => / 200$/.test(line))).toBe(true);
    });
  });
}

// The HSDS directory read from either store: the same published demo pack gives the same
// answers to a directory's place search on SQLite and PostgreSQL, each valid against the
// official schemas (hsds.test.ts covers the API in depth on SQLite).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hsdsId } from '../../src/server/features/hsds/hsds-ids.ts';
import { hsdsValidator } from '../helpers/hsds-schemas.ts';
import { startHubOn, type TestHub } from '../helpers/hub.ts';

const validator = hsdsValidator();

type Page = { total_items: number; contents: Record<string, unknown>[] };

const QUERIES = [
  '/hsds/service_at_locations?postcode=EB1%203GH&proximity=2000&per_page=1000',
  '/hsds/service_at_locations?lat=52.2389&long=-0.8951&proximity=200&per_page=1000',
  '/hsds/services?postcode=NM7%209QT&full=true&per_page=1000',
  `/hsds/services?organization_id=${hsdsId('organization', 'ashby-parish-council')}&postcode=EB1&per_page=10`,
];

const answers = new Map<string, Map<string, Page>>();

describe.each(['sqlite', 'postgres'] as const)('HSDS place search on %s', (dialect) => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startHubOn(dialect);
    await hub.publishDemoPack();
  });
  afterAll(() => hub?.close());

  it('answers postcode and proximity searches with valid objects', async () => {
    const mine = new Map<string, Page>();
    for (const url of QUERIES) {
      const res = await hub.app.inject({ method: 'GET', url });
      expect(res.statusCode, `${url}: ${res.body.slice(0, 200)}`).toBe(200);
      expect(res.headers['access-control-allow-origin']).toBe('*');
      const page = res.json<Page>();
      expect(validator.pageErrors(page)).toEqual([]);
      const schema = url.includes('service_at_locations')
        ? 'service_at_location.json'
        : 'service.json';
      for (const item of page.contents) expect(validator.errors(schema, item)).toEqual([]);
      mine.set(url, page);
    }
    expect(mine.get(QUERIES[0] ?? '')?.total_items).toBeGreaterThan(0);
    expect(mine.get(QUERIES[1] ?? '')?.total_items).toBeGreaterThan(0);
    // The parish's services are not offered to an Eastbury postcode.
    expect(mine.get(QUERIES[3] ?? '')?.total_items).toBe(0);
    answers.set(dialect, mine);
    const other = answers.get(dialect === 'sqlite' ? 'postgres' : 'sqlite');
    // Whichever store ran second compares: the same answers, in the same order.
    if (other) {
      for (const url of QUERIES) {
        expect(
          mine.get(url)?.contents.map((c) => c.id),
          url,
        ).toEqual(other.get(url)?.contents.map((c) => c.id));
      }
    }
  });
});

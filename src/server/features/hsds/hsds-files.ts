// An HSDS dataset on disk: one JSON file per object type, each an array of HSDS objects, plus a
// datapackage.json describing them. The export writes this layout and the import reads it.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HsdsDataset } from './hsds-types.ts';

export const HSDS_FILES: Record<keyof HsdsDataset, { file: string; schema: string }> = {
  organizations: { file: 'organizations.json', schema: 'organization.json' },
  services: { file: 'services.json', schema: 'service.json' },
  locations: { file: 'locations.json', schema: 'location.json' },
  service_at_locations: { file: 'service_at_locations.json', schema: 'service_at_location.json' },
  taxonomies: { file: 'taxonomies.json', schema: 'taxonomy.json' },
  taxonomy_terms: { file: 'taxonomy_terms.json', schema: 'taxonomy_term.json' },
};
const KEYS = Object.keys(HSDS_FILES) as (keyof HsdsDataset)[];

/** Where the official schemas live, for data package consumers who validate. */
const SCHEMA_BASE = 'https://raw.githubusercontent.com/openreferral/specification/3.0/schema/';

export function writeHsdsDir(
  dir: string,
  dataset: HsdsDataset,
  meta: { packVersion: number; publishedAt?: string | undefined },
): void {
  mkdirSync(dir, { recursive: true });
  for (const key of KEYS) {
    writeFileSync(join(dir, HSDS_FILES[key].file), `${JSON.stringify(dataset[key], null, 2)}\n`);
  }
  // A Frictionless Data Package (v2) descriptor, so generic open-data tools can list the files.
  const descriptor = {
    $schema: 'https://datapackage.org/profiles/2.0/datapackage.json',
    name: 'anydoor-hsds',
    title: 'AnyDoor public service directory (Open Referral HSDS 3.0)',
    version: String(meta.packVersion),
    ...(meta.publishedAt ? { created: meta.publishedAt } : {}),
    resources: KEYS.map((key) => ({
      name: key,
      path: HSDS_FILES[key].file,
      format: 'json',
      mediatype: 'application/json',
      description: `An array of HSDS 3.0 ${HSDS_FILES[key].schema.replace('.json', '')} objects.`,
      jsonSchema: `${SCHEMA_BASE}${HSDS_FILES[key].schema}`,
      count: dataset[key].length,
    })),
  };
  writeFileSync(join(dir, 'datapackage.json'), `${JSON.stringify(descriptor, null, 2)}\n`);
}

/** Raw HSDS objects by type; each file is optional except services.json. */
export type HsdsInput = Record<keyof HsdsDataset, unknown[]>;

export function readHsdsDir(dir: string): HsdsInput {
  if (!existsSync(join(dir, HSDS_FILES.services.file))) {
    throw new Error(`${dir} has no ${HSDS_FILES.services.file}`);
  }
  const input = {} as HsdsInput;
  for (const key of KEYS) {
    const path = join(dir, HSDS_FILES[key].file);
    if (!existsSync(path)) {
      input[key] = [];
      continue;
    }
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as unknown;
    if (!Array.isArray(parsed)) throw new Error(`${path} must hold a JSON array`);
    input[key] = parsed;
  }
  return input;
}

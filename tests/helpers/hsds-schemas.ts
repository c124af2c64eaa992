// Ajv over the official HSDS 3.0 schemas (src/server/features/hsds/schema), for tests that check what
// the /hsds API returns and what the HSDS export writes.
import { readdirSync, readFileSync } from 'node:fs';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const SCHEMA_DIR = new URL('../../src/server/features/hsds/schema/', import.meta.url);
/** The files' canonical home: their relative $refs ("phone.json") resolve against it. */
const BASE = 'https://raw.githubusercontent.com/openreferral/specification/3.0/schema/';

// Keywords the HSDS files carry for their Data Package/CSV form and documentation. They are
// annotations (they constrain nothing in JSON), so they are declared as such; strict mode stays
// on, so any other unknown keyword still fails loudly.
const ANNOTATION_KEYWORDS = [
  'name',
  'path',
  'datapackage_metadata',
  'datapackage_type',
  'constraints',
  'example',
  'core',
  'tabular_required',
];

export type HsdsSchemaFile =
  | 'organization.json'
  | 'service.json'
  | 'location.json'
  | 'service_at_location.json'
  | 'taxonomy.json'
  | 'taxonomy_term.json';

interface JsonSchemaFile {
  required?: string[];
  tabular_required?: string[];
}

export interface HsdsValidator {
  /** Every error of `value` against the named object schema, nested objects included. */
  errors(schema: HsdsSchemaFile, value: unknown): string[];
  /** The fields the schema requires only in its tabular (CSV) form, such as service.organization_id. */
  tabularRequired(schema: HsdsSchemaFile): string[];
  /** openapi.json's Page envelope and GET / response. */
  pageErrors(value: unknown): string[];
  rootErrors(value: unknown): string[];
}

export function hsdsValidator(): HsdsValidator {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  ajv.addVocabulary(ANNOTATION_KEYWORDS);
  const files = readdirSync(SCHEMA_DIR).filter((f) => f.endsWith('.json') && f !== 'openapi.json');
  const raw = new Map<string, JsonSchemaFile>();
  for (const file of files) {
    const schema = JSON.parse(readFileSync(new URL(file, SCHEMA_DIR), 'utf8')) as JsonSchemaFile;
    raw.set(file, schema);
    ajv.addSchema(schema, `${BASE}${file}`);
  }
  const openapi = JSON.parse(readFileSync(new URL('openapi.json', SCHEMA_DIR), 'utf8')) as {
    components: { schemas: { Page: object } };
    paths: Record<
      string,
      { get: { responses: Record<string, { content: Record<string, { schema: object }> }> } }
    >;
  };
  const page = ajv.compile(openapi.components.schemas.Page);
  const rootSchema = openapi.paths['/']?.get.responses['200']?.content['application/json']?.schema;
  if (!rootSchema) throw new Error('openapi.json has no GET / response schema');
  const root = ajv.compile(rootSchema);

  const compiled = new Map<string, ValidateFunction>();
  const describe = (validate: ValidateFunction) =>
    (validate.errors ?? []).map(
      (e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`,
    );
  return {
    errors(schema, value) {
      let validate = compiled.get(schema);
      if (!validate) {
        validate = ajv.getSchema(`${BASE}${schema}`);
        if (!validate) throw new Error(`no schema ${schema}`);
        compiled.set(schema, validate);
      }
      return validate(value) ? [] : describe(validate);
    },
    tabularRequired: (schema) => raw.get(schema)?.tabular_required ?? [],
    pageErrors: (value) => (page(value) ? [] : describe(page)),
    rootErrors: (value) => (root(value) ? [] : describe(root)),
  };
}

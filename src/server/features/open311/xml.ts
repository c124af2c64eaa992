// The XML form of Open311 GeoReport v2 answers: the JSON answer with each array wrapped in its
// plural element and each item in the singular (services/service, attributes/attribute, …), as
// the spec's examples show. Schemaless and without a namespace, as the spec recommends.

/** Element names for the items of each array field. */
const ITEM_TAGS: Record<string, string> = {
  services: 'service',
  service_requests: 'request',
  attributes: 'attribute',
  values: 'value',
  endpoints: 'endpoint',
  formats: 'format',
  errors: 'error',
  // mySociety's servicerequestupdates extension, as FixMyStreet reads it.
  service_request_updates: 'request_update',
  jurisdictions: 'jurisdiction',
};

// XML 1.0 forbids these characters even escaped; free text could contain them.
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function element(tag: string, value: unknown, indent: string): string {
  if (value === undefined) return '';
  if (value === null || value === '') return `${indent}<${tag}/>\n`;
  if (Array.isArray(value)) {
    const itemTag = ITEM_TAGS[tag] ?? 'item';
    const items = value.map((v) => element(itemTag, v, `${indent}  `)).join('');
    return items ? `${indent}<${tag}>\n${items}${indent}</${tag}>\n` : `${indent}<${tag}/>\n`;
  }
  if (typeof value === 'object') {
    const children = Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => element(k, v, `${indent}  `))
      .join('');
    return `${indent}<${tag}>\n${children}${indent}</${tag}>\n`;
  }
  return `${indent}<${tag}>${escapeXml(String(value as string | number | boolean))}</${tag}>\n`;
}

/** A whole document: `root` holds an array (wrapped item by item) or an object's fields. */
export function toXml(root: string, value: unknown): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${element(root, value, '')}`;
}

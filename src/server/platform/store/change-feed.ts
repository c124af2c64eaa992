import type { Change } from '../../../shared/sync/protocol.ts';

export function rowToChange(row: {
  entity: string;
  entity_id: string;
  op: 'upsert' | 'delete';
  data: string;
}): Change {
  return { entity: row.entity, id: row.entity_id, op: row.op, data: JSON.parse(row.data) };
}

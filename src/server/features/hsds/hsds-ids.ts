// HSDS requires UUID ids, while pack records have readable slugs. UUIDv5 maps each slug to the
// same UUID on every run and every hub, so an HSDS consumer can follow a record across
// exports and pack versions without AnyDoor storing a second id.
import { v5 } from 'uuid';

/** AnyDoor's own UUIDv5 namespace. Never change it: every published HSDS id depends on it. */
export const ANYDOOR_HSDS_NAMESPACE = 'fc7adb7f-1e4f-4a6f-a0b3-447427117042';

/** The HSDS id of `kind/key`, e.g. hsdsId('service', 'missed-bin'). */
export function hsdsId(kind: string, key: string): string {
  return v5(`${kind}/${key}`, ANYDOOR_HSDS_NAMESPACE);
}

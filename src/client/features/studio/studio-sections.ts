// The studio's sections: where the franchisor (every partner) and a partner manager (their own
// partner) run the network from the product. Each section is shown to a role that may use it;
// the hub checks every action again, whatever the screen showed.
import type { Action } from '../../../shared/staff.ts';

export interface StudioSection {
  /** i18n key under studio.sections. */
  id: 'devices' | 'people' | 'places' | 'pack' | 'keys' | 'log';
  path: string;
  action: Action;
}

export const STUDIO_SECTIONS: readonly StudioSection[] = [
  { id: 'devices', path: '/studio/devices', action: 'devices.manage' },
  { id: 'people', path: '/studio/people', action: 'staff.manage' },
  { id: 'places', path: '/studio/places', action: 'places.manage' },
  { id: 'pack', path: '/studio/pack', action: 'pack.author' },
  { id: 'keys', path: '/studio/keys', action: 'keys.manage' },
  { id: 'log', path: '/studio/log', action: 'admin-log.view' },
];

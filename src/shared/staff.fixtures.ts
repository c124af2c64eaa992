// Test data shared by the tests of staff secrets (here) and of the device's staff session
// (client): the franchisor's administrator, who must use a passphrase rather than a PIN.
import type { StaffMember } from './staff.ts';

/** Alex Morgan, franchisor administrator, with no verifier on this device yet. */
export const franchisorAdmin: StaffMember = {
  id: 'alex-morgan',
  name: 'Alex Morgan',
  role: 'franchisor-admin',
  partnerId: null,
  teamIds: [],
  accessPointIds: ['central-library'],
  pin: null,
};

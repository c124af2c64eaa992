/** The identifying fields of a customer record, in the order the customer pages show them. */
export const IDENTITY_FIELDS = ['name', 'dateOfBirth', 'postcode', 'phone', 'email'] as const;
export type IdentityField = (typeof IDENTITY_FIELDS)[number];

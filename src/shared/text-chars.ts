// Characters no free text may hold, shared by plain text (text.ts) and rich text (rich-text.ts).
// Kept free of zod so the rich-text widget does not pull it into the first load.

// Tab, line feed and carriage return are ordinary in a note; every other C0/C1 control is not.
// eslint-disable-next-line no-control-regex
export const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
/** Half of a UTF-16 surrogate pair: neither SQLite nor PostgreSQL can store it as it is. */
export const LONE_SURROGATE =
  /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

// Zod compiles object parsers with `new Function` unless told not to. This app's CSP allows no
// eval, so that is refused, and even zod's probe for it is reported as a CSP violation. Zod takes
// its settings from this global when it first loads (after the first screen), so setting it here,
// before any schema exists, keeps zod on its eval-free path without loading zod now.
const scope = globalThis as { __zod_globalConfig?: { jitless?: boolean } };
scope.__zod_globalConfig = { ...scope.__zod_globalConfig, jitless: true };

export {};

// `server-only` throws when imported outside a React Server Component bundle; under vitest
// there is no such bundle, so lib/server modules import this empty stand-in instead.
export {};

// The one API contract between the cockpit core and any UI.
// Every command (request -> response) and every event (core -> UI) is declared here with a zod schema.
// Both transports (Electron IPC, the headless web bridge) validate incoming messages against it, and the
// renderer's `window.cockpit` is typed from it. The renderer may only `import type` from this module.
//
// The contract is cut by domain; this index re-exports every part, so `../api/contract` stays the one import.
export * from './plan';
export * from './environment';
export * from './team';
export * from './operations';
export * from './journal';
export * from './shared';
// The DMS track's views, declared in its folder (a track contract module, like its contract.ts).
export * from '../../tracks/dms/contract-views';
export * from './readiness';
export * from './cutover';
export * from './track';
export * from './commands';
export * from './events';

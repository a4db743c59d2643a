// common/ — command names: every command of the API contract, by name, without its schemas. The transports build
// their method tables from this list (electron/preload.ts, renderer/src/transport/web-cockpit.ts), so neither
// bundles zod nor keeps a hand-written copy. main/api/contract/commands.ts checks it equals the contract's table,
// both ways, at compile time. The tracks' names are listed per track (common/tracks/index.ts). Environment-neutral values only (no zod, no node:, no DOM, no packages).
import { TRACK_COMMAND_NAMES } from './tracks/index';

export const ALL_COMMAND_NAMES = [
  'core.info',
  'environment.get',
  'team.get',
  'team.requestControl',
  'team.handOver',
  'team.release',
  'plan.get',
  'plan.open',
  'plan.reload',
  'plan.choose',
  'toolchain.info',
  'stack.operate',
  'stack.cancel',
  'wave.deploy',
  'wave.rollback',
  'wave.cancel',
  'waves.list',
  'stack.history',
  'recovery.scan',
  'operations.list',
  'operation.log',
  'journal.list',
  ...TRACK_COMMAND_NAMES,
  'cutover.readiness',
  'cutover.state',
  'cutover.start',
  'cutover.pause',
  'cutover.resume',
  'cutover.retry',
  'cutover.abort',
  'cutover.confirmStep',
  'cutover.rollback',
  'cutover.finalize',
  'evidence.export',
] as const;
export type AnyCommandName = (typeof ALL_COMMAND_NAMES)[number];

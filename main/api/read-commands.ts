// Which commands only read: the war room (a LAN viewer's page) may run these and nothing else, and team mode lets
// anyone on the plan run them, whatever their role. Everything not listed here acts (changes the estate, the plan
// loaded, the journal, a file or a monitor's work) and is refused where only reading is allowed.
import type { AnyCommandName } from '../../common/commands';

/** The core's reads. A new command is acting until it is added here (read-commands.test.ts lists both sides). */
export const CORE_READ_COMMANDS: ReadonlySet<AnyCommandName> = new Set<AnyCommandName>([
  'core.info',
  'environment.get',
  'team.get',
  'plan.get',
  'toolchain.info',
  'waves.list',
  'stack.history',
  'recovery.scan',
  'operations.list',
  'operation.log',
  'journal.list',
  'cutover.readiness',
  'cutover.state',
]);

/**
 * The tracks' reads: their views' own commands (a snapshot, a series, the resources, which task a view shows, whose
 * log a view follows).
 */
export const TRACK_READ_COMMAND = /^[a-z]+\.(snapshot|series|resources|focus|logs\.follow)$/;

export function isReadCommand(name: string): boolean {
  return (CORE_READ_COMMANDS as ReadonlySet<string>).has(name) || TRACK_READ_COMMAND.test(name);
}

/** The core's reads the war room leaves to the cockpit (isWarRoomCommand says what it may run). */
const COCKPIT_ONLY_READS: ReadonlySet<string> = new Set<AnyCommandName>(['stack.history', 'operation.log']);
const WALL_TRACK_READ = /^[a-z]+\.(snapshot|series)$/;

/**
 * What the war room (a wall screen and people's laptops on the network) may run: the reads its page makes, no more.
 * Reads that cost (a stack's history runs the Pulumi CLI, a resources refresh calls AWS) or that steer the cockpit's
 * own monitors (a view's focus, a followed log) stay the cockpit's.
 */
export function isWarRoomCommand(name: string): boolean {
  return ((CORE_READ_COMMANDS as ReadonlySet<string>).has(name) && !COCKPIT_ONLY_READS.has(name)) || WALL_TRACK_READ.test(name);
}

// common/ — every track's command names, one line per track (the transports build their tables from them, through
// common/commands.ts).
import { DMS_ACTION_TYPES, DMS_COMMAND_NAMES } from './dms';
import { HEALTH_COMMAND_NAMES } from './health';
import { KEYSPACES_ACTION_TYPES, KEYSPACES_COMMAND_NAMES } from './keyspaces';
import { SCHEDULES_ACTION_TYPES, SCHEDULES_COMMAND_NAMES } from './schedules';
import { TRAFFIC_ACTION_TYPES, TRAFFIC_COMMAND_NAMES } from './traffic';

export const TRACK_COMMAND_NAMES = [
  ...DMS_COMMAND_NAMES,
  ...HEALTH_COMMAND_NAMES,
  ...KEYSPACES_COMMAND_NAMES,
  ...SCHEDULES_COMMAND_NAMES,
  ...TRAFFIC_COMMAND_NAMES,
] as const;

/** Every track's runbook action types: a run's step view names its type among these (or the core's, or manual). */
export const TRACK_ACTION_TYPES = [...DMS_ACTION_TYPES, ...KEYSPACES_ACTION_TYPES, ...SCHEDULES_ACTION_TYPES, ...TRAFFIC_ACTION_TYPES] as const;

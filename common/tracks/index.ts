// common/ — every track's command names, one line per track (the transports build their tables from them, through
// common/commands.ts).
import { DMS_COMMAND_NAMES } from './dms';
import { HEALTH_COMMAND_NAMES } from './health';

export const TRACK_COMMAND_NAMES = [...DMS_COMMAND_NAMES, ...HEALTH_COMMAND_NAMES] as const;

// The contracts of the tracks the cockpit runs, one line per track: the API contract composes their commands into
// its one table (main/api/contract/commands.ts). Only `*/contract.ts` modules are listed here, so the contract
// never reaches a track's runtime code.
import { dmsContract } from './dms/contract';
import { healthContract } from './health/contract';
import { keyspacesContract } from './keyspaces/contract';
import { schedulesContract } from './schedules/contract';
import { trafficContract } from './traffic/contract';

export const TRACK_CONTRACTS = [dmsContract, healthContract, keyspacesContract, schedulesContract, trafficContract] as const;

import { describe, expect, it } from 'vitest';
import { ALL_COMMAND_NAMES } from '../../common/commands';
import { isReadCommand, isWarRoomCommand } from './read-commands';

describe('read commands', () => {
  it('classifies every command of the contract: a new one must be placed on one side on purpose', () => {
    const acting = ALL_COMMAND_NAMES.filter((name) => !isReadCommand(name));
    expect(acting).toEqual([
      'team.requestControl',
      'team.handOver',
      'team.release',
      'team.requestApproval',
      'team.decide',
      'plan.open',
      'plan.reload',
      'plan.choose',
      'stack.operate',
      'stack.cancel',
      'wave.deploy',
      'wave.rollback',
      'wave.cancel',
      'dms.control',
      'dms.alerts.ack',
      'dms.testConnection',
      'keyspaces.validate',
      'keyspaces.validation.cancel',
      'keyspaces.bulk-load.start',
      'schedules.test-invoke',
      'schedules.alerts.ack',
      'traffic.pause',
      'traffic.resume',
      'traffic.promote',
      'traffic.abort',
      'cutover.start',
      'cutover.pause',
      'cutover.resume',
      'cutover.retry',
      'cutover.abort',
      'cutover.confirmStep',
      'cutover.rollback',
      'cutover.finalize',
      'evidence.export',
    ]);
  });

  it('never takes a look-alike for a read', () => {
    for (const name of ['dms.snapshot.x', 'x.dms.snapshot', 'DMS.snapshot', 'dms.snapshots', 'core.info ', '', 'cutover.state.start']) {
      expect(isReadCommand(name), name).toBe(false);
    }
    expect(isReadCommand('traffic.snapshot')).toBe(true);
  });

  it('lets the war room run a subset of the reads: none that costs or steers the cockpit', () => {
    const wall = ALL_COMMAND_NAMES.filter((name) => isWarRoomCommand(name));
    for (const name of wall) expect(isReadCommand(name), name).toBe(true);
    expect(ALL_COMMAND_NAMES.filter((name) => isReadCommand(name) && !isWarRoomCommand(name))).toEqual([
      'stack.history',
      'operation.log',
      'dms.focus',
      'dms.resources',
      'dms.logs.follow',
    ]);
  });
});

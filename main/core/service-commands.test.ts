import { describe, expect, it, vi } from 'vitest';
import type { WavePhase } from '../../common/states';
import { serviceCommands, type CoreServices } from './service-commands';

// The commands decide refusals before anything starts; a fake core shows what reaches the services.
function commandsWith(phase: WavePhase) {
  const operateWave = vi.fn(() => ({ operationId: 'op-1' }));
  const operate = vi.fn(() => ({ operationId: 'op-2' }));
  const services = {
    stacks: { operateWave, operate },
    readiness: { current: (waveId: string) => (waveId === 'wave-1' ? { phase } : undefined) },
    plan: () => ({ stacks: new Map([['app-1', { waveId: 'wave-1' }]]) }),
  } as unknown as CoreServices;
  return { commands: serviceCommands(services), operateWave, operate };
}

describe('wave and stack deploys and the cutover phase', () => {
  it('refuses wave.deploy and a stack up while the wave cuts over, before any Pulumi operation starts', async () => {
    const { commands, operateWave, operate } = commandsWith('cutover-in-progress');
    await expect(commands['wave.deploy']({ waveId: 'wave-1' })).rejects.toThrow(
      "wave 'wave-1' is cutover in progress: its stacks are left alone until the run or its rollback ends",
    );
    await expect(commands['stack.operate']({ stackId: 'app-1', kind: 'up' })).rejects.toThrow(/is cutover in progress/);
    expect(operateWave).not.toHaveBeenCalled();
    expect(operate).not.toHaveBeenCalled();
  });

  it('deploys a cut-over, finalized or rolled-back wave (the cutover config goes with every deploy of its stacks)', async () => {
    for (const phase of ['cut-over', 'finalized', 'rolled-back'] as const) {
      const { commands, operateWave } = commandsWith(phase);
      await commands['wave.deploy']({ waveId: 'wave-1' });
      expect(operateWave).toHaveBeenCalledWith('wave-1', 'wave-deploy');
    }
  });
});

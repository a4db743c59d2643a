// Wave operations end to end with the real Pulumi CLI and the embedded rehearsal registry: a wave whose
// dependency is not deployed is refused, a wave deploys (both stacks registered) and rolls back.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from './fixtures';

const WAVE_TIMEOUT = 90_000;
const A1 = 'platform-production/wave-a-one';
const A2 = 'platform-production/wave-a-two';
const B1 = 'platform-production/wave-b-one';

function appStack(name: string, description: string): string {
  return `  - name: ${name}
    project: platform-production
    description: ${description}
    config:
      instanceType: t3.small
      owner: it-ops
      sourceDatabaseHost: ${name}-db.dc2.example.internal
    registries: [cmdb]
`;
}

// The registry and project definitions are the demo plan's (examples/demo/migration.yaml).
const PLAN = `version: 1
name: Wave rehearsal
environment:
  aws:
    region: eu-central-1
    endpoint: rehearsal
  pulumi:
    secretsProvider: passphrase
    passphraseEnv: MIGRATION_PULUMI_PASSPHRASE

registries:
  - id: cmdb
    name: Metadata service (CMDB)
    baseUrl: rehearsal
    auth:
      type: bearer
      tokenEnv: CMDB_TOKEN
    register:
      method: POST
      path: /api/v1/instances
      body:
        name: "{{stack.name}}"
        project: "{{stack.project}}"
        owner: "{{stack.config.owner}}"
        wave: "{{wave.id}}"
        description: "{{stack.description}}"
      idPointer: /id
    lookup:
      method: GET
      path: /api/v1/instances?name={{stack.name}}&project={{stack.project}}
      idPointer: /items/0/id
    deregister:
      method: DELETE
      path: /api/v1/instances/{{registration.id}}

projects:
  - name: platform-production
    organizationalUnit: Workloads/Production
    description: Application instances moved from DC2, one stack each.
    program: app-instance

stacks:
${appStack('wave-a-one', 'First stack of wave A')}${appStack('wave-a-two', 'Second stack of wave A')}${appStack('wave-b-one', 'The stack of wave B')}
waves:
  - id: wave-a
    name: Wave A
    stacks: [wave-a-one, wave-a-two]
    maxParallel: 2
  - id: wave-b
    name: Wave B
    dependsOn: [wave-a]
    stacks: [wave-b-one]
    maxParallel: 1
`;

test.describe('wave operations', () => {
  test('refuses a wave whose dependency is not deployed, deploys a wave and rolls it back', async ({ openCockpit, workDir }) => {
    test.setTimeout(4 * WAVE_TIMEOUT);
    const planFile = path.join(workDir, 'waves.yaml');
    await writeFile(planFile, PLAN, 'utf8');
    const cockpit = await openCockpit(planFile);
    expect(await cockpit.waveIds()).toEqual(['wave-a', 'wave-b']);
    await expect(cockpit.stackCard(A1)).toHaveAttribute('data-state', 'planned');
    await expect(cockpit.waveButton('wave-a', 'Cancel wave')).toBeDisabled();

    // Wave B first: its dependency wave A is not deployed. The core's refusal is known before any dialog opens: the
    // button is disabled and the wave says why. Nothing is deployed, so there is nothing to roll back either.
    await expect(cockpit.waveButton('wave-b', 'Deploy wave')).toBeDisabled();
    await expect(cockpit.wave('wave-b').getByTestId('wave-deploy-refusal')).toContainText(
      "wave 'wave-b' depends on wave-a, whose stacks are not all deployed yet: platform-production/wave-a-one, platform-production/wave-a-two",
    );
    await expect(cockpit.waveButton('wave-a', 'Undo wave deploy…')).toBeDisabled();
    await expect(cockpit.waveOperation('wave-b')).toHaveCount(0);
    await expect(cockpit.stackCard(B1)).toHaveAttribute('data-state', 'planned');

    // Wave A deploys both stacks; they end registered in the CMDB.
    const deploy = await cockpit.operateWave('wave-a', 'deploy', { confirm: false });
    await expect(deploy).toContainText('Deploy wave Wave A: 2 stacks, at most 2 at once; stops starting stacks at the first failure');
    await deploy.getByRole('button', { name: 'Deploy wave', exact: true }).click();
    await expect(deploy).toBeHidden();
    await cockpit.waitForWaveOperation('wave-a', 'wave-deploy', 'succeeded', WAVE_TIMEOUT);
    for (const stackId of [A1, A2]) {
      await expect(cockpit.waveStackStatus('wave-a', stackId)).toHaveAttribute('data-status', 'succeeded');
      await expect(cockpit.stackCard(stackId)).toHaveAttribute('data-state', 'registered');
      await expect(cockpit.registrationBadge(stackId, 'cmdb')).toHaveAttribute('data-registered', 'yes');
    }
    await expect(cockpit.waveButton('wave-a', 'Cancel wave')).toBeDisabled();
    await expect(cockpit.waveButton('wave-b', 'Deploy wave')).toBeEnabled();
    await expect(cockpit.wave('wave-b').getByTestId('wave-deploy-refusal')).toHaveCount(0);

    // Undoing wave A's deploy destroys both stacks (they had no earlier update) and deregisters them. The dialog says
    // it can lose data and wants the wave's id typed.
    const rollback = await cockpit.operateWave('wave-a', 'rollback', { confirm: false });
    await expect(rollback).toContainText('Returns each of the 2 stacks of Wave A to its previous successful Pulumi update, in reverse order');
    await expect(rollback.getByTestId('wave-undo-loss')).toContainText('Data can be lost');
    await expect(rollback.getByRole('button', { name: 'Undo wave deploy', exact: true })).toBeDisabled();
    await rollback.getByLabel('Type the wave id to confirm').fill('wave-a');
    await rollback.getByRole('button', { name: 'Undo wave deploy', exact: true }).click();
    await expect(rollback).toBeHidden();
    await cockpit.waitForWaveOperation('wave-a', 'wave-rollback', 'succeeded', WAVE_TIMEOUT);
    for (const stackId of [A1, A2]) {
      await expect(cockpit.waveStackStatus('wave-a', stackId)).toHaveAttribute('data-status', 'succeeded');
      // They had no earlier deploy: the rollback destroyed them, so they are planned again, not "rolled back".
      await expect(cockpit.stackCard(stackId)).toHaveAttribute('data-state', 'planned');
      await expect(cockpit.registrationBadge(stackId, 'cmdb')).toHaveAttribute('data-registered', 'no');
    }
    await expect(cockpit.page.getByTestId('recovery-panel')).toHaveCount(0);
    await expect(cockpit.waveButton('wave-b', 'Deploy wave')).toBeDisabled();
  });
});

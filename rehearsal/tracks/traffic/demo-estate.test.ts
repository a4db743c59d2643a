import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_PLAN } from '../../demo-plan';
import { trafficZonesOfPlan } from './demo-estate';

describe("a plan's hosted zones for the rehearsal", () => {
  it("gives the demo plan's zone its id, its service's parent domain and its stack's account", async () => {
    expect(await trafficZonesOfPlan(DEMO_PLAN)).toEqual([{ id: 'Z07SHOPDC2EXIT', name: 'shop.dc2-exit.example.com', accountId: '222222222222' }]);
  });

  it('names a zone two services share by the parent domain they have in common; a plan that does not load has none', async () => {
    const folder = await mkdtemp(path.join(os.tmpdir(), 'mc-zones-'));
    try {
      const service = (name: string, host: string) => `
  - name: ${name}
    project: apps
    traffic:
      service: ${host}
      route53: { zoneId: Z0SHARED }
      dataCenter: { addresses: [172.20.1.1] }
      aws: { ec2: {} }`;
      const plan = `version: 1
name: zones
environment:
  aws: { region: eu-central-1, endpoint: rehearsal }
projects:
  - { name: apps, program: app-instance }
stacks:${service('a', 'www.shop.example.com')}${service('b', 'api.eu.shop.example.com')}
waves:
  - { id: w1, name: Shop, stacks: [a, b] }
`;
      await writeFile(path.join(folder, 'plan.yaml'), plan);
      expect(await trafficZonesOfPlan(path.join(folder, 'plan.yaml'))).toEqual([{ id: 'Z0SHARED', name: 'shop.example.com' }]);
      await writeFile(path.join(folder, 'broken.yaml'), 'version: 1\nstacks: [');
      expect(await trafficZonesOfPlan(path.join(folder, 'broken.yaml'))).toEqual([]);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});

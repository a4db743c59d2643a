// The config the core writes for a demo app-instance stack on the AWS target (main/pulumi/workspace.ts
// stackConfig, examples/demo/migration.yaml's app11xx), for tests of app-instance/aws.ts.
export function demoAppInstanceConfig(stack: string, password: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    'cockpit:target': 'aws',
    'cockpit:stackId': `platform-production/${stack}`,
    'aws:region': 'eu-central-1',
    'platform-production:instanceType': 't3.large',
    'platform-production:owner': 'it-ops',
    'platform-production:sourceDatabaseHost': `${stack}-db.dc2.example.internal`,
    'platform-production:dbPassword': password,
    ...Object.fromEntries(Object.entries(extra).map(([key, value]) => [`platform-production:${key}`, value])),
  };
}

import { describe, expect, it } from 'vitest';
import { expectErrorAt, issuesOf, parsePlan, positionOf, replaceOnce, SMALL_PLAN, TEST_FILE } from './plan-testing';
import { isSecretLikeKey, keyWords, plainSecretProblem, secretInValue } from './secret-words';

describe('secret-like config keys', () => {
  it('splits keys into words in every common spelling', () => {
    expect(keyWords('dbPassword')).toEqual(['db', 'password']);
    expect(keyWords('DB_PASSWORD')).toEqual(['db', 'password']);
    expect(keyWords('APIKey')).toEqual(['api', 'key']);
    expect(keyWords('client-secret.value')).toEqual(['client', 'secret', 'value']);
    expect(keyWords('aws:secretKey2')).toEqual(['aws', 'secret', 'key']);
  });

  it.each([
    'password',
    'dbPassword',
    'adminPassword',
    'DB_PASSWORD',
    'passwd',
    'pwd',
    'dbPwd',
    'dbPWD',
    'pass',
    'adminPass',
    'passphrase',
    'secret',
    'client_secret',
    'clientSecret',
    'secrets',
    'secretKey',
    'aws:secretKey',
    'secret-key',
    'token',
    'authToken',
    'auth_token',
    'apiToken',
    'apikey',
    'apiKey',
    'api_key',
    'APIKey',
    'apiKeys',
    'privateKey',
    'private-key',
    'accessKey',
    'credentials',
    'credential',
    'creds',
    'dbCreds',
    'sshKey',
    'encryptionKey',
    'adminPasswordPlain',
    'password2',
  ])('%s names a secret', (key) => {
    expect(isSecretLikeKey(key)).toBe(true);
  });

  it.each([
    'passthrough',
    'compass',
    'bypass',
    'passengerCount',
    'tokenizer',
    'maxTokens',
    'tokenUrl',
    'passwordPolicy',
    'secretName',
    'secretArn',
    'accessKeyId',
    'partitionKey',
    'kmsKey',
    'primaryKey',
    'owner',
    'instanceType',
    'keyspace',
    'passwordMinLength',
    'credentialProvider',
    'trafficTarget',
    'sourceDatabaseHost',
  ])('%s does not', (key) => {
    expect(isSecretLikeKey(key)).toBe(false);
  });
});

describe('secret-like values', () => {
  it.each([
    ['mysql://admin:hunter2@db.example.internal:3306/app', 'credentials in a URL'],
    ['https://:token123@registry.example', 'credentials in a URL'],
    ['AKIAIOSFODNN7EXAMPLE', 'key material'],
    ['-----BEGIN RSA PRIVATE KEY-----\nMIIE...', 'key material'],
  ])('%s carries a secret', (value, kind) => {
    expect(secretInValue(value)).toBe(kind);
  });

  it.each([
    'https://app1.example.internal:8443/health',
    'mysql://db.example.internal/app',
    'user@example.com',
    'mailto:ops@example.com',
    'https://user@host.example/',
  ])('%s does not', (value) => {
    expect(secretInValue(value)).toBeUndefined();
  });

  it('says why a plain pair is a secret', () => {
    expect(plainSecretProblem('sourceDb', 'postgres://app:pw@db/app')).toBe('carries a password in its URL (user:password@host)');
    expect(plainSecretProblem('dbPwd', 'x')).toBe('looks like a secret written in plain text');
    expect(plainSecretProblem('owner', 'team-a')).toBeUndefined();
  });
});

describe('plain-text secrets in a plan', () => {
  it('finds an abbreviated key in a stack config', () => {
    const text = replaceOnce(SMALL_PLAN, 'owner: team-b', 'owner: team-b\n      dbPwd: hunter2');
    expectErrorAt(
      text,
      parsePlan(TEST_FILE, text),
      /^config 'dbPwd' looks like a secret written in plain text; write \{ secretEnv: ENV_VAR_NAME \}/,
      'hunter2',
    );
  });

  it('finds credentials in a URL value, whatever the key', () => {
    const text = replaceOnce(SMALL_PLAN, 'owner: team-b', 'owner: team-b\n      sourceDatabase: mysql://admin:hunter2@db.dc2.example.internal/app');
    expectErrorAt(
      text,
      parsePlan(TEST_FILE, text),
      /^config 'sourceDatabase' carries a password in its URL \(user:password@host\); write \{ secretEnv/,
      'mysql://admin',
    );
  });

  it('finds a secret in the cutover config', () => {
    const text = replaceOnce(SMALL_PLAN, 'config: { trafficTarget: aws }', 'config: { trafficTarget: aws, adminPass: hunter2 }');
    expectErrorAt(text, parsePlan(TEST_FILE, text), /^cutover config 'adminPass' looks like a secret written in plain text/, 'hunter2');
  });

  it('finds a secret written into a registry request body', () => {
    const text = replaceOnce(SMALL_PLAN, '        name: "{{stack.name}}"\n', '        name: "{{stack.name}}"\n        apiKey: abc123\n');
    expectErrorAt(
      text,
      parsePlan(TEST_FILE, text),
      /^registry 'cmdb' sends 'apiKey' in its register request, and its value looks like a secret written in plain text; the plan holds no secrets/,
      'abc123',
    );
  });

  it('does not flag keys that only contain a secret word', () => {
    const text = replaceOnce(SMALL_PLAN, 'owner: team-b', 'owner: team-b\n      passthrough: "on"\n      compass: north\n      bypass: cache');
    expect(parsePlan(TEST_FILE, text).ok).toBe(true);
  });
});

describe('secrets sent to a registry', () => {
  it('is reported once at the template that sends it, naming every stack for which the key is a secret', () => {
    const text = replaceOnce(SMALL_PLAN, 'owner: team-a', 'owner: { secretEnv: APP1_OWNER }').replace('owner: team-b', 'owner: { secretEnv: APP2_OWNER }');
    const sent = issuesOf(parsePlan(TEST_FILE, text)).filter((issue) => /secrets are never sent to registries/.test(issue.message));
    // Sent in the register path and in its body: one finding at each, none at the stacks.
    expect(sent).toEqual([
      expect.objectContaining({ path: 'registries[0] (id: cmdb).register.path', ...positionOf(text, '/instances/{{stack.config.owner}}') }),
      expect.objectContaining({ path: 'registries[0] (id: cmdb).register.body.owner', ...positionOf(text, '"{{stack.config.owner}}"') }),
    ]);
    expect(sent[1]?.message).toBe(
      "registry 'cmdb' sends {{stack.config.owner}} in its register request, but config 'owner' is a secret of stacks 'apps/app1' and 'apps/app2'; secrets are never sent to registries",
    );
  });
});

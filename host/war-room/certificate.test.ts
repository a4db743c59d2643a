import { X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSelfSignedCertificate, loadOrCreateCertificate, namesOf } from './certificate';

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), 'mc-cert-'));
});
afterEach(async () => rm(folder, { recursive: true, force: true }));

const NAMES = { dns: ['localhost', 'ops-laptop'], ips: ['127.0.0.1', '10.20.30.40', '::1'] };

describe('war-room certificate', () => {
  it('is a self-signed X.509 v3 server certificate naming every address, valid 90 days, signed by its key', () => {
    const now = new Date('2026-12-05T01:00:00Z');
    const made = createSelfSignedCertificate(NAMES, now);
    const certificate = new X509Certificate(made.certPem);
    expect(certificate.verify(certificate.publicKey)).toBe(true);
    expect(certificate.subject).toBe('CN=Migration Cockpit war room');
    expect(certificate.issuer).toBe(certificate.subject);
    expect(certificate.ca).toBe(false);
    expect(certificate.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1']);
    expect(certificate.publicKey.asymmetricKeyDetails).toEqual({ namedCurve: 'prime256v1' });
    expect(new Date(certificate.validFrom).toISOString()).toBe('2026-12-05T00:59:00.000Z');
    expect(new Date(certificate.validTo).toISOString()).toBe('2027-03-05T01:00:00.000Z');
    expect(namesOf(certificate)).toEqual({ dns: ['localhost', 'ops-laptop'], ips: ['127.0.0.1', '10.20.30.40', '0:0:0:0:0:0:0:1'] });
    for (const host of ['localhost', 'OPS-LAPTOP']) expect(certificate.checkHost(host)).toBe(host.toLowerCase());
    expect(certificate.checkIP('10.20.30.40')).toBe('10.20.30.40');
    expect(certificate.checkIP('10.20.30.41')).toBeUndefined();
    expect(certificate.checkHost('other')).toBeUndefined();
  });

  it('is kept across starts (same fingerprint), its key readable by this user only', async () => {
    const first = await loadOrCreateCertificate(folder, NAMES);
    expect(first.made).toBe('none was made before');
    const again = await loadOrCreateCertificate(folder, { dns: [...NAMES.dns].reverse(), ips: ['::1', '127.0.0.1', '10.20.30.40'] });
    expect(again.made).toBeUndefined();
    expect(again.fingerprint).toBe(first.fingerprint);
    expect((await stat(path.join(folder, 'war-room-key.pem'))).mode & 0o777).toBe(0o600);
    expect(first.fingerprint).toBe(new X509Certificate(await readFile(path.join(folder, 'war-room-cert.pem'))).fingerprint256);
  });

  it('is made again when the names change, it nears its end, or the files are damaged or do not match', async () => {
    const first = await loadOrCreateCertificate(folder, NAMES);
    const renamed = await loadOrCreateCertificate(folder, { ...NAMES, ips: ['127.0.0.1'] });
    expect(renamed.made).toBe('the names this machine is reached by changed');
    expect(renamed.fingerprint).not.toBe(first.fingerprint);
    const late = await loadOrCreateCertificate(folder, { ...NAMES, ips: ['127.0.0.1'] }, new Date(Date.now() + 80 * 86_400_000));
    expect(late.made).toMatch(/^the kept one ends /);
    await writeFile(path.join(folder, 'war-room-key.pem'), createSelfSignedCertificate(NAMES).keyPem);
    expect((await loadOrCreateCertificate(folder, { ...NAMES, ips: ['127.0.0.1'] })).made).toBe('the kept key does not match the kept certificate');
    await writeFile(path.join(folder, 'war-room-cert.pem'), 'garbage');
    expect((await loadOrCreateCertificate(folder, NAMES)).made).toMatch(/^the kept one cannot be read \(/);
  });
});

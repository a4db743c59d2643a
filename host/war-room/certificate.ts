// The war room's TLS certificate: self-signed (ECDSA P-256, SHA-256), naming every address and name the war room
// is reached by, kept in the data folder so its fingerprint stays the same across restarts (people compare it once,
// their browsers remember the exception). A new one is made when the names change, it nears its end, or the files
// do not match.
import { createPrivateKey, generateKeyPairSync, randomBytes, sign, X509Certificate, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ensurePrivateDir, writePrivateFileAtomically } from '../../main/secrets/private-files';
import { bitString, booleanTrue, explicit, ipAddressBytes, objectIdentifier, octetString, sequence, set, time, tlv, unsignedInteger, utf8String } from './der';

const VALID_DAYS = 90;
/** A certificate with fewer days left is replaced at the next start, never during a cutover night. */
const RENEW_DAYS_BEFORE = 14;
const DAY_MS = 86_400_000;

const OID = {
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  commonName: '2.5.4.3',
  subjectAltName: '2.5.29.17',
  keyUsage: '2.5.29.15',
  extKeyUsage: '2.5.29.37',
  basicConstraints: '2.5.29.19',
  serverAuth: '1.3.6.1.5.5.7.3.1',
};

export interface CertificateNames {
  /** Host names (DNS names), e.g. the machine's name and localhost. */
  readonly dns: readonly string[];
  /** IP addresses (v4 or v6, no zone). */
  readonly ips: readonly string[];
}

export interface WarRoomCertificate {
  readonly keyPem: string;
  readonly certPem: string;
  /** SHA-256 of the certificate, colon-separated hex, as browsers show it. */
  readonly fingerprint: string;
  readonly validTo: Date;
  /** Made at this start (else the one kept from before), and why. */
  readonly made?: string;
}

/** A new self-signed certificate for `names`, valid from a minute before `now` for 90 days. */
export function createSelfSignedCertificate(names: CertificateNames, now = new Date()): { keyPem: string; certPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const algorithm = sequence(objectIdentifier(OID.ecdsaWithSha256));
  const name = sequence(set(sequence(objectIdentifier(OID.commonName), utf8String('Migration Cockpit war room'))));
  const serial = randomBytes(16);
  serial[0]! &= 0x7f;
  const tbs = sequence(
    explicit(0, unsignedInteger(Buffer.from([2]))),
    unsignedInteger(serial),
    algorithm,
    name,
    sequence(time(new Date(now.getTime() - 60_000)), time(new Date(now.getTime() + VALID_DAYS * DAY_MS))),
    name,
    publicKey.export({ type: 'spki', format: 'der' }),
    explicit(3, sequence(...extensions(names))),
  );
  const signature = sign('sha256', tbs, privateKey);
  const der = sequence(tbs, algorithm, bitString(signature));
  return { keyPem: pem(privateKey), certPem: `-----BEGIN CERTIFICATE-----\n${lines(der.toString('base64'))}-----END CERTIFICATE-----\n` };
}

function extensions(names: CertificateNames): Buffer[] {
  const generalNames = [
    ...names.dns.map((dns) => tlv(0x82, Buffer.from(dns, 'ascii'))),
    ...names.ips.flatMap((ip) => {
      const bytes = ipAddressBytes(ip);
      return bytes ? [tlv(0x87, bytes)] : [];
    }),
  ];
  const extension = (oid: string, value: Buffer, critical = false) => sequence(objectIdentifier(oid), ...(critical ? [booleanTrue()] : []), octetString(value));
  return [
    extension(OID.basicConstraints, sequence(), true),
    // digitalSignature only (bit 0): an ECDHE key exchange signs with the key.
    extension(OID.keyUsage, tlv(0x03, Buffer.from([7, 0x80])), true),
    extension(OID.extKeyUsage, sequence(objectIdentifier(OID.serverAuth))),
    extension(OID.subjectAltName, sequence(...generalNames)),
  ];
}

/**
 * The certificate kept in `folder` when it still names `names` and has more than 14 days left and matches its
 * key; else a new one, written there (the key readable by this user only).
 */
export async function loadOrCreateCertificate(folder: string, names: CertificateNames, now = new Date()): Promise<WarRoomCertificate> {
  const keyFile = path.join(folder, 'war-room-key.pem');
  const certFile = path.join(folder, 'war-room-cert.pem');
  const kept = await readKept(keyFile, certFile);
  const problem = 'problem' in kept ? kept.problem : keptProblem(kept.certificate, kept.key, names, now);
  if (!('problem' in kept) && problem === undefined) return describe(kept.keyPem, kept.certPem);
  const made = createSelfSignedCertificate(names, now);
  await ensurePrivateDir(folder);
  await writePrivateFileAtomically(keyFile, made.keyPem);
  await writePrivateFileAtomically(certFile, made.certPem);
  return { ...describe(made.keyPem, made.certPem), made: problem };
}

async function readKept(keyFile: string, certFile: string) {
  let texts: [string, string];
  try {
    texts = await Promise.all([readFile(keyFile, 'utf8'), readFile(certFile, 'utf8')]);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { problem: code === 'ENOENT' ? 'none was made before' : `the kept one cannot be read (${code ?? 'error'})` };
  }
  try {
    const [keyPem, certPem] = texts;
    return { keyPem, certPem, key: createPrivateKey(keyPem), certificate: new X509Certificate(certPem) };
  } catch (error) {
    return { problem: `the kept one cannot be read (${error instanceof Error ? error.message : String(error)})` };
  }
}

function keptProblem(certificate: X509Certificate, key: KeyObject, names: CertificateNames, now: Date): string | undefined {
  if (!certificate.checkPrivateKey(key)) return 'the kept key does not match the kept certificate';
  if (new Date(certificate.validTo).getTime() - now.getTime() < RENEW_DAYS_BEFORE * DAY_MS) return `the kept one ends ${certificate.validTo}`;
  const wanted = nameSet(names);
  const has = nameSet(namesOf(certificate));
  if (wanted.size !== has.size || [...wanted].some((name) => !has.has(name))) return 'the names this machine is reached by changed';
  return undefined;
}

/** The names a certificate holds (its subjectAltName, as Node prints it: `DNS:a, IP Address:1.2.3.4`). */
export function namesOf(certificate: X509Certificate): CertificateNames {
  const entries = (certificate.subjectAltName ?? '').split(', ').filter((entry) => entry !== '');
  return {
    dns: entries.filter((entry) => entry.startsWith('DNS:')).map((entry) => entry.slice('DNS:'.length)),
    ips: entries.filter((entry) => entry.startsWith('IP Address:')).map((entry) => entry.slice('IP Address:'.length)),
  };
}

/** Names compared as the certificate holds them: DNS names lower-cased, addresses as their bytes. */
function nameSet(names: CertificateNames): Set<string> {
  return new Set([
    ...names.dns.map((dns) => `dns:${dns.toLowerCase()}`),
    ...names.ips.flatMap((ip) => {
      const bytes = ipAddressBytes(ip);
      return bytes ? [`ip:${bytes.toString('hex')}`] : [];
    }),
  ]);
}

function describe(keyPem: string, certPem: string): WarRoomCertificate {
  const certificate = new X509Certificate(certPem);
  return { keyPem, certPem, fingerprint: certificate.fingerprint256, validTo: new Date(certificate.validTo) };
}

function pem(key: KeyObject): string {
  return String(key.export({ type: 'pkcs8', format: 'pem' }));
}

function lines(base64: string): string {
  return base64.replace(/.{1,64}/g, (line) => `${line}\n`);
}

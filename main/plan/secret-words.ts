// Whether a config key or value looks like a secret written in plain text. Keys are split into words, so
// abbreviations match (dbPwd, adminPass, apiKeys, client_secret) while words that only contain one do not
// (passthrough, compass, bypass, tokenizer). The key's last word decides, as in English: dbPassword is a
// password, passwordPolicy and secretName are not.

/** A key whose last word is one of these names a secret. */
const SECRET_WORDS = new Set([
  'password',
  'passwd',
  'pwd',
  'pw',
  'pass',
  'passphrase',
  'secret',
  'secrets',
  'token',
  'credential',
  'credentials',
  'cred',
  'creds',
  'apikey',
  'apikeys',
  'privatekey',
  'accesskey',
  'secretkey',
  'authtoken',
]);

/** A key whose last two words are one of these pairs names a secret (accessKey, but not partitionKey or kmsKey). */
const SECRET_WORD_PAIRS = new Set([
  'api key',
  'api keys',
  'private key',
  'access key',
  'access keys',
  'secret key',
  'signing key',
  'encryption key',
  'master key',
  'ssh key',
  'license key',
  'session key',
  'shared key',
]);

/** Trailing words that say how a value is written, not what it is: adminPasswordPlain is still a password. */
const FORM_WORDS = new Set(['value', 'plain', 'plaintext', 'raw', 'text', 'string', 'str', 'base64', 'b64', 'hex']);

/** The words of a key: camelCase, PascalCase, snake_case, kebab-case, dotted and namespaced (aws:secretKey). */
export function keyWords(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .map((word) => word.toLowerCase().replace(/\d+$/, ''))
    .filter((word) => word !== '');
}

export function isSecretLikeKey(key: string): boolean {
  const words = keyWords(key);
  while (words.length > 1 && FORM_WORDS.has(words.at(-1)!)) words.pop();
  const last = words.at(-1);
  if (last === undefined) return false;
  return SECRET_WORDS.has(last) || (words.length >= 2 && SECRET_WORD_PAIRS.has(`${words.at(-2)} ${last}`));
}

const KEY_MATERIAL = /^(AKIA|ASIA)[0-9A-Z]{16}$|-----BEGIN [A-Z ]*PRIVATE KEY-----/;
/** scheme://user:password@host: a non-empty password before the host. */
const CREDENTIALS_IN_URL = /^[a-z][a-z0-9+.-]*:\/\/[^\s/?#@:]*:[^\s/?#@]+@/i;

/** What makes a plain value a secret whatever its key is called, or undefined. */
export function secretInValue(value: string): 'key material' | 'credentials in a URL' | undefined {
  if (KEY_MATERIAL.test(value)) return 'key material';
  if (CREDENTIALS_IN_URL.test(value)) return 'credentials in a URL';
  return undefined;
}

/** Why a plain key/value pair must not be in the plan (the end of a sentence starting with the key), or undefined. */
export function plainSecretProblem(key: string, value: string): string | undefined {
  const inValue = secretInValue(value);
  if (inValue === 'credentials in a URL') return 'carries a password in its URL (user:password@host)';
  if (inValue === 'key material' || isSecretLikeKey(key)) return 'looks like a secret written in plain text';
  return undefined;
}

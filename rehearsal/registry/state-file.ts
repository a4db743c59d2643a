// Optional persistence: the whole registry as one JSON file, rewritten after every change, so a rehearsal
// survives restarts of the cockpit. Written to a temporary file, flushed, then renamed over the old one: a crash
// leaves either the old state or the new one, never half a file. Synchronous on purpose — the state is tiny, and
// a client that got 201 can rely on the record being on disk.
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { isPlainObject } from './instance-input';
import type { AttributeValue, RegistryInstance, StoreSnapshot } from './store';

const FORMAT = 'migration-cockpit/rehearsal-registry';
const VERSION = 1;

/** The stored state, or undefined when the file does not exist yet. A damaged file is an error, never "empty". */
export function readStateFile(file: string): StoreSnapshot | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new Error(`registry state ${file} is not valid JSON (${(error as Error).message}); repair or remove it`, { cause: error });
  }
  try {
    return parseSnapshot(data);
  } catch (error) {
    throw new Error(`registry state ${file} is not usable: ${(error as Error).message}; repair or remove it`, { cause: error });
  }
}

export function writeStateFile(file: string, snapshot: StoreSnapshot): void {
  const text = `${JSON.stringify({ format: FORMAT, version: VERSION, nextSequence: snapshot.nextSequence, instances: snapshot.instances }, null, 2)}\n`;
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  try {
    const fd = openSync(temporary, 'w', 0o600);
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

function parseSnapshot(data: unknown): StoreSnapshot {
  if (!isPlainObject(data) || data.format !== FORMAT) throw new Error(`expected a JSON object with format '${FORMAT}'`);
  if (data.version !== VERSION) throw new Error(`unsupported version ${String(data.version)} (this registry reads version ${VERSION})`);
  const { nextSequence, instances } = data;
  if (typeof nextSequence !== 'number' || !Number.isInteger(nextSequence) || nextSequence < 1) throw new Error('nextSequence must be a whole number >= 1');
  if (!Array.isArray(instances)) throw new Error('instances must be an array');
  return { nextSequence, instances: instances.map((entry, index) => parseInstance(entry, `instances[${index}]`)) };
}

function parseInstance(entry: unknown, where: string): RegistryInstance {
  if (!isPlainObject(entry)) throw new Error(`${where} must be an object`);
  for (const key of ['id', 'name', 'project', 'createdAt', 'updatedAt'] as const) {
    if (typeof entry[key] !== 'string' || entry[key] === '') throw new Error(`${where}.${key} must be a non-empty string`);
  }
  if (!isPlainObject(entry.attributes)) throw new Error(`${where}.attributes must be an object`);
  const attributes: [string, AttributeValue][] = [];
  for (const [key, value] of Object.entries(entry.attributes)) {
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean')
      throw new Error(`${where}.attributes.${key} must be a string, number or boolean`);
    attributes.push([key, value]);
  }
  return {
    id: entry.id as string,
    name: entry.name as string,
    project: entry.project as string,
    attributes: Object.fromEntries(attributes),
    createdAt: entry.createdAt as string,
    updatedAt: entry.updatedAt as string,
  };
}

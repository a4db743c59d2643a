// Where the war room listens (`serve --war-room <address>`), and the names browsers reach it by: the certificate
// names exactly these, and the bridge accepts no other Host header.
import { isIP } from 'node:net';
import os from 'node:os';

export const DEFAULT_WAR_ROOM_PORT = 8443;

export interface ListenAddress {
  readonly host: string;
  readonly port: number;
}

/** `host:port`, `[v6]:port`, `host` (port 8443) → the address; else why not, in the words of the option. */
export function parseListenAddress(value: string): ListenAddress | string {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(value);
  const plain = /^([^:[\]]+)(?::(\d+))?$/.exec(value);
  const [host, portText] = bracketed ? [bracketed[1]!, bracketed[2]] : plain ? [plain[1]!, plain[2]] : [undefined, undefined];
  if (host === undefined) return `expects host:port (an IPv6 address in brackets: [::]:8443), got '${value}'`;
  if (bracketed && isIP(host) !== 6) return `'${host}' in brackets is not an IPv6 address`;
  if (!bracketed && isIP(host) === 0 && !/^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$/.test(host)) {
    return `'${host}' is neither an IP address nor a host name`;
  }
  const port = portText === undefined ? DEFAULT_WAR_ROOM_PORT : Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) return `port expects 0-65535, got '${portText}'`;
  // As browsers write it in a Host header (2001:DB8:0::1 → 2001:db8::1), or every request would be refused.
  return { host: isIP(host) === 6 ? new URL(`https://[${host}]/`).hostname.slice(1, -1) : host.toLowerCase(), port };
}

export interface ReachNames {
  /** The name the links use: the address given, or for all interfaces the machine's first LAN address. */
  readonly shown: string;
  readonly dns: readonly string[];
  readonly ips: readonly string[];
}

type Interfaces = ReturnType<typeof os.networkInterfaces>;
const VIRTUAL_INTERFACE = /^(docker|br-|veth|virbr|cni|flannel|cali|tun|tap|utun|wg|zt)/;

/**
 * The names a browser may use for `host`: the address given itself and the machine's name; listening on every
 * interface (0.0.0.0, ::), also each interface's address (IPv6 link-local ones need a zone no URL carries) and
 * localhost.
 */
export function reachNames(host: string, machine = os.hostname(), interfaces: Interfaces = os.networkInterfaces()): ReachNames {
  const everywhere = host === '0.0.0.0' || host === '::';
  // Container bridges and VPN tunnels come and go; naming them would make a new certificate (a warning on every
  // screen) whenever one did. Bind one address to be reached through one of them.
  const addresses = Object.entries(interfaces)
    .filter(([name]) => !VIRTUAL_INTERFACE.test(name))
    .flatMap(([, list]) => list ?? [])
    .filter((entry) => !(entry.family === 'IPv6' && entry.address.toLowerCase().startsWith('fe80:')))
    .map((entry) => ({ address: entry.address, internal: entry.internal, v4: entry.family === 'IPv4' }));
  const ips = everywhere ? addresses.map((entry) => entry.address) : isIP(host) ? [host] : [];
  const dns = [...(isIP(host) || everywhere ? [] : [host.toLowerCase()]), machine.toLowerCase(), ...(everywhere ? ['localhost'] : [])];
  const lan = addresses.find((entry) => entry.v4 && !entry.internal)?.address;
  return { shown: everywhere ? (lan ?? machine) : host, dns: [...new Set(dns)], ips: [...new Set(ips)] };
}

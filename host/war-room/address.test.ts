import { describe, expect, it } from 'vitest';
import { parseListenAddress, reachNames } from './address';
import { ipAddressBytes } from './der';

describe('war-room address', () => {
  it('reads host:port, [v6]:port and a bare host (port 8443)', () => {
    expect(parseListenAddress('192.168.1.20:9443')).toEqual({ host: '192.168.1.20', port: 9443 });
    expect(parseListenAddress('[::]:8443')).toEqual({ host: '::', port: 8443 });
    expect(parseListenAddress('[fd00::1]')).toEqual({ host: 'fd00::1', port: 8443 });
    expect(parseListenAddress('[2001:DB8:0::1]:9443')).toEqual({ host: '2001:db8::1', port: 9443 });
    expect(parseListenAddress('War-Room.Example:9443')).toEqual({ host: 'war-room.example', port: 9443 });
    expect(parseListenAddress('war-room.example.internal')).toEqual({ host: 'war-room.example.internal', port: 8443 });
    expect(parseListenAddress('0.0.0.0:0')).toEqual({ host: '0.0.0.0', port: 0 });
  });

  it('says what is wrong with anything else', () => {
    expect(parseListenAddress('::1:8443')).toMatch(/in brackets/);
    expect(parseListenAddress('[10.0.0.1]:80')).toMatch(/not an IPv6 address/);
    expect(parseListenAddress('host:70000')).toMatch(/0-65535, got '70000'/);
    expect(parseListenAddress('host:')).toMatch(/expects host:port/);
    expect(parseListenAddress('bad_name:80')).toMatch(/neither an IP address nor a host name/);
    expect(parseListenAddress('')).toMatch(/expects host:port/);
    expect(parseListenAddress('a b:80')).toMatch(/neither/);
  });

  const interfaces = {
    lo: [
      { address: '127.0.0.1', family: 'IPv4', internal: true },
      { address: '::1', family: 'IPv6', internal: true },
    ],
    docker0: [{ address: '172.17.0.1', family: 'IPv4', internal: false }],
    tun0: [{ address: '10.8.0.2', family: 'IPv4', internal: false }],
    eth0: [
      { address: '10.20.30.40', family: 'IPv4', internal: false },
      { address: 'fe80::1', family: 'IPv6', internal: false },
      { address: 'fd00::40', family: 'IPv6', internal: false },
    ],
  } as unknown as Parameters<typeof reachNames>[2];

  it('names one address and the machine when bound to one address', () => {
    expect(reachNames('10.20.30.40', 'Ops-Laptop', interfaces)).toEqual({ shown: '10.20.30.40', dns: ['ops-laptop'], ips: ['10.20.30.40'] });
    expect(reachNames('war-room.example', 'ops', interfaces)).toEqual({ shown: 'war-room.example', dns: ['war-room.example', 'ops'], ips: [] });
  });

  it('names every interface (no link-local, no container bridge or tunnel) and localhost when bound to all, showing the first LAN address', () => {
    expect(reachNames('0.0.0.0', 'ops', interfaces)).toEqual({
      shown: '10.20.30.40',
      dns: ['ops', 'localhost'],
      ips: ['127.0.0.1', '::1', '10.20.30.40', 'fd00::40'],
    });
  });

  it('encodes addresses as a certificate holds them', () => {
    expect(ipAddressBytes('10.1.2.3')?.toString('hex')).toBe('0a010203');
    expect(ipAddressBytes('::1')?.toString('hex')).toBe(`${'0'.repeat(30)}01`);
    expect(ipAddressBytes('2001:db8::ffff:10.0.0.1')?.toString('hex')).toBe('20010db8000000000000ffff0a000001');
    expect(ipAddressBytes('fe80::1%eth0')).toBeUndefined();
    expect(ipAddressBytes('host')).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { contains, formatCidr, isCidr, overlaps, parseCidr, sizeOf, subdivide } from './cidr';

const cidr = (text: string) => parseCidr(text);

describe('CIDR arithmetic', () => {
  it('parses and formats blocks, including the extremes', () => {
    for (const text of ['10.40.0.0/16', '172.20.0.0/14', '0.0.0.0/0', '255.255.255.255/32', '192.168.1.128/25']) {
      expect(formatCidr(parseCidr(text))).toBe(text);
    }
    expect(parseCidr('10.40.0.0/16')).toEqual({ network: (10 * 2 ** 24 + 40 * 2 ** 16) >>> 0, prefix: 16 });
    expect(sizeOf(cidr('10.40.0.0/20'))).toBe(4096);
    expect(sizeOf(cidr('0.0.0.0/0'))).toBe(2 ** 32);
  });

  it('rejects malformed blocks with a reason', () => {
    expect(() => parseCidr('10.40.0.0')).toThrow(/not an IPv4 CIDR block/);
    expect(() => parseCidr('10.40.0.0/33')).toThrow(/prefix length above 32/);
    expect(() => parseCidr('10.400.0.0/16')).toThrow(/octet above 255/);
    expect(() => parseCidr('fd00::/8')).toThrow(/not an IPv4 CIDR block/);
    expect(() => parseCidr('10.40.0.1/16')).toThrow("'10.40.0.1/16' has host bits set: did you mean 10.40.0.0/16?");
    expect(isCidr('10.40.0.0/16')).toBe(true);
    expect(isCidr('10.40.0.0/8')).toBe(false);
  });

  it('knows containment and overlap', () => {
    expect(contains(cidr('10.40.0.0/16'), cidr('10.40.16.0/20'))).toBe(true);
    expect(contains(cidr('10.40.0.0/16'), cidr('10.41.0.0/20'))).toBe(false);
    expect(contains(cidr('10.40.16.0/20'), cidr('10.40.0.0/16'))).toBe(false);
    expect(overlaps(cidr('10.40.16.0/20'), cidr('10.40.0.0/16'))).toBe(true);
    expect(overlaps(cidr('172.20.0.0/14'), cidr('10.40.0.0/16'))).toBe(false);
    // 172.20.0.0/14 spans 172.20.0.0–172.23.255.255.
    expect(overlaps(cidr('172.20.0.0/14'), cidr('172.23.128.0/17'))).toBe(true);
    expect(overlaps(cidr('172.20.0.0/14'), cidr('172.24.0.0/16'))).toBe(false);
    expect(contains(cidr('0.0.0.0/0'), cidr('255.255.255.0/24'))).toBe(true);
  });

  it('carves a block into equal subnets in address order', () => {
    expect(subdivide(cidr('10.40.0.0/16'), 20, 3).map(formatCidr)).toEqual(['10.40.0.0/20', '10.40.16.0/20', '10.40.32.0/20']);
    expect(subdivide(cidr('192.168.0.0/24'), 26, 4).map(formatCidr)).toEqual(['192.168.0.0/26', '192.168.0.64/26', '192.168.0.128/26', '192.168.0.192/26']);
    // High addresses stay unsigned.
    expect(subdivide(cidr('240.0.0.0/4'), 6, 4).map(formatCidr)).toEqual(['240.0.0.0/6', '244.0.0.0/6', '248.0.0.0/6', '252.0.0.0/6']);
    expect(subdivide(cidr('10.40.0.0/16'), 16, 1).map(formatCidr)).toEqual(['10.40.0.0/16']);
  });

  it('refuses impossible subdivisions', () => {
    expect(() => subdivide(cidr('192.168.0.0/24'), 26, 5)).toThrow('192.168.0.0/24 holds only 4 /26 subnet(s), 5 are needed');
    expect(() => subdivide(cidr('10.40.0.0/16'), 12, 1)).toThrow(/prefix must be between \/16 and \/32/);
  });
});

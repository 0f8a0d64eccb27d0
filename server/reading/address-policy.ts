import { BlockList, isIP } from 'node:net';

/**
 * Which addresses the server may connect to when it fetches a learner's URL. Injected, so API tests
 * can allow exactly their own loopback server while production refuses every private range.
 */
export type AddressPolicy = (address: string, port: number) => boolean;

const refused = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this network"; 0.0.0.0 itself reaches the local host on Linux
  ['127.0.0.0', 8],
  ['10.0.0.0', 8],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['169.254.0.0', 16],
  ['100.64.0.0', 10],
] as const)
  refused.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 128], // unspecified
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
] as const)
  refused.addSubnet(network, prefix, 'ipv6');

/** The eight 16-bit groups of an IPv6 address (a trailing dotted quad included), or undefined. */
function ipv6Groups(address: string): number[] | undefined {
  if (isIP(address) !== 6) return undefined;
  let text = address.toLowerCase();
  const quad = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (quad) {
    const [a, b, c, d] = quad.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, quad.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const parse = (part: string) => (part ? part.split(':').map((group) => Number.parseInt(group, 16)) : []);
  const front = parse(head);
  const back = tail === undefined ? [] : parse(tail);
  const groups = [...front, ...new Array(8 - front.length - back.length).fill(0), ...back];
  return groups.length === 8 ? groups : undefined;
}

/**
 * The IPv4 address an IPv6 address carries when it is IPv4-mapped (::ffff:a.b.c.d, also written in
 * hex as ::ffff:7f00:1) or IPv4-compatible (::a.b.c.d, deprecated but still routed by some stacks).
 */
export function embeddedIpv4(address: string): string | undefined {
  const groups = ipv6Groups(address);
  if (!groups || groups.slice(0, 5).some((group) => group !== 0)) return undefined;
  if (groups[5] !== 0xffff && groups[5] !== 0) return undefined;
  const [high = 0, low = 0] = groups.slice(6);
  // ::, ::1 are IPv6's own unspecified and loopback addresses, not IPv4-compatible ones.
  if (groups[5] === 0 && high === 0 && low <= 1) return undefined;
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

/**
 * Production: public addresses only. Refuses 127/8, ::1, 10/8, 172.16/12, 192.168/16, 169.254/16,
 * 100.64/10, 0.0.0.0 (0/8), fc00::/7, fe80::/10, and IPv4-mapped or -compatible forms of them.
 * Anything that is not an IP address is refused too: the policy is asked after DNS resolution.
 */
export const publicAddressesOnly: AddressPolicy = (address) => {
  const plain = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const family = isIP(plain);
  if (family === 0) return false;
  if (family === 4) return !refused.check(plain, 'ipv4');
  const mapped = embeddedIpv4(plain);
  if (mapped) return !refused.check(mapped, 'ipv4');
  return !refused.check(plain, 'ipv6');
};

/** For tests: exactly one loopback server (address and port) besides what production allows. */
export function allowOnly(address: string, port: number, otherwise: AddressPolicy = publicAddressesOnly) {
  const policy: AddressPolicy = (candidate, candidatePort) =>
    (candidate === address && candidatePort === port) || otherwise(candidate, candidatePort);
  return policy;
}

import dns from 'node:dns';
import { syncBuiltinESMExports } from 'node:module';
import net from 'node:net';
import { promisify } from 'node:util';

/** Every blocked attempt carries this text, so a failure points straight at the guard. */
export const outboundBlockedMessage = 'outbound network access blocked by tests/harness/network-guard.ts';

/** The error a blocked connection or lookup fails with. `code` mimics Node's system errors. */
export class OutboundNetworkBlockedError extends Error {
  readonly code = 'EOUTBOUNDBLOCKED';
  readonly target: string;

  constructor(target: string) {
    super(
      `${outboundBlockedMessage}: ${target} is not loopback (tests may only talk to 127.0.0.1, ::1 or localhost)`,
    );
    this.name = 'OutboundNetworkBlockedError';
    this.target = target;
  }
}

interface GuardState {
  installed: boolean;
  violations: string[];
}

// Kept on globalThis because Vitest re-evaluates setup files for every test file in the same worker
// process: patching net twice would wrap the wrapper, and violations must survive module re-imports.
const stateKey = Symbol.for('charla.test.networkGuard');
const holder = globalThis as typeof globalThis & { [stateKey]?: GuardState };
const state: GuardState = holder[stateKey] ?? { installed: false, violations: [] };
holder[stateKey] = state;

const loopback = new net.BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');
// The unspecified addresses are what `server.address()` reports for a server listening on all
// interfaces; connecting to them reaches this machine only, so tests that do that stay allowed.
loopback.addAddress('0.0.0.0', 'ipv4');
loopback.addAddress('::', 'ipv6');

/** True for names and addresses that can only reach this machine. */
export function isLoopbackHost(host: string): boolean {
  const name = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '');
  if (name === 'localhost') return true;
  const family = net.isIP(name);
  // BlockList checks IPv4-mapped IPv6 addresses (::ffff:127.0.0.1) against the IPv4 rules.
  if (family === 4) return loopback.check(name, 'ipv4');
  if (family === 6) return loopback.check(name, 'ipv6');
  return false;
}

/**
 * Mirrors Node's own argument normalisation for `Socket#connect`; returns the remote target when it
 * is not loopback, or null when the connection may proceed (loopback host or unix socket path).
 */
function blockedTarget(args: unknown[]): string | null {
  // net.connect() hands Socket#connect its already-normalised [options, callback] array.
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  let host: unknown;
  let port: unknown;
  if (typeof first === 'object' && first !== null) {
    const options = first as { path?: unknown; host?: unknown; port?: unknown };
    if (options.path !== undefined) return null;
    host = options.host;
    port = options.port;
  } else if (typeof first === 'string' && Number.isNaN(Number(first))) {
    return null; // a unix socket path
  } else {
    port = first;
    host = typeof args[1] === 'string' ? args[1] : undefined;
  }
  const hostText = typeof host === 'string' && host !== '' ? host : 'localhost';
  return isLoopbackHost(hostText) ? null : `${hostText}:${String(port)}`;
}

/** An empty name resolves to nothing in Node, so it never leaves the machine. */
function isLocalName(hostname: unknown): boolean {
  return hostname === undefined || hostname === null || hostname === '' || isLoopbackHost(String(hostname));
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address?: unknown, family?: number) => void;

/**
 * Makes every TCP connection (fetch/undici, http, tls, pg all end in `Socket#connect`) and every DNS
 * lookup to a host that is not loopback fail with OutboundNetworkBlockedError. Idempotent.
 */
export function installNetworkGuard(): void {
  if (state.installed) return;
  state.installed = true;

  const originalConnect = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function guardedConnect(this: net.Socket, ...args: unknown[]) {
    const target = blockedTarget(args);
    if (target === null) return Reflect.apply(originalConnect, this, args) as net.Socket;
    state.violations.push(target);
    const error = new OutboundNetworkBlockedError(target);
    // Fail the way a refused connection fails (an 'error' event after connect() returns), so the
    // caller's own error handling runs and the error reaches the test instead of an uncaught throw.
    process.nextTick(() => this.destroy(error));
    return this;
  } as typeof net.Socket.prototype.connect;

  // A lookup of a public name would already send a DNS query off the machine.
  const originalLookup = dns.lookup;
  const guardedLookup = function guardedLookup(hostname: string, ...rest: unknown[]) {
    if (isLocalName(hostname)) return Reflect.apply(originalLookup, dns, [hostname, ...rest]);
    const callback = rest.at(-1) as LookupCallback;
    state.violations.push(`DNS lookup of ${String(hostname)}`);
    const error = new OutboundNetworkBlockedError(`DNS lookup of ${String(hostname)}`);
    process.nextTick(() => callback(error));
  };

  const originalPromisesLookup = dns.promises.lookup;
  const guardedPromisesLookup = async (hostname: string, ...rest: unknown[]) => {
    if (isLocalName(hostname))
      return Reflect.apply(originalPromisesLookup, dns.promises, [hostname, ...rest]);
    state.violations.push(`DNS lookup of ${String(hostname)}`);
    throw new OutboundNetworkBlockedError(`DNS lookup of ${String(hostname)}`);
  };
  dns.promises.lookup = guardedPromisesLookup as typeof dns.promises.lookup;
  // util.promisify(dns.lookup) resolves to { address, family } only through this hook; keep it.
  Object.defineProperty(guardedLookup, promisify.custom, { value: guardedPromisesLookup });
  dns.lookup = guardedLookup as typeof dns.lookup;

  // `import { lookup } from 'node:dns'` binds the original function unless the ESM view is resynced.
  syncBuiltinESMExports();
}

/**
 * Returns and forgets the attempts blocked so far. The setup file fails a test that left any behind
 * (the code under test may have swallowed the error); a test that triggers the guard on purpose
 * calls this to acknowledge them.
 */
export function takeOutboundViolations(): string[] {
  return state.violations.splice(0);
}

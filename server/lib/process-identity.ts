import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

/**
 * Who owns a streaming reply or a budget reservation: a persistent instance id (the same across
 * restarts of this server) and a boot id (new at every start). A restarted process recognises its
 * own earlier boot by the instance id and recovers that boot's work at once; other instances' work
 * is left to its lease, since those processes may be alive. Not the PID: PIDs repeat in containers.
 */
export type ProcessIdentity = { instanceId: string; bootId: string; ownerId: string };

/**
 * The instance id is CHARLA_INSTANCE_ID, or the host name and port: two live servers on one host
 * cannot share a port, and a restart keeps both. The owner id written on rows is `instance/boot`.
 */
export function processIdentity(options: { instanceId?: string | undefined; port: number }): ProcessIdentity {
  const instanceId = options.instanceId ?? `${hostname()}:${options.port}`;
  const bootId = randomUUID();
  return { instanceId, bootId, ownerId: `${instanceId}/${bootId}` };
}

/** The instance part of an owner id written by `processIdentity`. */
export function instanceOf(ownerId: string): string {
  const slash = ownerId.lastIndexOf('/');
  return slash === -1 ? ownerId : ownerId.slice(0, slash);
}

import type {
  AdminProvider,
  ModelRole,
  ProviderKind,
  ProviderState,
} from '../../../../contracts/providers.ts';

export const kindLabels: Record<ProviderKind, string> = {
  anthropic: 'Anthropic',
  mistral: 'Mistral AI',
  'openai-compatible': 'OpenAI-compatible server',
  local: 'Local model in Charla',
};

export const roleLabels: Record<ModelRole, string> = {
  conversation: 'Conversation',
  feedback: 'Feedback',
  summary: 'Summaries',
  exercises: 'Exercises',
};

export const roleDescriptions: Record<ModelRole, string> = {
  conversation: 'The tutor’s replies and role-plays.',
  feedback: 'The corrections under each of the learner’s messages.',
  summary: 'Summaries of long conversations and role-play reports.',
  exercises: 'Generated grammar exercises.',
};

type StateBadge = { label: string; className: string };

/** The state badge: green when it answered, red when it did not, grey before the first check. */
export function stateBadge(state: ProviderState): StateBadge {
  switch (state.status) {
    case 'ok':
      return { label: 'Reachable', className: 'badge badge-level' };
    case 'unreachable':
      return { label: 'Not reachable', className: 'badge badge-error' };
    case 'error':
      return { label: 'Error', className: 'badge badge-error' };
    case 'key_unreadable':
      return { label: 'Key unreadable', className: 'badge badge-error' };
    default:
      return { label: 'Not checked yet', className: 'badge badge-info' };
  }
}

/** What the admin can do about a stored key that no longer decrypts, in plain words. */
export const keyUnreadableHelp =
  'The stored key can no longer be decrypted: CHARLA_SECRET (or the key file in the data folder) changed since it was saved. Paste the key again with Edit, or put the previous secret back.';

export function sourceLabel(provider: Pick<AdminProvider, 'source'>): string | null {
  if (provider.source === 'environment') return 'set in the environment';
  if (provider.source === 'detected') return 'detected';
  return null;
}

/** "2.4 GB", "850 MB": decimal units, like disk sizes and download speeds are usually shown. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(1)} GB`;
  if (bytes >= 1e6) return `${Math.round(bytes / 1e6)} MB`;
  if (bytes >= 1e3) return `${Math.round(bytes / 1e3)} kB`;
  return `${bytes} bytes`;
}

export function formatSpeed(bytesPerSecond: number): string {
  return `${formatBytes(bytesPerSecond)}/s`;
}

/** "about 3 min left", "45 s left", "about 1 h 20 min left". */
export function formatTimeLeft(seconds: number): string {
  const rounded = Math.max(0, Math.round(seconds));
  if (rounded < 60) return `${rounded} s left`;
  const minutes = Math.round(rounded / 60);
  if (minutes < 60) return `about ${minutes} min left`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `about ${hours} h left` : `about ${hours} h ${rest} min left`;
}

/** A provider's name for a select: its name, and its kind when that says something more. */
export function providerOptionLabel(provider: Pick<AdminProvider, 'name' | 'kind'>): string {
  const kind = kindLabels[provider.kind];
  return provider.name === kind ? provider.name : `${provider.name} (${kind})`;
}

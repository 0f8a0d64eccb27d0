import type {
  AdminProvider,
  ModelRole,
  ProviderKind,
  ProviderState,
} from '../../../../contracts/providers.ts';
import { formatNumber } from '../../i18n/format.ts';
import type { Translate } from '../../i18n/i18n.ts';

/** The providers page's words (namespace `providers`): passed in, since the language changes at run time. */
type T = Translate<'providers'>;

export function kindLabel(t: T, kind: ProviderKind): string {
  return t(`kind.${kind}`);
}

export function roleLabel(t: T, role: ModelRole): string {
  return t(`role.${role}`);
}

export function roleDescription(t: T, role: ModelRole): string {
  return t(`roleDescription.${role}`);
}

type StateBadge = { label: string; className: string };

/** The state badge: green when it answered, red when it did not, grey before the first check. */
export function stateBadge(t: T, state: ProviderState): StateBadge {
  switch (state.status) {
    case 'ok':
      return { label: t('state.ok'), className: 'badge badge-level' };
    case 'unreachable':
      return { label: t('state.unreachable'), className: 'badge badge-error' };
    case 'error':
      return { label: t('state.error'), className: 'badge badge-error' };
    case 'key_unreadable':
      return { label: t('state.keyUnreadable'), className: 'badge badge-error' };
    default:
      return { label: t('state.unchecked'), className: 'badge badge-info' };
  }
}

export function sourceLabel(t: T, provider: Pick<AdminProvider, 'source'>): string | null {
  if (provider.source === 'environment') return t('source.environment');
  if (provider.source === 'detected') return t('source.detected');
  return null;
}

/** "2.4 GB", "850 MB" (or "2,4 Go"): decimal units, like disk sizes and download speeds are usually shown. */
export function formatBytes(t: T, bytes: number, per = ''): string {
  const unit = (name: string, value: number, digits: number) =>
    formatNumber(value, {
      style: 'unit',
      unit: `${name}${per}`,
      unitDisplay: 'short',
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
  if (bytes >= 1e9) return unit('gigabyte', bytes / 1e9, 1);
  if (bytes >= 1e6) return unit('megabyte', Math.round(bytes / 1e6), 0);
  if (bytes >= 1e3) return unit('kilobyte', Math.round(bytes / 1e3), 0);
  return per ? unit('byte', bytes, 0) : t('bytes.b', { count: bytes });
}

export function formatSpeed(t: T, bytesPerSecond: number): string {
  return formatBytes(t, bytesPerSecond, '-per-second');
}

/** "about 3 min left", "45 s left", "about 1 h 20 min left". */
export function formatTimeLeft(t: T, seconds: number): string {
  const rounded = Math.max(0, Math.round(seconds));
  if (rounded < 60) return t('timeLeft.seconds', { seconds: rounded });
  const minutes = Math.round(rounded / 60);
  if (minutes < 60) return t('timeLeft.minutes', { minutes });
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? t('timeLeft.hours', { hours }) : t('timeLeft.hoursMinutes', { hours, minutes: rest });
}

/** A provider's name for a select: its name, and its kind when that says something more. */
export function providerOptionLabel(t: T, provider: Pick<AdminProvider, 'name' | 'kind'>): string {
  const kind = kindLabel(t, provider.kind);
  return provider.name === kind ? provider.name : t('optionLabel', { name: provider.name, kind });
}

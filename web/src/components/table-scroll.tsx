import type { ReactNode } from 'react';

/**
 * The horizontal scroll box of a table wider than a phone. A scrollable region must be reachable
 * by keyboard (axe: scrollable-region-focusable), so it takes focus and names itself.
 */
export function TableScroll({
  label,
  className = 'table-scroll',
  children,
}: {
  label: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard.
    <section className={className} tabIndex={0} aria-label={label}>
      {children}
    </section>
  );
}

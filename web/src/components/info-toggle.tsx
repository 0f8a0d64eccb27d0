import { type ReactNode, useId, useState } from 'react';

/**
 * A "?" that shows an explanation on demand: explanations are there for whoever wants them without
 * pushing the numbers down for everyone else. A disclosure (a button with `aria-expanded`), not a
 * hover tooltip, so it works by touch, keyboard and screen reader alike; Escape closes it. The text
 * opens inline below, never floating over the page, so it cannot run off a phone's screen.
 *
 * Place it in a `.has-info` row after the heading it explains: the text takes a line of its own.
 * `children` as a function renders only once opened: an explanation kept in a lazy chunk (and its own
 * message namespace) then loads on demand instead of with the page.
 */
export function InfoToggle({
  label,
  labelledBy,
  children,
}: {
  label: string;
  /** The heading it explains: its name is then `label` + the heading ("About" "Today"), one word to translate. */
  labelledBy?: string;
  children: ReactNode | (() => ReactNode);
}) {
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <>
      <button
        type="button"
        className="info-toggle"
        aria-labelledby={labelledBy ? `${id}-label ${labelledBy}` : undefined}
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((value) => !value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape' && open) {
            event.stopPropagation();
            setOpen(false);
          }
        }}
      >
        <span aria-hidden="true">?</span>
        <span id={`${id}-label`} className="visually-hidden">
          {label}
        </span>
      </button>
      <div id={id} className="info-toggle-text" hidden={!open}>
        {typeof children === 'function' ? (open ? children() : null) : children}
      </div>
    </>
  );
}

/**
 * A progress bar for screen readers too: `percent` (0–100) fills the track and `text` says the value
 * in words ("12 of 20 minutes"), so nothing depends on seeing the bar or its colour. The look is the
 * caller's, through the two class names.
 */
export function ProgressBar({
  label,
  percent,
  text,
  trackClassName,
  fillClassName,
}: {
  label: string;
  percent: number;
  text: string;
  trackClassName: string;
  fillClassName: string;
}) {
  return (
    <div
      className={trackClassName}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      aria-valuetext={text}
    >
      <div className={fillClassName} style={{ width: `${percent}%` }} />
    </div>
  );
}

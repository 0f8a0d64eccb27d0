import { type ReactNode, useEffect, useId, useRef } from 'react';
import { useT } from '../i18n/i18n.ts';
import { describedBy, FieldFrame } from './select-field.tsx';

// The select field lives on its own so that a page with only a select (the home page's language switch)
// does not load every form control: re-exported here for everyone else.
export { SelectField, type SelectOption } from './select-field.tsx';

type TextFieldProps = {
  label: string;
  name: string;
  value: string;
  onChange: (value: string) => void;
  type?: 'text' | 'password' | 'email';
  hint?: ReactNode;
  error?: string | undefined;
  autoComplete?: string;
  required?: boolean;
  optional?: boolean;
  minLength?: number;
  maxLength?: number;
  autoFocus?: boolean;
  disabled?: boolean;
  /** The language of the text typed, when it is not the interface's (a card's front, an example). */
  lang?: string | undefined;
};

export function TextField({
  label,
  name,
  value,
  onChange,
  type = 'text',
  hint,
  error,
  autoComplete,
  required,
  optional,
  minLength,
  maxLength,
  autoFocus,
  disabled,
  lang,
}: TextFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <FieldFrame
      id={id}
      label={label}
      hint={hint}
      error={error}
      hintId={hintId}
      errorId={errorId}
      optional={optional}
    >
      <input
        id={id}
        name={name}
        type={type}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        autoComplete={autoComplete}
        required={required}
        minLength={minLength}
        maxLength={maxLength}
        // biome-ignore lint/a11y/noAutofocus: only the first field of a single-purpose page (sign-in) uses it.
        autoFocus={autoFocus}
        disabled={disabled}
        lang={lang}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hint ? hintId : undefined, error ? errorId : undefined)}
        spellCheck={type === 'text' ? false : undefined}
        autoCapitalize={type === 'text' ? 'none' : undefined}
      />
    </FieldFrame>
  );
}

type CheckboxFieldProps = {
  label: string;
  name: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  hint?: ReactNode;
  error?: string | undefined;
  disabled?: boolean;
};

export function CheckboxField({ label, name, checked, onChange, hint, error, disabled }: CheckboxFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <div className="field field-checkbox" data-invalid={error ? true : undefined}>
      <input
        id={id}
        name={name}
        type="checkbox"
        checked={checked}
        onChange={(event) => onChange(event.target.checked)}
        disabled={disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hint ? hintId : undefined, error ? errorId : undefined)}
      />
      <div>
        <label htmlFor={id} className="field-label">
          {label}
        </label>
        {hint ? (
          <p id={hintId} className="field-hint">
            {hint}
          </p>
        ) : null}
        {error ? (
          <p id={errorId} className="field-error">
            {error}
          </p>
        ) : null}
      </div>
    </div>
  );
}

export type RadioOption = { value: string; label: string; description?: string };

type RadioGroupProps = {
  legend: string;
  name: string;
  value: string;
  onChange: (value: string) => void;
  options: readonly RadioOption[];
  hint?: ReactNode;
  error?: string | undefined;
  disabled?: boolean;
};

export function RadioGroup({
  legend,
  name,
  value,
  onChange,
  options,
  hint,
  error,
  disabled,
}: RadioGroupProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <fieldset
      className="field radio-group"
      aria-describedby={describedBy(hint ? hintId : undefined, error ? errorId : undefined)}
      aria-invalid={error ? true : undefined}
      disabled={disabled}
    >
      <legend className="field-label">{legend}</legend>
      {hint ? (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      ) : null}
      {options.map((option) => {
        const optionId = `${id}-${option.value}`;
        return (
          <div className="radio-option" key={option.value}>
            <input
              id={optionId}
              type="radio"
              name={name}
              value={option.value}
              checked={value === option.value}
              onChange={() => onChange(option.value)}
              aria-describedby={option.description ? `${optionId}-description` : undefined}
            />
            <div>
              <label htmlFor={optionId}>{option.label}</label>
              {option.description ? (
                <p id={`${optionId}-description`} className="field-hint">
                  {option.description}
                </p>
              ) : null}
            </div>
          </div>
        );
      })}
      {error ? (
        <p id={errorId} className="field-error">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

/**
 * The message at the top of a form. It takes focus when it appears so keyboard and screen-reader users
 * land on what went wrong instead of staying on the submit button.
 */
export function FormAlert({ message }: { message: string | null }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (message) ref.current?.focus();
  }, [message]);
  if (!message) return null;
  return (
    <div ref={ref} className="alert alert-error" role="alert" tabIndex={-1}>
      {message}
    </div>
  );
}

/** A success or progress message, announced politely. Always rendered so that updates are announced. */
export function StatusMessage({ message }: { message: string | null }) {
  return (
    <div className={message ? 'alert alert-success' : 'visually-hidden'} role="status">
      {message}
    </div>
  );
}

/** Keeps its label while busy (tests and screen readers find it by name); `aria-busy` shows progress. */
type SubmitButtonProps = {
  busy: boolean;
  children: ReactNode;
  variant?: 'primary' | 'secondary' | 'danger';
  disabled?: boolean;
};

export function SubmitButton({ busy, children, variant = 'primary', disabled }: SubmitButtonProps) {
  return (
    <button type="submit" className={`button button-${variant}`} disabled={busy || disabled} aria-busy={busy}>
      {children}
    </button>
  );
}

/** A dialog form's buttons: Cancel (closes without saving) and its submit button. */
export function DialogActions({ onCancel, ...submit }: SubmitButtonProps & { onCancel: () => void }) {
  const t = useT('common');
  return (
    <div className="form-actions">
      <button type="button" className="button button-secondary" onClick={onCancel}>
        {t('actions.cancel')}
      </button>
      <SubmitButton {...submit} />
    </div>
  );
}

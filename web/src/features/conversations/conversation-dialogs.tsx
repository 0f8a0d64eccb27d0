import { type FormEvent, useId, useState } from 'react';
import type { Conversation, ConversationListItem } from '../../../../contracts/conversations.ts';
import type { CefrLevel } from '../../../../contracts/languages.ts';
import { DialogActions, FormAlert, SelectField, TextField } from '../../components/form-field.tsx';
import { Modal } from '../../components/modal.tsx';
import { useT } from '../../i18n/i18n.ts';
import { rich, slots } from '../../i18n/rich-text.tsx';
import { api } from '../../lib/api-client.ts';
import { useCurrentUser } from '../../lib/auth-context.tsx';
import { type FormErrors, fieldErrors, formErrorsFrom, hasErrors, noErrors } from '../../lib/form-errors.ts';
import { isCefrLevel, languageCatalogue, languageLabel, levelOptions } from '../../lib/languages.ts';
import { NewConversationExtras } from './extension-points.tsx';

type Titled = Pick<Conversation | ConversationListItem, 'id' | 'title'>;

const maxTitleLength = 120;

/**
 * Starts a conversation. The learner's own target languages come first, each defaulting to the level in
 * their profile; every catalogue language is offered below them (any language the model speaks works).
 */
export function NewConversationDialog({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (conversation: Conversation) => void;
}) {
  const t = useT('conversation-list');
  const { profile } = useCurrentUser();
  const targets = profile.targetLanguages;
  const profileLevel = (code: string): CefrLevel =>
    targets.find((target) => target.language === code)?.level ?? 'A1';
  const firstLanguage = targets[0]?.language ?? '';
  const [language, setLanguage] = useState(firstLanguage);
  const [level, setLevel] = useState<CefrLevel>(profileLevel(firstLanguage));
  const [title, setTitle] = useState('');
  const [extras, setExtras] = useState<Record<string, unknown>>({});
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const languageId = useId();

  const own = new Set(targets.map((target) => target.language));
  const others = languageCatalogue.filter((entry) => !own.has(entry.code));

  function chooseLanguage(code: string) {
    setLanguage(code);
    // The level follows the language: the profile's level for it, or the beginning for a new one.
    setLevel(profileLevel(code));
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const clientErrors = fieldErrors({
      language: language === '' ? t('errors.chooseLanguage') : null,
      title: title.trim().length > maxTitleLength ? t('errors.titleTooLong', { max: maxTitleLength }) : null,
    });
    setErrors(clientErrors);
    if (hasErrors(clientErrors)) return;
    setBusy(true);
    try {
      const body = { ...extras, language, level, ...(title.trim() ? { title: title.trim() } : {}) };
      const result = await api.post<{ conversation: Conversation }>('/api/conversations', body);
      onCreated(result.conversation);
    } catch (error) {
      setErrors(formErrorsFrom(error, ['language', 'level', 'title']));
      setBusy(false);
    }
  }

  const languageError = errors.fields.language;
  return (
    <Modal title={t('new.title')} onClose={onClose}>
      <form onSubmit={submit} noValidate className="form">
        <FormAlert message={errors.form} />
        <div className="field" data-invalid={languageError ? true : undefined}>
          <label htmlFor={languageId} className="field-label">
            {t('new.language')}
          </label>
          {/* Grouped, so the learner's languages are not lost among the whole catalogue. */}
          <select
            id={languageId}
            name="language"
            value={language}
            onChange={(event) => chooseLanguage(event.target.value)}
            aria-invalid={languageError ? true : undefined}
            aria-describedby={languageError ? `${languageId}-error` : undefined}
          >
            {language === '' ? (
              <option value="" disabled>
                {t('new.chooseLanguage')}
              </option>
            ) : null}
            {targets.length > 0 ? (
              <optgroup label={t('new.yourLanguages')}>
                {targets.map((target) => {
                  const entry = languageCatalogue.find((item) => item.code === target.language);
                  return (
                    <option key={target.language} value={target.language}>
                      {entry ? languageLabel(entry) : target.language}
                    </option>
                  );
                })}
              </optgroup>
            ) : null}
            <optgroup label={t('new.otherLanguages')}>
              {others.map((entry) => (
                <option key={entry.code} value={entry.code}>
                  {languageLabel(entry)}
                </option>
              ))}
            </optgroup>
          </select>
          {languageError ? (
            <p id={`${languageId}-error`} className="field-error">
              {languageError}
            </p>
          ) : null}
        </div>
        <SelectField
          label={t('new.level')}
          name="level"
          value={level}
          onChange={(value) => {
            if (isCefrLevel(value)) setLevel(value);
          }}
          options={levelOptions()}
          hint={own.has(language) ? t('new.levelHint') : undefined}
          error={errors.fields.level}
        />
        {/* Extension point: persona, scenario and tutor-mode pickers (Tutor feature). */}
        <NewConversationExtras language={language} level={level} value={extras} onChange={setExtras} />
        <TextField
          label={t('new.titleLabel')}
          name="title"
          value={title}
          onChange={setTitle}
          optional
          maxLength={maxTitleLength}
          hint={t('new.titleHint')}
          error={errors.fields.title}
        />
        <DialogActions onCancel={onClose} busy={busy}>
          {t('new.start')}
        </DialogActions>
      </form>
    </Modal>
  );
}

export function RenameConversationDialog({
  conversation,
  onClose,
  onRenamed,
}: {
  conversation: Titled;
  onClose: () => void;
  onRenamed: (conversation: Conversation) => void;
}) {
  const t = useT('conversation-list');
  const [title, setTitle] = useState(conversation.title);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = title.trim();
    const clientErrors = fieldErrors({
      title:
        trimmed === ''
          ? t('errors.titleEmpty')
          : trimmed.length > maxTitleLength
            ? t('errors.titleTooLong', { max: maxTitleLength })
            : null,
    });
    setErrors(clientErrors);
    if (hasErrors(clientErrors)) return;
    setBusy(true);
    try {
      const result = await api.patch<{ conversation: Conversation }>(
        `/api/conversations/${encodeURIComponent(conversation.id)}`,
        { title: trimmed },
      );
      onRenamed(result.conversation);
    } catch (error) {
      setErrors(formErrorsFrom(error, ['title']));
      setBusy(false);
    }
  }

  return (
    <Modal title={t('rename.title')} onClose={onClose}>
      <form onSubmit={submit} noValidate className="form">
        <FormAlert message={errors.form} />
        <TextField
          label={t('rename.label')}
          name="title"
          value={title}
          onChange={setTitle}
          maxLength={maxTitleLength}
          error={errors.fields.title}
          required
        />
        <DialogActions onCancel={onClose} busy={busy}>
          {t('rename.submit')}
        </DialogActions>
      </form>
    </Modal>
  );
}

export function DeleteConversationDialog({
  conversation,
  onClose,
  onDeleted,
}: {
  conversation: Titled;
  onClose: () => void;
  onDeleted: (id: string) => void;
}) {
  const t = useT('conversation-list');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.delete(`/api/conversations/${encodeURIComponent(conversation.id)}`);
      onDeleted(conversation.id);
    } catch (caught) {
      setError(formErrorsFrom(caught, []).form);
      setBusy(false);
    }
  }

  return (
    <Modal title={t('delete.title')} onClose={onClose}>
      <form onSubmit={submit} className="form">
        <p>{rich(t('delete.text', slots('title')), { title: <strong>{conversation.title}</strong> })}</p>
        <FormAlert message={error} />
        <DialogActions onCancel={onClose} busy={busy} variant="danger">
          {t('delete.submit')}
        </DialogActions>
      </form>
    </Modal>
  );
}

import { type FormEvent, useState } from 'react';
import { DialogActions, FormAlert, TextField } from '../../components/form-field.tsx';
import { Modal } from '../../components/modal.tsx';
import { useT } from '../../i18n/i18n.ts';
import { formErrorsFrom, noErrors } from '../../lib/form-errors.ts';

export type CardDraft = { term: string; translation: string; exampleSentence: string; notes: string };

const fieldNames = ['term', 'translation', 'exampleSentence', 'notes'] as const;

type Props = {
  title: string;
  /** The language being learned: the front and the example are in it. */
  language: string;
  initial: CardDraft;
  submitLabel: string;
  onSubmit: (draft: CardDraft) => Promise<void>;
  onClose: () => void;
};

/**
 * A card's four texts in a dialog, pre-filled and editable: used before a card from a conversation
 * is saved, and to edit a card afterwards. A card without a translation can only be flipped, so an
 * empty translation asks for one.
 */
export function CardEditorDialog({ title, language, initial, submitLabel, onSubmit, onClose }: Props) {
  const t = useT('vocabulary');
  const [draft, setDraft] = useState(initial);
  const [errors, setErrors] = useState(noErrors);
  const [busy, setBusy] = useState(false);
  const set = (name: keyof CardDraft) => (value: string) =>
    setDraft((current) => ({ ...current, [name]: value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setErrors(noErrors);
    try {
      await onSubmit({
        term: draft.term.trim(),
        translation: draft.translation.trim(),
        exampleSentence: draft.exampleSentence.trim(),
        notes: draft.notes.trim(),
      });
    } catch (caught) {
      setErrors(formErrorsFrom(caught, fieldNames));
      setBusy(false);
    }
  }

  return (
    <Modal title={title} onClose={onClose}>
      <form className="form" onSubmit={submit} noValidate>
        <FormAlert message={errors.form} />
        <TextField
          label={t('editor.front')}
          name="term"
          value={draft.term}
          onChange={set('term')}
          lang={language}
          required
          error={errors.fields.term}
        />
        <TextField
          label={t('editor.translation')}
          name="translation"
          value={draft.translation}
          onChange={set('translation')}
          error={errors.fields.translation}
          hint={draft.translation.trim() ? undefined : t('editor.translationHint')}
        />
        <TextField
          label={t('editor.example')}
          name="exampleSentence"
          value={draft.exampleSentence}
          onChange={set('exampleSentence')}
          lang={language}
          optional
          error={errors.fields.exampleSentence}
        />
        <TextField
          label={t('editor.notes')}
          name="notes"
          value={draft.notes}
          onChange={set('notes')}
          optional
          error={errors.fields.notes}
        />
        <DialogActions busy={busy} disabled={!draft.term.trim()} onCancel={onClose}>
          {submitLabel}
        </DialogActions>
      </form>
    </Modal>
  );
}

import { type FormEvent, useEffect, useState } from 'react';
import type { Conversation } from '../../../../contracts/conversations.ts';
import type { Persona } from '../../../../contracts/tutor.ts';
import { DialogActions, FormAlert, SelectField } from '../../components/form-field.tsx';
import { Modal } from '../../components/modal.tsx';
import { useT } from '../../i18n/i18n.ts';
import { type FormErrors, formErrorsFrom, noErrors } from '../../lib/form-errors.ts';
import { conversationPolicyOptions, fetchPersonas, updateConversationTutor } from './tutor-api.ts';

/**
 * Changes who tutors an ongoing conversation and how much it corrects. Both take effect from the
 * next turn; what was said stays as it was.
 */
export function TutorSettingsDialog({
  conversation,
  onClose,
  onSaved,
}: {
  conversation: Conversation;
  onClose: () => void;
  onSaved: (conversation: Conversation) => void;
}) {
  const t = useT('tutor-session');
  const tc = useT('common');
  const [personas, setPersonas] = useState<Persona[] | null>(null);
  const [personaId, setPersonaId] = useState(conversation.personaId ?? '');
  const [policy, setPolicy] = useState<string>(conversation.correctionPolicy ?? '');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    fetchPersonas(controller.signal)
      .then(setPersonas)
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setErrors(formErrorsFrom(error, []));
      });
    return () => controller.abort();
  }, []);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    try {
      onSaved(
        await updateConversationTutor(conversation.id, {
          personaId: personaId === '' ? null : personaId,
          correctionPolicy: policy === '' ? null : policy,
        }),
      );
    } catch (error) {
      setErrors(formErrorsFrom(error, ['personaId', 'correctionPolicy']));
      setBusy(false);
    }
  }

  return (
    <Modal title={t('dialog.title')} onClose={onClose}>
      <form onSubmit={submit} noValidate className="form">
        <FormAlert message={errors.form} />
        <SelectField
          label={t('dialog.persona')}
          name="personaId"
          value={personaId}
          onChange={setPersonaId}
          options={[
            { value: '', label: t('dialog.defaultPersona') },
            ...(personas ?? []).map((persona) => ({ value: persona.id, label: persona.name })),
          ]}
          disabled={personas === null}
          hint={personas?.find((persona) => persona.id === personaId)?.description}
          error={errors.fields.personaId}
        />
        <SelectField
          label={t('dialog.corrections')}
          name="correctionPolicy"
          value={policy}
          onChange={setPolicy}
          options={conversationPolicyOptions()}
          hint={t('dialog.correctionsHint')}
          error={errors.fields.correctionPolicy}
        />
        <DialogActions onCancel={onClose} busy={busy}>
          {tc('actions.save')}
        </DialogActions>
      </form>
    </Modal>
  );
}

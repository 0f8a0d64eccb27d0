import { lazy, Suspense, useId, useState } from 'react';
import { preloadNamespaces, useT } from '../../i18n/i18n.ts';
import type { PracticeProps } from './pronunciation-practice.tsx';
import { useTranscriber } from './speech-engine.ts';

/** The practice itself (recorder, word alignment) loads when it is opened: the screens' first load is full. */
const PronunciationPractice = lazy(async () => {
  const [module] = await Promise.all([
    import('./pronunciation-practice.tsx'),
    preloadNamespaces(['speech-practice']),
  ]);
  return module;
});

/** "Practise saying this": opens the practice under a reply or a card. Offered only where it can work. */
export function PractiseToggle({ sentences, language, owner }: PracticeProps) {
  const t = useT('speech');
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const transcriber = useTranscriber(language);
  const canListen = transcriber.way === 'browser' || transcriber.serverReady;
  if (!canListen || sentences.length === 0) return null;
  return (
    <>
      <button
        type="button"
        className="button button-quiet button-small speech-practise"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        onClick={() => setOpen((value) => !value)}
      >
        {open ? t('practice.close') : t('practice.open')}
      </button>
      {open ? (
        <div id={panelId} className="practice-frame">
          <Suspense fallback={<p className="practice-status">{t('practice.opening')}</p>}>
            <PronunciationPractice sentences={sentences} language={language} owner={owner} />
          </Suspense>
        </div>
      ) : null}
    </>
  );
}

import { lazy, Suspense, useId, useState } from 'react';
import type { PracticeProps } from './pronunciation-practice.tsx';
import { useTranscriber } from './speech-engine.ts';

/** The practice itself (recorder, word alignment) loads when it is opened: the screens' first load is full. */
const PronunciationPractice = lazy(() => import('./pronunciation-practice.tsx'));

/** "Practise saying this": opens the practice under a reply or a card. Offered only where it can work. */
export function PractiseToggle({ sentences, language, owner }: PracticeProps) {
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
        {open ? 'Close practice' : 'Practise saying this'}
      </button>
      {open ? (
        <div id={panelId} className="practice-frame">
          <Suspense fallback={<p className="practice-status">Opening the practice…</p>}>
            <PronunciationPractice sentences={sentences} language={language} owner={owner} />
          </Suspense>
        </div>
      ) : null}
    </>
  );
}

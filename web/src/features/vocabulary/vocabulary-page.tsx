import { NavLink, Route, Routes, useSearchParams } from 'react-router';
import { PageTitle } from '../../components/page-states.tsx';
import { useT } from '../../i18n/i18n.ts';
import { useCurrentUser } from '../../lib/auth-context.tsx';
import { languageName } from '../../lib/languages.ts';
import { DeckPage } from './deck-page.tsx';
import { DecksPanel } from './decks.tsx';
import { ForecastChart } from './forecast-chart.tsx';
import { ReviewSession } from './review-session.tsx';
import './vocabulary.css';

function ReviewTab() {
  const t = useT('vocabulary');
  const user = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const deckId = params.get('deck') ?? undefined;
  const language = deckId ? undefined : (params.get('language') ?? undefined);
  const targets = user.profile.targetLanguages;
  return (
    <>
      {!deckId && targets.length > 1 ? (
        <label className="field review-language">
          <span className="field-label">{t('language')}</span>
          <select
            value={language ?? ''}
            onChange={(event) => setParams(event.target.value ? { language: event.target.value } : {})}
          >
            <option value="">{t('allLanguages')}</option>
            {targets.map((target) => (
              <option key={target.language} value={target.language}>
                {languageName(target.language)}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <ReviewSession language={language} deckId={deckId} />
      <ForecastChart language={language} />
    </>
  );
}

/** Vocabulary: the review session, decks and their words. */
export function VocabularyPage() {
  const t = useT('vocabulary');
  return (
    <section className="page vocabulary-page">
      <PageTitle lead={t('lead')}>{t('title')}</PageTitle>
      <nav className="subnav" aria-label={t('tabs.label')}>
        <NavLink end to="/vocabulary">
          {t('tabs.review')}
        </NavLink>
        <NavLink to="/vocabulary/decks">{t('tabs.decks')}</NavLink>
      </nav>
      <Routes>
        <Route index element={<ReviewTab />} />
        <Route path="decks" element={<DecksPanel />} />
        <Route path="decks/:deckId" element={<DeckPage />} />
      </Routes>
    </section>
  );
}

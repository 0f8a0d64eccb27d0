import { Link, NavLink, Route, Routes, useSearchParams } from 'react-router';
import type { GrammarTopic } from '../../../../contracts/grammar.ts';
import { ContentLanguageNote } from '../../components/content-language-note.tsx';
import { LoadError, PageLoading, PageTitle } from '../../components/page-states.tsx';
import { useT } from '../../i18n/i18n.ts';
import { useCurrentUser } from '../../lib/auth-context.tsx';
import { languageCatalogue, languageName } from '../../lib/languages.ts';
import { useApiQuery } from '../../lib/use-api-query.ts';
import { ArticleDrill } from './article-drill.tsx';
import { ConjugationDrill } from './conjugation-drill.tsx';
import { GeneratedExercises } from './generated-exercises.tsx';
import './grammar.css';

function TopicList({ language }: { language: string }) {
  const t = useT('grammar');
  const query = useApiQuery<{ topics: GrammarTopic[] }>(`/api/grammar/topics?language=${language}`);
  if (query.loading && !query.data) return <PageLoading />;
  if (query.error) return <LoadError message={query.error.message} onRetry={query.reload} />;
  const topics = query.data?.topics ?? [];
  if (topics.length === 0) {
    return <p className="muted">{t('topics.none', { language: languageName(language) })}</p>;
  }
  const levels = [...new Set(topics.map((topic) => topic.level))];
  return (
    <div className="topics">
      <ContentLanguageNote />
      {levels.map((level) => (
        <section key={level} aria-labelledby={`level-${level}`}>
          <h2 id={`level-${level}`} className="topic-level">
            {level}
          </h2>
          <ul className="topic-list">
            {topics
              .filter((topic) => topic.level === level)
              .map((topic) => (
                <li key={topic.id} className="card topic">
                  <h3 lang="en">{topic.title}</h3>
                  <p lang="en">{topic.summary}</p>
                  <p className="topic-example" lang={language}>
                    {topic.example}
                  </p>
                  <p className="row-actions">
                    {topic.drill?.type === 'conjugation' ? (
                      <Link
                        className="button button-small button-primary"
                        to={`/grammar/conjugation?language=${language}&verbs=${encodeURIComponent(topic.drill.verbs.join(','))}&tenses=${encodeURIComponent(topic.drill.tenses.join(','))}`}
                      >
                        {t('topics.drill')}
                        <span className="visually-hidden">: {topic.title}</span>
                      </Link>
                    ) : null}
                    {topic.drill?.type === 'articles' ? (
                      <Link
                        className="button button-small button-primary"
                        to={`/grammar/articles?language=${language}`}
                      >
                        {t('topics.articleDrill')}
                      </Link>
                    ) : null}
                    <Link
                      className="button button-small"
                      to={`/grammar/exercises?language=${language}&topic=${encodeURIComponent(topic.id)}`}
                    >
                      {t('topics.exercises')}
                      <span className="visually-hidden">: {topic.title}</span>
                    </Link>
                  </p>
                </li>
              ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

/** Grammar: the topic catalogue, offline drills and AI-written exercises. */
export function GrammarPage() {
  const t = useT('grammar');
  const user = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const targets = user.profile.targetLanguages.map((target) => target.language);
  const language = params.get('language') ?? targets[0] ?? 'es';
  const conjugation = languageCatalogue.find((entry) => entry.code === language)?.conjugation ?? false;
  const suffix = `?language=${language}`;

  return (
    <section className="page grammar-page">
      <PageTitle lead={t('lead')}>{t('title')}</PageTitle>
      {targets.length > 1 ? (
        <label className="field grammar-language">
          <span className="field-label">{t('language')}</span>
          <select value={language} onChange={(event) => setParams({ language: event.target.value })}>
            {targets.map((code) => (
              <option key={code} value={code}>
                {languageName(code)}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <nav className="subnav" aria-label={t('tabs.label')}>
        <NavLink end to={`/grammar${suffix}`}>
          {t('tabs.topics')}
        </NavLink>
        {conjugation ? <NavLink to={`/grammar/conjugation${suffix}`}>{t('tabs.conjugation')}</NavLink> : null}
        {language === 'de' ? (
          <NavLink to={`/grammar/articles${suffix}`} lang="de" translate="no">
            der, die, das
          </NavLink>
        ) : null}
        <NavLink to={`/grammar/exercises${suffix}`}>{t('tabs.exercises')}</NavLink>
      </nav>
      <Routes>
        <Route index element={<TopicList language={language} />} />
        <Route
          path="conjugation"
          element={
            conjugation ? (
              <ConjugationDrill key={language} language={language} />
            ) : (
              <p className="muted">{t('conjugation.none', { language: languageName(language) })}</p>
            )
          }
        />
        <Route path="articles" element={<ArticleDrill />} />
        <Route
          path="exercises"
          element={
            <GeneratedExercises
              key={language}
              language={language}
              topicId={params.get('topic') ?? undefined}
            />
          }
        />
      </Routes>
    </section>
  );
}

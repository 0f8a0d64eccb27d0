import { Link } from 'react-router';
import { useCurrentUser } from '../../lib/auth-context.tsx';
import { greetingFor, languageName, levelDescriptions } from '../../lib/languages.ts';

export function HomePage() {
  const user = useCurrentUser();
  const { targetLanguages, dailyGoalMinutes, nativeLanguage } = user.profile;
  const greeting = greetingFor(targetLanguages[0]?.language);
  // Spanish opens an exclamation with "¡"; the word carries it, the closing "!" is shared.
  const greetingText = `${greeting.word}, ${user.username}!`;

  return (
    <section className="page">
      <title>Home · Charla</title>
      <div className="page-title">
        <h1>
          <span lang={greeting.language} dir="auto">
            {greetingText}
          </span>
        </h1>
        <p className="lead">Good to see you. Here is what you are working on.</p>
      </div>

      <div className="card-grid">
        <section className="card" aria-labelledby="home-languages">
          <h2 id="home-languages">{targetLanguages.length === 1 ? 'Your language' : 'Your languages'}</h2>
          {targetLanguages.length === 0 ? (
            <p>
              You have not chosen a language to learn yet. <Link to="/settings">Choose one in settings</Link>.
            </p>
          ) : (
            <ul className="language-list">
              {targetLanguages.map((target) => (
                <li key={target.language}>
                  <span className="language-name">{languageName(target.language)}</span>
                  <span className="badge badge-level" title={levelDescriptions[target.level]}>
                    {target.level}
                  </span>
                  <span className="muted">{levelDescriptions[target.level]}</span>
                </li>
              ))}
            </ul>
          )}
          {nativeLanguage ? <p className="muted">Explanations in {languageName(nativeLanguage)}.</p> : null}
        </section>

        <section className="card" aria-labelledby="home-goal">
          <h2 id="home-goal">Daily goal</h2>
          <p className="big-number">
            {dailyGoalMinutes} <span className="big-number-unit">minutes a day</span>
          </p>
        </section>
      </div>

      <p>
        <Link to="/settings">Change languages, level or goal</Link>
      </p>
    </section>
  );
}

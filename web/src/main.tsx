import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { App } from './app.tsx';
import { initialLanguage, setLanguage } from './i18n/i18n.ts';
import { AuthProvider } from './lib/auth-context.tsx';
import './styles.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

const root = createRoot(container);

function renderApp() {
  root.render(
    <StrictMode>
      <BrowserRouter>
        <AuthProvider>
          <App />
        </AuthProvider>
      </BrowserRouter>
    </StrictMode>,
  );
}

// The shell's words first (one small catalogue of the language this browser used last, or prefers);
// a signed-in member's own choice follows from their profile. Rendering goes ahead even if the
// catalogue failed to load: the app's pages then show the keys and the error is in the console.
setLanguage(initialLanguage()).then(renderApp, (error: unknown) => {
  console.error(error);
  renderApp();
});

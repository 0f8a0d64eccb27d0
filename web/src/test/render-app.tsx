import { MemoryRouter } from 'react-router';
import { App } from '../app.tsx';
import { AuthProvider } from '../lib/auth-context.tsx';
import { type Rendered, render } from './dom.tsx';

/** The whole app, signed-in state from the mocked `GET /api/me`, opened at `path`. */
export function renderApp(path: string): Promise<Rendered> {
  return render(
    <MemoryRouter initialEntries={[path]}>
      <AuthProvider>
        <App />
      </AuthProvider>
    </MemoryRouter>,
  );
}

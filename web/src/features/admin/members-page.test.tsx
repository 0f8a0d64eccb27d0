// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  apiError,
  click,
  fill,
  getButton,
  getByLabel,
  json,
  linkTexts,
  mockFetch,
  queryButton,
  type Rendered,
  waitFor,
} from '../../test/dom.tsx';
import { makeMember, makeUser } from '../../test/fixtures.ts';
import { renderApp } from '../../test/render-app.tsx';

let rendered: Rendered | null = null;
afterEach(() => {
  rendered?.unmount();
  vi.unstubAllGlobals();
});

const owner = makeUser({ id: 'owner-id', username: 'mama', role: 'admin', isOwner: true });
const child = makeMember({ id: 'child-id', username: 'leo', isChild: true, lastSeenAt: null });

function rowOf(page: HTMLElement, username: string): HTMLElement {
  const row = [...page.querySelectorAll('tbody tr')].find(
    (tr) => tr.querySelector('.member-name')?.textContent === username,
  );
  if (!row) throw new Error(`No row for ${username}`);
  return row as HTMLElement;
}

describe('members page', () => {
  it('lists members with badges and never offers to delete or disable the owner', async () => {
    mockFetch({
      'GET /api/me': () => json({ user: owner, csrfToken: 'c' }),
      'GET /api/admin/members': () => json({ members: [{ ...owner, lastSeenAt: null }, child] }),
    });
    rendered = await renderApp('/admin/members');
    const page = rendered.container;
    await waitFor(() => rowOf(page, 'leo'));

    const ownerRow = rowOf(page, 'mama');
    expect(ownerRow.textContent).toContain('Owner');
    expect(queryButton(ownerRow, 'Delete (mama)')).toBeNull();
    expect(queryButton(ownerRow, 'Disable (mama)')).toBeNull();
    expect(queryButton(ownerRow, 'Make learner (mama)')).toBeNull();

    const childRow = rowOf(page, 'leo');
    expect(childRow.textContent).toContain('Child');
    expect(childRow.textContent).toContain('Never');
    expect(getButton(childRow, 'Delete (leo)')).toBeTruthy();
    expect(getButton(childRow, 'Disable (leo)')).toBeTruthy();
  });

  it('offers transcripts only for child members, linking to their read-only view', async () => {
    const adult = makeMember({ id: 'adult-id', username: 'ana', isChild: false });
    mockFetch({
      'GET /api/me': () => json({ user: owner, csrfToken: 'c' }),
      'GET /api/admin/members': () => json({ members: [{ ...owner, lastSeenAt: null }, child, adult] }),
    });
    rendered = await renderApp('/admin/members');
    const page = rendered.container;
    await waitFor(() => rowOf(page, 'leo'));

    const link = rowOf(page, 'leo').querySelector('a');
    expect(link?.textContent).toBe('Transcripts (leo)');
    expect(link?.getAttribute('href')).toBe('/admin/members/child-id/transcripts');
    for (const username of ['mama', 'ana']) {
      expect(linkTexts(rowOf(page, username)).filter((text) => text.startsWith('Transcripts'))).toEqual([]);
    }
  });

  it('creates a member and shows a taken username at the top of the form', async () => {
    const calls = mockFetch({
      'GET /api/me': () => json({ user: owner, csrfToken: 'c' }),
      'GET /api/admin/members': () => json({ members: [{ ...owner, lastSeenAt: null }] }),
      'POST /api/admin/members': (call) => {
        const body = call.body as { username: string };
        return body.username === 'mama'
          ? apiError(409, 'conflict', 'That username is taken')
          : json({ member: makeMember({ id: 'new-id', username: body.username, isChild: true }) }, 201);
      },
    });
    rendered = await renderApp('/admin/members');
    const page = rendered.container;
    await waitFor(() => getByLabel(page, 'Child account'));

    await fill(getByLabel(page, 'Username'), 'mama');
    await fill(getByLabel(page, 'Temporary password'), 'a-long-password');
    await click(getButton(page, 'Create member'));
    await waitFor(() =>
      expect(page.querySelector('form [role="alert"]')?.textContent).toBe('That username is taken'),
    );

    await fill(getByLabel(page, 'Username'), 'sofia');
    await click(getByLabel(page, 'Child account') as HTMLInputElement);
    await click(getButton(page, 'Create member'));
    await waitFor(() => rowOf(page, 'sofia'));
    expect(calls.filter((call) => call.method === 'POST').at(-1)?.body).toEqual({
      username: 'sofia',
      password: 'a-long-password',
      role: 'learner',
      isChild: true,
    });
    expect(page.textContent).toContain('Created sofia.');
  });
});

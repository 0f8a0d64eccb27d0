import { type Browser, expect, type Page, test } from '@playwright/test';
import { checkPage } from './page-checks.ts';
import { createOnboardedLearner, learnerPassword, owner, screenshot, signInByApi } from './support.ts';

/*
 * The owner manages a member on the Members page, and each change is seen from the member's own
 * browser: made an admin (the admin sections appear) and a child account, disabled (signed out on
 * the next request, and refused at sign-in), enabled again, given a new password (the old one stops
 * working, the new one works) and deleted (signed out, and the account is gone).
 */

const member = 'adm-marta';
const resetPassword = 'marta temporary password 2026';

async function signIn(page: Page, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Username').fill(member);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

async function memberDevice(browser: Browser): Promise<Page> {
  const device = await (await browser.newContext()).newPage();
  await signIn(device, learnerPassword);
  await expect(device.getByRole('navigation', { name: 'Main' })).toBeVisible();
  return device;
}

/** The member's next request finds the session gone, and the app returns to the sign-in page. */
async function expectSignedOut(device: Page): Promise<void> {
  // A navigation to another page (each one asks the server for something).
  const next = new URL(device.url()).pathname.startsWith('/grammar') ? 'Vocabulary' : 'Grammar';
  await device.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: next }).click();
  await expect(device.getByRole('heading', { name: 'Sign in', level: 1 })).toBeVisible();
}

test('an admin edits, disables, resets and deletes a member; the member sees each change', async ({
  page,
  browser,
}) => {
  test.setTimeout(90_000);
  await createOnboardedLearner(page.request, member, { target: 'it', level: 'A1' });
  const device = await memberDevice(browser);
  const nav = device.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'Members' })).toHaveCount(0);
  await checkPage(device, () => expect(device.getByRole('heading', { level: 1 })).toContainText(member));

  await signInByApi(page.request, owner.username, owner.password);
  await page.goto('/admin/members');
  await expect(page.getByRole('heading', { name: 'Members', level: 1 })).toBeVisible();
  const row = page.getByRole('row', { name: new RegExp(member) });
  await expect(row).toBeVisible();
  await checkPage(page, () => expect(row).toBeVisible());
  const status = page.locator('.page > [role="status"]');

  // --- Edit: make her an admin; on her next page the admin sections are there. ---
  await row.getByRole('button', { name: `Make admin (${member})` }).click();
  await expect(status).toHaveText(`${member} is now an admin.`);
  await expect(row.getByRole('cell', { name: 'Admin' })).toBeVisible();
  await device.reload();
  await expect(nav.getByRole('link', { name: 'Members' })).toBeVisible();
  // And back to a learner, marked as a child account: the mark stays after a reload.
  await row.getByRole('button', { name: `Make learner (${member})` }).click();
  await expect(status).toHaveText(`${member} is now a learner.`);
  await row.getByRole('button', { name: `Mark as child (${member})` }).click();
  await expect(status).toHaveText(`${member} is now a child account.`);
  await page.reload();
  await expect(row.locator('.badge-child')).toHaveText('Child');
  await expect(row.getByRole('cell', { name: 'Learner' })).toBeVisible();
  await expect(row.getByRole('link', { name: `Transcripts (${member})` })).toBeVisible();
  await device.reload();
  await expect(nav.getByRole('link', { name: 'Members' })).toHaveCount(0);
  await screenshot(page, 'admin-members-01-edited');

  // --- Disable: she is signed out on her next request and cannot sign in. ---
  await row.getByRole('button', { name: `Disable (${member})` }).click();
  await expect(status).toHaveText(`${member} is disabled and signed out.`);
  await expect(row.locator('.badge-disabled')).toHaveText('Disabled');
  await expectSignedOut(device);
  await signIn(device, learnerPassword);
  await expect(device.getByText('This account is disabled. Ask an admin to enable it.')).toBeVisible();
  await checkPage(device, () =>
    expect(device.getByText('This account is disabled. Ask an admin to enable it.')).toBeVisible(),
  );
  await screenshot(device, 'admin-members-02-disabled-member');

  // Enabled again, she signs in.
  await row.getByRole('button', { name: `Enable (${member})` }).click();
  await expect(status).toHaveText(`${member} can sign in again.`);
  await expect(row.locator('.badge-disabled')).toHaveCount(0);
  await signIn(device, learnerPassword);
  await expect(nav).toBeVisible();

  // --- Reset the password: she is signed out; the old password is refused, the new one works. ---
  await row.getByRole('button', { name: `Reset password (${member})` }).click();
  const dialog = page.getByRole('dialog', { name: `Reset the password of ${member}` });
  await dialog.getByLabel('New temporary password').fill('short');
  await dialog.getByRole('button', { name: 'Reset password' }).click();
  await expect(dialog.getByLabel('New temporary password')).toHaveAttribute('aria-invalid', 'true');
  await dialog.getByLabel('New temporary password').fill(resetPassword);
  await screenshot(page, 'admin-members-03-reset-dialog');
  await dialog.getByRole('button', { name: 'Reset password' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(status).toHaveText(`The password of ${member} was reset. They were signed out everywhere.`);
  await expectSignedOut(device);
  await signIn(device, learnerPassword);
  await expect(device.getByText('Wrong username or password.')).toBeVisible();
  await signIn(device, resetPassword);
  await expect(nav).toBeVisible();

  // --- Delete: confirmed in a dialog; she is signed out and the account is gone. ---
  await row.getByRole('button', { name: `Delete (${member})` }).click();
  const confirm = page.getByRole('dialog', { name: `Delete ${member}?` });
  await expect(confirm).toContainText('all of their data');
  await confirm.getByRole('button', { name: 'Delete member' }).click();
  await expect(confirm).toHaveCount(0);
  await expect(status).toHaveText(`${member} and all of their data were deleted.`);
  await expect(page.getByRole('row', { name: new RegExp(member) })).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Members', level: 1 })).toBeVisible();
  await expect(page.getByRole('row', { name: new RegExp(member) })).toHaveCount(0);
  await screenshot(page, 'admin-members-04-deleted');
  await expectSignedOut(device);
  await signIn(device, resetPassword);
  await expect(device.getByText('Wrong username or password.')).toBeVisible();
  await device.context().close();
});

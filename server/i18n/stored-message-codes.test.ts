import { describe, expect, it } from 'vitest';
import { storedFailureRef } from '../db/migrations/202612070110-stored-message-codes.ts';
import { hasMessage, render } from './messages.ts';

/** The migration's reading of the English failure sentences stored before issue 18. */
describe('stored failure sentences become keys', () => {
  it('maps the server’s own sentences, with the values they carried', () => {
    expect(storedFailureRef('The reply took too long and was cut off.')).toEqual({
      key: 'errors.model.tooLong',
    });
    expect(storedFailureRef('The reply failed: the provider had an internal error (502).')).toEqual({
      key: 'errors.model.providerInternal',
      values: { status: 502 },
    });
    expect(storedFailureRef('The connection to the provider failed (socket hang up).')).toEqual({
      key: 'errors.model.connectionFailed',
      values: { detail: 'socket hang up' },
    });
    expect(
      storedFailureRef(
        'Your monthly AI budget of $0.001 is used up ($0.001 spent). It resets on 1 December 2026 at 00:00 (UTC). An admin can raise it.',
      ),
    ).toEqual({ key: 'budget.refusal.earlier' });
  });

  it('leaves a sentence no version of the server wrote as it is', () => {
    expect(storedFailureRef('Something a provider said, word for word.')).toBeNull();
  });

  it('maps only to keys the catalogue has, and they render in every language', () => {
    const samples = [
      'Stopped.',
      'Stopped by the learner.',
      'Could not reach the provider.',
      'The server stopped while this reply was being written. Retry it.',
      'The provider "anthropic" cannot be called.',
    ];
    for (const sample of samples) {
      const ref = storedFailureRef(sample);
      expect(ref, sample).not.toBeNull();
      expect(hasMessage(ref?.key ?? '')).toBe(true);
      expect(render('en', ref as never)).toBe(sample.replace(/"(.*)"/, '“$1”'));
      expect(render('it', ref as never)).not.toBe(render('en', ref as never));
    }
  });
});

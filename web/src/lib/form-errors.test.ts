import { describe, expect, it } from 'vitest';
import { ApiError } from './api-client.ts';
import { formErrorsFrom } from './form-errors.ts';

describe('form errors', () => {
  it('puts each issue next to the field its path names, or its nearest named parent', () => {
    const error = new ApiError(400, 'validation_failed', 'Invalid request', {
      issues: [
        { path: 'username', message: 'must be at least 3 characters' },
        { path: 'targetLanguages.0.level', message: 'must be a CEFR level' },
      ],
    });

    const errors = formErrorsFrom(error, ['username', 'targetLanguages']);

    expect(errors.fields).toEqual({
      username: 'Must be at least 3 characters',
      targetLanguages: 'Must be a CEFR level',
    });
    expect(errors.form).toBe('Please correct the fields marked below.');
  });

  it('shows issues without a matching field, and other errors, at the top of the form', () => {
    const validation = new ApiError(400, 'validation_failed', 'Invalid request body: role: is not allowed', {
      issues: [{ path: 'role', message: 'is not allowed' }],
    });
    expect(formErrorsFrom(validation, ['username'])).toEqual({
      form: 'Invalid request body: role: is not allowed',
      fields: {},
    });

    const conflict = new ApiError(409, 'conflict', 'That username is taken');
    expect(formErrorsFrom(conflict, ['username'])).toEqual({ form: 'That username is taken', fields: {} });
  });
});

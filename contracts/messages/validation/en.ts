/**
 * What is wrong with one field of a request (`details.issues[].message`, shown next to the field).
 * The server matches the contracts' English messages to these keys, and words zod's own issues here.
 */
export default {
  required: 'is required',
  notEmpty: 'must not be empty',
  minChars: 'must be at least {minimum, plural, one {# character} other {# characters}}',
  maxChars: 'must be at most {maximum, plural, one {# character} other {# characters}}',
  minNumber: 'must be at least {minimum}',
  maxNumber: 'must be at most {maximum}',
  minItems: 'needs at least {minimum, plural, one {# item} other {# items}}',
  maxItems: 'has room for at most {maximum, plural, one {# item} other {# items}}',
  wrongType: 'is not the right kind of value',
  oneOf: 'must be one of: {values}',
  email: 'must be a valid email address',
  format: 'is not in the expected format',
  unknownField: 'is not a known field',
  invalid: 'is invalid',
  usernameCharacters: 'may only contain letters a-z, digits, dot, underscore and hyphen',
  singleLine: 'must be a single line',
  controlCharacters: 'must not contain control characters',
  nothingToUpdate: 'nothing to update',
  chooseTarget: 'choose at least one target language',
  maxTargets: 'at most 10 target languages',
  targetOnce: 'each target language may appear only once',
  targetNotNative: 'must differ from your native language',
  addTarget: 'add at least one language',
  wholeNumber: 'must be a whole number',
  notNegative: 'must not be negative',
  rating: 'must be 1 (again), 2 (hard), 3 (good) or 4 (easy)',
  notCorrect: 'is not correct',
} as const;

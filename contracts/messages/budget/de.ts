import type { Translation } from '../languages.ts';
import type en from './en.ts';

export default {
  'todo.placeholder': '',
} satisfies Translation<typeof en>;

export default {
  'todo.placeholder': '',
} as const;

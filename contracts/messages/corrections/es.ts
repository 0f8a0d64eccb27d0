import type { Translation } from '../languages.ts';
import type en from './en.ts';

export default {
  off: 'Desactivadas',
  'off.description': 'Sin correcciones: solo conversación.',
  'on-request': 'A petición',
  'on-request.description': 'Correcciones solo cuando las pidas.',
  important: 'Solo lo importante',
  'important.description': 'Como mucho 3 correcciones por turno: los errores que más importan.',
  all: 'Todas',
  'all.description': 'Se corrige cada error, por pequeño que sea.',
} satisfies Translation<typeof en>;

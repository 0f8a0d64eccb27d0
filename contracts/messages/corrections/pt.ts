import type { Translation } from '../languages.ts';
import type en from './en.ts';

export default {
  off: 'Desligadas',
  'off.description': 'Sem correções: só conversa.',
  'on-request': 'A pedido',
  'on-request.description': 'Correções só quando as pedir.',
  important: 'Só as importantes',
  'important.description': 'No máximo 3 correções por vez: os erros que mais importam.',
  all: 'Todas',
  'all.description': 'Todos os erros são corrigidos, por mais pequenos que sejam.',
} satisfies Translation<typeof en>;

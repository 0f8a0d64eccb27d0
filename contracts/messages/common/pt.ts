import type { Translation } from '../languages.ts';
import type en from './en.ts';

export default {
  'nav.home': 'Início',
  'nav.conversations': 'Conversas',
  'nav.vocabulary': 'Vocabulário',
  'nav.grammar': 'Gramática',
  'nav.reading': 'Leitura',
  'nav.tutor': 'Personagens e cenários',
  'nav.usage': 'Consumo',
  'nav.settings': 'Perfil e definições',
  'nav.members': 'Membros',
  'nav.adminUsage': 'Consumo e orçamentos',
  'nav.providers': 'Fornecedores de IA',
  'nav.serverSettings': 'Definições do servidor',
  'nav.learn': 'Aprender',
  'nav.account': 'Conta',
  'nav.admin': 'Administração',

  'shell.skipToContent': 'Saltar para o conteúdo',
  'shell.signedInAs': 'Sessão iniciada como {name}',
  'shell.signOut': 'Terminar sessão',
  'shell.menu': 'Menu',
  'shell.mainNav': 'Principal',

  'states.loading': 'A carregar…',
  'states.documentTitle': '{page} · Charla',
  'states.notFound': 'Página não encontrada',
  'states.notFoundLead':
    'Não há nenhuma página neste endereço. Pode ter mudado de sítio, ou o link pode ter um erro.',
  'states.notAllowed': 'Acesso não permitido',
  'states.notAllowedLead':
    'Esta página é só para os administradores deste servidor. Pergunte a um deles se acha que precisa dela.',
  'states.goHome': 'Ir para o início',
  'states.serverUnreachable': 'O Charla não consegue contactar o servidor',
  'states.serverSilent': 'O servidor não respondeu.',

  'actions.tryAgain': 'Tentar de novo',
  'actions.cancel': 'Cancelar',
  'actions.close': 'Fechar',
  'actions.save': 'Guardar',

  'form.optional': '(opcional)',
  'form.correctFields': 'Corrija os campos assinalados abaixo.',

  'errors.generic': 'Algo correu mal. Tente de novo.',
  'errors.network': 'Não foi possível contactar o servidor. Verifique a ligação e tente de novo.',
  'errors.unexpectedStatus': 'O servidor respondeu com um erro inesperado (HTTP {status}). Tente de novo.',
  'errors.unreadable': 'O servidor enviou uma resposta que a aplicação não consegue ler.',
  'errors.streamLost':
    'A ligação perdeu-se antes de a resposta terminar. O que foi guardado aparece ao recarregar.',
  'errors.loadFailed': 'Não foi possível carregar.',

  'language.notSet': 'Não definido',
  'language.interface': 'Idioma da interface',
  'language.interfaceHint': 'O idioma dos menus, botões e mensagens do Charla.',

  'level.A1': 'Iniciante: frases simples',
  'level.A2': 'Elementar: situações do dia a dia',
  'level.B1': 'Intermédio: temas familiares com à-vontade',
  'level.B2': 'Intermédio superior: fluente na maioria dos temas',
  'level.C1': 'Avançado: flexível e preciso',
  'level.C2': 'Domínio',

  'budgetAlert.seeUsage': 'Ver o consumo',
  'budgetAlert.dismiss': 'Dispensar',
  'home.title': 'Início',
  'home.leadChild': 'Pronto para praticar? Vê como estás a ir.',
  'home.lead': 'Veja como está a correr a sua prática.',
  'home.loadFailed': 'Não foi possível carregar o seu progresso: {message}',
  'home.loading': 'A carregar o seu progresso…',
  'content.inEnglish': 'Por agora, os temas de gramática incluídos estão em inglês.',
} satisfies Translation<typeof en>;

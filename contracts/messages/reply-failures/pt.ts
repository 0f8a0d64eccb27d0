import type { Translation } from '../languages.ts';
import type en from './en.ts';

export default {
  'failure.stoppedPartial': 'Parada antes do fim; o que chegou é mantido.',
  'failure.stoppedEmpty': 'Parada antes de começar.',
  'failure.interruptedPartial':
    'O servidor reiniciou enquanto escrevia esta resposta; a parte guardada é mantida.',
  'failure.interruptedEmpty': 'O servidor reiniciou antes de esta resposta começar.',
  'failure.timeoutPartial':
    'O fornecedor de IA deixou de enviar a meio desta resposta (esgotou o tempo); o que chegou é mantido.',
  'failure.timeoutEmpty': 'O fornecedor de IA demorou demasiado a responder.',
  'failure.providerPartial':
    'A ligação ao fornecedor de IA caiu a meio desta resposta; o que chegou é mantido.',
  'failure.providerEmpty': 'O fornecedor de IA não conseguiu responder.',
  'failure.otherPartial': 'Esta resposta parou antes de estar completa.',
  'failure.otherEmpty': 'Não chegou nenhuma resposta.',
  'turn.stoppedByLearner': 'Parada pelo aluno.',
  'turn.notAccepted': 'O servidor terminou a vez antes de a aceitar. Tente de novo.',
  'turn.endedEarly': 'A resposta terminou antes do tempo. Recarregue para ver o que foi guardado.',
  'turn.sendFailed': 'Não foi possível enviar. Verifique a sua ligação e tente de novo.',
  'turn.interrupted': 'A resposta foi interrompida.',
} satisfies Translation<typeof en>;

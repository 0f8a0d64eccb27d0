import type { Translation } from '../languages.ts';
import type en from './en.ts';

export default {
  unavailable: 'As correções não estão disponíveis para esta mensagem.',
  'unavailable.malformed':
    'As correções não estão disponíveis para esta mensagem: a análise voltou num formato inválido.',
  'unavailable.budget':
    'As correções não estão disponíveis para esta mensagem: o orçamento de IA não cobre a análise neste momento.',
  'unavailable.noProvider':
    'As correções não estão disponíveis para esta mensagem: não há nenhum fornecedor de IA configurado para as correções.',
  'unavailable.timeout':
    'As correções não estão disponíveis para esta mensagem: a análise demorou demasiado.',
  'unavailable.noAnswer':
    'As correções não estão disponíveis para esta mensagem: o serviço de análise não respondeu.',
  'notice.message':
    'Esta mensagem parece estar em {detected}. Tente dizê-la em {target}; o tutor ajuda se ficar com dúvidas.',
  'notice.words':
    '{count, plural, one {{words} é uma palavra em {detected}} other {{words} são palavras em {detected}}}, não em {target}. Tente dizê-la em {target}; o tutor ajuda se ficar com dúvidas.',
  quoted: '«{word}»',
} satisfies Translation<typeof en>;

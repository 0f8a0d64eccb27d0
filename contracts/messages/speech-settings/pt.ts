import type { Translation } from '../languages.ts';
import type en from './en.ts';

export default {
  title: 'Voz',
  rate: 'Velocidade da fala',
  rateHint:
    'A velocidade a que as respostas e os cartões são lidos em voz alta. Mais devagar ajuda no início.',
  rateValue: '{rate} da velocidade normal',
  voices: 'Vozes',
  voicesHint:
    'As vozes marcadas como «online» enviam o texto ao fabricante do navegador para ser lido; as outras funcionam offline.',
  'voice.label': 'Voz em {language}',
  'voice.unsupported': 'Este navegador não consegue falar, por isso não tem vozes para escolher.',
  'voice.loading': 'A procurar as vozes deste navegador…',
  'voice.none': 'Este navegador não tem voz em {language}.',
  'voice.missing': 'A voz que escolheu não está neste dispositivo: aqui fala a mais parecida.',
  'voice.automatic': 'Automática',
  'voice.automaticNamed': 'Automática ({voice})',
  'voice.notHere': '{voice} (não está neste dispositivo)',
  'voice.online': 'online',
  'voice.test': 'Testar a voz',
  stop: 'Parar',
  autoSpeak: 'Ler as respostas em voz alta à medida que chegam',
  autoSpeakHint: 'Frase a frase enquanto o tutor escreve. O modo de voz também o faz e depois ouve-o.',
  engine: 'Motor de voz',
  'engine.auto': 'Automático',
  'engine.auto.description':
    'A voz deste navegador onde funciona (gratuita); a do servidor onde o navegador não tem reconhecimento ou voz para a língua, ou o reconhecimento falha.',
  'engine.browser': 'Só este navegador',
  'engine.browser.description': 'Nada do que diz ou ouve passa pelo servidor do Charla.',
  'engine.server': 'O servidor',
  'engine.server.description':
    'As mesmas vozes e o mesmo reconhecimento em todos os dispositivos. O seu áudio é enviado para o servidor do Charla e para o fornecedor de IA configurado pelo proprietário, e conta para o seu orçamento.',
  serverVoices: 'Vozes do servidor',
  'serverVoice.label': 'Voz do servidor em {language}',
  'serverVoice.default': 'Predefinida',
  'serverVoice.defaultNamed': 'Predefinida ({voice})',
  'serverVoice.gone': '{voice} (já não disponível)',
  'serverVoice.failed': 'Não foi possível reproduzir a voz do servidor.',
  'serverVoice.server': 'servidor',
  storeAudio: 'Guardar as minhas gravações',
  storeAudioHint:
    'Desligado: o que diz através do servidor é transcrito e esquecido. Ligado: fica guardado para o ouvir de novo, listado abaixo, na sua exportação e pode ser eliminado a qualquer momento.',
  'privacy.server':
    'Ao falar, o seu áudio é enviado para o servidor do Charla, que o passa ao fornecedor de IA configurado pelo proprietário para ser transcrito.',
  'privacy.browser':
    'Neste navegador, falar usa o seu próprio reconhecimento de voz. A maioria dos navegadores envia o áudio ao fabricante para o reconhecer (o Chrome envia-o à Google); o Charla nunca o recebe, a não ser que a voz do servidor o substitua.',
  'privacy.none':
    'Este navegador não tem reconhecimento de voz: com o motor automático, a voz do servidor substitui-o onde o proprietário a configurou.',
  save: 'Guardar as definições de voz',
  saved: 'As suas definições de voz estão guardadas.',
  'note.overBudget':
    'O seu orçamento de voz esgotou-se por agora: a voz do servidor volta quando o orçamento for reposto.',
  'note.adminSpeech': 'A voz do servidor não está configurada. {link} com um fornecedor de IA que a ofereça.',
  'note.adminTranscription':
    'A transcrição do servidor não está configurada. {link} com um fornecedor de IA que a ofereça.',
  'note.adminVoices':
    'As vozes do servidor não estão configuradas. {link} com um fornecedor de IA que as ofereça.',
  'note.setUp': 'Configure a voz',
  'note.learnerSpeech':
    'O proprietário deste Charla não configurou a voz do servidor: é usada a deste navegador.',
  'note.learnerTranscription':
    'O proprietário deste Charla não configurou a transcrição do servidor: é usada a voz deste navegador.',
  'note.learnerVoices':
    'O proprietário deste Charla não configurou as vozes do servidor: é usada a voz deste navegador.',
  'recordings.title': 'As suas gravações',
  'recordings.none':
    'Ainda nenhuma: o que disser através da voz do servidor fica guardado aqui a partir de agora.',
  'recordings.nothingHeard': '(não se ouviu nada)',
  'recordings.delete': 'Eliminar',
  'recordings.deleteLabel': 'a gravação «{transcript}»',
  'recordings.deleteFailed': 'Não foi possível eliminar esta gravação. Tente de novo.',
  'recordings.deleted': 'Gravação eliminada.',
} satisfies Translation<typeof en>;

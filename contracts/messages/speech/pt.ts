import type { Translation } from '../languages.ts';
import type en from './en.ts';

export default {
  listen: 'Ouvir',
  stop: 'Parar',
  'listen.notAllowed': 'O navegador ainda não deixou a página falar. Prima Ouvir de novo.',
  'listen.failed': 'O navegador não conseguiu ler isto em voz alta.',
  'note.cannotSpeak': 'Este navegador não consegue ler texto em voz alta, por isso não há Ouvir.',
  'note.cannotSpeakNoServer':
    'Este navegador não consegue ler texto em voz alta e a voz através do servidor não está disponível, por isso não há Ouvir.',
  'note.noVoice':
    'Este navegador não tem voz em {language}, por isso não há Ouvir. As definições de voz do seu sistema podem ter uma para instalar.',
  'note.noVoiceNoServer':
    'Este navegador não tem voz em {language} e a voz através do servidor não está disponível, por isso não há Ouvir.',
  'note.noServerRecognition':
    'A voz através do servidor não está disponível, por isso aqui não é possível falar nem praticar a pronúncia.',
  'note.noRecognition':
    'Este navegador não tem reconhecimento de voz, por isso aqui não é possível falar nem praticar a pronúncia.',
  'note.noRecognitionNoServer':
    'Este navegador não tem reconhecimento de voz e a voz através do servidor não está disponível, por isso aqui não é possível falar nem praticar a pronúncia.',
  'practice.open': 'Praticar a dizer isto',
  'practice.close': 'Fechar a prática',
  'practice.opening': 'A abrir a prática…',
  speed: 'Velocidade',
  'speed.failed': 'Não foi possível guardar a velocidade.',
  voiceMode: 'Modo de voz',
  speak: 'Falar',
  stopListening: 'Parar de ouvir',
  setUp: 'Configurar a voz',
  'status.opening': 'A abrir o microfone…',
  'status.waiting': 'A ouvir… fale em {language} quando estiver pronto.',
  'status.recordingHandsFree': 'A gravar… é enviado quando parar de falar.',
  'status.recording': 'A gravar… prima Parar quando terminar.',
  'status.transcribing': 'A escrever o que disse…',
  'status.heard': 'A ouvir… «{heard}»',
  'status.listening': 'A ouvir… fale em {language} agora.',
  'status.speaking': 'O tutor está a falar.',
  'status.replying': 'O tutor está a responder…',
  'status.tryAgain': '{problem} Prima Falar para tentar de novo.',
  'status.unfinished': 'A resposta não terminou. Tente-a de novo ou prima Falar para continuar.',
  'status.paused': 'Em pausa. Prima Falar para falar.',
  'problem.not-allowed':
    'O acesso ao microfone está bloqueado. Permita-o para este site no navegador e tente de novo.',
  'problem.no-speech': 'Não se ouviu nada. Tente de novo, um pouco mais perto do microfone.',
  'problem.no-microphone': 'Não foi encontrado nenhum microfone. Ligue um ou escreva.',
  'problem.network':
    'O reconhecimento de voz deste navegador precisa de se ligar ao seu fornecedor e falhou. Escreva ou tente de novo.',
  'problem.language': 'Este navegador não reconhece fala em {language}. Escreva antes.',
  'problem.failed': 'O reconhecimento de voz parou inesperadamente. Tente de novo.',
  unsupported: 'O seu navegador não tem reconhecimento de voz; escreva antes.',
  'mic.not-allowed':
    'O Charla não pode usar o microfone. Permita-o para este site no navegador (o ícone junto ao endereço) e tente de novo.',
  'mic.no-microphone': 'Não foi encontrado nenhum microfone. Ligue um ou escreva.',
  'mic.unsupported':
    'Este navegador não consegue gravar áudio. Escreva ou use um Chrome, Edge, Firefox ou Safari recente.',
  'mic.failed':
    'Não foi possível abrir o microfone. Verifique se nenhuma outra aplicação o está a usar e tente de novo.',
  'server.noSpeech': 'Não se ouviu nada. Tente de novo, um pouco mais perto do microfone.',
  'server.tooLongSent': 'A gravação parou no limite de dois minutos; o que disse até aí foi enviado.',
  'server.failed': 'Algo correu mal com o áudio. Tente de novo.',
  'server.tooLong':
    'Essa gravação era demasiado longa: mantenha-a abaixo dos dois minutos, ou divida-a em partes.',
  'server.unreadable': 'O servidor não conseguiu ler essa gravação. Tente de novo ou escreva.',
  'server.network':
    'Não foi possível contactar o servidor para a ouvir. Verifique a sua ligação e tente de novo.',
  'server.notSetUpAdmin':
    'A voz através do servidor não está configurada: adicione um fornecedor de voz e as suas cadeias.',
  'server.notSetUp':
    'O proprietário deste Charla ainda não configurou a voz através do servidor. Escreva antes.',
  'server.overBudget': 'A sua quota de voz esgotou-se por agora: foi atingido o limite do orçamento.',
} satisfies Translation<typeof en>;

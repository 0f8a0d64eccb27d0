import type { Translation } from '../languages.ts';
import type en from './en.ts';

export default {
  title: 'O tutor ainda não pode responder',
  admin:
    'Nenhum fornecedor de IA pode responder às conversas. Configure um na aplicação, na página {link}: sem ficheiros para editar, sem reiniciar.',
  'admin.link': 'Fornecedores de IA',
  'admin.threeWays': 'Três formas de configurar um',
  learner:
    'O proprietário deste servidor tem de configurar primeiro um fornecedor de IA; peça-lhe que o faça. Pode continuar a ler as suas conversas e a iniciar novas, e a revisão, os exercícios de gramática e o progresso funcionam sem ele.',
  'way.add-key.title': 'Colar uma chave',
  'way.add-key.description':
    'Anthropic ou Mistral AI: grandes modelos na nuvem, as correções mais fiáveis, pagas por utilização.',
  'way.add-server.title': 'Ligar um servidor local',
  'way.add-server.description':
    'Ollama, llama.cpp, vLLM, LM Studio ou qualquer endereço compatível com OpenAI, neste computador ou na sua rede.',
  'way.local-model.title': 'Transferir um modelo local',
  'way.local-model.description':
    'Funciona dentro do Charla, sem chave nem outro software. Gratuito e privado, mas um modelo pequeno comete mais erros de língua do que um grande modelo na nuvem.',
} satisfies Translation<typeof en>;

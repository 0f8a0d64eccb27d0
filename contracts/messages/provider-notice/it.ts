import type { Translation } from '../languages.ts';
import type en from './en.ts';

export default {
  title: 'Il tutor non può ancora rispondere',
  admin:
    'Nessun fornitore di IA può rispondere alle conversazioni. Configurane uno nell’app, nella pagina {link}: nessun file da modificare, nessun riavvio.',
  'admin.link': 'Fornitori di IA',
  'admin.threeWays': 'Tre modi per configurarne uno',
  learner:
    'Il proprietario di questo server deve prima configurare un fornitore di IA; chiediglielo. Puoi comunque leggere le tue conversazioni e iniziarne di nuove, e ripasso, esercizi di grammatica e progressi funzionano anche senza.',
  'way.add-key.title': 'Incolla una chiave',
  'way.add-key.description':
    'Anthropic o Mistral AI: grandi modelli cloud, le correzioni più affidabili, a pagamento in base all’uso.',
  'way.add-server.title': 'Collega un server locale',
  'way.add-server.description':
    'Ollama, llama.cpp, vLLM, LM Studio o qualsiasi indirizzo compatibile con OpenAI, su questo computer o nella tua rete.',
  'way.local-model.title': 'Scarica un modello locale',
  'way.local-model.description':
    'Funziona dentro Charla, senza chiave né altri programmi. Gratuito e riservato, ma un modello piccolo fa più errori di lingua di un grande modello cloud.',
} satisfies Translation<typeof en>;

import type { Translation } from '../languages.ts';
import type en from './en.ts';

export default {
  title: 'Le tuteur ne peut pas encore répondre',
  admin:
    'Aucun fournisseur d’IA ne peut répondre aux conversations. Configurez-en un dans l’application, sur la page {link} : aucun fichier à modifier, aucun redémarrage.',
  'admin.link': 'Fournisseurs d’IA',
  'admin.threeWays': 'Trois façons d’en configurer un',
  learner:
    'Le propriétaire de ce serveur doit d’abord configurer un fournisseur d’IA ; demandez-le-lui. Vous pouvez toujours lire vos conversations et en commencer de nouvelles, et les révisions, les exercices de grammaire et la progression fonctionnent sans lui.',
  'way.add-key.title': 'Coller une clé',
  'way.add-key.description':
    'Anthropic ou Mistral AI : de grands modèles dans le cloud, les corrections les plus fiables, payées à l’usage.',
  'way.add-server.title': 'Connecter un serveur local',
  'way.add-server.description':
    'Ollama, llama.cpp, vLLM, LM Studio ou toute adresse compatible OpenAI, sur cette machine ou votre réseau.',
  'way.local-model.title': 'Télécharger un modèle local',
  'way.local-model.description':
    'Tourne dans Charla, sans clé ni autre logiciel. Gratuit et privé, mais un petit modèle fait plus de fautes de langue qu’un grand modèle dans le cloud.',
} satisfies Translation<typeof en>;

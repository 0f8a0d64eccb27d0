import { describe, expect, it } from 'vitest';
import { checkAnswer } from './answer-check.ts';
import { type ConjugationLanguage, conjugate, loadVerbFile } from './verb-data.ts';

/**
 * Conjugation tables written by hand from grammar references, NOT generated from the packages:
 * they catch the package errors the corrections in content/grammar/verbs fix, and any new ones.
 * Six persons per tense, comma-separated; `a/b` means both are correct and `a` is shown first.
 */
const tables: Record<ConjugationLanguage, Record<string, Record<string, string>>> = {
  es: {
    ser: {
      present: 'soy, eres, es, somos, sois, son',
      preterite: 'fui, fuiste, fue, fuimos, fuisteis, fueron',
      imperfect: 'era, eras, era, éramos, erais, eran',
      future: 'seré, serás, será, seremos, seréis, serán',
    },
    ir: {
      present: 'voy, vas, va, vamos, vais, van',
      preterite: 'fui, fuiste, fue, fuimos, fuisteis, fueron',
      future: 'iré, irás, irá, iremos, iréis, irán',
      'present-subjunctive': 'vaya, vayas, vaya, vayamos, vayáis, vayan',
    },
    tener: {
      present: 'tengo, tienes, tiene, tenemos, tenéis, tienen',
      preterite: 'tuve, tuviste, tuvo, tuvimos, tuvisteis, tuvieron',
      future: 'tendré, tendrás, tendrá, tendremos, tendréis, tendrán',
    },
    hacer: {
      present: 'hago, haces, hace, hacemos, hacéis, hacen',
      preterite: 'hice, hiciste, hizo, hicimos, hicisteis, hicieron',
      future: 'haré, harás, hará, haremos, haréis, harán',
      'present-subjunctive': 'haga, hagas, haga, hagamos, hagáis, hagan',
    },
    decir: {
      present: 'digo, dices, dice, decimos, decís, dicen',
      preterite: 'dije, dijiste, dijo, dijimos, dijisteis, dijeron',
      'present-perfect': 'he dicho, has dicho, ha dicho, hemos dicho, habéis dicho, han dicho',
    },
    venir: {
      present: 'vengo, vienes, viene, venimos, venís, vienen',
      preterite: 'vine, viniste, vino, vinimos, vinisteis, vinieron',
      future: 'vendré, vendrás, vendrá, vendremos, vendréis, vendrán',
    },
    salir: {
      present: 'salgo, sales, sale, salimos, salís, salen',
      preterite: 'salí, saliste, salió, salimos, salisteis, salieron',
      future: 'saldré, saldrás, saldrá, saldremos, saldréis, saldrán',
    },
    pedir: {
      present: 'pido, pides, pide, pedimos, pedís, piden',
      preterite: 'pedí, pediste, pidió, pedimos, pedisteis, pidieron',
      'present-subjunctive': 'pida, pidas, pida, pidamos, pidáis, pidan',
    },
    dormir: {
      present: 'duermo, duermes, duerme, dormimos, dormís, duermen',
      preterite: 'dormí, dormiste, durmió, dormimos, dormisteis, durmieron',
      conditional: 'dormiría, dormirías, dormiría, dormiríamos, dormiríais, dormirían',
    },
    pensar: {
      present: 'pienso, piensas, piensa, pensamos, pensáis, piensan',
      preterite: 'pensé, pensaste, pensó, pensamos, pensasteis, pensaron',
      'present-subjunctive': 'piense, pienses, piense, pensemos, penséis, piensen',
    },
    hablar: {
      present: 'hablo, hablas, habla, hablamos, habláis, hablan',
      preterite: 'hablé, hablaste, habló, hablamos, hablasteis, hablaron',
      imperfect: 'hablaba, hablabas, hablaba, hablábamos, hablabais, hablaban',
      future: 'hablaré, hablarás, hablará, hablaremos, hablaréis, hablarán',
    },
    vivir: {
      present: 'vivo, vives, vive, vivimos, vivís, viven',
      preterite: 'viví, viviste, vivió, vivimos, vivisteis, vivieron',
      conditional: 'viviría, vivirías, viviría, viviríamos, viviríais, vivirían',
    },
    ver: {
      present: 'veo, ves, ve, vemos, veis, ven',
      preterite: 'vi, viste, vio, vimos, visteis, vieron',
      imperfect: 'veía, veías, veía, veíamos, veíais, veían',
      'present-perfect': 'he visto, has visto, ha visto, hemos visto, habéis visto, han visto',
    },
  },
  fr: {
    être: {
      present: 'suis, es, est, sommes, êtes, sont',
      imparfait: 'étais, étais, était, étions, étiez, étaient',
      futur: 'serai, seras, sera, serons, serez, seront',
      subjonctif: 'sois, sois, soit, soyons, soyez, soient',
    },
    avoir: {
      present: 'ai, as, a, avons, avez, ont',
      futur: 'aurai, auras, aura, aurons, aurez, auront',
      'passe-compose': 'ai eu, as eu, a eu, avons eu, avez eu, ont eu',
      subjonctif: 'aie, aies, ait, ayons, ayez, aient',
    },
    aller: {
      present: 'vais, vas, va, allons, allez, vont',
      futur: 'irai, iras, ira, irons, irez, iront',
      'passe-compose':
        'suis allé/suis allée, es allé/es allée, est allé/est allée, sommes allés/sommes allées, êtes allés/êtes allé/êtes allée/êtes allées, sont allés/sont allées',
    },
    faire: {
      present: 'fais, fais, fait, faisons, faites, font',
      imparfait: 'faisais, faisais, faisait, faisions, faisiez, faisaient',
      futur: 'ferai, feras, fera, ferons, ferez, feront',
      subjonctif: 'fasse, fasses, fasse, fassions, fassiez, fassent',
    },
    pouvoir: {
      present: 'peux/puis, peux, peut, pouvons, pouvez, peuvent',
      futur: 'pourrai, pourras, pourra, pourrons, pourrez, pourront',
      'passe-compose': 'ai pu, as pu, a pu, avons pu, avez pu, ont pu',
    },
    venir: {
      present: 'viens, viens, vient, venons, venez, viennent',
      futur: 'viendrai, viendras, viendra, viendrons, viendrez, viendront',
      subjonctif: 'vienne, viennes, vienne, venions, veniez, viennent',
    },
    prendre: {
      present: 'prends, prends, prend, prenons, prenez, prennent',
      imparfait: 'prenais, prenais, prenait, prenions, preniez, prenaient',
      'passe-compose': 'ai pris, as pris, a pris, avons pris, avez pris, ont pris',
    },
    finir: {
      present: 'finis, finis, finit, finissons, finissez, finissent',
      imparfait: 'finissais, finissais, finissait, finissions, finissiez, finissaient',
      futur: 'finirai, finiras, finira, finirons, finirez, finiront',
    },
    parler: {
      present: 'parle, parles, parle, parlons, parlez, parlent',
      imparfait: 'parlais, parlais, parlait, parlions, parliez, parlaient',
      conditionnel: 'parlerais, parlerais, parlerait, parlerions, parleriez, parleraient',
    },
    manger: {
      present: 'mange, manges, mange, mangeons, mangez, mangent',
      imparfait: 'mangeais, mangeais, mangeait, mangions, mangiez, mangeaient',
      futur: 'mangerai, mangeras, mangera, mangerons, mangerez, mangeront',
    },
    acheter: {
      present: 'achète, achètes, achète, achetons, achetez, achètent',
      imparfait: 'achetais, achetais, achetait, achetions, achetiez, achetaient',
      futur: 'achèterai, achèteras, achètera, achèterons, achèterez, achèteront',
    },
    savoir: {
      present: 'sais, sais, sait, savons, savez, savent',
      futur: 'saurai, sauras, saura, saurons, saurez, sauront',
      subjonctif: 'sache, saches, sache, sachions, sachiez, sachent',
    },
  },
  de: {
    sein: {
      praesens: 'bin, bist, ist, sind, seid, sind',
      praeteritum: 'war, warst, war, waren, wart, waren',
      perfekt: 'bin gewesen, bist gewesen, ist gewesen, sind gewesen, seid gewesen, sind gewesen',
      konjunktiv2: 'wäre, wärst, wäre, wären, wärt, wären',
    },
    haben: {
      praesens: 'habe, hast, hat, haben, habt, haben',
      praeteritum: 'hatte, hattest, hatte, hatten, hattet, hatten',
      perfekt: 'habe gehabt, hast gehabt, hat gehabt, haben gehabt, habt gehabt, haben gehabt',
      konjunktiv2: 'hätte, hättest, hätte, hätten, hättet, hätten',
    },
    werden: {
      praesens: 'werde, wirst, wird, werden, werdet, werden',
      praeteritum: 'wurde, wurdest, wurde, wurden, wurdet, wurden',
      perfekt: 'bin geworden, bist geworden, ist geworden, sind geworden, seid geworden, sind geworden',
    },
    gehen: {
      praesens: 'gehe, gehst, geht, gehen, geht, gehen',
      praeteritum: 'ging, gingst, ging, gingen, gingt, gingen',
      perfekt: 'bin gegangen, bist gegangen, ist gegangen, sind gegangen, seid gegangen, sind gegangen',
    },
    können: {
      praesens: 'kann, kannst, kann, können, könnt, können',
      praeteritum: 'konnte, konntest, konnte, konnten, konntet, konnten',
      konjunktiv2: 'könnte, könntest, könnte, könnten, könntet, könnten',
    },
    müssen: {
      praesens: 'muss, musst, muss, müssen, müsst, müssen',
      praeteritum: 'musste, musstest, musste, mussten, musstet, mussten',
      konjunktiv2: 'müsste, müsstest, müsste, müssten, müsstet, müssten',
    },
    wissen: {
      praesens: 'weiß, weißt, weiß, wissen, wisst, wissen',
      praeteritum: 'wusste, wusstest, wusste, wussten, wusstet, wussten',
      perfekt: 'habe gewusst, hast gewusst, hat gewusst, haben gewusst, habt gewusst, haben gewusst',
    },
    sehen: {
      praesens: 'sehe, siehst, sieht, sehen, seht, sehen',
      praeteritum: 'sah, sahst, sah, sahen, saht, sahen',
      perfekt: 'habe gesehen, hast gesehen, hat gesehen, haben gesehen, habt gesehen, haben gesehen',
    },
    fahren: {
      praesens: 'fahre, fährst, fährt, fahren, fahrt, fahren',
      praeteritum: 'fuhr, fuhrst, fuhr, fuhren, fuhrt, fuhren',
      perfekt: 'bin gefahren, bist gefahren, ist gefahren, sind gefahren, seid gefahren, sind gefahren',
    },
    essen: {
      praesens: 'esse, isst, isst, essen, esst, essen',
      praeteritum: 'aß, aßest/aßt, aß, aßen, aßt, aßen',
      perfekt: 'habe gegessen, hast gegessen, hat gegessen, haben gegessen, habt gegessen, haben gegessen',
    },
    machen: {
      praesens: 'mache, machst, macht, machen, macht, machen',
      praeteritum: 'machte, machtest, machte, machten, machtet, machten',
      futur1: 'werde machen, wirst machen, wird machen, werden machen, werdet machen, werden machen',
      konjunktiv2:
        'machte/würde machen, machtest/würdest machen, machte/würde machen, machten/würden machen, machtet/würdet machen, machten/würden machen',
    },
    anrufen: {
      praesens: 'rufe an, rufst an, ruft an, rufen an, ruft an, rufen an',
      praeteritum: 'rief an, riefst an, rief an, riefen an, rieft an, riefen an',
      perfekt:
        'habe angerufen, hast angerufen, hat angerufen, haben angerufen, habt angerufen, haben angerufen',
    },
  },
  it: {
    essere: {
      presente: 'sono, sei, è, siamo, siete, sono',
      imperfetto: 'ero, eri, era, eravamo, eravate, erano',
      futuro: 'sarò, sarai, sarà, saremo, sarete, saranno',
      'passato-prossimo':
        'sono stato/sono stata, sei stato/sei stata, è stato/è stata, siamo stati/siamo state, siete stati/siete state, sono stati/sono state',
    },
    avere: {
      presente: 'ho, hai, ha, abbiamo, avete, hanno',
      futuro: 'avrò, avrai, avrà, avremo, avrete, avranno',
      congiuntivo: 'abbia, abbia, abbia, abbiamo, abbiate, abbiano',
      'passato-prossimo': 'ho avuto, hai avuto, ha avuto, abbiamo avuto, avete avuto, hanno avuto',
    },
    andare: {
      presente: 'vado, vai, va, andiamo, andate, vanno',
      futuro: 'andrò, andrai, andrà, andremo, andrete, andranno',
      condizionale: 'andrei, andresti, andrebbe, andremmo, andreste, andrebbero',
    },
    fare: {
      presente: 'faccio, fai, fa, facciamo, fate, fanno',
      imperfetto: 'facevo, facevi, faceva, facevamo, facevate, facevano',
      'passato-prossimo': 'ho fatto, hai fatto, ha fatto, abbiamo fatto, avete fatto, hanno fatto',
    },
    venire: {
      presente: 'vengo, vieni, viene, veniamo, venite, vengono',
      futuro: 'verrò, verrai, verrà, verremo, verrete, verranno',
      'passato-prossimo':
        'sono venuto/sono venuta, sei venuto/sei venuta, è venuto/è venuta, siamo venuti/siamo venute, siete venuti/siete venute, sono venuti/sono venute',
    },
    potere: {
      presente: 'posso, puoi, può, possiamo, potete, possono',
      condizionale: 'potrei, potresti, potrebbe, potremmo, potreste, potrebbero',
      congiuntivo: 'possa, possa, possa, possiamo, possiate, possano',
    },
    dare: {
      presente: 'do/dò, dai/dài, dà, diamo, date, danno',
      imperfetto: 'davo, davi, dava, davamo, davate, davano',
      futuro: 'darò, darai, darà, daremo, darete, daranno',
    },
    parlare: {
      presente: 'parlo, parli, parla, parliamo, parlate, parlano',
      imperfetto: 'parlavo, parlavi, parlava, parlavamo, parlavate, parlavano',
      futuro: 'parlerò, parlerai, parlerà, parleremo, parlerete, parleranno',
      'passato-prossimo':
        'ho parlato, hai parlato, ha parlato, abbiamo parlato, avete parlato, hanno parlato',
    },
    finire: {
      presente: 'finisco, finisci, finisce, finiamo, finite, finiscono',
      futuro: 'finirò, finirai, finirà, finiremo, finirete, finiranno',
      congiuntivo: 'finisca, finisca, finisca, finiamo, finiate, finiscano',
    },
    prendere: {
      presente: 'prendo, prendi, prende, prendiamo, prendete, prendono',
      futuro: 'prenderò, prenderai, prenderà, prenderemo, prenderete, prenderanno',
      'passato-prossimo': 'ho preso, hai preso, ha preso, abbiamo preso, avete preso, hanno preso',
    },
    vedere: {
      presente: 'vedo, vedi, vede, vediamo, vedete, vedono',
      futuro: 'vedrò, vedrai, vedrà, vedremo, vedrete, vedranno',
      'passato-prossimo':
        'ho visto/ho veduto, hai visto/hai veduto, ha visto/ha veduto, abbiamo visto/abbiamo veduto, avete visto/avete veduto, hanno visto/hanno veduto',
    },
    bere: {
      presente: 'bevo, bevi, beve, beviamo, bevete, bevono',
      futuro: 'berrò, berrai, berrà, berremo, berrete, berranno',
      'passato-prossimo': 'ho bevuto, hai bevuto, ha bevuto, abbiamo bevuto, avete bevuto, hanno bevuto',
    },
  },
  en: {
    be: {
      'simple-present': 'am, are, is, are, are, are',
      'simple-past': 'was, were, was, were, were, were',
      'present-perfect': 'have been, have been, has been, have been, have been, have been',
    },
    have: {
      'simple-present': 'have, have, has, have, have, have',
      'simple-past': 'had, had, had, had, had, had',
      'will-future': 'will have, will have, will have, will have, will have, will have',
    },
    do: {
      'simple-present': 'do, do, does, do, do, do',
      'simple-past': 'did, did, did, did, did, did',
      'present-perfect': 'have done, have done, has done, have done, have done, have done',
    },
    go: {
      'simple-present': 'go, go, goes, go, go, go',
      'simple-past': 'went, went, went, went, went, went',
      'present-perfect': 'have gone, have gone, has gone, have gone, have gone, have gone',
    },
    get: {
      'simple-past': 'got, got, got, got, got, got',
      'present-progressive': 'am getting, are getting, is getting, are getting, are getting, are getting',
      'present-perfect':
        'have gotten/have got, have gotten/have got, has gotten/has got, have gotten/have got, have gotten/have got, have gotten/have got',
    },
    run: {
      'simple-past': 'ran, ran, ran, ran, ran, ran',
      'present-progressive': 'am running, are running, is running, are running, are running, are running',
      'present-perfect': 'have run, have run, has run, have run, have run, have run',
    },
    swim: {
      'simple-past': 'swam, swam, swam, swam, swam, swam',
      'present-progressive':
        'am swimming, are swimming, is swimming, are swimming, are swimming, are swimming',
      'present-perfect': 'have swum, have swum, has swum, have swum, have swum, have swum',
    },
    eat: {
      'simple-present': 'eat, eat, eats, eat, eat, eat',
      'simple-past': 'ate, ate, ate, ate, ate, ate',
      'present-perfect': 'have eaten, have eaten, has eaten, have eaten, have eaten, have eaten',
    },
    write: {
      'simple-past': 'wrote, wrote, wrote, wrote, wrote, wrote',
      'present-progressive': 'am writing, are writing, is writing, are writing, are writing, are writing',
      'present-perfect': 'have written, have written, has written, have written, have written, have written',
    },
    study: {
      'simple-present': 'study, study, studies, study, study, study',
      'simple-past': 'studied, studied, studied, studied, studied, studied',
      'present-progressive':
        'am studying, are studying, is studying, are studying, are studying, are studying',
    },
    stop: {
      'simple-present': 'stop, stop, stops, stop, stop, stop',
      'simple-past': 'stopped, stopped, stopped, stopped, stopped, stopped',
      'present-progressive':
        'am stopping, are stopping, is stopping, are stopping, are stopping, are stopping',
    },
    work: {
      'simple-present': 'work, work, works, work, work, work',
      'simple-past': 'worked, worked, worked, worked, worked, worked',
      'will-future': 'will work, will work, will work, will work, will work, will work',
    },
  },
};

describe('offline conjugation', () => {
  for (const [language, verbs] of Object.entries(tables) as Array<
    [ConjugationLanguage, (typeof tables)['es']]
  >) {
    it(`${language}: matches the hand-verified tables (${Object.keys(verbs).length} verbs)`, async () => {
      expect(Object.keys(verbs).length).toBeGreaterThanOrEqual(10);
      const file = await loadVerbFile(language);
      for (const [infinitive, tenses] of Object.entries(verbs)) {
        expect(Object.keys(tenses).length, infinitive).toBeGreaterThanOrEqual(3);
        const verb = file.verbs.find((entry) => entry.infinitive === infinitive);
        expect(verb, `${infinitive} is in the ${language} drill list`).toBeDefined();
        for (const [tenseId, row] of Object.entries(tenses)) {
          const tense = file.tenses.find((entry) => entry.id === tenseId);
          expect(tense, `${language} tense ${tenseId}`).toBeDefined();
          const expected = row.split(', ').map((cell) => cell.split('/'));
          expect(expected).toHaveLength(6);
          for (const [person, accepted] of expected.entries()) {
            const forms = await conjugate(language, verb!, tense!, person);
            const label = `${language} ${infinitive} ${tenseId} person ${person}`;
            expect(forms[0], label).toBe(accepted[0]);
            for (const form of accepted) expect(forms, label).toContain(form);
          }
        }
      }
    });
  }

  it('gives every drill verb six non-empty forms in every tense it is drilled in', async () => {
    for (const language of Object.keys(tables) as ConjugationLanguage[]) {
      const file = await loadVerbFile(language);
      for (const verb of file.verbs) {
        for (const tense of file.tenses) {
          if (verb.exclude?.includes(tense.id)) continue;
          for (let person = 0; person < 6; person += 1) {
            const forms = await conjugate(language, verb, tense, person);
            expect(forms.length, `${language} ${verb.infinitive} ${tense.id} ${person}`).toBeGreaterThan(0);
            for (const form of forms) {
              expect(form.trim(), `${language} ${verb.infinitive} ${tense.id} ${person}`).not.toBe('');
              expect(form, `${language} ${verb.infinitive} ${tense.id} ${person}`).not.toMatch(
                /undefined|null|ERR/,
              );
            }
          }
        }
      }
    }
  });
});

describe('answer checking', () => {
  it('tolerates missing accents unless strict, and reports it', () => {
    expect(checkAnswer('hablé', ['hablé'], { strict: false })).toEqual({
      correct: true,
      accentsDiffer: false,
    });
    expect(checkAnswer('hable', ['hablé'], { strict: false })).toEqual({
      correct: true,
      accentsDiffer: true,
    });
    expect(checkAnswer('hable', ['hablé'], { strict: true })).toEqual({
      correct: false,
      accentsDiffer: true,
    });
    expect(checkAnswer('  Suis   Allée ', ['suis allé', 'suis allée'], { strict: true }).correct).toBe(true);
    expect(checkAnswer('muss', ['muß'], { strict: false }).correct).toBe(true);
    expect(checkAnswer('habla', ['hablé'], { strict: false })).toEqual({
      correct: false,
      accentsDiffer: false,
    });
    expect(checkAnswer('', ['a'], { strict: false }).correct).toBe(false);
  });
});

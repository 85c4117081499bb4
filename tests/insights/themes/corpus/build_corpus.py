# ruff: noqa: E501 - sentences of the corpus read better whole
"""Builds corpus.json: a labelled synthetic corpus of stakeholder inputs for the themes tests.

Six themes, each in English, French and Spanish. Every input joins one or two of its theme's
sentences (in one language) and, one time in three, a sentence any theme could carry ("we said
this last year"), so inputs vary in length and phrasing and share some noise across themes.
The output is committed; rerun (`python tests/insights/themes/corpus/build_corpus.py`) only
after changing the sentences. The same seed gives the same file.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

PER_LANGUAGE = 16  # inputs per theme and language: 6 themes x 3 languages x 16 = 288

SENTENCES: dict[str, dict[str, list[str]]] = {
    "appeals": {
        "en": [
            "My post was removed and the appeal button did nothing for three weeks.",
            "Appeals against content removal are never answered by a human being.",
            "When an account is suspended, the appeal form should explain which rule was broken.",
            "We need a faster appeal process for activists whose posts are taken down.",
            "Nobody told me why my video was removed or how to appeal the decision.",
            "The automated takedown of our campaign page was reversed only after media attention.",
            "Please publish how many appeals succeed and how long they take.",
            "An independent appeals body should review wrongful removals of journalism.",
            "Users should be able to appeal a strike before their account is locked.",
            "The removal notice was vague and the appeal was rejected within minutes.",
        ],
        "fr": [
            "Ma publication a été supprimée et mon recours est resté sans réponse.",
            "Les recours contre les suppressions de contenu ne sont jamais examinés par un humain.",
            "Quand un compte est suspendu, il faut expliquer quelle règle a été enfreinte.",
            "Il faut une procédure de recours plus rapide pour les militants censurés.",
            "Personne ne m'a dit pourquoi ma vidéo a été retirée ni comment faire appel.",
            "La suppression automatique de notre page a été annulée après l'intervention de la presse.",
            "Publiez combien de recours aboutissent et en combien de temps.",
            "Un organe indépendant devrait examiner les retraits injustifiés de contenus journalistiques.",
            "On devrait pouvoir contester un avertissement avant le blocage du compte.",
            "La notification de retrait était vague et mon appel a été rejeté en quelques minutes.",
        ],
        "es": [
            "Eliminaron mi publicación y mi apelación nunca recibió respuesta.",
            "Las apelaciones contra la eliminación de contenido nunca las revisa una persona.",
            "Cuando suspenden una cuenta, deberían explicar qué norma se incumplió.",
            "Necesitamos un proceso de apelación más rápido para los activistas censurados.",
            "Nadie me explicó por qué retiraron mi video ni cómo apelar la decisión.",
            "La eliminación automática de nuestra página se revirtió solo tras la presión de la prensa.",
            "Publiquen cuántas apelaciones prosperan y cuánto tardan.",
            "Un órgano independiente debería revisar las eliminaciones injustas de periodismo.",
            "Deberíamos poder apelar una sanción antes de que bloqueen la cuenta.",
            "El aviso de eliminación era vago y la apelación fue rechazada en minutos.",
        ],
    },
    "privacy": {
        "en": [
            "The app collects location data even when it is closed, without clear consent.",
            "Personal data is shared with advertisers and users cannot opt out.",
            "Delete my data when I close my account, not years later.",
            "The privacy policy is too long and nobody understands what data is kept.",
            "Health information from the fitness feature should never be sold to third parties.",
            "We found that contact lists are uploaded to your servers without permission.",
            "Give people a simple dashboard to download and erase their personal data.",
            "Data retention periods must be limited and published.",
            "Facial images should not be used to train models without explicit consent.",
            "Our members fear that their private messages are scanned and stored.",
        ],
        "fr": [
            "L'application collecte les données de localisation même fermée, sans consentement clair.",
            "Les données personnelles sont partagées avec les annonceurs sans possibilité de refus.",
            "Supprimez mes données quand je ferme mon compte, pas des années plus tard.",
            "La politique de confidentialité est trop longue et personne ne sait quelles données sont conservées.",
            "Les données de santé ne devraient jamais être vendues à des tiers.",
            "Nous avons constaté que les répertoires de contacts sont envoyés à vos serveurs sans autorisation.",
            "Offrez un tableau de bord simple pour télécharger et effacer ses données personnelles.",
            "Les durées de conservation des données doivent être limitées et publiées.",
            "Les images de visages ne doivent pas servir à entraîner des modèles sans consentement explicite.",
            "Nos membres craignent que leurs messages privés soient analysés et conservés.",
        ],
        "es": [
            "La aplicación recoge datos de ubicación incluso cerrada, sin consentimiento claro.",
            "Los datos personales se comparten con anunciantes y no se puede rechazar.",
            "Borren mis datos cuando cierro la cuenta, no años después.",
            "La política de privacidad es demasiado larga y nadie entiende qué datos se guardan.",
            "Los datos de salud nunca deberían venderse a terceros.",
            "Descubrimos que las listas de contactos se suben a sus servidores sin permiso.",
            "Ofrezcan un panel sencillo para descargar y borrar los datos personales.",
            "Los plazos de conservación de datos deben ser limitados y públicos.",
            "Las imágenes faciales no deben usarse para entrenar modelos sin consentimiento explícito.",
            "Nuestros miembros temen que sus mensajes privados se analicen y se almacenen.",
        ],
    },
    "accessibility": {
        "en": [
            "Blind users cannot use the new editor with a screen reader.",
            "Videos need captions and audio description for deaf and blind people.",
            "The colour contrast of the buttons is too low for people with low vision.",
            "Keyboard navigation breaks in the reporting form, so I cannot file a report.",
            "People with cognitive disabilities need plain-language versions of the rules.",
            "The captcha locks out users who rely on assistive technology.",
            "Sign language interpretation should be offered at every consultation.",
            "Accessibility testing with disabled users must happen before launch.",
            "Images posted by the company have no alternative text.",
            "The mobile app ignores the system font size, so older users cannot read it.",
        ],
        "fr": [
            "Les personnes aveugles ne peuvent pas utiliser le nouvel éditeur avec un lecteur d'écran.",
            "Les vidéos ont besoin de sous-titres et d'audiodescription pour les personnes sourdes et aveugles.",
            "Le contraste des couleurs des boutons est trop faible pour les personnes malvoyantes.",
            "La navigation au clavier ne fonctionne pas dans le formulaire de signalement.",
            "Les personnes avec un handicap cognitif ont besoin des règles en langage clair.",
            "Le captcha bloque les utilisateurs qui dépendent des technologies d'assistance.",
            "Une interprétation en langue des signes devrait être proposée à chaque consultation.",
            "Les tests d'accessibilité avec des personnes handicapées doivent avoir lieu avant le lancement.",
            "Les images publiées par l'entreprise n'ont pas de texte alternatif.",
            "L'application mobile ignore la taille de police du système et les personnes âgées ne peuvent pas lire.",
        ],
        "es": [
            "Las personas ciegas no pueden usar el nuevo editor con un lector de pantalla.",
            "Los videos necesitan subtítulos y audiodescripción para personas sordas y ciegas.",
            "El contraste de color de los botones es demasiado bajo para personas con baja visión.",
            "La navegación con teclado falla en el formulario de denuncia.",
            "Las personas con discapacidad cognitiva necesitan las normas en lenguaje sencillo.",
            "El captcha bloquea a quienes dependen de tecnologías de apoyo.",
            "Debería ofrecerse interpretación en lengua de señas en cada consulta.",
            "Las pruebas de accesibilidad con personas con discapacidad deben hacerse antes del lanzamiento.",
            "Las imágenes que publica la empresa no tienen texto alternativo.",
            "La aplicación móvil ignora el tamaño de letra del sistema y las personas mayores no pueden leer.",
        ],
    },
    "moderators": {
        "en": [
            "Content moderators employed by your contractor see violent videos all day without psychological support.",
            "Moderators are paid below the living wage and fired for missing targets.",
            "Outsourced moderation workers are not allowed to join a union.",
            "The moderators' contracts forbid them from talking about their trauma.",
            "Shifts of ten hours reviewing graphic content cause post-traumatic stress.",
            "Subcontracted moderators in Nairobi have no health insurance.",
            "Wellness breaks for moderators are cut when the queue is long.",
            "Moderation staff should have counselling during and after their employment.",
            "The productivity quotas for moderators are impossible to meet.",
            "Workers who review child abuse material need rotation and mental health care.",
        ],
        "fr": [
            "Les modérateurs de contenu du sous-traitant regardent des vidéos violentes toute la journée sans soutien psychologique.",
            "Les modérateurs sont payés sous le salaire décent et licenciés s'ils manquent les objectifs.",
            "Les travailleurs de la modération externalisée n'ont pas le droit de se syndiquer.",
            "Les contrats des modérateurs leur interdisent de parler de leur traumatisme.",
            "Des journées de dix heures devant des contenus choquants provoquent un stress post-traumatique.",
            "Les modérateurs sous-traités n'ont pas d'assurance maladie.",
            "Les pauses de bien-être des modérateurs sont supprimées quand la file d'attente est longue.",
            "Le personnel de modération devrait avoir un suivi psychologique pendant et après l'emploi.",
            "Les quotas de productivité imposés aux modérateurs sont impossibles à atteindre.",
            "Les travailleurs qui examinent des abus sur enfants ont besoin de rotation et de soins de santé mentale.",
        ],
        "es": [
            "Los moderadores de contenido del contratista ven videos violentos todo el día sin apoyo psicológico.",
            "A los moderadores les pagan menos del salario digno y los despiden si no cumplen metas.",
            "Los trabajadores de moderación subcontratados no pueden afiliarse a un sindicato.",
            "Los contratos de los moderadores les prohíben hablar de su trauma.",
            "Turnos de diez horas revisando contenido gráfico causan estrés postraumático.",
            "Los moderadores subcontratados no tienen seguro médico.",
            "Las pausas de bienestar de los moderadores se eliminan cuando la cola es larga.",
            "El personal de moderación debería recibir atención psicológica durante y después del empleo.",
            "Las cuotas de productividad de los moderadores son imposibles de cumplir.",
            "Quienes revisan material de abuso infantil necesitan rotación y atención de salud mental.",
        ],
    },
    "languages": {
        "en": [
            "Hate speech in Amharic and Tigrinya stays online because there are no moderators for those languages.",
            "The community guidelines are not translated into Swahili or Hausa.",
            "Your classifiers do not understand dialects and slang in Arabic.",
            "Reports written in indigenous languages are ignored or mistranslated.",
            "Automatic translation of posts in Quechua produces nonsense and wrong removals.",
            "Hire moderators who speak the local languages of the markets you enter.",
            "Language coverage should be published for every country where the service operates.",
            "Notices in English only exclude most of our community.",
            "Minority language speakers are flagged as spam by the filters.",
            "Support the languages spoken in Myanmar before the next election.",
        ],
        "fr": [
            "Les discours haineux en amharique et en tigrinya restent en ligne faute de modérateurs pour ces langues.",
            "Les règles de la communauté ne sont pas traduites en swahili ni en haoussa.",
            "Vos classificateurs ne comprennent pas les dialectes ni l'argot en arabe.",
            "Les signalements rédigés en langues autochtones sont ignorés ou mal traduits.",
            "La traduction automatique des publications en wolof produit des absurdités et de mauvaises suppressions.",
            "Recrutez des modérateurs qui parlent les langues locales des marchés où vous arrivez.",
            "La couverture linguistique devrait être publiée pour chaque pays où le service est présent.",
            "Des avis uniquement en anglais excluent la plupart de notre communauté.",
            "Les locuteurs de langues minoritaires sont signalés comme spam par les filtres.",
            "Prenez en charge les langues parlées au Sahel avant les prochaines élections.",
        ],
        "es": [
            "El discurso de odio en amárico y tigriña sigue en línea porque no hay moderadores para esos idiomas.",
            "Las normas comunitarias no están traducidas al suajili ni al hausa.",
            "Sus clasificadores no entienden los dialectos ni la jerga en árabe.",
            "Las denuncias escritas en lenguas indígenas se ignoran o se traducen mal.",
            "La traducción automática de publicaciones en quechua produce disparates y eliminaciones erróneas.",
            "Contraten moderadores que hablen los idiomas locales de los mercados donde entran.",
            "La cobertura de idiomas debería publicarse para cada país donde opera el servicio.",
            "Los avisos solo en inglés excluyen a la mayor parte de nuestra comunidad.",
            "Los hablantes de lenguas minoritarias son marcados como spam por los filtros.",
            "Den soporte a los idiomas que se hablan en Guatemala antes de las próximas elecciones.",
        ],
    },
    "harassment": {
        "en": [
            "Women journalists receive rape threats in their replies and reporting does not help.",
            "Coordinated harassment campaigns against women human rights defenders go unpunished.",
            "Intimate images shared without consent stay up for days after being reported.",
            "Doxxing of activists puts their families in danger.",
            "Trans users face daily abuse and the block tool is not enough.",
            "The harassment reporting flow asks victims to describe the abuse again and again.",
            "Create a fast lane for threats of violence against women politicians.",
            "Stalkers create new accounts as soon as the old ones are banned.",
            "Online gender-based violence forces women to leave the platform.",
            "Deepfake pornography targeting female activists must be removed immediately.",
        ],
        "fr": [
            "Les femmes journalistes reçoivent des menaces de viol et les signalements n'aident pas.",
            "Les campagnes de harcèlement coordonnées contre les défenseuses des droits restent impunies.",
            "Les images intimes partagées sans consentement restent en ligne des jours après le signalement.",
            "La divulgation des adresses des militantes met leurs familles en danger.",
            "Les personnes trans subissent des insultes quotidiennes et le blocage ne suffit pas.",
            "Le signalement du harcèlement oblige les victimes à décrire les violences encore et encore.",
            "Créez une procédure d'urgence pour les menaces de violence contre les femmes politiques.",
            "Les harceleurs créent de nouveaux comptes dès que les anciens sont bannis.",
            "Les violences sexistes en ligne poussent les femmes à quitter la plateforme.",
            "Les hypertrucages pornographiques visant des militantes doivent être retirés immédiatement.",
        ],
        "es": [
            "Las periodistas reciben amenazas de violación y las denuncias no sirven.",
            "Las campañas coordinadas de acoso contra defensoras de derechos humanos quedan impunes.",
            "Las imágenes íntimas compartidas sin consentimiento siguen publicadas días después de la denuncia.",
            "La publicación de datos personales de activistas pone en peligro a sus familias.",
            "Las personas trans sufren insultos diarios y la herramienta de bloqueo no basta.",
            "El formulario de acoso obliga a las víctimas a describir la violencia una y otra vez.",
            "Creen una vía urgente para las amenazas de violencia contra mujeres políticas.",
            "Los acosadores crean cuentas nuevas en cuanto prohíben las anteriores.",
            "La violencia de género en línea obliga a las mujeres a abandonar la plataforma.",
            "La pornografía falsa que ataca a activistas debe retirarse de inmediato.",
        ],
    },
}

# Sentences any input may carry, whatever its theme: the noise real minutes are full of.
SHARED = {
    "en": [
        "We raised this at the last roundtable too.",
        "Our organisation has documented several cases.",
        "This matters a lot to the communities we work with.",
        "Please tell us what you decide.",
    ],
    "fr": [
        "Nous l'avons déjà dit lors de la dernière table ronde.",
        "Notre organisation a documenté plusieurs cas.",
        "C'est très important pour les communautés avec lesquelles nous travaillons.",
        "Merci de nous dire ce que vous décidez.",
    ],
    "es": [
        "Ya lo planteamos en la última mesa redonda.",
        "Nuestra organización ha documentado varios casos.",
        "Esto es muy importante para las comunidades con las que trabajamos.",
        "Por favor, dígannos qué deciden.",
    ],
}


def build(seed: int = 2026) -> list[dict]:
    """The labelled inputs: {"text", "language", "theme"}."""
    rng = random.Random(seed)
    rows = []
    for theme, languages in SENTENCES.items():
        for language, sentences in languages.items():
            for _ in range(PER_LANGUAGE):
                parts = rng.sample(sentences, rng.choice((1, 1, 2)))
                if rng.random() < 1 / 3:
                    parts.insert(rng.randint(0, len(parts)), rng.choice(SHARED[language]))
                rows.append({"text": " ".join(parts), "language": language, "theme": theme})
    rng.shuffle(rows)
    return rows


if __name__ == "__main__":
    path = Path(__file__).with_name("corpus.json")
    path.write_text(json.dumps(build(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {path}")

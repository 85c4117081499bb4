"""Stop words for theme clustering: English (scikit-learn's list), French and Spanish.

Compared after accent folding and lower-casing, so "été" and "ete" are one word. French and
Spanish lists are the usual function words (articles, pronouns, prepositions, auxiliaries)
plus words every stakeholder input carries whatever it is about ("please", "need").
"""

from __future__ import annotations

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

FRENCH = """
a afin ai aie aient aies ait alors as au aucun aucune aupres auquel aura aurai auraient aurais
aurait auras aurez auriez aurons auront aussi autre autres aux auxquelles auxquels avaient avais
avait avant avec avez aviez avions avoir avons ayant ayez ayons bon car ce ceci cela celle celles
celui cependant certain certaines certains ces cet cette ceux chaque chez ci comme comment dans
de des deja depuis dernier derniere dernieres derniers devrait devraient doit doivent donc dont du
elle elles en encore entre est et etaient etais etait etant ete etes etiez etions etre eu eue
eues eurent eus eut faire fait faut fois font hors ici il ils je jusqu jusque la laquelle le
lequel les lesquelles lesquels leur leurs lors lui ma mais me meme memes merci mes moi moins mon
ne ni non nos notre nous on ont ou par parce pas peu peut peuvent plus plupart pour pourquoi
pouvez puis qu quand que quel quelle quelles quels qui quoi sa sans se selon ses seulement si
sien son sont sous soyez sur ta tandis te tes toi ton tous tout toute toutes tres trop tu un une
uns vers via voici voila vos votre vous vu
"""

SPANISH = """
a al algo algun alguna algunas alguno algunos ante antes aqui asi aun aunque cada como con contra
cual cuales cuando cuanto de del desde donde dos el ella ellas ello ellos en entre era eran eres
es esa esas ese eso esos esta estaba estaban estado estais estamos estan estar estas este esto
estos estoy fue fueron fui ha habeis haber habia habian han has hasta hay he hemos la las le les
lo los mas me mi mis mucho muchos muy nada ni no nos nosotras nosotros nuestra nuestras nuestro
nuestros o os otra otras otro otros para pero poco por porque puede pueden que quien quienes se
sea sean ser si sido sin sobre sois solo somos son soy su sus suya suyo tambien tampoco tan
tanto te tenemos tener tengo ti tiene tienen toda todas todo todos tu tus un una unas uno unos
usted ustedes vosotros vuestra vuestro ya favor deberia deberian debe deben
"""

# Words that say nothing about what an input is about, in the three languages.
GENERIC = """
please need needs want would could also like just make made new use used using one two three
veuillez besoin bien tres
necesitamos necesita hacer hace
"""

STOP_WORDS: frozenset[str] = frozenset(ENGLISH_STOP_WORDS) | frozenset(
    (FRENCH + SPANISH + GENERIC).split()
)

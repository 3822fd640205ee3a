"""Word lists for the synthetic corpus: common French words first (Zipf head), names, places.

The long tail of the vocabulary is made of pseudo-words built from French syllables
(``corpus_gen.build_universe``), so full-text search sees both very frequent and very rare terms.
"""


def _words(text: str) -> list[str]:
    return text.split()


COMMON = _words(
    """
de la le et les des à en un une du que qui dans pour sur par pas plus au ne se est a il ce
avec sont son ont elle mais ou été aux cette leurs nous ses été fait comme tout ils être
deux aussi bien après sans entre même selon encore contre depuis avant lors dont année ans
jour semaine mois président gouvernement ministre pays ville État politique accord réunion
sommet sécurité économie entreprise marché prix hausse baisse crise guerre paix conflit
négociations élection élections vote parlement assemblée sénat loi réforme projet budget
dette croissance emploi chômage salaires grève manifestation police justice tribunal procès
enquête affaire scandale victimes blessés morts attaque frontière armée militaires troupes
sanctions diplomatie ambassadeur délégation partenaires alliés responsables dirigeants
opposition majorité parti candidat campagne sondage électeurs citoyens habitants population
région département commune territoire nation monde europe international national local
public privé social santé hôpital médecins vaccin épidémie virus école enseignants élèves
université étudiants recherche science climat énergie pétrole gaz électricité nucléaire
environnement pollution eau agriculture agriculteurs production industrie usine travailleurs
syndicats patronat banque banques finances euro dollar inflation taux investissement
investisseurs bourse action actions société sociétés groupe direction conseil commission
comité rapport décision mesure mesures annonce déclaration communiqué conférence presse
journalistes médias télévision radio réseaux internet numérique données technologie
téléphone transport train avion route voiture trafic logement immigration migrants réfugiés
asile culture festival musée cinéma livre sport match équipe championnat victoire défaite
joueur entraîneur saison coupe finale stade football rugby tennis cyclisme semaine dernière
prochain prochaine nouveau nouvelle nouveaux grande grand grands petite petit premier
première dernier important importante possible nécessaire difficile fort forte longtemps
rapidement toujours jamais déjà souvent notamment également cependant pourtant ainsi alors
enfin vendredi lundi mardi mercredi jeudi samedi dimanche matin soir midi heure heures
janvier février mars avril mai juin juillet août septembre octobre novembre décembre a
déclaré affirmé estimé indiqué expliqué souligné annoncé rappelé précisé ajouté dénoncé
assuré averti reconnu confirmé démenti promis proposé demandé exigé refusé accepté signé
adopté rejeté voté lancé ouvert fermé reporté annulé organisé prévu risque risques menace
menaces tensions dialogue discussions pourparlers rencontre visite voyage discours entretien
appel soutien aide fonds milliards millions euros dollars pourcentage chiffres hausse record
niveau situation question problème solution objectif
"""
)

FIRST_NAMES = _words(
    """
Jean Marie Pierre Michel Anne Philippe Nathalie Nicolas Isabelle François Catherine Laurent
Sylvie Éric Christine Olivier Valérie Stéphane Sandrine Christophe Véronique Frédéric Céline
David Julie Thomas Sophie Julien Aurélie Sébastien Émilie Alexandre Claire Antoine Camille
Vincent Marion Guillaume Pauline Maxime Léa Hugo Chloé Louis Manon Paul Inès Arthur Jeanne
Olaf Angela Vladimir Sergueï Joe Donald Boris Ursula Jens Antonio Giorgia Pedro Volodymyr
"""
)

LAST_NAMES = _words(
    """
Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon Laurent Lefebvre
Michel Garcia David Bertrand Roux Vincent Fournier Morel Girard André Lefèvre Mercier Dupont
Lambert Bonnet François Martinez Legrand Garnier Faure Rousseau Blanc Guerin Muller Henry
Roussel Nicolas Perrin Morin Mathieu Clément Gauthier Dumont Lopez Fontaine Chevalier Robin
Masson Sanchez Gérard Nguyen Boyer Denis Lemaire Duval Joly Gautier Roger Roche Roy Noël
Meyer Lucas Meunier Jean Perez Marchand Dufour Blanchard Marie Barbier Brun Dumas Brunet
Schmitt Leroux Colin Fernandez Pierre Renard Arnaud Rolland Caron Aubert Giraud Leclerc
"""
)

PLACES = _words(
    """
France Paris Russie Moscou Ukraine Kiev Allemagne Berlin Bruxelles Belgique Genève Suisse
Londres Royaume-Uni Washington États-Unis Chine Pékin Italie Rome Espagne Madrid Pologne
Varsovie Turquie Ankara Iran Téhéran Israël Syrie Liban Égypte Algérie Maroc Tunisie Mali
Niger Sénégal Canada Québec Brésil Mexique Japon Tokyo Inde Corée Lyon Marseille Toulouse
Nice Nantes Strasbourg Bordeaux Lille Rennes Grenoble Montpellier Dijon Brest Corse Bretagne
Normandie Alsace Provence Vienne Autriche Suède Norvège Finlande Danemark Grèce Athènes
Portugal Lisbonne Irlande Dublin Kazakhstan Biélorussie Géorgie Arménie Azerbaïdjan Crimée
"""
)

SYLLABLES = _words(
    """
ba be bi bo bu ca ce ci co cu da de di do du fa fe fi fo ga ge gi go la le li lo lu ma me mi
mo mu na ne ni no nu pa pe pi po pu ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo
tion ment eur eux ance ence ette ier ière ois oise on an en in ar er ir or ur al el il ol
ais ait eau oire isme iste ique age ade ude ure ette elle esse onne ard aud
"""
)

SOURCES = _words(
    """
lemonde.fr lefigaro.fr liberation.fr leparisien.fr ouest-france.fr francetvinfo.fr rfi.fr
france24.com lesechos.fr latribune.fr humanite.fr lexpress.fr lepoint.fr nouvelobs.com
20minutes.fr bfmtv.com rt.com sudouest.fr ladepeche.fr lavoixdunord.fr
"""
)

MONTHS = _words(
    """
janvier février mars avril mai juin juillet août septembre octobre novembre décembre
"""
)

ORGS = (
    """
OTAN|ONU|Union européenne|Commission européenne|Parlement européen|Conseil de
l'Europe|Banque centrale européenne|FMI|Banque
mondiale|OMS|UNESCO|OSCE|G7|G20|Kremlin|Maison-Blanche|Élysée|Matignon|Assemblée
nationale|Sénat|Conseil constitutionnel|Cour de cassation|Conseil
d'État|SNCF|EDF|Renault|TotalEnergies|Airbus|Orange|BNP Paribas|Société
générale|CGT|CFDT|Medef|Gazprom|Pentagone|Département
d'État|Bundestag|Interpol|Europol|Frontex
""".strip()
    .replace("\n", " ")
    .replace("| ", "|")
    .replace(" |", "|")
    .split("|")
)

EVENT_TYPES = {
    "meeting": "réunion",
    "summit": "sommet",
    "talks": "pourparlers",
    "election": "élection",
    "visit": "visite",
    "protest": "manifestation",
    "strike": "grève",
    "trial": "procès",
    "conference": "conférence",
    "vote": "vote",
}

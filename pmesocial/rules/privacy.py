"""What the course tells a trainee about their data (RGPD, articles 13 and 17): one text
for both front ends and the trainee guide, filled from the training body's file
(organisme.yaml, `donnees_personnelles`). The book carries the filled text as data
(pmesocial.book writes it with the xAPI profile); each front end fills {ici}, where the
record lives on its side, with `fill`.

Erasing a record is the front ends' job (RecordStore.erase, ui/store.js erase); what they
say before and after is here, so that both say the same.
"""
from __future__ import annotations

# Raised when the notice changes in substance: a trainee who acknowledged an older one
# sees it again.
NOTICE_VERSION = 1

HERE = {"book": "dans ce navigateur", "kernel": "sur cet ordinateur",
        "guide": "dans votre navigateur (livre en ligne) ou sur votre ordinateur (JupyterLab)"}


def _contact(org: dict) -> str:
    person = org["donnees_personnelles"]["contact"]
    return f"{person['nom']} ({person['courriel']})"


def notice(org: dict) -> dict:
    """The first-use notice: what is stored, where, why, for how long, how to erase it."""
    data = org["donnees_personnelles"]
    return {
        "version": NOTICE_VERSION,
        "title": "Vos données dans ce cours",
        # what a phone shows at once; the paragraphs are one tap away (ui/notice.js)
        "summary": "Vos réponses restent {ici}. Rien ne part ailleurs sans qu'un avis vous le dise. "
                   "Vous pouvez tout effacer, page « Mon dossier ».",
        "more": "Tout savoir sur vos données",
        "paragraphs": [
            "Ce qui est enregistré : votre nom et votre entreprise si vous les saisissez, vos réponses aux "
            "exercices et aux tests, votre autodiagnostic, votre plan d'action et vos avis sur la formation.",
            "Où : {ici}, seulement. Rien ne part ailleurs, sauf les fichiers que vous exportez vous-même pour "
            "votre formateur, et vos résultats si votre organisme de formation vous a donné un lien personnel "
            "vers son entrepôt d'apprentissage : un second avis vous le dit alors.",
            f"Pourquoi : reprendre le cours où vous l'avez laissé, vous donner un retour sur vos réponses, et "
            f"permettre à {org['nom']} d'établir votre attestation et les preuves de la formation que la "
            f"certification Qualiopi lui demande.",
            f"Combien de temps : {{ici}}, jusqu'à ce que vous l'effaciez ; ce que reçoit votre organisme de "
            f"formation est gardé {data['conservation']}.",
            f"Pour tout effacer : le bouton « Effacer mon dossier », page « Mon dossier ». Pour les copies déjà "
            f"remises à votre organisme, ou pour consulter ou corriger ce qu'il garde, écrivez à {_contact(org)}. "
            f"Vous pouvez aussi saisir la CNIL (cnil.fr).",
        ],
        "ok": "J'ai compris",
    }


def erase_texts(org: dict) -> dict:
    """What « Effacer mon dossier » asks before, and says after (and what it cannot erase)."""
    return {
        "button": "Effacer mon dossier",
        "confirm": "Effacer votre dossier {ici} ? Vos réponses, votre autodiagnostic, votre plan, vos avis, votre "
                   "nom et votre entreprise seront perdus, ainsi que les copies mises de côté et les résultats pas "
                   "encore envoyés. Exportez-le d'abord si vous voulez en garder une copie.",
        "yes": "Oui, effacer mon dossier",
        "no": "Annuler",
        "done": "Votre dossier a été effacé {ici}.",
        "left": f"Ce qui ne peut pas être effacé d'ici : les fichiers que vous avez exportés (supprimez-les "
                f"vous-même), les copies remises à votre formateur et les résultats déjà transmis à "
                f"l'entrepôt d'apprentissage de votre organisme. Pour les faire effacer, écrivez à {_contact(org)}.",
        "cancelled": "Rien n'a été effacé.",
    }


def fill(text: str, front_end: str) -> str:
    return text.replace("{ici}", HERE[front_end])


def texts(org: dict) -> dict:
    """Everything the book needs, as JSON: the notice and the erase dialogue."""
    return {"notice": notice(org), "erase": erase_texts(org), "here": HERE["book"]}


def register_entry(org: dict) -> list[tuple[str, str]]:
    """The training body's « registre des traitements » entry for this course (RGPD,
    article 30), filled from organisme.yaml: (heading, content) rows to adapt and sign."""
    data = org["donnees_personnelles"]
    contact = data["contact"]
    dpo = data.get("delegue")
    return [
        ("Traitement", "Suivi et évaluation des stagiaires de la formation « Médias sociaux et PME »"),
        ("Responsable du traitement", f"{org['nom']}, {org['adresse']} (SIRET {org['siret']}) ; contact pour les "
                                      f"données personnelles : {contact['nom']}, {contact['courriel']}"),
        ("Délégué à la protection des données", f"{dpo['nom']}, {dpo.get('courriel', '')}".rstrip(", ") if dpo
         else "non désigné (à préciser si l'organisme en a un)"),
        ("Finalités", "suivre la progression du stagiaire et lui donner un retour ; évaluer les acquis à "
                      "l'entrée et à la sortie ; établir l'attestation de fin de formation et le certificat de "
                      "réalisation ; recueillir la satisfaction et l'évaluation à froid ; conserver les preuves "
                      "demandées par le référentiel Qualiopi"),
        ("Base légale (à vérifier avec votre conseil)", "exécution de la convention ou du contrat de formation "
                      "(RGPD, article 6, 1, b) ; obligation légale pour l'attestation de fin de formation (Code du "
                      "travail, article L6353-1 ; RGPD, article 6, 1, c)"),
        ("Personnes concernées", "les stagiaires de la formation"),
        ("Catégories de données", "nom et entreprise, s'ils sont saisis ; identifiant pseudonyme attribué "
                                  "par l'organisme (entrepôt d'apprentissage) ; réponses aux exercices et aux tests, "
                                  "résultats, dates et durées ; autodiagnostic de l'entreprise ; besoins, objectifs "
                                  "et plan d'action ; avis et commentaires libres. Aucune donnée sensible n'est "
                                  "demandée : rappelez aux stagiaires de ne pas en écrire dans les champs libres"),
        ("Destinataires", "le formateur et les personnes de l'organisme chargées du suivi de la formation ; "
                          f"sous-traitants : {data.get('sous_traitants', 'à préciser')} ; sur demande, l'auditeur "
                          "Qualiopi et le financeur de la formation, pour ce qui les concerne"),
        ("Lieu de conservation et transferts hors de l'Union européenne", data["hebergement"]),
        ("Durées de conservation", f"dans le navigateur ou sur l'ordinateur du stagiaire : jusqu'à ce qu'il "
                                   f"efface son dossier ; chez l'organisme (dossiers reçus, relevés de l'entrepôt "
                                   f"d'apprentissage, documents) : {data['conservation']}"),
        ("Mesures de sécurité", "identifiants pseudonymes dans l'entrepôt (ni nom ni entreprise, sauf choix "
                                "contraire de l'organisme) ; compte des stagiaires en écriture seule, lecture "
                                "réservée au compte du formateur ; liaison chiffrée (HTTPS) ; vue de groupe et "
                                "export anonymes par défaut ; livre sans traceur ni contenu d'un autre site ; accès "
                                "aux dossiers reçus limité aux personnes chargées du suivi ; effacement d'un "
                                "stagiaire dans l'entrepôt selon la procédure du README"),
        ("Droits des personnes", f"accès, rectification, effacement, limitation, opposition : auprès de "
                                 f"{contact['nom']} ({contact['courriel']}) ; réclamation auprès de la CNIL"),
    ]

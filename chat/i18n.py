"""Translated strings handed to static/js/chat.js (see static/js/I18N-KEYS.md); left unformatted."""

from __future__ import annotations

from server.formats import ROLE_LABELS, role_strings
from server.i18n import gettext as _


def chat_strings() -> dict[str, str]:
    return {
        "connecting": _("Connexion à la discussion…"),
        "reconnecting": _("Connexion perdue. Reconnexion en cours…"),
        "connect_error": _("Impossible de joindre le serveur pour l'instant. Nouvel essai automatique…"),
        "connect_refused": _(
            "La discussion vous est fermée : votre session a peut-être expiré. "
            "Reconnectez-vous, puis rechargez la page."
        ),
        "disconnected": _("La discussion a été fermée par le serveur. Rechargez la page pour la rejoindre à nouveau."),
        "unavailable": _("La discussion en direct n'a pas pu être chargée. Rechargez la page."),
        "join_failed": _("Impossible de rejoindre cette discussion."),
        "sending": _("Envoi…"),
        "send_retrying": _("Connexion instable, nouvel essai d'envoi…"),
        "send_failed": _("Votre message n'a pas pu être envoyé. Vérifiez votre connexion, puis réessayez."),
        "send_refused": _("Votre message a été refusé."),
        "redacted": _("(certaines informations ont été masquées)"),
        "anonymous": _("Anonyme"),
        # The three states of a stand, worded as on the hall (stands/status.py); names and visitors are extras.
        "staff_online_none": _("Personne en ligne : laissez une question, un professionnel répondra plus tard"),
        "staff_online_one": _("%(num)d professionnel en ligne — réponse en direct"),
        "staff_online_many": _("%(num)d professionnels en ligne — réponse en direct"),
        "staff_names": _("En ligne : %(names)s"),
        "visitors_one": _("%(num)d visiteur dans la discussion"),
        "visitors_many": _("%(num)d visiteurs dans la discussion"),
        **role_strings(),  # role_pupil, role_professional, … (server/formats.py ROLE_LABELS)
        "hidden_tombstone": _("Message masqué par la modération"),
        "hidden_badge": _("masqué"),
        "held_note": _("En attente de relecture par l'équipe de modération"),
        "report": _("Signaler"),
        "report_label": _("Signaler le message de %(name)s"),
        "reported": _("Signalé, merci"),
        "hide": _("Masquer"),
        "hide_label": _("Masquer le message de %(name)s"),
        "unhide": _("Afficher"),
        "unhide_label": _("Afficher le message de %(name)s"),
        "mute": _("Mettre en sourdine 15 min"),
        "mute_label": _("Mettre en sourdine 15 min : %(name)s"),
        "muted_until": _("%(name)s est en sourdine jusqu'à %(time)s."),
        "muted_done": _("%(name)s est en sourdine."),
        "action_failed": _("L'action n'a pas abouti. Vérifiez votre connexion, puis réessayez."),
        "thread_open_failed": _("Impossible d'ouvrir votre question privée pour l'instant. Réessayez dans un moment."),
        "queue_position_one": _("Vous êtes n° %(position)d dans la file d'attente (%(waiting)d question en attente)"),
        "queue_position_many": _("Vous êtes n° %(position)d dans la file d'attente (%(waiting)d questions en attente)"),
        "queue_estimate": _("Réponse estimée dans environ %(minutes)d min"),
        "queue_no_estimate": _("Pas encore d'estimation du temps d'attente"),
        # The truth: the return code brings the same pupil back (server/return_codes.py); joining again with the
        # class code makes a new pupil.
        "queue_no_staff": _(
            "Personne de l'équipe n'est en ligne : votre question attendra. Pour lire la réponse, revenez plus tard, "
            "ici ou sur un autre ordinateur, avec votre code de retour (« Mon code de retour » dans le menu) ; avec "
            "le code de classe, vous auriez un nouveau pseudonyme, sans cette question."
        ),
        "queue_taken": _("%(name)s a pris votre question en charge et va vous répondre ici."),
    }


def console_strings() -> dict[str, str]:
    """chat.js's strings and console.js's: written for the stands' staff, not for pupils."""
    return {
        **chat_strings(),
        "state_failed": _("Impossible de charger vos conversations pour l'instant. Nouvel essai automatique…"),
        "kind_public": _("Discussion publique"),
        "kind_private": _("Question privée"),
        "thread_state_waiting": _("En attente"),
        "thread_state_answered": _("Répondu"),
        "thread_state_new": _("Sans message"),
        "thread_new_badge": _("Nouveau"),
        "thread_title": _("Question de %(name)s (%(stand)s)"),
        "waiting_under_minute": _("depuis moins d'une minute"),
        "waiting_minutes": _("depuis %(minutes)d min"),
        "waiting_hours": _("depuis %(hours)d h %(minutes)s"),
        "taken_by": _("Pris par %(name)s"),
        "taken_by_you": _("Pris par vous"),
        "not_taken": _("Personne ne l'a encore prise"),
        "take": _("Prendre la question"),
        "take_label": _("Prendre la question de %(name)s"),
        "release": _("Libérer"),
        "release_label": _("Libérer la question de %(name)s"),
        "taken_done": _("Vous avez pris la question de %(name)s : répondez-lui ci-dessous."),
        "released_done": _("Question de %(name)s libérée : un collègue peut la prendre."),
        "unread_one": _("%(num)d message non lu"),
        "unread_many": _("%(num)d messages non lus"),
        "preview_author": _("%(name)s : %(text)s"),
        "preview_you": _("Vous : %(text)s"),
        "preview_hidden": _("message masqué"),
        "preview_none": _("Pas encore de message"),
        "summary_waiting_one": _("%(num)d question en attente"),
        "summary_waiting_many": _("%(num)d questions en attente"),
        "summary_calm": _("Aucune question en attente"),
        "announce_new_thread": _("Nouvelle question privée de %(name)s (%(stand)s)"),
        "announce_waiting_again": _("%(name)s attend une réponse (%(stand)s)"),
        "alert_many": _("%(num)d nouvelles questions privées attendent une réponse"),
        "alert_open": _("Ouvrir"),
        "alert_open_label": _("Ouvrir la question de %(name)s"),
        "title_count": _("(%(num)d) %(title)s"),
        "review_title": _("Messages à relire"),
        "review_kind": _("Modération"),
        "review_none": _("Rien à relire"),
        "review_some_one": _("%(num)d message retenu par le filtre"),
        "review_some_many": _("%(num)d messages retenus par le filtre"),
        "no_conversation": _("Aucune conversation ouverte"),
        "held_in": _("dans %(room)s"),
        "held_publish": _("Publier"),
        "held_publish_label": _("Publier le message de %(name)s"),
        "held_keep": _("Laisser masqué"),
        "held_keep_label": _("Laisser masqué le message de %(name)s"),
        "held_published": _("Message publié."),
        "held_kept": _("Message laissé masqué."),
        "announce_held": _("Un message attend votre relecture."),
        "panel_empty": _("Pas encore de message dans cette discussion."),
        "panel_hint": _(
            "Entrée pour envoyer, Maj + Entrée pour aller à la ligne (500 caractères au maximum). "
            "Ne demandez jamais de coordonnées personnelles à un élève."
        ),
    }


TEACHER_SHARED_KEYS = (
    "connecting",
    "reconnecting",
    "connect_error",
    "connect_refused",
    "disconnected",
    "unavailable",
    "anonymous",
    "redacted",
    "hidden_tombstone",
    "hidden_badge",
    *(f"role_{key}" for key in ROLE_LABELS),
)


def teacher_strings() -> dict[str, str]:
    shared = chat_strings()
    return {
        **{key: shared[key] for key in TEACHER_SHARED_KEYS},
        "kind_public": _("discussion publique"),
        "kind_private": _("question privée"),
        "other_discussions": _("Autres discussions"),
        "class_no_label": _("Classe"),
        "messages_label": _("Messages"),
        "date_time": _("%(date)s à %(time)s"),
    }

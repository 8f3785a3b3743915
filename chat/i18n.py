"""Translated strings handed to static/js/chat.js (see static/js/I18N-KEYS.md); left unformatted."""

from __future__ import annotations

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
        "staff_online_none": _("Aucun professionnel en ligne pour l'instant."),
        "staff_online_one": _("%(num)d professionnel en ligne : %(names)s"),
        "staff_online_many": _("%(num)d professionnels en ligne : %(names)s"),
        "visitors_one": _("%(num)d visiteur connecté"),
        "visitors_many": _("%(num)d visiteurs connectés"),
        "role_pupil": _("Élève"),
        "role_teacher": _("Enseignant·e"),
        "role_professional": _("Professionnel·le"),
        "role_cfa": _("CFA"),
        "role_organiser": _("Organisation"),
        "role_other": _("Participant·e"),
        "hidden_tombstone": _("Message masqué par la modération"),
        "hidden_badge": _("masqué"),
        "held_note": _("En attente de relecture par un modérateur"),
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
        "queue_no_staff": _(
            "Aucun professionnel n'est en ligne : votre question les attendra, revenez plus tard avec le même code."
        ),
    }


def console_strings() -> dict[str, str]:
    return {
        **chat_strings(),
        "state_failed": _("Impossible de charger les questions privées pour l'instant. Nouvel essai automatique…"),
        "thread_state_waiting": _("En attente"),
        "thread_state_answered": _("Répondu"),
        "thread_state_new": _("Sans message"),
        "thread_new_badge": _("Nouveau"),
        "thread_open_label": _("Ouvrir la question de %(name)s"),
        "thread_title": _("Question de %(name)s (%(stand)s)"),
        "waiting_under_minute": _("attend depuis moins d'une minute"),
        "waiting_minutes": _("attend depuis %(minutes)d min"),
        "waiting_hours": _("attend depuis %(hours)d h %(minutes)s"),
        "taken_by": _("Pris en charge par %(name)s"),
        "taken_by_you": _("Pris en charge par vous"),
        "take": _("Prendre en charge"),
        "take_label": _("Prendre en charge la question de %(name)s"),
        "release": _("Libérer"),
        "release_label": _("Libérer la question de %(name)s"),
        "unread_one": _("%(num)d message non lu"),
        "unread_many": _("%(num)d messages non lus"),
        "announce_new_thread": _("Nouvelle question privée de %(name)s (%(stand)s)"),
        "announce_waiting_again": _("%(name)s attend une réponse (%(stand)s)"),
        "title_count": _("(%(num)d) %(title)s"),
        "held_in": _("dans %(room)s"),
        "held_publish": _("Publier"),
        "held_publish_label": _("Publier le message de %(name)s"),
        "held_keep": _("Laisser masqué"),
        "held_keep_label": _("Laisser masqué le message de %(name)s"),
        "held_published": _("Message publié."),
        "held_kept": _("Message laissé masqué."),
        "announce_held": _("Un message attend votre relecture."),
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
    "role_pupil",
    "role_teacher",
    "role_professional",
    "role_cfa",
    "role_organiser",
    "role_other",
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

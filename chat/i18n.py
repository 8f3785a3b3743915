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
    }

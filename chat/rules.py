"""Pure rules for what people write: cleaning, length, redaction of contact details, word filter.

Pupils are minors: phone numbers, e-mail addresses, links and social handles are replaced by a
placeholder before anything is stored, in both directions (pupil → adult and adult → pupil), so that
no conversation can move off the platform. Insults are masked, and hate speech or sexual harassment
holds the message for a moderator.

Every pattern is compiled once at import and runs on every message (hundreds per second): no
pattern nests unbounded quantifiers, and the ones that scan runs of characters only start at the
beginning of a run (look-behind), so each message costs linear time even when it is adversarial.
The only I/O is reading the word list next to this file, once, at import.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import NamedTuple

MAX_TEXT = 500
REDACTED = "[masqué]"

# Zero-width characters, bidirectional overrides and other invisible controls hide text from
# moderators and readers; they never carry meaning in a chat message.
_INVISIBLE = re.compile(
    "[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f"
    "\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]"
)
_BLANK_LINES = re.compile(r"\n{3,}")


def clean_text(raw: str) -> str:
    """Normalise, drop invisible controls, trim; keeps emoji and line breaks."""
    text = unicodedata.normalize("NFC", raw)
    text = _INVISIBLE.sub("", text).replace("\r\n", "\n").replace("\r", "\n")
    text = _BLANK_LINES.sub("\n\n", text)
    return text.strip()


# --- Phone numbers -------------------------------------------------------------------------------
# Up to three spaces, dots or dashes between any two digits: "06 12 34 56 78", "06.12.34.56.78",
# "0 6 1 2 3 4 5 6 7 8" and "06 123 456 78" are all the same number. A slash is not a separator,
# so dates ("01/02/2026") never look like a number.
_PHONE_SEP = r"[ \t\u00a0\u202f.\-]{0,3}"
# "05.12.2025 10 30" has ten digits starting with 0: a date with a time, not a phone number.
_DATE_AHEAD = r"\d{2}[ .\-]\d{2}[ .\-](?:19|20)\d{2}(?!\d)"
_PHONE = re.compile(
    rf"(?<![\d+])(?:"
    rf"(?!{_DATE_AHEAD})0{_PHONE_SEP}[1-9]"  # 06 12 34 56 78
    rf"|(?:\+|00)[ \t]?33{_PHONE_SEP}(?:\([ \t]?0[ \t]?\){_PHONE_SEP}|0{_PHONE_SEP})?[1-9]"  # +33 (0)6…
    rf")(?:{_PHONE_SEP}\d){{8}}(?!\d)"
)
# "zéro six 12 34 56 78", "o6 12 34 56 78", "0 six un deux…": a spelled digit among ten digits
# starting with zero. Single digits only: spelled pairs ("douze") are too rare to be worth the risk.
_NONZERO_WORD = r"un|deux|trois|quatre|cinq|six|sept|huit|neuf"
_ANY_DIGIT = rf"\d|z[ée]ro|{_NONZERO_WORD}"
_SPELLED_PHONE = re.compile(
    rf"(?<!\w)(?:(?:z[ée]ro|o){_PHONE_SEP}(?:[1-9]|{_NONZERO_WORD})|0{_PHONE_SEP}(?:{_NONZERO_WORD}))"
    rf"(?:{_PHONE_SEP}(?:{_ANY_DIGIT})){{8}}(?!\w)",
    re.IGNORECASE,
)

# --- E-mail addresses ----------------------------------------------------------------------------
# "@", " @ ", "(at)", "[at]", "{at}", " at ", " arobase ": pupils spell the address out to dodge a
# filter. A space on one side only is a mention, not an address: "merci @lea.martin".
_AT = (
    r"(?:@|[ \t]+@[ \t]+"
    r"|[ \t]*[(\[{][ \t]*(?:at|arobase|arobas)[ \t]*[)\]}][ \t]*"
    r"|[ \t]+(?:at|arobase|arobas)[ \t]+)"
)
# "." touching both words, "(dot)", "[point]", " dot ", " point ". A spaced "." only counts before a
# known top-level domain, so "écris-moi. Merci" does not swallow the next sentence.
_TLD_STRONG = r"com|fr|net|org|io|gg|ly|tv|be|ch|info|app|dev|xyz|ee|gl|biz|online|shop"
_TLD_WEAK = r"me|co|to|it|de|eu|ca|us|la|cc|fm|am|ws|tk|gy|sh|so|im|uk|es"
_DOT = (
    r"(?:\."
    r"|[ \t]*[(\[{][ \t]*(?:dot|point)[ \t]*[)\]}][ \t]*"
    r"|[ \t]+(?:dot|point)[ \t]+"
    rf"|[ \t]?\.[ \t]?(?=(?:{_TLD_STRONG}|{_TLD_WEAK})\b))"
)
_EMAIL_WORD = r"[\w+\-]{1,64}+"
# Big webmail providers identify a mailbox even without ".com": "lea@gmail", "lea arobase hotmail".
_MAIL_PROVIDERS = r"gmail|hotmail|yahoo|outlook|icloud|laposte|wanadoo|protonmail|msn|gmx|ymail"
_EMAIL = re.compile(
    rf"(?<![\w.+\-]){_EMAIL_WORD}(?:{_DOT}{_EMAIL_WORD}){{0,4}}{_AT}"
    rf"(?:{_EMAIL_WORD}(?:{_DOT}{_EMAIL_WORD}){{1,4}}|(?:{_MAIL_PROVIDERS})\b)",
    re.IGNORECASE,
)

# --- Links ---------------------------------------------------------------------------------------
# A link ends before the punctuation that closes the sentence: "va sur www.site.fr." keeps its ".".
_URL_TAIL = r"[^\s<>\"']*[^\s<>\"'.,;:!?)\]}]"
_SCHEME_URL = re.compile(rf"\b(?:https?://|www\.){_URL_TAIL}", re.IGNORECASE)
# Bare domains: "site.fr", "discord.gg/xyz", "bit.ly/abc". Top-level domains that are also common
# words ("me", "ca", "eu", "la" in "merci.ca va", "fini.me voici") only count with a path ("t.me/lea").
# Numbers never end in a top-level domain, so "3.5" and "12.50 €" stay; "ASP.NET" is a technology.
_DOMAIN_LABELS = r"(?:[^\W_][\w\-]{0,62}+\.){1,8}"
_BARE_DOMAIN = re.compile(
    rf"(?<![\w.@\-])(?!asp\.net\b){_DOMAIN_LABELS}"
    rf"(?:(?:{_TLD_STRONG})(?![\w\-])(?:/{_URL_TAIL})?|(?:{_TLD_WEAK})/{_URL_TAIL})",
    re.IGNORECASE,
)
# "lea point fr", "monsite (dot) com": only with the top-level domains nobody uses as a word, and
# not after an article ("le point com de l'an 2000").
_SPELLED_DOMAIN = re.compile(
    r"(?<![\w.\-])(?!(?:le|la|les|un|une|du|au|ce|bon|mon|ton|son)\b)[^\W_][\w\-]{0,62}+"
    r"(?:[ \t]+(?:dot|point)[ \t]+|[ \t]*[(\[{][ \t]*(?:dot|point)[ \t]*[)\]}][ \t]*)"
    r"(?:com|fr|org|gg|io)\b",
    re.IGNORECASE,
)

# --- Social handles ------------------------------------------------------------------------------
# "@lea.martin", but not "rdv @14h", "@ tous" or "le @ sert à…".
_AT_HANDLE = re.compile(r"(?<![\w@.])@(?!\d{1,2}h(?:\d{2})?\b|\d+\b)\w(?:[\w.]{0,28}\w)?")

_PLATFORMS = (
    r"snap(?:chat)?|insta(?:gram)?|ig|tik[ \-]?tok|discord|whats[ \-]?app|telegram|facebook|fb"
    r"|messenger|twitter|twitch|linkedin|youtube|skype|bereal"
)
# "mon snap", "mon compte insta", "mon pseudo sur discord": the next word is the identifier.
_POSSESSIVE_INTRO = (
    r"(?:mon|ma|mes|ton|ta|son|sa|notre|votre)[ \t]+"
    r"(?:(?:compte|pseudo|profil|id|identifiant|nom)[ \t]+(?:(?:sur|de)[ \t]+|d['’][ \t]*)?)?"
)
# "ajoute-moi sur snap", "suis-moi sur insta", "écris-moi sur discord". The pronoun is required
# (except after "add"/"follow"): "je suis sur tiktok depuis" and "je trouve sur insta plein de…"
# say nothing about an account.
_VERB_INTRO = (
    r"(?:(?:ajoute|ajoutez|suis|suivez|abonne|abonnez|contacte|contactez|[ée]cris|[ée]crivez|envoie"
    r"|envoyez|parle|parlez|retrouve|retrouvez|trouve|trouvez|cherche|cherchez|demande|demandez)"
    r"[ \t\-]*(?:moi|nous|toi|vous)"
    r"|(?:add|follow)(?:[ \t\-]*(?:moi|nous|me|us))?)"
    r"[ \t]+(?:sur|en|par|via|on)[ \t]+"
)
# The platform name anchors the search; what comes before it is only looked at when one is found.
_SOCIAL = re.compile(
    rf"\b(?:{_PLATFORMS})\b"
    r"(?P<connector>[ \t]*(?:(?:(?:c['’ ]?est|est|is)\b|->|=>|[:=>])[ \t]*){0,2})"
    rf"(?!(?:{_PLATFORMS})\b)(?P<id>[\w@][\w.\-#@]{{0,39}})"
    # Facebook and LinkedIn show real names: "mon fb c'est Lea Martin" must not leak "Martin".
    r"(?P<names>(?-i:(?:[ \t]+[A-ZÀ-ÖØ-Þ][\w\-]{1,30}){0,2}))",
    re.IGNORECASE,
)
_POSSESSIVE_BEFORE = re.compile(rf"\b{_POSSESSIVE_INTRO}\Z", re.IGNORECASE)
_VERB_BEFORE = re.compile(rf"\b{_VERB_INTRO}\Z", re.IGNORECASE)
_INTRO_REACH = 60
_EXPLICIT_CONNECTOR = re.compile(r"c['’ ]?est|->|=>|[:=>]", re.IGNORECASE)
# A handle has something a French word never has: a digit, "_", "#1234", an inner dot.
_HANDLE_LIKE = re.compile(r"@\w[\w.]*|[^\W\d_](?=[\w.#]*(?:[\d_#]|\.\w))[\w.#]*")
_END_OF_CLAUSE = re.compile(r"[ \t]*(?:[\n,;.!?)…]|$)")
# Words that follow a platform name in ordinary talk: "mon insta c'est privé", "sur tiktok hier".
_NOT_A_HANDLE_WORDS = """
    le la les l un une des du de d au aux a à en et ou mais donc car ni ne n pas plus jamais rien
    mon ma mes ton ta tes son sa ses notre votre leur leurs ce cet cette ces c ca ça cest ici là
    je tu il elle on nous vous ils elles moi toi lui eux me te se y qui que quoi quand comment pourquoi
    est sont etait était ai as avons avez ont fait va vais peut faut sert marche
    tout tous toute toutes trop tres très bien mal mieux nul nulle cool top super genial génial
    pareil aussi encore deja déjà toujours souvent parfois demain hier soir matin maintenant
    apres après avant tard stp svp merci oui non ok okay si pour par avec sans chez dans sur sous
    prive privé privee privée ferme fermé bloque bloqué supprime supprimé pirate piraté interdit
    interdite dangereux dangereuse public publique obligatoire payant gratuit gratuite
    h24 24h 24h24 7j7
"""
_NOT_A_HANDLE = frozenset(_NOT_A_HANDLE_WORDS.split())


def _redact_social(match: re.Match[str]) -> str:
    """Mask the identifier after a platform name, keeping "mon snap c'est" readable.

    A handle-looking identifier ("lea_76", "lea#1234", "@lea", "lea.martin") is always masked. A
    plain word ("lea") only when the sentence gives it away ("ajoute-moi sur snap lea", "mon snap
    c'est lea", "insta : lea") and it is not a word people say about the platform itself.
    """
    raw_id = match.group("id")
    identifier = raw_id.rstrip(".-#@")
    if not _is_social_identifier(match, identifier):
        return match.group(0)
    start = match.start("id") - match.start()
    if raw_id != identifier or _HANDLE_LIKE.fullmatch(identifier):  # a handle is one word
        return match.group(0)[:start] + REDACTED + raw_id[len(identifier) :] + match.group("names")
    return match.group(0)[:start] + REDACTED


def _is_social_identifier(match: re.Match[str], identifier: str) -> bool:
    """Decide whether the word after a platform name is somebody's identifier (see _redact_social)."""
    word = identifier.casefold()
    if len(word) < 2 or word in _NOT_A_HANDLE:
        return False
    if _HANDLE_LIKE.fullmatch(identifier):
        return True
    # Plain words only from here: "lea", "lea-martin". Adverbs ("récemment") are never names.
    if len(word) < 3 or not word.replace("-", "").isalpha() or word.endswith("ment"):
        return False
    text, start = match.string, match.start()
    before = max(0, start - _INTRO_REACH)
    explicit = _EXPLICIT_CONNECTOR.search(match.group("connector")) is not None
    after = match.end() if identifier == match.group("id") else match.start("id") + len(identifier)
    ends_clause = _END_OF_CLAUSE.match(text, after) is not None  # "insta : Lea Martin."
    if explicit and ends_clause:  # "insta : lea"
        return True
    if (explicit or ends_clause) and _POSSESSIVE_BEFORE.search(text, before, start):  # "mon snap c'est lea"
        return True
    return _VERB_BEFORE.search(text, before, start) is not None  # "ajoute-moi sur snap lea"


# Order matters: an address contains a domain and an "@handle", a link can contain a number.
_REDACTIONS: tuple[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]], ...] = (
    (_EMAIL, REDACTED),
    (_SCHEME_URL, REDACTED),
    (_BARE_DOMAIN, REDACTED),
    (_SPELLED_DOMAIN, REDACTED),
    (_PHONE, REDACTED),
    (_SPELLED_PHONE, REDACTED),
    (_SOCIAL, _redact_social),
    (_AT_HANDLE, REDACTED),
)


def redact(text: str) -> tuple[str, bool]:
    """Replace contact details by a placeholder. Returns the text and whether it changed."""
    redacted = text
    for pattern, replacement in _REDACTIONS:
        redacted = pattern.sub(replacement, redacted)
    return redacted, redacted != text


# --- Word filter ---------------------------------------------------------------------------------
WORD_LIST = Path(__file__).with_name("insults_fr.txt")

# Leetspeak pupils use to slip a word past a filter: "c0nn4rd", "s@lope", "$alope".
_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "@": "a", "$": "s"})
# A word, or single characters glued by short separators ("c.o.n.n.a.r.d", "c o n n a r d"), which
# pupils write to slip past a filter. Both are bounded, so a message costs linear time.
_CHAR = r"(?:[^\W_]|[@$])"
_LONE_CHAR = rf"(?<![^\W_])(?<![@$]){_CHAR}(?![^\W_]|[@$])"
_SPELLED_OUT_GAP = r"[ \t.\-_*·•]{1,3}"
_TOKEN = re.compile(rf"{_LONE_CHAR}(?:{_SPELLED_OUT_GAP}{_LONE_CHAR}){{1,40}}|{_CHAR}{{1,100}}")
_SPELLED_OUT_GAPS = re.compile(_SPELLED_OUT_GAP)
# Words of one entry ("ta gueule", "pique-nique") are separated by spaces, hyphens or apostrophes, not
# by a sentence break: "le sol est sale. Noir de crasse" is not an insult.
_PHRASE_GAP = re.compile(r"[\s\-_'’]{1,3}")


@dataclass(frozen=True)
class WordCheck:
    """What the word filter found: the masked text, and whether it must wait for a moderator."""

    text: str
    masked: bool
    held: bool
    matches: tuple[str, ...]


class _Word(NamedTuple):
    """A word reduced to its letters without repeats ("conard") and how often each one repeats."""

    skeleton: str
    repeats: tuple[int, ...]


class _Entry(NamedTuple):
    """One line of the word list: its words, and what to do when a message contains it."""

    canonical: str
    words: tuple[_Word, ...]
    hold: bool
    allowed: bool


class _Token(NamedTuple):
    """A word of the message, with where it sits so that it can be masked in place."""

    start: int
    end: int
    word: _Word


def _fold(text: str) -> str:
    """Lower-case, drop accents and undo leetspeak, so that "CÔNN4RD" compares as "connard"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().replace("œ", "oe").replace("æ", "ae"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).translate(_LEET)


def _to_word(folded: str) -> _Word:
    """Split a folded word into letters and repeat counts: "connnard" → ("conard", (1, 1, 3, 1, 1, 1))."""
    skeleton: list[str] = []
    repeats: list[int] = []
    for ch in folded:
        if skeleton and skeleton[-1] == ch:
            repeats[-1] += 1
        else:
            skeleton.append(ch)
            repeats.append(1)
    return _Word("".join(skeleton), tuple(repeats))


@lru_cache(maxsize=16384)
def _word_of(typed: str) -> _Word:
    """The comparable form of a word as typed; cached because chat vocabulary repeats a lot."""
    return _to_word(_fold(_SPELLED_OUT_GAPS.sub("", typed)))


def _same_word(found: _Word, listed: _Word) -> bool:
    """Whether a word of the message is a listed word, stretched or not.

    A letter may be repeated three times or more ("connnard", "merdeee"), but a double letter is
    never read as a single one: "baisse" and "cône" are not "baise" and "conne".
    """
    if found.skeleton != listed.skeleton:
        return False
    return all(f == n or (f >= 3 and f >= n) for f, n in zip(found.repeats, listed.repeats, strict=True))


def _parse_word_list(lines: Iterable[str]) -> tuple[_Entry, ...]:
    """Read the word list format (see insults_fr.txt): "#" comments, "!" hold, "~" allowed phrase."""
    entries = []
    for line in lines:
        entry = line.strip()
        if not entry or entry.startswith("#"):
            continue
        hold, allowed = entry.startswith("!"), entry.startswith("~")
        canonical = entry.lstrip("!~").strip()
        words = tuple(_to_word(_fold(word)) for word in re.split(r"[\s\-'’]+", canonical) if word)
        if words:
            entries.append(_Entry(canonical, words, hold, allowed))
    return tuple(entries)


def _index(entries: Iterable[_Entry]) -> dict[str, tuple[_Entry, ...]]:
    """Entries by the skeleton of their first word; allowed phrases first, then the longest."""
    index: dict[str, list[_Entry]] = {}
    for entry in entries:
        index.setdefault(entry.words[0].skeleton, []).append(entry)
    return {key: tuple(sorted(group, key=lambda e: (not e.allowed, -len(e.words)))) for key, group in index.items()}


_ENTRIES = _parse_word_list(WORD_LIST.read_text(encoding="utf-8").splitlines())
_INDEX = _index(_ENTRIES)


def _tokens(text: str) -> list[_Token]:
    """The words of a message, spelled-out words glued back together, with their place in the text."""
    return [_Token(m.start(), m.end(), _word_of(m.group())) for m in _TOKEN.finditer(text)]


def _entry_at(text: str, tokens: list[_Token], i: int) -> _Entry | None:
    """The list entry that starts at token i, if any (allowed phrases win, then the longest)."""
    for entry in _INDEX.get(tokens[i].word.skeleton, ()):
        candidates = tokens[i : i + len(entry.words)]
        if (
            len(candidates) == len(entry.words)
            and all(_same_word(t.word, w) for t, w in zip(candidates, entry.words, strict=True))
            and all(_PHRASE_GAP.fullmatch(text, a.end, b.start) for a, b in pairwise(candidates))
        ):
            return entry
    return None


def _mask(span: str, canonical: str) -> str:
    """First letter then asterisks, same length: "connard" → "c******"."""
    first = span[0] if span[0].isalpha() else canonical[0]
    return first + "*" * (len(span) - 1)


def check_words(text: str) -> WordCheck:
    """Mask insults and tell whether the message must be held for a moderator.

    Whole words only (so "concours", "réputé", "bitume" pass), whatever the case, accents, stretched
    letters, spelled-out letters or leetspeak. Held messages are masked too: what a moderator
    releases is never worse than what the filter lets through.
    """
    tokens = _tokens(text)
    pieces: list[str] = []
    found: list[_Entry] = []
    position = i = 0
    while i < len(tokens):
        entry = _entry_at(text, tokens, i)
        if entry is None:
            i += 1
            continue
        start, end = tokens[i].start, tokens[i + len(entry.words) - 1].end
        if not entry.allowed:
            found.append(entry)
            pieces += [text[position:start], _mask(text[start:end], entry.canonical)]
            position = end
        i += len(entry.words)
    pieces.append(text[position:])
    return WordCheck(
        text="".join(pieces),
        masked=bool(found),
        held=any(entry.hold for entry in found),
        matches=tuple(dict.fromkeys(entry.canonical for entry in found)),
    )

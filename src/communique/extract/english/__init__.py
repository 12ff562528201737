"""The English pipeline: official press releases in English, by rules, lexicons and gazetteers.

    sentences → names → entities → roles → dates → events → agreements → topics

The same recipe as the Russian pipeline, with steps written for English, one module per step:

* sentences.py  paragraph blocks split into sentences and tokens (abbreviations and initials kept);
* ner.py        names: capitalized sequences read by rules: gazetteer places and bodies (longest
                match), bodies headed by "Ministry / Agency / Union / ... " with their "of"-complements,
                companies named after "operator", "company", acronyms in parentheses, persons after an
                honorific ("Ms", "Dr"), before or after a job title ("Minister X", "X, Vice Minister of ...");
* entities.py   the spans resolved in an EntityTable(lang="en"): a surname or an acronym met again joins
                the entity named in full; a country is named as this text names it;
* roles.py      job titles bound to persons ("X, Head of ... at ITU", "Deputy Minister of ... X");
* dates.py      dates.find_dates(lang="en"), plus "this morning"-style words for the publication day;
* events.py     triggers from resources/events_en.json, status from tense and modality checked against
                the publication date, participants by clause, place after "in/at/to", sub-events, and the
                same inheritance as the Russian step (a speech at a meeting happened when and where it
                did); its parts: triggers.py, references.py, arguments.py, structure.py;
* agreements.py documents named by their head noun (resources/agreements_en.json);
* topics        the shared TopicStep (extract/topics.py);
* pipeline.py   STEPS, the list of them that extract/core.py's Pipeline runs (EnglishPipeline);
                lexicon.py holds the word lists they share.

Every lexicon is data in resources/*_en.json; nothing here knows a particular text.
"""

from .agreements import EnglishAgreements
from .dates import find_dates_en
from .entities import EnglishEntities
from .events import EnglishEvents
from .ner import EnglishNames, Span
from .pipeline import ENGLISH_STEPS, EnglishPipeline
from .roles import EnglishRoles
from .sentences import english_sentences, tokenize

__all__ = [
    "ENGLISH_STEPS",
    "EnglishAgreements",
    "EnglishEntities",
    "EnglishEvents",
    "EnglishNames",
    "EnglishPipeline",
    "EnglishRoles",
    "Span",
    "english_sentences",
    "find_dates_en",
    "tokenize",
]

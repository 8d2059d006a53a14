"""English word lists for the SEO and readability checks.

All entries are lower case with straight apostrophes, the form
``forms.low()`` gives a word. Multi-word entries are tuples of such words.
The lists are ours, written for this project from general English usage.
"""

from __future__ import annotations

# Words that carry grammar rather than topic: articles, pronouns, prepositions,
# conjunctions, auxiliaries, determiners, quantifiers and a few very common
# adverbs. A keyphrase's *content* words are its words not in this set.
FUNCTION_WORDS = frozenset(
    """
    a an the this that these those such what which whose who whom whoever whatever whichever
    i me my mine myself you your yours yourself yourselves he him his himself she her hers herself
    it its itself we us our ours ourselves they them their theirs themselves one ones oneself
    somebody someone something anybody anyone anything everybody everyone everything nobody none
    nothing each every either neither both all any some few many much more most less least several
    other others another enough own same
    and or nor but yet so for if then else than because although though while whereas unless until
    whether since as once lest
    about above across after against along amid amidst among amongst around at before behind below
    beneath beside besides between beyond by despite down during except from in inside into like
    near of off on onto out outside over past per round through throughout till to toward towards
    under underneath unlike up upon versus via with within without
    be am is are was were been being have has had having do does did doing done
    will would shall should can could may might must ought need dare
    i'm you're he's she's it's we're they're i've you've we've they've i'd you'd he'd she'd we'd
    they'd i'll you'll he'll she'll we'll they'll isn't aren't wasn't weren't hasn't haven't hadn't
    doesn't don't didn't won't wouldn't shan't shouldn't can't cannot couldn't mustn't mightn't
    needn't let's that's there's here's what's who's where's how's
    not no yes very too also just only even still already quite rather almost really
    here there where when why how now ever never always often sometimes soon again
    up out away back
    """.split()
)

BE_VERBS = frozenset("am is are was were be been being isn't aren't wasn't weren't".split())
GET_VERBS = frozenset("get gets got gotten getting".split())

# Words that may sit between an auxiliary and its participle ("was not signed",
# "is widely seen", "has been quickly approved").
PASSIVE_INSERTS = frozenset(
    "not never also still already often always just then being been further newly first now "
    "later since ever even almost nearly long".split()
)

# Past participles that do not end in -ed (and are used transitively).
IRREGULAR_PARTICIPLES = frozenset(
    """
    arisen awoken borne born beaten become begun bent bet bid bitten bled blown broken bred brought
    broadcast built burnt bought cast caught chosen clung cost crept cut dealt dug done drawn dreamt
    driven drunk eaten fed felt fought found fled flung forbidden forecast forgotten forgiven
    forsaken frozen given ground grown hung heard hidden hit held hurt kept knelt knit known laid
    led leant leapt learnt left lent let lit lost made meant met mislaid misled mistaken
    misunderstood mown outdone overcome overdone overheard overlooked overrun overseen overtaken
    overthrown paid proven put quit read rebuilt recast redone remade repaid reset retold rewritten
    rid ridden rung said seen sought sold sent set sewn shaken shaven shed shod shot shown shrunk
    shut sung sunk slain slung slit smelt sown spoken sped spelt spent spilt spun spat split spoilt
    spread sprung stolen stuck stung stunk strewn struck strung sworn swept swollen swum swung
    taken taught torn told thought thrown thrust trodden undercut undergone understood undertaken
    underwritten undone upheld upset withdrawn withheld withstood woken worn woven wed wept won
    wound wrung written foreseen foretold forgone inlaid outgrown outlaid outsold overborne
    overdrawn overeaten overpaid oversold overspent
    """.split()
)

# Words ending in -ed that are not past participles.
NOT_PARTICIPLE_ED = frozenset(
    """
    bed red shed sled wed fled bred fed led sped need seed speed feed reed weed deed heed breed
    creed greed steed indeed exceed proceed succeed hundred kindred sacred naked wicked rugged
    ragged crooked jagged wretched beloved dogged embed shred bled hatred ahmed mohammed muhammad
    ned ted fred
    """.split()
)

# Words ending in -ly that are not adverbs (or are adverbs nobody should avoid).
NOT_ADVERB_LY = frozenset(
    """
    only early likely unlikely family daily weekly monthly yearly hourly nightly quarterly
    friendly unfriendly lovely lonely lively costly deadly elderly ugly holy unholy silly jelly
    belly bully ally rally tally sally reply supply apply imply comply rely fly july italy
    assembly anomaly monopoly melancholy homily lily folly jolly holly curly surly burly chilly
    hilly oily wily sly ply gully dally worldly orderly disorderly scholarly timely untimely
    cowardly motherly fatherly brotherly sisterly neighborly neighbourly heavenly ghastly ghostly
    manly womanly leisurely unruly beastly courtly stately comely homely portly sickly measly
    prickly wrinkly bubbly cuddly grizzly gnarly doily butterfly dragonfly firefly multiply
    underbelly kelly emily billy molly polly sully dolly wholly lowly kindly bodily
    """.split()
)

# Vague words that weaken a claim (after Matt Might's "weasel words" list and
# the style guides that followed it).
WEASEL_WORDS = frozenset(
    """
    many various very fairly several extremely exceedingly quite remarkably few surprisingly
    mostly largely huge tiny excellent interestingly significantly substantially clearly vast
    relatively completely literally basically arguably reportedly allegedly supposedly
    virtually somewhat totally incredibly
    """.split()
)

WEASEL_PHRASES = tuple(
    tuple(p.split())
    for p in (
        "it is said",
        "it is believed",
        "it is thought",
        "it is known",
        "it has been said",
        "it has been suggested",
        "it could be argued",
        "some people say",
        "some say",
        "many people",
        "many believe",
        "many say",
        "experts say",
        "experts agree",
        "studies show",
        "research shows",
        "critics say",
        "people say",
        "it is widely",
    )
)

TRANSITION_WORDS = frozenset(
    """
    accordingly additionally admittedly afterward afterwards albeit also alternatively although
    altogether besides but consequently conversely correspondingly despite equally especially
    eventually finally first firstly further furthermore hence however indeed initially instead
    lastly later likewise meanwhile moreover namely nevertheless next nonetheless notably
    notwithstanding otherwise overall particularly previously regardless second secondly
    similarly specifically subsequently then thereafter therefore third thirdly though thus
    ultimately undoubtedly unlike whereas while yet because since so still
    """.split()
)

TRANSITION_PHRASES = tuple(
    tuple(p.split())
    for p in (
        "as a result",
        "as a consequence",
        "in addition",
        "for example",
        "for instance",
        "in contrast",
        "by contrast",
        "on the other hand",
        "in other words",
        "in fact",
        "as well as",
        "in conclusion",
        "to conclude",
        "to sum up",
        "in summary",
        "in short",
        "in brief",
        "in particular",
        "above all",
        "after all",
        "at the same time",
        "even though",
        "even so",
        "even if",
        "first of all",
        "in the meantime",
        "in spite of",
        "on the contrary",
        "such as",
        "so that",
        "that is to say",
        "to begin with",
        "to illustrate",
        "as long as",
        "as soon as",
        "due to",
        "because of",
        "in order to",
        "rather than",
        "not only",
        "but also",
        "in the end",
        "all in all",
        "in the same way",
        "with this in mind",
        "on top of that",
        "in general",
        "generally speaking",
        "for this reason",
        "given that",
        "provided that",
        "as opposed to",
        "at first",
        "at last",
        "in any case",
        "in any event",
        "last but not least",
        "as shown",
        "to put it differently",
        "in the long run",
        "as a matter of fact",
    )
)

# Abbreviations that end in a full stop without ending the sentence.
ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof st jr sr vs etc e.g i.e cf inc ltd co corp no nos fig figs approx gen col
    lt sgt rep sen gov capt mt ave rd blvd dept est vol vols ed eds pp p ch sec jan feb mar apr
    jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun al ca
    """.split()
)

# Capitalised words that, after an abbreviation, show a new sentence has begun.
SENTENCE_STARTERS = frozenset(
    """
    the a an this that these those it its he she we they i you there here in on at for but and
    so yet however meanwhile after before when while if as his her their our my your what who
    why how one some many most no not all each every
    """.split()
)

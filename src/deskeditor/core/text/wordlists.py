"""English word lists for the SEO and readability checks.

All entries are lower case with straight apostrophes, the form
``forms.low()`` gives a word. Multi-word entries are tuples of such words.
The lists are ours, written for this project from general English usage.
"""

from __future__ import annotations

# The further words Yoast SEO's English analysis filters out of a keyphrase
# (its ``functionWords.js``, by category: numerals, quantifiers, auxiliaries,
# copulas, interview and "delexicalised" verbs, general adjectives and
# adverbs, vague nouns, time and recipe words, ...), so that a keyphrase has
# the same content words here as in WordPress ("best coffee beans": coffee,
# beans).
_YOAST_FUNCTION_WORDS = frozenset(
    """
    one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen
    seventeen eighteen nineteen twenty hundred hundreds thousand thousands million millions billion
    billions first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth
    thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth
    lot lots ton tons bit little plenty fewer kind kinds whomever whomsoever whosoever
    whyever wheresoever whensoever howsoever whysoever whatsoever whereso whomso whenso howso whyso whoso
    whatso therefor therein hereby hereto wherein therewith herewith wherewith thereby whither thither
    hither whence thence twice thrice dares dared it'd would've could've shalln't there're here're
    there'll appear appears appeared become becomes became come comes came keep keeps kept remain
    remains remained stay stays stayed turn turns turned doing daring appearing becoming coming
    keeping remaining staying saying asking stating seeming letting making setting showing putting
    adding going using trying containing aboard abreast absent adjacent alongside mid apropos apud
    astride ontop afore tofore ahind ablow neath atween ayond chez circa spite minus nearer nearest
    anear opposite outen pre qua sans sithence thru truout upside ago apart aside aslant withal midst
    whilst forward backward ahead sooner say says said claimed ask asks asked stated explain explains
    explained think thinks talks talked announces announced tells told discusses discussed suggests
    suggested understands understood definitely eternally expressively expressly immediately
    including instantly namely naturally next notably nowadays ordinarily positively truly
    ultimately uniquely usually maybe probably granted initially actually regularly simply
    optionally perhaps likely inasmuch provided currently incidentally elsewhere particular recently
    relatively clearly apparently highly extremely absolutely completely totally utterly somewhat
    seriously fairly fully amazingly seem seems seemed lets make makes made want showed shown go goes
    went gone take takes took taken put puts use used try tries tried mean means meant called based
    add adds added contain contains contained consist consists consisted ensure ensures ensured new
    newer newest old older oldest previous good well better best big bigger biggest easy easier
    easiest fast faster fastest far hard harder hardest large larger largest long longer longest low
    lower lowest high higher highest regular simple simpler simplest small smaller smallest tiny
    tinier tiniest short shorter shortest main actual nice nicer nicest real able certain usual
    mainly mostly recent anymore complete lately possible commonly constantly continually directly
    easily nearly slightly somewhere estimated latest different similar widely bad worse worst great
    specific available average awful awesome basic beautiful busy current entire everywhere important
    major multiple normal necessary obvious partly special last early earlier earliest young younger
    youngest oh wow ugh whew phew yeah yea shh oops ouch aha yikes tbs tbsp spk lb qt pk bu oz pt mod
    doz hr ml dl cl l mg g kg quart seconds minute minutes hour hours day days week weeks month months
    year years today tomorrow yesterday thing things way ways matter case likelihood piece pieces
    stuff times part parts percent instance instances aspect aspects item items idea theme person
    detail details factor factors difference differences sure top bottom ok okay amen aka etc
    etcetera sorry please ms mss mrs mr dr prof jr sr
    """.split()
)

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
) | _YOAST_FUNCTION_WORDS

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

# The transition words and phrases Yoast SEO counts for English (its
# ``transitionWords`` and ``twoPartTransitionWords``), so that the share of
# sentences with a transition agrees with what WordPress shows. A sentence has
# a transition when one of these occurs in it as whole words, or both parts of
# a two-part one in order ("not only ... but also").
TRANSITION_WORDS = frozenset(
    """
    accordingly additionally afterward afterwards albeit also although altogether another basically
    because before besides but certainly chiefly comparatively concurrently consequently contrarily
    conversely correspondingly despite doubtedly during e.g. earlier emphatically equally especially
    eventually evidently explicitly finally firstly following formerly forthwith fourthly further
    furthermore generally hence henceforth however i.e. identically indeed initially instead last
    lastly later lest likewise markedly meanwhile moreover nevertheless nonetheless nor
    notwithstanding obviously occasionally otherwise overall particularly presently previously rather
    regardless secondly shortly significantly similarly simultaneously since so soon specifically
    still straightaway subsequently surely surprisingly than then thereafter therefore thereupon
    thirdly though thus till undeniably undoubtedly unless unlike unquestionably until when whenever
    whereas while whether if actually once
    """.split()
)

TRANSITION_PHRASES = tuple(
    tuple(p.split())
    for p in """
    above all|after all|after that|all in all|all of a sudden|all things considered|analogous to|
    although this may be true|another key point|as a matter of fact|as a result|as an illustration|
    as can be seen|as has been noted|as i have noted|as i have said|as i have shown|as long as|
    as much as|as opposed to|as shown above|as soon as|as well as|at any rate|at first|at last|
    at least|at length|at the present time|at the same time|at this instant|at this point|
    at this time|balanced against|being that|by all means|by and large|by comparison|
    by the same token|by the time|compared to|be that as it may|coupled with|different from|due to|
    equally important|even if|even more|even so|even though|first thing to remember|for example|
    for fear that|for instance|for one thing|for that reason|for the most part|for the purpose of|
    for the same reason|for this purpose|for this reason|from time to time|given that|
    given these points|important to realize|in a word|in addition|in another case|in any case|
    in any event|in brief|in case|in conclusion|in contrast|in detail|in due time|in effect|
    in either case|in essence|in fact|in general|in light of|in like fashion|in like manner|
    in order that|in order to|in other words|in particular|in reality|in short|in similar fashion|
    in spite of|in sum|in summary|in that case|in the event that|in the final analysis|
    in the first place|in the fourth place|in the hope that|in the light of|in the long run|
    in the meantime|in the same fashion|in the same way|in the second place|in the third place|
    in this case|in this situation|in time|in truth|in view of|inasmuch as|
    most compelling evidence|most important|must be remembered|not only|not to mention|note that|
    now that|of course|on account of|on balance|on condition that|on one hand|
    on the condition that|on the contrary|on the negative side|on the other hand|
    on the positive side|on the whole|on this occasion|once in a while|only if|owing to|
    point often overlooked|prior to|provided that|seeing that|so as to|so far|so long as|so that|
    sooner or later|such as|summing up|take the case of|that is|that is to say|then again|
    this time|to be sure|to begin with|to clarify|to conclude|to demonstrate|to emphasize|
    to enumerate|to explain|to illustrate|to list|to point out|to put it another way|
    to put it differently|to repeat|to rephrase it|to say nothing of|to sum up|to summarize|
    to that end|to the end that|to this end|together with|under those circumstances|until now|
    up against|up to the present time|vis a vis|what's more|while it may be true|
    while this may be true|with attention to|with the result that|with this in mind|
    with this intention|with this purpose in mind|without a doubt|without delay|without doubt|
    without reservation|according to|whether or
    """.replace("\n", " ").split("|")
)

# Two-part transitions: the first part, then the second later in the sentence.
TWO_PART_TRANSITIONS = (
    (("both",), ("and",)),
    (("not", "only"), ("but", "also")),
    (("neither",), ("nor",)),
    (("either",), ("or",)),
    (("not",), ("but",)),
)

# Stop words in a slug (the list Yoast SEO's "slug stopwords" check used for
# English: the common English stop word list).
SLUG_STOP_WORDS = frozenset(
    """
    a about above after again against all am an and any are as at be because been before being
    below between both but by could did do does doing down during each few for from further had
    has have having he he'd he'll he's her here here's hers herself him himself his how how's i
    i'd i'll i'm i've if in into is it it's its itself let's me more most my myself nor of on
    once only or other ought our ours ourselves out over own same she she'd she'll she's should
    so some such than that that's the their theirs them themselves then there there's these they
    they'd they'll they're they've this those through to too under until up very was we we'd
    we'll we're we've were what what's when when's where where's which while who who's whom why
    why's with would you you'd you'll you're you've your yours yourself yourselves
    """.split()
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

# Long words (more than seven letters) that are nevertheless familiar to most
# readers, for the word complexity check: a long word that is not here (nor
# its singular) and does not start with a capital counts as complex. Ours,
# written from general English usage; Yoast SEO uses its own frequency list,
# so the percentage may differ a little from the one WordPress shows.
FAMILIAR_LONG_WORDS = frozenset(
    """
    absolutely academic accepted accident according accounts activity actually addition additional
    address advanced advantage advertising afternoon agreement airplane although american analysis
    announced anything anywhere apartment apparently applied approach approved argument articles
    attached attention audience authority automatic available avoiding awareness background
    bathroom beautiful becoming bedrooms beginning behavior behaviour believed belonged benefits
    birthday boyfriend breakfast brothers building business calendar campaign capacity captured
    carefully category centuries ceremony chairman champion changing channels chapters character
    chemical children chocolate choosing cigarette citizens classroom clothing colleague collected
    collection commercial committee communication community companies comparison competition
    complaint complete completely computer computers concerned concerns condition conditions
    conference confidence confirmed conflict congress connected connection consider considered
    constant construction consumer contained continue continued contract contrast control
    conversation corporate counting countries creating creative criminal critical cultural
    currently customer customers daughter deadline decision decisions declared decrease defeated
    defended definitely delivery democracy democratic department described describe designed
    desperate detailed determine developed developer developing development difference different
    difficult director directly disabled discount discovered discussion disease distance district
    document documents domestic download economic economy education effective efficient election
    electric electricity elements emergency employee employees employer encourage engineer
    engineering entering entirely entrance environment equipment essential establish estimated
    evening everybody everyday everyone everything evidence exactly examples exchange exciting
    exercise existing expected expensive experience experiment explained explanation expression
    extremely facebook facilities familiar families favorite favourite features february feelings
    festival finished football foreign forgotten fourteen franchise frequently friendly friendship
    function furniture generally generation girlfriend government graduate grandfather
    grandmother greatest guidance handling happened happiness hardware headline headquarters
    helpful historic historical homework hospital household however hundreds husband identify
    identity imagine immediate immediately importance important impossible improved improvement
    incident included including increase increased incredible independent indicated individual
    industry influence informed information initial innocent insurance intended interest
    interested interesting internal international internet interview introduced investigation
    investment involved january keyboard kilometers kitchen knowledge landscape language
    learning libraries licence license lifestyle listening literature location machines magazine
    maintain majority management manager marketing marriage material materials measures medicine
    meetings membership memories mentioned messages military millions minister ministry minutes
    missing mountain mountains movement multiple musician national naturally necessary negative
    neighbor neighbors neighbour neighbourhood newspaper nineteen normally northern notebook
    november numerous objective obviously occasion official officials operation opinion
    opportunity opposite ordinary organization organisation original otherwise ourselves
    outstanding overcome painting parents particular particularly partners passenger passengers
    password patients peaceful perfectly performance perhaps permanent personal personally
    personality physical planning platform pleasure political politics population position
    positive possible possibly potential practice practical pregnant premium preparing president
    pressure previous previously princess principal priority prisoner private probably problems
    procedure produced producer product production products professional professor program
    programme programs progress project projects property proposal protected protection provided
    provider provides providing publication published purchase qualified quarter question
    questions quickly quietly reaction reading realistic realized realised reasonable receive
    received recently recognize recognise recommend recorded recovery reduction reference
    regarding regional register regular regularly relation relations relationship relatively
    released religion religious remember reminded remained removing replaced reported reporter
    represent republic required research resident residents resources response responsible
    restaurant resulting retirement revealed revenue schedule scientific scientist scientists
    secretary security selected selection sentence separate september sequence seriously service
    services seventeen shopping shoulder significant similar situation software soldiers
    somebody someone something sometimes somewhere southern speaking specific spending standard
    standards starting statement stations straight strategy strength stressed strongly
    structure students studying suddenly suggested summary supporting supposed surprise
    surprised surrounded survival suspended swimming sympathy teaching teenager telephone
    television temperature terrible therefore thinking thousand thousands threatened throughout
    together tomorrow tonight totally tournament training transfer transport traveling
    travelling treatment tuesday thursday wednesday saturday typically ultimately understand
    understanding understood uniform universal university unknown unusual updated usually
    vacation valuable variable variety vehicle vehicles version victims violence visitors
    volunteer wardrobe warning watching website websites weekend welcome whatever wherever
    whenever whether withdraw without wonderful workers working workshop yourself yesterday
    """.split()
)

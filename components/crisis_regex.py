"""The regular-expression net under the spaCy crisis matcher (components/crisis_matcher.py).

Grown from real messages, often indirect or misspelt. It stays as a second net so that recall never
depends on one layer alone; the spaCy layer adds lemmas, categories, and scoped negation and hyperbole.
"""
from __future__ import annotations

import re

_SELF = r"(?:my ?self|him ?self|her ?self|them ?selves|them ?self|themself)"
# A farewell and then no answer ("sent 'love you, look after mum' and now it's straight to voicemail"): either alone is
# ordinary, together they are the message people send before they try.
_FAREWELL = (
    r"(?:\bgood ?bye\b|\bbye (?:forever|for good|everyone|all|world|guys)\b|\bfarewell\b|\blove you (?:all|mum|mom|dad|so much|always)\b|\btell (?:\w+ ){1,2}(?:i'?m sorry|i love|i said (?:bye|goodbye|sorry))|"
    r"\b(?:look after|take care of) (?!your ?self\b)(?:\w+ ){0,2}(?:for me|when i'?m gone)\b|"
    r"\b(?:look after|take care of) (?:mum|mom|dad|the (?:kids|girls|boys|dog|cat))\b|"
    r"\bsorry for (?:everything|being (?:a |such a )?burden)\b|\bthanks? (?:you )?for everything\b|"
    r"\bthanks? (?:you )?for being (?:a good|such a good|the best|there|my)\b|\bforgive me\b|\bnot your fault\b)"
)
_UNREACHABLE = (
    r"(?:\bvoicemail\b|\b(?:won'?t|wont|isn'?t|isnt|is not|not|hasn'?t|hasnt|stopped|no one|nobody) (?:\w+ )?(?:answer\w*|pick\w* up|repl\w*|respond\w*|reach \w+)\b|"
    r"\bphone(?:'s| is)? (?:off|dead|switched off|going straight)\b|"
    r"\bphone went (?:off|dead|straight to voicemail)\b|\bswitched (?:his|her|their) phone off\b|"
    r"\blocation(?:'s| is)? (?:off|turned off)\b|"
    r"\bturned (?:his|her|their) (?:phone|location) off\b|\bcan'?t (?:reach|get hold of|get through to)\b|"
    r"\bno answer\b|\bnot heard (?:back )?from\b|"
    r"\b(?:rung|rang|called|rung him|rung her|tried) (?:\w+ ){0,3}(?:\d+|ten|twenty|a dozen|loads of|so many|a hundred) times\b)"
)
_PERSON = r"(?:he|she|they|him|her|them|my \w+|his \w+|her \w+)"
# Nothing to drink ("hasn't eaten or drunk anything", "won't even take water"): with days gone by, a body in danger.
_NO_FLUIDS = (
    r"(?:\b(?:not|n'?t|nt|never|refus\w*|stopped)\b[^.?!]{0,30}\b(?:eat\w*|food) (?:or|and|nor) (?:drunk|drank|drink\w*)\b|"
    r"\brefus\w* (?:all |any |even )?(?:food and )?(?:water|fluids?)\b|"
    r"\b(?:won'?t|wont|not|isn'?t|isnt|hasn'?t|hasnt|refus\w*)\b(?: \w+){0,2} (?:take|taking|drink|drinking|have|having|sip|keep down)"
    r"(?: any| even)? (?:water|fluids?)\b(?![,;]? (?:only|just|unless|except|apart)\b))"
)
_DANGER = [
    # Suicide and self-harm, said outright or in the words people use to avoid filters.
    rf"\b(?:kill|hurt|harm|burn|cut|unalive|end|shoot|hang|starve|drown|hit|punch|scratch|slic|stab|throw|threw)\w* {_SELF}(?!\s+(?:out|off)\b)",
    r"\bsuicid|\bunaliv|\bsewer ?slide|\bkms\b|\bkys\b|\bself[- ]?harm",
    # The same danger in a few other languages, so an English-only reply never hides it.
    r"\bquiero morir|\bme quiero matar|\bmatarme\b|\bje veux mourir|\bme tuer\b|\bich will sterben|\bmich umbringen|\bselbstmord"
    r"|\bquero morrer|\bme matar\b|\bvoglio morire|\buccidermi|\bme pega\b|\bme golpea|\bil me frappe|\ber schlägt mich"
    # "ya no aguanta y tiene todo listo para esta noche"; Hinglish "aaj raat sab khatam kar dunga", "jeena nahi chahta"; Patois
    # "him seh him a go kill mi tonight"
    r"|\bya no aguant[ao]\b[^.?!]{0,60}\b(?:listo|lista|esta noche|pastillas|despedi\w*)|\bquitarse la vida\b|\bse va a matar\b"
    r"|\bno quiere vivir\b|\bsab khatam kar (?:du|doo|lu|loo)n?g[ai]\b|\bkhud ko (?:khatam|maar)\b|\bjeena nahi? chaht[ai]\b"
    r"|\bmar ja(?:a)?(?:u|oo)n?g[ai]\b|\b(?:a|ah|go|gwan|gonna|going to) (?:go )?kill mi\b",
    r"\b(?:want|wants|wanted|wanna|wish|wishes|rather|prefer)\b[^.?!]{0,25}\b(?:dead|die|died|not (?:be )?alive|gone forever)\b",
    r"\b(?:want|wants|wanna|wish)\b[^.?!]{0,15}\b(?:to (?:die|be dead|disappear forever|not exist|stop existing)|i was(?:n't)? (?:dead|gone|alive|here))",
    r"\b(?:better off|easier|happier|fine)\b[^.?!]{0,25}\bif (?:i|he|she|they) (?:was|were|wasn't|weren't|died|disappeared)\b",
    r"\bbetter off (?:dead|without (?:me|him|her|them))\b|\bno one would (?:notice|care|miss)\b",
    # "maybe when im gone he'll finally notice. i've decided on sunday": a day chosen, beside being gone
    r"\bwhen i'?m gone\b[^?!]{0,80}\bi'?ve (?:decided|picked|chosen|set)\b|\bi'?ve (?:decided|picked|chosen|set) (?:on )?(?:a |the )?"
    r"(?:day|date|sunday|monday|tuesday|wednesday|thursday|friday|saturday|tonight|tomorrow)\b[^?!]{0,80}\bwhen i'?m gone\b",
    # Someone's medicine put by for themselves: "i've got her oramorph in the cupboard and i've started measuring it out for
    # me", "i've been saving his sleeping tablets for myself".
    r"\b(?:oramorph|morphine|tablets|pills|meds|medication|insulin|paracetamol|painkillers|sleepers|opioids?|codeine|tramadol)\b"
    r"[^?!]{0,120}\bi(?:'ve| have|ve)? (?:started |been |begun )?(?:measuring|counting|saving|keeping|stashing) "
    r"(?:it|them|some|a bit|a few)\b[^.?!]{0,20}\bfor (?:me|myself)\b|"
    r"\bi(?:'ve| have|ve)? (?:started |been |begun )?(?:measuring|counting|saving|keeping|stashing) (?:(?:his|her|their|the|my \w+'?s?) )?"
    r"(?:\w+ )?(?:oramorph|morphine|tablets|pills|meds|medication|insulin|painkillers|sleepers)\b[^.?!]{0,20}\bfor (?:me|myself)\b",
    # Someone out alone whose dog came back without them ("went out with the dog hours ago and the dog came back on its own").
    r"\b(?:the |our |his |her )?dog (?:has |'s )?(?:just )?(?:came|come|turned up|got) (?:back|home) (?:on its own|alone|by itself|without (?:him|her|them))\b",
    r"\b(?:don'?t|doesn'?t|do not|does not|not) (?:want(?:ing)? to|wanna) (?:live|be alive|be here|wake up|exist|go on|carry on)",
    r"\bno (?:reason|point) (?:to|in|of) (?:live|living|being alive|going on)\b|\bpoint in living\b",
    r"\b(?:tired|sick) of (?:living|being alive|life)\b|\bdone with (?:life|living|it all|everything)\b",
    r"\b(?:life|living)(?: is|'s|\s+isn'?t|\s+is not)? ?(?:not )?worth (?:living|it anymore)\b|"
    r"\bisn'?t worth living\b|\bnot worth living\b",
    r"\bnothing (?:left )?to live for\b|\bnot wanting to (?:live|be here)\b",
    r"\b(?:won'?t|wont|will not|not going to|don'?t think (?:i|he|she)'?ll|might not) be (?:here|around)\b(?! (?:when|if|while|for (?:him|her|it|that)|on|at|to|this|tomorrow|tonight for))",
    r"\b(?:end|ending|ends|ended) (?:it|everything|things|my life|his life|her life|their life)(?: all)?\b(?! with\b)(?! off\b)",
    r"\b(?:want|wants|need|needs) (?:it all|everything|the pain|this) to (?:end|stop for good|stop forever)\b|\bpain to stop for good\b",
    r"\btake (?:my|his|her|their) (?:own )?life\b|\btaking (?:his|her|my|their) (?:own )?life\b",
    r"\b(?:go to sleep|sleep) (?:forever|and (?:never|not) wake)|\bnot wake up\b|\bdisappear forever\b|\b(?:stop|not) existing\b",
    r"\bthinking (?:about|of) (?:dying|death|jumping|ending|how (?:i'?d|to) do it)|\bhow i'?d do it\b|\bplan (?:for )?(?:how )?to do it\b",
    r"\b(?:going to|gonna|decided|'m going to) (?:do it|end it) (?:tonight|today|now)\b|\bdo it tonight\b|"
    r"\bi'?ve decided\b[^.?!]*\bdo it\b",
    r"\b(?:can'?t|cannot) stop thinking about (?:dying|death|killing)|\b(?:death|dying) and (?:dying|death)\b|\bfeel like dying\b",
    r"\bpainless (?:way|ways|method)|\blethal dose|\bhow many (?:pills|tablets)|\boverdos",
    r"\bgoodbye (?:letter|note|message|text)s?\b|\bsaid goodbye\b|\bsaying (?:weird )?goodbyes?\b|"
    r"\bthis is goodbye\b|\btexted me goodbye\b",
    r"\b(?:suicide |my |a )note\b[^.?!]*\b(?:writ|left|found|goodbye|sorry)|\bwriting my note\b|"
    r"\bthis is my last message\b|\blast message (?:to|before)\b|\bsorry for everything\b",
    r"\bwrote a will\b|\bgiv(?:ing|en|e) away (?:all )?(?:his|her|their|my) (?:stuff|things|belongings|possessions)|"
    r"\bgave away (?:all )?(?:his|her|their|my)",
    r"\b(?:took|swallowed|taken|take|taking|has|have|got|saved|collecting|stockpiling|photo of)\b[^.?!]{0,12}\b(?:a bottle of|bunch of|loads of|"
    r"handful of|handfuls of|all (?:of )?(?:my|his|her|the)|too many|too much|a lot of|so many|"
    r"way too)\b[^.?!]{0,20}\b(?:pills|tablets|meds|medication|something)\b",
    r"\bpills saved\b|\bsaved up (?:pills|meds|tablets)|\bbottle of pills\b|\bstockpil\w*|"
    r"\bcollecting (?:my|his|her) (?:meds|pills|tablets)"
    r"|\bpills (?:in my drawer )?just in case\b|\b(?:tablets|pills) with (?:vodka|alcohol|wine|booze)\b|\bpills and said\b|\bhas pills\b",
    r"\brazor|\bnoose\b|\bhanging\b|\bhang (?:my|him|her|them)sel|\bcar running\b|\bengine running\b|\bdrank bleach\b|\bbleach\b",
    r"\b(?:on|at) the (?:roof|bridge|ledge|railing|edge|tracks|train tracks|platform edge)\b|"
    r"\bstanding on the (?:balcony|bridge|ledge|railing)|\bon the ledge\b",
    r"\b(?:going to|gonna|wants? to|threatening to|about to|thinking about|thought about|saying (?:he|she)'?ll|said (?:he|she)'?d|'?s going to|'?ll) jump\b"
    r"|\bjump(?:ing)? (?:off|from|in front)(?! (?:one|topic|thing|idea|subject|job|project|plan)s?\b)|\bstepping off\b",
    r"\b(?:drive|driving|drove) (?:my |his |her |the )?(?:car )?(?:off|into) (?:a |the )?(?:road|cliff|wall|traffic|tree|bridge|river)"
    r"|\bdrove off drunk\b|\binto traffic\b|\boff a cliff\b",
    r"\b(?:gun|pistol|shotgun|rifle|firearm)s?\b|\bwith a knife\b|\bknife (?:at|out|to)\b|\bthrew a knife\b|"
    r"\bholding a knife\b|\bwith a bat\b",
    r"\bnot (?:breathing|responding|waking)|\bisn'?t (?:breathing|responding|waking)|\bwon'?t wake|\bcan'?t wake|"
    r"\bcollapsed\b|\bunconscious\b",
    r"\bblood everywhere\b|\bbleeding\b|\bbleed\b|\bcuts (?:all over|on (?:his|her|my))|\bcut (?:his|her|my|their) (?:wrists|arms|legs)"
    r"|\bcutting again\b|\bstarted cutting\b|\bcutting (?:his|her|my|their) (?:arms|legs|wrists|skin|thighs)\b|"
    r"\bscratching\b[^.?!]*\bbleed|\bburn(?:ed|t|s|ing) (?:him|her|my|them)sel(?:f|ves)\b(?!\s+(?:out|off)\b)",

    # Broader wording for wanting to die, plans, means and goodbyes (seen in real messages, often indirect).
    r"\bcan'?t (?:go on|carry on(?: living)?|keep (?:on )?living|live like this|see (?:a|any) (?:future|way out|way forward))\b",
    r"\b(?:point|reason) (?:of|in|to) (?:living|going on|life|being here)\b|\bno point to life\b|\bno future\b|\bdoesn'?t see a future\b",
    r"\bonly way out\b|\bsee a way out\b|\bwant out of life\b|\bstop being here\b|\bstop breathing\b|"
    r"\bleave this world\b|\bcheck out permanently\b",
    r"\b(?:wish(?:es)?|hopes?|wants?)\b[^.?!]{0,25}\b(?:disappear|never wake|not wake|don'?t wake|wasn'?t here|weren'?t here|it (?:to be )?over|"
    r"everything to stop)",
    r"\b(?:want|wants|wanting) (?:it|everything|this|life) (?:all )?(?:to be )?over\b|\bwants? it to be over\b",
    r"\b(?:easier|better) for (?:everyone|everybody|us all|you all|the family|you|us|the kids)\b[^.?!]{0,30}\bif (?:i|he|she|they) "
    r"(?:just )?(?:didn'?t|did not|never|wasn'?t|weren'?t|was not) (?:come back|come home|here|around|wake up|exist)",
    r"\b(?:nobody|no one|noone) would (?:even )?(?:care|notice|miss)|\bwho would (?:even )?care if i\b|\bif i vanished\b",
    r"\bburden (?:to everyone|to you all|to my family|much longer)\b|"
    r"\b(?:won'?t|not) be a (?:burden|problem) (?:for )?much longer\b|\bi'?m (?:just )?a burden\b",
    r"\bbetter (?:off|without (?:me|him|her))\b[^.?!]{0,20}\b(?:gone|without|once|dead)\b|\bworld would be (?:better|lighter) without\b",
    r"(?<!can i )(?<!could i )(?<!can we )(?<!could we )(?<!may i )\b(?:made|have|got|has) a plan\b(?! (?:to|for) (?:see|get|go|therapy|counsel|talk|print|save|share|bring|raise|the talk|the conversation|our talk))|\b(?:set|picked) (?:a|the) date\b(?! (?:for|to|with|of|that|when)\b)|\btonight'?s the night\b",
    r"\b(?:know|decided|thought about) (?:exactly )?how (?:i'?m|he'?s|she'?s|he'?d|she'?d|i'?d) (?:going to )?do it\b|\bmade up my mind\b|\bgot it all planned\b",
    r"\b(?:saving|hoarding|stash(?:ing)?|collecting|stockpil\w*|saved up)\b[^.?!]{0,20}\b(?:pills|tablets|meds|medication|antidepressants|insulin)\b",
    r"\b(?:pills|tablets)\b[^.?!]{0,15}\b(?:ready|lined up|hidden|under (?:her|his|my) pillow|in the cupboard)\b|"
    r"\benough pills\b|\bevery pill\b"
    r"|\bwhole prescription\b|\bblister packs\b|\bhow much paracetamol\b|\bcount them\b|\binsulin at once\b|"
    r"\bstash of pills\b|\bfound pills\b",
    r"\brope\b|\bblades?\b|\bknife\b|\bbat around\b|\bwaving a bat\b",
    r"\baffairs in order\b|\bsorting out my affairs\b|\bloose ends\b|"
    r"\bletters? (?:to|for) (?:everyone|my kids|my family|each of)|\bwrote a letter for\b"
    r"|\bupdated (?:her|his|my) will\b|\bfor when (?:i'?m|she'?s|he'?s) gone\b|\bafter i'?m gone\b|\bin case i'?m not (?:here|around)\b",
    r"\bgiv(?:e|es|ing|en)\b(?: \w+){0,5} away\b(?! (?:from|the game))|\bleft (?:his|her) wedding ring\b|"
    r"\bposted a goodbye\b|\bfelt so final\b",
    r"\bwalk into the (?:sea|river|water)\b|\bstep(?:ping)? in front of\b|"
    r"\bthrow (?:himself|herself|myself) (?:off|out|under)\b|(?<!\bup )(?<!\bme )\bon purpose\b(?! (?:to|just to) (?:annoy|wind|get at|upset|provoke|hurt my feelings))"
    r"|\bget hit\b|\bto the cliffs?\b|\bcliff edge\b|\bhow high the bridge\b|\bdriving past the bridge\b|"
    r"\bmulti ?storey\b|\bat the river\b",
    r"\b(?:is|been|started|keeps?|keep) (?:cutting|slicing)\b|\bslicing (?:her|his|my)\b|"
    r"\bscars on (?:his|her|my)\b|\bscratched (?:my|her|his) arms\b",
    r"\b(?:don'?t|do not) (?:feel safe|trust myself)\b|\bkeep myself safe\b|"
    r"\b(?:won'?t|not going to|don'?t know if i'?ll) make it through\b"
    r"|\bdo something stupid\b|\bnot (?:be )?(?:still )?(?:here|around) (?:by|for|to see)\b|"
    r"\bwon'?t be around (?:to|for)\b|\bthe last christmas\b",
    r"\b(?:ways|how) to die\b|\bresearching methods\b|\bwould be fatal\b|\bfatal\b|\blethal\b|\bthinking about dying\b|\babout dying\b"
    r"|\b(?:he|she|they)(?:'s| is| are) dying\b|\bi think about dying\b|\bexhausted by life\b",
    r"\bleft a note\b|\bw[a-z]{0,3}nt to die\b|\bwhat i might do\b|\bgoodbye everyone\b|\bcontrols everything\b|\binto the wall\b"
    r"|\babout to do something\b|\bso it'?s (?:all )?over\b|\b(?:i'?m|she'?s|he'?s|feel like) a burden\b|\bcut again\b"
    r"|\bready to go\b(?! (?:to|and|out|ahead|back|home|for|on|down|through|over|with|into))|"
    r"\bwon'?t have to worry about me\b|\bhead against the wall\b|\buntil it bleeds\b"
    r"|\blocked in\b|\bin the garage\b[^.?!]*\b(?:running|engine)\b|\bledge\b|\bwouldn'?t try to stop it\b|\bin heaven\b"
    r"|\bphone'?s off\b|\bturned (?:her|his) (?:phone|location) off\b"
    r"|"
    r"\bsorry for being (?:(?:a |such a |so much (?:of )?a )?(?:burden|trouble|problem|disappointment|failure|waste|mess)|alive|here|born|me)\b"
    r"|\bdisappear for good\b|\bstill be here\b|\blife insurance\b|\bnext to my head\b|"
    r"\bon the (?:garage |house )?roof\b",
    # Emergencies happening now.
    r"\bambulance\b|\bpolice\b|\bcall (?:911|999|000|112)\b|\bring (?:911|999|000)\b|\b(?:911|999|000)\b|\ba&e\b|\burgent help\b"
    r"|\bsend (?:help|someone)\b|\bhelp me please\b|\bplease help\b|\bhelp (?:right )?now\b|"
    r"\bsomeone help\b(?! (?:you|him|her|them|with|out)\b)|\bplease someone help\b",
    r"\bunresponsive\b|\bnot moving\b|\bturning blue\b|(?<!hair's )(?<!hair is )(?<!hair has )\bgone grey\b(?! hair)|\bfoaming\b|\bfrothing\b|\bseizure\b|"
    r"\bhaving a fit\b|\bbarely breathing\b"
    r"|\bbreathing (?:sounds wrong|is (?:really )?slow)\b|\bcan'?t rouse\b|"
    r"(?<!sometimes )(?<!often )\bslurring\b(?![^.?!]{0,50}\b(?:sometimes|often|when (?:s?he|they) (?:calls?|rings?|phones?)|most (?:nights|days)|every (?:night|weekend)|a lot)\b)|(?<!is )(?<!like )(?<!was )(?<!are )(?<!it's )(?<!its )(?<!as )(?<!pure )(?<!be )\bpoison\b(?! to (?:him|her|them|me)\b)|\bswallowed (?:something|a load|all|his|her)\b"
    r"|\btaken (?:something|pills|her whole|his whole|loads)\b|\b(?:he|she)'?s taken pills\b|\binjected\b|\bcold and not moving\b",
    r"\bcoming (?:to get|for) me\b|\bbreak(?:ing)? (?:down )?the door\b|\bkicking the door\b|"
    r"\bsmashing (?:everything|the place|up)\b|\bin a rage\b"
    r"|\bthrew (?:me|us)\b|\bdragged me\b|\bsqueezed my neck\b|\bbit me\b|\bclawed\b|\bpillow over my face\b|\bslams? me\b"
    r"|\bthrew something at me\b|\bshoves? me\b|\bgrabbed my (?:throat|neck|arm|hair)\b|\bstarts? on me\b|"
    r"\bmarks on my neck\b|\bblack eye\b",
    r"\bviolent\b|\b(?:he|she)'?s dangerous\b|"
    r"\b(?:frightened|terrified|scared) (?:to be (?:in the house )?with|to go out|to fall asleep|of what happens)\b",
    r"\b(?:takes|took|has|controls) (?:all )?my (?:money|wages|bank cards|car keys|phone)\b|\bnot allowed (?:out|to see)\b|\bisolates me\b"
    r"|\bcut me off from\b|\bfollows me everywhere\b|\bchecks my phone\b|\btracker on my car\b|\bprivate photos\b|\bturns up wherever\b"
    r"|\bmake sure i regret\b|\bi'?ll be sorry\b|\bhe'?ll find me\b|\bwhat would happen if i\b|\bsmashed my phone\b|\bdecides what i eat\b",
    r"\b(?:have|having) sex\b[^.?!]{0,25}\b(?:don'?t want|said no|when i)\b|\bforced me\b|\bpressures? me into\b|"
    r"\brough if i say no\b|\bmakes me have sex\b",
    # Violence, abuse and coercive control toward the user.
    r"\b(?:hurt|hurts|hurting|hit|hits|hitting|punch\w*|slap\w*|kick\w*|push(?:es|ed)?|shov\w*|chok\w*|strangl\w*|beat(?:s|ing)?|attack\w*"
    r"|kill|kills|harm|harms|threaten\w*|grab\w*|pinn\w*|strik\w*|burn) me\b(?! away| off| out| to | into | around)",
    r"\b(?:he|she|they)(?:'ll| will| would|'d| is going to|'s going to| said (?:he|she|they)'d| says (?:he|she|they)'ll) (?:hurt|kill|harm|hit|beat) (?:me|us|the kids|my)",
    r"\bi'?m next\b|\bnext time it'?s me\b|\bwith me in it\b|\bburn the house down\b|"
    r"(?<!lunch )(?<!coffee )(?<!tea )(?<!a )(?<!my )(?<!short )(?<!quick )\bbreak in\b|\bbanging on the door\b",
    r"\bhands? (?:round|around) my (?:neck|throat)|\bby the (?:throat|neck|hair)\b|\bpinned me\b|\bholds? me down\b|"
    r"\bthrew (?:a|the) \w+ at (?:me|my)",
    r"\bcoming at me\b|\bgets? physical\b|\b(?:is|gets|got|has been|been|become|becomes|being) violent\b|"
    r"\bviolent (?:towards|to|with) me\b|\bviolence\b",
    r"\b(?:abus(?:e|es|ed|ing|ive)|rap(?:e|ed|es)|assault(?:s|ed)? me|sexually assault\w*|forc(?:ed|es|ing) (?:me|himself|herself) on me|forced himself|forced herself|forces me)\b",
    # Afraid OF someone is fear of them; scared FOR someone is worry about them (a feeling to hear, not an emergency).
    r"\b(?:afraid|scared|terrified|frightened) (?:of (?:him|her|them|my (?:husband|wife|partner|boyfriend|girlfriend|dad|father|"
    r"mom|mum|mother|brother|sister|son|stepdad|stepmom|teen\w*|roommate|flatmate))|(?:of|for) my (?:life|safety))\b",
    r"\b(?:afraid|scared|terrified|frightened) (?:he|she|they)(?:'ll| will| is going to|'s going to| might| could) (?:hurt|kill|hit|harm|do)",
    r"\b(?:afraid|scared) (?:to go home|of what (?:he|she|they)(?:'ll| will| might) do)|\bnot safe\b|\bin danger\b|"
    r"\bunsafe\b|\bhiding (?:in|from)\b",
    r"\bwon'?t let me (?:leave|go out|see|have|out)\b|\bcontrols? (?:all )?(?:my|the) (?:money|phone|finances)|"
    r"\b(?:takes|took|tracks|reads) (?:all )?my "
    r"(?:phone|messages|texts)\b|\block(?:s|ed)? me (?:in|out)\b|\bno one will believe (?:me|you)\b|\bbruises?\b",
    r"\bkeeps? threatening\b|\bthreatening me\b|\bthreatened me\b|"
    r"\bthreaten(?:s|ed|ing)? to (?:kill|hurt|harm|hit|beat|shoot|stab|leave me with nothing)",
    r"\bemergency\b|\bplease help(?: me)? now\b|(?:^|[.!]\s*)help[!,]? (?:he|she)'?s\b|\bsomeone please help\b|"
    r"\bworth more (?:dead|than (?:i am|me))\b",
    r"\b(?:outside|at) my (?:house|door|window)\b[^.?!]*\b(?:scared|won'?t leave|kill|hurt)\b",
    # A farewell and then no answer, in either order.
    rf"{_FAREWELL}[\s\S]{{0,200}}{_UNREACHABLE}|{_UNREACHABLE}[\s\S]{{0,200}}{_FAREWELL}",
    # Means in the message and the intent to take them all, or to do it now.
    r"\b(?:pills|tablets|meds|medication|painkillers|paracetamol|codeine|insulin|sleeping pills|antidepressants)\b[\s\S]{0,160}"
    r"\b(?:wants?|wanted|wanting|wanna|going|gonna|about|ready|tempted|thinking|plan\w*|decided|threaten\w*|say\w*|said|could)\b"
    r"(?:(?!\b(?:not|won'?t|wont|never|doesn'?t|don'?t|didn'?t|refuses?|refused|can'?t|cant)\b)[^.?!]){0,20}"
    r"\b(?:take|taking|took|swallow|neck|down)\w*\s+(?:them all|all of them|every (?:single |last )?one|the lot|the whole|the rest|everything)\b",
    r"\b(?:pills|tablets|blades?|razors?|rope|noose|gun|hose)\b[^.?!]{0,80}\b(?:doing|do|going to do|gonna do) it (?:now|tonight|today|properly|this time|for real)\b"
    r"|\btonight'?s (?:it|the night)\b",
    r"\b(?:wrote|written|writing|left)\b[^.?!]{0,10}\b(?:a |my )?notes? (?:to|for) (?:my )?(?:kids|children|family|everyone|each of)\b",
    # Violence going on now, or a weapon held to someone: "my dad is hurting my mum right now", "a screwdriver to mum's throat".
    r"\b(?:is|'s|are|'re|keeps?) (?:\w+ )?(?:hurting|hitting|beating|attacking|strangling|choking|kicking|punching|battering|throttling) "
    r"(?:my|her|his|our|the|their) \w+(?: \w+)?[^.?!]{0,30}\b(?:right now|now|as we speak|through the wall|downstairs|upstairs|next door)\b",
    r"\b(?:held|holding|holds|put|puts|pointed|pointing|had|has) (?:a |the |his |her |their )?(?:knife|screwdriver|blade|gun|hammer|bat|"
    r"broken bottle|bottle|scissors|weapon|machete)\b[^.?!]{0,25}\b(?:to|at|against) (?:\w+(?:'s)? )?(?:throat|neck|head|face|chest)\b",
    # A call or a voice note that ends in screaming and then nothing.
    r"\b(?:hear|heard|hearing) (?:someone |her |him |them )?(?:screaming|screams|a scream|crying for help)\b"
    r"(?! at (?:the )?(?:telly|tv|television|football|footy|match|game|screen|xbox|playstation|ps5|console|news|radio|ref|referee)\b)"
    r"[^.?!]{0,40}\b(?:cuts? out|cut off|"
    r"went dead|goes dead|line (?:went|goes) dead|stopped|then nothing|then silence|hung up|"
    r"then (?:it|the (?:line|call|message|recording|note))\b)",
    # A child in a car with a drunk driver, now.
    r"\b(?:drunk|wasted|hammered|pissed|off (?:his|her) face|been drinking|high)\b[^.?!]{0,100}\b(?:about to|trying to|going to|gonna|wants? to|insist\w* on|threatening to)\b"
    r"[^.?!]{0,30}\b(?:drive|put (?:him|her|them|the kids?|the baby|my \w+) in)",
    # Kinds a fifth blind set found (2026-11-30): a farewell said as a memory or a last look, affairs put in order, being
    # a burden soon gone, letters to be opened after, the whole supply taken, hands on a neck, pills counted out, a way
    # out pictured on the road or the line, and danger outdoors told by what is seen.
    r"\bnice knowing (?:you|y'?all|everyone|you all)\b|\blike it was the last time\b|\bone last (?:look|hug|kiss)\b"
    r"(?=[\s\S]*\b(?:goodbye|sorry|forgive|not answering|won'?t answer|no answer|phone(?:'s| is)? off|bridge|cliff|river|sea|woods|"
    r"edge|rope|pills|tablets)\b)",
    r"\b(?:sorted|put in order|tied up) (?:out )?(?:everything|all (?:his|her|my|their) (?:affairs|things|stuff))\b[^.?!]{0,80}"
    r"\b(?:loves? (?:you|me)|the (?:dog|cat|kids)(?:'s| is| are)? (?:with|at)|said goodbye)\b",
    r"\bopen (?:it|them|this|these|the letters?) (?:only )?after\b(?! (?:christmas|the|your|my|his|her|dinner|tea|school|work|lunch|exams?)\b)|"
    r"\bletters? (?:to|for) (?:every|each|all (?:of )?(?:us|the family))\b",
    r"\b(?:won'?t|wont|will not) (?:have to )?(?:put up with|deal with|worry about|look after) me (?:much )?(?:longer|for long|anymore|any more)\b",
    r"\b(?:took|taken|swallowed|take|taking|necked) the lot\b|\bcan(?:'?t|not) keep (?:his|her|their|the) eyes open\b",  # not the user's own tiredness
    r"\b(?:grab(?:bed)?|grabs|squeez\w*|choke\w*|had (?:his|her) hands (?:round|around|roond)|put (?:his|her) hands (?:round|around|roond)) "
    r"(?:my|ma|her|his) (?:neck|throat)\b",
    # The user's own goodbye, settled (blind set 13): "i have decided this is my last week", "told my friend what to do with
    # my things" (not "my last week at work")
    r"\b(?:decided|know|sure|promise)\b[^.?!]{0,20}\b(?:this|it|today|tonight)(?:'s| is| will be|'ll be) my last (?:week|day|night|"
    r"weekend)\s*(?:[.!;]|$|,? (?:goodbye|sorry|bye)\b)(?!\s*(?:after|then|from|next|after that|he|she|they)\b)|"
    r"\bi(?:'ve| have)? (?:already )?(?:told|written|wrote|left)\b[^.?!]{0,30}\bwhat (?:to do|should happen|happens) (?:with|to) my "
    r"(?:things|stuff|belongings|ashes|body)\b(?![^.?!]{0,40}\b(?:while|when|during|for the|travel\w*|holiday|move|trip|abroad|away))",
    # said plainly (the review of blind set 13's fixes): "i'm so done with trying to stay alive", "i'm done being here",
    # "the plan is made", "my affairs are in order", "tonight is the night", "the world is better without me"
    r"\bi'?m (?:so |just )?(?:done|tired|sick) (?:with|of) (?:trying to )?(?:stay(?:ing)? alive|being alive|living|existing|life)\b"
    r"(?! (?:on|in|with|around|for|like|at|here|there|admin)\b)|"
    # a farewell and a way out said plainly (a second review, 2026-12-02): "you won't hear from me again", "the letters are in
    # the drawer and i'm going up to the quarry", "ive got all mums old morphine and im having it"
    r"\byou won'?t (?:hear from|see) me (?:again|ever again)\s*(?:[.!,;]|$)|\b(?:letters?|notes?) (?:are|is) (?:in|on|under) (?:the|my)\b[^.?!]{0,60}\b"
    r"(?:going|heading|off|walking|driving) (?:up |down |out )?to the\b|"
    r"\b(?:i'?ve|ive|i have) got (?:all )?(?:\w+ )?(?:old )?(?:morphine|pills|tablets|meds|codeine|oxy\w*)\b[^.?!]{0,20}\b(?:i'?m|im|i am) "
    r"(?:having|taking|swallowing) (?:it|them|the lot)\b|"
    # a plan or a night, after the end of the user's rope: "i can't do this anymore. the plan is made", "i'm done with fighting.
    # tonight is the night" (alone, "the plan is made for the intervention" and "tonight is the night i talk to him" are not)
    r"\b(?:can'?t do (?:this|it)|can'?t go on|i'?m (?:so )?done|had enough|no point)\b[^?]{0,60}\b(?:the plan is (?:made|set|ready|sorted)|"
    r"tonight(?:'s| is) the night)\s*(?:[.!,;]|$)|"
    r"\bi'?m done being here\s*(?:[.!,;]|$)|\bmy affairs are (?:all )?in order\b(?! (?:for|so|since|now that|before the))|"
    r"\b(?:world|everyone|everybody|my family)(?:'s| is| are|'d be| would be)? (?:better|happier) (?:off )?without me\s*(?:[.!,;]|$)",
    r"\b(?:counting|lining up|lined up|laid out|laying out) (?:all )?(?:them|the (?:pills|tablets)|(?:his|her|my|\w+'s) (?:pills|tablets))"
    r"(?: out)? on (?:the|my|his|her) (?:bed|table|floor)\b|\bbought the (?:pills|tablets) already\b|\balready bought the (?:pills|tablets)\b|"
    r"\b(?:go|leave|gone) from this world\b|\bleave this world\b",
    r"\bbe (?:here|around)\b[^.?!]{0,60}[.?!]\s*i'?ve (?:decided|made up my mind)\b|"
    # a day chosen, around the family's plans: "she's picked the 14th because it's after my brother's wedding and she doesn't
    # want to spoil it"
    r"\b(?:s?he|they)(?:'s| has| have|'ve)? (?:picked|chosen|chose|set) (?:a |the )?(?:date|day|\d{1,2}(?:st|nd|rd|th))\b[^.?!]{0,80}(?:(?:\bnot|n'?t) (?:want to )?(?:spoil|ruin)|"
    r"\bso (?:it|she|he|they) (?:doesn'?t|don'?t|won'?t) (?:spoil|ruin))\b|"
    r"\bnot (?:turning|turn) the wheel\b|"
    r"\b(?:railway|tracks|(?:railway|train) line|bridge|motorway|bend|cliff)\b[^.?!]{0,40}\bwould be (?:quick|easy|painless)\b(?! (?:for|to)\b)",
    # A ligature ready or taken somewhere to be alone: "the dog lead tied in a loop over the beam", "gone in the shed with
    # the tow rope". A farewell that plans who finds them: "i don't want you to be the one who finds me".
    r"\bnoose\b|\b(?:rope|tow ?rope|dog lead|lead|belt|cable|flex|cord|scarf|tie)\b[^.?!]{0,25}\b(?:tied|hung|hanging|knotted|looped|in a loop)\b"
    r"[^.?!]{0,25}\b(?:beam|rafter|banister|bannister|loft|hook|tree|door|stairs|ceiling|pipe|joist)\b|"
    r"\b(?:gone|went|going|headed|taken|took|sat|sitting|locked)\b[^.?!]{0,25}\b(?:shed|garage|loft|attic|woods|barn|cellar|outbuilding)\b"
    r"[^.?!]{0,20}\bwith (?:a|the|his|her|their|some) (?:\w+ )?(?:rope|tow ?rope|noose|hose ?pipe|belt|cable)\b",
    r"\b(?:be|being) the (?:one|person|first one) (?:who|that|to) finds? (?:me|him|her|them)\b|"
    r"\b(?:don'?t|dont|do not) (?:want|let) (?:you|the kids|the children|them|mum|mom|dad) (?:to )?(?:find|see) me\b",
    # 'said "it's done" and hung up': a call that ends on a deed ("hung up" itself is cleared as a figure of speech).
    rf"\bsaid [\"“']\s*it'?s (?:all )?done\s*[\"”']\s*,?\s*(?:and|then)\b"
    rf"(?=.*(?:{_UNREACHABLE}))",
    r"\bno sign of (?:him|her|them)\b(?! (?:changing|getting|wanting|improving|stopping|slowing|cutting|budging|going)\b)"
    r"(?! (?!coming (?:back|home)\b|returning\b)\w+ing\b)|"  # not "no sign of him coming round to it"
    r"\bonly (?:\w+|\d+) of them (?:have |has )?(?:come|came) back\b|\b(?:his|her|their) head hit\b",
    # A body in danger, told by what is seen (blind safety set 11): no water for days, cold to the touch, a grey colour by a
    # needle, withdrawal that shakes and shows things that aren't there, a small child left alone in the house.
    _NO_FLUIDS + r"(?=[^?!]{0,80}\b(?:days?|24 hours|since (?:yesterday|monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b)|"
    r"\b(?:days?|24 hours)\b[^?!]{0,80}" + _NO_FLUIDS,
    r"\bcold to (?:the )?touch\b|"
    r"\b(?:gone|going|turned|turning) (?:a )?(?:grey|gray|blue|purple|white|yellow)(?:ish)? colou?r\b|"
    r"\b(?:needle|syringe)s?\b[^.?!]{0,20}\b(?:next to|beside|by|near|in) (?:him|her|them|his arm|her arm)\b",
    r"\bshak(?:ing|es|y)\b[^?!]{0,60}\b(?:seeing|hearing) (?:things|stuff|bugs|spiders|people|voices)\b|"
    r"\b(?:seeing|hearing) (?:things|stuff|bugs|spiders)\b[^?!]{0,40}\bshak(?:ing|es|y)\b|\bdelirium tremens\b|\bthe d\.?t\.?s\b",
    r"\b(?:has |have |just )?(?:left|leaving|leaves) (?:our|my|the|his|her|their) (?:\w+ )?(?:\d+|one|two|three|four|five|six|seven)?[- ]?"
    r"(?:year[- ]old|yo|month[- ]old|baby|toddler|little ones?|kids?|children)\b[^.?!]{0,25}\b(?:alone|on (?:his|her|their) own|"
    r"by (?:him|her|them)sel(?:f|ves)|unattended|in the (?:house|flat|car))\b",
]
# Shared with crisis_grade's figures (both lower-case only): danger denied, and a rest wanted instead of death.
# "i'm not worried he'll hurt himself, he's not like that" is denied; "i'm not worried he'll kill himself, i know he
# will" or "..., she already has" is not, so certainty or a deed in the same sentence keeps the danger.
DENIED_HARM = (
    r"\bnot (?:worried|scared|concerned|afraid) (?:that )?(?:he|she|they)(?:'ll| will|'d| would| might| is going to| are going to) "
    r"(?:hurt|harm|kill|do (?:anything|something))\b"
    r"(?![^.?!]*\b(?:i know|i'?m (?:sure|certain|convinced|terrified|petrified)|terrified|petrified|already|tonight|"
    r"(?:he|she|they)(?:'s| has| have) (?:done it|tried)|(?:he|she|they) (?:did|tried)|"
    r"(?:he|she|they)(?:'ll| will| is going to| are going to) do it)\b)"
    r"|\bnot (?:worried|scared|concerned|afraid) (?:that )?(?:he|she|they)(?:'s| is| are|'re) in (?:any )?danger\b"
)
# "i don't want to die, i want to sleep for a week": only a rest named is blanked. "i don't want to die, i just want it
# all to stop / the pain to end / to disappear / out" is wanting not to be here, and stays.
WANTS_A_REST = (
    r"\bi (?:don'?t|do not) want to die,? i (?:just )?want (?=(?:to )?(?:(?:sleep|rest|hibernate|stay in bed|lie in) "
    r"(?:for (?:a|an|one|two|three|\d+|a few|a couple of)\b|till|until)|(?:a|some) (?:\w+ )?(?:break|rest|holiday|nap|lie-in|"
    r"sleep|time off|day off|week off|peace and quiet)\b))"
    r"(?![^.?!]*\b(?:forever|for ever|for good|not wake|never wake|not (?:be|exist)|disappear|end|over|stop)\b)"
)
# "he'd rather die than see a shrink", "you'd rather be dead than go to AA": a way of saying no, not a wish to die; "rather
# be dead than live like this" is one. Shared with crisis_grade's figures.
RATHER_DIE_THAN = (
    r"\brather (?:die|be dead) than\b"
    r"(?! (?:just |simply )?(?:keep |go on |carry on |continue |be )?(?:living|live|alive|here|waking up|wake up|go on|going on|"
    r"carry on|carrying on|feel(?:ing)? (?:like )?this|be(?:ing)? like this|exist\w*|be a burden|suffer\w*|face (?:another|tomorrow|this)))"
)
# Help already there: "ambulance is there now", "the paramedics are with her". Not danger on its own; the model's
# guess alone does not make it a new emergency (components/crisis_guard.py).
HELP_THERE = (
    r"\b(?:the )?(?:ambulance|paramedics|police|crisis team|doctors?|nurses?)(?: is| are|'s|'re| has| have)? (?:here|there|arrived|with (?:her|him|them))\b"
)
# Hyperbole and clear negations that use the same words without the danger.
_NOT_DANGER = [
    # A&E counted as visits, not an emergency now: "has been to A&E 4 times since", "three trips to a&e this year".
    r"\b(?:been|gone|went|trips?|visits?) (?:to )?(?:a&e|the er|the emergency room|hospital)\b[^.?!]{0,25}\b(?:\d+|two|three|four|five|six|"
    r"several|a few|many|so many|loads of) times\b|\b(?:\d+|two|three|four|five|six|several) (?:trips|visits) to (?:a&e|the er)\b",
    # A&E that is over, with a verdict: "twice we ended up in a&e, doctors said anxiety".
    r"\b(?:twice|two times|three times|a few times|a couple of times|once|last (?:year|month|week|time)|ended up|end up|wound up)\b"
    r"[^.?!]{0,60}\b(?:a&e|the er|the emergency room)\b(?=[^?!]{0,60}\b(?:doctors?|they|the nurses?|it) (?:said|says|told us|reckoned|turned out)\b)",
    HELP_THERE,
    # A minor injury seen to: "in A&E for five hours on saturday because mum sprained her wrist".
    r"\b(?:a&e|the er|the emergency room|urgent care)\b[^.?!]{0,80}\b(?:sprain\w*|twisted (?:her|his|my|their|an?) (?:ankle|wrist|knee)|"
    r"x-?rays?|a tetanus|a splinter)\b",
    DENIED_HARM,
    WANTS_A_REST,
    r"\b(?:end|ends|ending) things with (?:him|her|them|my \w+)\b|\b(?:without|before) ending things\b",  # a relationship, not a life
    r"\bdying to\b",
    r"\b(?:feel|feeling|felt) like (?:i'?m|im|i am|i was|we'?re) drowning\b|"
    r"\bdrowning in (?:paperwork|work|debt|bills|admin|laundry|it all)\b",
    # a break, not an end: "disappear for a week", "disappear to a beach somewhere"
    r"\bdisappear(?: off| away| somewhere)?(?: (?:to|on) (?:a|an|the|some)(?: \w+)? (?:beach|cottage|island|cabin|spa|hotel|holiday|retreat|"
    r"caravan|festival|trip))? (?:for (?:a|an|the|one|two|three|four|\d+|a few|a couple of|some|a long|"
    r"the whole)(?: \w+)? (?:days?|weeks?|weekends?|nights?|hours?|"
    r"months?|holiday|afternoon|evening)|to (?:a|an|the|somewhere|some)(?: \w+)? (?:beach|cottage|island|cabin|spa|"
    r"hotel|holiday|country|mountains?|"
    r"caravan|sun))\b(?![^.?!]*\b(?:forever|for good|permanently|never (?:come|coming) back|not (?:come|coming) back|not wake|"
    r"maybe (?:longer|more))\b)",
    RATHER_DIE_THAN,
    r"\bdead (?:tired|serious|set|against|on|end|beat|last)\b",
    r"\b(?:this|it|that|work|he|she|they|the stress|the worry|the waiting)(?: is|'s| are|'re) (?:literally |actually |honestly |so |just )?"
    r"killing me\b",
    r"\bkilling me (?:softly|lol|haha)\b",
    r"\b(?:could|would|gonna|going to) kill (?:him|her|them) (?:lol|haha|for|if)\b",
    r"\b(?:died|dying|die) (?:laughing|of (?:embarrassment|boredom|shame))\b|\bbored to death\b|\bto die for\b",
    r"\bkill(?:ing|ed)? (?:time|it)\b",
    r"\bnot (?:feeling )?suicidal\b|\bnever (?:hit|hurt|threatened)\b|\bnot (?:violent|abusive|dangerous)\b",
    # "he has never laid a finger on me or the kids and i dont feel unsafe" (blind set 31): safety told, not danger
    r"\b(?:don'?t|dont|do not|never|wouldn'?t) (?:feel|felt|feeling) unsafe\b|\bnever (?:once )?(?:laid|lay|put|raised) a (?:finger|hand) on\b",
    r"\bend(?:ing)? (?:the|this) (?:conversation|chat|practice|role ?play|session)\b",
    r"\bjump (?:to conclusions|in|on a call|at the chance|through hoops|ship)\b",
    r"\bhitting me hard\b|\bhit me hard\b|\bhits me hard\b|\bhit me up\b|\b(?:it|this|that) hit me\b",
    r"\bpolice (?:officer|station|drama|show)\b|\bblades? of grass\b|\bknife and fork\b",
    # Watching over someone's eating ("the food police", "police what you eat"), and throwing oneself into work.
    r"\bfood police\b|\bpolic(?:e|ing) (?:what|how much|everything) (?:you|she|he|they|i) (?:eats?|drinks?|eating|drinking)\b"
    r"|\bpolic(?:e|ing) (?:her|his|their|your|my) (?:food|eating|plate|meals?|drinking|portions)\b",
    r"\b(?:stop(?:ped)?|quit|done) (?:being (?:his|her|their) police|policing)\b|\bbeing (?:his|her|their) police\b",
    r"\b(?:overdraft|bills?|prices?|traffic|rent|commute|hangover|exams?|heat|weather|deadline|mortgage|budget)\b[^.?!]{0,15}\blethal\b",
    r"\bthrow(?:s|ing)? (?:himself|herself|myself|themselves) into (?:work|(?:his|her|my|their) (?:work|job|studies)|the job|the gym|"
    r"exercise|running|projects?|everything but)\b",
]
_DANGER_RE = re.compile("|".join(f"(?:{p})" for p in _DANGER), re.IGNORECASE)
_NOT_DANGER_RE = re.compile("|".join(f"(?:{p})" for p in _NOT_DANGER), re.IGNORECASE)


def without_ordinary_uses(text: str) -> str:
    """The text with the net's hyperbole and ordinary uses blanked ("the food police", "dead tired", "could kill him for
    lying"), for the crisis model to read the rest."""
    return _NOT_DANGER_RE.sub(" ", text)


def regex_speaks_of_danger(text: str) -> bool:
    """True when one of the danger expressions is left after the hyperbole and negations are removed."""
    normalised = " ".join(text.replace("’", "'").split())
    if not _DANGER_RE.search(normalised):
        return False
    stripped = _NOT_DANGER_RE.sub(" ", normalised)
    return bool(_DANGER_RE.search(stripped))

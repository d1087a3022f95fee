"""A small hand-made concept lexicon: many everyday words, one concept token each.

Bag-of-words classifiers only know the words they were trained on. Tagging "knackered",
"wiped out" and "running on empty" all as ``c_tired`` lets the classifier generalise to
wording it never saw, without any downloaded embeddings.
"""
from __future__ import annotations

import re

CONCEPTS: dict[str, tuple[str, ...]] = {
    "c_loved_one": (
        "husband", "wife", "partner", "spouse", "boyfriend", "girlfriend", "bf", "gf", "hubby", "fiance", "fiancee",
        "mom", "mum", "mother", "dad", "father", "parent", "parents", "stepdad", "stepmom", "stepmum", "son", "daughter",
        "kid", "child", "teen", "teenager", "brother", "sister", "sibling", "bro", "sis", "twin", "friend", "bestie",
        "mate", "roommate", "flatmate", "grandma", "grandad", "grandpa", "in-law",
    ),
    "c_therapy": (
        "therapy", "therapist", "counselling", "counseling", "counsellor", "counselor", "psychologist", "psychiatrist",
        "shrink", "professional help", "get help", "see someone", "talk to someone", "see somebody", "mental health",
        "treatment", "rehab", "meds", "medication", "gp", "doctor", "support group", "sessions", "session",
    ),
    "c_refuse": (
        "refuse", "refuses", "refused", "refusing", "won't go", "wont go", "won't see", "wont see", "says no", "said no",
        "flat out", "no way", "not interested", "won't even", "wont even", "shut down", "shuts down", "shot down",
        "dismiss", "dismisses", "dismissed", "rejects", "rejected", "won't hear", "wont hear", "point blank", "not going",
        "doesn't need", "doesnt need", "don't need", "laughed at", "brushed off", "won't consider", "wont consider",
        "will not", "flatly", "adamant", "digs in", "dug in", "stubborn", "against it", "dead set against",
    ),
    "c_tired": (
        "tired", "exhausted", "exhausting", "drained", "draining", "knackered", "shattered", "worn out", "wiped out",
        "burnt out", "burned out", "burnout", "fatigued", "no energy", "running on empty", "depleted", "can't cope",
        "cant cope", "at the end of my rope", "end of my tether", "wearing me down", "worn down", "sleep", "sleepless",
        "overwhelmed", "too much", "running on fumes", "spent", "weary", "can't keep going", "running myself ragged",
        "nothing left", "empty", "wrecked", "done in", "dead on my feet", "walking on eggshells", "eggshells", "carrying", "carer", "caregiver",
    ),
    "c_resent": (
        "resent", "resentful", "resentment", "bitter", "bitterness", "angry at", "mad at", "furious", "annoyed", "irritated",
        "fed up", "sick of", "hate him", "hate her", "hate them", "unfair", "unappreciated", "taken for granted",
        "rage", "pissed", "livid", "frustrated", "frustrating", "grudge", "can't stand", "cant stand", "snap at",
        "guilty for being angry", "selfish", "why should i",
    ),
    "c_boundary": (
        "boundary", "boundaries", "limit", "limits", "say no", "saying no", "line", "draw the line", "space",
        "distance", "step back", "stop covering", "protect myself", "my own time", "time for me", "not my job",
        "ultimatum", "give up on", "walk away", "stop answering", "stop picking up", "take a break", "break from",
        "rules", "enough is enough", "not okay with", "deal breaker", "dealbreaker",
    ),
    "c_enable": (
        "enabling", "enable", "enabler", "enabled", "covering for", "cover for", "make excuses", "making excuses",
        "bail out", "bailing out", "bailed out", "pay his", "pay her", "paying his", "paying her", "lend", "lending",
        "money", "rent", "debts", "rescue", "rescuing", "doing everything for", "too soft", "pushover", "let him off",
        "let her off", "clean up after", "picking up the pieces", "protect him from", "protect her from", "consequences",
    ),
    "c_support_me": (
        "support group", "support groups", "al-anon", "alanon", "nar-anon", "nami", "for me", "for myself", "myself",
        "someone to talk to", "my own therapist", "my own therapy", "help for me", "helpline", "resources", "find a therapist",
        "directory", "where can i", "who can i talk to", "family support", "carers", "others in my situation",
    ),
    "c_progress": (
        "progress", "good sign", "a sign", "improvement", "improving", "better lately", "small step", "baby steps",
        "opened up", "opening up", "brought it up himself", "brought it up herself", "mentioned it", "asked about",
        "looked at", "booked", "agreed to", "less defensive", "curious", "asked me", "read the", "is that good",
        "hopeful", "change", "changing", "for once", "actually listened", "didn't get angry",
    ),
    "c_why": (
        "why won't", "why wont", "why doesn't", "why doesnt", "why does", "why is", "why do", "what makes", "what is he afraid",
        "what is she afraid", "scared of", "afraid of", "pride", "ashamed", "shame", "stigma", "embarrassed", "understand why",
        "what's behind", "whats behind", "reason", "reasons", "so against", "what's stopping", "whats stopping", "resist",
        "resistance", "control thing",
    ),
    "c_how_to_say": (
        "bring up", "bring it up", "raise", "mention", "suggest", "suggesting", "approach", "broach", "start the conversation",
        "what do i say", "what should i say", "how do i say", "how do i tell", "how to tell", "how to ask", "how do i ask",
        "wording", "words", "phrase", "conversation", "talk to him", "talk to her", "talk to them", "convince", "persuade",
        "encourage", "get him to", "get her to", "get them to", "without a fight", "without upsetting", "without it turning",
        "opener", "the right way",
    ),
    "c_practise": (
        "practise", "practice", "practicing", "practising", "rehearse", "rehearsing", "rehearsal", "role play", "roleplay",
        "role-play", "pretend", "play my", "play him", "play her", "act as", "be my", "try it out", "run through", "dry run",
        "simulate", "test run",
    ),
    "c_stop": (
        "stop", "end", "quit", "exit", "enough", "done", "finish", "leave", "out of", "step out", "break character",
        "normal chat", "back to normal", "cancel", "pause", "that's enough",
    ),
    "c_danger": (
        "kill", "suicide", "suicidal", "die", "dying", "dead", "end it", "end his life", "end her life", "end my life",
        "overdose", "overdosed", "pills", "cutting", "self harm", "self-harm", "hurt himself", "hurt herself", "hurt myself",
        "gun", "knife", "weapon", "rope", "hit me", "hits me", "hurt me", "abuse", "abusive", "threaten", "threatened",
        "threatening", "choke", "choked", "strangle", "bridge", "jump", "note", "goodbye letter", "unsafe", "scared for my life",
        "not breathing", "unconscious", "bleeding", "emergency", "hang", "hanging", "shove", "shoved", "push me", "pushed me",
        "punch", "slap", "beat", "violent", "violence", "rape", "assault", "trapped", "won't let me leave", "controls",
    ),
    "c_greet": ("hi", "hello", "hey", "hiya", "morning", "evening", "afternoon", "howdy", "yo", "sup", "greetings"),
    "c_bye": ("bye", "goodbye", "goodnight", "good night", "see you", "later", "cya", "take care", "talk soon", "signing off", "gotta go"),
    "c_thanks": ("thanks", "thank", "thx", "ty", "cheers", "appreciate", "grateful", "helpful", "that helps"),
    "c_yes": ("yes", "yeah", "yep", "yup", "sure", "ok", "okay", "alright", "definitely", "absolutely", "please", "go on", "let's do it", "sounds good", "why not"),
    "c_no": ("no", "nope", "nah", "not now", "not really", "no thanks", "not today", "maybe later", "i'd rather not", "not yet"),
    "c_bot": ("bot", "robot", "ai", "human", "real person", "machine", "computer", "chatgpt", "automated", "are you real", "who are you", "what are you"),
    "c_why_me": ("why?", "why", "how come", "reasoning", "explain", "what's the reason", "why would", "why does that", "why is that"),
    "c_struggle": (
        "depressed", "depression", "anxiety", "anxious", "panic", "drinking", "alcohol", "drugs", "ptsd", "trauma", "grief",
        "grieving", "stress", "stressed", "anger", "temper", "gambling", "addiction", "bipolar", "ocd", "eating", "low mood",
    ),
}

_PATTERNS = {
    concept: re.compile(
        r"(?<![\w'])(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True)) + r")(?![\w'])",
        re.IGNORECASE,
    )
    for concept, words in CONCEPTS.items()
}


def concept_tokens(text: str) -> list[str]:
    """The concept tokens present in ``text`` (each at most once)."""
    return [concept for concept, pattern in _PATTERNS.items() if pattern.search(text)]


def with_concepts(text: str) -> str:
    """The text with its concept tokens appended, ready for a bag-of-words vectoriser."""
    tokens = concept_tokens(text.replace("’", "'"))
    return f"{text} {' '.join(tokens)}" if tokens else text

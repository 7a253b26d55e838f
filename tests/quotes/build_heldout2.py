#!/usr/bin/env python3
"""Builds tests/quotes/heldout2.jsonl: a third gold set, written after the
rules and after tuning on heldout.jsonl, in the style of US political news
(pronoun speakers, typewriter marks, quotes running over paragraphs). Its
first-run figures are the held-out figures reported for issue 5."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from goldlib import GoldSet, h, q  # noqa: E402

GOLD = GoldSet()
doc = GOLD.doc

doc(
    "debate-night",
    "The two candidates clashed repeatedly over taxes during Tuesday's debate.\n"
    "``My opponent wants to raise your taxes by $2,000,'' Gov. Frank Delgado said. ``I will cut them.''\n"
    "State Treasurer Lena Moss shot back that Delgado's numbers were \"made up.\"\n"
    "\"He has been running on the same fiction for two years,\" she said. \"Voters can see through it.\"\n"
    "A post-debate poll suggested Moss may have gained ground, though analysts cautioned against reading too much into it.",
    [
        q("direct", "``My opponent wants to raise your taxes by $2,000,''", "said", "Gov. Frank Delgado", "Frank Delgado"),
        q("direct", "``I will cut them.''", "said", "Gov. Frank Delgado", "Frank Delgado"),
        q("mixed", "Delgado's numbers were \"made up.\"", "shot back", "State Treasurer Lena Moss", "Lena Moss"),
        q("direct", "\"He has been running on the same fiction for two years,\"", ("said", 1), "she", "Lena Moss"),
        q("direct", "\"Voters can see through it.\"", ("said", 1), "she", "Lena Moss"),
    ],
    [h("modal", "may")],
)

doc(
    "budget-standoff",
    "House Speaker Joan Whitley said Wednesday that she would not bring the Senate's budget to the floor.\n"
    "\"It spends too much and it fixes too little,\" Whitley told reporters outside her office. \"We will write our own.\n"
    "\"And we will pass it,\" she added.\n"
    "Senate Majority Leader Carl Dunn called that approach \"reckless\" and warned of a shutdown.\n"
    "A senior Democratic aide, who was not authorized to speak publicly, said party leaders were preparing a stopgap bill.",
    [
        q("indirect", "she would not bring the Senate's budget to the floor", "said", "House Speaker Joan Whitley", "Joan Whitley"),
        q("direct", "\"It spends too much and it fixes too little,\"", "told", "Whitley", "Joan Whitley"),
        q("direct", "\"We will write our own.", "added", "she", "Joan Whitley"),
        q("direct", "\"And we will pass it,\"", "added", "she", "Joan Whitley"),
        q("indirect", "of a shutdown", "warned", "Senate Majority Leader Carl Dunn", "Carl Dunn"),
        q("indirect", "party leaders were preparing a stopgap bill", ("said", 1), "A senior Democratic aide", "A senior Democratic aide"),
    ],
    [],
)

doc(
    "pardon",
    "The president pardoned his former campaign manager on Friday, a move critics called an abuse of power.\n"
    "\"This was a witch hunt from the start,\" the president wrote in a post announcing the decision.\n"
    "Legal experts said the pardon was likely to face no serious challenge in court.\n"
    "Rep. Dana Holt, D-Md., said she would seek testimony from White House lawyers. \"The American people deserve answers,\" Holt said.",
    [
        q("direct", "\"This was a witch hunt from the start,\"", "wrote", "the president", None),
        q("indirect", "the pardon was likely to face no serious challenge in court", "said", "Legal experts", "Legal experts"),
        q("indirect", "she would seek testimony from White House lawyers", ("said", 1), "Rep. Dana Holt", "Dana Holt"),
        q("direct", "\"The American people deserve answers,\"", ("said", 2), "Holt", "Dana Holt"),
    ],
    [h("hedging_phrase", "was likely to")],
)

doc(
    "border-visit",
    "Homeland Security Secretary Ruth Calder toured a border facility in Arizona on Thursday.\n"
    "\"What I saw today is a system under enormous strain,\" Calder said, \"and the men and women who work here are doing everything they can.\"\n"
    "Officials at the facility told her it was holding nearly twice its capacity, according to a department readout of the visit.\n"
    "Advocates have called conditions at the site \"inhumane.\"",
    [
        q("direct", "\"What I saw today is a system under enormous strain,\"", "said", "Calder", "Ruth Calder"),
        q("direct", "\"and the men and women who work here are doing everything they can.\"", "said", "Calder", "Ruth Calder"),
        q("indirect", "it was holding nearly twice its capacity", "told", "Officials at the facility", "Officials at the facility"),
    ],
    [],
)

doc(
    "supreme-court",
    "The Supreme Court agreed on Monday to hear a challenge to the state's voting law.\n"
    "In a brief dissent from the order, Justice Ellen Park wrote that the case \"presents no question worthy of this Court's time.\"\n"
    "The law's defenders said they were confident it would be upheld.\n"
    "\"We look forward to making our case,\" Attorney General Mark Yates said in a statement.\n"
    "The court is expected to rule by June.",
    [
        q("mixed", "the case \"presents no question worthy of this Court's time.\"", "wrote", "Justice Ellen Park", "Ellen Park"),
        q("indirect", "they were confident it would be upheld", "said", "The law's defenders", "The law's defenders"),
        q("direct", "\"We look forward to making our case,\"", ("said", 1), "Attorney General Mark Yates", "Mark Yates"),
    ],
    [h("hedging_phrase", "is expected to")],
)

doc(
    "town-hall",
    "The town hall grew heated within minutes.\n"
    "\"You voted to take away my health care,\" one woman shouted at Sen. Paul Grady. \"Why?\"\n"
    "Grady, a first-term Republican, insisted he had voted to protect people with pre-existing conditions.\n"
    "\"That is simply not true,\" he said, as the crowd booed. \"Read the bill.\"\n"
    "His office later said the senator had held more town halls than any other member of the delegation.",
    [
        q("direct", "\"You voted to take away my health care,\"", "shouted", "one woman", "one woman"),
        q("direct", "\"Why?\"", "shouted", "one woman", "one woman"),
        q("indirect", "he had voted to protect people with pre-existing conditions", "insisted", "Grady", "Paul Grady"),
        q("direct", "\"That is simply not true,\"", "said", "he", "Paul Grady"),
        q("direct", "\"Read the bill.\"", "said", "he", "Paul Grady"),
        q("indirect", "the senator had held more town halls than any other member of the delegation", ("said", 1), "His office", "His office"),
    ],
    [],
)


def main():
    GOLD.write(__file__, "heldout2.jsonl")


if __name__ == "__main__":
    main()

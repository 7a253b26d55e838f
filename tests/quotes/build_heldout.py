#!/usr/bin/env python3
"""Builds tests/quotes/heldout.jsonl: a second gold set written after the
rules, to measure them on text they were not developed against. Same
conventions as build_gold.py, helpers in goldlib.py. The figures printed by
the first run on this set are the held-out figures reported for issue 5;
later fixes must not be driven by individual sentences here."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from goldlib import GoldSet, h, q  # noqa: E402

GOLD = GoldSet()
doc = GOLD.doc

doc(
    "senate-vote",
    "The Senate passed the spending bill 68-31 late Thursday, sending it to the president's desk.\n"
    "\"This is a good day for the American people,\" said Sen. John Harlan, R-Ohio, who helped negotiate the deal.\n"
    "Democrats were divided. Sen. Rosa Marin, D-Calif., voted against it, saying it shortchanged schools.\n"
    "\"We can do better, and we should,\" she said in a floor speech.\n"
    "The White House said the president would sign the bill on Friday.",
    [
        q("direct", "\"This is a good day for the American people,\"", "said", "Sen. John Harlan", "John Harlan"),
        q("direct", "\"We can do better, and we should,\"", ("said", 1), "she", "Rosa Marin"),
        q("indirect", "the president would sign the bill on Friday", ("said", 2), "The White House", "White House"),
    ],
    [],
)

doc(
    "campaign-trail",
    "Speaking to supporters in Des Moines, former governor Mark Ellison sharpened his attacks on the front-runner.\n"
    "``He has never run anything bigger than a television show,'' Ellison said. ``I have run a state.''\n"
    "Ellison's campaign said it had raised $4 million in the past month.\n"
    "A spokesperson for the front-runner called the remarks ``desperate.''\n"
    "Polls suggest the race may tighten before the caucuses.",
    [
        q("direct", "``He has never run anything bigger than a television show,''", ("said", 0), "Ellison", "Mark Ellison"),
        q("direct", "``I have run a state.''", ("said", 0), "Ellison", "Mark Ellison"),
        q("indirect", "it had raised $4 million in the past month", ("said", 1), "Ellison's campaign", "Ellison's campaign"),
        q("mixed", "the remarks ``desperate.''", "called", "A spokesperson for the front-runner", "A spokesperson for the front-runner"),
    ],
    [h("modal", "may")],
)

doc(
    "immigration-ruling",
    "A federal judge on Tuesday blocked the administration's new asylum rule.\n"
    "In a 40-page opinion, U.S. District Judge Karen Liu wrote that the rule \"plainly conflicts\" with federal law.\n"
    "The Justice Department is expected to appeal, according to two people familiar with the case.\n"
    "\"We strongly disagree with the court's decision,\" a department spokesman said. \"The rule is lawful, and we will defend it.\"\n"
    "Advocates hailed the ruling, though they warned that the fight was far from over.",
    [
        q("mixed", "the rule \"plainly conflicts\" with federal law", "wrote", "U.S. District Judge Karen Liu", "Karen Liu"),
        q("indirect", "The Justice Department is expected to appeal", "according to", "two people familiar with the case", "two people familiar with the case"),
        q("direct", "\"We strongly disagree with the court's decision,\"", "said", "a department spokesman", "a department spokesman"),
        q("direct", "\"The rule is lawful, and we will defend it.\"", "said", "a department spokesman", "a department spokesman"),
        q("indirect", "the fight was far from over", "warned", "they", "Advocates"),
    ],
    [h("hedging_phrase", "is expected to")],
)

doc(
    "governor-interview",
    "Gov. Teresa Quinn said Monday she had not decided whether to seek a third term.\n"
    "\"I love this job. I love this state. But I also love my family, and we are going to talk about it over the holidays.\n"
    "\"Whatever we decide, we will decide together,\" Quinn told the Tribune in an interview.\n"
    "Aides said privately that she was leaning toward running.\n"
    "Her potential rivals have reportedly begun calling donors.",
    [
        q("indirect", "she had not decided whether to seek a third term", "said", "Gov. Teresa Quinn", "Teresa Quinn"),
        q("direct", "\"I love this job. I love this state. But I also love my family, and we are going to talk about it over the holidays.", "told", "Quinn", "Teresa Quinn"),
        q("direct", "\"Whatever we decide, we will decide together,\"", "told", "Quinn", "Teresa Quinn"),
        q("indirect", "she was leaning toward running", ("said", 1), "Aides", "Aides"),
    ],
    [h("epistemic", "potential"), h("epistemic", "reportedly")],
)

doc(
    "trade-talks",
    "Negotiators from both countries met for a third day in Geneva, officials said, but no agreement has been reached.\n"
    "According to a draft seen by reporters, the deal would cut tariffs on steel by half.\n"
    "“There is still a lot of work to do,” Commerce Secretary Dan Rowe told reporters. “But we are closer than we were.”\n"
    "A European diplomat, speaking on condition of anonymity, said the talks could collapse over farm subsidies.",
    [
        q("indirect", "Negotiators from both countries met for a third day in Geneva", "said", "officials", "officials"),
        q("indirect", "the deal would cut tariffs on steel by half", "According to", "a draft seen by reporters", "a draft seen by reporters"),
        q("direct", "“There is still a lot of work to do,”", "told", "Commerce Secretary Dan Rowe", "Dan Rowe"),
        q("direct", "“But we are closer than we were.”", "told", "Commerce Secretary Dan Rowe", "Dan Rowe"),
        q("indirect", "the talks could collapse over farm subsidies", ("said", 1), "A European diplomat", "A European diplomat"),
    ],
    [h("negated_finality", "no agreement has been reached"), h("modal", "could")],
)

doc(
    "school-board",
    "The school board meeting ran past midnight.\n"
    "Parents lined up to speak against the proposal, which board members have called a \"modest adjustment\" to start times.\n"
    "\"My kids would have to leave the house at 6 a.m.,\" said Denise Ford, a mother of three. \"That is not modest.\"\n"
    "Superintendent Carl Weber acknowledged that the plan was unpopular but said it would save $2 million a year.\n"
    "The board is likely to vote next month.",
    [
        q("scare", "\"modest adjustment\""),
        q("direct", "\"My kids would have to leave the house at 6 a.m.,\"", "said", "Denise Ford", "Denise Ford"),
        q("direct", "\"That is not modest.\"", "said", "Denise Ford", "Denise Ford"),
        q("indirect", "the plan was unpopular", "acknowledged", "Superintendent Carl Weber", "Carl Weber"),
        q("indirect", "it would save $2 million a year", ("said", 1), "Superintendent Carl Weber", "Carl Weber"),
    ],
    [h("hedging_phrase", "is likely to")],
)

doc(
    "tweet-storm",
    "The president lashed out at the central bank on Sunday.\n"
    "\"The Fed has made a terrible mistake!\" he wrote on social media, adding that rates should be cut \"immediately.\"\n"
    "Fed Chair Laura Bishop declined to comment.\n"
    "Economists said the attacks were unlikely to change the bank's course.",
    [
        q("direct", "\"The Fed has made a terrible mistake!\"", "wrote", "he", None),
        q("mixed", "rates should be cut \"immediately.\"", "adding", "he", None),
        q("indirect", "the attacks were unlikely to change the bank's course", "said", "Economists", "Economists"),
    ],
    [h("epistemic", "unlikely")],
)

doc(
    "hearing",
    "The hearing grew tense when Rep. Alan Fisk pressed the witness.\n"
    "“Did you or did you not sign that memo?” Fisk asked.\n"
    "“I do not recall,” replied Martin Shaw, the former deputy director.\n"
    "Shaw later told the committee that he might have seen a draft.\n"
    "A committee aide said the panel would subpoena the memo.",
    [
        q("direct", "“Did you or did you not sign that memo?”", "asked", "Fisk", "Alan Fisk"),
        q("direct", "“I do not recall,”", "replied", "Martin Shaw", "Martin Shaw"),
        q("indirect", "he might have seen a draft", "told", "Shaw", "Martin Shaw"),
        q("indirect", "the panel would subpoena the memo", "said", "A committee aide", "A committee aide"),
    ],
    [h("modal", "might")],
)


def main():
    GOLD.write(__file__, "heldout.jsonl")


if __name__ == "__main__":
    main()

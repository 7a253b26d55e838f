#!/usr/bin/env python3
"""Builds tests/quotes/gold.jsonl from the hand-written annotations below.

The texts were written for this project (CC0). Annotations name substrings
rather than offsets so they can be read and checked by eye; this script turns
them into code-point offsets (Python string indices, end exclusive), the
format of ../shared/eval/README.md. Run: python3 tests/quotes/build_gold.py

Conventions (the same ones src/quotes documents):
- direct: one span per quoted piece, opening mark to closing mark inclusive
  (a piece that runs to the end of its paragraph without a closing mark ends
  at the paragraph's last character); pieces of one utterance share a speaker.
- indirect: the reported content, without the cue, "that", or the final stop.
- mixed: the reported content that contains a quoted phrase.
- scare: the quoted phrase with its marks; no cue and no speaker.
- speaker: the mention the cue attaches to ("he", "a commander of X");
  speaker_name: who that is (for a pronoun, the person's name).
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from goldlib import GoldSet, h, q  # noqa: E402

# q(kind, span, cue, speaker, speaker_name) and h(class, span): see goldlib.py.
GOLD = GoldSet()
doc = GOLD.doc


doc(
    "city-council",
    "The city council voted 7-2 on Tuesday to close the Elm Street library, a decision that could leave the east side without a branch for years.\n"
    "“We are out of money, and we are out of options,” said Mayor Linda Park, who cast the deciding vote.\n"
    "Council member Raul Ortiz said the vote was “a betrayal of every family that uses that building.”\n"
    "He added that residents had not been consulted.\n"
    "According to a city budget report, the library costs $1.2 million a year to run.\n"
    "The closure is expected to take effect in March, though no date has been confirmed.",
    [
        q("direct", "“We are out of money, and we are out of options,”", "said", "Mayor Linda Park", "Linda Park"),
        q("mixed", "the vote was “a betrayal of every family that uses that building.”", ("said", 1), "Council member Raul Ortiz", "Raul Ortiz"),
        q("indirect", "residents had not been consulted", "added", "He", "Raul Ortiz"),
        q("indirect", "the library costs $1.2 million a year to run", "According to", "a city budget report", "a city budget report"),
    ],
    [h("modal", "could"), h("hedging_phrase", "is expected to"), h("negated_finality", "no date has been confirmed")],
)

doc(
    "interrupted",
    "The senator paused before answering.\n"
    "“We want peace,” Sen. Maria Lopez said, “but not at any price.”\n"
    "Her office later issued a statement saying she stood by the remarks.\n"
    "“I meant every word,” she told reporters on Wednesday. “Every single one.”",
    [
        q("direct", "“We want peace,”", "said", "Sen. Maria Lopez", "Maria Lopez"),
        q("direct", "“but not at any price.”", "said", "Sen. Maria Lopez", "Maria Lopez"),
        q("direct", "“I meant every word,”", "told", "she", "Maria Lopez"),
        q("direct", "“Every single one.”", "told", "she", "Maria Lopez"),
    ],
    [],
)

doc(
    "multi-paragraph",
    "Union leader Tom Baker spoke for nearly ten minutes at the rally.\n"
    "“This company made record profits last year. It paid its executives record bonuses. And it asked our members to take a pay cut.\n"
    "“We said no then, and we are saying no now,” Baker said.\n"
    "A spokeswoman for the company, Janet Wu, said the offer was fair and remained on the table.",
    [
        q("direct", "“This company made record profits last year. It paid its executives record bonuses. And it asked our members to take a pay cut.", ("said", 1), "Baker", "Tom Baker"),
        q("direct", "“We said no then, and we are saying no now,”", ("said", 1), "Baker", "Tom Baker"),
        q("indirect", "the offer was fair and remained on the table", ("said", 2), "Janet Wu", "Janet Wu"),
    ],
    [],
)

doc(
    "anonymous-defense",
    "The Pentagon is weighing a plan to send more air defense systems to the region, two US officials said on Monday.\n"
    "The officials, who spoke on condition of anonymity, said no final decision had been made.\n"
    "A senior administration official told Reuters the deployment might begin within weeks.\n"
    "“Nothing is off the table,” one of the officials said.\n"
    "The Defense Department declined to comment.",
    [
        q("indirect", "The Pentagon is weighing a plan to send more air defense systems to the region", "said", "two US officials", "two US officials"),
        q("indirect", "no final decision had been made", ("said", 1), "The officials", "two US officials"),
        q("indirect", "the deployment might begin within weeks", "told", "A senior administration official", "A senior administration official"),
        q("direct", "“Nothing is off the table,”", ("said", 2), "one of the officials", "one of the officials"),
    ],
    [h("negated_finality", "no final decision had been made"), h("modal", "might")],
)

doc(
    "backticks",
    "The judge was blunt.\n"
    "``This court will not be used as a stage,'' Judge Henry Olsen said from the bench.\n"
    "Defense attorney Carla Reyes said her client was ``disappointed but not surprised'' by the ruling.\n"
    "``We will appeal,'' she said.",
    [
        q("direct", "``This court will not be used as a stage,''", "said", "Judge Henry Olsen", "Henry Olsen"),
        q("mixed", "her client was ``disappointed but not surprised'' by the ruling", ("said", 1), "Defense attorney Carla Reyes", "Carla Reyes"),
        q("direct", "``We will appeal,''", ("said", 2), "she", "Carla Reyes"),
    ],
    [],
)

doc(
    "scare-and-titles",
    "Critics have called the new tax a “stealth levy” on the middle class.\n"
    "The bill, known as the “Fair Share Act,” passed the House by four votes.\n"
    "Its sponsor, Rep. Dana Fields, rejected the criticism.\n"
    "“Nobody earning under $200,000 will pay a cent more,” Fields said in an interview.\n"
    "Economists say the effect on revenue is likely to be small.",
    [
        q("scare", "“stealth levy”"),
        q("scare", "“Fair Share Act,”"),
        q("direct", "“Nobody earning under $200,000 will pay a cent more,”", "said", "Fields", "Dana Fields"),
        q("indirect", "the effect on revenue is likely to be small", "say", "Economists", "Economists"),
    ],
    [h("epistemic", "likely")],
)

doc(
    "straight-quotes",
    "Police Chief Alan Greer addressed reporters outside the station.\n"
    "\"We have one person in custody,\" Greer said. \"We are not looking for anyone else at this time.\"\n"
    "Witnesses said the suspect appeared to be in his twenties.\n"
    "The suspect's name has not been released.\n"
    "Greer said investigators were still trying to determine a motive.",
    [
        q("direct", "\"We have one person in custody,\"", "said", "Greer", "Alan Greer"),
        q("direct", "\"We are not looking for anyone else at this time.\"", "said", "Greer", "Alan Greer"),
        q("indirect", "the suspect appeared to be in his twenties", ("said", 1), "Witnesses", "Witnesses"),
        q("indirect", "investigators were still trying to determine a motive", ("said", 2), "Greer", "Alan Greer"),
    ],
    [h("hedging_phrase", "appeared to"), h("negated_finality", "has not been released")],
)

doc(
    "company-statement",
    "Shares of Northwind Corp. fell 12% after the company warned that quarterly sales would miss forecasts.\n"
    "In a statement, Northwind said supply problems in Asia had delayed shipments.\n"
    "Chief Executive Paula Grant told analysts on a call that the problems were “temporary and fixable.”\n"
    "Some analysts expressed doubt about that timeline.\n"
    "“I would not bet on a quick recovery,” said Sam Hill, an analyst at Crane Securities.",
    [
        q("indirect", "quarterly sales would miss forecasts", "warned", "the company", "Northwind Corp."),
        q("indirect", "supply problems in Asia had delayed shipments", "said", "Northwind", "Northwind Corp."),
        q("mixed", "the problems were “temporary and fixable.”", "told", "Chief Executive Paula Grant", "Paula Grant"),
        q("indirect", "that timeline", "expressed doubt about", "Some analysts", "Some analysts"),
        q("direct", "“I would not bet on a quick recovery,”", ("said", 1), "Sam Hill", "Sam Hill"),
    ],
    [h("doubt", "expressed doubt")],
)

doc(
    "nested",
    "The former ambassador recalled the meeting in detail.\n"
    "“He looked at me and said, ‘We will never sign that,’ and then he walked out,” said Robert Klein, who served in Cairo from 2010 to 2014.\n"
    "Klein said the talks collapsed a week later.\n"
    "Officials in Cairo have denied that the meeting took place.",
    [
        q("direct", "“He looked at me and said, ‘We will never sign that,’ and then he walked out,”", ("said", 1), "Robert Klein", "Robert Klein"),
        q("indirect", "the talks collapsed a week later", ("said", 2), "Klein", "Robert Klein"),
        q("indirect", "the meeting took place", "denied", "Officials in Cairo", "Officials in Cairo"),
    ],
    [],
)

doc(
    "according-to",
    "The storm killed at least 14 people, according to local authorities.\n"
    "According to the National Weather Service, winds reached 120 miles per hour near the coast.\n"
    "Governor Ellen Shaw said the state may request federal aid.\n"
    "“The damage is enormous,” she said. “It could take months to rebuild.”\n"
    "Residents said power might not return until next week.",
    [
        q("indirect", "The storm killed at least 14 people", "according to", "local authorities", "local authorities"),
        q("indirect", "winds reached 120 miles per hour near the coast", "According to", "the National Weather Service", "National Weather Service"),
        q("indirect", "the state may request federal aid", "said", "Governor Ellen Shaw", "Ellen Shaw"),
        q("direct", "“The damage is enormous,”", ("said", 1), "she", "Ellen Shaw"),
        q("direct", "“It could take months to rebuild.”", ("said", 1), "she", "Ellen Shaw"),
        q("indirect", "power might not return until next week", ("said", 2), "Residents", "Residents"),
    ],
    [h("modal", "may"), h("modal", "could"), h("modal", "might")],
)

doc(
    "colon-lead",
    "At the news conference, the health minister was asked about the shortage.\n"
    "Minister Ahmed Saleh said: “We have ordered two million more doses, and they will arrive in May.”\n"
    "People familiar with the contract said the doses would reportedly cost twice the usual price.\n"
    "Saleh insisted the price was reasonable.\n"
    "The ministry has not confirmed the figure.",
    [
        q("direct", "“We have ordered two million more doses, and they will arrive in May.”", "said", "Minister Ahmed Saleh", "Ahmed Saleh"),
        q("indirect", "the doses would reportedly cost twice the usual price", ("said", 1), "People familiar with the contract", "People familiar with the contract"),
        q("indirect", "the price was reasonable", "insisted", "Saleh", "Ahmed Saleh"),
    ],
    [h("epistemic", "reportedly"), h("negated_finality", "has not confirmed")],
)

doc(
    "election-night",
    "Supporters cheered as the results came in.\n"
    "“Tonight, the people of this state have spoken,” Governor-elect James Holt told the crowd. “And they have asked for change.”\n"
    "His opponent, Karen Bell, conceded shortly after midnight.\n"
    "Bell said she had called Holt to congratulate him, according to her campaign manager.\n"
    "Turnout was apparently the highest in two decades, election officials said.",
    [
        q("direct", "“Tonight, the people of this state have spoken,”", "told", "Governor-elect James Holt", "James Holt"),
        q("direct", "“And they have asked for change.”", "told", "Governor-elect James Holt", "James Holt"),
        q("indirect", "she had called Holt to congratulate him", "said", "Bell", "Karen Bell"),
        q("indirect", "Turnout was apparently the highest in two decades", ("said", 1), "election officials", "election officials"),
    ],
    [h("epistemic", "apparently")],
)


def main():
    GOLD.write(__file__, "gold.jsonl", null_speaker_name=True)


if __name__ == "__main__":
    main()

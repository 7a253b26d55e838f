// The sample story the page opens with: a made-up wire-service report that
// exercises every layer (named and anonymous sources, direct and indirect
// quotes, hedges, dates, money, percentages, organisations and places).
// Written for newslens; it is not a real news story.

export const SAMPLE = `ROTTERDAM, Netherlands, March 4 (Newslens) - The Port of Rotterdam is likely to delay a €1.4 billion expansion of its container terminals by at least two years after dredging contractors warned of rising costs, three people familiar with the talks said on Tuesday.

The Maasvlakte project, approved by the Dutch parliament in 2023, was meant to add capacity for 4 million containers a year by 2028.

“We are not going to pour concrete into the sea at any price,” port chief executive Allard Castelein told reporters at a news conference in Rotterdam. “If the numbers do not add up, we wait.”

Castelein said the port authority had asked Boskalis and Van Oord, the two Dutch dredging groups bidding for the work, to resubmit their offers by June 30.

A senior official at the Ministry of Infrastructure, who spoke on condition of anonymity because the talks are confidential, said the government could cover part of the shortfall but had not yet decided how much.

Shipping lines have urged the port to press ahead. “Every year of delay pushes cargo to Antwerp and Hamburg,” said Maria Jensen, a spokeswoman for Danish carrier Maersk, adding that volumes through the North Sea hubs rose 3.2% last year.

According to a report by the European Sea Ports Organisation published in January, the three largest ports in northern Europe handled about 38 million containers in 2025, roughly 41% of the region’s traffic.

Analysts at ING estimated that the delay might cost the port up to €90 million in lost fees, though they cautioned that the figure was preliminary and appeared to assume no new subsidies.

Environmental groups welcomed the pause. Greenpeace Netherlands said the expansion would threaten protected dunes near Hook of Holland and called for a new impact study.

No final decision has been made, and the port’s supervisory board is expected to discuss the plan again at a meeting on April 15, a spokesman said.`;

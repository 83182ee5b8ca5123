"""Accounting, financial planning and investing: the people who handle the money."""

from __future__ import annotations

from mensch.demo.schema import ANYONE, Industry, Service

INDUSTRIES: tuple[Industry, ...] = (
    Industry(
        key="acct",
        label="Accounting & bookkeeping",
        web_word="books",
        roles=("a bookkeeper", "an accountant", "a chartered accountant", "a tax adviser"),
        businesses=(
            "a small bookkeeping practice",
            "a two-person accounting firm",
            "an accountancy practice for small businesses",
            "a cloud bookkeeping service",
        ),
        audiences=(
            "freelancers and small studios",
            "restaurants and independent shops",
            "tradespeople",
            "early-stage startups",
            "family-run companies",
        ),
        pitches=(
            "freelancers and small studios keep their books tidy and their tax returns on time",
            "restaurants and independent shops stop dreading VAT quarters",
            "founders understand their numbers without a finance degree",
            "tradespeople get their cash flow under control",
        ),
        circle="small-business owners and finance directors",
        work=(
            "I keep the books for about thirty small businesses, mostly creative studios and "
            "shops.",
            "I do bookkeeping, VAT returns and year-end accounts, and I explain the numbers "
            "without jargon.",
            "Most of my week goes on turning boxes of receipts into accounts people can read.",
            "I run payroll and monthly accounts for small employers and answer a lot of "
            "worried emails in January.",
        ),
        details=(
            "Every client gets a one-page summary each month so they know where they stand.",
            "I work in Xero and QuickBooks and I'm happy to tidy up a mess someone else left.",
            "I'm at my best with owners who want to understand their numbers, not just file them.",
            "I trained at a big firm and left because I wanted to know my clients by name.",
        ),
        hiring=(
            "a junior bookkeeper, three days a week",
            "an experienced payroll administrator to join the practice",
            "a trainee accountant who likes talking to clients",
        ),
        freelance=(
            "I take on freelance bookkeeping when other practices are stretched",
            "bookkeeping cover for practices during the January tax rush",
        ),
        clients=(
            "creative studios that need someone to keep their books",
            "restaurants and shops who want their numbers sorted",
            "new limited companies looking for an accountant",
        ),
    ),
    Industry(
        key="finplan",
        label="Financial planning",
        web_word="planning",
        roles=(
            "a financial planner",
            "an independent financial adviser",
            "a mortgage broker",
            "a pensions adviser",
        ),
        businesses=(
            "an independent financial planning firm",
            "a mortgage brokerage",
            "a small wealth management practice",
        ),
        audiences=(
            "business owners",
            "self-employed people",
            "young families",
            "people approaching retirement",
            "first-time buyers",
        ),
        pitches=(
            "business owners plan for retirement without the jargon",
            "self-employed people get a mortgage without a fight",
            "young families protect what they've built",
            "people approaching retirement make sense of their pensions and savings",
        ),
        circle="mortgage brokers and private bankers",
        work=(
            "I help business owners and self-employed people plan their money: pensions, "
            "savings and protection.",
            "I arrange mortgages, mostly for self-employed people and landlords the banks find "
            "awkward.",
            "I'm an independent adviser, so I'm paid by my clients and not by product providers.",
            "I spend a lot of time with people who have ignored their pension for fifteen years.",
        ),
        details=(
            "I explain everything in plain language and put it in writing afterwards.",
            "Many of my clients come from accountants and lawyers who want someone they can trust.",
            "I meet clients once a year whether they buy anything or not.",
            "Before this I spent years at a bank and saw how badly small firms were served.",
        ),
        hiring=(
            "a trainee paraplanner keen to learn",
            "an experienced mortgage adviser to join the team",
        ),
        freelance=("freelance paraplanning and report writing for busy advisers",),
        clients=(
            "business owners planning to sell in the next few years",
            "self-employed people who have ignored their pension",
            "landlords expanding their portfolio",
        ),
    ),
    Industry(
        key="investing",
        label="Venture & angel investing",
        web_word="ventures",
        roles=("an angel investor", "a venture capitalist", "a seed investor", "a fund partner"),
        businesses=("a small seed fund", "an angel syndicate", "a family office"),
        audiences=(
            "early-stage founders",
            "food and consumer brands",
            "health and software startups",
            "first-time founders",
        ),
        pitches=(
            "early-stage founders raise their first round and spend it well",
            "food and consumer brands find their first customers and their first investors",
            "first-time founders build companies that last",
        ),
        circle="angel investors and seed funds",
        work=(
            "I invest in early-stage companies, usually as one of the first cheques.",
            "I run an angel syndicate of about forty people who back local founders.",
            "I back founders in food, health and software, mostly at seed stage.",
        ),
        details=(
            "I built and sold a company before, so I know what the first years feel like.",
            "I say no quickly and explain why, because founders deserve an answer.",
            "I'd rather back a small business with real customers than a big story.",
        ),
        hiring=("an analyst to help screen deals two days a week",),
        freelance=(),
        clients=(
            "opportunity|founders with early revenue raising a seed round",
            "opportunity|companies in food, health or software looking for an angel",
        ),
        weight=0.5,
    ),
)

SERVICES: tuple[Service, ...] = (
    Service(
        key="acct.books",
        kind="supplier",
        who="a bookkeeper",
        providers=("acct",),
        askers=(ANYONE, "design", "hospitality", "trades", "retail", "media"),
        offers=(
            "bookkeeping and VAT returns for small studios",
            "I keep the books for creative businesses and freelancers",
            "monthly bookkeeping, bank reconciliations and management accounts",
            "I take the bookkeeping off your plate: receipts, invoices, VAT",
            "tidy, up-to-date books and a one-page cash report every month",
            "bookkeeping in Xero or QuickBooks, set up properly from day one",
        ),
        asks=(
            "[design,media,coaching,health] someone to keep my studio's books",
            "a bookkeeper who understands VAT for small businesses",
            "help with bookkeeping, I'm drowning in receipts and invoices",
            "a bookkeeper to take over our monthly books and reconciliations",
            "someone to sort out our Xero account and keep it up to date",
        ),
    ),
    Service(
        key="acct.tax",
        kind="supplier",
        who="an accountant",
        providers=("acct",),
        askers=(ANYONE, "software", "realestate", "investing", "coaching"),
        offers=(
            "year-end accounts and tax returns for limited companies",
            "self-assessment tax returns for freelancers and landlords",
            "I handle corporation tax, VAT and year-end accounts",
            "tax planning so you keep more of what you earn, legally",
        ),
        asks=(
            "an accountant for our year-end accounts and corporation tax",
            "someone to do my self-assessment tax return this year",
            "a tax adviser who knows how freelancers and landlords are taxed",
            "an accountant who explains tax planning in plain words",
        ),
    ),
    Service(
        key="acct.payroll",
        kind="supplier",
        who="a payroll provider",
        providers=("acct",),
        askers=("hospitality", "retail", "trades", "health", "manufacturing"),
        offers=(
            "payroll for teams of two to fifty, pensions included",
            "I run payroll and pension enrolment for small employers",
            "weekly payroll for restaurants and shift workers",
        ),
        asks=(
            "someone to run payroll for our staff",
            "[hospitality,retail,health,manufacturing] "
            "a payroll service that handles weekly pay for shift staff",
            "help setting up payroll and pensions for our first employees",
        ),
    ),
    Service(
        key="acct.cash",
        kind="advice",
        who="someone good with numbers",
        providers=("acct",),
        askers=(ANYONE, "hospitality", "retail", "coaching"),
        offers=(
            "a free half hour on cash flow and pricing for anyone starting out",
            "Happy to look over your cash flow forecast and tell you honestly what I see",
            "advice on pricing, margins and cash flow",
        ),
        asks=(
            "advice on getting my cash flow under control",
            "someone to sanity-check my pricing and margins",
            "a second opinion on our cash flow forecast before we hire",
        ),
    ),
    Service(
        key="finplan.pension",
        kind="supplier",
        who="a financial planner",
        providers=("finplan",),
        askers=(ANYONE, "acct", "legal", "health", "trades"),
        offers=(
            "pension and retirement planning for business owners",
            "I help self-employed people sort out their pensions",
            "financial planning in plain language: savings, pensions, protection",
        ),
        asks=(
            "a financial planner to help me with my pension",
            "someone to explain pensions for self-employed people",
            "advice|advice on how to pay myself and save for retirement",
        ),
    ),
    Service(
        key="finplan.mortgage",
        kind="supplier",
        who="a mortgage broker",
        providers=("finplan",),
        askers=(ANYONE, "realestate"),
        offers=(
            "mortgages for self-employed people and contractors, tricky cases welcome",
            "I find mortgages and buy-to-let finance for landlords",
        ),
        asks=(
            "a mortgage broker who understands self-employed income",
            "help finding buy-to-let finance for our next property",
        ),
    ),
    Service(
        key="finplan.loans",
        kind="supplier",
        who="someone who knows business finance",
        providers=("finplan",),
        askers=("hospitality", "manufacturing", "retail", "trades", "health", "print"),
        offers=(
            "business loans, asset finance and grants for growing firms",
            "I help small firms find the right loan or grant for expansion",
            "investor|finance for expansion: loans, grants and asset finance",
        ),
        asks=(
            "[hospitality,retail,health] investor|funding to open a second location",
            "someone who knows about business loans and grants",
            "[trades,manufacturing,print] finance for new equipment for our workshop",
        ),
    ),
    Service(
        key="finplan.insurance",
        kind="supplier",
        who="an insurance adviser",
        providers=("finplan",),
        askers=(ANYONE, "trades", "health"),
        offers=(
            "business insurance and key-person cover, explained properly",
            "I review insurance for small businesses and find the gaps",
        ),
        asks=(
            "someone to review our business insurance, it's a mess",
            "advice|advice on key-person insurance",
        ),
    ),
    Service(
        key="investing.angel",
        kind="investor",
        who="an angel investor",
        providers=("investing",),
        askers=(ANYONE, "software", "manufacturing", "health", "retail", "hospitality"),
        offers=(
            "angel investment for early-stage companies raising a seed round",
            "I invest in food, retail and consumer brands, first cheques from 25k",
            "seed funding for software and health startups with early revenue",
        ),
        asks=(
            "an angel investor for our seed round",
            "[hospitality,manufacturing,retail] investors who back food and consumer brands",
            "[software,health,retail] seed funding to hire our first two developers",
            "[health] someone who invests in early-stage health startups",
        ),
    ),
    Service(
        key="investing.pitch",
        kind="advice",
        who="someone who has raised money",
        providers=("investing",),
        askers=(ANYONE, "software", "health"),
        offers=(
            "honest feedback on your pitch deck and fundraising plan",
            "mentor|I mentor founders preparing to raise their first round",
        ),
        asks=(
            "feedback on our pitch deck before we talk to investors",
            "mentor|a mentor who has raised money before",
            "advice on how much to raise and from whom",
        ),
    ),
    Service(
        key="founders.raise",
        kind="opportunity",
        who="founders raising a round",
        providers=("software", "manufacturing", "health", "retail", "hospitality"),
        askers=("investing",),
        offers=(
            "a chance to invest in our seed round before it fills",
            "an early look at our round if you back consumer or food brands",
            "We're raising a small round to expand and would welcome angel investors",
            "an investment opportunity in a profitable small business ready to grow",
        ),
        asks=(
            "early-stage founders raising their first round",
            "companies with paying customers that need seed investment",
        ),
    ),
)

"""Software, marketing and print: the people who get a business seen and online."""

from __future__ import annotations

from mensch.demo.schema import ANYONE, Industry, Service

INDUSTRIES: tuple[Industry, ...] = (
    Industry(
        key="software",
        label="Software development",
        web_word="dev",
        roles=(
            "a software developer",
            "a web developer",
            "a full-stack engineer",
            "a mobile app developer",
            "a freelance CTO",
        ),
        businesses=(
            "a small software studio",
            "a web development agency",
            "a two-person app studio",
            "a product engineering consultancy",
        ),
        audiences=(
            "non-technical founders",
            "small businesses",
            "clinics and practices",
            "retailers moving online",
            "charities",
        ),
        pitches=(
            "non-technical founders ship their first app without wasting a year",
            "small businesses get a website that is fast, secure and easy to update",
            "clinics and practices turn spreadsheets into proper tools",
            "retailers move online without losing their minds",
        ),
        circle="startup founders and CTOs",
        work=(
            "I build websites and web applications for small businesses, mostly in Python and "
            "Django.",
            "I run a small studio that builds apps and internal tools for companies without a "
            "tech team.",
            "I help non-technical founders turn an idea into a first version customers can use.",
            "I maintain and rescue websites that other agencies built and then left behind.",
        ),
        details=(
            "I write everything down so clients are never locked in to me.",
            "I'd rather build a small thing that works than a big thing that nearly does.",
            "I spent ten years in larger tech companies before going independent.",
            "Most projects start with a week of working out what not to build.",
        ),
        hiring=(
            "a junior developer who wants to learn Python properly",
            "an experienced React developer for a six-month contract",
            "a product designer who can also write front-end code",
        ),
        freelance=(
            "freelance development in Python, Django and React, available from next month",
            "I take on short software contracts and rescue projects",
        ),
        clients=(
            "small businesses that need a proper website",
            "founders with an app idea and a budget",
            "clinics and practices that need online booking",
        ),
        weight=1.3,
    ),
    Industry(
        key="marketing",
        label="Marketing & social media",
        web_word="marketing",
        roles=(
            "a marketing consultant",
            "a social media manager",
            "a digital marketer",
            "a content strategist",
            "an SEO specialist",
        ),
        businesses=(
            "a small marketing agency",
            "a social media studio",
            "a freelance marketing practice",
            "a growth marketing consultancy",
        ),
        audiences=(
            "local businesses",
            "restaurants and hotels",
            "B2B service firms",
            "e-commerce brands",
            "coaches and consultants",
        ),
        pitches=(
            "local businesses get found by the right customers",
            "restaurants and hotels turn social media into actual bookings",
            "B2B service firms stop posting into the void",
            "e-commerce brands get more from a small marketing budget",
        ),
        circle="brand managers and e-commerce founders",
        work=(
            "I run social media and email marketing for restaurants, shops and studios.",
            "I help B2B firms work out who they sell to and how to reach them.",
            "I do SEO and Google ads for local service businesses.",
            "I plan and run launch campaigns for new products and new locations.",
        ),
        details=(
            "I report on bookings and sales, not likes and followers.",
            "I'd rather do three channels well than seven badly.",
            "Before going independent I ran marketing for a hotel group.",
            "I write a plan clients can follow without me, if they want to.",
        ),
        hiring=(
            "a marketing assistant, part-time, who loves writing",
            "a social media intern for the summer",
        ),
        freelance=(
            "freelance social media and content support, two days a week",
            "I cover marketing for agencies when someone is on leave",
        ),
        clients=(
            "local businesses that want more bookings",
            "B2B firms with a good product and no marketing",
            "restaurants and hotels opening a new site",
        ),
        weight=1.2,
    ),
    Industry(
        key="print",
        label="Printing & signage",
        web_word="print",
        roles=("a printer", "a print manager", "a sign maker", "a large-format printer"),
        businesses=(
            "a family-run print shop",
            "a signage and print company",
            "a digital print studio",
            "a print and promotional products business",
        ),
        audiences=(
            "event organisers",
            "shops and restaurants",
            "marketing agencies",
            "estate agents",
            "small brands",
        ),
        pitches=(
            "event organisers turn up with banners that stay upright",
            "shops and restaurants get seen from across the street",
            "small brands print short runs without paying big-run prices",
            "marketing agencies get print that arrives on time and looks right",
        ),
        circle="print buyers at agencies and venues",
        work=(
            "I run a print shop that does business cards, brochures, menus and signs.",
            "We make shop signs, window graphics and vehicle wraps, and we fit them too.",
            "I print exhibition stands, banners and merchandise for events.",
            "Our family has run the print shop for three generations; I took over from my dad.",
        ),
        details=(
            "We check every file before it prints, which saves clients a lot of reprints.",
            "Most jobs go out in two days, and we'll tell you straight if a deadline is silly.",
            "We moved to recycled paper and vegetable inks a few years ago.",
            "I like working with designers who send proper print-ready files.",
        ),
        hiring=(
            "a print finisher with some experience",
            "a sign fitter with a clean driving licence",
        ),
        freelance=("freelance print management: I'll source and check your print jobs",),
        clients=(
            "agencies that need a reliable printer",
            "shops opening a new branch",
            "event organisers with tight deadlines",
        ),
        weight=0.8,
    ),
)

SERVICES: tuple[Service, ...] = (
    Service(
        key="software.website",
        kind="supplier",
        who="a web developer",
        providers=("software",),
        askers=(
            ANYONE,
            "hospitality",
            "retail",
            "health",
            "coaching",
            "trades",
            "realestate",
            "legal",
            "acct",
        ),
        offers=(
            "websites for small businesses, built to load fast and easy to update",
            "I build and maintain WordPress and Django websites",
            "a new website with online booking, done in weeks not months",
            "website rebuilds for companies stuck with a slow, broken site",
        ),
        asks=(
            "a web developer to rebuild our website",
            "someone to add online booking to our site",
            "help with a website that's slow and keeps breaking",
            "a developer who can make our website easy to update ourselves",
        ),
    ),
    Service(
        key="software.app",
        kind="supplier",
        who="a software developer",
        providers=("software",),
        askers=(ANYONE, "investing", "health", "manufacturing", "hr", "finplan"),
        offers=(
            "custom software and internal tools that replace your spreadsheets",
            "I build mobile apps for iOS and Android, from prototype to app store",
            "a first version of your app for non-technical founders in about ten weeks",
            "partner|I join non-technical founders as a part-time technical partner",
        ),
        asks=(
            "a developer to build the first version of our app",
            "someone to replace our spreadsheets with a simple internal tool",
            "a software developer to build a client portal",
            "partner|a technical co-founder for a health app",
        ),
    ),
    Service(
        key="software.shop",
        kind="supplier",
        who="an e-commerce developer",
        providers=("software",),
        askers=("retail", "manufacturing", "hospitality", "print"),
        offers=(
            "online shops on Shopify, set up with payments and shipping",
            "I connect online shops to stock, accounting and delivery systems",
        ),
        asks=(
            "someone to set up our online shop",
            "a developer who knows Shopify and can connect our stock system",
            "help moving our shop online before the Christmas rush",
        ),
    ),
    Service(
        key="software.advice",
        kind="advice",
        who="a friendly techie",
        providers=("software",),
        askers=(ANYONE, "investing"),
        offers=(
            "an honest second opinion on a software quote or tech plan",
            "mentor|I mentor non-technical founders on hiring developers and scoping products",
        ),
        asks=(
            "someone technical to check a software quote we've been sent",
            "mentor|a technical mentor for a non-technical founder",
        ),
    ),
    Service(
        key="marketing.social",
        kind="supplier",
        who="a social media manager",
        providers=("marketing",),
        askers=(ANYONE, "hospitality", "retail", "health", "coaching", "realestate", "media"),
        offers=(
            "social media management for restaurants, shops and studios",
            "I run Instagram and LinkedIn accounts for small businesses",
            "a monthly social media plan with posts, photos and replies handled",
            "social media that brings in bookings, not just likes",
        ),
        asks=(
            "someone to run our Instagram, we post twice a year",
            "[hospitality] a social media manager for our restaurant",
            "help with LinkedIn posts that don't sound like an advert",
            "a social media person to grow our bookings",
        ),
    ),
    Service(
        key="marketing.seo",
        kind="supplier",
        who="an SEO specialist",
        providers=("marketing",),
        askers=(ANYONE, "software", "legal", "trades", "health", "retail"),
        offers=(
            "SEO and Google Business profiles for local businesses",
            "I get local firms found on Google: SEO audits and fixes",
            "search ads and SEO for service businesses",
        ),
        asks=(
            "someone who knows SEO, nobody finds us on Google",
            "help getting our firm onto the first page of Google",
            "an SEO audit for our new website",
        ),
    ),
    Service(
        key="marketing.plan",
        kind="supplier",
        who="a marketing consultant",
        providers=("marketing",),
        askers=(ANYONE, "manufacturing", "acct", "finplan", "coaching", "design"),
        offers=(
            "a marketing plan you can actually follow, for small B2B firms",
            "I help service businesses work out who they sell to and how",
            "launch marketing for new products: positioning, campaigns, email",
        ),
        asks=(
            "a marketing consultant to help us plan next year",
            "help working out our positioning and who to target",
            "someone to run the marketing for a product launch",
            "talent|a part-time marketing lead for a small B2B firm",
        ),
    ),
    Service(
        key="marketing.email",
        kind="supplier",
        who="an email marketer",
        providers=("marketing",),
        askers=("retail", "hospitality", "coaching"),
        offers=(
            "email newsletters people open: set-up, writing and sending",
            "I set up email marketing and automations for online shops",
        ),
        asks=(
            "someone to set up a newsletter for our customers",
            "help with email marketing for our online shop",
        ),
    ),
    Service(
        key="print.print",
        kind="supplier",
        who="a printer",
        providers=("print",),
        askers=(ANYONE, "hospitality", "realestate", "coaching", "marketing", "design", "retail"),
        offers=(
            "business cards, flyers, brochures and menus, printed fast",
            "short-run digital printing with next-day delivery",
            "printed brochures and reports on recycled paper",
        ),
        asks=(
            "[hospitality,design,marketing] a printer for menus and flyers",
            "someone who can print 500 brochures by Friday",
            "a local print shop for business cards and leaflets",
            "a printer that uses recycled paper",
        ),
    ),
    Service(
        key="print.signs",
        kind="supplier",
        who="a sign maker",
        providers=("print",),
        askers=("hospitality", "retail", "health", "realestate", "trades", "manufacturing"),
        offers=(
            "shop signs, window graphics and vehicle wraps",
            "I make and fit signage for shops, clinics and offices",
        ),
        asks=(
            "[retail,hospitality,realestate] a sign maker for our new shop front",
            "[health] someone to do window graphics and a sign for the clinic",
            "[trades,manufacturing] vehicle signwriting for our vans",
        ),
    ),
    Service(
        key="print.events",
        kind="supplier",
        who="an exhibition printer",
        providers=("print",),
        askers=(ANYONE, "coaching", "investing", "software", "media", "marketing"),
        offers=(
            "exhibition stands, pull-up banners and event printing",
            "branded merchandise: tote bags, mugs, notebooks",
        ),
        asks=(
            "pull-up banners and a stand for a trade show next month",
            "branded tote bags and notebooks for a conference",
            "someone to print signage for our event",
        ),
    ),
)

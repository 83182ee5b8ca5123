"""Design, photography and video, writing and translation: the people who make things look and
read right."""

from __future__ import annotations

from mensch.demo.schema import ANYONE, Industry, Service

INDUSTRIES: tuple[Industry, ...] = (
    Industry(
        key="design",
        label="Graphic & brand design",
        web_word="design",
        roles=(
            "a graphic designer",
            "a brand designer",
            "a packaging designer",
            "an illustrator",
            "a creative director",
        ),
        businesses=(
            "a small design studio",
            "a two-person branding studio",
            "a freelance design practice",
            "a packaging design studio",
        ),
        audiences=(
            "independent shops and cafés",
            "early-stage startups",
            "craft food and drink brands",
            "charities and community groups",
            "professional services firms",
        ),
        pitches=(
            "independent shops and cafés look as good as they actually are",
            "early-stage startups build a brand people remember",
            "craft food and drink brands get packaging that sells on the shelf",
            "professional services firms turn a messy identity into a clear one",
            "charities look consistent everywhere they show up",
        ),
        circle="agency owners and marketing managers",
        work=(
            "I design brand identities, packaging and print for small businesses.",
            "I run a small studio that does logos, brand guidelines and the odd book cover.",
            "I help companies that have outgrown their first logo work out what they want to look "
            "like.",
            "Most of my work is packaging and labels for food and drink brands.",
        ),
        details=(
            "I start every project by listening, because the brief is rarely the real problem.",
            "I work closely with printers and developers so nothing gets lost between design and "
            "delivery.",
            "I like clients who are a bit nervous about design; they usually get the best results.",
            "I trained in illustration, so a lot of my work is drawn by hand first.",
        ),
        hiring=(
            "a junior designer who knows their way around InDesign",
            "a freelance illustrator for a children's book project",
            "a middleweight designer for a six-month contract",
        ),
        freelance=(
            "I take on freelance design and illustration between studio projects",
            "available two days a week for freelance branding work",
        ),
        clients=(
            "small food and drink brands launching a product",
            "independent shops and cafés that care about design",
            "startups that need a brand before they raise money",
        ),
    ),
    Industry(
        key="media",
        label="Photography & video",
        web_word="studio",
        roles=(
            "a photographer",
            "a videographer",
            "a product photographer",
            "a video producer",
        ),
        businesses=(
            "a small photo and video studio",
            "a video production company",
            "a product photography studio",
        ),
        audiences=(
            "restaurants and hotels",
            "online shops",
            "event organisers",
            "professional firms",
            "estate agents",
        ),
        pitches=(
            "restaurants and hotels show what they do instead of telling people",
            "online shops get product photos that sell",
            "small companies tell their story in a two-minute film",
            "professional firms look professional on their website and LinkedIn",
        ),
        circle="event organisers and PR people",
        work=(
            "I photograph people, products and places for small businesses.",
            "I make short films for companies: customer stories, event highlights, explainers.",
            "I shoot products and food for online shops, menus and delivery apps.",
            "I run a small studio with a cyclorama wall, and I shoot on location too.",
        ),
        details=(
            "I spend as long planning a shoot as I do on the shoot itself.",
            "Most of my clients come back every season, which tells me more than any review.",
            "I try to make people who hate being photographed forget the camera is there.",
            "I started out as a press photographer, so I'm used to tight deadlines.",
        ),
        hiring=(
            "a second shooter for weddings and events",
            "a video editor who can turn footage around quickly",
        ),
        freelance=("freelance camera operator, available for event and corporate shoots",),
        clients=(
            "restaurants and hotels that need new photos",
            "companies planning events this year",
            "online shops with weak product photos",
        ),
    ),
    Industry(
        key="writing",
        label="Writing & translation",
        web_word="words",
        roles=("a copywriter", "a translator", "an editor", "a content writer"),
        businesses=(
            "a small translation agency",
            "a copywriting studio",
            "a freelance writing practice",
        ),
        audiences=(
            "businesses selling abroad",
            "tech companies",
            "charities",
            "B2B firms",
            "publishers",
        ),
        pitches=(
            "tech companies say what they do in words people understand",
            "businesses selling abroad sound local in every language",
            "B2B firms finally finish their website copy",
            "charities write funding bids that get read",
        ),
        circle="editors, journalists and publishers",
        work=(
            "I write website copy, case studies and newsletters for B2B firms.",
            "I translate websites, contracts and product pages, mostly between English, French and "
            "German.",
            "I edit reports, funding bids and the occasional book.",
            "I help companies explain what they do in words their customers actually use.",
        ),
        details=(
            "I interview clients' customers before I write a word, and it shows.",
            "I was a journalist for eight years, so I'm fast and I don't miss deadlines.",
            "I work with a small network of translators for languages I don't cover.",
            "I believe most websites would be better at half the length.",
        ),
        hiring=(
            "a junior copywriter who can write about technical things",
            "a German translator for a long-term project",
        ),
        freelance=("freelance copywriting and editing, usually with a week's notice",),
        clients=(
            "tech companies whose website nobody understands",
            "firms expanding into France and Germany",
            "charities writing funding bids",
        ),
    ),
)

SERVICES: tuple[Service, ...] = (
    Service(
        key="design.brand",
        kind="supplier",
        who="a brand designer",
        providers=("design",),
        askers=(
            ANYONE,
            "acct",
            "legal",
            "finplan",
            "coaching",
            "hospitality",
            "retail",
            "health",
            "software",
            "trades",
        ),
        offers=(
            "brand identity design: logo, colours, type and a simple guide",
            "I design logos and brand identities for small businesses",
            "a brand refresh for companies that have outgrown their first logo",
            "visual identity work, from a new logo to business cards and signage",
            "brand strategy and identity for startups before launch",
        ),
        asks=(
            "a designer to refresh our brand identity",
            "[acct,legal,finplan,health,coaching] someone to design a proper logo for the practice",
            "a graphic designer, our brand looks homemade",
            "help with a new logo and brand colours before we launch",
            "a brand designer who works with small businesses on a budget",
        ),
    ),
    Service(
        key="design.print",
        kind="supplier",
        who="a graphic designer",
        providers=("design",),
        askers=(ANYONE, "hospitality", "retail", "realestate", "coaching", "health"),
        offers=(
            "menus, flyers, brochures and event posters, designed and print-ready",
            "I design brochures, reports and pitch decks that people actually read",
            "print-ready artwork for leaflets, signs and packaging",
        ),
        asks=(
            "[hospitality] a graphic designer for our menus and flyers",
            "someone to design a brochure for our services",
            "help making our pitch deck look professional",
            "a designer who can turn our price list into a decent leaflet",
        ),
    ),
    Service(
        key="design.packaging",
        kind="supplier",
        who="a packaging designer",
        providers=("design",),
        askers=("manufacturing", "retail", "hospitality"),
        offers=(
            "packaging design for food, drink and beauty products",
            "I design labels and packaging that stand out on a crowded shelf",
        ),
        asks=(
            "a packaging designer for our new product range",
            "someone to redesign our labels before the retail launch",
            "help with packaging design that works on supermarket shelves",
        ),
    ),
    Service(
        key="design.partner",
        kind="partner",
        who="a design partner",
        providers=("design",),
        askers=("software", "marketing", "print"),
        offers=(
            "I partner with developers and agencies on the design side of client projects",
            "overflow design work for agencies, under your name if you prefer",
        ),
        asks=(
            "a designer to partner with on client websites",
            "a design studio that takes overflow work from our agency",
        ),
    ),
    Service(
        key="media.headshots",
        kind="supplier",
        who="a photographer",
        providers=("media",),
        askers=(ANYONE, "legal", "coaching", "finplan", "realestate", "acct", "hr"),
        offers=(
            "headshots and team photos for websites and LinkedIn",
            "I photograph people at work for company websites",
            "brand photography that shows your team and your space",
        ),
        asks=(
            "a photographer for new team headshots",
            "someone to take decent photos of our team for the website",
            "a photographer, my LinkedIn photo is from 2012",
        ),
    ),
    Service(
        key="media.product",
        kind="supplier",
        who="a product photographer",
        providers=("media",),
        askers=("retail", "manufacturing", "hospitality", "print"),
        offers=(
            "product photography for online shops, white background or styled",
            "food and drink photography for menus, delivery apps and websites",
        ),
        asks=(
            "a product photographer for our online shop",
            "[hospitality] someone to photograph our dishes for the new menu and delivery apps",
            "photos of our products that look good on marketplaces",
        ),
    ),
    Service(
        key="media.video",
        kind="supplier",
        who="a videographer",
        providers=("media",),
        askers=(ANYONE, "marketing", "software", "coaching", "health", "investing"),
        offers=(
            "short brand films and customer story videos",
            "event filming with a highlights video the next day",
            "I make explainer and testimonial videos for small companies",
        ),
        asks=(
            "a videographer for a short film about our company",
            "someone to film our conference and cut a highlights video",
            "a video producer for customer testimonial videos",
        ),
    ),
    Service(
        key="media.property",
        kind="supplier",
        who="a property photographer",
        providers=("media",),
        askers=("realestate", "hospitality"),
        offers=(
            "property photography, floor plans and drone shots for agents and hotels",
            "I photograph homes, hotels and offices, with drone shots and floor plans",
        ),
        asks=("a property photographer who can do drone shots and floor plans",),
    ),
    Service(
        key="writing.copy",
        kind="supplier",
        who="a copywriter",
        providers=("writing",),
        askers=(
            ANYONE,
            "software",
            "design",
            "marketing",
            "coaching",
            "legal",
            "finplan",
        ),
        offers=(
            "website copy that says what you do in plain words",
            "I write case studies, blog posts and newsletters for B2B firms",
            "copywriting for websites, brochures and product pages",
        ),
        asks=(
            "a copywriter for our new website",
            "someone to write case studies from our client projects",
            "help with the words on our website, it's full of jargon",
        ),
    ),
    Service(
        key="writing.translation",
        kind="supplier",
        who="a translator",
        providers=("writing",),
        askers=(ANYONE, "manufacturing", "retail", "legal", "software", "hospitality"),
        offers=(
            "French, German and Spanish translation for websites and product pages",
            "I translate contracts and technical documents between German and English",
            "menu and website translation for hotels and restaurants",
            "translation and localisation for companies selling abroad",
        ),
        asks=(
            "someone to translate our website into German",
            "a translator for a French contract",
            "help translating our product pages into Spanish and Italian",
            "[hospitality] a translator who can localise our menu for tourists",
        ),
    ),
    Service(
        key="writing.editing",
        kind="supplier",
        who="an editor",
        providers=("writing",),
        askers=(ANYONE, "coaching", "investing", "health"),
        offers=(
            "editing and proofreading for reports, books and funding bids",
            "I edit grant applications and annual reports",
        ),
        asks=(
            "an editor for a book I'm writing about my industry",
            "someone to proofread our funding bid",
            "a proofreader for our annual report",
        ),
    ),
)

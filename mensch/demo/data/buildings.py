"""Real estate, construction and manufacturing: buildings, and what is made and moved in them."""

from __future__ import annotations

from mensch.demo.schema import ANYONE, Industry, Service

INDUSTRIES: tuple[Industry, ...] = (
    Industry(
        key="realestate",
        label="Real estate",
        web_word="property",
        roles=(
            "an estate agent",
            "a commercial property agent",
            "a letting agent",
            "a property manager",
        ),
        businesses=(
            "an independent estate agency",
            "a commercial property agency",
            "a small lettings business",
            "a property management company",
        ),
        audiences=(
            "small businesses looking for premises",
            "landlords",
            "first-time buyers",
            "restaurants and retailers",
            "growing startups",
        ),
        pitches=(
            "small businesses find premises without the runaround",
            "landlords let their flats without the headaches",
            "first-time buyers buy with honest advice",
            "restaurants and retailers find the right site on the right street",
        ),
        circle="landlords, developers and commercial agents",
        work=(
            "I find offices, shops and workshops for small businesses and negotiate the leases.",
            "I manage rental flats for landlords who'd rather not take calls about boilers.",
            "I sell homes, mostly for families moving within the city.",
            "I look after a portfolio of small commercial buildings and their tenants.",
        ),
        details=(
            "I'd rather lose a sale than oversell a place.",
            "I know most of the landlords on the high street, which helps when space comes up.",
            "I grew up here and have watched every street change.",
            "I work with a small group of builders and lawyers I trust and recommend.",
        ),
        hiring=(
            "a lettings negotiator who likes people more than paperwork",
            "a property manager with experience of commercial buildings",
        ),
        freelance=("freelance viewings and inventories for agents who are stretched",),
        clients=(
            "businesses outgrowing their first office",
            "landlords with a handful of flats",
            "restaurants looking for a new site",
        ),
    ),
    Industry(
        key="trades",
        label="Construction & trades",
        web_word="build",
        roles=(
            "an electrician",
            "a builder",
            "a plumber",
            "a joiner",
            "a site manager",
            "a shopfitter",
        ),
        businesses=(
            "a small building firm",
            "an electrical contracting business",
            "a shopfitting company",
            "a plumbing and heating firm",
        ),
        audiences=(
            "homeowners",
            "shops and restaurants",
            "landlords",
            "offices",
            "property developers",
        ),
        pitches=(
            "shops and restaurants get fitted out on time and on budget",
            "homeowners renovate without moving out for a year",
            "landlords keep their buildings safe and warm",
            "property developers get building work done without drama",
        ),
        circle="builders, architects and site managers",
        work=(
            "I run a small building firm that fits out shops, restaurants and offices.",
            "I'm an electrician; most of my work is for landlords, shops and small offices.",
            "We do plumbing, heating and boiler servicing for homes and businesses.",
            "I make counters, shelving and fitted furniture in our own joinery workshop.",
        ),
        details=(
            "We turn up when we say we will, which is apparently rare.",
            "I send photos at the end of each day so clients know where things stand.",
            "I did my apprenticeship here and now I train apprentices myself.",
            "Most of our work comes from architects and agents who've used us before.",
        ),
        hiring=(
            "an apprentice electrician",
            "a site manager for a six-month project",
            "a qualified plumber to join the team",
        ),
        freelance=("subcontract electrical work for builders who need an extra pair of hands",),
        clients=(
            "shops and restaurants planning a refit",
            "landlords with several properties to maintain",
            "developers who want a dependable subcontractor",
        ),
    ),
    Industry(
        key="manufacturing",
        label="Manufacturing & distribution",
        web_word="make",
        roles=(
            "a manufacturer",
            "an operations manager",
            "a wholesaler",
            "a logistics manager",
        ),
        businesses=(
            "a small manufacturing company",
            "a packaging manufacturer",
            "a food production business",
            "a distribution company",
            "a contract manufacturing business",
        ),
        audiences=(
            "brands launching physical products",
            "online shops",
            "restaurants and caterers",
            "independent retailers",
            "makers scaling up",
        ),
        pitches=(
            "brands launching physical products make them at scale without losing quality",
            "online shops get orders onto doorsteps on time",
            "restaurants and caterers switch to packaging that isn't plastic",
            "independent retailers stop running out of stock",
        ),
        circle="manufacturers, wholesalers and retail buyers",
        work=(
            "We make food and cosmetics in small batches for brands that have outgrown their "
            "kitchen.",
            "I run a packaging company making compostable cups, boxes and takeaway containers.",
            "We store and ship orders for online shops and deliver to retailers across the region.",
            "I run operations at a family manufacturing business that makes parts for other "
            "factories.",
        ),
        details=(
            "Our minimum runs are small on purpose, because that's where new brands start.",
            "We moved the whole factory to renewable power last year.",
            "I started on the production line and ended up running the place.",
            "We're known for telling customers early when something will be late.",
        ),
        hiring=(
            "a production supervisor for the night shift",
            "warehouse staff and drivers for the busy season",
        ),
        freelance=("interim operations manager, available for three- to six-month projects",),
        clients=(
            "brands ready to move production out of their kitchen",
            "online shops that need fulfilment",
            "cafés and caterers buying takeaway packaging",
        ),
    ),
)

SERVICES: tuple[Service, ...] = (
    Service(
        key="realestate.premises",
        kind="supplier",
        who="a commercial property agent",
        providers=("realestate",),
        askers=("hospitality", "retail", "health", "manufacturing", "software", "trades"),
        offers=(
            "I find office, shop and studio space for small businesses",
            "commercial property search: shops, restaurants and workshops",
            "help negotiating a lease on your first office or shop",
        ),
        asks=(
            "a commercial agent to help us find a bigger office",
            "[hospitality] someone who knows the property market for restaurant premises",
            "[manufacturing,trades,software] help finding a small workshop or studio space to rent",
            "[retail,hospitality,health] a property agent, we need a shop on a busy street",
        ),
    ),
    Service(
        key="realestate.lettings",
        kind="supplier",
        who="a letting agent",
        providers=("realestate",),
        askers=(ANYONE, "finplan"),
        offers=(
            "lettings and property management for landlords",
            "I manage rental flats: tenants, repairs, deposits, the lot",
        ),
        asks=(
            "a letting agent to manage my two rental flats",
            "someone reliable to manage our rental property while we're abroad",
        ),
    ),
    Service(
        key="realestate.sales",
        kind="supplier",
        who="an estate agent",
        providers=("realestate",),
        askers=(ANYONE, "finplan", "legal"),
        offers=(
            "honest house valuations and sales with no hard sell",
            "I help families sell and buy homes in the city",
        ),
        asks=(
            "an honest valuation of our house before we sell",
            "an estate agent who won't oversell our flat",
        ),
    ),
    Service(
        key="trades.fitout",
        kind="supplier",
        who="a shopfitter",
        providers=("trades",),
        askers=(ANYONE, "hospitality", "retail", "health", "realestate", "software"),
        offers=(
            "shop and restaurant fit-outs, from strip-out to opening day",
            "I fit out offices, studios and clinics",
            "joinery, counters and shelving made to measure",
        ),
        asks=(
            "[hospitality] a builder to fit out our new restaurant",
            "someone to refurbish our office over the summer",
            "[retail,hospitality] a joiner for made-to-measure shelving and a shop counter",
            "[health] a contractor for a clinic fit-out",
        ),
    ),
    Service(
        key="trades.electrical",
        kind="supplier",
        who="an electrician",
        providers=("trades",),
        askers=(ANYONE, "realestate", "hospitality", "manufacturing"),
        offers=(
            "electrical work, safety certificates and EV chargers",
            "I handle electrical safety checks for landlords and shops",
        ),
        asks=(
            "an electrician for safety certificates on our rental flats",
            "someone to install EV chargers at our office",
        ),
    ),
    Service(
        key="trades.repairs",
        kind="supplier",
        who="a reliable tradesperson",
        providers=("trades",),
        askers=(ANYONE, "realestate", "hospitality", "retail", "health"),
        offers=(
            "planned maintenance and quick repairs for shops and rental properties",
            "plumbing, heating and boiler servicing for landlords and businesses",
        ),
        asks=(
            "a reliable plumber for our rental properties",
            "[hospitality] someone for maintenance and small repairs around the café",
            "a handyman we can call when something breaks",
        ),
    ),
    Service(
        key="manufacturing.contract",
        kind="supplier",
        who="a manufacturer",
        providers=("manufacturing",),
        askers=(ANYONE, "retail", "hospitality", "health", "design"),
        offers=(
            "contract manufacturing for small-batch food and cosmetics",
            "I make products for brands that have outgrown their kitchen table",
            "small production runs, from 500 units",
        ),
        asks=(
            "a manufacturer for a small production run of our product",
            "[hospitality,retail] someone who can make our sauces at scale",
            "[health,retail] a contract manufacturer for natural cosmetics",
        ),
    ),
    Service(
        key="manufacturing.packaging",
        kind="supplier",
        who="a packaging supplier",
        providers=("manufacturing",),
        askers=("hospitality", "retail", "print", "design"),
        offers=(
            "compostable takeaway packaging and cups",
            "custom boxes and eco-friendly packaging in small quantities",
        ),
        asks=(
            "[hospitality] a supplier of compostable takeaway packaging",
            "custom printed boxes for our products, small quantities",
            "eco-friendly packaging that doesn't cost a fortune",
        ),
    ),
    Service(
        key="manufacturing.logistics",
        kind="supplier",
        who="a logistics partner",
        providers=("manufacturing",),
        askers=("retail", "manufacturing", "print", "hospitality"),
        offers=(
            "warehousing, pick and pack and next-day delivery for online shops",
            "partner|I handle distribution to shops and wholesalers across the region",
        ),
        asks=(
            "someone to store and ship our online orders",
            "partner|a distribution partner to get our products into shops",
            "a warehouse and fulfilment service for a growing online shop",
        ),
    ),
)

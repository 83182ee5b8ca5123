"""Hospitality, health and retail: the businesses on the high street."""

from __future__ import annotations

from mensch.demo.schema import ANYONE, Industry, Service

INDUSTRIES: tuple[Industry, ...] = (
    Industry(
        key="hospitality",
        label="Hospitality & catering",
        web_word="kitchen",
        roles=(
            "a restaurant owner",
            "a caterer",
            "a café owner",
            "a hotel manager",
            "a chef",
        ),
        businesses=(
            "a neighbourhood restaurant",
            "a catering company",
            "a small café and bakery",
            "a boutique hotel",
            "a street food business",
        ),
        audiences=(
            "office teams",
            "wedding couples",
            "event organisers",
            "locals and visitors",
            "companies hosting clients",
        ),
        pitches=(
            "office teams eat well without any of the stress",
            "companies hosting clients turn an ordinary meeting into a good lunch",
            "wedding couples celebrate properly",
            "event organisers host guests somewhere they'll remember",
        ),
        circle="restaurant, café and hotel owners",
        work=(
            "I run a neighbourhood restaurant with forty covers and a private room upstairs.",
            "We cater office lunches, launches and weddings, from twenty to two hundred people.",
            "I own a café and bakery, and we do breakfast meetings for local businesses.",
            "I manage a small hotel with a busy bar and a meeting room nobody knows about.",
        ),
        details=(
            "We buy from farms within an hour of the kitchen wherever we can.",
            "Our menus change every season and always have proper vegan options.",
            "I trained as a chef and moved into running the business side.",
            "Half our bookings come from people who ate with us once at someone else's event.",
        ),
        hiring=(
            "an experienced chef for our new kitchen",
            "front of house staff for weekends",
            "a sous chef who can run the pass",
        ),
        freelance=("freelance chef for pop-ups, private dinners and kitchen cover",),
        clients=(
            "companies that host client events",
            "wedding couples looking for a relaxed caterer",
            "offices that want better lunches",
        ),
        weight=1.2,
    ),
    Industry(
        key="health",
        label="Healthcare & wellness",
        web_word="clinic",
        roles=(
            "a physiotherapist",
            "a nutritionist",
            "a psychotherapist",
            "an occupational health nurse",
            "a yoga teacher",
        ),
        businesses=(
            "a physiotherapy clinic",
            "a small private clinic",
            "a wellness studio",
            "an occupational health practice",
        ),
        audiences=(
            "desk workers",
            "office teams",
            "runners and weekend athletes",
            "people recovering from injury",
            "busy founders",
        ),
        pitches=(
            "desk workers move without pain",
            "office teams stay healthy at work",
            "runners and weekend athletes recover properly after an injury",
            "busy founders eat and sleep better",
        ),
        circle="clinic owners, GPs and physiotherapists",
        work=(
            "I run a physiotherapy clinic treating back, neck and sports injuries.",
            "I work with employers on staff wellbeing: desk set-ups, stress and sleep.",
            "I'm a nutritionist working with busy people who skip lunch and live on coffee.",
            "I provide occupational health support to small employers who have no one in-house.",
        ),
        details=(
            "I see a lot of desk workers, so I'm evangelical about getting up every hour.",
            "Most of my clients come through GP and employer referrals.",
            "I trained in the public health service before opening my own practice.",
            "I'd rather teach people to look after themselves than see them every week.",
        ),
        hiring=(
            "a receptionist for a busy clinic",
            "a physiotherapist to join the clinic two days a week",
        ),
        freelance=("locum physiotherapy cover for clinics",),
        clients=(
            "employers who want healthier teams",
            "local businesses with staff on their feet all day",
            "runners and cyclists in the area",
        ),
    ),
    Industry(
        key="retail",
        label="Retail & e-commerce",
        web_word="shop",
        roles=(
            "a shop owner",
            "an online seller",
            "an e-commerce founder",
            "a retail buyer",
        ),
        businesses=(
            "an independent gift shop",
            "an online homeware shop",
            "a small fashion label",
            "a zero-waste grocery",
            "a bookshop and café",
        ),
        audiences=(
            "locals who like to shop independent",
            "gift buyers",
            "people who care where things come from",
            "families furnishing a first home",
        ),
        pitches=(
            "locals who like to shop independent find things they won't see everywhere",
            "gift buyers buy well-made things from small makers",
            "families furnishing a first home shop without the plastic",
            "local makers get onto a real shop shelf",
        ),
        circle="shop owners and market traders",
        work=(
            "I run an independent shop selling work by local makers, online and on the high "
            "street.",
            "I sell homeware online and ship across the country from a small unit.",
            "We run a zero-waste grocery and a refill van that visits three markets a week.",
            "I buy for a group of independent shops and I'm always looking for new makers.",
        ),
        details=(
            "About half our sales are online now, which still surprises me.",
            "I used to work in head office for a big chain and wanted to do it properly.",
            "I'm happiest when a customer comes back to tell me how a gift went down.",
            "We stock very few things, on purpose, and we know the maker of each one.",
        ),
        hiring=(
            "weekend sales assistants who love talking to customers",
            "a shop manager for our second branch",
        ),
        freelance=("freelance visual merchandising and window displays",),
        clients=(
            "companies buying client gifts in bulk",
            "makers who want to sell through our shop",
            "locals looking for gifts that aren't from a chain",
        ),
    ),
)

SERVICES: tuple[Service, ...] = (
    Service(
        key="hospitality.catering",
        kind="supplier",
        who="a caterer",
        providers=("hospitality",),
        askers=(ANYONE, "coaching", "hr", "investing", "software", "legal", "realestate"),
        offers=(
            "catering for office lunches, launches and team events",
            "I cater events from 20 to 200 people, vegan and halal menus included",
            "breakfast and lunch catering for workshops and training days",
        ),
        asks=(
            "a caterer for our product launch, about 80 people",
            "someone to cater our monthly team lunch",
            "catering for a two-day training course",
            "a caterer who does good vegan food for an event",
        ),
    ),
    Service(
        key="hospitality.venue",
        kind="resource",
        who="a venue",
        providers=("hospitality",),
        askers=(ANYONE, "coaching", "investing", "media"),
        offers=(
            "our private dining room for meetings and small events",
            "a venue for networking evenings and launches, up to 60 people",
            "a quiet corner of the café for morning meetings, coffee on us",
        ),
        asks=(
            "a venue for a small launch event",
            "a private room for a breakfast meeting of twelve",
            "somewhere to hold a monthly networking evening",
        ),
    ),
    Service(
        key="hospitality.gifts",
        kind="supplier",
        who="a food supplier",
        providers=("hospitality",),
        askers=(ANYONE, "realestate", "legal", "finplan"),
        offers=(
            "Christmas hampers and client gifts from local producers",
            "client gift boxes of local cheese, chocolate and wine, delivered",
            "I put together gift hampers for firms who want to thank their clients",
        ),
        asks=(
            "client gifts for Christmas that aren't another bottle of wine",
            "gift hampers to thank our best clients this year",
        ),
    ),
    Service(
        key="health.workplace",
        kind="supplier",
        who="a workplace wellbeing provider",
        providers=("health",),
        askers=(ANYONE, "hr", "software", "legal", "acct", "finplan"),
        offers=(
            "workplace wellbeing sessions: posture, stress and sleep",
            "I run desk assessments and back-care workshops for office teams",
            "occupational health support for small employers",
        ),
        asks=(
            "someone to run wellbeing sessions for our team",
            "a physio who does desk assessments for office staff",
            "occupational health advice for a colleague on long-term sick leave",
        ),
    ),
    Service(
        key="health.personal",
        kind="supplier",
        who="a physiotherapist",
        providers=("health",),
        askers=(ANYONE,),
        offers=(
            "physiotherapy for back, neck and sports injuries",
            "nutrition advice for busy people who skip lunch",
        ),
        asks=(
            "a good physio for a back problem that won't go away",
            "advice|advice on eating properly when I'm travelling for work",
        ),
    ),
    Service(
        key="retail.stockist",
        kind="opportunity",
        who="a stockist",
        providers=("retail",),
        askers=("manufacturing", "design", "print", "hospitality"),
        offers=(
            "shelf space for local makers on a sale-or-return basis",
            "a stall at our Christmas market for local producers",
        ),
        asks=(
            "shops that will stock our products",
            "a stockist for our handmade products",
            "a Christmas market stall to sell our products",
        ),
    ),
    Service(
        key="retail.advice",
        kind="advice",
        who="someone who has run a shop",
        providers=("retail",),
        askers=(ANYONE, "hospitality", "manufacturing"),
        offers=(
            "advice on selling online and in a shop, from someone who does both",
            "I'm happy to share what works in our shop windows and displays",
        ),
        asks=(
            "advice from a shop owner on getting our products into retail",
            "someone who knows e-commerce to look at our online shop",
        ),
    ),
    Service(
        key="retail.popup",
        kind="resource",
        who="a pop-up space",
        providers=("retail",),
        askers=(ANYONE, "design", "media", "health", "coaching"),
        offers=(
            "space in our shop for pop-up events and workshops",
            "our shop floor after hours for launches, pop-ups and workshops",
        ),
        asks=("a shop space for a pop-up weekend", "somewhere to run a weekend workshop"),
    ),
)

"""A small hand-made concept map for the lexical model.

Asks and offers rarely use the same words ("keep my studio's books" is met by
"bookkeeping"). Every word or phrase below, once stemmed, also emits its concept
token, so two texts about the same need share a feature even when they share no
word. Groups are deliberately broad: TF-IDF keeps generic concepts cheap.
"""

from __future__ import annotations

# concept -> comma-separated words and phrases that signal it.
_SIGNALS: dict[str, str] = {
    "bookkeeping": (
        "bookkeeping, bookkeeper, books, ledger, ledgers, accounts, accounting, accountant, "
        "accountancy, invoices, invoicing, receipts, expenses, reconciliation, payroll, vat, "
        "tax, taxes, returns, year-end, financials, cashflow, cash flow, xero, quickbooks, "
        "sage, cfo, paperwork, admin, finances"
    ),
    "brand": (
        "brand, branding, identity, logo, logos, graphic, graphics, typography, packaging, "
        "visual, visuals, illustration, illustrator, look and feel, rebrand, stationery"
    ),
    "web": (
        "website, websites, web, site, wordpress, shopify, webflow, squarespace, landing "
        "page, online shop, webshop, ecommerce, e-commerce, online store"
    ),
    "software": (
        "developer, developers, software, app, apps, code, coding, programmer, programming, "
        "engineer, engineering, mvp, saas, backend, frontend, full-stack, fullstack, python, "
        "javascript, api, apis, automation, automate, tech, technical, cto"
    ),
    "marketing": (
        "marketing, marketer, campaign, campaigns, ads, advertising, seo, sem, growth, lead "
        "generation, promotion, promote, visibility, audience, funnel, newsletter, email "
        "marketing"
    ),
    "social": (
        "social media, instagram, tiktok, facebook, linkedin, youtube, influencer, "
        "influencers, followers, posts, posting, reels, community management, pinterest"
    ),
    "writing": (
        "copywriting, copywriter, copy, writer, writing, words, blog, blogs, articles, "
        "editing, editor, proofreading, content, ghostwriting, storytelling, texts"
    ),
    "photo": (
        "photographer, photography, photos, photo, headshots, headshot, portraits, portrait, "
        "shoot, camera, pictures, product shots"
    ),
    "video": (
        "video, videos, videographer, film, filming, filmmaker, animation, motion, footage, "
        "podcast, podcasts"
    ),
    "legal": (
        "lawyer, lawyers, attorney, legal, law, contract, contracts, solicitor, counsel, "
        "trademark, trademarks, patent, patents, ip, compliance, gdpr, terms and conditions, "
        "licensing, incorporation, disputes"
    ),
    "funding": (
        "investor, investors, investment, invest, funding, fund, capital, seed, angel, "
        "angels, raise, raising, vc, venture, equity, pre-seed, backing, financing, loan, "
        "grant, grants, cheque, check size"
    ),
    "hiring": (
        "hire, hiring, recruit, recruiting, recruiter, recruitment, talent, candidates, "
        "staff, staffing, employee, employees, junior, intern, interns, headhunter, team "
        "members, freelancers, workers, receptionists, waiters, attendants, temps, "
        "temporary workers, apprentice, apprentices"
    ),
    "mentoring": (
        "mentor, mentoring, mentorship, coach, coaching, guidance, advisor, adviser, sounding "
        "board, advice, experience, been there"
    ),
    "sales": (
        "sales, sell, selling, salesperson, pipeline, business development, deals, b2b, "
        "prospects, prospecting, distribution, distributor, distributors, resellers, "
        "retailers, stockists, wholesale, buyers"
    ),
    "space": (
        "office, desk, desks, coworking, co-working, workspace, space, rent, renting, lease, "
        "premises, property, real estate, venue, venues, warehouse space, by the hour"
    ),
    "events": (
        "event, events, conference, conferences, meetup, meetups, workshop, workshops, "
        "speaker, speakers, speaking, panel, stage, catering"
    ),
    "translation": (
        "translation, translator, translate, translating, localisation, localization, "
        "interpreter, languages, multilingual"
    ),
    "itsupport": (
        "itsupport, computers, laptops, cybersecurity, security, backups, "
        "backup, servers, helpdesk, cloud, email setup, hardware"
    ),
    "hr": (
        "hr, human resources, onboarding, employment, people operations, policies, handbook, "
        "culture, retention"
    ),
    "logistics": (
        "shipping, delivery, deliveries, logistics, courier, freight, fulfilment, "
        "fulfillment, transport, import, export, customs"
    ),
    "print": ("print, printing, printer, flyers, brochures, signage, banners, merch, merchandise"),
    "strategy": (
        "strategy, strategic, consultant, consulting, business plan, roadmap, "
        "go-to-market, positioning, pricing"
    ),
    "data": (
        "data, analytics, analysis, dashboard, dashboards, reporting, statistics, metrics, "
        "insights, machine learning, ai"
    ),
    "ux": (
        "ux, ui, user experience, usability, interface, wireframes, prototype, prototypes, "
        "user research, product design"
    ),
    "press": (
        "pr, press, journalist, journalists, media coverage, publicity, press release, public "
        "relations, reporters"
    ),
    "insurance": ("insurance, insurer, cover, liability, indemnity, policy"),
    "food": ("catering, caterer, chef, food, restaurant, bakery, coffee, menu, kitchen"),
    "wellbeing": (
        "wellness, wellbeing, fitness, therapy, therapist, nutrition, yoga, health, burnout, "
        "stress, mental health"
    ),
    "manufacturing": (
        "manufacturing, manufacturer, factory, production, supplier, suppliers, sourcing, "
        "materials, fabrication, workshop space"
    ),
    "sustainability": (
        "sustainability, sustainable, green, carbon, climate, renewable, solar, energy, esg, "
        "circular"
    ),
    "accommodation": (
        "accommodation, rooms, room, hotel, hotels, stay, stays, apartment, apartments, "
        "lodging, guest, guests, places to stay, bed and breakfast, hostel, long-stay"
    ),
    "scheduling": (
        "booking, bookings, appointment, appointments, scheduling, schedule, calendar, "
        "reminders, reservations, rota, rotas"
    ),
    "medical": (
        "medical, doctor, doctors, physician, physicians, gp, clinic, clinics, clinical, "
        "patients, patient, nurse, nurses, health-tech, healthcare, telemedicine"
    ),
    "property": (
        "landlord, landlords, property developers, homes, housing, housebuilders, lettings, "
        "letting, flats, buy-to-let, estate agent, portfolio owners"
    ),
    "crafts": (
        "pottery, potter, ceramics, ceramicist, ceramicists, kiln, furnace, firing, fire, "
        "glaze, woodwork, carpentry, handmade, maker, makers"
    ),
    "introductions": (
        "introduction, introductions, intro, intros, connect, connections, network, contacts, "
        "referral, referrals"
    ),
}

CONCEPTS: dict[str, tuple[str, ...]] = {
    concept: tuple(s.strip() for s in signals.split(",") if s.strip())
    for concept, signals in _SIGNALS.items()
}

# Context that changes what an ambiguous word signals: (word, context words, concept
# it signals instead). "I take care of your Instagram accounts" is not bookkeeping,
# and neither is "publish their books".
CONTEXT_OVERRIDES: tuple[tuple[str, frozenset[str], str], ...] = (
    (
        "accounts",
        frozenset(
            {"instagram", "tiktok", "facebook", "linkedin", "youtube", "social", "twitter"}
            | {"pinterest", "followers", "posts"}
        ),
        "social",
    ),
    (
        "developers",
        frozenset({"landlord", "landlords", "property", "agents", "architects", "builders"})
        | frozenset({"housebuilders", "homes", "housing", "estate", "commercial", "site"}),
        "property",
    ),
    (
        "books",
        frozenset({"publish", "publishing", "author", "authors", "novel", "write", "writing"})
        | frozenset({"read", "reading", "library", "bookshop", "editor", "print", "cover"}),
        "writing",
    ),
)

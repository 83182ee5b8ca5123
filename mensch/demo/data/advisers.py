"""Legal, coaching and HR: the people who help a business with its people and its promises."""

from __future__ import annotations

from mensch.demo.schema import ANYONE, Industry, Service

INDUSTRIES: tuple[Industry, ...] = (
    Industry(
        key="legal",
        label="Legal services",
        web_word="law",
        roles=(
            "a business lawyer",
            "a solicitor",
            "a contracts lawyer",
            "an employment lawyer",
            "an intellectual property lawyer",
        ),
        businesses=(
            "a small law firm",
            "a two-partner law practice",
            "a legal practice for startups",
            "an employment law firm",
        ),
        audiences=(
            "small businesses",
            "founders",
            "creative freelancers",
            "employers",
            "landlords",
        ),
        pitches=(
            "small businesses sign contracts they actually understand",
            "creative freelancers protect their name and their ideas",
            "employers sort out staff problems before they become claims",
            "founders set up properly from day one",
        ),
        circle="business lawyers and notaries",
        work=(
            "I draft and review contracts for small businesses and freelancers, at fixed fees.",
            "I advise employers on contracts, disciplinaries and the conversations nobody wants "
            "to have.",
            "I help founders with company set-up, shareholder agreements and their first "
            "investment round.",
            "I protect creative work: trademarks, copyright and licensing deals.",
        ),
        details=(
            "I quote a fixed fee up front, because nobody likes a surprise invoice from a lawyer.",
            "I write in plain English and I'll tell you when you don't need a lawyer at all.",
            "I spent years at a large firm before setting up on my own.",
            "Many clients first call me with a small question; I try to answer it quickly.",
        ),
        hiring=(
            "a paralegal who is organised and calm under pressure",
            "a trainee solicitor interested in employment law",
        ),
        freelance=("freelance legal support for firms with a backlog of contract work",),
        clients=(
            "founders who need contracts sorted before they grow",
            "employers with ten to a hundred staff",
            "creative businesses that need their IP protected",
        ),
    ),
    Industry(
        key="coaching",
        label="Coaching & training",
        web_word="coaching",
        roles=(
            "a business coach",
            "a leadership coach",
            "a trainer",
            "a public speaking coach",
            "a sales trainer",
        ),
        businesses=(
            "a small coaching practice",
            "a training company",
            "a leadership development consultancy",
        ),
        audiences=(
            "new managers",
            "founders",
            "small teams",
            "people who hate networking",
            "sales teams",
        ),
        pitches=(
            "new managers lead their teams with confidence",
            "founders speak in public without dreading it",
            "sales teams sell without feeling pushy",
            "people who hate networking walk into a room with a plan",
        ),
        circle="HR directors and team leads",
        work=(
            "I coach founders and new managers through growth, hiring and hard conversations.",
            "I run workshops on feedback, delegation and presenting for small teams.",
            "I help people prepare for big talks and investor pitches.",
            "I train sales teams who are brilliant at the work and awkward at selling it.",
        ),
        details=(
            "I was a manager for fifteen years before I started coaching, so I've made the "
            "mistakes myself.",
            "Most of my work comes from people my clients have sent to me.",
            "I keep groups small so everybody gets to practise, not just listen.",
            "I measure what changes afterwards, not how people rated the day.",
        ),
        hiring=(
            "an associate coach who can run workshops in French",
            "a training coordinator to organise our courses",
        ),
        freelance=("associate trainer, available to deliver workshops for other training firms",),
        clients=(
            "companies promoting people into management",
            "founders preparing to pitch to investors",
            "sales teams that need a reset",
        ),
    ),
    Industry(
        key="hr",
        label="HR & recruiting",
        web_word="people",
        roles=("a recruiter", "an HR consultant", "a people operations lead", "a talent partner"),
        businesses=(
            "a small recruitment agency",
            "an HR consultancy for small businesses",
            "a specialist tech recruitment firm",
        ),
        audiences=(
            "small businesses hiring for the first time",
            "startups",
            "restaurants and hotels",
            "construction firms",
            "private clinics",
        ),
        pitches=(
            "small businesses hiring for the first time get it right",
            "startups grow from five to fifty people without chaos",
            "restaurants and hotels keep their good people",
            "construction firms find skilled people when they need them",
        ),
        circle="HR directors and hiring managers",
        work=(
            "I recruit for small companies that can't afford to get a hire wrong.",
            "I'm an outsourced HR person for businesses too small to have their own.",
            "I help startups hire their first ten people and write down how they work.",
            "I place people in hospitality, trades and clinics, mostly locally.",
        ),
        details=(
            "I only put forward candidates I've met, and I tell clients when I can't help.",
            "I charge a fixed fee rather than a percentage of salary.",
            "I spent years in-house before moving to the other side of the table.",
            "I stay in touch with people I've placed long after the fee is paid.",
        ),
        hiring=(
            "a recruiter with experience in hospitality",
            "an HR assistant who wants to learn the whole job",
        ),
        freelance=("interim HR manager for parental-leave cover and busy periods",),
        clients=(
            "companies about to hire their first ten people",
            "restaurants that can't keep their staff",
            "startups growing their engineering team",
        ),
    ),
)

SERVICES: tuple[Service, ...] = (
    Service(
        key="legal.contracts",
        kind="supplier",
        who="a business lawyer",
        providers=("legal",),
        askers=(
            ANYONE,
            "design",
            "software",
            "media",
            "marketing",
            "writing",
            "manufacturing",
            "hr",
        ),
        offers=(
            "contracts and terms of business for freelancers and small firms",
            "I draft and review client contracts in plain English",
            "terms and conditions and privacy policies for online shops",
            "a fixed-fee contract review before you sign",
        ),
        asks=(
            "a lawyer to check a client contract before I sign",
            "[retail,manufacturing,design,media,print] "
            "someone to write proper terms and conditions for our online shop",
            "a business lawyer who does fixed-fee contract reviews",
            "help with our terms of business, we've been using a template",
        ),
    ),
    Service(
        key="legal.ip",
        kind="supplier",
        who="an IP lawyer",
        providers=("legal",),
        askers=("design", "media", "writing", "manufacturing", "software", "retail"),
        offers=(
            "trademark registration and brand protection",
            "I help creatives protect their work: copyright, licensing, trademarks",
        ),
        asks=(
            "help registering a trademark for our brand name",
            "[media] a lawyer who understands copyright and licensing for photographers",
            "advice|advice on protecting our product design before we launch",
        ),
    ),
    Service(
        key="legal.employment",
        kind="supplier",
        who="an employment lawyer",
        providers=("legal",),
        askers=("hospitality", "health", "retail", "trades", "manufacturing", "hr"),
        offers=(
            "employment contracts, staff handbooks and legal advice for employers",
            "I help employers with disciplinaries, dismissals and tribunal claims",
        ),
        asks=(
            "an employment lawyer, we have a tricky staff situation",
            "someone to write employment contracts for our first hires",
            "advice|advice on letting someone go fairly",
        ),
    ),
    Service(
        key="legal.company",
        kind="supplier",
        who="a corporate lawyer",
        providers=("legal",),
        askers=(ANYONE, "investing", "software"),
        offers=(
            "company set-up, shareholder agreements and investment rounds",
            "I advise founders and angels on seed investment documents",
        ),
        asks=(
            "a lawyer for our shareholder agreement",
            "someone to help with the legal side of our seed round",
            "a corporate lawyer to review an investment term sheet",
        ),
    ),
    Service(
        key="coaching.leadership",
        kind="supplier",
        who="a leadership coach",
        providers=("coaching",),
        askers=(ANYONE, "software", "hr", "health", "hospitality"),
        offers=(
            "leadership coaching for first-time managers",
            "I coach founders through growth, hiring and burnout",
            "team workshops on feedback, delegation and hard conversations",
        ),
        asks=(
            "a coach for our new team leads",
            "someone to run a workshop on giving feedback",
            "a leadership coach, I've just become a manager of eight people",
        ),
    ),
    Service(
        key="coaching.speaking",
        kind="supplier",
        who="a public speaking coach",
        providers=("coaching",),
        askers=(ANYONE, "investing", "legal", "finplan"),
        offers=(
            "public speaking and pitch coaching before big presentations",
            "I help people prepare investor pitches and conference talks",
        ),
        asks=(
            "help with a conference talk I'm dreading",
            "someone to coach me on my investor pitch",
            "a speaking coach for our partners before a big pitch",
        ),
    ),
    Service(
        key="coaching.sales",
        kind="supplier",
        who="a sales trainer",
        providers=("coaching",),
        askers=(ANYONE, "marketing", "realestate", "trades"),
        offers=(
            "sales training for people who hate selling",
            "I train small teams to follow up and close without being pushy",
        ),
        asks=(
            "sales training for a team that's great at the work but bad at selling",
            "someone to teach us how to follow up with leads",
        ),
    ),
    Service(
        key="coaching.mentor",
        kind="mentor",
        who="a mentor",
        providers=("coaching",),
        askers=(ANYONE,),
        offers=(
            "I mentor first-time founders, one hour a month, no charge",
            "mentoring for people starting their first business",
        ),
        asks=(
            "a mentor who has grown a service business past ten people",
            "an experienced founder to mentor me through my first year",
            "a mentor to talk through pricing and hiring",
        ),
    ),
    Service(
        key="hr.tech",
        kind="talent",
        who="a tech recruiter",
        providers=("hr",),
        askers=(),
        offers=(
            "I recruit developers, engineers and product designers for small teams",
            "tech recruitment for startups: developers, React and Python engineers",
        ),
        asks=(),
    ),
    Service(
        key="hr.creative",
        kind="talent",
        who="a creative recruiter",
        providers=("hr",),
        askers=(),
        offers=(
            "creative recruitment: designers, illustrators, video editors and copywriters",
            "I place marketing assistants, social media managers and junior designers",
        ),
        asks=(),
    ),
    Service(
        key="hr.hospitality",
        kind="talent",
        who="a hospitality recruiter",
        providers=("hr",),
        askers=(),
        offers=(
            "hospitality recruitment: chefs, front of house staff and managers",
            "seasonal staff for hotels, cafés, shops and events, sales assistants included",
        ),
        asks=(),
    ),
    Service(
        key="hr.trades",
        kind="talent",
        who="a trades recruiter",
        providers=("hr",),
        askers=(),
        offers=(
            "I place electricians, plumbers, site managers, sign fitters and apprentices",
            "recruitment of warehouse staff, drivers, production supervisors and print finishers",
        ),
        asks=(),
    ),
    Service(
        key="hr.professional",
        kind="talent",
        who="a professional recruiter",
        providers=("hr",),
        askers=(),
        offers=(
            "recruitment for finance and legal roles: bookkeepers, accountants, paralegals, "
            "payroll",
            "I recruit paraplanners, mortgage advisers, lettings negotiators and property managers",
            "clinical staff for private clinics: physiotherapists, nurses, receptionists",
        ),
        asks=(),
    ),
    Service(
        key="hr.consulting",
        kind="supplier",
        who="an HR consultant",
        providers=("hr",),
        askers=(ANYONE, "hospitality", "software", "trades", "health"),
        offers=(
            "HR support for small businesses: contracts, policies, difficult conversations",
            "outsourced HR for companies with no HR person",
            "I set up HR basics for startups hiring their first ten people",
        ),
        asks=(
            "an HR consultant to help us write our first staff handbook",
            "someone to handle HR while we're too small for an HR person",
            "help with a difficult conversation with a member of staff",
        ),
    ),
)

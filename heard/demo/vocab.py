"""Words the demo data is made of: topics, tags, roles, organisation names, short texts."""

from __future__ import annotations

from heard.stakeholders.models import Category, OrganisationType, Relation, RiskGroup

TOPICS = (
    "content moderation",
    "surveillance",
    "AI bias",
    "privacy",
    "labour rights",
    "gig work",
    "accessibility",
    "misinformation",
    "child safety",
    "freedom of expression",
    "hate speech",
    "online gender-based violence",
    "data protection",
    "facial recognition",
    "generative AI",
    "algorithmic transparency",
    "elections integrity",
    "digital inclusion",
    "migrant workers",
    "indigenous data sovereignty",
    "end-to-end encryption",
    "internet shutdowns",
)

TAGS = {
    "acme": (
        "advisory council",
        "trust & safety council",
        "youth panel",
        "moderator network",
        "elections 2026",
        "newsletter",
        "met in person",
        "translation needed",
    ),
    "globex": (
        "AI ethics board",
        "red-teaming",
        "dataset partners",
        "model cards review",
        "newsletter",
        "translation needed",
    ),
}

# (category, weight): a consumer platform hears mostly from outside; internal voices matter too.
CATEGORY_WEIGHTS = (
    (Category.EMPLOYEE, 6),
    (Category.CONTRACTOR, 3),
    (Category.SUBCONTRACTOR_WORKER, 5),
    (Category.USER_CUSTOMER, 14),
    (Category.COMMUNITY_MEMBER, 10),
    (Category.CSO_REPRESENTATIVE, 18),
    (Category.EXPERT_ACADEMIC, 12),
    (Category.REGULATOR, 4),
    (Category.INVESTOR, 3),
    (Category.LIVED_EXPERIENCE, 9),
    (Category.HRD_JOURNALIST, 6),
    (Category.OTHER, 2),
)

# UNGP 18 relation most likely for each category: (relation, weight) pairs.
_AFFECTED = ((Relation.POTENTIALLY_AFFECTED, 8), (Relation.OTHER_RELEVANT, 1))
_REPRESENTATIVE = ((Relation.LEGITIMATE_REPRESENTATIVE, 7), (Relation.OTHER_RELEVANT, 2))
_EXPERT = ((Relation.OTHER_RELEVANT, 9), (Relation.LEGITIMATE_REPRESENTATIVE, 1))
RELATION_WEIGHTS = {
    Category.EMPLOYEE: ((Relation.POTENTIALLY_AFFECTED, 5), (Relation.OTHER_RELEVANT, 5)),
    Category.CONTRACTOR: _AFFECTED,
    Category.SUBCONTRACTOR_WORKER: _AFFECTED,
    Category.USER_CUSTOMER: _AFFECTED,
    Category.COMMUNITY_MEMBER: (
        (Relation.POTENTIALLY_AFFECTED, 6),
        (Relation.LEGITIMATE_REPRESENTATIVE, 3),
    ),
    Category.CSO_REPRESENTATIVE: _REPRESENTATIVE,
    Category.EXPERT_ACADEMIC: _EXPERT,
    Category.REGULATOR: _EXPERT,
    Category.INVESTOR: _EXPERT,
    Category.LIVED_EXPERIENCE: _AFFECTED,
    Category.HRD_JOURNALIST: _REPRESENTATIVE,
    Category.OTHER: _EXPERT,
}

# Organisation types a stakeholder of each category would work for, and how often they have one.
ORGANISATION_FOR = {
    Category.SUBCONTRACTOR_WORKER: (0.4, (OrganisationType.TRADE_UNION,)),
    Category.COMMUNITY_MEMBER: (0.5, (OrganisationType.COMMUNITY_GROUP,)),
    Category.CSO_REPRESENTATIVE: (
        0.97,
        (OrganisationType.CIVIL_SOCIETY, OrganisationType.COMMUNITY_GROUP),
    ),
    Category.EXPERT_ACADEMIC: (0.9, (OrganisationType.ACADEMIC, OrganisationType.CIVIL_SOCIETY)),
    Category.REGULATOR: (0.95, (OrganisationType.REGULATOR, OrganisationType.MULTILATERAL)),
    Category.INVESTOR: (0.95, (OrganisationType.INVESTOR,)),
    Category.HRD_JOURNALIST: (0.7, (OrganisationType.MEDIA, OrganisationType.CIVIL_SOCIETY)),
    Category.LIVED_EXPERIENCE: (0.2, (OrganisationType.COMMUNITY_GROUP,)),
    Category.OTHER: (0.5, (OrganisationType.INDUSTRY_PEER, OrganisationType.OTHER)),
}

ROLES_AT = {
    OrganisationType.CIVIL_SOCIETY: (
        "Executive Director",
        "Policy Lead",
        "Programme Officer",
        "Researcher",
        "Campaigner",
        "Legal Officer",
    ),
    OrganisationType.ACADEMIC: (
        "Professor",
        "Associate Professor",
        "Postdoctoral Fellow",
        "PhD Researcher",
    ),
    OrganisationType.COMMUNITY_GROUP: ("Coordinator", "Organiser", "Member", "Spokesperson"),
    OrganisationType.TRADE_UNION: ("General Secretary", "Shop Steward", "Organiser", "Member"),
    OrganisationType.REGULATOR: (
        "Commissioner",
        "Head of Policy",
        "Senior Adviser",
        "Case Officer",
    ),
    OrganisationType.INVESTOR: ("ESG Analyst", "Head of Stewardship", "Portfolio Manager"),
    OrganisationType.INDUSTRY_PEER: ("Trust & Safety Lead", "Policy Manager", "Human Rights Lead"),
    OrganisationType.MULTILATERAL: ("Human Rights Officer", "Programme Specialist", "Rapporteur"),
    OrganisationType.MEDIA: ("Investigative Journalist", "Editor", "Reporter", "Producer"),
    OrganisationType.OTHER: ("Adviser", "Consultant", "Lawyer"),
}

# (group, probability) for anyone, and a higher chance for people with lived experience.
RISK_GROUP_ODDS = (
    (RiskGroup.WOMEN_GIRLS, 0.12),
    (RiskGroup.CHILDREN, 0.02),
    (RiskGroup.INDIGENOUS, 0.04),
    (RiskGroup.LGBTQI, 0.05),
    (RiskGroup.DISABILITY, 0.05),
    (RiskGroup.MIGRANTS, 0.04),
    (RiskGroup.MINORITIES, 0.06),
    (RiskGroup.OLDER, 0.02),
    (RiskGroup.LOW_INCOME, 0.04),
    (RiskGroup.HRD, 0.03),
    (RiskGroup.JOURNALISTS, 0.02),
    (RiskGroup.WORKERS, 0.05),
)

LIVED_EXPERIENCE = (
    "Was doxxed after reporting on local elections; accounts were mass-reported and suspended.",
    "Delivers food through two apps; was deactivated by an automated system without appeal.",
    "Blind screen-reader user; relies on alt text and accessible reporting flows.",
    "Survivor of image-based abuse; went through the takedown process three times.",
    "Former content moderator at an outsourcing vendor; worked night shifts on graphic content.",
    "Parent of a teenager targeted by a sextortion scam on a messaging app.",
    "Refugee who lost access to an account during displacement; identity checks failed.",
    "Transgender activist whose posts were repeatedly removed under a nudity policy.",
    "Small-business seller whose listings were flagged by an automated fraud model.",
    "Indigenous language speaker whose posts are misclassified by language filters.",
    "Was misidentified by a face-matching system at a border crossing.",
    "Older person who lost savings to a scam advertised on the platform.",
)

NOTES = (
    "Prefers to be contacted through their organisation.",
    "Needs interpretation; send materials a week ahead.",
    "Met at the regional consultation; interested in the advisory council.",
    "Asked for a summary of what changed after their last input.",
    "Available only outside working hours in their time zone.",
    "Has published research relevant to our recommender systems.",
    "Introduced by a partner organisation; build trust before any formal consultation.",
    "Do not contact during the election period (safety).",
)

ENGLISH_FOCUS = (
    "Digital Rights",
    "Privacy",
    "Online Safety",
    "Data Justice",
    "Platform Accountability",
    "Disability Rights",
    "Media Freedom",
    "Tech Workers",
    "Internet Freedom",
    "Children's Rights Online",
)

# Organisation name templates per language and type; {city} and, in English, {focus}.
ORGANISATION_NAMES: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {
        OrganisationType.CIVIL_SOCIETY: (
            "{city} {focus} Coalition",
            "{city} {focus} Initiative",
            "Centre for {focus}, {city}",
            "{focus} Watch {city}",
            "{city} {focus} Network",
        ),
        OrganisationType.ACADEMIC: (
            "University of {city}, Centre for {focus}",
            "{city} Institute for Technology and Society",
            "{city} Law School, Human Rights Clinic",
        ),
        OrganisationType.COMMUNITY_GROUP: (
            "{city} Riders' Association",
            "{city} Disability Access Forum",
            "{city} Content Moderators' Network",
            "{city} Youth Online Safety Circle",
            "{city} Migrant Workers' Support Group",
            "{city} Women's Collective",
        ),
        OrganisationType.TRADE_UNION: (
            "{city} Platform Workers' Union",
            "Federation of Gig Workers, {city}",
            "Tech Workers' Union {city}",
        ),
        OrganisationType.REGULATOR: (
            "{city} Data Protection Authority",
            "National Human Rights Commission ({city})",
            "Communications Regulator, {city} Office",
        ),
        OrganisationType.INVESTOR: (
            "{city} Ethical Capital Partners",
            "Responsible Investment Trust {city}",
            "{city} Public Pension Fund",
        ),
        OrganisationType.INDUSTRY_PEER: (
            "{city} Trust & Safety Forum",
            "{city} Internet Industry Association",
        ),
        OrganisationType.MULTILATERAL: (
            "UN Human Rights Regional Office ({city})",
            "Regional Human Rights Mechanism, {city} Secretariat",
        ),
        OrganisationType.MEDIA: (
            "{city} Investigative Journalism Centre",
            "The {city} Observer",
            "{city} Community Radio",
        ),
        OrganisationType.OTHER: ("{city} Legal Aid Clinic", "{city} {focus} Consultancy"),
    },
    "es": {
        OrganisationType.CIVIL_SOCIETY: (
            "Fundación Derechos Digitales {city}",
            "Red por la Privacidad de {city}",
            "Colectivo Tecnología y Sociedad {city}",
        ),
        OrganisationType.COMMUNITY_GROUP: (
            "Asociación de Repartidores de {city}",
            "Colectivo de Mujeres Indígenas de {city}",
        ),
        OrganisationType.TRADE_UNION: ("Sindicato de Trabajadores de Plataformas de {city}",),
        OrganisationType.ACADEMIC: (
            "Universidad de {city}, Centro de Estudios en Tecnología y Derechos Humanos",
        ),
        OrganisationType.MEDIA: ("Periodismo Independiente {city}", "Radio Comunitaria de {city}"),
        OrganisationType.REGULATOR: ("Instituto de Transparencia y Protección de Datos, {city}",),
    },
    "pt": {
        OrganisationType.CIVIL_SOCIETY: (
            "Instituto de Direitos Digitais de {city}",
            "Coletivo Tecnologia e Sociedade {city}",
            "Associação {city} pela Privacidade",
        ),
        OrganisationType.COMMUNITY_GROUP: (
            "Associação de Entregadores de {city}",
            "Coletivo de Mulheres Negras de {city}",
        ),
        OrganisationType.TRADE_UNION: ("Sindicato dos Trabalhadores por Aplicativo de {city}",),
        OrganisationType.ACADEMIC: (
            "Universidade de {city}, Laboratório de Direitos e Tecnologia",
        ),
        OrganisationType.MEDIA: ("Agência de Jornalismo Independente {city}",),
    },
    "fr": {
        OrganisationType.CIVIL_SOCIETY: (
            "Association {city} pour les libertés numériques",
            "Collectif Droits et Numérique {city}",
        ),
        OrganisationType.COMMUNITY_GROUP: (
            "Réseau des livreurs de {city}",
            "Collectif des femmes de {city}",
        ),
        OrganisationType.TRADE_UNION: ("Syndicat des travailleurs des plateformes de {city}",),
        OrganisationType.ACADEMIC: ("Université de {city}, Centre numérique et droits humains",),
        OrganisationType.MEDIA: ("Radio communautaire de {city}",),
    },
    "ar": {
        OrganisationType.CIVIL_SOCIETY: (
            "مركز {city} للحقوق الرقمية",
            "جمعية {city} لحماية الخصوصية",
            "مبادرة {city} للحريات الرقمية",
        ),
        OrganisationType.COMMUNITY_GROUP: ("تجمع عمال التوصيل في {city}", "رابطة نساء {city}"),
        OrganisationType.TRADE_UNION: ("نقابة العاملين في المنصات الرقمية - {city}",),
        OrganisationType.ACADEMIC: ("جامعة {city} - مركز دراسات التكنولوجيا وحقوق الإنسان",),
        OrganisationType.MEDIA: ("مرصد {city} للصحافة المستقلة",),
        OrganisationType.REGULATOR: ("الهيئة الوطنية لحماية البيانات - {city}",),
    },
    "sw": {
        OrganisationType.CIVIL_SOCIETY: (
            "Mtandao wa Haki za Kidijitali {city}",
            "Shirika la Faragha na Teknolojia {city}",
        ),
        OrganisationType.COMMUNITY_GROUP: (
            "Chama cha Waendesha Bodaboda {city}",
            "Kikundi cha Wanawake {city}",
        ),
        OrganisationType.TRADE_UNION: ("Chama cha Wafanyakazi wa Mitandao {city}",),
        OrganisationType.MEDIA: ("Redio ya Jamii {city}",),
    },
    "ne": {
        OrganisationType.CIVIL_SOCIETY: ("{city} डिजिटल अधिकार मञ्च",),
        OrganisationType.COMMUNITY_GROUP: ("{city} महिला सञ्जाल",),
        OrganisationType.TRADE_UNION: ("{city} श्रमिक संघ",),
    },
    "bn": {
        OrganisationType.CIVIL_SOCIETY: ("{city} ডিজিটাল অধিকার কেন্দ্র",),
        OrganisationType.COMMUNITY_GROUP: ("{city} নারী অধিকার ফোরাম",),
        OrganisationType.TRADE_UNION: ("{city} পোশাক শ্রমিক ইউনিয়ন",),
    },
    "th": {
        OrganisationType.CIVIL_SOCIETY: ("มูลนิธิสิทธิดิจิทัล{city}",),
        OrganisationType.COMMUNITY_GROUP: ("เครือข่ายชุมชน{city}",),
        OrganisationType.TRADE_UNION: ("สหภาพแรงงานไรเดอร์{city}",),
    },
    "vi": {
        OrganisationType.CIVIL_SOCIETY: ("Trung tâm Quyền số {city}",),
        OrganisationType.COMMUNITY_GROUP: ("Mạng lưới Phụ nữ {city}",),
    },
    "zh": {
        OrganisationType.CIVIL_SOCIETY: ("{city}公益法律服务中心",),
        OrganisationType.ACADEMIC: ("{city}数字权利研究中心",),
        OrganisationType.COMMUNITY_GROUP: ("{city}外卖骑手互助会",),
    },
    "tr": {
        OrganisationType.CIVIL_SOCIETY: ("{city} Dijital Haklar Derneği",),
        OrganisationType.COMMUNITY_GROUP: ("{city} Kurye Dayanışma Ağı",),
        OrganisationType.TRADE_UNION: ("{city} Platform İşçileri Sendikası",),
    },
    "fa": {
        OrganisationType.CIVIL_SOCIETY: ("انجمن حقوق دیجیتال {city}",),
        OrganisationType.COMMUNITY_GROUP: ("شبکه زنان {city}",),
    },
    "uk": {
        OrganisationType.CIVIL_SOCIETY: ("Центр цифрових прав «{city}»",),
        OrganisationType.COMMUNITY_GROUP: ("Громадська ініціатива «{city} без бар'єрів»",),
        OrganisationType.TRADE_UNION: ("Спілка кур'єрів, {city}",),
    },
    "ru": {
        OrganisationType.CIVIL_SOCIETY: ("Центр цифровых прав «{city}»",),
        OrganisationType.TRADE_UNION: ("Профсоюз курьеров, {city}",),
    },
    "de": {
        OrganisationType.CIVIL_SOCIETY: ("Digitale Rechte {city} e.V.",),
        OrganisationType.TRADE_UNION: ("Gewerkschaft Plattformarbeit {city}",),
        OrganisationType.ACADEMIC: ("Universität {city}, Institut für Technik und Menschenrechte",),
    },
    "id": {
        OrganisationType.CIVIL_SOCIETY: ("Lembaga Hak Digital {city}",),
        OrganisationType.COMMUNITY_GROUP: ("Komunitas Perempuan {city}",),
        OrganisationType.TRADE_UNION: ("Serikat Pengemudi Ojol {city}",),
    },
}

# International networks with national chapters (parent/child links).
NETWORKS = (
    ("Global Digital Rights Alliance", OrganisationType.CIVIL_SOCIETY),
    ("International Federation of Platform Workers", OrganisationType.TRADE_UNION),
    ("Investors for Human Rights Network", OrganisationType.INVESTOR),
    ("World Association of Community Broadcasters", OrganisationType.MEDIA),
)

ORGANISATION_TYPE_WEIGHTS = (
    (OrganisationType.CIVIL_SOCIETY, 30),
    (OrganisationType.ACADEMIC, 14),
    (OrganisationType.COMMUNITY_GROUP, 18),
    (OrganisationType.TRADE_UNION, 8),
    (OrganisationType.REGULATOR, 7),
    (OrganisationType.INVESTOR, 5),
    (OrganisationType.INDUSTRY_PEER, 4),
    (OrganisationType.MULTILATERAL, 3),
    (OrganisationType.MEDIA, 9),
    (OrganisationType.OTHER, 2),
)

DESCRIPTIONS = {
    OrganisationType.CIVIL_SOCIETY: "Works on {topic} and {topic2}; documents cases and advocates.",
    OrganisationType.ACADEMIC: "Research on {topic} and {topic2}; publishes open datasets.",
    OrganisationType.COMMUNITY_GROUP: "Grassroots group; members are directly affected by {topic}.",
    OrganisationType.TRADE_UNION: "Represents workers; campaigns on {topic}.",
    OrganisationType.REGULATOR: "Public body with oversight of {topic}.",
    OrganisationType.INVESTOR: "Engages portfolio companies on {topic} and {topic2}.",
    OrganisationType.INDUSTRY_PEER: "Industry body sharing practice on {topic}.",
    OrganisationType.MULTILATERAL: "Intergovernmental office; mandate includes {topic}.",
    OrganisationType.MEDIA: "Independent outlet reporting on {topic} and {topic2}.",
    OrganisationType.OTHER: "Advises on {topic}.",
}

"""Company and organisation names: a legal or corporate suffix after proper words, Faker-style
partnership names ("Smith, Jones and Brown", "Miller-Davis"), and a proper run after an
employment cue ("works for Coursera").

Organisations locate and identify people (an employer, a practice, a care home), so a
de-identifier removes them. The suffix list is the grammar of company names, not a list of
companies. Short suffixes that are clinical abbreviations in capitals (AG anion gap, LP lumbar
puncture, CO cardiac output, SA sinoatrial) count only after title-case words; eponyms
("Stevens-Johnson") and clinical words never make a partnership name.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING

from presidio_analyzer import RecognizerResult

from auditor.phi.calendar import MONTH, WEEKDAY
from auditor.phi.entities import Entity
from auditor.phi.recognizers.addresses import STREET_TYPES
from auditor.phi.recognizers.base import LocalRecognizer
from auditor.phi.recognizers.lexicon import (
    CALENDAR_WORDS,
    EPONYMS,
    MEDICAL_SUFFIX,
    NOT_NAMES,
    RELATIVES,
    SPELLED_RANKS,
    TITLES,
    Lexicon,
    english_word,
)
from auditor.phi.recognizers.patterns import make_result
from auditor.phi.recognizers.places import IRISH_COUNTIES
from auditor.phi.recognizers.regex_start import accelerated
from auditor.phi.recognizers.tokens import (
    LATIN_LOWER,
    LATIN_UPPER,
    TokenView,
    capitalise_words,
    lower_same_length,
    normalize,
)
from auditor.phi.resources import lines as resource_lines
from auditor.phi.resources import words as resource_words
from auditor.phi.stop_words import STOP_WORDS

if TYPE_CHECKING:
    from presidio_analyzer.nlp_engine import NlpArtifacts

SUFFIX_SCORE = 0.75
PARTNERS_SCORE = 0.7
CUE_SCORE = 0.65
# A vessel prefix is surer than a name list: "S/Y Marlow Finch" is a ship, not a person.
VESSEL_SCORE = 0.9

# A run of letters and apostrophes, a name's word for the word lists' tests ("Tūī", "O'Hara").
_LETTER_RUN = r"(?:[^\W\d_]|['’])+"
# A capitalised word of a name, in any Latin alphabet ("Tūī Accounting", "Ōtaki Plumbing").
_NAME_WORD = rf"[A-Z{LATIN_UPPER}][a-z{LATIN_LOWER}][\w'’-]*"

_SUFFIXES = (
    r"Inc\.?|Incorporated|Corp\.?|Corporation|Co\.\s?,?\s?Ltd\.?|"
    # (not an Irish county's "Co.": "Ballyconnell, Co. Cavan")
    rf"Co\.(?![ \t]+(?:{IRISH_COUNTIES})\b)|Company|Ltd\.?|Limited|"
    # (without its dot where the sentence goes on in small letters: "drives for Mesa Tortilla
    # Co but on hold"; not "Co Cavan", "Co-op")
    r"Co(?=[ \t]+[a-z])|"
    # (nor where a quoted name closes on it: a field's "company": "Lodestar Packaging Co")
    r"Co(?=[\"”])|"
    r"LLC|L\.L\.C\.|LLP|L\.P\.|PLC|Plc|plc|GmbH|Pty\.?\s?Ltd\.?|S\.A\.|N\.V\.|"
    # the legal forms of the Gulf, the Lusophone and Francophone world, Central Europe and
    # Latin America ("Gulf Reef Aluminium W.L.L.", "Transportes Bengo-Sul, Lda.", "(Pty) Ltd")
    r"\(Pty\)\s?Ltd\.?|W\.L\.L\.?|WLL|Lda\.|Ltda\.?|S\.A\.R\.L\.?|SARL|S\.A\.S\.|"
    r"S\.p\.A\.|Sp\.\s?z\s?o\.\s?o\.|s\.r\.o\.|d\.o\.o\.|Kft\.|Zrt\.|A\.Ş\.|"
    r"S\.A\.\s+de\s+C\.V\.|S\.\s?de\s+R\.L\.|"
    # a US professional firm's ("Shah Law, P.L.L.C.", "Chtd."; not "P.A." nor "P.C.", which
    # sign a physician assistant and a professional counsellor: the edges take them after a
    # firm found otherwise)
    r"P\.L\.L\.C\.|Chtd\.|"
    # (as a note in capitals is read, from a copy capitalised word by word: "SERVICES, LLC")
    r"Llc|Llp|Pllc|"
    r"Group|Holdings|Associates|Assoc\.|Assocs\.?|Partners|Partnership|(?:&|and)\s+Sons|Bros\.|Bros\b|Bancorp|Bank|"
    r"Industries|Enterprises|Ventures|Technologies|Pharmaceuticals|Consulting|Trust|Fund|ETF|"
    r"INC\.?|CORP\.?|CORPORATION|COMPANY|LTD\.?|LIMITED|CO\.\s?,?\s?LTD\.?|GROUP|HOLDINGS|"
    r"ASSOCIATES|PARTNERS|INDUSTRIES|ENTERPRISES|TECHNOLOGIES|BANK|"
    # a firm's line of business that only firms name themselves by: software and service
    # vendors, a plan's third-party administrators, a law firm
    r"Solutions|Administrators|Attorneys(?:[ \t]+at[ \t]+Law)?|SOLUTIONS|ADMINISTRATORS|"
    r"ATTORNEYS(?:[ \t]+AT[ \t]+LAW)?|"
    # an insurer named for its plan ("Gulf Coast Family Health Plan"; not a "Care Plan")
    r"Health[ \t]+Plan|HEALTH[ \t]+PLAN"
)
# Capital clinical abbreviations: suffixes only after title-case words.
_SHORT = (
    r"AG|SA|SE|NV|LP|SAS|SpA|AB|ASA|Oyj|KG|"
    # the Netherlands', Scandinavia's, Finland's, Spain's, Italy's, Malaysia's, Singapore's
    # private companies ("Gardiaan B.V.", "Nordlys A/S", "Kestrel Oy", "Hansen ApS", "Maju
    # Sdn Bhd"); not "BV", "AS", "SL" without their dots (vaginosis, aortic stenosis,
    # sublingual)
    r"B\.V\.|A/S|ApS|Oy|S\.L\.|SRL|S\.r\.l\.|GmbH|Sdn\.?[ \t]+Bhd\.?|Bhd\.?|Pte\.?[ \t]+Ltd\.?|KK"
)
# (a number ending a sentence is no word of a firm's: "given at 0800. Group B strep")
_WORD = r"(?:[A-Z][\w'&.-]*|\d[\w.-]*(?<!\.))"
# (one line: a name does not run on past a line break into the next field or line)
_JOIN = r"(?:[ \t]+|[ \t]*&[ \t]*|,[ \t]+|[ \t]+(?:and|of|the|for|de|du|van|von)[ \t]+)"
_SUFFIX = re.compile(
    rf"(?<![\w-])({_WORD}(?:{_JOIN}{_WORD}){{0,5}})"
    # the region or line a British firm names in brackets before its form: "Ridgequill
    # Scaffolding (NW) Ltd", "Harlow Foods (Holdings) Limited"
    r"(?:[ \t]+\([A-Z][\w&.]*(?:[ \t][A-Z][\w&.]*){0,2}\))?"
    rf",?\s+(?:{_SUFFIXES})(?![\w])"
    # a fund's or a holding's series numeral: "Orbital Holdings Corp. IV"
    r"(?:[ \t]+(?:II|III|IV|VI|VII|VIII|IX)(?![\w-]))?"
    # the region or town a bank, trust or group serves: "Eye Bank of the Midlands"
    r"(?:(?:(?<=Bank)|(?<=Fund)|(?<=Trust)|(?<=Group))"
    r"[ ]of(?:[ ]the)?[ ][A-Z][a-z]+(?:[ ][A-Z][a-z]+)?)?",
)
# Where a firm's run stops before its name (see OrganizationRecognizer._grammar).
_RUN_STOP = re.compile(
    r"[a-z]{3}\.\s+|\b(?:Esq|MD|PhD|RN|Jr|Sr)\.?,\s+|\S[ ]{3,}|"
    r"\b(?:Engineer|Manager|Director|Analyst|Developer|Consultant|Officer|Teacher|Technician|"
    r"Assistant|Accountant|Administrator|Coordinator|Supervisor|Specialist|Designer|Clerk|"
    r"Driver|Operator|Executive|President|Owner|Programmer|Scientist|Planner),\s+"
)
_ANY_SUFFIX = accelerated(re.compile(rf"(?:{_SUFFIXES})(?![\w])"))
_SHORT_SUFFIX = re.compile(
    # (not the letters of an identifier: "Incident SA-22-118734", "Form AB-1044")
    rf"(?<![\w-])([A-Z][a-z][\w'-]*(?:\s+[A-Z][a-z][\w'-]*){{0,4}})\s+(?:(?:{_SHORT})(?![\w.]|-\d)|"
    # a football, rugby or Gaelic games club, which a sentence may end on ("plays for
    # Tristate Flyers FC.", "Ōtaki Rovers AFC U14")
    r"(?:FC|AFC|RFC|GAA)(?![\w]|\.\w))"
)
# A name in quotation marks, as the firm and facility rules read it, and the marks that open
# one (their quick test).
QUOTES_OPEN = '«„“"'
QUOTED_NAME = r"[«„“\"](?P<name>[^\W\d_][^«»„“”\"\n]{1,60}?)[»“”\"]"
# A legal form and the firm's name in quotation marks, as Eastern Europe, the Balkans and
# Central Asia write a company ("ООО «Лань-Мебель»", "ТОВ «Медікал Плюс»", "UAB „Baltic
# Med“", "SRL \"Farmacia Tei\""): a form in Cyrillic capitals or one of the Latin ones.
_QUOTED_FIRM = re.compile(
    r"(?<![\w.-])(?:[А-ЯЁІЇЄҐЎҚҒҲӘӨҮҢ]{2,5}|SRL|SA|SC|SAS|SARL|SpA|GmbH|AG|UAB|SIA|AS|OÜ|TOO|"
    r"LLC|LLP|JSC|PJSC|OOO|EOOD|OOD|DOO|d\.o\.o\.|s\.r\.o\.|Kft\.?|Zrt\.?|Sp\.[ \t]?z[ \t]?o\.o\.)"
    r"[ \t]*" + QUOTED_NAME
)
_NAME = r"[A-Z][a-z][a-z'-]+"
# Exactly "X, Y and Z": a longer list is a list of people, not a firm.
_PARTNERS = re.compile(
    rf"(?<![\w-])(?<!,\s){_NAME},\s+{_NAME},?\s+(?:and|&)\s+{_NAME}(?![\w-]|,\s+[A-Za-z])"
)
# Two surnames joined by an ampersand, as partnerships name themselves ("Harrow & Vance",
# "Okafor & Lindqvist"), and the common nouns of their trade after them ("Harrow & Vance
# Property Management"); "and" joins people ("Lee and Park"), two given names a couple.
_AMPERSAND = re.compile(
    rf"(?<![\w&-])({_NAME})[ \t]?&[ \t]?({_NAME})((?:[ \t][A-Z][a-z]+){{0,2}})(?![\w&-])"
)
# A trade after a proper name: "Fowler Pharmacy", "Nash Solicitors", "Okafor Funeral
# Services" (a shop or firm that knows the patient); department names ("Outpatient Pharmacy",
# "Central Pharmacy") are left out by their descriptor words.
# The name may be an everyday word ("Anchor Dental", "Guardian Insurance") or a capital
# acronym ("QAS Ambulance"): the trade word after it is the evidence, and descriptor words
# ("Family Dental", "Mobile Imaging") and clinical units ("ICU Pharmacy") are left out.
DENOMINATIONS = (
    r"(?:Missionary|Baptist|Methodist|Episcopal|Lutheran|Presbyterian|Catholic|Pentecostal|"
    r"Evangelical|Orthodox|Reformed|Bible|Mennonite|Adventist|Apostolic|Congregational|"
    r"Christian|Holiness|Wesleyan|Nazarene|Community|Fellowship|Free\s+Will|AME|A\.M\.E\.|"
    # the Black churches' and the Free Will Baptists' letters ("Bethel Grove M.B. Church":
    # Missionary Baptist; "C.M.E.", "F.W.B.")
    r"M\.B\.|C\.M\.E\.|CME|F\.W\.B\.|FWB)"
)
# The heads of a child's day care: "Daycare", "Child care", "Early Learning", "Learning Centre".
CHILDCARE_HEADS = r"Day\s*[Cc]are|Child\s*[Cc]are|Early\s+Learning|Learning(?=\s+Cent(?:re|er))"
# An app's or a platform's own name before its support desk, its safety or grievance team,
# its creators' fund or its forum, as account-support records name the firm ("Chattermoss
# Help", "Murmurly support", "Hearthly User Safety", "Tendrel India Grievance Cell",
# "GardenCityTalk forum"): one word, in Title case or run together in camel case.
_PLATFORM_DESK = re.compile(
    r"(?<![\w'’&-])([A-Z][a-z]{2,}(?:[A-Z][a-z]+){0,3})"
    r"(?:[ \t]+(?:India|UK|US|USA|Australia|Ireland|Canada|Philippines|PH|Nigeria|NZ|EU))?"
    r"[ \t]+(?:(?i:support|help(?:[ \t]+(?:centre|center|desk))?|helpdesk|forum)"
    r"|User[ \t]+Safety|Trust[ \t]*+(?:&|and)[ \t]*+Safety|Safety[ \t]+(?:Team|Centre|Center)"
    r"|Grievance[ \t]+(?:Cell|Officer|Team)|Creator[ \t]+(?:Fund|Support|Program(?:me)?)"
    r"|Messenger|(?:Community|Moderation|Privacy)[ \t]+Team)(?![\w-])"
)
_DESK_GATE = re.compile(
    r"(?i:support|help|forum|safety|grievance|creator|messenger|community|moderation|privacy)"
)


_TRADE = accelerated(
    re.compile(
        # (the shortest name: "X Sports Club" is X and a sports club; a saint's or two saints'
        # name with its "St." belongs to it: "St. Anselm's Parish Hall", "Sts. Cyril & Methodius")
        rf"(?<![\w-])((?:(?:Sts?|Ste|Saint)\.?[ \t]+{_NAME_WORD}(?:[ \t]+{_NAME_WORD})?"
        rf"(?:[ \t]+(?:&|and)[ \t]+{_NAME_WORD})?|"
        rf"(?:{_NAME_WORD}|[A-Z]{{2,5}})"
        # (a kind's initials inside: "Rulldore LTC Pharmacy")
        rf"(?:(?:[ -]|[ \t]+&[ \t]+)(?:{_NAME_WORD}|[A-Z]{{2,5}}(?=[ \t]+[A-Z]))){{0,2}}?))\s+"
        r"(?:Pharmacy|Pharmacies|Chemists?|Solicitors|Funeral\s+(?:Home|Services|Directors)|"
        # the undertaker and the place a patient eats out or works a shift ("X Mortuary",
        # "Ashlantern Grill")
        r"Mortuary|Crematorium|Cremation\s+Services|Grill|Bistro|Brasserie|Diner|Tavern|"
        # where the dead rest ("Kilbrogan Cemetery", "Forest Lawn Memorial Park")
        r"Cemetery|Cemetary|Churchyard|Columbarium|Mausoleum|Burial\s+Ground|"
        r"Memorial\s+(?:Park|Gardens)|"
        r"Steakhouse|Pizzeria|Restaurant|"
        r"Dental(?:\s+(?:Care|Group|Practice|Surgery|Centre|Center|Clinic))?|Ambulance|"
        r"Physio(?:therapy)?|Chiropractic|Orthodontics|Diagnostics|Imaging|Radiology\s+Group|"
        r"Legal|Lawyers|Law\s+(?:Firm|Group|Office|Offices|Chambers)|Counsell?ing|"
        r"Home\s*[Cc]are|Homecare|Home\s+Health|Home\s+Support|Care\s+Services|Nursing\s+Agency|"
        r"Insurance|Removals|Opticians|Mobility|Transport|Couriers|Mutual(?:\s+Health)?|Assurance|"
        # the suppliers a prescriber orders home equipment, infusions and limbs from ("Coral
        # Reef Home Infusion", "Lakeshore Medical Supply", "Ottawa Valley Limb & Brace",
        # "Northgate O&P")
        r"Home\s+Infusion|Infusion\s+(?:Services|Pharmacy)|Medical\s+(?:Supply|Supplies|Equipment)|"
        r"Home\s+Medical(?:\s+Equipment)?|Orthotics(?:(?:\s*&\s*|\s+and\s+)Prosthetics)?|"
        r"Prosthetics(?:(?:\s*&\s*|\s+and\s+)Orthotics)?|O&P|Limb(?:\s*&\s*|\s+and\s+)Brace|"
        # a debt collector, which knows the debtor ("Coralstone Credit Recovery")
        r"(?:Credit|Debt)\s+(?:Recovery|Recoveries|Collections?)|"
        # home nursing agencies ("Dexter Visiting Nurse Association")
        r"Visiting\s+Nurses?(?:\s+(?:Association|Service|Services))?|"
        # an insurer by its line of cover: "Northstar Casualty", "Mountaineer Life & Annuity"
        r"Casualty|Indemnity|Underwriters|(?:Life\s*(?:&|and)\s*)?Annuity|"
        r"Health\s+Plans?|Health\s+Insurance|HMO|PPO|"
        # donated blood, tissue and food: "Northern Lights Blood Services", "X Eye Bank"
        r"(?:Blood|Eye|Tissue|Bone|Milk|Food|Organ|Donor)\s+(?:Bank|Services|Centre|Center|Alliance|"
        r"Network)|Gift\s+of\s+(?:Life|Hope)|"
        r"Blood\s+Service|"
        # schools and places of worship name a child's or a family's community
        # (a Church of England or Catholic school says so before its kind: "St Aldric's C of E
        # Primary School")
        r"(?:(?:C\s+of\s+E|CofE|CE|RC)\s+)?"
        r"(?:Pre-?[Ss]chool|Nursery(?:\s+School)?|Primary(?:\s+School)?|Elementary|"
        r"(?:High|Middle|Grammar|Elementary|Secondary|Junior|Infant|Infants|Public|National)"
        r"\s+School|"
        r"Intermediate(?:\s+School)?|Kindergarten|Montessori|"
        # a town's school district by its schools ("Columbus City Schools", "Tulsa Public
        # Schools")
        r"(?:City|County|Public|Area|Community)\s+Schools|"
        # a child's day care by the names centres give themselves ("Tiddlewink Daycare",
        # "Tiny Acorns Learning Center")
        rf"(?:{CHILDCARE_HEADS})(?:\s+(?:Centre|Center))?)|"
        r"Academy|College|University|Polytechnic|TAFE|Parish|Mosque|Synagogue|Temple|Gurdwara|"
        # a congregation's denomination words belong to the head: "Greater X Missionary Baptist
        # Church" (the name in front is what identifies it)
        rf"(?:{DENOMINATIONS}\s+){{0,3}}(?:Church|Chapel|Tabernacle|Cathedral|Basilica)|"
        # a club, with the sport or kind it is for: "X Sports Club", "X Golf Club"
        r"(?:(?:Sports|Golf|Tennis|Swim(?:ming)?|Football|Soccer|Rugby|Cricket|Rowing|Sailing|"
        r"Yacht|Athletic|Boxing|Running|Cycling|Riding|Social|Youth|Boys\s+(?:&|and)\s+"
        r"Girls)\s+)?Club)"
        # the hall a congregation lets: "St. Brigid's Parish Hall", "Grace Church Hall"
        r"(?:[ \t]+Hall(?![\w]))?(?![\w])"
    )
)
# Shops, utilities, lenders and landlords a person deals with ("Ravensmoor Books", "Greenlake
# Parcel", "Tarrowby Hydro", "Quenfield Properties", "Ardlow Finance"): words a hospital's own
# services use too ("Gift Shop Books", "Social Work Finance", "Patient Property"), so the name
# before them must hold a word that is no English word. Not "Power" nor "Coffee" ("Grip Power
# 5/5", "Morning Coffee").
COMMON_TRADES = (
    r"Books|Booksellers|Bookshop|Teas|Grocers?|Groceries|Parcels?|Hydro|Utilities|Properties|"
    r"Property|Paramedics|Florists?|Jewell?ers|Butchers?|Tyres|Tires|Glassworks|Joinery|"
    r"Carpentry|Lending|Loans|Finance"
)
_COMMON_TRADE = re.compile(rf"\s+(?:{COMMON_TRADES})\Z")
_NAME_GOES_ON = re.compile(r"[ \t]+[A-Z][a-z]")
# The industries a firm names itself by (title case in the rule below; the de-identifier's
# sweep reads them in any case after a name it replaced: "KOSHAR BOAT STORAGE").
INDUSTRY_WORDS = (
    r"(?:Metals|Mining|Drilling|Motors|Airlines|Airways|Logistics|Freight(?:[ \t]+Lines)?|"
    r"Foods|Energy|Security|Recruitment|Recruiting|Hauling|Haulage|"
    # a private laboratory by its name ("Murrumbidgee Pathology", "Laverty Pathology")
    r"Pathology|"
    r"Construction|Builders|Plumbing|Electrical|Engineering|Laborator(?:y|ies)|Software|"
    r"Telecom|Supermarkets?|Dairy|Bakery|Hotels?|Cleaning|Staffing|Realty|"
    # trades a patient works at or hires, as small firms name themselves ("Platte River
    # Millwork", "Kinsale Roofing", "Vasquez Trucking")
    r"Millwork|Lumber|Hardware|Roofing|Landscaping|Trucking|Towing|Movers|Catering|Brewery|"
    r"Painting|Decorating|Paving|Excavating|Excavation|Heating|HVAC|Siding|"
    r"Winery|Vineyards?|Distillery|Printing|Upholstery|Flooring|Masonry|Welding|Machining|"
    r"Fabrication|Textiles|Apparel|Furniture|Appliances|Auto[ \t]+(?:Body|Repair|Parts|Sales)|"
    r"Analytics|Robotics|Biotech|Therapeutics|Aerospace|Aviation|Shipping|Storage|Rentals|"
    r"Couriers?|Taxis?|Cabs?|Laundromat|Laundry|Cleaners|Coaches|Coachlines|Charters|Fitness|"
    # the coach firm a school district hires and a student loan's servicer ("Bruckner Coach
    # Lines", "Aspenridge Loan Servicing")
    r"(?:Coach|Bus)[ \t]+Lines|Loan[ \t]+Servicing|"
    r"Gym|Seafoods?|Fisheries|Lettings|Broadband|Coworking|Freightways|Freightlines|"
    # makers, traders and packers by what they make or move ("Corvanta Systems", "Kumudvathi
    # Steel Traders", "High Plains Meatpacking")
    r"Systems|Networks|Traders|Trading|Distributors|Wholesale|Imports|Exports|Meatpacking|"
    r"Packers|"
    # language services and the groups a person sings, plays or runs with ("Lingwise
    # Interpreting", "Harmonia Ladies Choir", "Allanvale Harriers")
    r"Interpreting|Interpreters|Translations|Choir|Chorale|Singers|Orchestra|Harriers|"
    # banks of members and pension funds, phone carriers ("Lingcod Federal Credit Union",
    # "Coralbay Industry Super", "Vukani Mobile")
    r"Credit\s+Union|Building\s+Society|Super(?:annuation)?(?:\s+Fund)?|Mobile|Wireless|"
    # travel and lodging a guest books ("Tarnside Adventures", "Oxbury Car Hire", "Pelham
    # Residency"), a landlord's or a utility's firm ("Quenby Residential", "Larch Property
    # Mgmt", "Brenfield Power & Gas"), and professional and money firms ("Dunmere
    # Architecture", "Halloway Capital")
    r"Tours|Travel|Adventures|Expeditions|Safaris|Cruises|Campervans|Motorhomes|"
    r"Car[ \t]+(?:Rentals?|Hire)|Hire|Events|Residency|Resorts?|Hostels?|Residential|"
    r"Property[ \t]+Mgmt|Power(?:[ \t]*&[ \t]*|[ \t]+and[ \t]+)(?:Gas|Light)|"
    r"Gas(?:[ \t]*&[ \t]*|[ \t]+and[ \t]+)Electric|Apothecary|Architects|Architecture|Accountants|"
    r"Accounting|Accountancy|Bookkeeping|Consulting|Consultants|Capital|Investments|Advisors|"
    r"Advisory|Wealth|"
    # a town's or a county's police ("Merseyside Police", "Kestrel Valley Police Service")
    # (and one station of it, Ireland's too: "Ballarat Police Station", "Castlebar Garda
    # Station")
    r"Police(?:[ \t]+(?:Service|Force|Department|Dept|Station))?|Garda[ \t]+Station|Constabulary|"
    # a utility's or a network's own name ("Tarnhollow Power", "Siskin Fibre", "Thames Water");
    # not a strength's grade ("Grip Power 5/5")
    r"Power(?![ \t]*[\d+-])|Water|Electric|Electricity|Utilities|Fibre|Fiber|"
    + COMMON_TRADES
    + r")"
)
# A local police or fire service by its initials before its officer's rank, as notes name
# them: "KPD officer Sgt. X", "MSP trooper", "KDPS fire marshal" (the initials name the town
# or the county); not a hospital's services nor a national body (_SERVICE_INITIALS), and not a
# coordinator's or an investigator's service, which is as often the hospital's own ("VAD
# coordinator", "ME investigator").
_AGENCY_INITIALS = re.compile(
    r"(?<![\w/-])([A-Z]{3,5})[ \t]+(?=(?i:officers?|troopers?|deput(?:y|ies)|detectives?|sgt\.?|"
    r"sergeant|lt\.?|lieutenant|fire[ \t]+marshal)\b)"
    # a police department's or a sheriff's office's ("HPD", "LASD", "OCSO") where it holds
    # or guards a patient: "in HPD custody", "BPD hold"
    r"|(?<![\w/-])([A-Z]{1,3}(?:PD|SD|SO))[ \t]+(?=(?i:custody|hold|escort|guard)\b)"
)
_SERVICE_INITIALS = frozenset(
    {"ICU", "MICU", "SICU", "CCU", "NICU", "PICU", "CVICU", "ED", "ER", "OR", "PACU", "RT", "PT",
     "OT", "SW", "RN", "MD", "NP", "PA", "IT", "HR", "CM", "UR", "QA", "IV", "GI", "ID", "OB",
     "PCU", "IR", "CT", "MRI", "EMS", "DNR", "CNA", "LPN", "SLP", "ST", "SCD", "ICP", "IP",
     "NOC", "HIM", "PFS", "CDI", "APS", "CPS", "HSE", "TSA", "FBI", "DEA", "ATF", "CBP"}
)  # fmt: skip
# (the spelled ranks, and an abbreviated one after its blank: "lt" and "sgt" alone are inside
# too many words to tell; a gate, so a wider list only scans more texts)
_RANK_HINTS = (
    *SPELLED_RANKS, "marshal", " sgt", "\tsgt", " lt", "\tlt", "custody", "hold", "escort", "guard"
)  # fmt: skip
# A veterans' post by its number: "VFW Post 5917", "American Legion Post 12".
_VETERANS_POST = re.compile(
    r"(?<![\w-])(?:VFW|AMVETS|DAV|American[ \t]+Legion|Legion)[ \t]+Post[ \t]+\d{1,5}(?![\w-])"
)
# A congregation named by its rank in its town and its denomination, as American churches
# are ("First Congregational Church of Lebanon", "Second Baptist Church", "First Church of
# God"; :mod:`org_edges` adds a town after a national church's name): every word an
# everyday one, so the trade rule's name test leaves it; the denomination and the church are
# the evidence, and the town after "of" belongs to the name.
_RANKED_CHURCH = re.compile(
    r"(?<![\w-])(?:First|Second|Third|Fourth|Fifth|1st|2nd|3rd|4th|5th)[ \t]+"
    rf"(?:{DENOMINATIONS}[ \t]+|United[ \t]+){{0,3}}(?:Church|Chapel|Congregation)"
    r"(?:[ \t]+of[ \t]+[A-Z][a-z]+(?:[ \t][A-Z][a-z]+)?)?(?![\w-])"
)
_SCHOOL_END = re.compile(r"(?i:College|University|Academy|School)\Z")
_OF_SUBJECT = re.compile(
    r"[ \t]+(?:of|OF)[ \t]+(?:(?:the|THE)[ \t]+)?[A-Z][\w'’-]*"
    r"(?:[ \t]+(?:&|and|AND)[ \t]+[A-Z][\w'’-]*"
    r"|[ \t]+[A-Z][\w'’-]*)?(?![\w'’-])"
)
# The body a writer belongs to, after "we at", "the team at", "all of us at" ("We at Good
# Thread", "everyone at Cedar & Finch"): the writers are its people, so the capitalised words
# are its name, everyday or not.
_MEMBERS = ("we", "us", "team", "everyone", "everybody", "all", "staff", "colleagues", "folks")
_MEMBERS_AT = re.compile(
    rf"(?<![\w-])(?i:{'|'.join(_MEMBERS)})[ \t]+(?:(?i:here)[ \t]+)?at[ \t]+(?:the[ \t]+)?"
    rf"({_NAME_WORD}(?:[ ](?:&[ ])?{_NAME_WORD}){{0,3}})(?![\w'’-])"
)
_MEMBERS_GATE = tuple(f"{w} {here}at " for w in _MEMBERS for here in ("", "here "))
# A place named with its capital "The" mid-sentence, after a word of going or being there
# ("from The Willows at Ramsgate", "outside The Kestrel Arms", "staying at The Laurels"):
# the capital says the words are a name, the preposition that it is somewhere.
_THE_VENUE = re.compile(
    r"(?<![\w'’-])(?:at|from|to|in|outside|near|into|leaving|left|via)[ \t]+"
    rf"(The[ \t]+{_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{0,2}}"
    rf"(?:[ \t]+at[ \t]+{_NAME_WORD})?)(?![\w'’-])"
)
# A full stop and a blank inside a run read in capitals end a sentence, unless the dot ends
# a firm's or a saint's abbreviation ("DUMONTIER BROS. PAINTING", "ST. EADBURGA PARISH").
_SENTENCE_STOP = re.compile(
    r"(?<!BROS)(?<!\bCO)(?<!INC)(?<!LTD)(?<!ASSOC)(?<!\bST)(?<!\bSTS)\.\s", re.I
)
_FAMILY_FIRM = re.compile(r"(?:Bros\.?|Brothers|Sons)\Z")
_INDUSTRY_AFTER = re.compile(rf"[ \t]+(?i:{INDUSTRY_WORDS})(?![\w])")
# An industry after a name that is no English word, in mixed-case text only (in capitals
# "CATH LAB" and "CALLED SECURITY" look the same): "Fortescue Metals", "Acme Logistics Ltd".
_INDUSTRY = re.compile(
    rf"(?<![\w-])({_NAME_WORD}(?:[ -]{_NAME_WORD}){{0,2}})\s+"
    rf"(?:{INDUSTRY_WORDS})(?![\w])"
)
# Verbs of calling and telling, which in a note in capitals or lower case stand between a
# person and the trade they called ("WIFE CALLED PHARMACY", "son asks insurance").
REPORTING_VERBS = frozenset(
    {"called", "calls", "phoned", "phones", "rang", "rings", "spoke", "speaks", "asked", "asks",
     "said", "says", "told", "tells", "notified", "notifies", "contacted", "contacts",
     "informed", "informs", "updated", "updates", "faxed", "emailed", "texted", "paged",
     "wants", "needs"}
)  # fmt: skip
TRADE_DESCRIPTORS = frozenset(
    {"inpatient", "outpatient", "hospital", "clinical", "central", "main", "retail",
     "community", "specialty", "specialist", "compounding", "online", "local", "discharge",
     "ward", "satellite", "oncology", "mail", "order", "home", "health", "national", "state",
     "private", "public", "car", "medical", "travel", "life", "dental", "patient", "emergency",
     "ambulance", "non", "urgent", "aseptic", "chemotherapy", "dispensing", "hospice",
     "sunday", "nursing", "graduate", "catholic", "baptist", "methodist", "anglican",
     "veterans", "veterans'", "military", "municipal",
     "orthodox", "protestant", "evangelical", "hospital's", "hospitals", "day", "night",
     "family", "mobile", "paediatric", "pediatric", "general", "cosmetic", "special", "air",
     "road", "county", "regional", "district", "interventional", "diagnostic", "nuclear",
     "portable", "bedside", "senior", "sports", "legal", "free", "student", "university",
     "school", "palliative", "mental", "behavioral", "behavioural", "grief",
     "couples", "marriage", "addiction", "substance", "crisis", "bereavement", "trauma",
     "cardiac", "breast", "body", "chest", "oral", "sleep", "pulmonary", "his",
     "her", "their", "our", "your", "my", "the", "a", "an", "no", "new", "old",
     "and", "or", "icu", "micu",
     "sicu", "ccu", "nicu", "picu", "ed", "er", "pacu", "ems", "iv", "ct", "mri", "pet",
     "us", "xr", "ir", "pt", "ot", "cxr", "ekg", "ecg", "gp", "va", "nhs", "als", "bls",
     "vascular", "critical", "intensive", "acute", "respite", "social", "spiritual",
     "pastoral", "molecular", "neonatal", "obstetric", "womens", "women's", "men's", "child",
     "children's", "adolescent", "youth", "drug", "alcohol", "sexual", "genetic",
     "golf", "tennis", "swim", "swimming", "football", "soccer", "rugby", "cricket", "rowing",
     "sailing", "yacht", "country", "athletic", "boxing", "running", "cycling", "riding",
     "boys", "girls", "book", "glee", "chess", "fan", "breakfast", "homework", "quality"}
)  # fmt: skip
# Where a field of a printout opens: a line's start, a column's gap, a label's colon, or a
# dash or a bar between fields ("+44 20 7946 0744 - WAYFARER TRAVEL LTD").
_FIELD_START = re.compile(r"(?:^|\n|[ \t]{2}|:[ \t]?|[ \t][-–—|][ \t])\Z")
# Two words in capitals side by side: a letterhead's or a caption's line in a mixed-case text;
# the whole run of such words (with "&", an apostrophe's year, a "ST." or "CO."), read alone.
_CAPITAL_PAIR = re.compile(r"\b[A-Z]{2,}[ \t]+(?:&[ \t]+)?[A-Z]{2,}\b")
_CAPITAL_RUN = re.compile(
    r"(?<![\w'’&.-])[A-Z][A-Z'’.-]*(?:[ \t]+(?:&[ \t]+)?(?:[A-Z][A-Z'’.-]*|'\d\d))+(?![\w'’-])"
)
# The end of a field's value: the line's end, a column's gap, a separator or a bracket.
_VALUE_END = re.compile(r"[ \t]*(?:$|[ \t]{2}|[-–—|*•,;:/][ \t]|[(\[])", re.M)
# an adjective's ending: "prenatal", "genetic", "supportive", "dietary"
_ADJECTIVE = re.compile(r"(?:al|ic|ive|ary|ous)$")
# A child's day care, whose heads name kinds of care as often as centres: the words before
# them must not be the care's kind or a description ("Adult Day Care", "Publicly Funded").
_CHILDCARE = re.compile(rf"\s*(?:{CHILDCARE_HEADS})")
_CHILDCARE_KINDS = frozenset({"early", "adult", "infant", "toddler", "after", "before", "out"})
# The trade words a hospital also uses for its own services ("Neuro Physio").
_CARE_TRADES = re.compile(
    r"\s*(?:Dental|Ambulance|Physio|Chiropractic|Orthodontics|Diagnostics|Imaging|Radiology|"
    r"Counsell?ing|Home(?![ \t]+(?:Infusion|Medical))|Care|Nursing)"
)
# A listed security's name as exchanges print it, in capitals among mixed-case text:
# "MERIDIAN BNCRP DEP SHS", "HALCYON FINL CORP PFD SER B", "ORBIT HLDGS 1ST MTG BD 66" (a
# run of capital words and numbers holding a word only such names use; not MTG or INTL,
# which notes write for a meeting and international travel).
_SECURITY_WORDS = (
    r"BNCRP|BANCORP|BANCSHARES|BANCSHS|FINL|HLDGS|HLDG|PFD|PRF|SHS|ETFS|REIT|BDS|NTS|DEBS"
)
_CAP_TOKEN = r"(?:[A-Z][A-Z&'.-]*|\d{1,4}(?:ST|ND|RD|TH|%)?)"
_SECURITY = re.compile(
    rf"(?<![\w-])((?:{_CAP_TOKEN}[ \t]+){{0,5}}(?:{_SECURITY_WORDS})"
    rf"(?:[ \t]+{_CAP_TOKEN}){{0,6}})(?![\w-])"
)
# A public body by its kind and what it is for: "Department of Home Affairs", "Ministry of
# Social Development", "Commission for Regulation of Utilities", "Office of the Public
# Guardian" (its words any; a hospital's "Department of Cardiology" is refused by its term).
_BODY_KINDS = (
    "Department", "Dept", "Ministry", "Office", "Bureau", "Commission", "Agency", "Directorate",
    "Administration", "Secretariat", "Inspectorate", "Tribunal",
    # a country's mission abroad ("Embassy of Nepal", "Consulate General of Pakistan")
    "Embassy", "Consulate General", "Consulate",
)  # fmt: skip


def _body_kinds(upper: bool) -> str:
    """``_BODY_KINDS`` as one alternation, in Title case or in capitals ("Dept." either way)."""
    kinds = (k.upper() if upper else k for k in _BODY_KINDS)
    return "|".join(
        k.replace(" ", r"[ \t]+") + (r"\.?" if k.lower() == "dept" else "") for k in kinds
    )


_PUBLIC_BODY = re.compile(
    rf"(?<![\w-])(?:{_body_kinds(upper=False)})[ \t]+(?:of|for)[ \t]+(?:the[ \t]+)?"
    rf"({_NAME_WORD}(?:[ \t]+(?:(?:of|and|&|for|the)[ \t]+)?{_NAME_WORD}){{0,4}})"
)
# ... and in capitals, as a form's or a notice's heading prints it ("OFFICE OF THE CHIEF
# CORONER", "DEPARTMENT OF HOME AFFAIRS"): three capitals at least per word, so that a
# heading's "OFFICE OF MR X" or an initial stops it, and three words at most after "OF" (a
# heading in capitals runs on into the next words: "... EXAMINER LEGAL PENDING").
_PUBLIC_BODY_CAPS = re.compile(
    rf"(?<![\w-])(?:{_body_kinds(upper=True)})[ \t]+(?:OF|FOR)[ \t]+(?:THE[ \t]+)?"
    r"([A-Z]{3,}(?:[ ](?:(?:OF|AND|&|FOR|THE)[ ])?[A-Z]{3,}){0,2})(?![\w'’-])"
)
# A county's or a city's medical examiner or coroner by its office ("Kessaw County Medical
# Examiner's Office", "Harlow Coroner's Office"): the office is a public body, not a hospital.
_EXAMINER_OFFICE = re.compile(
    rf"(?<![\w'’-])((?:{_NAME_WORD}[ \t]+){{1,3}})(?:Medical[ \t]+Examiner|Coroner)(?:['’]?s)?"
    r"[ \t]+(?:Office|Service|Court)(?![\w'’-])"
)
# The area a coroner serves, as British, Irish and New Zealand inquest papers name the office
# ("HM Coroner for Greater Manchester North", "Coroner for the District of South Mayo"): the
# area is what names it, the title is any coroner's. And a county's or a parish's examiner in
# a heading's capitals ("TUCKAHOE FLATS COUNTY MEDICAL EXAMINER'S OFFICE").
_CORONER_FOR = re.compile(
    r"(?<![\w'’-])(?:HM[ \t]+)?(?:(?:Senior|Assistant|Area|Deputy|Acting)[ \t]+)?Coroner[ \t]+"
    r"for[ \t]+(?:the[ \t]+)?(?:(?:[Aa]rea|[Cc]ounty|[Dd]istrict|[Cc]ity)[ \t]+of[ \t]+)?"
    rf"({_NAME_WORD}(?:[ \t]+(?:(?:and|&|of|the)[ \t]+)?{_NAME_WORD}){{0,4}})"
)
_EXAMINER_CAPS = re.compile(
    r"(?<![\w'’-])(?:[A-Z]{3,}[ ]){1,3}(?:COUNTY|PARISH|CITY)[ ](?:MEDICAL[ ]EXAMINER|CORONER)"
    r"(?:['’]?S[ ]OFFICE|[ ]OFFICE)?(?![\w'’-])"
)
# An English health commissioner named for its area, "NHS" first and its kind last ("NHS
# Humber and North Yorkshire ICB", "NHS Tameside and Glossop CCG").
_NHS_COMMISSIONER = re.compile(
    r"\bNHS(?:[ \t]+(?:[A-Z][a-z'’-]+|and|&|of|the)){1,6}[ \t]+"
    r"(?:ICB|CCG|Integrated[ \t]+Care[ \t]+Board|Clinical[ \t]+Commissioning[ \t]+Group)\b"
)
# A licensing or certifying body by "Board" or "Council" of what it governs ("Texas Board of
# Nursing", "American Board of Sleep Medicine", "Medical Board of California"): a specialty
# after "of" is what it licenses, not a hospital's department; not a company's own board
# ("Board of Directors"), nor a college whose checklist or standard a note cites ("per the
# College of American Pathologists checklist": no person's body).
_BOARD_OF = re.compile(
    rf"(?<![\w-])((?:{_NAME_WORD}[ \t]+){{0,3}})(?:Board|Council)[ \t]+of[ \t]+"
    rf"(?:the[ \t]+)?({_NAME_WORD}(?:[ \t]+(?:(?:and|&|of)[ \t]+)?{_NAME_WORD}){{0,4}})"
)
_OWN_BOARDS = frozenset(
    {"directors", "trustees", "governors", "management", "supervisors", "commissioners",
     "elders", "deacons", "studies", "the"}
)  # fmt: skip
# A regulator, an ombudsman or a tribunal by the words before its head ("Natural Hazards
# Commission", "Residential Tenancies Tribunal", "Financial Ombudsman", "Care Quality
# Commission"), not a generic one ("the Local Authority", "Health Authority").
_HEADED_BODY = re.compile(
    # (a country's letters with their dots name its mission: "U.S. Embassy")
    rf"(?<![\w.-])((?:(?:{_NAME_WORD}|U\.S\.|U\.K\.)[ \t]+(?:(?:and|&|of)[ \t]+)?){{1,4}}"
    r"(?:Commission|Tribunal|Ombudsman|Authority|Inspectorate|Regulator|Embassy|Consulate))"
    r"(?![\w-])"
)
_HEADED_BODY_GATE = (
    "Embassy",
    "Consulate",
    "Commission",
    "Tribunal",
    "Ombudsman",
    "Authority",
    "Inspectorate",
    "Regulator",
)
# (with the stop words: "the", "our", "this" ...)
_GENERIC_BODY_WORDS = frozenset(
    {"local", "health", "regional", "national", "state", "federal", "county", "city", "district",
     "public", "prior", "same", "other", "new", "old", "relevant", "appropriate", "housing",
     "planning"}
)  # fmt: skip
# A hospital's departments by what they treat or do, read from the last word: "Department of
# Medicine", "Office of Clinical Research", "Dept of Social Work" are no public body ("the
# Department of Work and Pensions" is).
_SPECIALTIES = frozenset(
    {"medicine", "surgery", "pediatrics", "paediatrics", "radiology", "pathology", "psychiatry",
     "anesthesia", "anaesthesia", "anesthesiology", "anaesthetics", "nursing", "pharmacy",
     "cardiology", "oncology", "neurology", "urology", "obstetrics", "gynecology", "gynaecology",
     "orthopaedics", "orthopedics", "dermatology", "ophthalmology", "emergency", "critical",
     "research", "education", "quality", "safety", "experience", "rehabilitation",
     "physiotherapy", "nutrition", "dietetics", "work", "control", "prevention", "laboratory",
     "imaging", "haematology", "hematology", "nephrology", "gastroenterology", "endocrinology",
     "geriatrics", "care", "transplant", "genetics", "microbiology", "therapy", "therapies"}
)  # fmt: skip
# Courts: "Ontario Court of Justice", "District Court of Maryland", "Family Court".
_COURT = accelerated(
    re.compile(
        rf"(?<![\w-])((?:{_NAME_WORD}\s+){{0,2}}"
        r"(?:(?:(?:Supreme|Superior|District|Circuit|County|Family|Magistrates['’]?|Crown|Youth|"
        r"Children['’]s|Federal|High|Provincial|Probate|Municipal|Juvenile|Coroner['’]?s|Sheriff|"
        r"Appeals?|Tax|Small\s+Claims)\s+(?i:and|&)\s+)?"  # "Probate and Family Court"
        r"(?:Supreme|Superior|District|Circuit|County|Family|Magistrates['’]?|Crown|Youth|"
        r"Children['’]s|Federal|High|Provincial|Probate|Municipal|Juvenile|Coroner['’]?s|Sheriff|"
        r"Appeals?|Tax|Small\s+Claims)\s+Court(?:\s+(?i:of)\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?"
        # where it sits ("Crown Court at Snaresbrook") and which district or circuit ("District
        # Court, Fourth Judicial District")
        r"|[ ]at[ ][A-Z][a-z]+(?:[ ][A-Z][a-z]+)?"
        r"|,?[ ](?:[A-Z][a-z]+(?:-[A-Z][a-z]+)?|\d{1,2}(?:st|nd|rd|th))[ ]Judicial[ ]"
        r"(?:District|Circuit))?|"
        r"Courts?\s+of\s+(?:Justice|Appeal|Protection|Session|Queen's\s+Bench|King's\s+Bench)"
        r"(?:\s+(?:for|of)\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)?))(?![\w])"
    )
)
# A vessel by its prefix and Title-case name: "S/Y Halyard Wren", "M/V Coral Dawn", "USNS
# Mercy" (a ship's name places its crew and passengers). Unslashed prefixes that are also
# clinical abbreviations (MV ventilation, MS sclerosis, SV stroke volume) only after a
# vessel word: "aboard MV Island Star".
_VESSEL_NAME = r"((?:[A-Z][a-z][\w'’-]*)(?:[ \t]+[A-Z][a-z][\w'’-]*){0,2})"
_VESSEL = accelerated(
    re.compile(
        r"(?<![\w/])(?:[SMRF]/[YVS]|HMS|HMCS|HMAS|HMNZS|USS|USNS|USCGC|RMS|NOAAS)\.?[ \t]+"
        + _VESSEL_NAME
        + r"|(?i:aboard|on\s+board|onboard|vessel|ship|yacht|ferry|cruise\s+ship|tanker|trawler)"
        r"[ \t]+(?:the[ \t]+)?(?:MV|MY|SY|SV|MS|SS|RV|FV|MT)\.?[ \t]+" + _VESSEL_NAME
    )
)
# A union's local by its number ("Teamsters Local 727", "IBEW Local 46").
_UNION_LOCAL = re.compile(r"(?<![\w-])([A-Z][a-z]+|[A-Z]{2,6})[ \t]+Local[ \t]+\d{2,5}(?![\w-])")
# An emergency medical service named by its place or its own name: "Allen Co EMS",
# "Tri-County EMS", "Delta Angel Air Ambulance" (a name of one to three capitalised words).
_EMS = re.compile(
    r"(?<![\w'’-])(?!The\b|THE\b)((?:[A-Z](?:[\w'’-]*|[a-z]{0,2}\.)[ \t]+){1,3})"
    r"(?:EMS|Ambulance(?:[ \t]+Service)?|AMBULANCE|Air[ \t]+Med(?:ical)?|AIR[ \t]+MED(?:ICAL)?|"
    r"Life[ \t]?Flight|LIFE[ \t]?FLIGHT)(?![\w-])"
)
_EMS_GATE = re.compile(r"EMS|(?i:ambulance|air[ \t]+med|life[ \t]?flight)")
# A refuge by its name: a shelter, a safe house, a mission, a sober-living or halfway house
# ("Lantern House Shelter", "Four Corners Safe House", "Tumbleweed Sober Living", "Harbor
# Light Mission"). Where a person sleeps or hides locates them, and such names are plain
# words, so the head decides; words that say only what kind of refuge it is are refused
# ("Homeless Shelter", "the Women's Refuge"). Mixed case only.
_REFUGE = re.compile(
    rf"(?<![\w'’-])({_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{0,3}})[ \t]+"
    r"(?:Shelter|Safe[ \t]+House|Sober[ \t]+Living|Rescue[ \t]+Mission|Mission|Refuge|"
    r"Halfway[ \t]+House|Recovery[ \t]+House|Hostel|Night[ \t]+Shelter)(?![\w'’-])"
)
_REFUGE_GATE = ("Shelter", "House", "Living", "Mission", "Refuge", "Hostel")
# Words that say what kind of refuge, never which one.
_REFUGE_KINDS = frozenset(
    {"homeless", "women's", "womens", "women’s", "men's", "mens", "men’s", "family", "families",
     "emergency", "animal", "bus", "dog", "cat", "pet", "night", "winter", "cold", "weather",
     "youth", "domestic", "violence", "dv", "local", "county", "city", "overflow", "temporary",
     "crisis", "our", "the", "a", "an", "his", "her", "their", "this", "that", "nearest",
     "another", "new", "old", "same", "wildlife", "storm", "tornado", "fallout", "space",
     "trade", "medical", "church", "faith", "rescue", "adult", "teen", "veterans", "vets"}
)  # fmt: skip
# Words that say what kind of service, never which one ("County EMS", "The Air Ambulance").
_SERVICE_KINDS = frozenset(
    {"the", "air", "ground", "county", "city", "private", "emergency", "rural", "volunteer",
     "state", "regional", "local", "municipal", "fire", "rescue", "medical", "critical", "care",
     "transport", "paramedic", "basic", "advanced", "life", "support", "hospital", "ambulance",
     "a", "an", "by", "via", "per", "called", "arrived", "brought", "bls", "als", "our",
     "non", "repetitive", "scheduled", "wheelchair", "stretcher", "medicaid", "medicare", "ems"}
)  # fmt: skip
# A legal suffix in a lower-cased note: "requested by pratt ltd" (one name word before it).
_LOWER_LEGAL = re.compile(r"(?<![\w-])([a-z][a-z'’-]{2,})\s+(?:ltd|llp|llc|inc|plc|gmbh)\b\.?")
_HYPHEN_PAIR = re.compile(rf"(?<![\w-])({_NAME})-({_NAME})(?![\w-])")
# The word right before such a pair, read for a person's cue (a title, "pt").
_WORD_BEFORE_PAIR = re.compile(r"(?<![\w-])([A-Za-z]+)\.?[ \t]+\Z")
_PERSON_CUES = TITLES | frozenset({"pt", "patient"})
# The name after an organisation cue: up to four capitalised words, "&" allowed between them.
_NAME_RUN = r"([A-Z][\w&'’.-]+(?:[ \t]+(?:&[ \t]+)?[A-Z][\w&'’.-]+){0,3})"
_CUE = accelerated(
    re.compile(
        r"\b(?:(?i:works?|worked|working|employed|job|position)\s+(?:for|at|by|with)|"
        # where a job began or ended, or who else works there: "laid off from Ridgeline
        # Foods", "retired from Boeing", "hired by Kestrel", "a coworker at Lowe's"
        r"(?:(?i:laid\s+off|let\s+go|fired|retired|resigned|furloughed)\s+from|"
        r"(?i:hired|contracted)\s+(?:by|at)|"
        r"(?i:co-?workers?|colleagues?|boss|manager|supervisor|foreman)\s+(?:at|from))"
        r"(?!\s+(?i:work|home|school|night|church|the\s+(?:moment|time|end))\b)|"
        r"(?i:at\s+work)\s*[(,:]|(?i:employer)\s++(?:is\s+)?)\s*+"  # blanks read once
        r"(?:the\s+)?([A-Z][\w&'.-]+(?:[ \t]+(?:&[ \t]+)?[A-Z][\w&'.-]+){0,4})"
        r"|\b(?i:employer|company|firm|organi[sz]ation)\s*:\s*([A-Z][^\n,;]{1,60})"
        r"|\b(?i:pharmacy|chemist|school|nursery|church)\s*:\s*"
        + _NAME_RUN
        # the payer on a form: "Insurance: Brightway", "Payer: Corvana Health"
        + r"|\b(?i:insurance|insurer|ins|insurance\s+co(?:mpany)?|payer|payor|carrier)\s*:\s*"
        + _NAME_RUN
        # the agency on a form: "Resettlement agency: X", "Home care agency: X"
        + r"|\b(?i:agency|vendor|contractor)\s*:\s*"
        + _NAME_RUN
        # an occupation, then where: "a welder at Dofasco", "works as a cleaner for Mitie"
        + r"|\b(?i:a|an|as)\s+(?:(?i:as\s+)?(?i:a|an)\s+)?(?:[a-z]+\s+)?"
        r"(?i:[a-z]+(?:er|or|ist|ian|man|woman|worker|hand|ant|ent)|nurse|teacher|clerk|cook|chef|"
        r"mechanic|labourer|laborer|technician|assistant|carer|guard|aide|agent|analyst|student|"
        r"intern|secretary|pilot|nanny|maid)\s+(?i:at|for|with|by)\s+"
        + _NAME_RUN
        # where someone works: "from her office at Infosys", "on shift at Tesco"
        + r"|\b(?i:office|workplace|factory|warehouse|plant|shift|job)\s+(?i:at|with)\s+"
        + _NAME_RUN,
    )
)
# The cue groups of ``_CUE`` that say where someone works (not a form's label): the verb's,
# the occupation's and the workplace's.
_WORK_GROUPS = frozenset({1, 6, 7})
# One word after them that is no employer ("works at Night", "a carer for Mum" is kin).
_NOT_EMPLOYERS = frozenset(
    {"night", "nights", "home", "work", "school", "church", "weekends", "weekend", "present",
     "times", "least", "length", "random", "large", "first", "last", "once", "now", "hospital",
     "university", "college", "council", "government", "agency", "himself", "herself"}
)  # fmt: skip
# A body named "X of Y": a university, a bank, a diocese, a religious order, a society, a
# parish or school "Our Lady of ..." ("University of the Platte Valley", "Bank of Ozarks",
# "Sisters of Mercy", "Friends of Hope", "Our Lady of the Lighthouse"). Not a school,
# department, board or council of ("School of Nursing" is a part of one; departments and boards
# are the government's).
_OF_FORM = accelerated(
    re.compile(
        r"(?<![\w-])(?:University|College|Institute|Academy|Bank|Diocese|Archdiocese|Society|"
        r"Seminary|Conservatory|Sisters|Daughters|Knights|Friends|Congregation|"
        r"Our[ \t]+Lady)[ \t]+of[ \t]+"
        r"(?:the[ \t]+)?[A-Z][\w'’.-]+(?:[ ](?:&[ ])?[A-Z][\w'’.-]+){0,3}"
    )
)
# The words of a profession or a specialty after "of" ("Physicians", "Pathologists",
# "Medicine", "Nursing", "Cardiology", "Obstetricians"): a professional body.
_PROFESSION = re.compile(
    r"(?:ists|ians|ology|logy|iatry|iatrics|medicine|nursing|surgery|surgeons|care|pharmacy|"
    r"dentistry|pediatrics|paediatrics|orthopedics|orthopaedics|obstetrics)$"
)
# Heads that make "X Group" a cohort or a blood type, not a company.
_NOT_HEADS = frozenset(
    {"blood", "age", "support", "study", "control", "treatment", "risk", "ethnic", "working",
     "grief", "bereavement", "parenting", "recovery",
     "focus", "peer", "therapy", "dose", "diagnosis", "patient", "care", "brain", "food",
     "the", "a", "an", "this", "that", "our", "your", "my", "his", "her", "their",
     # a sentence's verb before the name: "Attends Little Acorns Preschool"
     "attends", "attended", "attending", "visits", "visited", "goes", "went", "lives",
     "works", "moved", "joined", "left", "seen", "referred", "transferred", "admitted",
     "called", "call", "phoned", "see", "via", "by", "from", "to", "per", "with", "for",
     # a plan's verb before a service: "Needs Home Support twice daily", "Arrange Home Care"
     "needs", "need", "requires", "require", "arrange", "arranged", "increase", "increased",
     "continue", "continues", "start", "started", "restart", "restarted", "declined",
     "community", "community's",
     # where it stands ("NEAR SLATERHILL COLLEGE" in a note in capitals)
     "near", "at", "in", "on", "behind", "opposite", "outside",
     # a message's greeting or its addressee's label ("ATTN Blood Bank:", "Hello Coag Lab")
     "attn", "attention", "hello", "hi", "hey", "dear"}
)  # fmt: skip
# Family words the relatives list leaves out, as patients write them.
_KIN = frozenset({"mum", "mam", "mummy", "mommy", "nan", "nana", "gran", "granny", "grandma",
                  "grandpa", "papa", "pop", "family", "kids", "children"})  # fmt: skip
# A form's next label after a name run: "Insurance: Brightway ID 4471", "... Tel 555".
_LABEL_AFTER = re.compile(r"\s+(?=(?i:id|no|number|member|policy|ref|tel|ph|phone|fax)\b)")
# Public programmes and non-answers after a payer label: no company to remove; nor the Blue
# Cross / Blue Shield brand, which some thirty plans share (the brand names no one plan).
PROGRAMMES = frozenset(
    {"blue", "bcbs", "medicare", "medicaid", "masshealth", "medigap", "tricare", "champva",
     "va", "nhs", "hse", "ohip", "ramq", "msp", "acc", "sassa", "none", "nil", "n/a", "na",
     "uninsured", "private", "commercial", "pending", "unknown", "self", "state", "federal",
     "workers", "veterans"}
)  # fmt: skip
# Public services an employer cue can name ("retired from the Navy"): no firm to remove.
_PUBLIC_SERVICE = frozenset(
    {"army", "navy", "military", "marines", "usmc", "usaf", "police", "government", "federal",
     "state", "county", "city", "council", "military's"}
)  # fmt: skip
_NO_FIRM_HEADS = PROGRAMMES | _PUBLIC_SERVICE
# Relatives' words that are also firms' names before a trade ("Guardian Dental", "Good
# Neighbour Pharmacy"); kin ("Mother", "Son") before a trade word stay people.
_FIRM_RELATIVES = frozenset(
    {"guardian", "partner", "partners", "friend", "friends", "neighbour", "neighbor", "proxy"}
)
# What a bank holds when it is a service ("Blood Bank"), not a firm's name.
_DONATED = frozenset({"blood", "eye", "tissue", "bone", "milk", "food", "organ", "sperm", "cord"})
_EPONYM_PAIRS = frozenset(p[:2] for p in EPONYMS if len(p) >= 2)
_NOT_PARTNERS = TITLES | RELATIVES | NOT_NAMES | CALENDAR_WORDS
_DAY_OR_MONTH = re.compile(rf"(?:{WEEKDAY}|{MONTH})\.?")
_SENTENCE_START = re.compile(r"(?:^|[.!?:\n]\s*|^\W*)$")


# -- Quick tests that rule a text out before a pattern's scan (issue 14: CPU a note) --------
# Most notes name no firm, and the patterns above are entered at every capital letter. Each
# gate below is a test every match of its pattern passes: the word that must stand in it as a
# whole run of ASCII letters (the pattern has a blank or a non-word character on each side of
# it), or a string it must hold; a text that passes no test is not scanned. Same matches.
_ASCII_WORD = re.compile(r"[A-Za-z]+")


def _ascii_words(text: str) -> frozenset[str]:
    """The runs of ASCII letters of ``text`` (as the gates read a word)."""
    return frozenset(_ASCII_WORD.findall(text))


class _Gate:
    """One of ``words`` is a run of ``_ascii_words``, both words of a pair in ``both`` are,
    or one of ``subs`` is in the text."""

    __slots__ = ("both", "subs", "words")

    def __init__(
        self, words: str, subs: tuple[str, ...] = (), both: tuple[tuple[str, str], ...] = ()
    ) -> None:
        self.words = frozenset(words.split())
        self.subs = subs
        self.both = both

    def __call__(self, text: str, words: frozenset[str]) -> bool:
        if not self.words.isdisjoint(words):
            return True
        for a, b in self.both:
            if a in words and b in words:
                return True
        return any(sub in text for sub in self.subs)


# _SUFFIX: its suffix after a blank ("Pty\.?\s?Ltd" may run on: "PtyLtd"); the dotted forms
# of single letters by their dots.
_SUFFIX_GATE = _Gate(
    "Inc Incorporated Corp Corporation Co Company Ltd Limited LLC LLP PLC Plc plc GmbH Pty "
    "PtyLtd WLL Lda Ltda SARL Sp Kft Zrt Chtd Llc Llp Pllc Group Holdings Associates Partners "
    "Partnership Sons Bros Bancorp Bank Industries Enterprises Ventures Technologies "
    "Pharmaceuticals Consulting Trust Fund ETF INC CORP CORPORATION COMPANY LTD LIMITED CO "
    "GROUP HOLDINGS ASSOCIATES PARTNERS INDUSTRIES ENTERPRISES TECHNOLOGIES BANK Solutions "
    "Administrators Attorneys SOLUTIONS ADMINISTRATORS ATTORNEYS Assoc Assocs ASSOC ASSOCS",
    subs=("L.L.C.", "L.P.", "S.A.", "N.V.", "W.L.L", "S.p.A.", "s.r.o.", "d.o.o.", "A.Ş.", "R.L."),
    both=(("Health", "Plan"), ("HEALTH", "PLAN")),
)
_SHORT_SUFFIX_GATE = _Gate(
    "AG SA SE NV LP SAS SpA AB ASA Oyj KG ApS Oy SRL GmbH Sdn Bhd Pte KK FC AFC RFC GAA",
    subs=("B.V.", "A/S", "S.L.", "S.r.l."),
)
# _TRADE: the trade's word after the name's blank ("Home\s*[Cc]are", "Pre-?[Ss]chool" and
# "(?:Life\s*(?:&|and)\s*)?Annuity" may run words together); a school, a church or a club by
# its head; where the first word is common ("Nursing Note", "Home:", "Health"), the second.
_TRADE_GATE = _Gate(
    "Pharmacy Pharmacies Chemist Chemists Solicitors Funeral Dental Ambulance Physio "
    "Physiotherapy Chiropractic Orthodontics Diagnostics Imaging Legal Lawyers Law "
    "Counseling Counselling HomeCare Homecare Agency Insurance Removals Opticians "
    "Mobility Transport Couriers Mutual Assurance Casualty Indemnity Underwriters Annuity "
    "andAnnuity LifeandAnnuity Blood Eye Tissue Bone Milk Food Organ Donor Gift Pre PreSchool "
    "Preschool Daycare DayCare Childcare ChildCare Learning "
    "Nursery Primary Elementary School Schools Intermediate Kindergarten Montessori Academy Parish "
    "Mosque Synagogue Temple Gurdwara Church Chapel Club Visiting HMO PPO College University "
    "Polytechnic TAFE Mortuary Crematorium Cremation Cemetery Cemetary Churchyard Columbarium "
    "Mausoleum Burial Grill Bistro Brasserie Diner Tavern "
    "Steakhouse Pizzeria Restaurant Tabernacle Cathedral Basilica Infusion Orthotics "
    "Prosthetics Limb",
    subs=("O&P",),
    both=(
        ("Day", "Care"),
        ("Day", "care"),
        ("Child", "Care"),
        ("Child", "care"),
        ("Home", "Care"),
        ("Home", "care"),
        ("Home", "Health"),
        ("Home", "Support"),
        ("Care", "Services"),
        ("Radiology", "Group"),
        ("Medical", "Supply"),
        ("Medical", "Supplies"),
        ("Medical", "Equipment"),
        ("Home", "Medical"),
        ("Health", "Plan"),
        ("Health", "Plans"),
        ("Memorial", "Park"),
        ("Memorial", "Gardens"),
        *((a, b) for a in ("Credit", "Debt") for b in ("Recovery", "Recoveries", "Collection")),
        *((a, "Collections") for a in ("Credit", "Debt")),
    ),
)
_INDUSTRY_GATE = _Gate(
    "Police Garda Constabulary Power Water Electric Electricity Utilities Fibre Fiber "
    "Cab Seafood Seafoods Fisheries Lettings Broadband Coworking Freightways Freightlines "
    "Systems Networks Traders Trading Distributors Wholesale Imports Exports Meatpacking Packers "
    "Metals Mining Drilling Recruitment Recruiting Hauling Haulage Pathology Motors Airlines "
    "Airways Logistics Freight "
    "Foods Energy Security Construction "
    "Builders Plumbing Electrical Engineering Laboratory Laboratories Software Telecom "
    "Supermarket Supermarkets Dairy Bakery Hotel Hotels Cleaning Staffing Realty Millwork "
    "Lumber Hardware Roofing Landscaping Trucking Towing Movers Catering Brewery Winery "
    "Vineyard Vineyards Distillery Printing Upholstery Flooring Masonry Welding Machining "
    "Fabrication Textiles Apparel Furniture Appliances Auto Analytics Robotics Biotech "
    "Therapeutics Aerospace Aviation Shipping Storage Rentals Courier Couriers Taxi Taxis Cabs "
    "Laundromat Laundry Cleaners Coaches Coachlines Charters Fitness Gym Credit Building Super "
    "Interpreting Interpreters Translations Choir Chorale Singers Orchestra Harriers "
    "Superannuation Mobile Wireless Painting Decorating Paving Excavating Excavation Heating "
    "HVAC Siding Books Booksellers Bookshop Teas Grocer Grocers Groceries Parcel Parcels "
    "Hydro Utilities Properties Property Paramedics Florist Florists Jewellers "
    "Jewelers Butcher Butchers Tyres Tires Glassworks Joinery Carpentry Lending Loans Finance "
    "Servicing Lines "
    "Tours Travel Adventures Expeditions Safaris Cruises Campervans Motorhomes Car Hire Events "
    "Residency Resort Resorts Hostel Hostels Residential Power Gas Apothecary Architects "
    "Architecture Accountants Accounting Accountancy Bookkeeping Consulting Consultants Capital "
    "Investments Advisors Advisory Wealth"
)
# _VESSEL: its prefix, slashed or not.
_VESSEL_GATE = _Gate(
    "HMS HMCS HMAS HMNZS USS USNS USCGC RMS NOAAS MV MY SY SV MS SS RV FV MT",
    subs=tuple(f"{a}/{b}" for a in "SMRF" for b in "YVS"),
)
_LOWER_LEGAL_GATE = _Gate("ltd llp llc inc plc gmbh")
_SECURITY_GATE = _Gate(
    "BNCRP BANCORP BANCSHARES BANCSHS FINL HLDGS HLDG PFD PRF SHS ETFS REIT BDS NTS DEBS"
)
_OF_FORM_GATE = _Gate(
    "University College Institute Academy Bank Diocese Archdiocese Society Seminary "
    "Conservatory Sisters Daughters Knights Friends Congregation Our"
)
# _PARTNERS and _HYPHEN_PAIR from their comma and their hyphen (a literal: skipped to in C).
_PARTNERS_GATE = re.compile(rf",\s+{_NAME},?\s+(?:and|&)\s+[A-Z][a-z]")
_HYPHEN_PAIR_GATE = re.compile(r"-[A-Z][a-z][a-z'-]")


def _name_list(resource: str) -> tuple[_Gate, str]:
    """A hand-written list's gate and the alternation of its names, each as written and in
    capitals (a note in capitals: "AETNA", "HMRC" is one already). The gate holds each name's
    longest word, which the text must hold for the name to be there: "America" of "Bank of
    America", not "Bank"; "Canada" of "Air Canada", not "Air" (a note's "Air entry")."""
    names: set[str] = set()
    keys: set[str] = set()
    for line in resource_lines(resource):
        names.update({line, line.upper()})
        key = max(_ASCII_WORD.findall(line), key=len)
        keys.update({key, key.upper()})
    alternation = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return _Gate(" ".join(sorted(keys))), alternation


@cache
def insurers() -> tuple[_Gate, re.Pattern[str]]:
    """The well-known health insurers (resources/health_insurers.txt): a gate of their longest
    words, as written and in capitals, and one pattern of the names, each as written and, but
    an acronym, in capitals ("AETNA" of a note in capitals); a "Blue Cross", "Blue Shield" or
    "BCBS" with the state or province after "of"."""
    gate, alternation = _name_list("health_insurers.txt")
    pattern = re.compile(
        rf"(?<![\w&'’-])(?:{alternation})(?![\w'’-])"
        r"(?:(?:(?<=Shield)|(?<=SHIELD)|(?<=Cross)|(?<=CROSS)|(?<=BCBS))[ \t]+(?:of|OF)[ \t]+"
        r"(?:the[ \t]+)?"
        r"[A-Z][A-Za-z]+(?:[ \t][A-Z][A-Za-z]+)?)?"
    )
    return gate, pattern


# Lists of names read as written and in capitals, with nothing around them: public bodies
# (tax, benefits, licensing, immigration), well-known firms (banks, utilities, chains,
# carriers, large employers) and national charities and voluntary bodies; each file's header
# says what it leaves out and why.
_PLAIN_LISTS = ("public_bodies.txt", "well_known_firms.txt", "national_charities.txt")


def _titled(name: str) -> str | None:
    """A one-word brand's inner capitals lowered, as notes write it ("CyraCom" as "Cyracom",
    "MedSTAR" as "Medstar"), unless that is an English word ("ConEd", "coned")."""
    if not name.isalpha() or name.isupper() or not any(c.isupper() for c in name[1:]):
        return None
    titled = name[0].upper() + name[1:].lower()
    return None if english_word(titled.lower(), resource_words("english_words.txt.gz")) else titled


_DOTTED = {"US": "U.S.", "UK": "U.K."}


@cache
def listed(resource: str) -> Callable[[str, frozenset[str]], list[tuple[int, int]]]:
    """A finder of the names of one of ``_PLAIN_LISTS`` in a text, given the text's runs of
    ASCII letters: each name as written and in capitals, matched case and all ("Home Office"
    is a ministry, a "home office" a room), a one-word brand also with its inner capitals
    lowered (:func:`_titled`), the longest at a place first.

    The names are grouped by their longest word, and a text is searched only for the groups
    whose word it holds: one alternation of every name, tried at every position, cost 1-2 ms
    a note whenever a common word ("Royal", "General", "Pharmacy") let it run."""
    groups: dict[str, set[str]] = {}
    for line in resource_lines(resource):
        key = max(_ASCII_WORD.findall(line), key=len)
        # (a country's letters written with their dots: "U.S. Citizenship and Immigration
        # Services" for "US Citizenship ...")
        forms = [line] + [_DOTTED[w] + line[2:] for w in _DOTTED if line.startswith(w + " ")]
        for form in forms:
            groups.setdefault(key, set()).add(form)
            groups.setdefault(key.upper(), set()).add(form.upper())
        if (titled := _titled(line)) is not None:
            groups.setdefault(titled, set()).add(titled)
    patterns = {
        key: re.compile(
            r"(?<![\w&'’-])(?:"
            + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
            + r")(?![\w'’-])"
        )
        for key, names in groups.items()
    }

    def find(text: str, runs: frozenset[str]) -> list[tuple[int, int]]:
        hits = sorted(
            (m.span() for key in patterns.keys() & runs for m in patterns[key].finditer(text)),
            key=lambda span: (span[0], -span[1]),
        )
        out: list[tuple[int, int]] = []
        for start, end in hits:
            if not out or start >= out[-1][1]:
                out.append((start, end))
        return out

    return find


class OrganizationRecognizer(LocalRecognizer):
    """Organisation names by grammar; see module docstring."""

    def __init__(self, lexicon: Lexicon | None = None) -> None:
        self.lexicon = lexicon
        super().__init__("AuditorOrganizationRecognizer", [Entity.ORGANIZATION.value])

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        view = TokenView.shared(text, nlp_artifacts)
        runs = _ascii_words(text)
        # read the same whatever the text's case: listed securities and quoted firms
        either = self._securities(text, runs) if re.search(r"[a-z]", text) else []
        either += self._quoted_firms(text) if any(q in text for q in QUOTES_OPEN) else []
        gate, pattern = insurers()
        if gate(text, runs):  # (a plain test first: most notes name no insurer)
            either += [
                self._result(m.start(), m.end(), SUFFIX_SCORE) for m in pattern.finditer(text)
            ]
        for find in map(listed, _PLAIN_LISTS):
            either += [self._result(s, e, SUFFIX_SCORE) for s, e in find(text, runs)]
        if " OF " in text or " FOR " in text:
            either += self._capital_bodies(text)
        if "NHS" in text:
            either += [
                self._result(m.start(), m.end(), CUE_SCORE)
                for m in _NHS_COMMISSIONER.finditer(text)
            ]
        if "EXAMINER" in text or "CORONER" in text:
            either += [
                self._result(m.start(), m.end(), CUE_SCORE) for m in _EXAMINER_CAPS.finditer(text)
            ]
        if not view.shouting:
            out = self._grammar(text, runs) + either + self._capital_courts(text)
            if _DESK_GATE.search(text):
                out += self._platform_desks(text, view)
            return out + self._capital_lines(text)
        # The grammar reads capitals; an ALL CAPS or all lower-case note has none to read
        # ("FUNERAL BY HOWARD TRANSPORT", "copy to harris and sons"). It reads a copy with the
        # words capitalised as in a title (same offsets) instead.
        cased = capitalise_words(text)
        cased_words = _ascii_words(cased)
        out = self._shouted(text, self._grammar(cased, cased_words, pairs=False))
        if " of " in cased and _OF_FORM_GATE(cased, cased_words):
            out += self._of_forms(text, cased, any_case=True)
        partners = _PARTNERS.finditer(cased) if _PARTNERS_GATE.search(cased) else ()
        for m in partners:  # "wilson, norman and murphy"
            names = [w for w in re.findall(r"[A-Za-z'-]+", m.group()) if w.lower() != "and"]
            if self.lexicon is not None and all(
                self.lexicon.is_surname(w.lower()) and not self._plain(w) for w in names
            ):
                out.append(self._result(m.start(), m.end(), PARTNERS_SCORE))
        for m in _LOWER_LEGAL.finditer(lower_same_length(text)):  # "SHEPPARD INC", "begum llp"
            if m.group(1) not in NOT_NAMES and not self._plain(m.group(1)):
                out.append(self._result(m.start(), m.end(), CUE_SCORE))
        return out + either

    def _capital_bodies(self, text: str) -> list[RecognizerResult]:
        """``_PUBLIC_BODY_CAPS``: a public body's heading in capitals, not a department of
        what a hospital treats ("DEPARTMENT OF MEDICINE")."""
        out = []
        for m in _PUBLIC_BODY_CAPS.finditer(text):
            last = re.findall(_LETTER_RUN, m.group(1))[-1].lower()
            if not (self._clinical_word(last) or last in _SPECIALTIES):
                out.append(self._result(m.start(), m.end(), CUE_SCORE))
        return out

    def _shouted(self, text: str, found: list[RecognizerResult]) -> list[RecognizerResult]:
        """The names of ``found`` (the grammar's, read on a Title-case copy of ``text``) that
        hold in capitals: short names only, for a long run of capitalised words there is a
        sentence, not a name, and partnership shapes ("Shift, Colace and Senna") need real
        capitals."""
        out = []
        for r in found:
            stop = _SENTENCE_STOP.search(text[r.start : r.end])  # a sentence ends inside
            if stop:
                r.end = r.start + stop.start() + 1
            gap = text.rfind("  ", r.start, r.end)  # a column's edge: the name is after it
            if gap >= 0:
                r.start = gap + len(text[gap : r.end]) - len(text[gap : r.end].lstrip())
            words = list(re.finditer(r"[^\W\d_][\w'’&.-]*", text[r.start : r.end]))
            # Leading ordinary words are the sentence ("take one tablet twice daily ward
            # ltd"); what is left must hold a name or an unknown word, not only the suffix.
            # A name that fills a field of a printout is no sentence: it opens after a
            # column's gap, a label's colon or at a line's start ("K1123009   MOUNTAINEER
            # LIFE & ANNUITY   INS").
            fills_field = _FIELD_START.search(text, max(0, r.start - 3), r.start) is not None
            while words and self._plain(words[0].group()) and not fills_field:
                words.pop(0)
            comma = text.rfind(", ", r.start, r.start + words[-1].start()) if words else -1
            if len(words) > 5 and comma >= 0:
                # a signature's job title before the firm: "PAYROLL ANALYST, GLIMMERFORD
                # FIELDWORKS LLC" (the name is after the title's comma)
                r.start = comma + 2
                words = list(re.finditer(r"[^\W\d_][\w'’&.-]*", text[r.start : r.end]))
            if not words or all(self._plain(w.group()) for w in words) or len(words) > 5:
                continue
            if all(_ANY_SUFFIX.fullmatch(w.group()) for w in words):
                continue  # the firm's form alone, its name read as the sentence: no firm
            verb = next((i for i, w in enumerate(words) if w.group().lower() in REPORTING_VERBS), 0)
            if verb:
                # "SON TEODOR PHONED INSURANCE": a sentence, its object a trade, no firm; but
                # a partnership's names stand whole before the verb ("GIN & SEED CALLED")
                if "&" not in text[r.start : r.start + words[verb - 1].end()]:
                    continue
                r.end = r.start + words[verb - 1].end()
                words = words[:verb]
            if len(words) == 1 and self._english(words[0].group()):
                continue  # "works at night", "job at home": a surname too, but no firm alone
            r.start += words[0].start()
            out.append(r)
        return out

    def _capital_lines(self, text: str) -> list[RecognizerResult]:
        """A firm's or a body's name in capitals in a mixed-case text, as a letterhead, a
        caption or a form's field prints it ("THAMES VALLEY POLICE - CENTRAL TICKET OFFICE",
        "NORTHLINE CAR & TRUCK RENTAL"): the grammar on a Title-case copy, kept where the
        text is in capitals, and read as a shouted note's names are."""
        found = []
        # each run of words in capitals alone, on its own Title-case copy (a note's other
        # words are no part of a letterhead's name, and the grammar reads a short run fast)
        for run in _CAPITAL_RUN.finditer(text) if _CAPITAL_PAIR.search(text) else ():
            cased = capitalise_words(run.group())
            for r in self._grammar(cased, _ascii_words(cased), pairs=False, industry=True):
                r.start, r.end = r.start + run.start(), r.end + run.start()
                found.append(r)
        return [r for r in self._shouted(text, found) if self._stands_alone(text, r)]

    def _stands_alone(self, text: str, r: RecognizerResult) -> bool:
        """Whether a name read in capitals is the line's or the field's whole value (it ends
        at the line's end, a column's gap or a separator: "THAMES VALLEY POLICE - CENTRAL
        TICKET OFFICE"), or opens on a surname or a place that is no English word
        ("WESTBROOK HIGH SCHOOL CLASS OF '95"); a heading's words run on ("NEW HIRE
        ONBOARDING", "CHARITY FUND SUPPORT")."""
        if _VALUE_END.match(text, r.end):
            return True
        first = re.match(_LETTER_RUN, text[r.start : r.end])
        key = first.group().lower() if first else ""
        lex = self.lexicon
        return (
            lex is not None
            and bool(key)
            and not lex.is_english(key)
            and (lex.is_surname(key) or key in lex.places)
        )

    def _of_forms(
        self, text: str, cased: str | None = None, *, any_case: bool = False
    ) -> list[RecognizerResult]:
        """The "X of Y" bodies of ``text`` (read on ``cased``, a Title-case copy, when given;
        in a mixed-case text only where it is in capitals, unless ``any_case``),
        not a profession's or a specialty's college or society ("College of American
        Pathologists", "Society of Critical Care Medicine"), which names no one's employer."""
        out = []
        for m in _OF_FORM.finditer(cased or text):
            if cased is not None and not any_case and not text[m.start() : m.end()].isupper():
                continue  # in mixed case, a line in capitals only
            body = m.group()
            named = re.split(r"[ \t]+of[ \t]+", body, maxsplit=1)[1]
            keys = [normalize(w.strip(".,")) for w in named.split()]
            if any(_PROFESSION.search(k) for k in keys):
                continue
            if self.lexicon is not None:
                # "Our Lady of the Lake Regional Medical Center": the name ends before a
                # clinical word (the facility's head, read by the facility rules)
                stop = next((i for i, k in enumerate(keys) if k in self.lexicon.stoplist), None)
                if stop is not None:
                    if stop == 0 or (keys[0] == "the" and stop == 1):
                        continue
                    cut = list(re.finditer(r"\S+", named))[stop - 1].end()
                    body = body[: len(body) - len(named) + cut]  # (the text's own blanks)
                    keys = keys[:stop]
            if any_case and self.lexicon is not None and all(self._plain(k) for k in keys):
                continue  # no capitals to tell: "the university of the pt's choice"
            end = m.start() + len(body.rstrip("."))  # a sentence's full stop after it
            out.append(self._result(m.start(), end, CUE_SCORE))
        return out

    def _capital_courts(self, text: str) -> list[RecognizerResult]:
        """A court's or an "X of Y" body's name in capitals in a mixed-case text, as a caption
        or a letterhead prints it ("PROBATE AND FAMILY COURT OF HAMPTON COUNTY", "UNIVERSITY
        OF THE PLATTE VALLEY"): the grammars on a Title-case copy."""
        courts, of_forms = "COURT" in text, " OF " in text
        if not (courts or of_forms):
            return []
        cased = capitalise_words(text)
        out = []
        for m in _COURT.finditer(cased) if courts else ():
            if text[m.start(1) : m.end(1)].isupper():
                out.append(self._result(m.start(1), m.end(1), CUE_SCORE))
        return out + (self._of_forms(text, cased) if of_forms else [])

    def _securities(self, text: str, words: frozenset[str]) -> list[RecognizerResult]:
        """Security names in capitals ("MERIDIAN BNCRP DEP SHS"); a text with lower case in
        it, so that an ALL CAPS note's words are not read as a ticker line."""
        out = []
        for m in _SECURITY.finditer(text) if _SECURITY_GATE(text, words) else ():
            tokens = m.group(1).split()
            while tokens and tokens[-1].isdigit() and len(tokens[-1]) > 2:
                tokens.pop()  # "... MTG BD 66 in": a series number, not a year after it
            if len(tokens) >= 2:
                start = m.start(1)
                out.append(self._result(start, start + len(" ".join(tokens)), CUE_SCORE))
        return out

    def _clinical(self, word: str) -> bool:
        """A clinical word (the stop-list's jargon, a medical ending): a service's name."""
        lex = self.lexicon
        return bool(MEDICAL_SUFFIX.search(word)) or (lex is not None and word in lex.stoplist)

    def _employer_word(self, word: str) -> bool:
        """One word in Title case where a job is said to be ("a bus driver with
        Stagecoach", "works for Target"): a firm even when the word is English, unless it
        tells when or how (a day, a month, a shift) or is a clinical term."""
        key = word.lower()
        return (
            word[:1].isupper()
            and word[1:].islower()
            and key not in CALENDAR_WORDS
            and key not in _NOT_EMPLOYERS
            and key not in STOP_WORDS
            and not self._clinical_word(word)
        )

    def _english(self, word: str) -> bool:
        lex = self.lexicon
        return lex is not None and lex.is_english(word.lower().strip(".,'’"))

    def _platform_desks(self, text: str, view: TokenView) -> list[RecognizerResult]:
        """An app's or a platform's name before its support desk, safety team or forum
        (``_PLATFORM_DESK``): one word no list explains ("Murmurly support", "Hearthly User
        Safety"; not "Life Support", "Epic Support")."""
        lex = self.lexicon
        out = []
        for m in _PLATFORM_DESK.finditer(text):
            key = m.group(1).lower()
            first = view.indexes_in(m.start(1), m.end(1))
            if text[m.end() - 1].islower() and first and view.sentence_initial(first[0]):
                continue  # "Luteal support Cyclogest 400 mg": a sentence's first word
            if lex is None or key in NOT_NAMES or key in lex.places or lex.is_first(key):
                continue
            # (or an adverb's shape no word list holds, as apps coin: "Hearthly", "Murmurly")
            coined = key.endswith("ly") and key not in lex.english and key not in lex.stoplist
            if coined or lex.is_unknown_proper(key):
                out.append(self._result(m.start(1), m.end(1), CUE_SCORE))
        return out

    def _refuges(self, text: str) -> list[RecognizerResult]:
        """Shelters, safe houses, missions and sober-living houses by name (``_REFUGE``)."""
        out = []
        for m in _REFUGE.finditer(text):
            start = self._trim(text, m.start(1), m.end(1))
            if start is None:
                continue
            names = re.findall(_LETTER_RUN, text[start : m.end(1)])
            if names and not all(
                w.lower() in _REFUGE_KINDS or self._clinical_word(w) for w in names
            ):
                out.append(self._result(start, m.end(), CUE_SCORE))
        return out

    def _clinical_word(self, word: str) -> bool:
        """A drug, an anaesthetic or a term ("Lidocaine Local 20 mg" is no union's local)."""
        key = word.lower()
        stoplist = self.lexicon.stoplist if self.lexicon is not None else frozenset()
        return key in stoplist or bool(MEDICAL_SUFFIX.search(key)) or key.endswith("caine")

    def _foreign(self, word: str) -> bool:
        """A word no English list holds ("Ravensmoor", "Greenlake"; only with a lexicon)."""
        key = word.lower().strip(".,'’")
        return self.lexicon is not None and not self.lexicon.is_english(key)

    def _plain(self, word: str) -> bool:
        """An ordinary English word that is no name (only with a lexicon)."""
        key = word.lower().strip(".,'’")
        lex = self.lexicon
        if lex is None:
            return key in STOP_WORDS
        return key in STOP_WORDS or (
            (lex.is_english(key) or key in lex.stoplist) and not lex.is_name(key)
        )

    def _grammar(
        self, text: str, words: frozenset[str], *, pairs: bool = True, industry: bool | None = None
    ) -> list[RecognizerResult]:
        """The grammars over ``text`` (``words``: its :func:`_ascii_words`, for the gates);
        ``pairs`` reads partnerships and hyphenated pairs, ``industry`` (as ``pairs`` unless
        given) a name before its industry ("Fortescue Metals")."""
        industry = pairs if industry is None else industry
        out: list[RecognizerResult] = []
        # One plain scan for a suffix word first: most notes name no company, and the
        # name-before-suffix pattern backtracks at every capital letter.
        suffix = _SUFFIX_GATE(text, words) and _ANY_SUFFIX.search(text)
        suffixes = _SUFFIX if suffix else None
        for m in suffixes.finditer(text) if suffixes else ():
            # a sentence ends inside the run ("the Blood Bank. Eye Bank"), or a person's job
            # before the firm's comma ("Software Engineer, Vistrion Technologies"): the name
            # is after it
            stop = list(_RUN_STOP.finditer(m.group(1)))
            begin = m.start(1) + stop[-1].end() if stop else m.start(1)
            start = self._trim(text, begin, m.end(1))
            if start is not None and text[start : m.end(1)].lower() in _DONATED:
                continue  # "the Blood Bank", "Eye Bank notified": a hospital's service
            if start is not None:
                end = m.end()
                # a family firm's trade after it: "Dumontier Bros. Painting", "Hale & Sons
                # Roofing"
                trade = _FAMILY_FIRM.search(text, m.start(), end) and _INDUSTRY_AFTER.match(
                    text, end
                )
                if trade and (trade.group().strip().istitle() or trade.group().isupper()):
                    end = trade.end()
                out.append(self._result(start, end, SUFFIX_SCORE))
        for m in _SHORT_SUFFIX.finditer(text) if _SHORT_SUFFIX_GATE(text, words) else ():
            start = self._trim(text, m.start(1), m.end(1))
            if start is not None:
                out.append(self._result(start, m.end(), SUFFIX_SCORE))
        for m in _PARTNERS.finditer(text) if pairs and _PARTNERS_GATE.search(text) else ():
            names = re.findall(r"[A-Za-z'-]+", m.group())
            if not any(w.lower() in NOT_NAMES or MEDICAL_SUFFIX.search(w.lower())
                       for w in names if w.lower() not in {"and"}):  # fmt: skip
                out.append(self._result(m.start(), m.end(), PARTNERS_SCORE))
        if pairs and "&" in text:
            out += [
                self._result(m.start(), end, PARTNERS_SCORE) for m, end in self._ampersands(text)
            ]
        for m in _HYPHEN_PAIR.finditer(text) if pairs and _HYPHEN_PAIR_GATE.search(text) else ():
            a, b = m.group(1).lower(), m.group(2).lower()
            if (a, b) in _EPONYM_PAIRS or a in NOT_NAMES or b in NOT_NAMES:
                continue
            if MEDICAL_SUFFIX.search(a) or MEDICAL_SUFFIX.search(b):
                continue
            cue = _WORD_BEFORE_PAIR.search(text, max(0, m.start() - 14), m.start())
            if cue is not None and cue.group(1).lower() in _PERSON_CUES:
                continue  # "pt Okonkwo-Bassey", "Mrs Hale-Ross": a double-barrelled surname
            out.append(self._result(m.start(), m.end(), PARTNERS_SCORE))
        for m in _TRADE.finditer(text) if _TRADE_GATE(text, words) else ():
            start = self._trim(text, m.start(1), m.end(1), trade=True)
            if start is None:
                continue
            keys = re.findall(r"[A-Za-z]+", text[start : m.end(1)].lower())
            if not keys or keys[0] in TRADE_DESCRIPTORS:
                continue  # "Family Dental", "Central Pharmacy"; not "Backbone Family ..."
            if _CHILDCARE.match(text, m.end(1) + 1) and (
                keys[0] in _CHILDCARE_KINDS
                or keys[0].endswith("ly")
                or any(k.endswith("ed") for k in keys)
            ):
                continue  # "Early Learning Centre", "Publicly Funded Child Care": a kind of care
            if _CARE_TRADES.match(text, m.end(1) + 1) and (
                any(self._clinical(w) for w in keys if w not in TRADE_DESCRIPTORS)
                or (_ADJECTIVE.search(keys[0]) and all(self._english(w) for w in keys))
            ):
                continue  # "Neuro Physio", "Prenatal Genetic Counseling": a service, no firm
            end = m.end()
            # a school's subject after its kind: "Barlowe College of Music", "X University of
            # Health Sciences" (in capitals as the note writes it)
            if _SCHOOL_END.search(text, m.start(), end) and (more := _OF_SUBJECT.match(text, end)):
                end = more.end()
            out.append(self._result(start, end, CUE_SCORE))
        low = text.lower()
        ranked = any(r in low for r in _RANK_HINTS)
        for m in _AGENCY_INITIALS.finditer(text) if ranked else ():
            group = 1 if m.group(1) else 2
            if m.group(group) not in _SERVICE_INITIALS:
                out.append(self._result(m.start(group), m.end(group), CUE_SCORE))
        for m in _VETERANS_POST.finditer(text) if "Post" in text else ():
            out.append(self._result(m.start(), m.end(), CUE_SCORE))
        for m in _RANKED_CHURCH.finditer(text) if "Church" in text or "Chapel" in text else ():
            out.append(self._result(m.start(), m.end(), CUE_SCORE))
        members_at = any(g in low for g in _MEMBERS_GATE)
        for m in _MEMBERS_AT.finditer(text) if members_at else ():
            members = re.findall(r"[A-Za-z'’-]+", m.group(1))
            if not any(w.lower() in NOT_NAMES or self._clinical_word(w) for w in members):
                out.append(self._result(m.start(1), m.end(1), CUE_SCORE))
        for m in _THE_VENUE.finditer(text) if " The " in text else ():
            venue_words = re.findall(r"[A-Z][A-Za-z'’-]*", m.group(1))[1:]
            if not any(w.lower() in NOT_NAMES or self._clinical_word(w) for w in venue_words):
                out.append(self._result(m.start(1), m.end(1), CUE_SCORE))
        for m in _PUBLIC_BODY.finditer(text) if " of " in text or " for " in text else ():
            last = re.findall(_LETTER_RUN, m.group(1))[-1]  # what the body is for
            if not (self._clinical_word(last) or last.lower() in _SPECIALTIES):
                out.append(self._result(m.start(), m.end(), CUE_SCORE))
        if any(h in text for h in _HEADED_BODY_GATE):
            out += self._headed_bodies(text)
        if "Coroner for" in text:
            out += [self._result(*m.span(1), CUE_SCORE) for m in _CORONER_FOR.finditer(text)]
        for m in _EXAMINER_OFFICE.finditer(text) if "Examiner" in text or "Coroner" in text else ():
            start = self._trim(text, m.start(1), m.end(1))
            if start is not None:
                out.append(self._result(start, m.end(), CUE_SCORE))
        for m in _BOARD_OF.finditer(text) if " of " in text else ():
            governed = re.findall(_LETTER_RUN, m.group(2))
            if governed[0].lower() in _OWN_BOARDS:
                continue
            lead = m.group(1)  # the words before "Board"/"Council": without any, "the"
            if not lead and text[max(0, m.start() - 4) : m.start()].lower() != "the ":
                continue
            start = self._trim(text, m.start(1), m.end(1)) if lead else None
            out.append(self._result(m.start() if start is None else start, m.end(), CUE_SCORE))
        for m in _COURT.finditer(text) if "Court" in text else ():
            start = self._trim(text, m.start(1), m.end(1))
            if start is not None:
                out.append(self._result(start, m.end(1), CUE_SCORE))
        for m in _INDUSTRY.finditer(text) if industry and _INDUSTRY_GATE(text, words) else ():
            if "  " in text[m.end(1) : m.end()] or "\n" in text[m.end(1) : m.end()]:
                continue  # a column's gap: "Castlebay     Mobile: 07700 ..." is a town, a label
            # (a sentence's first word before the name: "Your Fernquell Energy Direct Debit")
            first = self._trim(text, m.start(1), m.end(1))
            if first is None:
                continue
            names = re.findall(_LETTER_RUN, text[first : m.end(1)])
            if _COMMON_TRADE.search(text, m.end(1), m.end()) and (
                not any(self._foreign(w) for w in names) or _NAME_GOES_ON.match(text, m.end())
            ):
                # "Gift Shop Books", "Student Loans": every word an English one; "Harrow &
                # Vance Property Management": the firm's name goes on past the trade
                continue
            # (some words may be plain, "Platte River Millwork", not all: "Rapid Logistics")
            if not all(self._plain(w) for w in names) and not any(
                w.lower() in NOT_NAMES for w in names
            ):
                out.append(self._result(first, m.end(), CUE_SCORE))
        if "Local" in text:
            out += [
                self._result(m.start(), m.end(), CUE_SCORE)
                for m in _UNION_LOCAL.finditer(text)
                if not self._clinical_word(m.group(1))
            ]
        if _EMS_GATE.search(text):
            for m in _EMS.finditer(text):
                # the name may be everyday words ("Beehive Ambulance", "South Plains Air
                # Med"), but not only words of a service's kind ("County EMS")
                names = re.findall(_LETTER_RUN, m.group(1))
                if names and not all(
                    self._clinical_word(w) or w.lower() in _SERVICE_KINDS or w.lower() in NOT_NAMES
                    for w in names
                ):
                    out.append(self._result(m.start(), m.end(), CUE_SCORE))
        if industry and any(g in text for g in _REFUGE_GATE):
            out += self._refuges(text)
        for m in _VESSEL.finditer(text) if pairs and _VESSEL_GATE(text, words) else ():
            g = 1 if m.group(1) else 2
            out.append(self._result(m.start(g), m.end(g), VESSEL_SCORE))
        for m in _LOWER_LEGAL.finditer(text) if _LOWER_LEGAL_GATE(text, words) else ():
            if m.group(1) not in NOT_NAMES:
                out.append(self._result(m.start(), m.end(), CUE_SCORE))
        for m in _CUE.finditer(text):
            group = next(g for g in range(1, m.re.groups + 1) if m.group(g))
            value = re.split(r"\.\s", m.group(group))[0].rstrip(" .")
            value = _LABEL_AFTER.split(value)[0]  # "Brightway ID BW0091": the name only
            head = value.split()[0].strip(".,").lower()
            if head in TITLES | RELATIVES | _KIN:
                continue  # "pharmacy: Mr. Abdullah", "a carer for Mum": a person
            if head in _NO_FIRM_HEADS or head.startswith(("medi", "self")):
                continue  # "Insurance: Medicare", "Payer: self-pay": no firm
            if (
                self.lexicon is not None
                and self._plain(head)
                and len(value.split()) == 1
                and not (group in _WORK_GROUPS and self._employer_word(value))
            ):
                continue  # "Insurance: Pending", "Carrier: Unknown"
            out.append(self._result(m.start(group), m.start(group) + len(value), CUE_SCORE))
        of_forms = " of " in text and _OF_FORM_GATE(text, words)
        return out + (self._of_forms(text) if of_forms else [])

    def _headed_bodies(self, text: str) -> list[RecognizerResult]:
        """Regulators, ombudsmen and tribunals by their words (``_HEADED_BODY``): one word at
        least that is no generic one, none clinical; an authority needs a word that is no
        English one ("Special Authority", "Electronic Travel Authority" are permissions)."""
        out = []
        for m in _HEADED_BODY.finditer(text):
            parts = list(re.finditer(_LETTER_RUN, m.group(1)))
            while len(parts) > 1 and parts[0].group().lower() in STOP_WORDS:
                parts.pop(0)  # "The Residential Tenancies Tribunal": the body's words only
            keys = [w.group().lower() for w in parts[:-1]]
            named = [k for k in keys if k not in _GENERIC_BODY_WORDS and k not in STOP_WORDS]
            if not named or any(self._clinical_word(w) for w in named):
                continue
            if m.group(1).endswith("Authority") and all(self._english(w) for w in named):
                continue
            out.append(self._result(m.start(1) + parts[0].start(), m.end(1), CUE_SCORE))
        return out

    def _ampersands(self, text: str) -> list[tuple[re.Match[str], int]]:
        """Two surnames joined by "&" (``_AMPERSAND``), not two given names, titles or kin,
        and the end of the trade's nouns after them (no name among them)."""
        lex = self.lexicon
        out: list[tuple[re.Match[str], int]] = []
        if lex is None:
            return out  # (the lists tell a couple and a firm apart)
        for m in _AMPERSAND.finditer(text):
            a, b = m.group(1).lower(), m.group(2).lower()
            if {a, b} & _NOT_PARTNERS or a in STOP_WORDS or b in STOP_WORDS or a in STREET_TYPES:
                continue  # "Mr & Mrs", "Tue & Thu", "7th Ave & Van Buren"
            if (a, b) in _EPONYM_PAIRS or _DAY_OR_MONTH.fullmatch(a) or _DAY_OR_MONTH.fullmatch(b):
                continue  # "Pell & Gregory II-B": a classification; "Tue & Thu": days
            if (lex.is_first(a) and lex.is_first(b)) or (lex.is_english(a) and lex.is_english(b)):
                continue  # "Tom & Maria": a couple; "Salt & Pepper", "Bed & Breakfast"
            if not all(lex.is_surname(w) or lex.is_unknown_proper(w) for w in (a, b)):
                continue
            end = m.end(2)
            for w in re.finditer(r"[A-Z][a-z]+", m.group(3)):
                key = w.group().lower()
                if not lex.is_english(key) or lex.is_name(key) or key in lex.stoplist:
                    break
                end = m.start(3) + w.end()
            out.append((m, end))
        return out

    def _quoted_firms(self, text: str) -> list[RecognizerResult]:
        """A legal form and a name in quotation marks (_QUOTED_FIRM), not a quoted remark."""
        return [
            self._result(m.start(), m.end(), SUFFIX_SCORE)
            for m in _QUOTED_FIRM.finditer(text)
            if not m.group("name")[0].islower()
        ]

    def _result(self, start: int, end: int, score: float) -> RecognizerResult:
        return make_result(self, Entity.ORGANIZATION.value, start, end, score)

    @staticmethod
    def _trim(text: str, start: int, end: int, *, trade: bool = False) -> int | None:
        """Drop leading words that are not part of a name ("The", "at", a sentence opener).

        With ``trade`` (a trade word follows), a relative's word alone is a name too:
        "Guardian Dental", "Sister Pharmacy" are firms, "Guardian" alone is not.
        """
        span = text[start:end]
        words = list(re.finditer(r"\S+", span))
        while words and words[0].group().strip(",&").lower() in _NOT_HEADS:
            if (
                words[0].group() == "The"
                and len(words) > 1
                and not _SENTENCE_START.search(text[max(0, start - 4) : start + words[0].start()])
            ):
                break  # "became The Western Union Company": a capital "The" mid-sentence
            words.pop(0)
        if not words:
            return None
        first = words[0].group().strip(",").lower()
        firm_word = trade and first in _FIRM_RELATIVES
        if len(words) == 1 and first in _NOT_HEADS | NOT_NAMES and not firm_word:
            return None
        return start + words[0].start()

"""Word lists the builtin rules check captures against.

The rules favour precision: "I'm a nurse" is a job because *nurse* is listed here, and "I'm a
big fan" is not because *fan* is not. Lists are lower case; multi-word entries match as a
whole. Extend them when a real conversation shows a gap.
"""

from __future__ import annotations


def word_set(text: str) -> frozenset[str]:
    """The comma-separated entries of ``text``, lower case."""
    return frozenset(w.strip().lower() for w in text.split(",") if w.strip())


JOBS = word_set("""
engineer, developer, programmer, coder, designer, nurse, doctor, physician, surgeon, gp,
teacher, headteacher, head teacher, deputy head, assistant head, headmaster, headmistress,
schoolteacher,
professor, lecturer, student, researcher, scientist, analyst, accountant, auditor,
lawyer, attorney, solicitor, paralegal, consultant, manager, director, architect, chef, cook,
baker, waiter, waitress, bartender, barista, pilot, driver, mechanic, electrician, plumber,
carpenter, firefighter, paramedic, police officer, officer, soldier, veterinarian, vet,
dentist, pharmacist, therapist, physiotherapist, physio, psychologist, psychiatrist,
counselor, counsellor, social worker, journalist, writer, author, editor, photographer,
artist, illustrator, animator, musician, actor, actress, producer, marketer, salesperson,
recruiter, entrepreneur, founder, co-founder, ceo, cto, cfo, coo, intern, freelancer,
contractor, technician, administrator, admin, assistant, secretary, receptionist, clerk,
cashier, librarian, translator, interpreter, economist, banker, trader, broker, realtor,
farmer, rancher, builder, plasterer, roofer, bricklayer, tiler, seamstress, dressmaker,
gardener, cleaner, nanny, caregiver, carer, midwife, optometrist, radiologist,
surveyor, biologist, chemist, physicist, mathematician, statistician, strategist,
coordinator, specialist, tutor, coach, trainer, instructor, postdoc, resident, dietitian,
nutritionist, copywriter, ux researcher, devops, sre, data scientist, product owner,
professor, principal, janitor, welder, electrician, lifeguard, flight attendant, dispatcher,
auditor, underwriter, actuary, archaeologist, historian, curator, planner, estimator,
pharmacologist, hairdresser, barber, stylist, tailor, butcher, fisherman, miner, pastor,
priest, rabbi, imam, nun, volunteer, housewife, homemaker, retiree, apprentice, sommelier,
tester, qa, qa engineer, dev, eng, lead, help desk, helpdesk, help desk analyst, lab tech,
team lead, tech lead, test lead, cashier, warehouse worker,
worker, courier, delivery driver, counsel, in-house counsel, general counsel, mailman,
postman, mail carrier, nurse practitioner, sophomore, sophmore, freshman, undergrad,
undergraduate, postgrad, fresher, conductor, train conductor, nurse-midwife, midwife,
lactation consultant, domestic helper, domestic worker, helper, caregiver, nanny, secretary,
school secretary, lieutenant, sergeant, firefighter
""")

# Words ending like job titles ("-er", "-ist") that are not jobs ("I'm a member at...").
NOT_JOBS = word_set("""
member, customer, user, subscriber, player, winner, loser, fan, beginner, believer, regular,
visitor, reader, follower, lover, sucker, talker, listener, learner, thinker, dreamer,
perfectionist, optimist, pessimist, realist, introvert, extrovert, vegetarian, vegan
""")

# Words after "joined" or "work at" that name no organisation.
NOT_EMPLOYERS = word_set("""
the, a, an, my, our, his, her, their, home, night, nights, weekends, school, uni, college,
university, work, it, this, that, them, us, you, me, him, forces, in, up, over, out, now, yet,
soon, later, tomorrow, today, together, free, food, hours, money, fun, myself, yourself,
ourselves, peanuts, nothing, less, more, least, last, all, some, full, part, remote, remotely,
hybrid, shifts, mornings, evenings, gym, church, class, team, army, navy, startup, company,
firm, hospital, office, clinic, bank, store, shop, restaurant, cafe, bar, pharmacy, library,
lab, there, here, scale, speed, length, random, least, best, both, everyone, everybody
""")
# "I'm a terrible cook" is an opinion, "I'm an aspiring writer" a wish: no job title.
NOT_A_JOB_MODIFIERS = word_set("""
terrible, good, great, bad, decent, awful, amazing, horrible, lousy, better, worse, best,
aspiring, wannabe, former, ex, future, amateur, hobby, home, huge, big, little, terrific,
fantastic, crap, poor, okay, ok, proud, lazy, slow, fast, quick, born, natural, total,
complete, real, self-taught
""")

HOBBY_NOUNS = {"runner": "running", "cyclist": "cycling", "swimmer": "swimming",
               "climber": "climbing", "hiker": "hiking", "gamer": "gaming",
               "reader": "reading", "surfer": "surfing", "skier": "skiing",
               "knitter": "knitting", "gardener": "gardening", "baker": "baking"}

# A line of work named by what is done in it, and who does it: "retired from teaching".
TRADES = {"teaching": "teacher", "nursing": "nurse", "farming": "farmer",
          "accounting": "accountant", "engineering": "engineer", "policing": "police officer",
          "the police": "police officer", "law": "lawyer", "medicine": "doctor",
          "dentistry": "dentist", "banking": "banker", "the army": "soldier",
          "the fire service": "firefighter", "the fire department": "firefighter",
          "lecturing": "lecturer", "social work": "social worker", "journalism": "journalist",
          "midwifery": "midwife", "pharmacy": "pharmacist", "plumbing": "plumber",
          "carpentry": "carpenter"}

# What a teacher may name with a capital: "I teach English", "I teach Year 4", "AP Bio".
SCHOOL_SUBJECTS = word_set("""
year, grade, ap, ib, gcse, gcses, a-level, a-levels, ks1, ks2, ks3, ks4, reception, kindergarten,
esl, efl, tefl, maths, math, mathematics, science, biology, bio, chemistry, physics, history,
geography, art, music, drama, pe, re, ict, computing, computer science, economics, business,
psychology, sociology, philosophy, latin, classics, literature, english
""")

INSTRUMENTS = word_set("""
piano, guitar, violin, cello, viola, bass, drums, flute, clarinet, saxophone, sax, trumpet,
trombone, harp, ukulele, banjo, accordion, harmonica, keyboard, oboe, bassoon, mandolin
""")

SPORTS = word_set("""
tennis, football, soccer, basketball, volleyball, badminton, squash, golf, rugby, cricket,
baseball, hockey, chess, padel, table tennis, ping pong, poker, bridge, netball, handball,
water polo, ultimate frisbee, pickleball, video games, board games, dnd, d&d
""")

NATIONALITIES = word_set("""
american, british, english, scottish, welsh, irish, canadian, australian, mexican,
brazilian, argentinian, argentine, chilean, colombian, peruvian, venezuelan, cuban, spanish,
portuguese, french, german, italian, dutch, belgian, swiss, austrian, polish, czech,
slovak, hungarian, romanian, bulgarian, greek, turkish, russian, ukrainian, swedish,
norwegian, danish, finnish, icelandic, estonian, latvian, lithuanian, serbian, croatian,
bosnian, slovenian, albanian, japanese, chinese, korean, vietnamese, thai, filipino,
indonesian, malaysian, singaporean, indian, pakistani, bangladeshi, sri lankan, nepali,
iranian, iraqi, syrian, lebanese, jordanian, israeli, palestinian, egyptian, moroccan,
algerian, tunisian, nigerian, ghanaian, kenyan, ethiopian, south african, new zealander,
kiwi, emirati, saudi, qatari
""")

LANGUAGES = word_set("""
english, spanish, french, german, italian, portuguese, dutch, russian, ukrainian, polish,
czech, greek, turkish, arabic, hebrew, persian, farsi, hindi, urdu, bengali, punjabi,
marathi, tamil, telugu, gujarati, kannada, malayalam, japanese, chinese, mandarin,
cantonese, korean, vietnamese, thai, indonesian, malay, tagalog, swahili, swedish,
norwegian, danish, finnish, hungarian, romanian, catalan, basque, galician, welsh, irish,
latin, esperanto, sign language, asl, bsl, twi, akan, ewe, yoruba, igbo, hausa, zulu, xhosa,
afrikaans, amharic, somali, wolof, shona, lingala, kinyarwanda, nepali, sinhala, burmese,
khmer, lao, mongolian, kazakh, uzbek, georgian, armenian, azerbaijani, albanian, serbian,
croatian, bosnian, slovenian, slovak, bulgarian, lithuanian, latvian, estonian, maltese,
luxembourgish, scottish gaelic, gaelic, haitian creole, creole, quechua, guarani, maori,
hawaiian, samoan, tongan, fijian
""")

COUNTRIES = word_set("""
usa, us, united states, the us, the usa, the united states, uk, the uk, united kingdom,
the united kingdom, england, scotland, wales, ireland, canada, australia, new zealand,
mexico, brazil, argentina, chile, colombia, peru, spain, portugal, france, germany, italy,
the netherlands, netherlands, holland, belgium, switzerland, austria, poland, sweden,
norway, denmark, finland, iceland, greece, turkey, russia, ukraine, japan, china, korea,
south korea, vietnam, thailand, the philippines, indonesia, malaysia, singapore, india,
pakistan, bangladesh, sri lanka, nepal, iran, iraq, israel, lebanon, egypt, morocco,
nigeria, ghana, kenya, ethiopia, south africa, the uae, uae, qatar, saudi arabia, hungary,
romania, czechia, the czech republic, croatia, serbia, estonia, latvia, lithuania
""")

DIETS = {"vegetarian": "vegetarian", "veggie": "vegetarian", "vegan": "vegan",
         "pescatarian": "pescatarian", "pescetarian": "pescatarian",
         "plant-based": "plant-based", "plant based": "plant-based", "keto": "keto",
         "paleo": "paleo", "gluten-free": "gluten-free", "gluten free": "gluten-free",
         "dairy-free": "dairy-free", "dairy free": "dairy-free", "halal": "halal",
         "intermittent fasting": "intermittent fasting", "whole30": "whole30",
         "mediterranean": "Mediterranean", "low carb": "low-carb", "low-carb": "low-carb",
         "kosher": "kosher", "végétarien": "vegetarian", "végétarienne": "vegetarian",
         "végane": "vegan", "végan": "vegan", "vegane": "vegan", "vegetariano": "vegetarian",
         "vegetariana": "vegetarian", "vegano": "vegan", "vegana": "vegan"}
MEAT_FREE_DIETS = ("vegetarian", "vegan", "pescatarian", "plant-based")
MEATS = word_set("meat, chicken, beef, pork, fish, meat again, seafood, bacon, lamb, turkey")

CONDITIONS = word_set("""
herniated disc, slipped disc, bulging disc,
asthma, diabetes, type 1 diabetes, type 2 diabetes, adhd, add, autism, anxiety, depression,
migraines, migraine, celiac disease, coeliac disease, celiac, coeliac, arthritis,
rheumatoid arthritis, high blood pressure, hypertension, low blood pressure, epilepsy, ibs,
crohn's, crohn's disease, colitis, insomnia, eczema, psoriasis, pcos, endometriosis,
long covid, tinnitus, dyslexia, chronic pain, a heart condition, heart disease,
sleep apnea, sleep apnoea, fibromyalgia, lupus, ms, multiple sclerosis, ptsd, ocd,
bipolar disorder, hypothyroidism, hyperthyroidism, a bad knee, a bad back, bad knees,
back pain, knee pain, scoliosis, gout, anemia, anaemia, low iron, iron deficiency, rsi,
repetitive strain injury, melanoma, skin cancer, atrial fibrillation, afib, a-fib, carpal tunnel,
carpal tunnel syndrome, tennis elbow, golfer's elbow,
lactose intolerance, a pacemaker,
hearing loss, low vision, cancer, hay fever, acid reflux, gerd, high cholesterol, sciatica,
tendonitis, tendinitis, plantar fasciitis, shin splints, osteoporosis, osteoarthritis,
kidney disease, heart failure, afib, atrial fibrillation, glaucoma, cataracts, vertigo,
an underactive thyroid, an overactive thyroid, hashimoto's, graves' disease, sickle cell,
sickle cell disease, thalassemia, hiv, hepatitis, copd, emphysema, panic attacks,
panic disorder, social anxiety, postpartum depression, postnatal depression, an eating disorder,
anorexia, bulimia, asperger's, dyspraxia, dyscalculia, tourette's, cerebral palsy, spina bifida,
parkinson's, alzheimer's, dementia, breast cancer, leukemia, leukaemia, a concussion, whiplash,
a slipped disc, a herniated disc, carpal tunnel, rsi, chronic fatigue, chronic fatigue syndrome,
me/cfs, ehlers-danlos, hypermobility, raynaud's, gestational diabetes, prediabetes,
pre-diabetes, fatty liver, gallstones, kidney stones, ulcerative colitis, crohns, lymphoma,
a torn acl, a torn meniscus, a bad hip, a bad shoulder, gluten intolerance, adhd-pi,
seasonal affective disorder, restless legs, narcolepsy, a stammer, a stutter, alopecia,
rosacea, acne, hives, bad asthma, osteopenia, neuropathy, lymphedema
""")
STATES = {"diabetic": "diabetes", "prediabetic": "prediabetes", "pre-diabetic": "prediabetes",
          "asthmatic": "asthma", "epileptic": "epilepsy",
          "pregnant": "pregnant", "lactose intolerant": "lactose intolerance",
          "gluten intolerant": "gluten intolerance", "anemic": "anemia",
          "dyslexic": "dyslexia", "coeliac": "coeliac disease", "celiac": "celiac disease",
          "autistic": "autism", "insulin resistant": "insulin resistance",
          "immunocompromised": "immunocompromised"}
ACCESSIBILITY = word_set("""
colorblind, colourblind, color blind, colour blind, deaf, hard of hearing, blind,
visually impaired, partially sighted, in a wheelchair, a wheelchair user, wheelchair user,
hearing impaired
""")

MEDICATIONS = word_set("""
metformin, insulin, ozempic, wegovy, mounjaro, ibuprofen, paracetamol, acetaminophen,
aspirin, levothyroxine, lisinopril, atorvastatin, simvastatin, statins, sertraline,
fluoxetine, citalopram, escitalopram, lexapro, zoloft, prozac, wellbutrin, bupropion,
adderall, ritalin, methylphenidate, vyvanse, concerta, ventolin, salbutamol, albuterol,
inhaler, an inhaler, epipen, an epipen, prednisone, omeprazole, amlodipine, warfarin,
blood thinners, antidepressants, antihistamines, melatonin, birth control, the pill,
lithium, gabapentin, losartan, hrt, testosterone, estrogen, iron supplements, vitamin d,
b12, beta blockers, beta-blockers, propranolol, xanax, valium, lamotrigine, montelukast,
naproxen, codeine, co-codamol, tramadol, amitriptyline, nortriptyline, mirtazapine,
venlafaxine, duloxetine, pregabalin, diazepam, metoprolol, ramipril, bisoprolol, furosemide,
allopurinol, tamoxifen, letrozole, semaglutide, tirzepatide, spironolactone, finasteride,
clopidogrel, apixaban, rivaroxaban, hydroxychloroquine, methotrexate, adalimumab, humira,
quetiapine, aripiprazole, buspirone, trazodone, zopiclone, symbicort, seretide, fostair,
eliquis, xarelto, statin, thyronorm, eltroxin, synthroid, ferrous fumarate, ferrous sulfate,
ferrous sulphate, ferrous gluconate, iron tablets, folic acid, vitamin b12
""")

PETS = word_set("""
dog, cat, puppy, kitten, rabbit, bunny, hamster, guinea pig, parrot, budgie, bird,
horse, pony, tortoise, turtle, snake, lizard, gecko, fish, goldfish, ferret, rat, mouse,
retriever, golden retriever, labrador, lab, poodle, terrier, beagle, bulldog, spaniel,
husky, collie, border collie, bernese, bernese mountain dog, heeler, ridgeback,
dachshund, corgi, chihuahua, pug, greyhound, shepherd,
german shepherd, whippet, schnauzer, boxer, rottweiler, doberman, maine coon, siamese,
staffie, staffy, staffordshire terrier, jack russell, cockapoo, cavapoo, labradoodle,
goldendoodle, sausage dog, westie, lurcher, pit bull, pitbull, shih tzu, bichon, cavalier,
dalmatian, great dane, sheepdog, mutt, rescue dog, tabby, ragdoll, sphynx, bengal cat, moggy,
hound, coonhound, bloodhound, basset hound, heeler, blue heeler, kelpie, vizsla, weimaraner
""")
PET_PLURALS = {"dogs": "dog", "cats": "cat", "puppies": "puppy", "kittens": "kitten",
               "rabbits": "rabbit", "hamsters": "hamster", "birds": "bird", "horses": "horse",
               "fish": "fish", "chickens": "chicken", "guinea pigs": "guinea pig"}

# What people own, by the subject a possession fact is filed under.
POSSESSIONS = {
    "car": word_set("car, truck, van, suv, pickup, tesla, toyota, honda, bmw, audi, volkswagen, "
                  "vw, ford, subaru, volvo, mercedes, prius, corolla, civic, jeep, kia, "
                  "hyundai, nissan, mazda, renault, peugeot, fiat, skoda, camper, campervan, "
                  "land rover, range rover, porsche, lexus, chevrolet, chevy, dodge, cadillac, "
                  "jaguar, alfa romeo, citroen, citroën, vauxhall, opel, dacia, mitsubishi, "
                  "polestar, rivian, mini cooper, saab, seat, buick, gmc, camry, tacoma, "
                  "tundra, outback, forester, f-150, f-250, f150, rav4, cr-v, accord, wrangler, "
                  "silverado, golf, model 3, model y, mustang, sienna, odyssey"),
    "vehicle": word_set("tractor, john deere, kubota, combine, combine harvester, rv, motorhome, "
                      "pontoon, pontoon boat, caravan"),
    "motorbike": word_set("motorbike, motorcycle, scooter, vespa, moped, royal enfield, harley, "
                        "harley-davidson, ducati, triumph, kawasaki, yamaha, ktm, aprilia"),
    "bike": word_set("bike, bicycle, e-bike, ebike, road bike, mountain bike, gravel bike, "
                   "cargo bike"),
    "home": word_set("house, apartment, flat, condo, cabin, cottage, townhouse, bungalow, "
                   "farm, loft"),
    # A landlord's: not single-valued like the home the user lives in.
    "property": word_set("duplex, triplex, fourplex, rental property, investment property"),
    "laptop": word_set("laptop, macbook, macbook pro, macbook air, thinkpad, chromebook, "
                     "notebook"),
    "computer": word_set("pc, desktop, gaming pc, imac, mac mini, mac"),
    "phone": word_set("phone, iphone, android, pixel, galaxy, smartphone"),
    "tablet": word_set("ipad, tablet, kindle, e-reader"),
    "console": word_set("ps5, ps4, playstation, xbox, nintendo switch, switch, steam deck"),
    "boat": word_set("boat, sailboat, kayak, canoe, yacht"),
    "instrument": INSTRUMENTS,
    "tool": word_set("drill, 3d printer, sewing machine, lathe, table saw, chainsaw, mower, "
                     "lawnmower, lawn mower, ride-on mower, strimmer, leaf blower"),
    "appliance": word_set("air fryer, instant pot, slow cooker, stand mixer, espresso machine, "
                          "thermomix, bread maker, pressure cooker, dishwasher, food processor, "
                          "ninja foodi, multicooker, rice cooker"),
    "cookware": word_set("skillet, cast iron skillet, cast iron pan, dutch oven, wok, "
                         "chef's knife, knife set, pizza oven"),
    "camera": word_set("camera, dslr, drone, gopro"),
    "device": word_set("garmin, inreach, smartwatch, apple watch, fitbit, gps watch, e-reader"),
    "medical device": word_set("cpap, cpap machine, hearing aid, hearing aids, insulin pump, "
                               "glucose monitor, cgm"),
    "gear": word_set("drysuit, dry suit, wetsuit, paddleboard, surfboard, snowboard, telescope, "
                     "tent, rowing machine, treadmill, peloton"),
    "garden": word_set("garden, allotment, backyard, greenhouse, polytunnel"),
}

# Parts of the body a user calls bad or had operated on: "a dodgy back", "knee surgery".
BODY_PARTS = word_set("""
knee, knees, back, lower back, upper back, hip, hips, shoulder, shoulders, neck, ankle, ankles,
wrist, wrists, elbow, elbows, foot, feet, hamstring, achilles, leg, legs, hand, hands, spine,
jaw, ribs
""")

# Makers whose name starts a possession even in lower case ("a royal enfield classic 350").
BRANDS = word_set("""
corolla, civic, camry, tacoma, tundra, prius, outback, forester, rav4, wrangler, silverado,
f-150, f-250, john deere, kubota, accord, mustang,
tesla, toyota, honda, bmw, audi, volkswagen, vw, ford, subaru, volvo, mercedes, jeep, kia,
hyundai, nissan, mazda, renault, peugeot, fiat, skoda, royal enfield, harley, harley-davidson,
ducati, kawasaki, yamaha, ktm, aprilia, vespa, macbook, thinkpad, iphone, ipad, playstation, xbox,
land rover, range rover, porsche, lexus, chevrolet, chevy, cadillac, alfa romeo, citroen, vauxhall,
dacia, mitsubishi, polestar, rivian, mini cooper
""")

PARTNERS = word_set("wife, husband, partner, girlfriend, boyfriend, fiancé, fiancée, fiance, "
                  "fiancee, spouse, bf, gf, hubby, other half")
CHILDREN = word_set("son, daughter, kid, child, baby, stepson, stepdaughter, boy, girl, toddler, "
                  "infant, newborn, teenager, teen")
SIBLINGS = word_set("brother, sister, twin, stepbrother, stepsister")
GRANDCHILDREN = word_set("grandson, granddaughter, grandchild, grandkid, grandbaby")

# Capitalized words after "I'm" that are not names.
NOT_NAMES = word_set("""
chur, cheers, ta, thx, ty, tysm, legend, mr, mrs, ms, miss, mx, dr, sir, madam,
sorry, not, just, so, here, back, fine, good, ok, okay, sure, new, still, also, really,
very, from, in, at, on, the, a, an, happy, glad, tired, done, ready, home, currently, now,
always, never, afraid, allergic, married, single, divorced, vegan, vegetarian, trying,
going, looking, working, living, planning, thinking, interested, learning, using, based,
moving, curious, confused, stuck, excited, nervous, worried, retired, pregnant, diabetic,
monday, tuesday, wednesday, thursday, friday, saturday, sunday, english, french, spanish,
german, italian, human, male, female, christian, muslim, jewish, catholic, buddhist, hindu,
an, about, actually, well, hungry, late, busy, bored, free, out, off, over, sick, alone,
only, into, like, gonna, afraid, lost, wondering, hoping, sad, glad, deaf, blind, colorblind,
colourblind, morning, afternoon, evening, night, spring, summer, autumn, fall, winter, spring's,
summer's, winter's
""")

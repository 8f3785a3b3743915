"""Demo content for Salon: two fictional Normandy guidance events, in French.

Pure data, loaded by the demo loader. Every organisation, person and address below is invented;
websites are example.org placeholders. ROME codes are real ROME v3 codes.

Structure:

- SECTORS: sector slug -> French label.
- EVENTS: events, with their dates given relative to "today" (days_before / days_after).
- STANDS: event slug -> stands, each with job cards (ROME code, missions, skills, training,
  conditions, salary) and offers (stage-3e, stage-seconde, apprentissage, alternance).
- TALKS: event slug -> live talks ("day" is an offset from the first day of the event,
  "start" is Europe/Paris local time), each with its track ("salle"), audience, capacity in classes
  and a stream of each kind among them (example addresses that pass sessions/schedule_rules.py).
- LIVE_TALK: the talk that is always under way when the demo is loaded, given by `pro@demo.salon`.
- QUIZZES: event slug -> quizzes, "live" (attached to a talk) or "self_paced" (attached to a stand).
- QA_ROOMS: event slug -> question rooms shared by the CFA stands of one trade cluster.
- OPEN_DAYS: event slug -> CFA open days ("day" is an offset from the first day of the event and
  may fall after its end; the Quinzaine's fall after today, its 8th day, so that the guide shows them
  all); on site ("place", optional "address") or online ("url"), with all the CFA's job cards' trades
  unless "trades" names some.
- QA_ROOMS entries may carry a "description" and their "trades" as [ROME code, label] pairs; a cluster is a
  slug of sessions/qa_rooms.py CLUSTERS or a free label.
"""

from __future__ import annotations

SECTORS: dict[str, str] = {
    "industrie": "Industrie",
    "btp": "Bâtiment et travaux publics",
    "sante-social": "Santé et social",
    "numerique": "Numérique",
    "agriculture": "Agriculture, élevage et paysage",
    "commerce": "Commerce, vente et artisanat",
    "transport-logistique": "Transport et logistique",
    "hotellerie-restauration": "Hôtellerie et restauration",
    "energie-environnement": "Énergie et environnement",
    "maritime": "Mer et métiers maritimes",
}

EVENTS: list[dict] = [
    {
        "slug": "des-clics-des-metiers",
        "title": "Des clics, des métiers",
        "description": (
            "Trois jours pour découvrir en ligne les métiers qui recrutent en Normandie. Collégiens, lycéens "
            "et apprentis : visitez les stands des entreprises, des CFA et des établissements de formation, "
            "assistez à des conférences en direct et posez vos questions aux professionnels par écrit, en "
            "toute sécurité."
        ),
        "region": "Normandie",
        "days_before": 1,
        "days_after": 2,
    },
    {
        "slug": "quinzaine-apprentissage",
        "title": "Quinzaine de l'apprentissage",
        "description": (
            "Pendant deux semaines, les centres de formation d'apprentis de Normandie vous ouvrent leurs "
            "portes virtuelles. Découvrez les formations en apprentissage du CAP au BTS, échangez avec des "
            "formateurs et des apprentis, et notez les dates des journées portes ouvertes près de chez vous."
        ),
        "region": "Normandie",
        "days_before": 7,
        "days_after": 8,
    },
]

STANDS: dict[str, list[dict]] = {
    "des-clics-des-metiers": [
        {
            "name": "Chaudronnerie Varin-Lecoq",
            "kind": "company",
            "sector": "industrie",
            "department": "76",
            "city": "Le Havre",
            "description": (
                "Depuis 1974, notre atelier fabrique des cuves, des structures métalliques et des "
                "tuyauteries pour l'industrie portuaire et l'agroalimentaire. Venez découvrir comment une "
                "simple tôle devient une pièce de plusieurs tonnes. Nos soudeurs et nos chaudronniers "
                "répondent à vos questions en direct pendant tout le salon."
            ),
            "website": "https://example.org/chaudronnerie-varin-lecoq",
            "demo_staff": True,
            "job_cards": [
                {
                    "title": "Soudeur / Soudeuse",
                    "rome_code": "H2913",
                    "missions": (
                        "Vous assemblez des pièces métalliques en les faisant fondre localement grâce à un "
                        "arc électrique, en suivant un plan et un mode opératoire précis. Vous contrôlez "
                        "ensuite la qualité de vos soudures, à l'œil et avec des instruments de mesure."
                    ),
                    "skills": (
                        "lecture de plans, précision du geste, maîtrise des procédés MIG, MAG et TIG, "
                        "respect des consignes de sécurité, concentration"
                    ),
                    "training": (
                        "CAP Réalisations industrielles en chaudronnerie ou soudage (option soudage), bac "
                        "pro Technicien en chaudronnerie industrielle, titre professionnel Soudeur "
                        "assembleur industriel ; tous accessibles en apprentissage, puis qualifications de "
                        "soudage selon les procédés utilisés."
                    ),
                    "conditions": (
                        "Travail en atelier ou sur chantier, avec des équipements de protection (cagoule, "
                        "gants, tablier en cuir). Horaires de journée, parfois en équipes alternées."
                    ),
                    "salary": (
                        "1 900 à 2 300 € brut par mois en début de carrière, davantage avec des "
                        "qualifications de soudage reconnues"
                    ),
                },
                {
                    "title": "Chaudronnier / Chaudronnière",
                    "rome_code": "H2902",
                    "missions": (
                        "À partir d'un plan, vous tracez, découpez, pliez et roulez des tôles pour fabriquer "
                        "des cuves, des carters ou des charpentes métalliques. Vous assemblez ensuite les "
                        "éléments par pointage et soudage, puis vérifiez les cotes."
                    ),
                    "skills": (
                        "lecture de plans, géométrie et calcul, conduite de machines à commande numérique "
                        "(plieuse, découpe laser), travail en équipe, rigueur"
                    ),
                    "training": (
                        "CAP Réalisations industrielles en chaudronnerie ou soudage, bac pro Technicien en "
                        "chaudronnerie industrielle, BTS Conception et réalisation en chaudronnerie "
                        "industrielle ; en voie scolaire ou en apprentissage."
                    ),
                    "conditions": (
                        "Atelier bruyant équipé de ponts roulants, port des équipements de protection "
                        "obligatoire. Déplacements possibles pour le montage chez les clients."
                    ),
                    "salary": "1 850 à 2 200 € brut par mois en début de carrière",
                },
            ],
            "offers": [
                {
                    "kind": "stage-3e",
                    "title": "Stage d'observation de 3e à l'atelier",
                    "description": (
                        "Une semaine pour suivre un soudeur et un chaudronnier, de la lecture du plan "
                        "jusqu'au contrôle de la pièce. Vous ne soudez pas vous-même, mais vous portez les "
                        "équipements de protection et observez chaque étape de près."
                    ),
                    "place": "Le Havre (76)",
                },
                {
                    "kind": "apprentissage",
                    "title": "Apprentissage en CAP ou bac pro chaudronnerie",
                    "description": (
                        "Nous accueillons deux apprentis à la rentrée prochaine, en lien avec un CFA de "
                        "l'industrie de l'estuaire. Un maître d'apprentissage expérimenté vous accompagne "
                        "pendant toute la formation."
                    ),
                    "place": "Le Havre (76)",
                },
            ],
        },
        {
            "name": "Usinage de précision Hautot",
            "kind": "company",
            "sector": "industrie",
            "department": "27",
            "city": "Vernon",
            "description": (
                "Nous usinons des pièces mécaniques de haute précision pour l'aéronautique et le spatial, au "
                "centième de millimètre près. Notre atelier compte une quarantaine de machines à commande "
                "numérique. Si vous aimez comprendre comment les objets sont fabriqués, vous êtes au bon "
                "endroit."
            ),
            "website": "https://example.org/usinage-hautot",
            "demo_staff": False,
            "job_cards": [
                {
                    "title": "Opérateur / Opératrice sur machine-outil à commande numérique",
                    "rome_code": "H2903",
                    "missions": (
                        "Vous préparez la machine, installez les outils, chargez le programme et lancez la "
                        "fabrication de séries de pièces. Vous mesurez régulièrement les pièces produites et "
                        "corrigez les réglages si nécessaire."
                    ),
                    "skills": (
                        "lecture de plans, métrologie, bases en programmation, vigilance, sens de l'organisation"
                    ),
                    "training": (
                        "bac pro Technicien en réalisation de produits mécaniques, BTS Conception des "
                        "processus de réalisation de produits, titres professionnels de l'usinage ; en voie "
                        "scolaire ou en apprentissage."
                    ),
                    "conditions": (
                        "Atelier propre et à température contrôlée pour garantir la précision des pièces. "
                        "Travail en équipes (matin ou après-midi) fréquent."
                    ),
                    "salary": "1 900 à 2 300 € brut par mois en début de carrière, primes d'équipe comprises",
                },
                {
                    "title": "Technicien / Technicienne de maintenance industrielle",
                    "rome_code": "I1310",
                    "missions": (
                        "Vous assurez l'entretien préventif des machines et intervenez en cas de panne pour "
                        "en trouver la cause et remettre l'équipement en service. Vous proposez aussi des "
                        "améliorations pour éviter que les pannes ne se reproduisent."
                    ),
                    "skills": "mécanique, électricité, automatismes, diagnostic, réactivité, sens du service",
                    "training": (
                        "bac pro Maintenance des systèmes de production connectés, BTS Maintenance des "
                        "systèmes, BUT Génie industriel et maintenance ; très souvent en alternance."
                    ),
                    "conditions": (
                        "Interventions dans tout l'atelier, parfois en urgence. Astreintes possibles selon "
                        "l'organisation de l'entreprise."
                    ),
                    "salary": "2 000 à 2 400 € brut par mois en début de carrière avec un BTS",
                },
            ],
            "offers": [
                {
                    "kind": "stage-seconde",
                    "title": "Stage de seconde : découvrir l'usinage",
                    "description": (
                        "Deux semaines en juin pour suivre le parcours d'une pièce, du bureau des méthodes "
                        "au contrôle qualité. Une convention de stage est signée avec votre lycée."
                    ),
                    "place": "Vernon (27)",
                },
            ],
        },
        {
            "name": "Fromagerie coopérative du Bocage virois",
            "kind": "company",
            "sector": "industrie",
            "department": "14",
            "city": "Vire Normandie",
            "description": (
                "Notre coopérative transforme chaque jour le lait d'une centaine d'exploitations du Bocage "
                "en fromages à pâte molle, en beurre et en crème. Nous recrutons des profils variés, de la "
                "production au laboratoire qualité. Venez voir comment le lait devient fromage !"
            ),
            "website": "https://example.org/fromagerie-bocage-virois",
            "demo_staff": False,
            "job_cards": [
                {
                    "title": "Conducteur / Conductrice de ligne de production alimentaire",
                    "rome_code": "H2102",
                    "missions": (
                        "Vous pilotez une ligne automatisée (moulage, démoulage, emballage), réglez les "
                        "paramètres et surveillez la qualité des produits. Vous appliquez strictement les "
                        "règles d'hygiène et enregistrez chaque contrôle pour assurer la traçabilité."
                    ),
                    "skills": (
                        "rigueur, respect de l'hygiène, réglages mécaniques simples, vigilance, travail en équipe"
                    ),
                    "training": (
                        "bac pro Pilote de ligne de production, bac pro Bio-industries de transformation, "
                        "certificats de qualification professionnelle de la branche alimentaire ; "
                        "accessibles en apprentissage."
                    ),
                    "conditions": (
                        "Travail dans des ateliers frais, en tenue d'hygiène complète. Horaires en 2x8 ou "
                        "3x8, week-ends possibles selon les plannings."
                    ),
                    "salary": "1 850 à 2 150 € brut par mois en début de carrière, plus primes d'équipe",
                },
                {
                    "title": "Fromager / Fromagère",
                    "rome_code": "A1412",
                    "missions": (
                        "Vous surveillez la coagulation du lait, le moulage et le salage, puis suivez "
                        "l'affinage en cave. Vous observez, goûtez et ajustez la température et l'humidité "
                        "pour obtenir des fromages de qualité constante."
                    ),
                    "skills": "sens de l'observation, goût et odorat, hygiène, patience, rigueur",
                    "training": (
                        "bac pro Bio-industries de transformation, BTSA Sciences et technologies des "
                        "aliments (spécialité produits laitiers), formations des écoles nationales "
                        "d'industrie laitière."
                    ),
                    "conditions": (
                        "Travail debout, dans une ambiance fraîche et humide, avec des gestes répétés. "
                        "Horaires matinaux fréquents."
                    ),
                    "salary": "1 850 à 2 100 € brut par mois en début de carrière",
                },
            ],
            "offers": [
                {
                    "kind": "stage-3e",
                    "title": "Stage de 3e en fromagerie",
                    "description": (
                        "Une semaine entre l'atelier de fabrication, les caves d'affinage et le laboratoire. "
                        "Prévoyez des chaussures fermées ; la tenue d'hygiène est fournie."
                    ),
                    "place": "Vire Normandie (14)",
                },
            ],
        },
        {
            "name": "Collectif des industriels de la vallée de Seine",
            "kind": "branch",
            "sector": "industrie",
            "department": "76",
            "city": "Rouen",
            "description": (
                "Notre association réunit plus de 200 entreprises industrielles de l'Eure et de la "
                "Seine-Maritime : mécanique, chimie, agroalimentaire, aéronautique. Nous vous aidons à "
                "découvrir la diversité des métiers de l'industrie et à trouver une entreprise pour un stage "
                "ou un contrat d'apprentissage. L'industrie d'aujourd'hui, ce sont aussi des robots, des "
                "écrans et beaucoup de travail d'équipe."
            ),
            "website": "https://example.org/industriels-vallee-de-seine",
            "demo_staff": False,
            "job_cards": [
                {
                    "title": "Câbleur / Câbleuse en électricité industrielle",
                    "rome_code": "H2602",
                    "missions": (
                        "Vous câblez des armoires électriques qui commandent des machines ou des lignes de "
                        "production, en suivant des schémas. Vous testez ensuite le bon fonctionnement de "
                        "l'ensemble avant sa livraison."
                    ),
                    "skills": (
                        "lecture de schémas électriques, minutie, habileté manuelle, respect des règles de "
                        "sécurité électrique, concentration"
                    ),
                    "training": (
                        "CAP Électricien, bac pro Métiers de l'électricité et de ses environnements "
                        "connectés, BTS Électrotechnique ; habilitation électrique délivrée par l'employeur "
                        "après formation."
                    ),
                    "conditions": (
                        "Travail en atelier, au calme, assis ou debout. Horaires de journée le plus souvent."
                    ),
                    "salary": "1 850 à 2 200 € brut par mois en début de carrière",
                },
                {
                    "title": "Technicien / Technicienne des méthodes",
                    "rome_code": "H1404",
                    "missions": (
                        "Vous définissez comment fabriquer un produit : ordre des opérations, machines, "
                        "outils et temps nécessaires. Vous cherchez en permanence à améliorer la qualité, la "
                        "sécurité et l'efficacité de la production."
                    ),
                    "skills": (
                        "logiciels de conception assistée par ordinateur, analyse, organisation, "
                        "communication avec l'atelier, curiosité technique"
                    ),
                    "training": (
                        "BTS Conception des processus de réalisation de produits, BUT Génie mécanique et "
                        "productique, BUT Qualité, logistique industrielle et organisation ; possibles en "
                        "alternance."
                    ),
                    "conditions": "Travail partagé entre le bureau et l'atelier. Horaires de journée.",
                    "salary": "2 100 à 2 600 € brut par mois en début de carrière",
                },
            ],
            "offers": [
                {
                    "kind": "apprentissage",
                    "title": "Bourse aux contrats d'apprentissage de l'industrie",
                    "description": (
                        "Déposez votre candidature une seule fois : nous la transmettons aux entreprises "
                        "adhérentes qui recrutent des apprentis, du CAP au diplôme d'ingénieur."
                    ),
                    "place": "Eure (27) et Seine-Maritime (76)",
                },
            ],
        },
        {
            "name": "CFA Métallerie et Maintenance de l'Estuaire",
            "kind": "cfa",
            "sector": "industrie",
            "department": "76",
            "city": "Harfleur",
            "description": (
                "Notre CFA forme chaque année près de 400 apprentis aux métiers de la chaudronnerie, du "
                "soudage, de la tuyauterie et de la maintenance industrielle. Nos plateaux techniques "
                "reproduisent les ateliers des entreprises de l'estuaire de la Seine. Vous pouvez nous "
                "rejoindre après la 3e, après un bac ou après un premier diplôme."
            ),
            "website": "https://example.org/cfa-metallerie-estuaire",
            "demo_staff": False,
            "job_cards": [
                {
                    "title": "Tuyauteur / Tuyauteuse industriel",
                    "rome_code": "H2914",
                    "missions": (
                        "Vous fabriquez et installez les réseaux de tuyauteries qui transportent des "
                        "liquides ou des gaz dans les usines et les raffineries. Vous coupez, cintrez, "
                        "assemblez et contrôlez les tubes d'après des plans en trois dimensions."
                    ),
                    "skills": "lecture de plans isométriques, soudage, calcul, travail en hauteur, rigueur",
                    "training": (
                        "CAP Réalisations industrielles en chaudronnerie ou soudage, bac pro Technicien en "
                        "chaudronnerie industrielle, titre professionnel Tuyauteur industriel ; en "
                        "apprentissage."
                    ),
                    "conditions": (
                        "Travail en atelier et sur des sites industriels, parfois en hauteur ; règles de "
                        "sécurité très strictes."
                    ),
                    "salary": ("1 950 à 2 350 € brut par mois en début de carrière, plus indemnités de déplacement"),
                },
                {
                    "title": "Agent / Agente de maintenance industrielle",
                    "rome_code": "I1310",
                    "missions": (
                        "Vous réalisez l'entretien courant des machines de production : graissage, "
                        "remplacement de pièces d'usure, contrôles. En cas de panne, vous aidez le "
                        "technicien à diagnostiquer et à réparer."
                    ),
                    "skills": ("mécanique, bases en électricité, méthode, sens de l'observation, travail en équipe"),
                    "training": (
                        "bac pro Maintenance des systèmes de production connectés, puis BTS Maintenance des "
                        "systèmes pour évoluer ; en apprentissage."
                    ),
                    "conditions": "Interventions dans toute l'usine, horaires en équipes possibles.",
                    "salary": "1 850 à 2 200 € brut par mois en début de carrière",
                },
            ],
            "offers": [
                {
                    "kind": "apprentissage",
                    "title": "Bac pro Maintenance des systèmes de production connectés en apprentissage",
                    "description": (
                        "Formation en trois ans après la 3e, en alternance entre le CFA et une entreprise "
                        "industrielle de la région havraise. Notre équipe vous aide à trouver votre "
                        "entreprise d'accueil."
                    ),
                    "place": "Harfleur (76)",
                },
            ],
        },
        {
            "name": "Maçonnerie Gosselin Frères",
            "kind": "company",
            "sector": "btp",
            "department": "50",
            "city": "Saint-Lô",
            "description": (
                "Entreprise familiale de 35 salariés, nous construisons des maisons et des bâtiments "
                "agricoles, et restaurons des longères en pierre du Saint-Lois et du Cotentin. Nous formons "
                "des apprentis depuis trois générations. Posez vos questions à nos maçons pendant tout le "
                "salon !"
            ),
            "website": "https://example.org/maconnerie-gosselin",
            "demo_staff": True,
            "job_cards": [
                {
                    "title": "Maçon / Maçonne",
                    "rome_code": "F1703",
                    "missions": (
                        "Vous montez les murs en blocs, en briques ou en pierre, coulez les dalles et "
                        "réalisez les fondations d'une construction. Vous lisez les plans et travaillez en "
                        "équipe sous la direction d'un chef de chantier."
                    ),
                    "skills": (
                        "lecture de plans, endurance physique, précision, travail en équipe, respect des "
                        "règles de sécurité"
                    ),
                    "training": (
                        "CAP Maçon, BP Maçon, bac pro Technicien du bâtiment : organisation et réalisation "
                        "du gros œuvre, titre professionnel Maçon ; très souvent en apprentissage."
                    ),
                    "conditions": (
                        "Travail en extérieur, par tous les temps, avec port de charges. Horaires de journée "
                        "et déplacements quotidiens sur les chantiers du département."
                    ),
                    "salary": (
                        "1 850 à 2 200 € brut par mois en début de carrière, plus indemnités de trajet et de repas"
                    ),
                },
                {
                    "title": "Chef / Cheffe de chantier",
                    "rome_code": "F1202",
                    "missions": (
                        "Vous organisez le travail d'une équipe sur un chantier : planning, commandes de "
                        "matériaux, sécurité et qualité des ouvrages. Vous êtes l'interlocuteur du "
                        "conducteur de travaux et des autres corps de métier."
                    ),
                    "skills": (
                        "sens de l'encadrement, organisation, connaissances techniques du gros œuvre, sens "
                        "des responsabilités, communication"
                    ),
                    "training": (
                        "BTS Bâtiment, BUT Génie civil – construction durable, ou évolution après plusieurs "
                        "années d'expérience comme maçon puis chef d'équipe."
                    ),
                    "conditions": (
                        "Présence permanente sur le chantier et responsabilités importantes. Véhicule de "
                        "service souvent fourni."
                    ),
                    "salary": "2 300 à 2 800 € brut par mois en début de carrière",
                },
            ],
            "offers": [
                {
                    "kind": "stage-3e",
                    "title": "Stage de 3e sur chantier",
                    "description": (
                        "Une semaine avec une équipe de maçons pour observer les étapes d'une construction. "
                        "Casque et chaussures de sécurité sont prêtés : indiquez-nous votre pointure à "
                        "l'avance."
                    ),
                    "place": "Saint-Lô et alentours (50)",
                },
                {
                    "kind": "apprentissage",
                    "title": "Apprentissage en CAP Maçon",
                    "description": (
                        "Deux places en CAP Maçon à partir de septembre, en alternance avec un CFA du "
                        "bâtiment de la Manche. Pas besoin de permis : un départ groupé vers les chantiers "
                        "est organisé depuis notre dépôt."
                    ),
                    "place": "Saint-Lô (50)",
                },
            ],
        },
        {
            "name": "Charpentes et Ossatures du Perche",
            "kind": "company",
            "sector": "btp",
            "department": "61",
            "city": "Mortagne-au-Perche",
            "description": (
                "Nous fabriquons et posons des charpentes traditionnelles, des maisons à ossature bois et "
                "des extensions, avec du bois issu de forêts normandes. Notre atelier associe machines à "
                "commande numérique et savoir-faire à la main. Un métier idéal si vous aimez le bois et le "
                "travail en hauteur."
            ),
            "website": "https://example.org/charpentes-perche",
            "demo_staff": False,
            "job_cards": [
                {
                    "title": "Charpentier / Charpentière bois",
                    "rome_code": "F1501",
                    "missions": (
                        "Vous taillez en atelier les pièces d'une charpente ou d'une ossature, puis vous les "
                        "assemblez et les levez sur le chantier. Vous posez ensuite la structure avec l'aide "
                        "d'engins de levage."
                    ),
                    "skills": ("lecture de plans, géométrie, aisance en hauteur, habileté manuelle, travail en équipe"),
                    "training": (
                        "CAP Charpentier bois, BP Charpentier bois, bac pro Technicien constructeur bois, "
                        "BTS Systèmes constructifs bois et habitat."
                    ),
                    "conditions": (
                        "Alternance entre atelier et chantiers en extérieur ; travail en hauteur sécurisé "
                        "par échafaudages et harnais."
                    ),
                    "salary": "1 850 à 2 250 € brut par mois en début de carrière",
                },
                {
                    "title": "Menuisier / Menuisière",
                    "rome_code": "H2206",
                    "missions": (
                        "Vous fabriquez en atelier des escaliers, des portes et des fenêtres en bois sur "
                        "mesure, à partir de relevés et de plans. Vous utilisez des machines traditionnelles "
                        "et numériques, puis réalisez les finitions."
                    ),
                    "skills": ("précision, sens de l'esthétique, maîtrise des machines à bois, sécurité, patience"),
                    "training": (
                        "CAP Menuisier fabricant, BP Menuisier, bac pro Technicien menuisier agenceur, BTS "
                        "Développement et réalisation bois."
                    ),
                    "conditions": (
                        "Travail en atelier, avec aspiration des poussières et protections auditives. "
                        "Horaires de journée."
                    ),
                    "salary": "1 850 à 2 150 € brut par mois en début de carrière",
                },
            ],
            "offers": [
                {
                    "kind": "stage-seconde",
                    "title": "Stage de seconde : du bois brut à la charpente",
                    "description": (
                        "Deux semaines en juin entre le bureau d'études, l'atelier de taille et un chantier "
                        "de pose (observation au sol uniquement)."
                    ),
                    "place": "Mortagne-au-Perche (61)",
                },
            ],
        },
        {
            "name": "CFA des Bâtisseurs du Pays de Caux",
            "kind": "cfa",
            "sector": "btp",
            "department": "76",
            "city": "Yvetot",
            "description": (
                "Nous préparons aux métiers du bâtiment du CAP au BTS, en apprentissage : maçonnerie, "
                "électricité, plomberie-chauffage, couverture et peinture. La plupart de nos apprentis sont "
                "embauchés par leur entreprise à la fin de leur formation. Notre équipe vous aide à trouver "
                "une entreprise d'accueil dans le Pays de Caux."
            ),
            "website": "https://example.org/cfa-batisseurs-caux",
            "demo_staff": False,
            "job_cards": [
                {
                    "title": "Électricien / Électricienne du bâtiment",
                    "rome_code": "F1602",
                    "missions": (
                        "Vous installez les réseaux électriques d'un logement ou d'un bâtiment : gaines, "
                        "câbles, tableaux, prises et éclairages. Vous mettez aussi en service des "
                        "équipements connectés, comme les volets roulants ou les bornes de recharge."
                    ),
                    "skills": (
                        "lecture de schémas, rigueur, respect des normes de sécurité, habileté manuelle, autonomie"
                    ),
                    "training": (
                        "CAP Électricien, bac pro Métiers de l'électricité et de ses environnements "
                        "connectés, BP Électricien, BTS Électrotechnique."
                    ),
                    "conditions": (
                        "Chantiers neufs ou de rénovation, le plus souvent en intérieur. Habilitation "
                        "électrique obligatoire."
                    ),
                    "salary": "1 850 à 2 200 € brut par mois en début de carrière",
                },
                {
                    "title": "Plombier chauffagiste / Plombière chauffagiste",
                    "rome_code": "F1603",
                    "missions": (
                        "Vous installez les canalisations d'eau, les sanitaires et les systèmes de chauffage "
                        "(chaudières, pompes à chaleur, planchers chauffants). Vous réalisez aussi des "
                        "dépannages chez les particuliers."
                    ),
                    "skills": "lecture de plans, brasage, sens du contact client, autonomie, rigueur",
                    "training": (
                        "CAP Monteur en installations sanitaires, CAP Monteur en installations thermiques, "
                        "bac pro Installateur en chauffage, climatisation et énergies renouvelables, BP "
                        "Monteur en installations du génie climatique et sanitaire."
                    ),
                    "conditions": (
                        "Déplacements quotidiens chez les clients ou sur les chantiers ; astreintes "
                        "possibles pour les dépannages en hiver."
                    ),
                    "salary": "1 850 à 2 300 € brut par mois en début de carrière",
                },
                {
                    "title": "Couvreur / Couvreuse",
                    "rome_code": "F1610",
                    "missions": (
                        "Vous posez et réparez des toitures en ardoise, en tuile ou en zinc, et assurez leur "
                        "étanchéité. Dans le Pays de Caux, vous pouvez aussi intervenir sur des toits de "
                        "chaume."
                    ),
                    "skills": (
                        "aisance en hauteur, équilibre, habileté manuelle, respect des règles de sécurité, endurance"
                    ),
                    "training": (
                        "CAP Couvreur, BP Couvreur, bac pro Interventions sur le patrimoine bâti (option couverture)."
                    ),
                    "conditions": ("Travail en hauteur et en extérieur, sécurisé par des échafaudages et des harnais."),
                    "salary": "1 850 à 2 250 € brut par mois en début de carrière",
                },
            ],
            "offers": [
                {
                    "kind": "apprentissage",
                    "title": "Places en CAP et BP pour la rentrée de septembre",
                    "description": (
                        "Inscriptions ouvertes en CAP Électricien, CAP Monteur en installations sanitaires "
                        "et CAP Couvreur. Si vous n'avez pas encore d'employeur, vous pouvez commencer la "
                        "formation au CFA pendant trois mois au maximum, le temps de signer votre contrat."
                    ),
                    "place": "Yvetot (76)",
                },
            ],
        },
        {
            "name": "Bâtir Ensemble – artisans du bâtiment de l'Eure",
            "kind": "branch",
            "sector": "btp",
            "department": "27",
            "city": "Évreux",
            "description": (
                "Notre groupement rassemble plus de 600 artisans et petites entreprises du bâtiment et des "
                "travaux publics de l'Eure. Nous présentons les métiers du secteur et mettons en relation "
                "les jeunes avec les entreprises qui cherchent des stagiaires et des apprentis. Filles comme "
                "garçons, le bâtiment a besoin de vous !"
            ),
            "website": "https://example.org/batir-ensemble-eure",
            "demo_staff": False,
            "job_cards": [
                {
                    "title": "Peintre en bâtiment",
                    "rome_code": "F1606",
                    "missions": (
                        "Vous préparez les surfaces (ponçage, enduits), puis appliquez peintures, papiers "
                        "peints et revêtements décoratifs, en intérieur comme en façade. Vous conseillez les "
                        "clients sur les couleurs et les matériaux."
                    ),
                    "skills": "soin, sens des couleurs, minutie, patience, contact client",
                    "training": (
                        "CAP Peintre applicateur de revêtements, BP Peintre applicateur de revêtements, bac "
                        "pro Aménagement et finitions du bâtiment."
                    ),
                    "conditions": ("Travail debout, sur escabeau ou échafaudage ; nombreux chantiers de rénovation."),
                    "salary": "1 850 à 2 100 € brut par mois en début de carrière",
                },
                {
                    "title": "Conducteur / Conductrice d'engins de travaux publics",
                    "rome_code": "F1302",
                    "missions": (
                        "Vous conduisez des pelles, des chargeuses ou des niveleuses pour terrasser, creuser "
                        "des tranchées ou préparer des plateformes. Vous vérifiez et entretenez votre engin "
                        "chaque jour."
                    ),
                    "skills": ("coordination, précision des gestes, vigilance, respect de la sécurité, sens mécanique"),
                    "training": (
                        "CAP Conducteur d'engins : travaux publics et carrières, bac pro Travaux publics, "
                        "titres professionnels de conducteur d'engins ; CACES et autorisation de conduite "
                        "délivrée par l'employeur."
                    ),
                    "conditions": (
                        "Travail en extérieur, dans le bruit et les vibrations ; les chantiers changent régulièrement."
                    ),
                    "salary": "1 900 à 2 300 € brut par mois en début de carrière",
                },
            ],
            "offers": [
                {
                    "kind": "stage-3e",
                    "title": "Stages de 3e dans les entreprises adhérentes",
                    "description": (
                        "Nous vous mettons en relation avec une entreprise du bâtiment proche de chez vous "
                        "pour votre stage d'observation. Indiquez-nous votre commune et le métier qui vous "
                        "attire."
                    ),
                    "place": "Tout le département de l'Eure (27)",
                },
            ],
        },
        {
            "name": "Groupe hospitalier du Val d'Auge",
            "kind": "institution",
            "sector": "sante-social",
            "department": "14",
            "city": "Lisieux",
            "description": (
                "Notre groupe hospitalier réunit un hôpital, deux EHPAD et un service d'hospitalisation à "
                "domicile, avec plus de 1 500 professionnels. Soignants, techniciens, cuisiniers, "
                "informaticiens : plus de cent métiers différents font fonctionner un hôpital. Venez "
                "découvrir ceux qui vous ressemblent."
            ),
            "website": "https://example.org/gh-val-d-auge",
            "demo_staff": False,
            "job_cards": [
                {
                    "title": "Aide-soignant / Aide-soignante",
                    "rome_code": "J1501",
                    "missions": (
                        "Vous accompagnez les patients dans les gestes du quotidien : toilette, repas, "
                        "déplacements. Vous surveillez leur état de santé et transmettez vos observations à "
                        "l'infirmier, avec qui vous travaillez en binôme."
                    ),
                    "skills": ("écoute, bienveillance, sens de l'observation, travail en équipe, résistance physique"),
                    "training": (
                        "Diplôme d'État d'aide-soignant (DEAS), préparé en un an environ en institut de "
                        "formation, accessible sans diplôme dès 17 ans après sélection sur dossier et "
                        "entretien, y compris en apprentissage. Le bac pro Accompagnement, soins et services "
                        "à la personne permet des allègements de formation."
                    ),
                    "conditions": (
                        "Horaires décalés (matin, après-midi ou nuit), week-ends et jours fériés par "
                        "roulement. Métier physique mais riche en relations humaines."
                    ),
                    "salary": "1 950 à 2 200 € brut par mois en début de carrière, primes comprises",
                },
                {
                    "title": "Infirmier / Infirmière",
                    "rome_code": "J1506",
                    "missions": (
                        "Vous réalisez les soins prescrits par le médecin (pansements, injections, "
                        "perfusions) et surveillez l'état des patients. Vous coordonnez le travail de "
                        "l'équipe soignante et accompagnez les familles."
                    ),
                    "skills": (
                        "rigueur, sang-froid, connaissances médicales, empathie, capacité à gérer les priorités"
                    ),
                    "training": (
                        "Diplôme d'État d'infirmier, préparé en 3 ans dans un institut de formation en soins "
                        "infirmiers (IFSI), accessible après le bac via Parcoursup ; il confère le grade de "
                        "licence."
                    ),
                    "conditions": "Travail en équipe, de jour ou de nuit, week-ends compris par roulement.",
                    "salary": "2 200 à 2 500 € brut par mois en début de carrière, primes comprises",
                },
            ],
            "offers": [
                {
                    "kind": "stage-seconde",
                    "title": "Stage de seconde à l'hôpital",
                    "description": (
                        "Deux semaines en juin pour découvrir les services techniques, logistiques et "
                        "administratifs de l'hôpital, avec des temps d'observation encadrés dans un service "
                        "de soins. Une attestation de vaccinations à jour peut vous être demandée."
                    ),
                    "place": "Lisieux (14)",
                },
            ],
        },
        {
            "name": "Institut de formation sanitaire et sociale de la Côte d'Albâtre",
            "kind": "school",
            "sector": "sante-social",
            "department": "76",
            "city": "Dieppe",
            "description": (
                "Notre institut prépare aux diplômes d'État d'aide-soignant, d'auxiliaire de puériculture et "
                "d'accompagnant éducatif et social, en formation initiale ou en apprentissage. Nos "
                "formateurs sont d'anciens soignants et éducateurs. Venez découvrir nos conditions "
                "d'admission et le déroulement des stages."
            ),
            "website": "https://example.org/ifss-cote-albatre",
            "demo_staff": False,
            "job_cards": [
                {
                    "title": "Auxiliaire de puériculture",
                    "rome_code": "J1304",
                    "missions": (
                        "Vous prenez soin des nouveau-nés et des jeunes enfants : repas, change, sommeil, "
                        "éveil. Vous travaillez en maternité, en service de pédiatrie ou en crèche, en lien "
                        "étroit avec les parents."
                    ),
                    "skills": "douceur, patience, sens de l'observation, hygiène, travail en équipe",
                    "training": (
                        "Diplôme d'État d'auxiliaire de puériculture (DEAP), préparé en un an environ, "
                        "accessible dès 17 ans après sélection sur dossier et entretien ; possible en "
                        "apprentissage."
                    ),
                    "conditions": (
                        "Horaires variables selon la structure : journées en crèche, roulements de jour et "
                        "de nuit à l'hôpital."
                    ),
                    "salary": "1 850 à 2 150 € brut par mois en début de carrière",
                },
                {
                    "title": "Accompagnant éducatif et social / Accompagnante éducative et sociale",
                    "rome_code": "K1302",
                    "missions": (
                        "Vous aidez des personnes âgées ou en situation de handicap dans les actes de la vie "
                        "quotidienne, à domicile ou en établissement. Vous les accompagnez aussi dans leurs "
                        "activités et leur vie sociale."
                    ),
                    "skills": ("empathie, patience, discrétion, capacité d'adaptation, sens des responsabilités"),
                    "training": (
                        "Diplôme d'État d'accompagnant éducatif et social (DEAES), de niveau CAP, préparé en "
                        "12 à 24 mois et accessible sans diplôme ; possible en apprentissage."
                    ),
                    "conditions": (
                        "Horaires parfois coupés (matin et soir) ; déplacements entre plusieurs domiciles "
                        "dans la journée."
                    ),
                    "salary": (
                        "Proche du SMIC en début de carrière, soit environ 1 850 à 2 000 € brut par mois, "
                        "plus indemnités kilométriques"
                    ),
                },
            ],
            "offers": [],
        },
        {
            "name": "Pixel Normand Studio",
            "kind": "company",
            "sector": "numerique",
            "department": "14",
            "city": "Caen",
            "description": (
                "Agence numérique de 22 personnes, nous concevons des sites web, des applications mobiles et "
                "des jeux éducatifs pour des clients de toute la Normandie. Développeurs, graphistes et "
                "chefs de projet travaillent ensemble sur chaque projet. Discutez avec notre équipe en "
                "direct et découvrez à quoi ressemble vraiment une journée de développeur."
            ),
            "website": "https://example.org/pixel-normand",
            "demo_staff": True,
            "job_cards": [
                {
                    "title": "Développeur / Développeuse web",
                    "rome_code": "M1805",
                    "missions": (
                        "Vous écrivez le code des sites et des applications à partir des maquettes et du "
                        "cahier des charges. Vous testez votre travail, corrigez les bugs et faites évoluer "
                        "les applications existantes."
                    ),
                    "skills": (
                        "logique, langages du web (HTML, CSS, JavaScript, Python ou PHP), travail en équipe, "
                        "anglais technique, curiosité"
                    ),
                    "training": (
                        "BTS Services informatiques aux organisations (option solutions logicielles et "
                        "applications métiers), BUT Informatique, titre professionnel Développeur web et web "
                        "mobile ; nombreux parcours en alternance."
                    ),
                    "conditions": (
                        "Travail sur ordinateur, en équipe, au bureau ou en partie en télétravail. Horaires "
                        "de journée, avec des périodes plus intenses avant les mises en ligne."
                    ),
                    "salary": "2 000 à 2 500 € brut par mois en début de carrière",
                },
                {
                    "title": "Webdesigner",
                    "rome_code": "E1205",
                    "missions": (
                        "Vous imaginez l'apparence et l'ergonomie d'un site ou d'une application : "
                        "maquettes, illustrations, animations. Vous veillez à ce que tout soit clair et "
                        "agréable pour l'utilisateur, y compris pour les personnes en situation de handicap."
                    ),
                    "skills": (
                        "créativité, logiciels de graphisme et de maquettage, sens de l'ergonomie, écoute du "
                        "client, culture visuelle"
                    ),
                    "training": (
                        "BUT Métiers du multimédia et de l'internet, DN MADE mention numérique, titre "
                        "professionnel Designer web."
                    ),
                    "conditions": "Travail sur écran, en lien étroit avec les développeurs et les clients.",
                    "salary": "1 900 à 2 300 € brut par mois en début de carrière",
                },
            ],
            "offers": [
                {
                    "kind": "stage-3e",
                    "title": "Stage de 3e dans une agence numérique",
                    "description": (
                        "Une semaine pour découvrir la création d'un site web, de la maquette au code. Vous "
                        "réaliserez une petite page web avec l'aide d'un développeur."
                    ),
                    "place": "Caen (14)",
                },
                {
                    "kind": "alternance",
                    "title": "Alternance : développeur ou développeuse web (BTS SIO ou BUT)",
                    "description": (
                        "Nous recrutons une personne en contrat d'apprentissage pour la rentrée, pour "
                        "participer au développement d'applications web avec notre équipe."
                    ),
                    "place": "Caen (14)",
                },
            ],
        },
        {
            "name": "Réseaux et Sécurité de l'Estuaire",
            "kind": "company",
            "sector": "numerique",
            "department": "76",
            "city": "Rouen",
            "description": (
                "Nous installons et surveillons les réseaux informatiques de collectivités, de PME et "
                "d'établissements de santé de la vallée de la Seine. Notre centre de supervision fonctionne "
                "jour et nuit pour détecter les cyberattaques. Découvrez des métiers où l'on protège les "
                "données de milliers de personnes."
            ),
            "website": "https://example.org/reseaux-securite-estuaire",
            "demo_staff": False,
            "job_cards": [
                {
                    "title": "Technicien / Technicienne systèmes et réseaux",
                    "rome_code": "M1801",
                    "missions": (
                        "Vous installez et configurez les serveurs, les postes de travail et les équipements "
                        "réseau de vos clients. Vous mettez à jour les systèmes et appliquez les règles de "
                        "sécurité pour les protéger."
                    ),
                    "skills": ("réseaux et systèmes (Windows, Linux), méthode, curiosité, sens du service, discrétion"),
                    "training": (
                        "bac pro Cybersécurité, informatique et réseaux, électronique (CIEL), BTS Services "
                        "informatiques aux organisations (option solutions d'infrastructure, systèmes et "
                        "réseaux), BUT Réseaux et télécommunications, titre professionnel Technicien "
                        "supérieur systèmes et réseaux."
                    ),
                    "conditions": "Interventions sur site et à distance ; astreintes possibles.",
                    "salary": "1 900 à 2 300 € brut par mois en début de carrière",
                },
                {
                    "title": "Technicien / Technicienne d'assistance informatique",
                    "rome_code": "I1401",
                    "missions": (
                        "Vous aidez les utilisateurs qui rencontrent un problème avec leur ordinateur, leur "
                        "messagerie ou leur imprimante, par téléphone ou sur place. Vous installez aussi les "
                        "nouveaux équipements."
                    ),
                    "skills": "pédagogie, patience, diagnostic, bases en systèmes et réseaux, organisation",
                    "training": (
                        "bac pro Cybersécurité, informatique et réseaux, électronique (CIEL), titre "
                        "professionnel Technicien d'assistance en informatique, BTS Services informatiques "
                        "aux organisations."
                    ),
                    "conditions": "Nombreux échanges avec les utilisateurs ; horaires de bureau.",
                    "salary": "1 850 à 2 100 € brut par mois en début de carrière",
                },
            ],
            "offers": [
                {
                    "kind": "stage-seconde",
                    "title": "Stage de seconde en informatique et cybersécurité",
                    "description": (
                        "Deux semaines pour découvrir le support informatique, la préparation de postes de "
                        "travail et le fonctionnement d'un centre de supervision, sans accès aux données des "
                        "clients."
                    ),
                    "place": "Rouen (76)",
                },
            ],
        },
        {
            "name": "GAEC de la Prairie Haute",
            "kind": "company",
            "sector": "agriculture",
            "department": "61",
            "city": "Gacé",
            "description": (
                "Trois associés et deux salariés élèvent 180 vaches laitières de race normande et cultivent "
                "220 hectares de prairies, de maïs et de céréales. Le lait est transformé en fromage et en "
                "beurre par une laiterie voisine. Robot de traite, capteurs, logiciels : l'agriculture est "
                "aussi un métier de technologies."
            ),
            "website": "",
            "demo_staff": False,
            "job_cards": [
                {
                    "title": "Agent / Agente d'élevage laitier",
                    "rome_code": "A1403",
                    "missions": (
                        "Vous participez à la traite, à l'alimentation et aux soins des animaux, ainsi qu'au "
                        "suivi des vêlages. Vous surveillez la santé du troupeau et entretenez les bâtiments "
                        "et le matériel."
                    ),
                    "skills": (
                        "goût pour les animaux, sens de l'observation, endurance, autonomie, sens des responsabilités"
                    ),
                    "training": (
                        "CAP agricole Métiers de l'agriculture, bac pro Conduite et gestion de l'entreprise "
                        "agricole, brevet professionnel Responsable d'entreprise agricole (BPREA) ; très "
                        "souvent en apprentissage."
                    ),
                    "conditions": (
                        "Travail en extérieur et en bâtiment d'élevage, tôt le matin et en fin de journée ; "
                        "week-ends par roulement."
                    ),
                    "salary": "1 850 à 2 050 € brut par mois en début de carrière, logement parfois proposé",
                },
                {
                    "title": "Agriculteur / Agricultrice en polyculture-élevage",
                    "rome_code": "A1416",
                    "missions": (
                        "Vous dirigez une exploitation qui associe cultures et élevage : choix des cultures, "
                        "soins aux animaux, entretien des machines et gestion des comptes. Vous prenez les "
                        "décisions techniques et économiques, souvent avec des associés."
                    ),
                    "skills": "gestion, agronomie, mécanique, capacité d'adaptation, prise de décision",
                    "training": (
                        "bac pro Conduite et gestion de l'entreprise agricole, BTSA Analyse, conduite et "
                        "stratégie de l'entreprise agricole, BPREA pour s'installer."
                    ),
                    "conditions": (
                        "Grande autonomie, longues journées pendant les récoltes et les vêlages ; rythme lié "
                        "aux saisons et à la météo."
                    ),
                    "salary": (
                        "Revenu variable selon l'exploitation et les années ; comme salarié chef de culture, "
                        "2 000 à 2 500 € brut par mois"
                    ),
                },
            ],
            "offers": [
                {
                    "kind": "stage-3e",
                    "title": "Stage de 3e à la ferme",
                    "description": (
                        "Une semaine pour participer à la vie de l'exploitation : traite, soins aux veaux, "
                        "suivi des cultures (sans conduite d'engins). Prévoyez des bottes et des vêtements "
                        "de travail."
                    ),
                    "place": "Gacé (61)",
                },
            ],
        },
        {
            "name": "Lycée des métiers de la terre et du paysage Les Hêtres",
            "kind": "school",
            "sector": "agriculture",
            "department": "27",
            "city": "Le Neubourg",
            "description": (
                "Notre lycée public propose des formations de la 4e de l'enseignement agricole jusqu'au BTSA "
                ": productions agricoles, aménagements paysagers et maraîchage biologique. L'établissement "
                "dispose d'une exploitation de 90 hectares et d'un atelier de maraîchage où les élèves "
                "apprennent en conditions réelles. Internat possible dès la 4e."
            ),
            "website": "https://example.org/lycee-les-hetres",
            "demo_staff": False,
            "job_cards": [
                {
                    "title": "Jardinier paysagiste / Jardinière paysagiste",
                    "rome_code": "A1203",
                    "missions": (
                        "Vous créez et entretenez des parcs, des jardins et des espaces verts : plantations, "
                        "tonte, taille, petits aménagements en pierre ou en bois. Vous travaillez pour une "
                        "entreprise, une commune ou des particuliers."
                    ),
                    "skills": (
                        "connaissance des végétaux, goût pour le travail en extérieur, sens esthétique, "
                        "conduite de petits engins, endurance"
                    ),
                    "training": (
                        "CAP agricole Jardinier paysagiste, bac pro Aménagements paysagers, BTSA "
                        "Aménagements paysagers."
                    ),
                    "conditions": ("Travail en extérieur en toute saison ; activité plus intense au printemps."),
                    "salary": "1 850 à 2 050 € brut par mois en début de carrière",
                },
                {
                    "title": "Maraîcher / Maraîchère",
                    "rome_code": "A1414",
                    "missions": (
                        "Vous cultivez des légumes en plein champ ou sous serre : semis, plantation, "
                        "irrigation, récolte. Vous pouvez aussi vendre votre production sur les marchés ou "
                        "en paniers."
                    ),
                    "skills": (
                        "sens de l'observation, connaissance des sols et des plantes, organisation, "
                        "résistance physique, sens commercial"
                    ),
                    "training": (
                        "CAP agricole Métiers de l'agriculture, bac pro Productions horticoles, BTSA "
                        "Production horticole, BPREA pour s'installer."
                    ),
                    "conditions": (
                        "Travail physique, en extérieur et sous serre ; forte activité du printemps à l'automne."
                    ),
                    "salary": "1 850 à 2 000 € brut par mois comme salarié en début de carrière",
                },
            ],
            "offers": [],
        },
        {
            "name": "CFA Terres et Chevaux du Perche",
            "kind": "cfa",
            "sector": "agriculture",
            "department": "61",
            "city": "Bellême",
            "description": (
                "Notre CFA agricole forme par apprentissage aux métiers de l'élevage, des cultures, du "
                "cheval et du machinisme agricole, du CAP agricole au BTSA. La Normandie est une terre de "
                "chevaux : nos apprentis travaillent dans des haras, des écuries de sport et des centres "
                "équestres. Les entreprises agricoles recrutent, venez en parler avec nous."
            ),
            "website": "https://example.org/cfa-terres-chevaux",
            "demo_staff": False,
            "job_cards": [
                {
                    "title": "Éleveur / Éleveuse de chevaux",
                    "rome_code": "A1407",
                    "missions": (
                        "Vous vous occupez des juments, des poulains et des étalons : alimentation, soins, "
                        "reproduction, manipulation des jeunes chevaux et préparation à la vente. Vous "
                        "entretenez aussi les prairies, les boxes et le matériel."
                    ),
                    "skills": (
                        "connaissance du cheval, calme et assurance, sens de l'observation, endurance, organisation"
                    ),
                    "training": (
                        "CAP agricole Palefrenier soigneur, bac pro Conduite et gestion de l'entreprise "
                        "hippique, BTSA Productions animales, BPREA."
                    ),
                    "conditions": (
                        "Travail en extérieur, avec des animaux à soigner tous les jours ; week-ends par "
                        "roulement. Risque de chutes et de coups : la prudence est essentielle."
                    ),
                    "salary": "1 850 à 2 000 € brut par mois comme salarié en début de carrière",
                },
                {
                    "title": "Mécanicien / Mécanicienne en machinisme agricole",
                    "rome_code": "I1603",
                    "missions": (
                        "Vous entretenez et réparez les tracteurs, les moissonneuses et les outils "
                        "agricoles, de plus en plus équipés d'électronique et de guidage par satellite. Vous "
                        "intervenez à l'atelier ou directement dans les champs en cas de panne."
                    ),
                    "skills": "mécanique, hydraulique, électronique embarquée, diagnostic, réactivité",
                    "training": (
                        "CAP Maintenance des matériels (option matériels agricoles), bac pro Maintenance des "
                        "matériels (option matériels agricoles), BTS Techniques et services en matériels "
                        "agricoles."
                    ),
                    "conditions": (
                        "Atelier et interventions au champ ; horaires chargés pendant les semis et les moissons."
                    ),
                    "salary": "1 900 à 2 300 € brut par mois en début de carrière",
                },
            ],
            "offers": [
                {
                    "kind": "apprentissage",
                    "title": "Apprentissage en CAP agricole ou en bac pro",
                    "description": (
                        "Nous aidons chaque futur apprenti à trouver une exploitation, un haras ou un "
                        "concessionnaire de matériel agricole. Hébergement possible à l'internat pendant les "
                        "semaines au CFA."
                    ),
                    "place": "Bellême (61)",
                },
            ],
        },
        {
            "name": "Boulangerie-pâtisserie Au Fournil d'Honorine",
            "kind": "company",
            "sector": "commerce",
            "department": "14",
            "city": "Bayeux",
            "description": (
                "Nous fabriquons chaque jour pains au levain, viennoiseries et gâteaux avec des farines de "
                "meuniers normands. L'équipe compte huit personnes, dont deux apprentis. Venez découvrir le "
                "métier et nous poser toutes vos questions, y compris sur les horaires !"
            ),
            "website": "",
            "demo_staff": False,
            "job_cards": [
                {
                    "title": "Boulanger / Boulangère",
                    "rome_code": "D1102",
                    "missions": (
                        "Vous préparez les pâtes, surveillez la fermentation, façonnez et cuisez les pains "
                        "et les viennoiseries. Vous adaptez vos recettes à la farine, à la température et à "
                        "l'humidité du jour."
                    ),
                    "skills": "précision, endurance, organisation, créativité, respect de l'hygiène",
                    "training": (
                        "CAP Boulanger, puis BP Boulanger ; bac pro Boulanger-pâtissier. La grande majorité "
                        "des boulangers se forment en apprentissage."
                    ),
                    "conditions": (
                        "Horaires très matinaux, travail le week-end et les jours fériés ; chaleur du fournil."
                    ),
                    "salary": "1 850 à 2 150 € brut par mois en début de carrière",
                },
                {
                    "title": "Vendeur / Vendeuse en boulangerie-pâtisserie",
                    "rome_code": "D1106",
                    "missions": (
                        "Vous accueillez les clients, les conseillez et encaissez leurs achats. Vous mettez "
                        "en valeur les produits en vitrine et veillez à l'hygiène de la boutique."
                    ),
                    "skills": "sourire, sens du contact, rapidité, présentation soignée, calcul mental",
                    "training": (
                        "CAP Équipier polyvalent du commerce, bac pro Métiers du commerce et de la vente, ou "
                        "formation en boutique."
                    ),
                    "conditions": "Travail debout, horaires décalés incluant le week-end.",
                    "salary": "Proche du SMIC en début de carrière, soit environ 1 850 € brut par mois",
                },
            ],
            "offers": [
                {
                    "kind": "stage-3e",
                    "title": "Stage de 3e au fournil et en boutique",
                    "description": (
                        "Une semaine en horaires aménagés (arrivée à 7 h) pour découvrir la fabrication du "
                        "pain et des viennoiseries, puis la vente en boutique."
                    ),
                    "place": "Bayeux (14)",
                },
                {
                    "kind": "apprentissage",
                    "title": "Apprentissage en CAP Boulanger",
                    "description": (
                        "Nous recrutons un apprenti ou une apprentie en CAP Boulanger pour la rentrée. La "
                        "motivation et la ponctualité comptent plus que les notes !"
                    ),
                    "place": "Bayeux (14)",
                },
            ],
        },
        {
            "name": "Supermarché Coop'Ouche",
            "kind": "company",
            "sector": "commerce",
            "department": "61",
            "city": "L'Aigle",
            "description": (
                "Supermarché indépendant de 60 salariés, nous mettons en avant les produits du Pays d'Ouche "
                "et de toute la Normandie. Nous formons chaque année des stagiaires et des alternants dans "
                "tous nos rayons. Le commerce, c'est d'abord une histoire de relations humaines."
            ),
            "website": "https://example.org/coop-ouche",
            "demo_staff": False,
            "job_cards": [
                {
                    "title": "Employé / Employée de rayon",
                    "rome_code": "D1507",
                    "missions": (
                        "Vous réceptionnez les marchandises, remplissez les rayons et veillez à leur bonne "
                        "présentation. Vous contrôlez les dates de consommation et renseignez les clients."
                    ),
                    "skills": ("organisation, rapidité, sens du contact, travail en équipe, bonne condition physique"),
                    "training": ("CAP Équipier polyvalent du commerce, bac pro Métiers du commerce et de la vente."),
                    "conditions": "Travail tôt le matin pour la mise en rayon, le samedi par roulement.",
                    "salary": ("Proche du SMIC en début de carrière, soit environ 1 850 à 1 950 € brut par mois"),
                },
                {
                    "title": "Manager / Manageuse de rayon",
                    "rome_code": "D1502",
                    "missions": (
                        "Vous gérez un rayon comme une petite entreprise : commandes, prix, promotions, "
                        "chiffre d'affaires. Vous encadrez une équipe d'employés de rayon."
                    ),
                    "skills": "gestion, animation d'équipe, sens commercial, rigueur, réactivité",
                    "training": (
                        "BTS Management commercial opérationnel, BUT Techniques de commercialisation, ou "
                        "évolution interne après une expérience d'employé de rayon."
                    ),
                    "conditions": (
                        "Journées bien remplies et responsabilités d'encadrement ; horaires incluant le samedi."
                    ),
                    "salary": "2 100 à 2 500 € brut par mois en début de carrière",
                },
            ],
            "offers": [
                {
                    "kind": "stage-seconde",
                    "title": "Stage de seconde en supermarché",
                    "description": (
                        "Deux semaines pour découvrir la réception des marchandises, la mise en rayon, la "
                        "caisse et le travail du manager de rayon."
                    ),
                    "place": "L'Aigle (61)",
                },
            ],
        },
        {
            "name": "CFA du Commerce et des Services de l'Orne-Bocage",
            "kind": "cfa",
            "sector": "commerce",
            "department": "61",
            "city": "Flers",
            "description": (
                "Notre CFA forme plus de 500 apprentis aux métiers de la vente, de la coiffure et de la "
                "fleuristerie, du CAP au BTS. Chaque apprenti est suivi par un référent qui fait le lien "
                "avec son entreprise. Venez découvrir nos ateliers et notre boutique pédagogique."
            ),
            "website": "https://example.org/cfa-commerce-orne-bocage",
            "demo_staff": False,
            "job_cards": [
                {
                    "title": "Coiffeur / Coiffeuse",
                    "rome_code": "D1202",
                    "missions": (
                        "Vous conseillez les clients et réalisez coupes, couleurs et coiffages pour femmes, "
                        "hommes et enfants. Vous vendez aussi des produits capillaires et entretenez le "
                        "salon."
                    ),
                    "skills": "habileté manuelle, créativité, écoute, sens du contact, présentation soignée",
                    "training": (
                        "CAP Métiers de la coiffure, BP Coiffure, BTS Métiers de la coiffure ; le BP permet "
                        "notamment de gérer un salon."
                    ),
                    "conditions": (
                        "Travail debout, toujours le samedi, parfois en soirée ; contact permanent avec la clientèle."
                    ),
                    "salary": (
                        "Proche du SMIC en début de carrière, soit environ 1 850 € brut par mois, plus "
                        "primes sur les ventes"
                    ),
                },
                {
                    "title": "Fleuriste",
                    "rome_code": "D1209",
                    "missions": (
                        "Vous composez des bouquets et des compositions florales pour les clients, les "
                        "mariages ou les événements. Vous choisissez les fleurs, les entretenez et "
                        "conseillez les clients."
                    ),
                    "skills": (
                        "créativité, sens des couleurs, connaissance des végétaux, habileté manuelle, sens commercial"
                    ),
                    "training": "CAP Fleuriste, BP Fleuriste, brevet de maîtrise Fleuriste.",
                    "conditions": (
                        "Travail debout, dans le froid et l'humidité ; pics d'activité à la Saint-Valentin "
                        "et à la fête des Mères."
                    ),
                    "salary": "Proche du SMIC en début de carrière, soit environ 1 850 € brut par mois",
                },
                {
                    "title": "Vendeur-conseil / Vendeuse-conseil en prêt-à-porter",
                    "rome_code": "D1214",
                    "missions": (
                        "Vous accueillez les clients, les aidez à choisir des vêtements ou des accessoires "
                        "et concluez la vente. Vous participez à la mise en valeur du magasin et à la "
                        "gestion des stocks."
                    ),
                    "skills": ("sens du contact, écoute, goût pour la mode, force de persuasion, travail en équipe"),
                    "training": (
                        "CAP Équipier polyvalent du commerce, bac pro Métiers du commerce et de la vente, "
                        "BTS Management commercial opérationnel."
                    ),
                    "conditions": (
                        "Travail debout, le samedi et pendant les soldes ; horaires d'ouverture du magasin."
                    ),
                    "salary": "1 850 à 2 000 € brut par mois en début de carrière, plus commissions",
                },
            ],
            "offers": [
                {
                    "kind": "apprentissage",
                    "title": "Apprentissage en CAP Métiers de la coiffure, BP Coiffure ou CAP Fleuriste",
                    "description": (
                        "Des salons et des boutiques de l'Orne nous confient chaque année leurs offres "
                        "d'apprentissage. Déposez votre CV sur le stand ou venez nous rencontrer lors de nos "
                        "journées portes ouvertes."
                    ),
                    "place": "Flers (61)",
                },
            ],
        },
        {
            "name": "Transports Lemonnier-Duval",
            "kind": "company",
            "sector": "transport-logistique",
            "department": "27",
            "city": "Val-de-Reuil",
            "description": (
                "Entreprise familiale de transport routier, nous exploitons 90 camions qui livrent chaque "
                "jour des magasins et des usines de Normandie et d'Île-de-France. Nous disposons aussi de "
                "notre propre atelier de maintenance poids lourds. Des métiers pour celles et ceux qui "
                "aiment l'autonomie et la route."
            ),
            "website": "https://example.org/transports-lemonnier-duval",
            "demo_staff": False,
            "job_cards": [
                {
                    "title": "Conducteur / Conductrice routier de marchandises",
                    "rome_code": "N4101",
                    "missions": (
                        "Vous transportez des marchandises sur de longues distances au volant d'un poids "
                        "lourd. Vous vérifiez votre véhicule, surveillez le chargement et respectez les "
                        "temps de conduite et de repos."
                    ),
                    "skills": (
                        "vigilance, autonomie, sens de l'orientation, respect de la réglementation, ponctualité"
                    ),
                    "training": (
                        "CAP Conducteur livreur de marchandises, bac pro Conducteur transport routier "
                        "marchandises, titres professionnels de conducteur du transport routier de "
                        "marchandises ; permis C et CE et qualification initiale obligatoire (FIMO), incluse "
                        "dans certains diplômes."
                    ),
                    "conditions": (
                        "Déplacements d'un ou plusieurs jours, horaires variables ; nuits hors du domicile possibles."
                    ),
                    "salary": "2 000 à 2 400 € brut par mois en début de carrière, plus frais de déplacement",
                },
                {
                    "title": "Mécanicien / Mécanicienne poids lourds",
                    "rome_code": "I1604",
                    "missions": (
                        "Vous entretenez et réparez les camions et les remorques : moteur, freinage, "
                        "électronique, climatisation. Vous réalisez les diagnostics à l'aide d'outils "
                        "informatiques."
                    ),
                    "skills": "mécanique, électricité, diagnostic électronique, rigueur, sécurité",
                    "training": (
                        "CAP Maintenance des véhicules (option véhicules de transport routier), bac pro "
                        "Maintenance des véhicules (même option), BTS Maintenance des véhicules."
                    ),
                    "conditions": ("Travail en atelier, interventions parfois en bord de route. Horaires en équipes."),
                    "salary": "1 900 à 2 300 € brut par mois en début de carrière",
                },
            ],
            "offers": [
                {
                    "kind": "stage-3e",
                    "title": "Stage de 3e dans le transport routier",
                    "description": (
                        "Une semaine entre le service d'exploitation, qui organise les tournées, et "
                        "l'atelier poids lourds. Pour des raisons de sécurité, vous n'accompagnez pas les "
                        "conducteurs sur la route."
                    ),
                    "place": "Val-de-Reuil (27)",
                },
            ],
        },
        {
            "name": "Logistique Plaine de Caen",
            "kind": "company",
            "sector": "transport-logistique",
            "department": "14",
            "city": "Mondeville",
            "description": (
                "Notre entrepôt de 40 000 m² prépare chaque jour les commandes de magasins de bricolage et "
                "de jardinage de tout l'ouest de la France. Scanners, chariots automatisés, logiciels de "
                "gestion : la logistique est un métier d'organisation et de technologie. Nous recrutons "
                "toute l'année, avec ou sans diplôme."
            ),
            "website": "https://example.org/logistique-plaine-de-caen",
            "demo_staff": False,
            "job_cards": [
                {
                    "title": "Préparateur / Préparatrice de commandes",
                    "rome_code": "N1103",
                    "missions": (
                        "Vous prélevez les produits dans les rayonnages en suivant les indications de votre "
                        "terminal, préparez les colis ou les palettes et vérifiez leur conformité. Vous "
                        "participez aussi à la réception des marchandises."
                    ),
                    "skills": (
                        "organisation, rapidité, rigueur, bonne condition physique, respect des consignes de sécurité"
                    ),
                    "training": (
                        "CAP Opérateur / Opératrice logistique, bac pro Logistique, titre professionnel "
                        "Préparateur de commandes en entrepôt."
                    ),
                    "conditions": (
                        "Travail en entrepôt, parfois au froid ; horaires en équipes (matin, après-midi ou nuit)."
                    ),
                    "salary": "1 850 à 2 050 € brut par mois en début de carrière, plus primes",
                },
                {
                    "title": "Cariste",
                    "rome_code": "N1101",
                    "missions": (
                        "Vous déplacez, chargez et rangez les palettes à l'aide de chariots élévateurs. Vous "
                        "veillez à la sécurité des personnes autour de vous et à l'exactitude des "
                        "emplacements de stockage."
                    ),
                    "skills": ("précision de conduite, vigilance, sens de l'espace, respect de la sécurité, rigueur"),
                    "training": (
                        "titre professionnel Cariste d'entrepôt, CAP Opérateur / Opératrice logistique ; "
                        "CACES R489 et autorisation de conduite délivrée par l'employeur."
                    ),
                    "conditions": ("Travail en entrepôt, en équipes, dans le respect strict des zones de circulation."),
                    "salary": "1 900 à 2 100 € brut par mois en début de carrière",
                },
                {
                    "title": "Technicien / Technicienne d'exploitation logistique",
                    "rome_code": "N1303",
                    "missions": (
                        "Vous organisez l'activité d'une zone de l'entrepôt : planning des équipes, suivi "
                        "des stocks, résolution des problèmes de livraison. Vous analysez les indicateurs "
                        "pour améliorer l'efficacité."
                    ),
                    "skills": (
                        "organisation, logiciels de gestion d'entrepôt, communication, anticipation, réactivité"
                    ),
                    "training": (
                        "BTS Gestion des transports et logistique associée, BUT Management de la logistique "
                        "et des transports, titre professionnel Technicien supérieur en méthodes et "
                        "exploitation logistique."
                    ),
                    "conditions": "Bureau au cœur de l'entrepôt ; horaires en équipes.",
                    "salary": "2 000 à 2 400 € brut par mois en début de carrière",
                },
            ],
            "offers": [
                {
                    "kind": "alternance",
                    "title": "Alternance en BTS Gestion des transports et logistique associée",
                    "description": (
                        "Deux postes en contrat d'apprentissage pour la rentrée, au service exploitation. "
                        "Vous serez accompagné par un tuteur pendant les deux années de BTS."
                    ),
                    "place": "Mondeville (14)",
                },
            ],
        },
        {
            "name": "CFA Transport et Logistique de la Vallée de Seine",
            "kind": "cfa",
            "sector": "transport-logistique",
            "department": "76",
            "city": "Grand-Couronne",
            "description": (
                "Nous formons en apprentissage aux métiers de la conduite routière, de la logistique et de "
                "l'exploitation des transports, du CAP au BTS. Nos apprentis s'entraînent sur des "
                "simulateurs de conduite et dans un entrepôt pédagogique. Le transport et la logistique "
                "recrutent fortement en Normandie, autour des ports du Havre et de Rouen."
            ),
            "website": "https://example.org/cfa-transport-vallee-de-seine",
            "demo_staff": False,
            "job_cards": [
                {
                    "title": "Conducteur livreur / Conductrice livreuse",
                    "rome_code": "N4105",
                    "missions": (
                        "Vous livrez des marchandises à des commerces, des entreprises ou des particuliers "
                        "au volant d'un utilitaire ou d'un camion porteur. Vous organisez votre tournée, "
                        "chargez et déchargez, et faites signer les bons de livraison."
                    ),
                    "skills": "sens de l'orientation, ponctualité, relation client, autonomie, prudence",
                    "training": (
                        "CAP Conducteur livreur de marchandises, titre professionnel Conducteur livreur sur "
                        "véhicule utilitaire léger."
                    ),
                    "conditions": "Journées rythmées par les livraisons, en extérieur par tous les temps.",
                    "salary": "1 850 à 2 100 € brut par mois en début de carrière",
                },
                {
                    "title": "Agent / Agente d'exploitation des transports",
                    "rome_code": "N4203",
                    "missions": (
                        "Vous organisez les tournées des conducteurs, affectez les camions et suivez les "
                        "livraisons en temps réel. Vous faites le lien entre les clients, les conducteurs et "
                        "les entrepôts."
                    ),
                    "skills": (
                        "organisation, réactivité, aisance au téléphone, géographie, logiciels de planification"
                    ),
                    "training": (
                        "bac pro Organisation de transport de marchandises, BTS Gestion des transports et "
                        "logistique associée, BUT Management de la logistique et des transports."
                    ),
                    "conditions": (
                        "Travail de bureau avec beaucoup d'imprévus ; horaires parfois décalés, tôt le matin."
                    ),
                    "salary": "1 950 à 2 300 € brut par mois en début de carrière",
                },
            ],
            "offers": [
                {
                    "kind": "apprentissage",
                    "title": "Bac pro Conducteur transport routier marchandises en apprentissage",
                    "description": (
                        "Formation en trois ans après la 3e, en alternance avec une entreprise de transport. "
                        "Vous préparez les permis poids lourds au cours de la formation."
                    ),
                    "place": "Grand-Couronne (76)",
                },
            ],
        },
        {
            "name": "Auberge des Trois Pommiers",
            "kind": "company",
            "sector": "hotellerie-restauration",
            "department": "14",
            "city": "Cambremer",
            "description": (
                "Hôtel-restaurant de 18 chambres au cœur du Pays d'Auge, nous cuisinons les produits de nos "
                "voisins : cidre, pommeau, fromages, volailles et légumes de saison. Notre équipe de douze "
                "personnes accueille chaque année des apprentis en cuisine et en salle. Venez découvrir les "
                "coulisses d'une maison où l'on aime recevoir."
            ),
            "website": "https://example.org/auberge-trois-pommiers",
            "demo_staff": False,
            "job_cards": [
                {
                    "title": "Cuisinier / Cuisinière",
                    "rome_code": "G1602",
                    "missions": (
                        "Vous préparez les entrées, les plats et les desserts selon les fiches techniques du "
                        "chef, en respectant les règles d'hygiène. Vous participez à la réception des "
                        "produits et à l'organisation de la cuisine."
                    ),
                    "skills": "rapidité, organisation, goût, résistance au stress, travail en équipe",
                    "training": (
                        "CAP Cuisine, bac pro Cuisine, BP Arts de la cuisine, BTS Management en "
                        "hôtellerie-restauration."
                    ),
                    "conditions": (
                        "Horaires en coupure (midi et soir), travail le week-end ; chaleur et rythme soutenu "
                        "pendant le service."
                    ),
                    "salary": "1 850 à 2 150 € brut par mois en début de carrière, repas fournis",
                },
                {
                    "title": "Serveur / Serveuse en restauration",
                    "rome_code": "G1803",
                    "missions": (
                        "Vous accueillez les clients, présentez la carte, prenez les commandes et servez les "
                        "plats. Vous conseillez les boissons et veillez à ce que chaque client passe un bon "
                        "moment."
                    ),
                    "skills": "sens de l'accueil, présentation soignée, mémoire, bases d'anglais, rapidité",
                    "training": (
                        "CAP Commercialisation et services en hôtel-café-restaurant, bac pro "
                        "Commercialisation et services en restauration, BP Arts du service et "
                        "commercialisation en restauration."
                    ),
                    "conditions": ("Horaires en coupure, soirs et week-ends ; beaucoup de marche pendant le service."),
                    "salary": "1 850 à 2 000 € brut par mois en début de carrière, plus pourboires",
                },
                {
                    "title": "Réceptionniste en hôtellerie",
                    "rome_code": "G1703",
                    "missions": (
                        "Vous accueillez les clients à leur arrivée, gérez les réservations et les "
                        "paiements, et répondez à leurs demandes pendant le séjour. Vous leur conseillez "
                        "aussi des visites et des adresses de la région."
                    ),
                    "skills": ("sens de l'accueil, anglais, organisation, logiciels de réservation, discrétion"),
                    "training": (
                        "bac technologique STHR (sciences et technologies de l'hôtellerie et de la "
                        "restauration), BTS Management en hôtellerie-restauration, titre professionnel "
                        "Réceptionniste en hôtellerie."
                    ),
                    "conditions": "Horaires décalés (matin, soir, parfois nuit), week-ends par roulement.",
                    "salary": "1 850 à 2 050 € brut par mois en début de carrière",
                },
            ],
            "offers": [
                {
                    "kind": "stage-3e",
                    "title": "Stage de 3e en cuisine ou en salle",
                    "description": (
                        "Une semaine pour découvrir la mise en place, le service et l'accueil des clients, "
                        "en horaires adaptés à votre âge."
                    ),
                    "place": "Cambremer (14)",
                },
            ],
        },
        {
            "name": "CFA Saveurs et Accueil du Pays d'Auge",
            "kind": "cfa",
            "sector": "hotellerie-restauration",
            "department": "14",
            "city": "Lisieux",
            "description": (
                "Nous formons des apprentis cuisiniers, serveurs, pâtissiers et réceptionnistes, du CAP au "
                "brevet professionnel, avec plus de 300 restaurants et hôtels partenaires sur la côte et "
                "dans l'arrière-pays. Notre restaurant d'application est ouvert au public deux midis par "
                "semaine. Nos formateurs et nos apprentis répondent à vos questions en direct pendant le "
                "salon."
            ),
            "website": "https://example.org/cfa-saveurs-accueil",
            "demo_staff": True,
            "job_cards": [
                {
                    "title": "Commis de cuisine",
                    "rome_code": "G1602",
                    "missions": (
                        "Vous épluchez, taillez et préparez les produits, réalisez les préparations de base "
                        "et dressez les assiettes sous la responsabilité d'un chef de partie. C'est le "
                        "premier poste en cuisine, celui où l'on apprend le plus vite."
                    ),
                    "skills": ("rapidité, propreté, écoute des consignes, résistance physique, esprit d'équipe"),
                    "training": (
                        "CAP Cuisine, en deux ans après la 3e ou en un an après un premier diplôme ; bac pro Cuisine."
                    ),
                    "conditions": "Horaires en coupure, soirs et week-ends ; ambiance chaude et rythmée.",
                    "salary": (
                        "Proche du SMIC en début de carrière, soit environ 1 850 € brut par mois, repas fournis"
                    ),
                },
                {
                    "title": "Pâtissier / Pâtissière",
                    "rome_code": "D1104",
                    "missions": (
                        "Vous réalisez des desserts, des entremets, des viennoiseries et des pièces en "
                        "chocolat, en pâtisserie artisanale ou en restaurant. Vous suivez des recettes "
                        "précises tout en apportant votre créativité."
                    ),
                    "skills": "précision, créativité, patience, sens du goût, hygiène",
                    "training": (
                        "CAP Pâtissier, puis brevet technique des métiers (BTM) Pâtissier confiseur glacier "
                        "traiteur ; bac pro Boulanger-pâtissier."
                    ),
                    "conditions": "Horaires matinaux et pics d'activité avant les fêtes.",
                    "salary": "1 850 à 2 050 € brut par mois en début de carrière",
                },
            ],
            "offers": [
                {
                    "kind": "apprentissage",
                    "title": (
                        "Apprentissage en CAP Cuisine ou CAP Commercialisation et services en hôtel-café-restaurant"
                    ),
                    "description": (
                        "Plus de 40 offres de restaurants partenaires pour la rentrée. Vous pouvez signer un "
                        "contrat dès 15 ans si vous avez terminé votre année de 3e."
                    ),
                    "place": "Lisieux et Pays d'Auge (14)",
                },
            ],
        },
        {
            "name": "Lycée professionnel hôtelier Les Embruns",
            "kind": "school",
            "sector": "hotellerie-restauration",
            "department": "50",
            "city": "Granville",
            "description": (
                "Notre lycée forme aux métiers de la cuisine, du service et de l'hébergement, du CAP au BTS "
                "Management en hôtellerie-restauration. Les élèves effectuent leurs périodes de formation en "
                "entreprise dans des établissements de la côte normande, et parfois à l'étranger. Un "
                "restaurant et un hôtel d'application permettent d'apprendre en conditions réelles."
            ),
            "website": "https://example.org/lycee-les-embruns",
            "demo_staff": False,
            "job_cards": [
                {
                    "title": "Barman / Barmaid",
                    "rome_code": "G1801",
                    "missions": (
                        "Vous préparez et servez les boissons chaudes et froides, les cocktails avec ou sans "
                        "alcool, et accueillez la clientèle au bar. Vous gérez aussi les stocks et "
                        "l'encaissement."
                    ),
                    "skills": (
                        "sens du contact, dextérité, mémoire, sens des responsabilités (la vente d'alcool "
                        "est réglementée), anglais"
                    ),
                    "training": (
                        "CAP Commercialisation et services en hôtel-café-restaurant, bac pro "
                        "Commercialisation et services en restauration, puis formation complémentaire de "
                        "barman."
                    ),
                    "conditions": "Horaires de soirée et de week-end, travail debout.",
                    "salary": "1 850 à 2 000 € brut par mois en début de carrière, plus pourboires",
                },
                {
                    "title": "Gouvernant / Gouvernante en hôtellerie",
                    "rome_code": "G1503",
                    "missions": (
                        "Vous organisez le travail des équipes qui entretiennent les chambres et les espaces "
                        "communs, contrôlez la propreté et gérez le linge et les produits. Vous veillez au "
                        "confort de chaque client."
                    ),
                    "skills": "organisation, exigence, encadrement, discrétion, sens du détail",
                    "training": (
                        "bac technologique STHR ou bac pro du secteur, BTS Management en "
                        "hôtellerie-restauration, ou évolution après une expérience d'employé d'étage."
                    ),
                    "conditions": (
                        "Travail debout, journées rythmées par les départs et les arrivées ; week-ends par roulement."
                    ),
                    "salary": "1 950 à 2 300 € brut par mois en début de carrière",
                },
            ],
            "offers": [],
        },
        {
            "name": "Vents de la Manche Maintenance",
            "kind": "company",
            "sector": "energie-environnement",
            "department": "76",
            "city": "Fécamp",
            "description": (
                "Nous assurons la maintenance d'éoliennes terrestres en Normandie et participons à celle des "
                "parcs éoliens en mer au large des côtes normandes. Nos techniciens travaillent en binôme, à "
                "près de 100 mètres de hauteur. Si vous aimez la technique, le grand air et les défis, venez "
                "nous rencontrer."
            ),
            "website": "https://example.org/vents-de-la-manche",
            "demo_staff": False,
            "job_cards": [
                {
                    "title": "Technicien / Technicienne de maintenance éolienne",
                    "rome_code": "I1304",
                    "missions": (
                        "Vous réalisez les visites de maintenance préventive des éoliennes (graissage, "
                        "contrôles, remplacement de pièces) et intervenez en cas de panne. Vous travaillez à "
                        "la fois en mécanique, en électricité et en hydraulique."
                    ),
                    "skills": ("électrotechnique, mécanique, aisance en hauteur, anglais technique, travail en binôme"),
                    "training": (
                        "BTS Maintenance des systèmes (option systèmes éoliens), BTS Électrotechnique, titre "
                        "professionnel Technicien supérieur de maintenance d'éoliennes ; puis formations de "
                        "sécurité obligatoires (travail en hauteur, secourisme, habilitation électrique)."
                    ),
                    "conditions": (
                        "Montée dans le mât par échelle ou ascenseur, interventions par tous les temps sauf "
                        "vent trop fort ; astreintes et déplacements. Pour l'éolien en mer, transferts en "
                        "bateau depuis le port."
                    ),
                    "salary": (
                        "2 100 à 2 500 € brut par mois en début de carrière, plus primes de déplacement et d'astreinte"
                    ),
                },
            ],
            "offers": [
                {
                    "kind": "stage-seconde",
                    "title": "Stage de seconde : les énergies renouvelables",
                    "description": (
                        "Deux semaines au centre de maintenance : suivi des parcs à distance, atelier, "
                        "préparation des interventions. Pas de montée dans les éoliennes, réservée aux "
                        "techniciens formés."
                    ),
                    "place": "Fécamp (76)",
                },
            ],
        },
        {
            "name": "Valor'Orne Recyclage",
            "kind": "company",
            "sector": "energie-environnement",
            "department": "61",
            "city": "Alençon",
            "description": (
                "Nous collectons et trions les déchets de 80 communes et de nombreuses entreprises, puis les "
                "orientons vers le recyclage ou la valorisation énergétique. Chaque jour, nos équipes "
                "donnent une seconde vie à des tonnes de papier, de plastique, de métal et de bois. Des "
                "métiers concrets et utiles pour la planète."
            ),
            "website": "https://example.org/valor-orne",
            "demo_staff": False,
            "job_cards": [
                {
                    "title": "Agent / Agente de tri des déchets",
                    "rome_code": "K2304",
                    "missions": (
                        "Vous séparez les déchets par matière sur une chaîne de tri ou surveillez les "
                        "machines qui le font automatiquement. Vous contrôlez la qualité des balles de "
                        "matériaux envoyées au recyclage."
                    ),
                    "skills": "attention, rapidité, respect des consignes, travail en équipe, sécurité",
                    "training": (
                        "Accessible sans diplôme avec une formation interne ; bac pro Gestion des pollutions "
                        "et protection de l'environnement pour évoluer vers des postes de conduite "
                        "d'installation ou d'encadrement."
                    ),
                    "conditions": (
                        "Travail en centre de tri, avec bruit et poussière ; équipements de protection "
                        "fournis. Horaires en équipes."
                    ),
                    "salary": "1 850 à 2 000 € brut par mois en début de carrière",
                },
                {
                    "title": "Technicien / Technicienne hygiène, sécurité, environnement",
                    "rome_code": "H1303",
                    "missions": (
                        "Vous veillez à la sécurité des salariés et au respect des règles environnementales "
                        "sur les sites : analyse des risques, formation des équipes, contrôle des rejets. "
                        "Vous proposez des améliorations et suivez leur mise en œuvre."
                    ),
                    "skills": (
                        "connaissance de la réglementation, pédagogie, rigueur, sens de l'observation, diplomatie"
                    ),
                    "training": (
                        "BUT Hygiène, sécurité, environnement, BTS Métiers des services à l'environnement, "
                        "licence professionnelle dans le domaine qualité, sécurité, environnement."
                    ),
                    "conditions": "Partage entre terrain et bureau ; déplacements entre les sites.",
                    "salary": "2 000 à 2 400 € brut par mois en début de carrière",
                },
            ],
            "offers": [
                {
                    "kind": "stage-3e",
                    "title": "Stage de 3e dans le recyclage",
                    "description": (
                        "Une semaine pour suivre le parcours des déchets, de la collecte au centre de tri, "
                        "et découvrir les métiers de l'exploitation et de la sécurité."
                    ),
                    "place": "Alençon (61)",
                },
            ],
        },
        {
            "name": "Atelier Énergies du Bessin",
            "kind": "company",
            "sector": "energie-environnement",
            "department": "14",
            "city": "Isigny-sur-Mer",
            "description": (
                "Artisans de la transition énergétique, nous installons des pompes à chaleur, des chaudières "
                "à granulés et des panneaux photovoltaïques chez les particuliers et les agriculteurs du "
                "Bessin. Notre équipe de 14 personnes assure aussi l'entretien et le dépannage de ces "
                "équipements. Des métiers d'avenir, près de chez vous."
            ),
            "website": "",
            "demo_staff": False,
            "job_cards": [
                {
                    "title": "Technicien / Technicienne de maintenance en chauffage",
                    "rome_code": "I1308",
                    "missions": (
                        "Vous entretenez et dépannez les chaudières et les pompes à chaleur chez les clients "
                        ": contrôles, réglages, nettoyage, remplacement de pièces. Vous conseillez les "
                        "clients pour réduire leur consommation d'énergie."
                    ),
                    "skills": "diagnostic, électricité, thermique, relation client, autonomie",
                    "training": (
                        "bac pro Maintenance et efficacité énergétique, bac pro Installateur en chauffage, "
                        "climatisation et énergies renouvelables, BTS Fluides, énergies, domotique ; "
                        "attestation d'aptitude à la manipulation des fluides frigorigènes pour les pompes à "
                        "chaleur."
                    ),
                    "conditions": (
                        "Déplacements quotidiens en véhicule de service ; forte activité en automne et en hiver."
                    ),
                    "salary": "1 950 à 2 300 € brut par mois en début de carrière",
                },
                {
                    "title": "Électricien installateur / Électricienne installatrice photovoltaïque",
                    "rome_code": "F1602",
                    "missions": (
                        "Vous posez les panneaux solaires sur les toitures, installez les onduleurs et "
                        "réalisez les raccordements électriques. Vous mettez l'installation en service et "
                        "expliquez son fonctionnement au client."
                    ),
                    "skills": "électricité, aisance en hauteur, rigueur, sécurité, travail en équipe",
                    "training": (
                        "CAP Électricien, bac pro Métiers de l'électricité et de ses environnements "
                        "connectés, puis formation spécifique au photovoltaïque ; habilitation électrique "
                        "obligatoire."
                    ),
                    "conditions": (
                        "Travail en toiture, sécurisé par des protections collectives et des harnais ; "
                        "activité plus forte aux beaux jours."
                    ),
                    "salary": "1 900 à 2 250 € brut par mois en début de carrière",
                },
            ],
            "offers": [
                {
                    "kind": "apprentissage",
                    "title": (
                        "Apprentissage en bac pro Installateur en chauffage, climatisation et énergies renouvelables"
                    ),
                    "description": (
                        "Nous accueillons un apprenti pour la rentrée, en alternance avec un CFA du "
                        "Calvados. Vous suivrez un technicien expérimenté chez nos clients."
                    ),
                    "place": "Isigny-sur-Mer (14)",
                },
            ],
        },
        {
            "name": "Chantier naval Cotentin Composites",
            "kind": "company",
            "sector": "maritime",
            "department": "50",
            "city": "Cherbourg-en-Cotentin",
            "description": (
                "Nous construisons et réparons des vedettes, des bateaux de pêche et des navires de "
                "servitude en aluminium et en matériaux composites. Nos ateliers réunissent soudeurs, "
                "stratifieurs, mécaniciens et électriciens marine. À Cherbourg, la construction navale est "
                "une tradition, et un secteur qui recrute."
            ),
            "website": "https://example.org/chantier-cotentin-composites",
            "demo_staff": False,
            "job_cards": [
                {
                    "title": "Stratifieur / Stratifieuse en matériaux composites",
                    "rome_code": "H3203",
                    "missions": (
                        "Vous fabriquez des coques et des pièces en superposant, dans des moules, des tissus "
                        "de fibres de verre ou de carbone imprégnés de résine. Vous contrôlez l'épaisseur et "
                        "l'aspect, puis réalisez les finitions."
                    ),
                    "skills": (
                        "minutie, habileté manuelle, respect des consignes de sécurité, patience, travail en équipe"
                    ),
                    "training": (
                        "CAP Composites, plastiques chaudronnés, bac pro Plastiques et composites, titres "
                        "professionnels du secteur des composites."
                    ),
                    "conditions": (
                        "Atelier ventilé ; port d'un masque et d'une combinaison pour se protéger des résines."
                    ),
                    "salary": "1 850 à 2 150 € brut par mois en début de carrière",
                },
                {
                    "title": "Mécanicien / Mécanicienne de marine",
                    "rome_code": "I1605",
                    "missions": (
                        "Vous installez, entretenez et réparez les moteurs, les lignes d'arbre et les "
                        "équipements hydrauliques des navires, à quai ou en mer lors des essais. Vous "
                        "réalisez les diagnostics et les mises en service."
                    ),
                    "skills": "mécanique, hydraulique, électricité, diagnostic, pied marin",
                    "training": (
                        "bac pro Électromécanicien de marine, BTS Maintenance des systèmes électro-navals, "
                        "brevets de mécanicien préparés dans les établissements de formation maritime."
                    ),
                    "conditions": (
                        "Travail en atelier et à bord, dans des espaces parfois exigus ; sorties en mer pour "
                        "les essais."
                    ),
                    "salary": "1 950 à 2 350 € brut par mois en début de carrière",
                },
            ],
            "offers": [
                {
                    "kind": "stage-seconde",
                    "title": "Stage de seconde en chantier naval",
                    "description": (
                        "Deux semaines pour suivre la construction d'un navire, du bureau d'études à "
                        "l'atelier composites, avec une visite à bord lors d'un essai à quai."
                    ),
                    "place": "Cherbourg-en-Cotentin (50)",
                },
            ],
        },
        {
            "name": "Armement de pêche Les Goélands",
            "kind": "company",
            "sector": "maritime",
            "department": "14",
            "city": "Port-en-Bessin-Huppain",
            "description": (
                "Notre armement exploite quatre chalutiers et deux navires côtiers qui débarquent coquilles "
                "Saint-Jacques, soles et seiches à la criée de Port-en-Bessin. Nous cherchons des jeunes "
                "motivés pour embarquer et apprendre le métier aux côtés de nos patrons. La mer ne s'apprend "
                "pas dans les livres : venez en parler avec nos marins."
            ),
            "website": "",
            "demo_staff": False,
            "job_cards": [
                {
                    "title": "Matelot / Marin pêcheur",
                    "rome_code": "A1415",
                    "missions": (
                        "Vous participez à toutes les opérations de pêche : mise à l'eau et remontée des "
                        "chaluts ou des dragues, tri, lavage et mise en glace des captures. Vous entretenez "
                        "le navire et le matériel, et participez aux quarts."
                    ),
                    "skills": ("résistance physique, pied marin, esprit d'équipe, vigilance, sens de la sécurité"),
                    "training": (
                        "CAP maritime Matelot, bac pro Conduite et gestion des entreprises maritimes (option "
                        "pêche), formations maritimes pour adultes ; aptitude médicale à la navigation "
                        "obligatoire."
                    ),
                    "conditions": (
                        "Sorties d'une journée à plusieurs jours selon les navires, par tous les temps ; "
                        "horaires irréguliers et travail de nuit fréquent."
                    ),
                    "salary": (
                        "Rémunération « à la part », qui dépend de la valeur de la pêche : souvent 2 000 à 3 "
                        "000 € brut par mois, avec de fortes variations selon les saisons"
                    ),
                },
                {
                    "title": "Patron / Patronne de pêche",
                    "rome_code": "A1406",
                    "missions": (
                        "Vous commandez le navire : navigation, choix des zones de pêche, sécurité de "
                        "l'équipage et organisation du travail à bord. Souvent armateur, vous gérez aussi "
                        "l'entreprise et la vente des captures."
                    ),
                    "skills": (
                        "sens des responsabilités, commandement, connaissance de la mer et des espèces, "
                        "gestion, sang-froid"
                    ),
                    "training": (
                        "bac pro Conduite et gestion des entreprises maritimes (option pêche), puis brevets "
                        "de commandement (par exemple capitaine 200 pêche) obtenus après un temps de "
                        "navigation."
                    ),
                    "conditions": ("Grandes responsabilités, journées longues et conditions météo parfois difficiles."),
                    "salary": (
                        "Rémunération à la part, variable selon les captures et nettement supérieure à celle "
                        "d'un matelot"
                    ),
                },
            ],
            "offers": [
                {
                    "kind": "apprentissage",
                    "title": "Embarquer en apprentissage (CAP maritime Matelot)",
                    "description": (
                        "Nous accueillons un apprenti en CAP maritime Matelot, en lien avec un établissement "
                        "de formation maritime. La visite médicale d'aptitude à la navigation est "
                        "obligatoire avant tout embarquement."
                    ),
                    "place": "Port-en-Bessin-Huppain (14)",
                },
            ],
        },
        {
            "name": "Manutention portuaire de l'Estuaire",
            "kind": "company",
            "sector": "maritime",
            "department": "76",
            "city": "Le Havre",
            "description": (
                "Nous chargeons et déchargeons des porte-conteneurs et des navires rouliers sur le port du "
                "Havre, de jour comme de nuit. Portiques géants, cavaliers, logiciels de suivi : le travail "
                "portuaire est devenu très technique. Rencontrez nos dockers et nos agents d'exploitation."
            ),
            "website": "https://example.org/manutention-estuaire",
            "demo_staff": False,
            "job_cards": [
                {
                    "title": "Docker",
                    "rome_code": "N3203",
                    "missions": (
                        "Vous arrimez et désarrimez les conteneurs, guidez les portiques et conduisez des "
                        "engins de manutention sur les quais. Vous travaillez en équipe, en liaison "
                        "permanente par radio."
                    ),
                    "skills": (
                        "vigilance, esprit d'équipe, conduite d'engins, respect strict de la sécurité, "
                        "résistance physique"
                    ),
                    "training": (
                        "CAP ou bac pro en logistique ou en conduite d'engins, puis formations internes et "
                        "certificats de qualification professionnelle de la branche portuaire ; CACES selon "
                        "les engins."
                    ),
                    "conditions": "Travail en extérieur, en équipes de jour, de nuit et le week-end.",
                    "salary": (
                        "2 100 à 2 600 € brut par mois en début de carrière, avec des primes de nuit et de week-end"
                    ),
                },
                {
                    "title": "Agent / Agente d'exploitation portuaire",
                    "rome_code": "N3201",
                    "missions": (
                        "Vous planifiez les escales des navires, l'ordre de chargement des conteneurs et "
                        "l'affectation des équipes. Vous échangez avec les armateurs, les transitaires et la "
                        "douane, souvent en anglais."
                    ),
                    "skills": "organisation, anglais, logiciels de planification, réactivité, communication",
                    "training": (
                        "BTS Commerce international, BTS Gestion des transports et logistique associée, BUT "
                        "Management de la logistique et des transports."
                    ),
                    "conditions": "Bureau proche des quais, horaires en équipes pour suivre les escales.",
                    "salary": "2 000 à 2 400 € brut par mois en début de carrière",
                },
            ],
            "offers": [],
        },
        {
            "name": "Carrefour régional de l'orientation – antenne de Caen",
            "kind": "institution",
            "sector": "sante-social",
            "department": "14",
            "city": "Caen",
            "description": (
                "Nos conseillers vous aident gratuitement à construire votre projet : choix d'une voie après "
                "la 3e, recherche de stage, apprentissage, études supérieures. Nous disposons de ressources "
                "sur les métiers qui recrutent en Normandie et sur les formations proches de chez vous. "
                "Venez poser vos questions, seul ou avec vos parents."
            ),
            "website": "https://example.org/carrefour-orientation",
            "demo_staff": False,
            "job_cards": [
                {
                    "title": "Conseiller / Conseillère en orientation",
                    "rome_code": "K2112",
                    "missions": (
                        "Vous recevez des jeunes et des adultes pour les aider à choisir une formation ou un "
                        "métier. Vous animez des ateliers, participez à des salons et tenez à jour "
                        "l'information sur les formations."
                    ),
                    "skills": ("écoute, connaissance des métiers et des formations, pédagogie, curiosité, neutralité"),
                    "training": (
                        "licence ou master en psychologie, en sciences de l'éducation ou en sciences "
                        "humaines ; les psychologues de l'Éducation nationale sont recrutés par concours "
                        "après un master de psychologie."
                    ),
                    "conditions": (
                        "Travail en bureau, en établissement scolaire et sur des salons ; horaires de "
                        "journée avec quelques soirées."
                    ),
                    "salary": "2 000 à 2 400 € brut par mois en début de carrière",
                },
                {
                    "title": "Conseiller / Conseillère en insertion professionnelle",
                    "rome_code": "K1801",
                    "missions": (
                        "Vous accompagnez des jeunes sortis du système scolaire dans leur recherche "
                        "d'emploi, de formation ou de contrat d'apprentissage. Vous les aidez aussi à "
                        "surmonter des difficultés de logement, de mobilité ou de santé."
                    ),
                    "skills": (
                        "écoute, connaissance du monde de l'entreprise, organisation, persévérance, travail en réseau"
                    ),
                    "training": (
                        "titre professionnel Conseiller en insertion professionnelle, BTS Services et "
                        "prestations des secteurs sanitaire et social, licence professionnelle dans le "
                        "domaine de l'insertion."
                    ),
                    "conditions": ("Entretiens individuels et ateliers collectifs ; déplacements dans le département."),
                    "salary": "1 950 à 2 300 € brut par mois en début de carrière",
                },
            ],
            "offers": [
                {
                    "kind": "stage-3e",
                    "title": "Coup de pouce pour trouver votre stage de 3e",
                    "description": (
                        "Vous n'avez pas encore de stage ? Nous vous aidons à repérer des entreprises, à "
                        "rédiger votre message de candidature et à préparer votre premier appel téléphonique."
                    ),
                    "place": "Caen (14) et en visioconférence",
                },
            ],
        },
    ],
    "quinzaine-apprentissage": [
        {
            "name": "CFA Pierre et Bois du Cotentin",
            "kind": "cfa",
            "sector": "btp",
            "department": "50",
            "city": "Valognes",
            "description": (
                "Notre CFA forme aux métiers du gros œuvre, de la taille de pierre et de la menuiserie, du "
                "CAP au brevet professionnel. Le Cotentin compte de nombreux bâtiments en pierre à restaurer "
                ": nos apprentis participent à de très beaux chantiers. Deux de nos formateurs répondent à "
                "vos questions en direct pendant la Quinzaine."
            ),
            "website": "https://example.org/cfa-pierre-et-bois",
            "demo_staff": True,
            "job_cards": [
                {
                    "title": "Tailleur / Tailleuse de pierre",
                    "rome_code": "F1612",
                    "missions": (
                        "Vous taillez des blocs de pierre pour réaliser des encadrements de fenêtres, des "
                        "corniches ou des éléments de restauration de monuments. Vous travaillez à partir de "
                        "gabarits, à la main et avec des machines."
                    ),
                    "skills": "précision, patience, sens artistique, lecture de plans, force physique",
                    "training": (
                        "CAP Tailleur de pierre, BP Métiers de la pierre, bac pro Interventions sur le "
                        "patrimoine bâti ; en apprentissage le plus souvent."
                    ),
                    "conditions": (
                        "Atelier poussiéreux (aspiration et masque obligatoires) et chantiers de "
                        "restauration en extérieur."
                    ),
                    "salary": "1 850 à 2 200 € brut par mois en début de carrière",
                },
                {
                    "title": "Maçon / Maçonne",
                    "rome_code": "F1703",
                    "missions": (
                        "Vous construisez les murs, les dalles et les fondations des maisons et des "
                        "bâtiments, et restaurez des maçonneries anciennes à la chaux. Vous travaillez en "
                        "équipe, sous la responsabilité d'un chef de chantier."
                    ),
                    "skills": ("lecture de plans, endurance, précision, travail en équipe, respect de la sécurité"),
                    "training": (
                        "CAP Maçon, BP Maçon, bac pro Interventions sur le patrimoine bâti (option "
                        "maçonnerie), titre professionnel Maçon."
                    ),
                    "conditions": "Travail en extérieur, par tous les temps, avec port de charges.",
                    "salary": (
                        "1 850 à 2 200 € brut par mois en début de carrière, plus indemnités de trajet et de repas"
                    ),
                },
                {
                    "title": "Menuisier poseur / Menuisière poseuse",
                    "rome_code": "F1607",
                    "missions": (
                        "Vous installez des portes, des fenêtres, des volets et des escaliers chez les "
                        "particuliers ou dans des bâtiments neufs. Vous assurez l'isolation et l'étanchéité "
                        "autour des menuiseries."
                    ),
                    "skills": "habileté manuelle, précision, sens du contact client, autonomie, soin",
                    "training": ("CAP Menuisier installateur, BP Menuisier, bac pro Technicien menuisier agenceur."),
                    "conditions": (
                        "Déplacements quotidiens sur les chantiers, travail en intérieur comme en extérieur."
                    ),
                    "salary": "1 850 à 2 150 € brut par mois en début de carrière",
                },
            ],
            "offers": [
                {
                    "kind": "apprentissage",
                    "title": "Apprentissage en CAP Maçon ou CAP Tailleur de pierre",
                    "description": (
                        "Une vingtaine d'entreprises du Cotentin recherchent des apprentis pour la rentrée. "
                        "Nous organisons des rencontres avec les employeurs tout au long de la Quinzaine."
                    ),
                    "place": "Valognes (50)",
                },
            ],
        },
        {
            "name": "CFA des Chantiers de la Risle",
            "kind": "cfa",
            "sector": "btp",
            "department": "27",
            "city": "Pont-Audemer",
            "description": (
                "Spécialisé dans les travaux publics, notre CFA forme des conducteurs d'engins, des "
                "constructeurs de routes et des canalisateurs. Nos apprentis s'exercent sur un terrain de 4 "
                "hectares équipé de pelles, de chargeuses et de simulateurs. Les entreprises de travaux "
                "publics de Normandie recrutent toute l'année."
            ),
            "website": "https://example.org/cfa-chantiers-risle",
            "demo_staff": False,
            "job_cards": [
                {
                    "title": "Conducteur / Conductrice d'engins de travaux publics",
                    "rome_code": "F1302",
                    "missions": (
                        "Vous conduisez des pelles, des bouteurs ou des compacteurs pour terrasser, creuser "
                        "et niveler les terrains avant une construction. Vous entretenez votre engin et "
                        "respectez les consignes de sécurité du chantier."
                    ),
                    "skills": "coordination, précision, vigilance, sens mécanique, respect de la sécurité",
                    "training": (
                        "CAP Conducteur d'engins : travaux publics et carrières, bac pro Travaux publics ; "
                        "CACES et autorisation de conduite délivrée par l'employeur."
                    ),
                    "conditions": (
                        "Travail en extérieur, dans le bruit et les vibrations, sur des chantiers qui "
                        "changent régulièrement."
                    ),
                    "salary": "1 900 à 2 300 € brut par mois en début de carrière",
                },
                {
                    "title": "Constructeur / Constructrice de routes",
                    "rome_code": "F1702",
                    "missions": (
                        "Vous préparez le terrain, posez les bordures et réalisez les différentes couches "
                        "des routes, des parkings et des pistes cyclables, jusqu'à l'enrobé."
                    ),
                    "skills": ("travail en équipe, endurance, précision, respect de la sécurité, lecture de plans"),
                    "training": (
                        "CAP Constructeur de routes et d'aménagements urbains, bac pro Travaux publics, "
                        "titre professionnel Constructeur professionnel en voirie et réseaux."
                    ),
                    "conditions": (
                        "Travail en extérieur, parfois à proximité de la circulation ; horaires de journée, "
                        "parfois de nuit sur les grands axes."
                    ),
                    "salary": "1 850 à 2 200 € brut par mois en début de carrière",
                },
                {
                    "title": "Canalisateur / Canalisatrice",
                    "rome_code": "F1705",
                    "missions": (
                        "Vous posez dans des tranchées les canalisations d'eau potable, d'assainissement ou "
                        "de gaz, puis vérifiez leur étanchéité. Vous participez aussi à la réparation des "
                        "réseaux existants."
                    ),
                    "skills": "rigueur, travail en équipe, résistance physique, lecture de plans, sécurité",
                    "training": (
                        "CAP Constructeur de réseaux de canalisations de travaux publics, bac pro Travaux "
                        "publics, titre professionnel Canalisateur."
                    ),
                    "conditions": (
                        "Travail en extérieur et en tranchée, avec des règles de sécurité strictes "
                        "(blindage, signalisation)."
                    ),
                    "salary": "1 900 à 2 250 € brut par mois en début de carrière",
                },
            ],
            "offers": [
                {
                    "kind": "apprentissage",
                    "title": "CAP Conducteur d'engins : travaux publics et carrières en apprentissage",
                    "description": (
                        "Formation en deux ans après la 3e, en alternance avec une entreprise de travaux "
                        "publics de l'Eure ou du Calvados."
                    ),
                    "place": "Pont-Audemer (27)",
                },
            ],
        },
        {
            "name": "CFA Industrie Avenir Seine-Estuaire",
            "kind": "cfa",
            "sector": "industrie",
            "department": "76",
            "city": "Montivilliers",
            "description": (
                "Nous formons les techniciens de l'industrie de demain : maintenance, usinage, "
                "électrotechnique, automatismes et robotique, du bac pro au BTS, et jusqu'au BUT avec un IUT "
                "partenaire. Nos apprentis sont accueillis par les entreprises de la zone "
                "industrialo-portuaire du Havre : chimie, énergie, automobile, logistique."
            ),
            "website": "https://example.org/cfa-industrie-avenir",
            "demo_staff": False,
            "job_cards": [
                {
                    "title": "Électrotechnicien / Électrotechnicienne de maintenance",
                    "rome_code": "I1309",
                    "missions": (
                        "Vous entretenez et dépannez les installations électriques et automatisées d'une "
                        "usine : moteurs, armoires électriques, capteurs, automates. Vous participez aussi à "
                        "l'installation de nouveaux équipements."
                    ),
                    "skills": "électricité, automatismes, diagnostic, sécurité électrique, rigueur",
                    "training": (
                        "bac pro Métiers de l'électricité et de ses environnements connectés, BTS "
                        "Électrotechnique, BUT Génie électrique et informatique industrielle."
                    ),
                    "conditions": ("Interventions dans toute l'usine, parfois en horaires postés ou en astreinte."),
                    "salary": "2 000 à 2 400 € brut par mois en début de carrière avec un BTS",
                },
                {
                    "title": "Technicien / Technicienne en automatismes et robotique",
                    "rome_code": "I1302",
                    "missions": (
                        "Vous installez, programmez et dépannez des robots et des lignes de production "
                        "automatisées. Vous modifiez les programmes pour améliorer les cadences et la "
                        "sécurité."
                    ),
                    "skills": "programmation d'automates, logique, électricité, mécanique, anglais technique",
                    "training": (
                        "BTS Conception et réalisation de systèmes automatiques, BTS Maintenance des "
                        "systèmes, BUT Génie électrique et informatique industrielle."
                    ),
                    "conditions": (
                        "Travail en atelier et en bureau, avec des déplacements possibles chez les clients."
                    ),
                    "salary": "2 100 à 2 500 € brut par mois en début de carrière",
                },
                {
                    "title": "Tourneur-fraiseur / Tourneuse-fraiseuse",
                    "rome_code": "H2903",
                    "missions": (
                        "Vous réalisez des pièces mécaniques en enlevant de la matière sur des tours et des "
                        "fraiseuses, conventionnels ou à commande numérique. Vous contrôlez les dimensions "
                        "des pièces avec des instruments de mesure."
                    ),
                    "skills": ("lecture de plans, précision, métrologie, concentration, sens de l'organisation"),
                    "training": (
                        "bac pro Technicien en réalisation de produits mécaniques, BTS Conception des "
                        "processus de réalisation de produits."
                    ),
                    "conditions": "Atelier, travail debout, horaires en équipes fréquents.",
                    "salary": "1 900 à 2 300 € brut par mois en début de carrière",
                },
            ],
            "offers": [
                {
                    "kind": "alternance",
                    "title": "BTS Maintenance des systèmes en alternance",
                    "description": (
                        "Deux ans en contrat d'apprentissage, avec une entreprise de la zone "
                        "industrialo-portuaire. Ouvert aux titulaires d'un bac pro, d'un bac STI2D ou d'un "
                        "bac général avec des spécialités scientifiques."
                    ),
                    "place": "Montivilliers (76)",
                },
            ],
        },
        {
            "name": "CFA des Métiers de Bouche du Bessin",
            "kind": "cfa",
            "sector": "commerce",
            "department": "14",
            "city": "Bayeux",
            "description": (
                "Boulangerie, pâtisserie, boucherie, charcuterie-traiteur : notre CFA forme aux métiers de "
                "bouche, du CAP au brevet professionnel. Nos laboratoires sont équipés comme ceux des "
                "artisans, et nos apprentis participent chaque année à des concours régionaux. Un formateur "
                "boulanger et une ancienne apprentie bouchère répondent à vos questions pendant la Quinzaine."
            ),
            "website": "https://example.org/cfa-bouche-bessin",
            "demo_staff": True,
            "job_cards": [
                {
                    "title": "Boulanger / Boulangère",
                    "rome_code": "D1102",
                    "missions": (
                        "Vous pétrissez, façonnez et cuisez les pains et les viennoiseries, en surveillant "
                        "la fermentation des pâtes. Vous pouvez aussi créer vos propres recettes de pains "
                        "spéciaux."
                    ),
                    "skills": "précision, endurance, organisation, créativité, hygiène",
                    "training": (
                        "CAP Boulanger, BP Boulanger, bac pro Boulanger-pâtissier ; principalement en apprentissage."
                    ),
                    "conditions": "Horaires très matinaux, travail le week-end et les jours fériés.",
                    "salary": "1 850 à 2 150 € brut par mois en début de carrière",
                },
                {
                    "title": "Boucher / Bouchère",
                    "rome_code": "D1101",
                    "missions": (
                        "Vous réceptionnez les carcasses, les découpez, les désossez et préparez les "
                        "morceaux de viande. Vous conseillez les clients sur le choix des pièces et leur "
                        "cuisson."
                    ),
                    "skills": ("habileté avec les couteaux, hygiène, force physique, sens du contact, précision"),
                    "training": "CAP Boucher, BP Boucher, bac pro Boucher charcutier traiteur.",
                    "conditions": (
                        "Travail en chambre froide et en boutique, port de charges ; gants de protection "
                        "obligatoires pour le désossage."
                    ),
                    "salary": ("1 900 à 2 300 € brut par mois en début de carrière : c'est un métier très recherché"),
                },
                {
                    "title": "Charcutier-traiteur / Charcutière-traiteuse",
                    "rome_code": "D1103",
                    "missions": (
                        "Vous fabriquez pâtés, saucisses, jambons et plats cuisinés, et préparez des buffets "
                        "pour les fêtes et les réceptions. Vous vendez vos produits en boutique ou sur les "
                        "marchés."
                    ),
                    "skills": "créativité, hygiène, organisation, sens du goût, rigueur",
                    "training": (
                        "CAP Charcutier-traiteur, BP Charcutier-traiteur, bac pro Boucher charcutier traiteur."
                    ),
                    "conditions": ("Laboratoire et boutique ; pics d'activité pendant les fêtes de fin d'année."),
                    "salary": "1 850 à 2 150 € brut par mois en début de carrière",
                },
            ],
            "offers": [
                {
                    "kind": "apprentissage",
                    "title": "Apprentissage en CAP Boulanger, CAP Boucher ou CAP Charcutier-traiteur",
                    "description": (
                        "Plus de 30 artisans du Bessin et du Pré-Bocage recherchent un apprenti pour la "
                        "rentrée. Nous vous aidons à préparer votre premier rendez-vous."
                    ),
                    "place": "Bayeux (14)",
                },
            ],
        },
        {
            "name": "CFA Hôtellerie et Tourisme de la Côte Fleurie",
            "kind": "cfa",
            "sector": "hotellerie-restauration",
            "department": "14",
            "city": "Trouville-sur-Mer",
            "description": (
                "Sur la Côte Fleurie, les hôtels et les restaurants ont besoin de cuisiniers, de serveurs et "
                "de réceptionnistes toute l'année. Notre CFA prépare à ces métiers du CAP au BTS, avec un "
                "restaurant et un hôtel d'application. Beaucoup de nos apprentis poursuivent ensuite leur "
                "carrière en France et à l'étranger."
            ),
            "website": "https://example.org/cfa-cote-fleurie",
            "demo_staff": False,
            "job_cards": [
                {
                    "title": "Cuisinier / Cuisinière",
                    "rome_code": "G1602",
                    "missions": (
                        "Vous réalisez les plats de la carte en respectant les recettes, les quantités et "
                        "les règles d'hygiène. Vous participez à la mise en place, au service et au "
                        "rangement de la cuisine."
                    ),
                    "skills": "organisation, rapidité, goût, résistance au stress, esprit d'équipe",
                    "training": (
                        "CAP Cuisine, bac pro Cuisine, BP Arts de la cuisine, BTS Management en "
                        "hôtellerie-restauration."
                    ),
                    "conditions": ("Horaires en coupure, soirs et week-ends ; saisons très chargées sur la côte."),
                    "salary": "1 850 à 2 150 € brut par mois en début de carrière, repas fournis",
                },
                {
                    "title": "Serveur / Serveuse en restauration",
                    "rome_code": "G1803",
                    "missions": (
                        "Vous dressez les tables, accueillez les clients, prenez les commandes et assurez le "
                        "service. Vous conseillez les vins et les desserts avec le sourire, en français "
                        "comme en anglais."
                    ),
                    "skills": "sens de l'accueil, mémoire, présentation soignée, anglais, rapidité",
                    "training": (
                        "CAP Commercialisation et services en hôtel-café-restaurant, bac pro "
                        "Commercialisation et services en restauration, BP Arts du service et "
                        "commercialisation en restauration."
                    ),
                    "conditions": (
                        "Horaires en coupure, soirs et week-ends ; beaucoup de déplacements pendant le service."
                    ),
                    "salary": "1 850 à 2 000 € brut par mois en début de carrière, plus pourboires",
                },
                {
                    "title": "Réceptionniste en hôtellerie",
                    "rome_code": "G1703",
                    "missions": (
                        "Vous accueillez les clients, gérez les arrivées, les départs et les réservations, "
                        "et répondez à toutes leurs demandes. Vous êtes la première image de l'hôtel."
                    ),
                    "skills": ("sens de l'accueil, anglais, organisation, logiciels de réservation, discrétion"),
                    "training": (
                        "bac technologique STHR, BTS Management en hôtellerie-restauration, titre "
                        "professionnel Réceptionniste en hôtellerie."
                    ),
                    "conditions": "Horaires décalés, y compris de nuit et le week-end par roulement.",
                    "salary": "1 850 à 2 050 € brut par mois en début de carrière",
                },
            ],
            "offers": [
                {
                    "kind": "apprentissage",
                    "title": "Contrats d'apprentissage en cuisine et en salle",
                    "description": (
                        "Des hôtels et des restaurants de Deauville à Honfleur proposent des contrats pour "
                        "la rentrée. Un contrat d'apprentissage dure au minimum six mois et couvre en "
                        "général toute la durée de la formation."
                    ),
                    "place": "Côte Fleurie (14)",
                },
            ],
        },
        {
            "name": "CFA Santé et Accompagnement de Rouen Rive Gauche",
            "kind": "cfa",
            "sector": "sante-social",
            "department": "76",
            "city": "Saint-Étienne-du-Rouvray",
            "description": (
                "Notre CFA prépare en apprentissage aux métiers du soin et de l'accompagnement : "
                "aide-soignant, auxiliaire de puériculture, préparateur en pharmacie, accompagnant éducatif "
                "et social. Nos apprentis sont salariés d'hôpitaux, de cliniques, d'EHPAD, de crèches ou "
                "d'officines de la métropole rouennaise. Des métiers humains, utiles et qui recrutent."
            ),
            "website": "https://example.org/cfa-sante-rouen",
            "demo_staff": False,
            "job_cards": [
                {
                    "title": "Aide-soignant / Aide-soignante",
                    "rome_code": "J1501",
                    "missions": (
                        "Vous assurez les soins d'hygiène et de confort des patients et des résidents, et "
                        "surveillez leur état de santé. Vous travaillez en collaboration avec l'infirmier, "
                        "au sein d'une équipe soignante."
                    ),
                    "skills": ("écoute, bienveillance, sens de l'observation, travail en équipe, résistance physique"),
                    "training": (
                        "Diplôme d'État d'aide-soignant (DEAS), préparé en un an environ, accessible dès 17 "
                        "ans sans condition de diplôme après sélection sur dossier et entretien ; possible "
                        "en apprentissage."
                    ),
                    "conditions": "Horaires décalés, week-ends et jours fériés par roulement.",
                    "salary": "1 950 à 2 200 € brut par mois en début de carrière, primes comprises",
                },
                {
                    "title": "Auxiliaire de puériculture",
                    "rome_code": "J1304",
                    "missions": (
                        "Vous accompagnez les bébés et les jeunes enfants dans les gestes du quotidien et "
                        "dans leur éveil, en maternité, en pédiatrie ou en crèche. Vous conseillez aussi les "
                        "parents."
                    ),
                    "skills": "douceur, patience, hygiène, sens de l'observation, travail en équipe",
                    "training": (
                        "Diplôme d'État d'auxiliaire de puériculture (DEAP), préparé en un an environ, "
                        "accessible dès 17 ans après sélection ; possible en apprentissage."
                    ),
                    "conditions": "Horaires variables selon la structure, parfois de nuit à l'hôpital.",
                    "salary": "1 850 à 2 150 € brut par mois en début de carrière",
                },
                {
                    "title": "Préparateur / Préparatrice en pharmacie",
                    "rome_code": "J1307",
                    "missions": (
                        "Sous la responsabilité du pharmacien, vous délivrez les médicaments, expliquez les "
                        "traitements aux patients, gérez les stocks et réalisez certaines préparations."
                    ),
                    "skills": "rigueur, mémoire, sens du contact, discrétion, connaissances scientifiques",
                    "training": (
                        "DEUST Préparateur-technicien en pharmacie, préparé en deux ans après le bac, en "
                        "apprentissage ; il a remplacé le brevet professionnel de préparateur en pharmacie."
                    ),
                    "conditions": ("Travail debout au comptoir et en réserve, le samedi souvent ; gardes possibles."),
                    "salary": "1 900 à 2 200 € brut par mois en début de carrière",
                },
            ],
            "offers": [
                {
                    "kind": "apprentissage",
                    "title": "Diplôme d'État d'aide-soignant en apprentissage",
                    "description": (
                        "Formation d'un an environ avec un employeur de santé (hôpital, clinique ou EHPAD). "
                        "Ouverte dès 17 ans, sans condition de diplôme, après sélection sur dossier et "
                        "entretien."
                    ),
                    "place": "Saint-Étienne-du-Rouvray (76)",
                },
            ],
        },
        {
            "name": "CFA Code et Réseaux Normandie",
            "kind": "cfa",
            "sector": "numerique",
            "department": "14",
            "city": "Hérouville-Saint-Clair",
            "description": (
                "Notre CFA forme en alternance des développeurs, des techniciens réseaux et des techniciens "
                "de la fibre optique, du bac pro au bac + 3. Nos apprentis travaillent dans des entreprises "
                "du numérique, des collectivités et des industriels de la région caennaise. Ici, on apprend "
                "en réalisant de vrais projets."
            ),
            "website": "https://example.org/cfa-code-reseaux",
            "demo_staff": False,
            "job_cards": [
                {
                    "title": "Développeur / Développeuse d'applications",
                    "rome_code": "M1805",
                    "missions": (
                        "Vous concevez et programmez des applications web ou mobiles, des bases de données "
                        "et des interfaces. Vous testez, documentez et améliorez votre code en équipe."
                    ),
                    "skills": "logique, programmation, anglais technique, travail en équipe, autonomie",
                    "training": (
                        "BTS Services informatiques aux organisations, BUT Informatique, titres "
                        "professionnels Développeur web et web mobile puis Concepteur développeur "
                        "d'applications."
                    ),
                    "conditions": "Travail sur ordinateur, en équipe projet ; télétravail partiel fréquent.",
                    "salary": "2 000 à 2 500 € brut par mois en début de carrière",
                },
                {
                    "title": "Administrateur / Administratrice systèmes et réseaux",
                    "rome_code": "M1801",
                    "missions": (
                        "Vous installez, configurez et surveillez les serveurs et les réseaux d'une "
                        "organisation. Vous gérez les sauvegardes, les droits d'accès et la sécurité "
                        "informatique."
                    ),
                    "skills": "systèmes Linux et Windows, réseaux, cybersécurité, méthode, discrétion",
                    "training": (
                        "BTS Services informatiques aux organisations (option systèmes et réseaux), BTS "
                        "Cybersécurité, informatique et réseaux, électronique, BUT Réseaux et "
                        "télécommunications."
                    ),
                    "conditions": "Travail en bureau et en salle serveurs ; astreintes possibles.",
                    "salary": "2 000 à 2 400 € brut par mois en début de carrière",
                },
                {
                    "title": "Technicien / Technicienne de raccordement fibre optique",
                    "rome_code": "I1307",
                    "missions": (
                        "Vous raccordez les logements et les entreprises au réseau de fibre optique : "
                        "passage des câbles, soudure des fibres, installation du boîtier et tests de la "
                        "ligne."
                    ),
                    "skills": "minutie, autonomie, sens du contact client, aisance en hauteur, rigueur",
                    "training": (
                        "bac pro Cybersécurité, informatique et réseaux, électronique, formations "
                        "certifiantes courtes aux réseaux de fibre optique."
                    ),
                    "conditions": (
                        "Interventions chez les clients, sur poteaux ou en chambres souterraines ; "
                        "déplacements quotidiens."
                    ),
                    "salary": "1 850 à 2 200 € brut par mois en début de carrière",
                },
            ],
            "offers": [
                {
                    "kind": "alternance",
                    "title": "Titre professionnel Développeur web et web mobile en alternance",
                    "description": (
                        "Formation d'un an en contrat d'apprentissage, ouverte après le bac. Des entreprises "
                        "partenaires participent aux entretiens de recrutement pendant la Quinzaine."
                    ),
                    "place": "Hérouville-Saint-Clair (14)",
                },
            ],
        },
        {
            "name": "CFA agricole du Lieuvin et du Pays d'Ouche",
            "kind": "cfa",
            "sector": "agriculture",
            "department": "27",
            "city": "Bernay",
            "description": (
                "Notre CFA agricole forme aux métiers de l'élevage, des grandes cultures, du machinisme et "
                "du paysage, du CAP agricole au BTSA. Nos apprentis travaillent dans des exploitations, des "
                "entreprises de travaux agricoles et des entreprises du paysage du Lieuvin et du Pays "
                "d'Ouche. Internat et aide à la recherche d'employeur."
            ),
            "website": "https://example.org/cfa-agricole-lieuvin",
            "demo_staff": False,
            "job_cards": [
                {
                    "title": "Agent / Agente d'élevage",
                    "rome_code": "A1403",
                    "missions": (
                        "Vous soignez et nourrissez les animaux, participez à la traite ou au suivi des "
                        "naissances et entretenez les bâtiments d'élevage. Vous signalez tout signe de "
                        "maladie à l'éleveur."
                    ),
                    "skills": ("goût pour les animaux, sens de l'observation, endurance, autonomie, ponctualité"),
                    "training": (
                        "CAP agricole Métiers de l'agriculture, bac pro Conduite et gestion de l'entreprise agricole."
                    ),
                    "conditions": ("Travail en extérieur et en bâtiment, tôt le matin ; week-ends par roulement."),
                    "salary": "1 850 à 2 050 € brut par mois en début de carrière",
                },
                {
                    "title": "Conducteur / Conductrice de machines agricoles",
                    "rome_code": "A1101",
                    "missions": (
                        "Vous conduisez des tracteurs, des moissonneuses ou des ensileuses pour les travaux "
                        "des champs, pour une exploitation ou une entreprise de travaux agricoles. Vous "
                        "réglez et entretenez les machines."
                    ),
                    "skills": "maîtrise des engins, sens mécanique, vigilance, autonomie, endurance",
                    "training": (
                        "CAP agricole Métiers de l'agriculture, bac pro Agroéquipement, BTSA Génie des "
                        "équipements agricoles."
                    ),
                    "conditions": "Longues journées pendant les récoltes, souvent seul au volant.",
                    "salary": "1 900 à 2 200 € brut par mois en début de carrière",
                },
                {
                    "title": "Jardinier paysagiste / Jardinière paysagiste",
                    "rome_code": "A1203",
                    "missions": (
                        "Vous créez et entretenez des jardins et des espaces verts : plantations, "
                        "engazonnement, taille, maçonnerie paysagère. Vous travaillez pour des particuliers, "
                        "des entreprises ou des communes."
                    ),
                    "skills": ("connaissance des végétaux, sens esthétique, endurance, travail en équipe, autonomie"),
                    "training": (
                        "CAP agricole Jardinier paysagiste, bac pro Aménagements paysagers, BTSA "
                        "Aménagements paysagers."
                    ),
                    "conditions": "Travail en extérieur en toute saison.",
                    "salary": "1 850 à 2 050 € brut par mois en début de carrière",
                },
            ],
            "offers": [
                {
                    "kind": "apprentissage",
                    "title": "Apprentissage en CAP agricole ou en bac pro",
                    "description": (
                        "Exploitations laitières, grandes cultures, entreprises du paysage : nous vous "
                        "aidons à trouver l'employeur qui correspond à votre projet."
                    ),
                    "place": "Bernay (27)",
                },
            ],
        },
        {
            "name": "CFA Route et Entrepôt de l'Orne",
            "kind": "cfa",
            "sector": "transport-logistique",
            "department": "61",
            "city": "Argentan",
            "description": (
                "Notre CFA forme aux métiers de la logistique et du transport routier, du CAP au BTS. Nous "
                "disposons d'une plateforme logistique pédagogique et d'une piste d'entraînement pour les "
                "chariots élévateurs. Les entreprises de l'Orne et des départements voisins recherchent de "
                "nombreux apprentis."
            ),
            "website": "https://example.org/cfa-route-entrepot",
            "demo_staff": False,
            "job_cards": [
                {
                    "title": "Magasinier / Magasinière",
                    "rome_code": "N1103",
                    "missions": (
                        "Vous réceptionnez les marchandises, les contrôlez, les rangez et préparez les "
                        "commandes. Vous tenez à jour les stocks à l'aide d'un logiciel et de scanners."
                    ),
                    "skills": ("organisation, rigueur, informatique de base, condition physique, sens de l'équipe"),
                    "training": (
                        "CAP Opérateur / Opératrice logistique, bac pro Logistique, titre professionnel "
                        "Agent magasinier."
                    ),
                    "conditions": "Travail en entrepôt, horaires en équipes possibles.",
                    "salary": "1 850 à 2 050 € brut par mois en début de carrière",
                },
                {
                    "title": "Cariste",
                    "rome_code": "N1101",
                    "missions": (
                        "Vous conduisez des chariots élévateurs pour charger les camions et ranger les "
                        "palettes en hauteur, en toute sécurité. Vous participez aux inventaires."
                    ),
                    "skills": "précision, vigilance, sens de l'espace, respect des consignes, rigueur",
                    "training": (
                        "CAP Opérateur / Opératrice logistique, titre professionnel Cariste d'entrepôt ; "
                        "CACES R489 et autorisation de conduite délivrée par l'employeur."
                    ),
                    "conditions": "Travail en entrepôt, parfois au froid ; horaires en équipes.",
                    "salary": "1 900 à 2 100 € brut par mois en début de carrière",
                },
                {
                    "title": "Conducteur / Conductrice routier de marchandises",
                    "rome_code": "N4101",
                    "missions": (
                        "Vous conduisez un poids lourd pour livrer des marchandises dans toute la France, en "
                        "respectant la réglementation des temps de conduite. Vous vérifiez l'état de votre "
                        "véhicule et de votre chargement."
                    ),
                    "skills": "autonomie, vigilance, ponctualité, sens de l'orientation, respect des règles",
                    "training": (
                        "bac pro Conducteur transport routier marchandises, titres professionnels de "
                        "conducteur du transport routier de marchandises ; permis C et CE et qualification "
                        "initiale (FIMO)."
                    ),
                    "conditions": "Découchés fréquents pour les longues distances ; horaires variables.",
                    "salary": "2 000 à 2 400 € brut par mois en début de carrière, plus frais de déplacement",
                },
            ],
            "offers": [
                {
                    "kind": "apprentissage",
                    "title": "CAP Opérateur / Opératrice logistique en apprentissage",
                    "description": (
                        "Formation en deux ans après la 3e, en alternance avec un entrepôt ou un magasin de "
                        "l'Orne. Vous vous formez à la conduite des chariots pendant la formation."
                    ),
                    "place": "Argentan (61)",
                },
                {
                    "kind": "apprentissage",
                    "title": "Bac pro Logistique en apprentissage",
                    "description": (
                        "Trois ans en alternance, ou deux ans après un CAP du secteur. Nous vous mettons en "
                        "relation avec des entreprises qui recrutent."
                    ),
                    "place": "Argentan (61)",
                },
            ],
        },
        {
            "name": "CFA Énergies et Climat Normandie-Ouest",
            "kind": "cfa",
            "sector": "energie-environnement",
            "department": "50",
            "city": "Saint-Lô",
            "description": (
                "Pompes à chaleur, solaire, froid et climatisation : notre CFA forme les professionnels de "
                "la transition énergétique, du CAP au BTS. Nos plateaux techniques permettent d'installer et "
                "de dépanner de vrais équipements. Les entreprises de la Manche peinent à recruter : les "
                "apprentis sont très attendus."
            ),
            "website": "https://example.org/cfa-energies-climat",
            "demo_staff": False,
            "job_cards": [
                {
                    "title": "Technicien / Technicienne de maintenance en chauffage",
                    "rome_code": "I1308",
                    "missions": (
                        "Vous mettez en service, entretenez et dépannez chaudières, pompes à chaleur et "
                        "systèmes solaires. Vous conseillez les clients pour réduire leur consommation "
                        "d'énergie."
                    ),
                    "skills": "diagnostic, électricité, thermique, relation client, autonomie",
                    "training": ("bac pro Maintenance et efficacité énergétique, BTS Fluides, énergies, domotique."),
                    "conditions": "Déplacements quotidiens chez les clients ; astreintes en hiver.",
                    "salary": "1 950 à 2 300 € brut par mois en début de carrière",
                },
                {
                    "title": "Technicien / Technicienne frigoriste",
                    "rome_code": "I1306",
                    "missions": (
                        "Vous installez et entretenez des installations de froid et de climatisation : "
                        "chambres froides, vitrines réfrigérées, climatiseurs et pompes à chaleur."
                    ),
                    "skills": ("électricité, mécanique des fluides, rigueur, respect de l'environnement, autonomie"),
                    "training": (
                        "CAP Installateur en froid et conditionnement d'air, bac pro Métiers du froid et des "
                        "énergies renouvelables, BTS Fluides, énergies, domotique ; attestation d'aptitude à "
                        "la manipulation des fluides frigorigènes."
                    ),
                    "conditions": (
                        "Interventions chez les commerçants, les industriels et les particuliers ; astreintes en été."
                    ),
                    "salary": "1 950 à 2 350 € brut par mois en début de carrière",
                },
                {
                    "title": "Électricien installateur / Électricienne installatrice photovoltaïque",
                    "rome_code": "F1602",
                    "missions": (
                        "Vous installez des panneaux solaires et leurs équipements électriques sur des "
                        "maisons, des hangars agricoles ou des bâtiments d'entreprise, puis vous les mettez "
                        "en service."
                    ),
                    "skills": "électricité, aisance en hauteur, sécurité, travail en équipe, rigueur",
                    "training": (
                        "CAP Électricien, bac pro Métiers de l'électricité et de ses environnements "
                        "connectés, formations complémentaires au photovoltaïque ; habilitation électrique "
                        "obligatoire."
                    ),
                    "conditions": ("Travail en toiture, sécurisé ; activité plus forte du printemps à l'automne."),
                    "salary": "1 900 à 2 250 € brut par mois en début de carrière",
                },
            ],
            "offers": [
                {
                    "kind": "apprentissage",
                    "title": "Bac pro Maintenance et efficacité énergétique en apprentissage",
                    "description": (
                        "Trois ans en alternance avec une entreprise de chauffage ou de climatisation de la "
                        "Manche. Nous organisons des rencontres avec les employeurs pendant la Quinzaine."
                    ),
                    "place": "Saint-Lô (50)",
                },
            ],
        },
        {
            "name": "CFA des Métiers de la Mer de la Côte d'Albâtre",
            "kind": "cfa",
            "sector": "maritime",
            "department": "76",
            "city": "Fécamp",
            "description": (
                "Notre CFA prépare aux métiers de la pêche, de la marine marchande, de la mécanique navale "
                "et des cultures marines. Nos apprentis embarquent sur des chalutiers, des navires de "
                "servitude ou des ferries, et travaillent dans des chantiers et des parcs conchylicoles. "
                "Venez découvrir des métiers où l'on ne s'ennuie jamais."
            ),
            "website": "https://example.org/cfa-metiers-mer",
            "demo_staff": False,
            "job_cards": [
                {
                    "title": "Matelot de la marine marchande",
                    "rome_code": "N3102",
                    "missions": (
                        "À bord d'un ferry, d'un cargo ou d'un navire de servitude, vous participez aux "
                        "manœuvres d'amarrage, à l'entretien du navire et à la sécurité des passagers. Vous "
                        "assurez aussi des quarts de veille."
                    ),
                    "skills": (
                        "pied marin, esprit d'équipe, sens de la sécurité, résistance physique, anglais maritime"
                    ),
                    "training": (
                        "CAP maritime Matelot, bac pro Conduite et gestion des entreprises maritimes, puis "
                        "brevets de la marine marchande ; aptitude médicale à la navigation obligatoire."
                    ),
                    "conditions": ("Vie à bord par périodes d'embarquement suivies de périodes de repos à terre."),
                    "salary": ("1 900 à 2 400 € brut par mois en début de carrière, selon le type de navigation"),
                },
                {
                    "title": "Mécanicien / Mécanicienne de marine",
                    "rome_code": "I1605",
                    "missions": (
                        "Vous faites fonctionner et entretenez les moteurs, les groupes électrogènes et les "
                        "circuits du navire. Vous intervenez rapidement en cas de panne, parfois en pleine "
                        "mer."
                    ),
                    "skills": "mécanique, électricité, hydraulique, sang-froid, autonomie",
                    "training": (
                        "bac pro Électromécanicien de marine, BTS Maintenance des systèmes électro-navals, "
                        "brevets de mécanicien de la marine marchande."
                    ),
                    "conditions": ("Travail en salle des machines, bruyante et chaude ; rythme d'embarquement."),
                    "salary": "2 000 à 2 500 € brut par mois en début de carrière",
                },
                {
                    "title": "Conchyliculteur / Conchylicultrice",
                    "rome_code": "A1404",
                    "missions": (
                        "Vous élevez des huîtres ou des moules dans des parcs en mer : mise en poches, "
                        "retournement, tri, calibrage et expédition. Votre travail suit le rythme des marées."
                    ),
                    "skills": (
                        "résistance physique, autonomie, connaissance du milieu marin, conduite d'engins, rigueur"
                    ),
                    "training": "CAP maritime Conchyliculteur, bac pro Cultures marines, BTSA Aquaculture.",
                    "conditions": "Travail en extérieur par tous les temps, horaires dictés par les marées.",
                    "salary": "1 850 à 2 100 € brut par mois en début de carrière",
                },
            ],
            "offers": [
                {
                    "kind": "apprentissage",
                    "title": "CAP maritime Matelot en apprentissage",
                    "description": (
                        "Formation en deux ans en alternance avec un armement de pêche ou de commerce. "
                        "Visite médicale d'aptitude à la navigation obligatoire avant l'entrée en formation."
                    ),
                    "place": "Fécamp (76)",
                },
            ],
        },
        {
            "name": "CFA Coiffure, Esthétique et Vente d'Alençon",
            "kind": "cfa",
            "sector": "commerce",
            "department": "61",
            "city": "Alençon",
            "description": (
                "Coiffure, esthétique, vente : notre CFA forme aux métiers de la beauté et du commerce, du "
                "CAP au BTS. Nos salons d'application accueillent de vrais clients, encadrés par nos "
                "formateurs. Chaque année, plus de 200 salons, instituts et boutiques nous confient leurs "
                "apprentis."
            ),
            "website": "https://example.org/cfa-beaute-alencon",
            "demo_staff": False,
            "job_cards": [
                {
                    "title": "Coiffeur / Coiffeuse",
                    "rome_code": "D1202",
                    "missions": (
                        "Vous accueillez les clients, les conseillez et réalisez shampoings, coupes, "
                        "couleurs et coiffages. Vous vendez aussi des produits et participez à la vie du "
                        "salon."
                    ),
                    "skills": "habileté manuelle, créativité, écoute, sens du contact, présentation soignée",
                    "training": "CAP Métiers de la coiffure, BP Coiffure, BTS Métiers de la coiffure.",
                    "conditions": "Travail debout, le samedi toujours ; contact permanent avec la clientèle.",
                    "salary": ("Proche du SMIC en début de carrière, soit environ 1 850 € brut par mois, plus primes"),
                },
                {
                    "title": "Esthéticien / Esthéticienne",
                    "rome_code": "D1208",
                    "missions": (
                        "Vous réalisez des soins du visage et du corps, des épilations, des maquillages et "
                        "des soins des mains et des pieds. Vous conseillez et vendez des produits de beauté."
                    ),
                    "skills": "douceur, hygiène, écoute, sens commercial, présentation soignée",
                    "training": (
                        "CAP Esthétique, cosmétique, parfumerie, BP Esthétique cosmétique parfumerie, BTS "
                        "Métiers de l'esthétique-cosmétique-parfumerie."
                    ),
                    "conditions": "Travail en institut, en spa ou en parfumerie, le samedi le plus souvent.",
                    "salary": (
                        "Proche du SMIC en début de carrière, soit environ 1 850 € brut par mois, plus "
                        "commissions sur les ventes"
                    ),
                },
                {
                    "title": "Vendeur-conseil / Vendeuse-conseil en magasin",
                    "rome_code": "D1214",
                    "missions": (
                        "Vous accueillez les clients, identifiez leurs besoins, présentez les articles et "
                        "concluez la vente. Vous participez à l'aménagement du magasin et à la réception des "
                        "marchandises."
                    ),
                    "skills": "sens du contact, écoute, dynamisme, sens commercial, travail en équipe",
                    "training": (
                        "CAP Équipier polyvalent du commerce, bac pro Métiers du commerce et de la vente, "
                        "BTS Management commercial opérationnel."
                    ),
                    "conditions": "Travail debout, le samedi et pendant les périodes de soldes.",
                    "salary": "1 850 à 2 000 € brut par mois en début de carrière, plus commissions",
                },
            ],
            "offers": [
                {
                    "kind": "apprentissage",
                    "title": "CAP Métiers de la coiffure ou CAP Esthétique en apprentissage",
                    "description": (
                        "Formation en deux ans après la 3e, en alternance avec un salon ou un institut de "
                        "l'Orne. Venez avec votre CV : nous le transmettons aux employeurs partenaires."
                    ),
                    "place": "Alençon (61)",
                },
            ],
        },
    ],
}

TALKS: dict[str, list[dict]] = {
    "des-clics-des-metiers": [
        {
            "title": "Souder, plier, assembler : une journée dans un atelier de chaudronnerie",
            "description": (
                "Léa a commencé par un CAP en apprentissage ; elle soude aujourd'hui des cuves en acier "
                "inoxydable pour l'agroalimentaire. Avec son chef d'atelier, elle raconte une journée type, "
                "présente les équipements de protection et répond à vos questions en direct."
            ),
            "speakers": [
                "Léa Vautier, soudeuse chez Chaudronnerie Varin-Lecoq",
                "Karim Benhamou, chef d'atelier chez Chaudronnerie Varin-Lecoq",
            ],
            "stand": "Chaudronnerie Varin-Lecoq",
            "day": 0,
            "start": "10:00",
            "minutes": 30,
            "track": "Salle atelier",
            "audience": "college",
            "capacity_classes": 20,
            "stream_url": "https://www.youtube-nocookie.com/embed/aZ3kPq9LmN2",
            "replay_url": "https://www.youtube.com/watch?v=aZ3kPq9LmN2",
        },
        {
            "title": "L'apprentissage, comment ça marche ?",
            "description": (
                "Âge minimum, salaire, rythme entre le CFA et l'entreprise, recherche d'un employeur : tout "
                "ce qu'il faut savoir avant de se lancer. Un quiz en direct vous permettra de tester vos "
                "connaissances à la fin de la séance."
            ),
            "speakers": [
                ("Sophie Lemarchand, chargée des relations avec les entreprises au CFA des Bâtisseurs du Pays de Caux"),
                "Thomas Guérin, conseiller au Carrefour régional de l'orientation",
                "Manon Osmont, apprentie en CAP Cuisine au CFA Saveurs et Accueil du Pays d'Auge",
            ],
            "stand": None,
            "day": 0,
            "start": "14:00",
            "minutes": 45,
            "track": "Grand amphi",
            "audience": "all",
            "capacity_classes": None,
            "stream_url": "https://tube-sciences-technologies.apps.education.fr/w/9fJk2LmPq8RsT4uVw6XyZa",
        },
        {
            "title": "Apprenti en cuisine : ce que l'on ne voit pas à la télévision",
            "description": (
                "Mise en place, coup de feu, plonge, travail en brigade : un chef formateur et deux "
                "apprentis racontent la réalité du métier, ses exigences et ses bons moments."
            ),
            "speakers": [
                "Olivier Fleury, chef formateur au CFA Saveurs et Accueil du Pays d'Auge",
                "Inès Lerebours, apprentie en CAP Cuisine",
                "Mathis Delaunay, apprenti en CAP Commercialisation et services en hôtel-café-restaurant",
            ],
            "stand": "CFA Saveurs et Accueil du Pays d'Auge",
            "day": 0,
            "start": "16:00",
            "minutes": 30,
            "track": "Salle atelier",
            "audience": "lycee",
            "capacity_classes": 15,
            "stream_url": "https://www.dailymotion.com/video/x8q4r2m",
        },
        {
            "title": "Du code au jeu éducatif : les métiers du numérique",
            "description": (
                "Comment naît une application ? Un développeur et une webdesigner présentent leur métier, "
                "leur parcours (BTS, BUT, alternance) et les outils qu'ils utilisent chaque jour, exemples à "
                "l'appui."
            ),
            "speakers": [
                "Julien Anquetil, développeur chez Pixel Normand Studio",
                "Camille Lebas, webdesigner chez Pixel Normand Studio",
            ],
            "stand": "Pixel Normand Studio",
            "day": 1,
            "start": "10:30",
            "minutes": 30,
            "track": "Studio numérique",
            "audience": "lycee",
            "capacity_classes": 12,
            "stream_url": "https://meet.jit.si/SalonDemoPixelNormand",
        },
        {
            "title": "Prendre soin des autres : les métiers du soin et de l'accompagnement",
            "description": (
                "Aide-soignant, infirmier, auxiliaire de puériculture : quelles différences, quelles "
                "formations, quelles qualités ? Deux soignants racontent leur quotidien à l'hôpital et en "
                "EHPAD."
            ),
            "speakers": [
                "Nadia Hébert, aide-soignante au Groupe hospitalier du Val d'Auge",
                "Pierre Lecanu, infirmier au Groupe hospitalier du Val d'Auge",
            ],
            "stand": "Groupe hospitalier du Val d'Auge",
            "day": 1,
            "start": "14:00",
            "minutes": 40,
            "track": "Grand amphi",
            "audience": "all",
            "capacity_classes": 30,
            "stream_url": "https://bbb.example.org/b/sal-demo-soin",
        },
        {
            "title": "Une journée dans un élevage laitier normand",
            "description": (
                "Traite robotisée, soins aux veaux, gestion des prairies : une éleveuse et un salarié "
                "agricole présentent leur métier en vidéo, depuis l'exploitation."
            ),
            "speakers": [
                "Aurélie Levillain, éleveuse associée au GAEC de la Prairie Haute",
                "Kevin Marie, agent d'élevage au GAEC de la Prairie Haute",
            ],
            "stand": "GAEC de la Prairie Haute",
            "day": 1,
            "start": "16:00",
            "minutes": 25,
            "track": "Salle atelier",
            "audience": "college",
            "capacity_classes": 10,
            "stream_url": "https://framatube.org/w/4hDp7QvXw2mYc8nKs3LtBe",
        },
        {
            "title": "Pêche, ports et chantiers navals : les métiers de la mer en Normandie",
            "description": (
                "Un mécanicien de marine et une matelot présentent les métiers de la pêche, des ports et de "
                "la construction navale, les formations maritimes et la vie à bord. Un quiz en direct "
                "clôture la séance."
            ),
            "speakers": [
                "Erwan Leroux, mécanicien de marine chez Chantier naval Cotentin Composites",
                "Maëlle Duval, matelot à l'Armement de pêche Les Goélands",
            ],
            "stand": "Chantier naval Cotentin Composites",
            "day": 2,
            "start": "10:00",
            "minutes": 45,
            "track": "Grand amphi",
            "audience": "college",
            "capacity_classes": 25,
            "stream_url": "https://www.youtube-nocookie.com/embed/Mer4Norm2Qx",
        },
        {
            "title": "Filles et garçons : tous les métiers vous sont ouverts",
            "description": (
                "Une maçonne et un auxiliaire de puériculture parlent de leur choix de métier, des réactions "
                "de leur entourage et de ce qui les a aidés à persévérer. Une séance pour dépasser les idées "
                "reçues."
            ),
            "speakers": [
                "Émilie Anfray, maçonne chez Maçonnerie Gosselin Frères",
                (
                    "Romain Lefebvre, auxiliaire de puériculture en crèche, ancien élève de l'Institut de "
                    "formation sanitaire et sociale de la Côte d'Albâtre"
                ),
            ],
            "stand": None,
            "day": 2,
            "start": "13:30",
            "minutes": 30,
            "track": "Grand amphi",
            "audience": "all",
            "capacity_classes": 2,
            "stream_url": "https://peertube.fr/w/7uYt5RrEe3WwQq1AaSsDdF",
        },
        {
            "title": "Énergies renouvelables : des métiers qui prennent de la hauteur",
            "description": (
                "À quoi ressemble une journée dans une nacelle d'éolienne ? Un technicien de maintenance "
                "présente son métier, les formations de sécurité et les perspectives de l'éolien en mer en "
                "Normandie."
            ),
            "speakers": ["Hugo Lepetit, technicien de maintenance chez Vents de la Manche Maintenance"],
            "stand": "Vents de la Manche Maintenance",
            "day": 2,
            "start": "15:30",
            "minutes": 30,
            "track": "Salle atelier",
            "audience": "lycee",
            "capacity_classes": 18,
            "stream_url": "https://visio.example.org/rooms/eolien-en-mer/join",
        },
    ],
    "quinzaine-apprentissage": [
        {
            "title": "Ouverture de la Quinzaine : trouver son contrat d'apprentissage",
            "description": (
                "Présentation de la Quinzaine et conseils concrets pour trouver une entreprise : où chercher "
                "les offres, comment utiliser son réseau, quand commencer ses démarches."
            ),
            "speakers": [
                "Isabelle Lemaître, coordinatrice de la Quinzaine de l'apprentissage",
                ("Antoine Vasseur, chargé du développement de l'apprentissage au CFA Industrie Avenir Seine-Estuaire"),
            ],
            "stand": None,
            "day": 0,
            "start": "10:00",
            "minutes": 45,
            "track": "Grand amphi",
            "audience": "all",
            "capacity_classes": None,
            "stream_url": "https://www.youtube-nocookie.com/embed/Quinz4ine01",
        },
        {
            "title": "Réussir sa candidature : CV, message et premier appel à un employeur",
            "description": (
                "Vous n'avez jamais travaillé ? Ce n'est pas un problème. Comment valoriser vos activités, "
                "vos stages et votre motivation dans un CV, un message et un premier appel téléphonique."
            ),
            "speakers": ["Claire Hamelin, conseillère en insertion professionnelle"],
            "stand": None,
            "day": 2,
            "start": "14:00",
            "minutes": 40,
            "track": "Grand amphi",
            "audience": "lycee",
            "capacity_classes": 40,
            "stream_url": "https://meet.jit.si/SalonDemoCandidature",
        },
        {
            "title": "Apprenti boulanger : le vrai rythme d'une semaine",
            "description": (
                "Deux semaines au fournil, une semaine au CFA : un formateur et une apprentie racontent le "
                "rythme réel de l'apprentissage en boulangerie, les horaires et les premières fiertés."
            ),
            "speakers": [
                "Franck Onfroy, formateur boulanger au CFA des Métiers de Bouche du Bessin",
                "Lucie Desmonts, apprentie en CAP Boulanger",
            ],
            "stand": "CFA des Métiers de Bouche du Bessin",
            "day": 4,
            "start": "10:30",
            "minutes": 30,
            "track": "Fournil virtuel",
            "audience": "college",
            "capacity_classes": 15,
            "stream_url": "https://www.dailymotion.com/video/x8b0ul4n",
        },
        {
            "title": "Les travaux publics racontés par leurs apprentis",
            "description": (
                "Conduire une pelle, construire une route, poser des canalisations : trois apprentis "
                "présentent leur chantier du moment et leur parcours."
            ),
            "speakers": [
                "Damien Costil, formateur conduite d'engins au CFA des Chantiers de la Risle",
                "Yanis Ferrand, apprenti en CAP Conducteur d'engins",
                "Chloé Bazin, apprentie en bac pro Travaux publics",
            ],
            "stand": "CFA des Chantiers de la Risle",
            "day": 7,
            "start": "15:00",
            "minutes": 30,
            "track": "Grand amphi",
            "audience": "college",
            "capacity_classes": 20,
            "stream_url": "https://tube-numerique-educatif.apps.education.fr/w/2bTp9LwQx4sRz7yUv1KmNa",
        },
        {
            "title": "Salaire, congés, droits : ce qu'il faut savoir avant de signer",
            "description": (
                "Salaire minimum selon l'âge, congés, période d'essai, temps passé au CFA : les règles "
                "essentielles du contrat d'apprentissage, expliquées simplement. Un quiz en direct termine "
                "la séance."
            ),
            "speakers": [
                "Nathalie Grenier, juriste en droit du travail",
                ("Antoine Vasseur, chargé du développement de l'apprentissage au CFA Industrie Avenir Seine-Estuaire"),
            ],
            "stand": None,
            "day": 9,
            "start": "10:00",
            "minutes": 45,
            "track": "Grand amphi",
            "audience": "postbac",
            "capacity_classes": 30,
            "stream_url": "https://bigbluebutton.example.org/b/qui-droits-apprentis",
        },
        {
            "title": "Se former au soin en apprentissage",
            "description": (
                "Aide-soignant, auxiliaire de puériculture, préparateur en pharmacie : comment se déroulent "
                "ces formations en apprentissage, et comment trouver un employeur de santé ?"
            ),
            "speakers": [
                "Sandrine Bréard, formatrice au CFA Santé et Accompagnement de Rouen Rive Gauche",
                "Adam Khelifi, apprenti aide-soignant en EHPAD",
            ],
            "stand": "CFA Santé et Accompagnement de Rouen Rive Gauche",
            "day": 11,
            "start": "14:00",
            "minutes": 35,
            "track": "Grand amphi",
            "audience": "lycee",
            "capacity_classes": 20,
            "stream_url": "https://www.youtube-nocookie.com/embed/SoinApprent",
        },
        {
            "title": "Métiers de la mer : se former en apprentissage",
            "description": (
                "Matelot, mécanicien de marine, conchyliculteur : les formations maritimes en apprentissage, "
                "les conditions d'aptitude médicale et la vie à bord, présentées par un formateur et un "
                "ancien apprenti."
            ),
            "speakers": [
                "Gaël Lemonnier, formateur au CFA des Métiers de la Mer de la Côte d'Albâtre",
                "Baptiste Cauchois, matelot sur un navire de servitude",
            ],
            "stand": "CFA des Métiers de la Mer de la Côte d'Albâtre",
            "day": 13,
            "start": "11:00",
            "minutes": 30,
            "track": "Grand amphi",
            "audience": "all",
            "capacity_classes": None,
            "stream_url": "",
        },
    ],
}

LIVE_TALK: dict = {
    "event": "des-clics-des-metiers",
    "title": "Rencontre un pro : posez vos questions en direct",
    "description": (
        "Camille Durand répond en direct aux questions des classes sur les métiers de l'atelier et du "
        "bâtiment : comment on y entre, ce que l'on y fait chaque jour, ce qui plaît et ce qui est difficile. "
        "Posez vos questions par écrit : elles s'affichent une fois validées."
    ),
    "speakers": [],
    "speaker_accounts": ["pro@demo.salon"],
    "stand": "Chaudronnerie Varin-Lecoq",
    "track": "Plateau en direct",
    "audience": "all",
    "capacity_classes": 30,
    "stream_url": "https://www.youtube-nocookie.com/embed/RencontrePr",
    "premoderated": True,
    # Starts 10 minutes before `salon demo` runs (rounded down to 5 minutes) and lasts 4 hours.
    "minutes_before": 10,
    "hours": 4,
}

# DEMO-3E is registered to these talks (by title).
DEMO_REGISTRATIONS: list[tuple[str, str]] = [
    ("des-clics-des-metiers", "Rencontre un pro : posez vos questions en direct"),
    ("des-clics-des-metiers", "Pêche, ports et chantiers navals : les métiers de la mer en Normandie"),
]

QUIZZES: dict[str, list[dict]] = {
    "des-clics-des-metiers": [
        {
            "title": "Quiz en direct : l'apprentissage en cinq questions",
            "mode": "live",
            "stand": None,
            "talk": "L'apprentissage, comment ça marche ?",
            "questions": [
                {
                    "prompt": "À partir de quel âge peut-on signer un contrat d'apprentissage ?",
                    "choices": [
                        "14 ans",
                        "16 ans, ou 15 ans si l'on a terminé la classe de 3e",
                        "18 ans",
                        "Il n'y a pas d'âge minimum",
                    ],
                    "answer_index": 1,
                    "explanation": (
                        "Le contrat d'apprentissage est ouvert de 16 à 29 ans révolus. Un jeune de 15 ans "
                        "peut aussi en signer un s'il a terminé son année de 3e. La limite d'âge ne "
                        "s'applique pas dans certains cas, par exemple pour les personnes en situation de "
                        "handicap."
                    ),
                },
                {
                    "prompt": "Comment se déroule une formation en apprentissage ?",
                    "choices": [
                        "Uniquement en entreprise, sans cours",
                        "Uniquement au CFA, avec un stage à la fin",
                        "En alternance entre le CFA et l'entreprise",
                    ],
                    "answer_index": 2,
                    "explanation": (
                        "L'apprenti alterne des périodes de formation au CFA et des périodes de travail en "
                        "entreprise. Le rythme dépend de la formation : par exemple une semaine au CFA et "
                        "deux ou trois semaines en entreprise."
                    ),
                },
                {
                    "prompt": "Un apprenti est-il payé ?",
                    "choices": [
                        "Non, c'est un élève comme les autres",
                        (
                            "Oui : il est salarié et touche au minimum un pourcentage du SMIC qui dépend de "
                            "son âge et de son année de formation"
                        ),
                        "Seulement s'il a plus de 18 ans",
                    ],
                    "answer_index": 1,
                    "explanation": (
                        "L'apprenti signe un contrat de travail. Son salaire minimum est un pourcentage du "
                        "SMIC qui augmente avec l'âge et l'ancienneté dans le contrat ; certaines "
                        "conventions collectives prévoient davantage."
                    ),
                },
                {
                    "prompt": "Qui accompagne l'apprenti au quotidien dans l'entreprise ?",
                    "choices": [
                        "Le maître d'apprentissage",
                        "Le professeur principal du collège",
                        "Un conseiller de la mairie",
                    ],
                    "answer_index": 0,
                    "explanation": (
                        "Le maître d'apprentissage est un salarié expérimenté (ou le chef d'entreprise) "
                        "chargé de former l'apprenti et de faire le lien avec le CFA."
                    ),
                },
                {
                    "prompt": "Combien de semaines de congés payés un apprenti a-t-il par an ?",
                    "choices": ["Aucune, il a déjà les vacances scolaires", "2 semaines", "5 semaines"],
                    "answer_index": 2,
                    "explanation": (
                        "Comme tous les salariés, l'apprenti acquiert 2,5 jours ouvrables de congés par mois "
                        "travaillé, soit 5 semaines par an. Il n'a pas les vacances scolaires : hors des "
                        "périodes au CFA, il travaille dans son entreprise."
                    ),
                },
            ],
        },
        {
            "title": "Le métal n'a plus de secret pour vous ?",
            "mode": "self_paced",
            "stand": "Chaudronnerie Varin-Lecoq",
            "talk": None,
            "questions": [
                {
                    "prompt": "Que fait un soudeur ?",
                    "choices": [
                        "Il assemble des pièces, souvent métalliques, en les faisant fondre localement",
                        "Il peint des carrosseries de voitures",
                        "Il répare des ordinateurs",
                    ],
                    "answer_index": 0,
                    "explanation": (
                        "Le soudage assemble durablement deux pièces en faisant fondre localement le métal, "
                        "avec ou sans métal d'apport, grâce à un arc électrique, une flamme ou un laser."
                    ),
                },
                {
                    "prompt": "Pourquoi le soudeur porte-t-il une cagoule ou un masque à filtre ?",
                    "choices": [
                        "Pour ne pas avoir froid",
                        ("Pour protéger ses yeux et son visage de la lumière très intense de l'arc et des projections"),
                        "Pour ne pas être reconnu",
                    ],
                    "answer_index": 1,
                    "explanation": (
                        "L'arc électrique émet une lumière et des rayons ultraviolets capables de brûler les "
                        "yeux en quelques secondes. Le filtre de la cagoule protège la vue ; les gants et le "
                        "tablier protègent des projections de métal en fusion."
                    ),
                },
                {
                    "prompt": "Dans « soudage TIG », que signifient les lettres TIG ?",
                    "choices": [
                        "Tôle industrielle galvanisée",
                        "Tungsten Inert Gas : une électrode en tungstène protégée par un gaz inerte",
                        "Technique d'isolation générale",
                    ],
                    "answer_index": 1,
                    "explanation": (
                        "Le procédé TIG utilise une électrode en tungstène qui ne fond pas et un gaz inerte, "
                        "souvent de l'argon, pour protéger la soudure. Il permet des soudures très précises, "
                        "par exemple sur l'inox."
                    ),
                },
                {
                    "prompt": ("Quel diplôme permet de débuter en chaudronnerie ou en soudage juste après la 3e ?"),
                    "choices": [
                        "Le BTS Conception et réalisation en chaudronnerie industrielle",
                        "Le CAP Réalisations industrielles en chaudronnerie ou soudage",
                        "Le diplôme d'ingénieur",
                    ],
                    "answer_index": 1,
                    "explanation": (
                        "Le CAP se prépare en deux ans après la 3e, en lycée professionnel ou en "
                        "apprentissage. Le BTS, lui, se prépare après le bac."
                    ),
                },
                {
                    "prompt": "Qu'est-ce qu'une tôle ?",
                    "choices": [
                        "Une plaque de métal plus ou moins épaisse",
                        "Un outil pour mesurer les angles",
                        "Une machine de découpe",
                    ],
                    "answer_index": 0,
                    "explanation": (
                        "Le chaudronnier trace, découpe, plie et roule des tôles pour fabriquer des cuves, "
                        "des structures ou des capots."
                    ),
                },
            ],
        },
        {
            "title": "CAP, bac pro, BTS, BUT : s'y retrouver dans les diplômes",
            "mode": "self_paced",
            "stand": "Carrefour régional de l'orientation – antenne de Caen",
            "talk": None,
            "questions": [
                {
                    "prompt": "En combien de temps prépare-t-on généralement un CAP après la 3e ?",
                    "choices": ["1 an", "2 ans", "3 ans", "4 ans"],
                    "answer_index": 1,
                    "explanation": (
                        "Le CAP se prépare généralement en deux ans après la 3e. Sa durée peut être réduite "
                        "à un an pour les jeunes qui ont déjà un diplôme."
                    ),
                },
                {
                    "prompt": "Combien de temps dure un bac professionnel après la 3e ?",
                    "choices": ["2 ans", "3 ans", "5 ans"],
                    "answer_index": 1,
                    "explanation": (
                        "Le bac pro se prépare en trois ans (seconde, première et terminale "
                        "professionnelles), en lycée professionnel ou en apprentissage."
                    ),
                },
                {
                    "prompt": "Le BTS est un diplôme de quel niveau ?",
                    "choices": ["Niveau bac", "Bac + 2", "Bac + 5"],
                    "answer_index": 1,
                    "explanation": (
                        "Le brevet de technicien supérieur se prépare en deux ans après le bac, en lycée ou "
                        "en apprentissage."
                    ),
                },
                {
                    "prompt": "Où prépare-t-on un BUT (bachelor universitaire de technologie) ?",
                    "choices": [
                        "Au collège",
                        "Dans un IUT, en trois ans après le bac",
                        "Dans une école de conduite",
                    ],
                    "answer_index": 1,
                    "explanation": (
                        "Le BUT se prépare en trois ans dans un institut universitaire de technologie (IUT) "
                        "et peut aussi se faire en alternance."
                    ),
                },
                {
                    "prompt": "Peut-on préparer un CAP, un bac pro ou un BTS en apprentissage ?",
                    "choices": [
                        "Non, seulement le CAP",
                        "Oui, ces trois diplômes peuvent se préparer en apprentissage",
                        "Non, l'apprentissage ne mène à aucun diplôme",
                    ],
                    "answer_index": 1,
                    "explanation": (
                        "L'apprentissage permet de préparer un diplôme ou un titre professionnel, du CAP "
                        "jusqu'au diplôme d'ingénieur. Le diplôme obtenu est le même que par la voie "
                        "scolaire."
                    ),
                },
                {
                    "prompt": "Après un CAP, peut-on continuer ses études ?",
                    "choices": [
                        "Non, le CAP est toujours le dernier diplôme",
                        "Oui, par exemple en bac pro ou en brevet professionnel (BP)",
                        "Oui, mais uniquement à l'université",
                    ],
                    "answer_index": 1,
                    "explanation": (
                        "Après un CAP, on peut entrer dans la vie active ou poursuivre, par exemple en bac "
                        "pro (souvent directement en classe de première) ou en brevet professionnel."
                    ),
                },
            ],
        },
        {
            "title": "Quiz en direct : la mer et ses métiers",
            "mode": "live",
            "stand": "Chantier naval Cotentin Composites",
            "talk": "Pêche, ports et chantiers navals : les métiers de la mer en Normandie",
            "questions": [
                {
                    "prompt": ("Quel document est obligatoire pour travailler à bord d'un navire professionnel ?"),
                    "choices": [
                        "Le permis bateau de plaisance",
                        "Un certificat d'aptitude médicale à la navigation",
                        "Le brevet des collèges",
                    ],
                    "answer_index": 1,
                    "explanation": (
                        "Tout marin professionnel doit être reconnu apte par un médecin des gens de mer. "
                        "Cette aptitude médicale est vérifiée avant l'entrée en formation maritime et tout "
                        "au long de la carrière."
                    ),
                },
                {
                    "prompt": "Que fait un docker ?",
                    "choices": [
                        "Il soigne les marins blessés",
                        "Il charge et décharge les navires dans un port",
                        "Il construit les digues",
                    ],
                    "answer_index": 1,
                    "explanation": (
                        "Les dockers assurent la manutention des marchandises sur les quais : conteneurs, "
                        "véhicules, vrac. Ils conduisent des engins et guident les portiques."
                    ),
                },
                {
                    "prompt": "Comment sont souvent rémunérés les marins pêcheurs ?",
                    "choices": [
                        "À la part : leur salaire dépend de la valeur de la pêche",
                        "Au nombre d'heures passées au port",
                        "Ils ne sont pas rémunérés",
                    ],
                    "answer_index": 0,
                    "explanation": (
                        "À la pêche, la rémunération « à la part » partage entre l'équipage une partie de la "
                        "valeur des captures vendues, après déduction de certains frais. Elle varie donc "
                        "selon les saisons."
                    ),
                },
                {
                    "prompt": "Que fait un stratifieur dans un chantier naval ?",
                    "choices": [
                        "Il pilote le navire lors des essais",
                        "Il fabrique des coques et des pièces en matériaux composites (fibres et résine)",
                        "Il vend les bateaux aux clients",
                    ],
                    "answer_index": 1,
                    "explanation": (
                        "Le stratifieur superpose des tissus de fibres de verre ou de carbone imprégnés de "
                        "résine dans des moules pour obtenir des pièces légères et résistantes."
                    ),
                },
                {
                    "prompt": (
                        "Quel coquillage, pêché principalement d'octobre à mai, fait la renommée de Port-en-Bessin ?"
                    ),
                    "choices": [
                        "La coquille Saint-Jacques",
                        "La moule de bouchot",
                        "L'huître creuse",
                        "Le bulot",
                    ],
                    "answer_index": 0,
                    "explanation": (
                        "La Normandie est la première région française pour la pêche de la coquille "
                        "Saint-Jacques, dont la saison s'étend d'octobre à mai. Les moules de bouchot et les "
                        "huîtres, elles, sont élevées et non pêchées."
                    ),
                },
            ],
        },
    ],
    "quinzaine-apprentissage": [
        {
            "title": "Quiz en direct : vos droits d'apprenti",
            "mode": "live",
            "stand": None,
            "talk": "Salaire, congés, droits : ce qu'il faut savoir avant de signer",
            "questions": [
                {
                    "prompt": (
                        "Une apprentie de 17 ans est en première année de contrat. Quel est son salaire minimum ?"
                    ),
                    "choices": ["27 % du SMIC", "53 % du SMIC", "78 % du SMIC", "100 % du SMIC"],
                    "answer_index": 0,
                    "explanation": (
                        "Avant 18 ans, le salaire minimum est de 27 % du SMIC la première année, 39 % la "
                        "deuxième et 55 % la troisième. Certaines conventions collectives prévoient "
                        "davantage."
                    ),
                },
                {
                    "prompt": (
                        "Un apprenti de 22 ans commence sa première année de contrat. Quel est son salaire minimum ?"
                    ),
                    "choices": ["27 % du SMIC", "43 % du SMIC", "53 % du SMIC", "100 % du SMIC"],
                    "answer_index": 2,
                    "explanation": (
                        "De 21 à 25 ans, le minimum est de 53 % la première année, 61 % la deuxième et 78 % "
                        "la troisième, calculé sur le SMIC ou sur le salaire minimum conventionnel s'il est "
                        "plus élevé. De 18 à 20 ans, c'est 43 %, 51 % et 67 % ; à partir de 26 ans, 100 %."
                    ),
                },
                {
                    "prompt": (
                        "Pendant combien de temps le contrat peut-il être rompu librement au début (période d'essai) ?"
                    ),
                    "choices": [
                        "Pendant la première semaine",
                        ("Pendant les 45 premiers jours, consécutifs ou non, de formation pratique en entreprise"),
                        "Pendant toute la première année",
                    ],
                    "answer_index": 1,
                    "explanation": (
                        "Pendant les 45 premiers jours de présence en entreprise, l'apprenti comme "
                        "l'employeur peuvent rompre le contrat librement. Ensuite, la rupture obéit à des "
                        "règles précises."
                    ),
                },
                {
                    "prompt": "Le temps passé au CFA est-il compté comme du temps de travail ?",
                    "choices": [
                        "Oui, il est compris dans le temps de travail et rémunéré",
                        "Non, ce sont des heures non payées",
                        "Seulement pour les apprentis majeurs",
                    ],
                    "answer_index": 0,
                    "explanation": (
                        "Les heures de formation au CFA font partie du temps de travail de l'apprenti : "
                        "elles sont rémunérées comme les heures passées en entreprise."
                    ),
                },
                {
                    "prompt": (
                        "Vous n'avez pas encore trouvé d'employeur à la rentrée. Pouvez-vous commencer votre "
                        "formation au CFA ?"
                    ),
                    "choices": [
                        "Non, c'est impossible sans contrat signé",
                        "Oui, pendant trois mois au maximum, le temps de trouver une entreprise",
                        "Oui, pendant toute la durée de la formation",
                    ],
                    "answer_index": 1,
                    "explanation": (
                        "Un jeune de 16 à 29 ans (ou de 15 ans ayant terminé la 3e) peut débuter sa "
                        "formation en CFA sans employeur, dans la limite de trois mois. Il a alors le statut "
                        "de stagiaire de la formation professionnelle et le CFA l'aide à trouver un contrat."
                    ),
                },
                {
                    "prompt": "Avant ses examens, un apprenti a droit à…",
                    "choices": [
                        "Rien de plus que ses congés payés",
                        "Un congé supplémentaire de 5 jours ouvrables pour préparer les épreuves",
                        "Un mois de congé supplémentaire",
                    ],
                    "answer_index": 1,
                    "explanation": (
                        "Pour préparer les épreuves de son diplôme, l'apprenti bénéficie d'un congé "
                        "supplémentaire rémunéré de 5 jours ouvrables, pris dans le mois qui précède les "
                        "épreuves."
                    ),
                },
            ],
        },
        {
            "title": "Métiers de bouche : êtes-vous prêt pour le fournil ?",
            "mode": "self_paced",
            "stand": "CFA des Métiers de Bouche du Bessin",
            "talk": None,
            "questions": [
                {
                    "prompt": "Quel est le premier diplôme pour devenir boulanger ?",
                    "choices": ["Le CAP Boulanger", "Le BTS Boulanger", "Le baccalauréat général"],
                    "answer_index": 0,
                    "explanation": (
                        "Le CAP Boulanger se prépare en deux ans après la 3e, le plus souvent en "
                        "apprentissage chez un artisan."
                    ),
                },
                {
                    "prompt": "Qu'est-ce qui fait lever la pâte à pain ?",
                    "choices": [
                        "Le sel",
                        "La fermentation, provoquée par la levure ou le levain",
                        "La chaleur du four uniquement",
                    ],
                    "answer_index": 1,
                    "explanation": (
                        "Les levures de la levure de boulanger ou du levain produisent du gaz carbonique qui "
                        "fait gonfler la pâte : c'est la fermentation, que le boulanger surveille de près."
                    ),
                },
                {
                    "prompt": "Quel diplôme permet de se perfectionner après le CAP Boulanger ?",
                    "choices": [
                        "Le brevet professionnel (BP) Boulanger",
                        "Le brevet des collèges",
                        "Le permis C",
                    ],
                    "answer_index": 0,
                    "explanation": (
                        "Le BP Boulanger se prépare en deux ans, en général en apprentissage, et prépare à "
                        "des responsabilités plus importantes, jusqu'à la création de sa propre boulangerie."
                    ),
                },
                {
                    "prompt": "Pourquoi faut-il respecter la chaîne du froid en boucherie-charcuterie ?",
                    "choices": [
                        "Pour que la viande soit plus facile à découper",
                        "Pour limiter le développement des bactéries et garantir la sécurité des aliments",
                        "Pour économiser de l'électricité",
                    ],
                    "answer_index": 1,
                    "explanation": (
                        "Les produits frais doivent rester à basse température de la livraison jusqu'à la "
                        "vente : une rupture de la chaîne du froid favorise la multiplication des bactéries."
                    ),
                },
                {
                    "prompt": "Lequel de ces fromages n'est pas normand ?",
                    "choices": ["Le livarot", "Le pont-l'évêque", "Le comté", "Le neufchâtel"],
                    "answer_index": 2,
                    "explanation": (
                        "Le comté est un fromage du Jura. Le livarot, le pont-l'évêque, le neufchâtel et le "
                        "camembert de Normandie sont des fromages normands bénéficiant d'une appellation "
                        "d'origine protégée."
                    ),
                },
            ],
        },
        {
            "title": "Les métiers du soin en apprentissage",
            "mode": "self_paced",
            "stand": "CFA Santé et Accompagnement de Rouen Rive Gauche",
            "talk": None,
            "questions": [
                {
                    "prompt": "Quel diplôme faut-il pour exercer comme aide-soignant ?",
                    "choices": [
                        "Le diplôme d'État d'aide-soignant (DEAS)",
                        "Le baccalauréat général",
                        "Aucun diplôme n'est nécessaire",
                    ],
                    "answer_index": 0,
                    "explanation": (
                        "Le métier d'aide-soignant est réglementé : il faut être titulaire du diplôme d'État "
                        "d'aide-soignant."
                    ),
                },
                {
                    "prompt": "Quel âge minimum faut-il avoir pour entrer en formation d'aide-soignant ?",
                    "choices": ["15 ans", "17 ans", "21 ans"],
                    "answer_index": 1,
                    "explanation": (
                        "Il faut avoir au moins 17 ans à l'entrée en formation. Aucun diplôme n'est exigé : "
                        "la sélection se fait sur dossier et entretien."
                    ),
                },
                {
                    "prompt": "Combien de temps dure environ la formation d'aide-soignant à temps plein ?",
                    "choices": ["Trois mois", "Environ un an (44 semaines)", "Trois ans"],
                    "answer_index": 1,
                    "explanation": (
                        "La formation compte 1 540 heures, réparties à parts égales entre enseignements à "
                        "l'institut et stages, soit environ 44 semaines. Des allègements existent pour "
                        "certains diplômes, comme le bac pro ASSP."
                    ),
                },
                {
                    "prompt": ("Avec quel professionnel l'aide-soignant travaille-t-il en étroite collaboration ?"),
                    "choices": ["L'infirmier", "Le pharmacien d'officine", "Le kinésithérapeute libéral"],
                    "answer_index": 0,
                    "explanation": (
                        "L'aide-soignant exerce en collaboration avec l'infirmier, au sein d'une équipe "
                        "pluriprofessionnelle, et lui transmet ses observations sur l'état des patients."
                    ),
                },
                {
                    "prompt": "Où travaille une auxiliaire de puériculture ?",
                    "choices": [
                        "Uniquement dans les écoles élémentaires",
                        "En maternité, en service de pédiatrie ou en crèche",
                        "Dans les laboratoires d'analyses",
                    ],
                    "answer_index": 1,
                    "explanation": (
                        "L'auxiliaire de puériculture prend soin des nouveau-nés et des jeunes enfants en "
                        "maternité, en pédiatrie, en crèche ou en protection maternelle et infantile."
                    ),
                },
            ],
        },
    ],
}

QA_ROOMS: dict[str, list[dict]] = {
    "des-clics-des-metiers": [
        {
            "cluster": "Industrie et bâtiment",
            "title": "Questions aux CFA de l'industrie et du bâtiment",
            "description": "Tuyauterie, maintenance, électricité, plomberie et couverture : deux CFA vous disent "
            "comment on apprend ces métiers entre l'atelier et l'entreprise.",
            "trades": [
                ["H2914", "Tuyauteur / Tuyauteuse industriel"],
                ["I1310", "Agent / Agente de maintenance industrielle"],
                ["F1602", "Électricien / Électricienne du bâtiment"],
                ["F1603", "Plombier chauffagiste / Plombière chauffagiste"],
                ["F1610", "Couvreur / Couvreuse"],
            ],
            "cfas": ["CFA Métallerie et Maintenance de l'Estuaire", "CFA des Bâtisseurs du Pays de Caux"],
        },
        {
            "cluster": "Commerce, hôtellerie-restauration et transport",
            "title": "Questions aux CFA du commerce, de l'hôtellerie et du transport",
            "description": "Vente, coiffure, fleuristerie, cuisine, pâtisserie, livraison : posez vos questions "
            "sur les horaires, les stages et l'entrée en apprentissage.",
            "trades": [
                ["D1214", "Vendeur-conseil / Vendeuse-conseil en prêt-à-porter"],
                ["D1202", "Coiffeur / Coiffeuse"],
                ["D1209", "Fleuriste"],
                ["G1602", "Commis de cuisine"],
                ["D1104", "Pâtissier / Pâtissière"],
                ["N4105", "Conducteur livreur / Conductrice livreuse"],
            ],
            "cfas": [
                "CFA du Commerce et des Services de l'Orne-Bocage",
                "CFA Saveurs et Accueil du Pays d'Auge",
                "CFA Transport et Logistique de la Vallée de Seine",
            ],
        },
        {
            "cluster": "Agriculture et cheval",
            "title": "Questions au CFA agricole",
            "description": "L'élevage des chevaux et le machinisme agricole, expliqués par le CFA du Perche.",
            "trades": [
                ["A1407", "Éleveur / Éleveuse de chevaux"],
                ["I1603", "Mécanicien / Mécanicienne en machinisme agricole"],
            ],
            "cfas": ["CFA Terres et Chevaux du Perche"],
        },
    ],
    "quinzaine-apprentissage": [
        {
            "cluster": "batiment",
            "title": "Questions aux CFA du BTP",
            "description": "Maçonnerie, taille de pierre, menuiserie, travaux publics : les formateurs de deux CFA "
            "vous disent comment se passent les chantiers, l'atelier et les semaines au centre.",
            "trades": [
                ["F1703", "Maçon / Maçonne"],
                ["F1612", "Tailleur / Tailleuse de pierre"],
                ["F1607", "Menuisier poseur / Menuisière poseuse"],
                ["F1302", "Conducteur / Conductrice d'engins de travaux publics"],
                ["F1702", "Constructeur / Constructrice de routes"],
                ["F1705", "Canalisateur / Canalisatrice"],
            ],
            "cfas": ["CFA Pierre et Bois du Cotentin", "CFA des Chantiers de la Risle"],
        },
        {
            "cluster": "industrie",
            "title": "Questions aux CFA de l'industrie, de l'énergie et de la mer",
            "description": "Maintenance, automatismes, usinage, chauffage et froid, métiers de la mer : trois CFA "
            "répondent, du CAP au BTS.",
            "trades": [
                ["I1309", "Électrotechnicien / Électrotechnicienne de maintenance"],
                ["I1302", "Technicien / Technicienne en automatismes et robotique"],
                ["H2903", "Tourneur-fraiseur / Tourneuse-fraiseuse"],
                ["I1308", "Technicien / Technicienne de maintenance en chauffage"],
                ["I1306", "Technicien / Technicienne frigoriste"],
                ["N3102", "Matelot de la marine marchande"],
            ],
            "cfas": [
                "CFA Industrie Avenir Seine-Estuaire",
                "CFA Énergies et Climat Normandie-Ouest",
                "CFA des Métiers de la Mer de la Côte d'Albâtre",
            ],
        },
        {
            "cluster": "hotellerie-restauration",
            "title": "Questions aux CFA des métiers de bouche, de l'hôtellerie et du commerce",
            "description": "Boulangerie, boucherie, cuisine, service, accueil, coiffure et vente : horaires, "
            "tenue, premier salaire… demandez aux CFA.",
            "trades": [
                ["D1102", "Boulanger / Boulangère"],
                ["D1101", "Boucher / Bouchère"],
                ["G1602", "Cuisinier / Cuisinière"],
                ["G1803", "Serveur / Serveuse en restauration"],
                ["D1202", "Coiffeur / Coiffeuse"],
                ["D1214", "Vendeur-conseil / Vendeuse-conseil en magasin"],
            ],
            "cfas": [
                "CFA des Métiers de Bouche du Bessin",
                "CFA Hôtellerie et Tourisme de la Côte Fleurie",
                "CFA Coiffure, Esthétique et Vente d'Alençon",
            ],
        },
        {
            "cluster": "sante-social",
            "title": "Questions aux CFA de la santé et du numérique",
            "description": "Aide-soignant, auxiliaire de puériculture, préparateur en pharmacie, mais aussi "
            "développement et réseaux : stages, diplômes et poursuites d'études.",
            "trades": [
                ["J1501", "Aide-soignant / Aide-soignante"],
                ["J1304", "Auxiliaire de puériculture"],
                ["J1307", "Préparateur / Préparatrice en pharmacie"],
                ["M1805", "Développeur / Développeuse d'applications"],
                ["M1801", "Administrateur / Administratrice systèmes et réseaux"],
            ],
            "cfas": ["CFA Santé et Accompagnement de Rouen Rive Gauche", "CFA Code et Réseaux Normandie"],
        },
        {
            "cluster": "agriculture",
            "title": "Questions aux CFA de l'agriculture, du transport et de la logistique",
            "description": "Élevage, machines agricoles, paysage, entrepôt et conduite routière : des métiers "
            "dehors et sur la route, expliqués par leurs formateurs.",
            "trades": [
                ["A1403", "Agent / Agente d'élevage"],
                ["A1101", "Conducteur / Conductrice de machines agricoles"],
                ["A1203", "Jardinier paysagiste / Jardinière paysagiste"],
                ["N1103", "Magasinier / Magasinière"],
                ["N4101", "Conducteur / Conductrice routier de marchandises"],
            ],
            "cfas": ["CFA agricole du Lieuvin et du Pays d'Ouche", "CFA Route et Entrepôt de l'Orne"],
        },
    ],
}

OPEN_DAYS: dict[str, list[dict]] = {
    "des-clics-des-metiers": [
        {
            "cfa": "CFA des Bâtisseurs du Pays de Caux",
            "day": 10,
            "start": "09:00",
            "end": "13:00",
            "place": "CFA des Bâtisseurs du Pays de Caux, Yvetot (76)",
            "url": "",
        },
        {
            "cfa": "CFA Saveurs et Accueil du Pays d'Auge",
            "day": 17,
            "start": "10:00",
            "end": "16:00",
            "place": "CFA Saveurs et Accueil du Pays d'Auge, Lisieux (14)",
            "url": "",
        },
        {
            "cfa": "CFA Terres et Chevaux du Perche",
            "day": 24,
            "start": "09:30",
            "end": "12:30",
            "place": "CFA Terres et Chevaux du Perche, Bellême (61)",
            "url": "",
        },
    ],
    "quinzaine-apprentissage": [
        {
            "cfa": "CFA Pierre et Bois du Cotentin",
            "day": 8,
            "start": "09:00",
            "end": "13:00",
            "place": "CFA Pierre et Bois du Cotentin, Valognes (50)",
            "address": "12 rue des Tailleurs de pierre, 50700 Valognes",
            "url": "",
        },
        {
            "cfa": "CFA Code et Réseaux Normandie",
            "day": 9,
            "start": "17:30",
            "end": "19:00",
            "place": "",
            "url": "https://visio.example.org/cfa-code-reseaux/portes-ouvertes",
        },
        {
            "cfa": "CFA des Métiers de Bouche du Bessin",
            "day": 11,
            "start": "13:30",
            "end": "17:30",
            "place": "CFA des Métiers de Bouche du Bessin, Bayeux (14)",
            "url": "",
        },
        {
            "cfa": "CFA Santé et Accompagnement de Rouen Rive Gauche",
            "day": 13,
            "start": "10:00",
            "end": "16:00",
            "place": "CFA Santé et Accompagnement de Rouen Rive Gauche, Saint-Étienne-du-Rouvray (76)",
            "url": "",
        },
        {
            "cfa": "CFA agricole du Lieuvin et du Pays d'Ouche",
            "day": 10,
            "start": "09:00",
            "end": "12:30",
            "place": "CFA agricole du Lieuvin et du Pays d'Ouche, Bernay (27)",
            "url": "",
        },
        {
            "cfa": "CFA Énergies et Climat Normandie-Ouest",
            "day": 12,
            "start": "14:00",
            "end": "18:00",
            "place": "CFA Énergies et Climat Normandie-Ouest, Saint-Lô (50)",
            "url": "",
        },
        {
            "cfa": "CFA des Métiers de la Mer de la Côte d'Albâtre",
            "day": 18,
            "start": "09:30",
            "end": "12:30",
            "place": "CFA des Métiers de la Mer de la Côte d'Albâtre, Fécamp (76)",
            "url": "",
        },
        {
            "cfa": "CFA Route et Entrepôt de l'Orne",
            "day": 20,
            "start": "09:00",
            "end": "13:00",
            "place": "CFA Route et Entrepôt de l'Orne, Argentan (61)",
            "url": "",
        },
    ],
}

# ---------------------------------------------------------------------------------------------------
# Stand pages: videos, staffed hours ("permanences") and how to apply to offers.
#
# - VIDEOS: stand name -> videos. The addresses have the shape of real YouTube, Dailymotion and
#   PeerTube (apps.education.fr) pages, but the videos are invented: a click shows the provider's
#   "video unavailable" screen. Transcripts are example.org placeholders.
# - HOURS: staffed slots of stands without a demo professional, (day offset from today, start, end) in
#   Europe/Paris; stands take the patterns in turn, so that at any time of day some are staffed and some
#   are not. Stands with a demo professional also get a slot around the time `salon demo` runs.
# - HOW_TO_APPLY: offer kind -> how a pupil applies (always through their school first), used for the
#   offers above that do not say it themselves. Offer dates are computed from today by the loader.
# ---------------------------------------------------------------------------------------------------

VIDEOS: dict[str, list[dict]] = {
    "Chaudronnerie Varin-Lecoq": [
        {
            "title": "Une journée avec Inès, soudeuse en deuxième année d'apprentissage",
            "url": "https://www.youtube.com/watch?v=Qh7XvR2mK4s",
            "transcript_url": "https://example.org/chaudronnerie-varin-lecoq/transcription-journee-soudeuse",
        },
        {
            "title": "De la tôle à la cuve : la chaudronnerie en trois minutes",
            "url": "https://www.dailymotion.com/video/x8r2k4q",
            "transcript_url": "https://example.org/chaudronnerie-varin-lecoq/transcription-tole-cuve",
        },
    ],
    "Maçonnerie Gosselin Frères": [
        {
            "title": "Monter un mur en briques : les gestes du maçon",
            "url": "https://tube-numerique-educatif.apps.education.fr/w/9Ahs5RRMxS6VGBvX9LzJ1d",
            "transcript_url": "https://example.org/maconnerie-gosselin/transcription-mur-briques",
        },
    ],
    "Pixel Normand Studio": [
        {
            "title": "Dans les coulisses d'un studio de jeux vidéo à Caen",
            "url": "https://youtu.be/Lm3pT8wZc1Q",
            "transcript_url": "https://example.org/pixel-normand/transcription-coulisses",
        },
    ],
    "CFA Saveurs et Accueil du Pays d'Auge": [
        {
            "title": "Apprenti cuisinier : le service du midi en accéléré",
            "url": "https://www.dailymotion.com/video/x8s5m1b",
            "transcript_url": "https://example.org/cfa-saveurs-accueil/transcription-service-midi",
        },
    ],
    "CFA Pierre et Bois du Cotentin": [
        {
            "title": "Tailleur de pierre : restaurer le patrimoine du Cotentin",
            "url": "https://tube-numerique-educatif.apps.education.fr/w/t3GqW7nYp2aZkVb4cR8sDx",
            "transcript_url": "https://example.org/cfa-pierre-bois/transcription-tailleur-pierre",
        },
    ],
}

HOURS: list[list[tuple[int, str, str]]] = [
    [(0, "09:00", "12:00"), (0, "13:30", "16:30"), (1, "10:00", "12:00")],
    [(1, "09:30", "12:00"), (1, "14:00", "17:00")],
    [(0, "16:30", "19:00"), (2, "10:00", "12:30")],
    [(0, "11:00", "14:00"), (1, "16:00", "18:00")],
]

HOW_TO_APPLY: dict[str, str] = {
    "stage-3e": (
        "Parlez-en d'abord à votre professeur principal : c'est votre collège qui signe la convention de "
        "stage avec nous. Écrivez-nous ensuite dans la discussion du stand en indiquant votre collège et la "
        "semaine de stage prévue ; nous vous répondons sous une semaine."
    ),
    "stage-seconde": (
        "Votre lycée vous remet la convention du stage de seconde. Présentez-vous dans la discussion du "
        "stand avec le nom de votre lycée et les dates du stage ; la convention est ensuite signée par votre "
        "lycée, votre famille et nous."
    ),
    "apprentissage": (
        "Préparez votre projet avec votre professeur principal ou le psychologue de l'Éducation nationale "
        "de votre établissement, et inscrivez-vous au CFA (sur Parcoursup pour un BTS). Envoyez-nous "
        "ensuite un CV et quelques lignes de motivation : un entretien suit, puis le contrat "
        "d'apprentissage est signé avant la rentrée."
    ),
    "alternance": (
        "Votre établissement ou votre CFA vous aide à préparer le dossier. Envoyez-nous un CV et une "
        "lettre de motivation en précisant la formation visée ; un entretien suit, puis le contrat est "
        "signé avec l'école ou le CFA avant le début de la formation."
    ),
}


# Questions already asked in the Quinzaine's rooms, so that the rooms and the CFA console are alive: (room's
# cluster, pseudonym of the demo pupil who asked, text, hours ago, status, answers as (CFA, staff e-mail, text,
# hours ago)). Answers are signed with the CFA; "pending" waits for the CFA staff in the console.
QA_QUESTIONS: list[dict] = [
    {
        "cluster": "batiment",
        "author": "Castor Agile",
        "text": "Est-ce qu'on peut commencer un CAP maçon en apprentissage à 15 ans ?",
        "hours_ago": 50,
        "status": "approved",
        "answers": [
            (
                "CFA Pierre et Bois du Cotentin",
                "pro@demo.salon",
                "Oui, dès 15 ans si vous sortez de 3e. Il faut trouver une entreprise : nous aidons à en chercher.",
                46,
            )
        ],
    },
    {
        "cluster": "batiment",
        "author": "Hérisson Rieur",
        "text": "Combien gagne un apprenti charpentier la première année ?",
        "hours_ago": 30,
        "status": "approved",
        "answers": [],
    },
    {
        "cluster": "batiment",
        "author": "Castor Agile",
        "text": "Faut-il avoir le permis pour aller sur les chantiers ?",
        "hours_ago": 2,
        "status": "pending",
        "answers": [],
    },
    {
        "cluster": "hotellerie-restauration",
        "author": "Loutre Gourmande",
        "text": "Les horaires en boulangerie, c'est vraiment très tôt le matin ?",
        "hours_ago": 26,
        "status": "approved",
        "answers": [
            (
                "CFA des Métiers de Bouche du Bessin",
                "pro@demo.salon",
                "Souvent vers 4 ou 5 heures, mais les apprentis de moins de 18 ans ne commencent pas avant 6 heures.",
                20,
            )
        ],
    },
]

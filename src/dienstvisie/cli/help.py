"""Help and status texts of the command line, in Dutch and English."""

from __future__ import annotations

from ..model.text import Language

HELP: dict[str, dict[Language, str]] = {
    "description": {
        "nl": "Toets dienstconcepten aan de Visie op gezamenlijke dienstverlening.\n"
              "Helpt dit de burger en ondernemer écht? Werkt dit uit zoals we het met elkaar bedoelen?",
        "en": "Check service concepts against the vision on joint public service delivery.\n"
              "Does this really help the citizen and entrepreneur? Does it work out as we meant it together?",
    },
    "lang": {"nl": "taal van de uitvoer (standaard: nl)", "en": "language of the output (default: nl)"},
    "debug": {"nl": "toon de volledige traceback bij een interne fout", "en": "show the full traceback on an internal error"},
    "interrupted": {"nl": "Afgebroken.", "en": "Interrupted."},
    "internal_error": {
        "nl": "interne fout in dienstvisie: {error}\nDraai opnieuw met --debug en meld dit als issue.",
        "en": "internal error in dienstvisie: {error}\nRun again with --debug and report it as an issue.",
    },
    "validate": {"nl": "controleer documenten tegen hun schema", "en": "validate documents against their schema"},
    "validate.paths": {"nl": "bestanden of mappen; - leest een document van standaardinvoer",
                       "en": "files or folders; - reads a document from standard input"},
    "validate.ok": {"nl": "{file}: geldig", "en": "{file}: valid"},
    "validate.summary": {
        "nl": "{valid} van {total} document(en) geldig",
        "en": "{valid} of {total} document(s) valid",
    },
    "validate.none": {"nl": "{path}: geen dienstvisie-documenten (.yaml, .yml, .json) gevonden",
                      "en": "{path}: no dienstvisie documents (.yaml, .yml, .json) found"},
    "check.none_matching": {"nl": "{path}: geen bestanden gevonden die passen bij --glob {patterns}",
                            "en": "{path}: no files found that match --glob {patterns}"},
    "vision": {"nl": "toon de visie: uitgangspunten, ontwerpprincipes, toetsvragen", "en": "show the vision: starting points, design principles, guiding questions"},
    "vision.format": {"nl": "uitvoerformaat", "en": "output format"},
    "vision.file": {"nl": "een ander visiebestand (YAML/JSON) dan de meegeleverde visie", "en": "another vision file (YAML/JSON) than the shipped one"},
    "vision.list": {"nl": "toon de geïnstalleerde visies: id, titel, versie, status, herkomst",
                    "en": "list the installed visions: id, title, version, status, origin"},
    "schema": {"nl": "toon een JSON Schema", "en": "print a JSON Schema"},
    "completion": {"nl": "toon een script voor aanvullen met Tab in de shell (bash, zsh, tcsh)",
                   "en": "print a shell completion script (bash, zsh, tcsh)"},
    "completion.shell": {"nl": "de shell", "en": "the shell"},
    "completion.description": {
        "nl": "Toon een script waarmee de shell subcommando's, opties en bestandsnamen aanvult met Tab.\n\n"
              "  bash: dienstvisie completion bash > ~/.local/share/bash-completion/completions/dienstvisie\n"
              "  zsh:  dienstvisie completion zsh > \"${fpath[1]}/_dienstvisie\"   (daarna: compinit)\n"
              "  tcsh: dienstvisie completion tcsh > ~/.dienstvisie.tcsh; source ~/.dienstvisie.tcsh",
        "en": "Print a script with which the shell completes subcommands, options and file names on Tab.\n\n"
              "  bash: dienstvisie completion bash > ~/.local/share/bash-completion/completions/dienstvisie\n"
              "  zsh:  dienstvisie completion zsh > \"${fpath[1]}/_dienstvisie\"   (then: compinit)\n"
              "  tcsh: dienstvisie completion tcsh > ~/.dienstvisie.tcsh; source ~/.dienstvisie.tcsh",
    },
    "schema.name": {"nl": "naam van het schema", "en": "name of the schema"},
    "new": {"nl": "maak een begin voor een nieuw dienstconcept, bij een levensgebeurtenis of een situatie",
            "en": "a starter service concept, for a life event or a situation"},
    "migrate": {"nl": "zet dienstconcepten om naar formaat 2 (commentaar blijft staan)",
                "en": "convert service concepts to format 2 (comments are kept)"},
    "migrate.description": {
        "nl": "Zet dienstconcepten om naar formaat 2. Een document in formaat 1 betekent in formaat 2 precies "
              "hetzelfde: alleen 'dienstvisie' wordt \"2\" en elke 'handover' wordt een lijst 'handovers' met "
              "één overdracht. Commentaar en opmaak blijven staan; lukt dat bij een ongewone opmaak niet, dan wordt "
              "het document opnieuw geschreven zonder commentaar, en dat wordt gemeld. Een map wordt doorzocht "
              "(visies, regelsets en vocabulaires erin worden overgeslagen). Zonder -o of --in-place komt het "
              "resultaat van één document op het scherm. Er wordt niets geschreven als één van de documenten ongeldig is. "
              "Exit 0 gelukt, 1 een ongeldig document, 2 niet te lezen of te schrijven.",
        "en": "Convert service concepts to format 2. A format-1 document means exactly the same in format 2: only "
              "'dienstvisie' becomes \"2\" and each 'handover' becomes a list 'handovers' with one hand-over. "
              "Comments and layout are kept; where an unusual layout does not allow that, the document is written "
              "anew without comments, and you are told. A folder is searched (visions, rule sets and vocabularies "
              "in it are skipped). Without -o or --in-place the result of one document is printed. Nothing is "
              "written when any of the documents is invalid. Exit 0 done, 1 an invalid document, 2 unreadable or "
              "unwritable.",
    },
    "migrate.files": {"nl": "dienstconcepten (YAML of JSON), of mappen met dienstconcepten",
                      "en": "service concepts (YAML or JSON), or folders with service concepts"},
    "migrate.several": {"nl": "meer dan één dienstconcept: kies -o MAP of --in-place",
                        "en": "more than one service concept: use -o FOLDER or --in-place"},
    "migrate.skipped": {"nl": "{file}: overgeslagen, geen dienstconcept", "en": "{file}: skipped, no service concept"},
    "migrate.output": {"nl": "schrijf naar dit bestand (bij meer bestanden: naar deze bestaande map)",
                       "en": "write to this file (with several files: into this existing folder)"},
    "migrate.in_place": {"nl": "overschrijf elk bestand met zijn versie in formaat 2",
                         "en": "overwrite each file with its format-2 version"},
    "migrate.done": {"nl": "{file}: omgezet naar formaat 2{where}", "en": "{file}: converted to format 2{where}"},
    "migrate.anew": {"nl": "{file}: let op: opnieuw geschreven, het commentaar is niet overgenomen",
                     "en": "{file}: note: written anew, its comments are not kept"},
    "migrate.current": {"nl": "{file}: staat al in formaat 2, ongewijzigd", "en": "{file}: already format 2, unchanged"},
    "migrate.nothing_written": {"nl": "niets geschreven: los eerst de fouten hierboven op",
                                "en": "nothing written: fix the errors above first"},
    "migrate.not_a_folder": {"nl": "{path}: met meer bestanden moet -o een bestaande map zijn",
                             "en": "{path}: with several files, -o must be an existing folder"},
    "migrate.same_name": {"nl": "{name}: twee bestanden met dezelfde naam zouden in {path} op elkaar komen",
                          "en": "{name}: two files of the same name would overwrite each other in {path}"},
    "migrate.both": {"nl": "kies -o of --in-place, niet allebei", "en": "use -o or --in-place, not both"},
    "migrate.not_a_service": {"nl": "{file}: is geen dienstconcept (een visie, regelset of vocabulaire wordt niet omgezet)",
                              "en": "{file}: is no service concept (visions, rule sets and vocabularies are not converted)"},
    "new.life_event": {"nl": "de levensgebeurtenis, bijvoorbeeld overlijden", "en": "the life event, for example overlijden"},
    "new.situation": {"nl": "of een situatie in plaats van een levensgebeurtenis, bijvoorbeeld schulden",
                      "en": "or a situation instead of a life event, for example schulden (debts)"},
    "new.unknown": {"nl": "let op: '{id}' staat niet in de vocabulaire (dienstvisie vocabulary {kind}); eigen begrippen mogen",
                    "en": "note: '{id}' is not in the vocabulary (dienstvisie vocabulary {kind}); own terms are allowed"},
    "new.written": {"nl": "{file} geschreven; vul aan waar TODO staat en controleer met: dienstvisie check {file}",
                    "en": "{file} written; complete it where it says TODO and run: dienstvisie check {file}"},
    "new.id": {"nl": "id van de dienst (standaard afgeleid van de levensgebeurtenis of situatie)", "en": "id of the service (default derived from the life event or situation)"},
    "vocabulary": {"nl": "toon de bekende gegevens (met de registers die ze hebben), levensgebeurtenissen en situaties",
                   "en": "list the known data items (with the registers that hold them), life events and situations"},
    "vocabulary.kind": {"nl": "alleen deze lijst: data-items, life-events of situations (standaard: alle drie)",
                        "en": "only this list: data-items, life-events or situations (default: all three)"},
    "vocabulary.format": {"nl": "uitvoerformaat: text, json of markdown", "en": "output format: text, json or markdown"},
    "check": {"nl": "toets dienstconcepten aan de visie", "en": "check service concepts against the vision"},
    "check.format": {"nl": "rapportformaat: text, json, markdown, html, csv, sarif, junit, gitlab (GitLab Code Quality) "
                           "of een formaat van een plugin (standaard: text)",
                     "en": "report format: text, json, markdown, html, csv, sarif, junit, gitlab (GitLab Code Quality) "
                           "or a format added by a plugin (default: text)"},
    "check.exit_zero": {"nl": "eindig met 0, ook als een dienst niet voldoet (onbruikbare invoer geeft nog steeds 2)",
                        "en": "exit 0 even when a service falls short (unusable input still gives 2)"},
    "check.output_format": {
        "nl": "vorm van het tekstrapport: full (standaard: elke bevinding met plaats, advies en open toetsvragen) of "
              "concise (één regel per bevinding, past per dienst op een scherm); configuratiesleutel output-format",
        "en": "form of the text report: full (default: every finding with its place, advice and open guiding "
              "questions) or concise (one line per finding, a service fits a screen); configuration key output-format"},
    "check.statistics": {"nl": "toon in plaats van de bevindingen hoe vaak elke check iets vond (tekst of json)",
                         "en": "instead of the findings, show how often each check found something (text or json)"},
    "check.statistics_format": {"nl": "--statistics kent alleen de formaten text en json, niet {format}",
                                "en": "--statistics knows only the formats text and json, not {format}"},
    "check.quiet": {"nl": "toon alleen wat niet voldoet: geen visieregel, geen diensten die voldoen, geen totalen, "
                          "geen voortgangsbalk",
                    "en": "show only what fails: no vision line, no passing services, no totals, no progress bar"},
    "theme.css": {"nl": "huisstijl voor de HTML-rapporten: een CSS-bestand dat de kleuren, het lettertype enz. zet "
                        "(bv. uit NL Design System-tokens); mag vaker; wordt ingebed",
                  "en": "house style for the HTML reports: a CSS file that sets colours, font etc. (e.g. from NL "
                        "Design System tokens); may be repeated; embedded"},
    "theme.logo": {"nl": "logo in de kop van de HTML-rapporten (png, jpg, gif, webp of svg; ingebed)",
                   "en": "logo in the header of the HTML reports (png, jpg, gif, webp or svg; embedded)"},
    "theme.logo_alt": {"nl": "tekst bij het logo voor wie het niet ziet (bv. de naam van de organisatie)",
                       "en": "text for the logo for those who cannot see it (e.g. the organisation's name)"},
    "theme.class": {"nl": "class op de pagina, voor thema's waarvan de tokens daaraan hangen (bv. utrecht-theme)",
                    "en": "class on the page, for themes whose tokens are scoped to one (e.g. utrecht-theme)"},
    "theme.logo_default_alt": {"nl": "Logo", "en": "Logo"},
    "theme.unreadable": {"nl": "{file}: huisstijl niet te lezen: {error}", "en": "{file}: house style cannot be read: {error}"},
    "theme.unusable": {"nl": "huisstijl niet bruikbaar: {error}", "en": "house style not usable: {error}"},
    "theme.external": {
        "nl": "let op: de huisstijl verwijst naar {reference}; het rapport laadt niets van buiten (het blijft één "
              "bestand), dus dat wordt niet gebruikt; neem het op als data:-URL of laat het weg",
        "en": "note: the house style refers to {reference}; the report loads nothing from elsewhere (it stays one "
              "file), so that is not used; embed it as a data: URL or leave it out"},
    "check.fail_on": {"nl": "laagste ernst die de run laat falen (standaard: minor)",
                      "en": "lowest severity that fails the run (default: minor)"},
    "check.select": {"nl": "alleen deze checks (id's of voorvoegsels, komma-gescheiden, bv. DV3,DV401)",
                     "en": "only these checks (ids or prefixes, comma-separated, e.g. DV3,DV401)"},
    "check.ignore": {"nl": "sla deze checks over (id's of voorvoegsels)", "en": "skip these checks (ids or prefixes)"},
    "check.vision": {"nl": "id van de visie (zie: dienstvisie vision --list)", "en": "id of the vision (see: dienstvisie vision --list)"},
    "check.config": {"nl": "configuratiebestand (standaard: dienstvisie.toml of pyproject.toml hierboven)",
                     "en": "configuration file (default: nearest dienstvisie.toml or pyproject.toml)"},
    "check.isolated": {"nl": "negeer configuratiebestanden", "en": "ignore configuration files"},
    "check.unknown_vision": {"nl": "onbekende visie '{vision}'; geïnstalleerd: {known}",
                             "en": "unknown vision '{vision}'; installed: {known}"},
    "check.unknown_format": {"nl": "onbekend formaat '{format}'; beschikbaar: {known}",
                             "en": "unknown format '{format}'; available: {known}"},
    "check.binary_needs_output": {"nl": "het formaat '{format}' is binair: geef een bestand op met --output",
                                  "en": "the format '{format}' is binary: name a file with --output"},
    "plugin": {"nl": "laad deze pluginmodule (herhaalbaar)", "en": "load this plugin module (repeatable)"},
    "no_plugins": {"nl": "laad geen geïnstalleerde plugins", "en": "load no installed plugins"},
    "disable": {"nl": "laat deze plugin weg (herhaalbaar)", "en": "leave this plugin out (repeatable)"},
    "plugin.failure": {"nl": "pluginfout in {plugin} ({hook}): {message}", "en": "plugin error in {plugin} ({hook}): {message}"},
    "rules": {"nl": "toon alle checks, of leg er één uit", "en": "list every check, or explain one"},
    "rules.id": {"nl": "id van een check, bijvoorbeeld DV301", "en": "id of a check, for example DV301"},
    "rules.unknown": {"nl": "onbekende check '{id}'.", "en": "unknown check '{id}'."},
    "rules.did_you_mean": {"nl": "Bedoelde je {id}?", "en": "Did you mean {id}?"},
    "rules.document": {"nl": "Over het document zelf", "en": "About the document itself"},
    "output": {"nl": "schrijf naar dit bestand in plaats van naar het scherm", "en": "write to this file instead of the screen"},
    # plugins and declarative rules (issue 4)
    "check.rules": {"nl": "voeg de regels uit deze regelset (YAML) toe (herhaalbaar)",
                    "en": "add the rules of this rule set (YAML) (repeatable)"},
    "check.rules_other_vision": {
        "nl": "{file}: regelset '{ruleset}' hoort bij de visie '{vision}' en telt niet mee bij '{active}'",
        "en": "{file}: rule set '{ruleset}' is for the vision '{vision}' and adds nothing under '{active}'",
    },
    "check.exporter_failed": {"nl": "het formaat '{format}' kon het rapport niet maken: {error}",
                              "en": "the format '{format}' could not render the report: {error}"},
    "plugins": {"nl": "toon de plugins: herkomst, versie, hooks, wat ze toevoegen en hun fouten",
                "en": "list the plugins: origin, version, hooks, what they add and their failures"},
    "plugins.format": {"nl": "uitvoerformaat: text of json", "en": "output format: text or json"},
    "plugins.none": {"nl": "geen", "en": "none"},
    "plugins.failures": {"nl": "Pluginfouten", "en": "Plugin failures"},
    "new-plugin": {"nl": "maak een nieuw pluginpakket (pyproject, module met een check, README, test)",
                   "en": "scaffold a new plugin package (pyproject, module with a check, README, test)"},
    "new-plugin.name": {"nl": "naam van de plugin, bijvoorbeeld mijngemeente", "en": "name of the plugin, for example mijngemeente"},
    "new-plugin.dir": {"nl": "map waarin de pakketmap komt (standaard: hier)",
                       "en": "folder to create the package folder in (default: here)"},
    "new-plugin.prefix": {"nl": "voorvoegsel van de check-id's (standaard afgeleid van de naam)",
                          "en": "prefix of the check ids (default derived from the name)"},
    "new-plugin.bad_name": {"nl": "'{name}' is geen bruikbare naam: gebruik kleine letters, cijfers en streepjes",
                            "en": "'{name}' is not a usable name: use lower-case letters, digits and hyphens"},
    "new-plugin.bad_prefix": {"nl": "'{prefix}' is geen bruikbaar voorvoegsel: hoofdletters, niet DV of Q",
                              "en": "'{prefix}' is not a usable prefix: capital letters, not DV or Q"},
    "new-plugin.exists": {"nl": "{path} bestaat al; kies een andere naam of map",
                          "en": "{path} already exists; choose another name or folder"},
    "new-plugin.done": {
        "nl": "Plugin gemaakt in {path}\n\nVolgende stappen:\n  pip install -e {path}\n  dienstvisie plugins\n  pytest {path}",
        "en": "Plugin created in {path}\n\nNext steps:\n  pip install -e {path}\n  dienstvisie plugins\n  pytest {path}",
    },
    # importing other formats (issue 8)
    "import": {"nl": "maak een dienstconcept (YAML) van een beschrijving in een ander formaat, zoals CPSV-AP",
               "en": "make a service-concept draft (YAML) from a description in another format, such as CPSV-AP"},
    "import.description": {
        "nl": "Maak een concept-dienstconcept (YAML) van een beschrijving in een ander formaat. De formaten komen uit "
              "plugins (bijvoorbeeld cpsv-ap uit dienstvisie-cpsv-ap). Wat het formaat niet kan uitdrukken, staat als "
              "TODO in het concept en wordt op stderr gemeld.",
        "en": "Make a service-concept draft (YAML) from a description in another format. The formats come from plugins "
              "(for example cpsv-ap from dienstvisie-cpsv-ap). What the format cannot express is marked TODO in the draft "
              "and reported on stderr.",
    },
    "import.format": {"nl": "het invoerformaat, bijvoorbeeld cpsv-ap", "en": "the input format, for example cpsv-ap"},
    "import.file": {"nl": "het bestand om in te lezen", "en": "the file to read"},
    "import.unknown_format": {"nl": "onbekend invoerformaat '{format}'; beschikbaar: {known}",
                              "en": "unknown input format '{format}'; available: {known}"},
    "import.no_formats": {
        "nl": "onbekend invoerformaat '{format}': er is geen plugin met invoerformaten geïnstalleerd",
        "en": "unknown input format '{format}': no plugin with input formats is installed",
    },
    "import.failed": {"nl": "het invoerformaat '{format}' kon het bestand niet verwerken: {error}",
                      "en": "the input format '{format}' could not process the file: {error}"},
    "import.invalid_draft": {"nl": "let op: het concept van '{format}' is geen geldig dienstconcept:",
                             "en": "note: the draft made by '{format}' is not a valid service concept:"},
    "import.gaps": {"nl": "Niet ingevuld ({count}), vul dit zelf aan (zie de TODO's in het concept):",
                    "en": "Not filled in ({count}), complete this yourself (see the TODOs in the draft):"},
    # a whole portfolio: folders, parallel runs, portfolio view, baseline and diff (issue 6)
    "discovery.exclude": {
        "nl": "laat onder mappen paden weg die hierop passen (.gitignore-stijl; herhaalbaar); vervangt de standaardlijst "
              "(build/, dist/, node_modules/, venv/ …) en 'exclude' uit de configuratie",
        "en": "below folders leave out paths matching this (.gitignore style; repeatable); replaces the default list "
              "(build/, dist/, node_modules/, venv/ …) and the configuration's 'exclude'",
    },
    "discovery.extend_exclude": {
        "nl": "laat daarnaast ook deze paden weg (.gitignore-stijl; herhaalbaar)",
        "en": "leave out these paths as well (.gitignore style; repeatable)",
    },
    "discovery.no_gitignore": {
        "nl": "neem ook bestanden die .gitignore weglaat", "en": "also take files that .gitignore leaves out",
    },
    "discovery.show_skipped": {
        "nl": "noem elk overgeslagen bestand", "en": "name every skipped file",
    },
    "discovery.skipped": {
        "nl": "{count} bestand(en) onder de mappen overgeslagen, geen dienstconcept ({kinds})",
        "en": "{count} file(s) below the folders skipped, not service concepts ({kinds})",
    },
    "discovery.skipped.validate": {
        "nl": "{count} bestand(en) onder de mappen overgeslagen, geen document om te valideren ({kinds})",
        "en": "{count} file(s) below the folders skipped, no document to validate ({kinds})",
    },
    "discovery.skipped_hint": {
        "nl": "  (alleen bestanden met 'dienstvisie:' bovenaan zijn dienstconcepten; --show-skipped noemt ze, "
              "een bestand zelf noemen leest het toch)",
        "en": "  (only files with a top-level 'dienstvisie:' are service concepts; --show-skipped names them, "
              "naming a file reads it all the same)",
    },
    "discovery.skipped_hint.validate": {
        "nl": "  (--show-skipped noemt ze; een bestand zelf noemen leest het toch)",
        "en": "  (--show-skipped names them; naming a file reads it all the same)",
    },
    "discovery.none": {
        "nl": "{paths}: geen dienstconcepten gevonden (bestanden met 'dienstvisie:' bovenaan)",
        "en": "{paths}: no service concepts found (files with a top-level 'dienstvisie:')",
    },
    "discovery.kind.none": {"nl": "geen dienstvisie-formaat", "en": "no dienstvisie format"},
    "discovery.kind.service": {"nl": "dienstconcept", "en": "service concept"},
    "discovery.kind.ruleset": {"nl": "regelset", "en": "rule set"},
    "discovery.kind.vision": {"nl": "visie", "en": "vision"},
    "discovery.kind.vocabulary": {"nl": "vocabulaire", "en": "vocabulary"},
    "discovery.kind.baseline": {"nl": "baseline", "en": "baseline"},
    "discovery.kind.report": {"nl": "rapport", "en": "report"},
    "discovery.kind.portfolio": {"nl": "portfoliorapport", "en": "portfolio report"},
    "discovery.kind.diff": {"nl": "vergelijking (diff)", "en": "diff"},
    "check.glob": {
        "nl": "neem onder mappen alleen bestanden die hierop passen, bv. '*.yaml' of 'gemeente-*/*.yml' (herhaalbaar; "
              "zonder / telt de bestandsnaam, met / het pad onder de map)",
        "en": "below folders take only files matching this, e.g. '*.yaml' or 'gemeente-*/*.yml' (repeatable; without / "
              "the file name counts, with / the path below the folder)",
    },
    "check.jobs": {"nl": "controleer in N processen tegelijk (standaard: auto, het aantal processorkernen; 1: na elkaar)",
                   "en": "check in N processes at once (default: auto, the number of cores; 1: one after another)"},
    "check.no_progress": {"nl": "toon geen voortgangsbalk (die komt alleen bij lange runs op een terminal)",
                          "en": "show no progress bar (it only appears for long runs on a terminal)"},
    "check.require_assessment": {
        "nl": "laat open toetsvragen (geen antwoord, 'onbekend' of zonder onderbouwing) falen in plaats van ter "
              "beoordeling",
        "en": "make open guiding questions (no answer, 'onbekend' or without evidence) fail instead of needing review",
    },
    "check.check_timeout": {"nl": "seconden die één check per dienst mag duren (standaard 10; 0: geen grens)",
                            "en": "seconds one check may take per service (default 10; 0: no limit)"},
    "check.baseline": {
        "nl": "meld en faal alleen op bevindingen die niet in deze baseline staan (zie: dienstvisie baseline)",
        "en": "report and fail only on findings not in this baseline (see: dienstvisie baseline)",
    },
    # check ids and their status (issue 11)
    "check.preview": {"nl": "draai ook de checks in preview (nieuw; hun bevindingen kunnen nog veranderen)",
                      "en": "also run the checks in preview (new; their findings may still change)"},
    "check_ids.warning": {"nl": "waarschuwing: {message}", "en": "warning: {message}"},
    "check_ids.error": {"nl": "fout: {message}; zo'n check kan niet draaien", "en": "error: {message}; no such check can run"},
    "check_ids.baseline_removed": {
        "nl": "{file}: de bevindingen van verwijderde checks kunnen niet meer overeenkomen en tellen als opgelost; "
              "leg de baseline opnieuw vast (dienstvisie baseline)",
        "en": "{file}: the findings of removed checks can no longer match and count as fixed; "
              "record the baseline again (dienstvisie baseline)",
    },
    "rules.status": {"nl": "Status", "en": "Status"},
    "rules.removed": {"nl": "Verwijderde checks", "en": "Removed checks"},
    "progress": {"nl": "{done}/{total} documenten ({percent}%), {rate}/s, nog {left}",
                 "en": "{done}/{total} documents ({percent}%), {rate}/s, {left} left"},
    "portfolio": {"nl": "overzicht van een portfolio: scores per principe, knelpunten per levensgebeurtenis en organisatie",
                  "en": "overview of a portfolio: scores per principle, problem spots per life event and organisation"},
    "portfolio.description": {
        "nl": "Toets alle diensten in de mappen en bestanden en vat samen: per ontwerpprincipe de verdeling van de "
              "scores, de checks die het vaakst niet voldoen, en per levensgebeurtenis, organisatie en gegeven waar de "
              "knelpunten zitten. Exit 0 als elke dienst voldoet, 1 als er een niet voldoet, 2 bij onbruikbare invoer.",
        "en": "Check every service in the folders and files and summarise: per design principle the spread of the "
              "scores, the checks that fail most, and per life event, organisation and data item where the problem "
              "spots are. Exit 0 when every service passes, 1 when one fails, 2 for unusable input.",
    },
    "portfolio.format": {"nl": "uitvoerformaat: text, json, markdown of html (standaard: text)",
                         "en": "output format: text, json, markdown or html (default: text)"},
    "portfolio.sort": {"nl": "volgorde van de heatmap: worst (standaard: slechtste dienst eerst), name, of een principe "
                             "(bv. P3: de laagste score op P3 eerst); JSON houdt altijd slechtste eerst",
                       "en": "order of the heat map: worst (default: the worst service first), name, or a principle "
                             "(e.g. P3: the lowest score on P3 first); JSON always keeps worst first"},
    "portfolio.bad_sort": {"nl": "--sort {sort}: onbekende volgorde; kies uit {known}",
                           "en": "--sort {sort}: unknown order; choose from {known}"},
    "portfolio.top": {"nl": "toon de eerste N rijen per tabel in tekst, Markdown en HTML (standaard: 10; JSON heeft alles)",
                      "en": "show the first N rows per table in text, Markdown and HTML (default: 10; JSON has all)"},
    "baseline": {"nl": "leg de bevindingen van vandaag vast, zodat check --baseline alleen nieuwe meldt",
                 "en": "record today's findings, so that check --baseline reports only new ones"},
    "baseline.output": {"nl": "het baselinebestand (JSON) om te schrijven", "en": "the baseline file (JSON) to write"},
    "baseline.written": {"nl": "{file}: {count} bevinding(en) van {services} dienst(en) vastgelegd",
                         "en": "{file}: recorded {count} finding(s) of {services} service(s)"},
    "diff": {"nl": "vergelijk twee versies van een dienstconcept per ontwerpprincipe",
             "en": "compare two versions of a service concept per design principle"},
    "diff.description": {
        "nl": "Vergelijk twee versies van één dienstconcept: per ontwerpprincipe de verandering in score en welke "
              "bevindingen zijn opgelost of nieuw zijn. Exit 1 als een principe achteruitgaat (lagere score of een "
              "nieuwe bevinding die niet voldoet), 0 anders, 2 bij onbruikbare invoer.",
        "en": "Compare two versions of one service concept: per design principle the change in score and which "
              "findings were fixed or are new. Exit 1 when a principle regresses (a lower score or a new failed "
              "finding), 0 otherwise, 2 for unusable input.",
    },
    "diff.old": {"nl": "de oude versie (YAML of JSON)", "en": "the old version (YAML or JSON)"},
    "diff.new": {"nl": "de nieuwe versie (YAML of JSON)", "en": "the new version (YAML or JSON)"},
    "diff.format": {"nl": "uitvoerformaat: text, json, markdown of html (standaard: text)",
                    "en": "output format: text, json, markdown or html (default: text)"},
}


def help_text(key: str, lang: Language) -> str:
    """A help or status text in `lang`."""
    return HELP[key][lang]

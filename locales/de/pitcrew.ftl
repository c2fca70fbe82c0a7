# pitcrews eigene Texte auf Deutsch.
# Maschinelle Übersetzung, nicht von Muttersprachlern: bitte von einer deutschen
# Muttersprachlerin oder einem Muttersprachler prüfen lassen.

## Buttons on every step of a guide
nav-back = Zurück
nav-restart = Neu beginnen
nav-volunteer = Mit einer Helferin oder einem Helfer sprechen

## Under a step that handed the member to a volunteer
escalated-footer = Die Helferinnen und Helfer sind Clubmitglieder und helfen in ihrer Freizeit.

## Slash commands (Discord shows these in the command picker)
cmd-triage = Schritt für Schritt Hilfe, wenn Sie mit dem Auto festsitzen (nur für Sie sichtbar)
cmd-triage-guide = Was ist passiert? Tippen Sie los oder lassen Sie es leer. `cancel` schließt Ihre Anleitung.
cmd-pitcrew = Übergabe an Helfer einrichten (Moderation)
cmd-pitcrew-setup = Helferrolle, Kanäle und Erinnerungsabstand festlegen
cmd-pitcrew-setup-role = Mitglieder mit dieser Rolle bekommen die Übergabekarten
cmd-pitcrew-setup-cards = Hier erscheinen die Übergabekarten für die Helfer
cmd-pitcrew-setup-help = Hier werden private Threads mit Mitgliedern eröffnet
cmd-pitcrew-setup-renotify = So oft erinnern, solange niemand übernommen hat (Standard 10)
cmd-pitcrew-status = Aktuelle Einrichtung anzeigen und was noch fehlt
cmd-volunteer = Für die Helferinnen und Helfer des Clubs
cmd-volunteer-queue = Offene Übergaben: dringende zuerst, dann die ältesten
cmd-volunteer-duty = Dienst beginnen (auf dringenden Karten genannt) oder beenden
cmd-volunteer-duty-state = an oder aus

# pitcrews eigene Texte auf Deutsch.
# Maschinelle Übersetzung, nicht von Muttersprachlern: bitte von einer deutschen
# Muttersprachlerin oder einem Muttersprachler prüfen lassen.

## Buttons on every step of a guide
nav-back = Zurück
nav-restart = Neu beginnen
nav-volunteer = Mit einer Helferin oder einem Helfer sprechen

## Under a step that handed the member to a volunteer
escalated-footer = Die Helferinnen und Helfer sind Clubmitglieder und helfen in ihrer Freizeit.

## Notes above a step (why the screen is what it is)
notice-guide-updated = Diese Anleitung wurde seit Ihrem letzten Schritt geändert. Sie sind beim selben Schritt der neuen Fassung.
notice-step-removed = Diese Anleitung wurde geändert, und Ihren Schritt gibt es nicht mehr. Bitte beginnen Sie neu, es geht schnell.
notice-old-step = Dieser Button war von einem früheren Schritt, es hat sich nichts geändert. Hier sind Sie jetzt.
notice-unavailable = Diese Auswahl gibt es bei diesem Schritt nicht, es hat sich nichts geändert.
notice-closed = Diese Anleitung wurde geschlossen. Beginnen Sie neu oder tippen Sie /triage, wann immer Sie es brauchen.
notice-resumed = Willkommen zurück. Hier haben Sie aufgehört.

## Slash commands (Discord shows these in the command picker)
cmd-triage = Schritt für Schritt Hilfe, wenn Sie mit dem Auto festsitzen (nur für Sie sichtbar)
cmd-triage-guide = Was ist passiert? Tippen Sie los oder lassen Sie es leer. `cancel` schließt Ihre Anleitung.
cmd-pitcrew = Übergabe an Helfer einrichten (Moderation)
cmd-pitcrew-setup = Helferrolle, Kanäle und Erinnerungsabstand festlegen
cmd-pitcrew-setup-role = Mitglieder mit dieser Rolle bekommen die Übergabekarten
cmd-pitcrew-setup-cards = Hier erscheinen die Übergabekarten für die Helfer
cmd-pitcrew-setup-help = Hier werden private Threads mit Mitgliedern eröffnet
cmd-pitcrew-setup-renotify = So oft erinnern, solange niemand übernommen hat (Standard 10)
cmd-pitcrew-setup-region = Das Land, dessen Notrufnummern Mitglieder bekommen
cmd-pitcrew-status = Aktuelle Einrichtung anzeigen und was noch fehlt
cmd-volunteer = Für die Helferinnen und Helfer des Clubs
cmd-volunteer-queue = Offene Übergaben: dringende zuerst, dann die ältesten
cmd-volunteer-duty = Dienst beginnen (auf dringenden Karten genannt) oder beenden
cmd-volunteer-duty-state = an oder aus
cmd-car = Sagen Sie pitcrew einmal Ihr Auto, damit die Anleitungen passen (nur für Sie sichtbar)
cmd-car-set = Ihr Auto speichern oder ändern
cmd-car-set-make = Hersteller
cmd-car-set-model = Modell, z. B. Cooper S oder 320d
cmd-car-set-year = Modelljahr
cmd-car-set-key = Ihr Schlüssel, falls bekannt: Anleitungen überspringen, was er schon beantwortet
cmd-car-show = Das gespeicherte Auto anzeigen
cmd-car-forget = Das gespeicherte Auto löschen

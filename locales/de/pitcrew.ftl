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

## The picker: what `/triage` shows without a guide, and the suggestions for a description
picker-title = Was ist passiert?
picker-danger = Wenn jemand in Gefahr ist, rufen Sie zuerst **{ $emergency }** an.
picker-pick = Wählen Sie aus, was passiert ist, oder beschreiben Sie es mit eigenen Worten.
picker-car-saved = Anleitungen für Ihr gespeichertes Auto stehen oben. Mit `/car show` sehen Sie es.
picker-car-tip = Tipp: Mit `/car set` nennen Sie pitcrew einmal Ihr Auto, dann überspringen die Anleitungen, was schon klar ist.
picker-placeholder = Wählen Sie, was passiert ist
picker-describe = Problem beschreiben
none-fits = Nichts davon — Helfer fragen
nothing-fits-title = Keine Anleitung passt dazu
nothing-fits = Keine unserer Anleitungen passt zu Ihrer Beschreibung, deshalb schicken wir Sie nicht in eine unpassende. Drücken Sie **{ none-fits }**, dann bekommt eine Helferin oder ein Helfer des Clubs Ihre Worte. Oder wählen Sie unten eine Anleitung, falls doch eine passt.
suggest-title = Diese Anleitungen passen am besten
your-words = Ihre Worte
resume-title = Sie haben eine Anleitung offen
resume-body = **{ $title }** ist noch offen. Machen Sie dort weiter, wo Sie aufgehört haben, oder beginnen Sie neu.
resume-continue = Weitermachen
resume-new-guide = Die neue Anleitung beginnen
# A modal input's label: at most 45 characters.
ask-modal-title = Helfer fragen
ask-modal-label = Was ist los? (Helfer lesen das)
ask-modal-example = z. B. Reifen platt auf der A1, kein Ersatzrad; ich stehe an einer Tankstelle
describe-modal-example = z. B. meine Schlüssel sind im Kofferraum eingeschlossen

## What the member reads once a volunteer is (or cannot be) asked
next-title = Wie es weitergeht
next-add-note = Notiz für die Helfer hinzufügen
next-urgent = **Wenn jemand in Gefahr ist, rufen Sie jetzt { $emergency } an; warten Sie nicht auf uns.**
next-guided = **Wie es weitergeht:** Eine Helferin oder ein Helfer des Clubs ist informiert und kommt hier in Ihren privaten Thread. Ihre Antworten sind dort schon zu sehen, Sie werden nicht noch einmal gefragt.
next-guided-meanwhile = **Bis dahin:** Bleiben Sie an einem sicheren Ort, sparen Sie Akku und rufen Sie { $roadside } oder einen Schlüsseldienst an, wenn Sie schneller Hilfe brauchen.
next-unguided = **Wie es weitergeht:** Eine Helferin oder ein Helfer des Clubs ist mit Ihren Worten informiert und kommt hier in Ihren privaten Thread.
next-unguided-meanwhile = **Bis dahin:** Bleiben Sie an einem sicheren Ort, sparen Sie Akku und rufen Sie { $roadside } an, wenn Sie schneller Hilfe brauchen. { $in_danger }
no-volunteer-dm = **Hier ist keine Helferin und kein Helfer erreichbar** (die Helfer sind im Server des Clubs, nicht in Direktnachrichten), deshalb wurde niemand informiert. Rufen Sie jetzt { $roadside } oder einen Schlüsseldienst an. { $in_danger }
no-volunteer-server = **Hier ist keine Helferin und kein Helfer erreichbar** (dieser Server hat keine Helfer eingerichtet), deshalb wurde niemand informiert. Rufen Sie jetzt { $roadside } oder einen Schlüsseldienst an. { $in_danger }
not-set-up = Hier gibt es noch keine Helfer, deshalb wurde niemand informiert. Folgen Sie dem Rat oben und rufen Sie { $roadside } oder einen Schlüsseldienst an, wenn Sie jetzt Hilfe brauchen. { $in_danger }
ask-again = Ihre frühere Anfrage ist schon geschlossen. Starten Sie `/triage` neu, dann wird wieder eine Helferin oder ein Helfer gefragt. { $in_danger }
already-open = Sie haben schon eine offene Anfrage bei den Helfern: Machen Sie in { $place } weiter und schreiben Sie Neues dort hinein. { $in_danger }
already-open-thread = Ihrem privaten Thread
no-server = Die Helfer sind im Server des Clubs: Starten Sie `/triage` dort, um sie zu erreichen. Bis dahin können Sie { $roadside } oder einen Schlüsseldienst anrufen. { $in_danger }
not-delivered = Wir konnten die Helfer gerade nicht erreichen. Folgen Sie dem Rat oben und rufen Sie { $roadside } oder einen Schlüsseldienst an, wenn Sie jetzt Hilfe brauchen. { $in_danger }
in-terminal =
    Auf Discord würde jetzt eine Helferin oder ein Helfer des Clubs gefragt, mit diesen Worten:
    { $words }

    Hier im Terminal wird niemand informiert. Rufen Sie jetzt { $roadside } oder einen Schlüsseldienst an. { $in_danger }
in-terminal-nothing = (noch nichts beschrieben)
asked-title = Eine Helferin oder ein Helfer ist gefragt
alone-title = Hier sind keine Helfer erreichbar
already-open-title = Sie haben schon eine offene Anfrage
not-reached-title = Helfer nicht erreicht

## Short notes to the member
not-yours = Diese Anleitung gehört jemand anderem. Beginnen Sie Ihre eigene mit `/triage`; sie ist nur für Sie sichtbar.
gone = Diese Anleitung ist nicht mehr offen. Tippen Sie `/triage`, um neu zu beginnen.
broken = Dieser Button hat nicht funktioniert. Tippen Sie `/triage`, um neu zu beginnen.
unknown-command = Dieser Befehl hat nicht funktioniert. Tippen Sie `/triage`, um neu zu beginnen.
trouble = Entschuldigung, bei uns ist etwas schiefgelaufen. Bitte versuchen Sie es gleich noch einmal. { $in_danger }
restarting = pitcrew startet gerade neu. Bitte versuchen Sie es in einer Minute noch einmal. { $in_danger }
cancelled-request = Ihre Anfrage an die Helfer ist zurückgezogen, die Helfer sehen das. Tippen Sie `/triage`, wann immer Sie wieder Hilfe brauchen.
cancelled-guide = Ihre Anleitung ist geschlossen. Tippen Sie `/triage`, wann immer Sie sie wieder brauchen.
cancel-nothing = Sie haben hier keine offene Anleitung.
cancel-choice = Meine offene Anleitung schließen

## The member after a handoff: notes, "Did this solve it?"
only-member = Nur das Mitglied, das um Hilfe gebeten hat, kann das beantworten.
handoff-gone = Diese Anfrage gibt es nicht mehr.
handoff-closed = Diese Anfrage ist schon geschlossen.
note-sent = Danke. Die Helfer sehen Ihre Notiz.
note-empty = Ihre Notiz war leer, deshalb wurde nichts gesendet.
note-modal-title = Eine Notiz für die Helfer
note-modal-label = Was sollten die Helfer wissen?
note-modal-example = z. B. wo Sie sind, was im Kofferraum liegt, wie voll Ihr Akku ist
rated-solved = Danke für Ihre Rückmeldung. Schön, dass es geklappt hat. Gute Fahrt!
rated-not-solved = Danke für Ihre Rückmeldung. Mit `/triage` kommen Sie jederzeit zu den Anleitungen, und wo dieser Server Helfer hat, können Sie wieder jemanden fragen.
rated-already = Danke, wir haben Ihre Antwort schon.
rated-answered = Hat das geholfen? Beantwortet.

## /car
car-saved = Gespeichert: { $car }. Anleitungen dafür stehen in `/triage` oben, und Schritte, die Ihr Auto schon beantwortet, werden übersprungen. Ändern mit `/car set`, löschen mit `/car forget`.
car-not-saved = Dieses Auto wurde nicht gespeichert: { $error }. Versuchen Sie `/car set` noch einmal.
car-shown = Ihr Auto: { $car }. Die Helfer sehen es auf Ihrer Übergabekarte. `/car forget` löscht es.
car-none = pitcrew hat kein Auto für Sie gespeichert. Mit `/car set` nennen Sie es einmal, dann passen die Anleitungen zu Ihrem Auto.
car-forgotten = Ihr Auto ist gelöscht. Die Anleitungen zeigen wieder alle Schritte.
car-nothing-to-forget = pitcrew hatte kein Auto für Sie gespeichert, es gab nichts zu löschen.

## The member's private thread (volunteers read it too)
thread-opening = Hallo { $member }, dies ist Ihr privater Thread mit den Helferinnen und Helfern des Clubs zu **{ $title }**.
still-waiting = Wir suchen noch eine Helferin oder einen Helfer (Erinnerung { $number } ans Team gesendet). Sie müssen nicht auf uns warten: Rufen Sie { $roadside } oder einen zugelassenen Schlüsseldienst an.
still-waiting-urgent = **Wenn jemand in Gefahr ist, rufen Sie jetzt { $emergency } an.**
still-waiting-danger = Sollte jemand in Gefahr geraten, rufen Sie { $emergency } an.
last-reminder = Das Team wurde mehrmals erinnert; vielleicht antwortet später noch jemand. Bitte warten Sie nicht auf uns, wenn Sie jetzt Hilfe brauchen: Rufen Sie einen Pannendienst oder einen Schlüsseldienst an.
volunteer-joined = { $volunteer } (Helferin oder Helfer des Clubs) ist dazugekommen, um Ihnen zu helfen.
volunteer-taking-over = { $volunteer } (Helferin oder Helfer des Clubs) übernimmt jetzt, um Ihnen zu helfen.
stepped-away = Die Helferin oder der Helfer musste weg; jemand anderes übernimmt. In der Zwischenzeit können ein Pannendienst oder ein Schlüsseldienst helfen.
resolved-by = { $volunteer } hat dies als gelöst markiert.
resolved-question = { $member }, hat das Ihr Problem gelöst?
# Buttons: at most 80 characters.
rate-solved = Ja, gelöst
rate-not-solved = Nein, komme nicht weiter
thread-for-volunteers = **Für Helferinnen und Helfer:** Das Mitglied liest { $language }.
thread-name = Hilfe: { $title } · { $member }
thread-member-note = Notiz des Mitglieds:
thread-member-cancelled = Das Mitglied hat diese Anfrage abgebrochen.
unguided-title = Ein Problem, das keine Anleitung abdeckt
guide-gone = Eine Anleitung

## The volunteers' card and their refusals, in the server's language
# Modal title at most 45 characters, its label at most 45, a select's placeholder at most 150.
card-title = Braucht Hilfe · { $title }
card-title-urgent = 🚨 DRINGEND: Jemand könnte in Gefahr sein · { $title }
card-earlier-steps = *…{ $number } frühere Schritte*
card-no-guide = *Keine Anleitung passte; das Mitglied beschreibt das Problem unten.*
card-no-answers = *Das Mitglied hat um Hilfe gebeten, bevor es etwas beantwortet hat.*
card-waiting = Wartet auf eine Helferin oder einen Helfer
card-claimed-by = Übernommen von { $volunteer }
card-claimed = Übernommen
card-resolved-by = Gelöst von { $volunteer }
card-resolved = Gelöst
card-cancelled = Vom Mitglied abgebrochen
card-member-left = { $member } (hat den Server verlassen)
card-member = Mitglied
card-urgency = Dringlichkeit
card-urgent = **DRINGEND**
card-normal = normal
card-waiting-since = Wartet seit
card-status = Status
card-reads = Liest
card-reads-value = { $language } — schreiben Sie einfach oder nutzen Sie einen Übersetzer
lang-name-en = Englisch
lang-name-de = Deutsch
card-car = Auto des Mitglieds
card-own-words = In den Worten des Mitglieds
card-member-note = Notiz des Mitglieds
card-volunteer-note = Notiz der Helferin oder des Helfers
card-answer = Antwort des Mitglieds
card-answer-solved = Ja, das hat es gelöst
card-answer-not-solved = Nein, kommt nicht weiter
card-footer = Übergabe #{ $number }
card-claim = Übernehmen
card-resolve = Lösen
card-release = Freigeben
card-open-thread = Thread öffnen
card-transfer = An andere Helferin oder anderen Helfer übergeben
card-not-volunteer = Das können nur die Helferinnen und Helfer des Clubs.
card-gone = Diese Übergabe gibt es nicht mehr.
card-closed = Diese Übergabe ist bereits abgeschlossen.
card-taken = { $volunteer } hat diese Übergabe bereits.
card-picked-not-volunteer = { $volunteer } ist hier keine Helferin und kein Helfer, daher bleibt die Übergabe bei Ihnen.
card-nobody-picked = Wählen Sie eine Helferin oder einen Helfer, an die oder den Sie übergeben.
resolve-modal-title = Übergabe als gelöst markieren
resolve-modal-label = Notiz für die Akten (optional)

## Pings and reminders in the volunteers' channel ($member: who is pinged, $words: the ping line, $max: the last reminder's number)
ping-urgent = 🚨 { $member }: dringend, ein Mitglied könnte in Gefahr sein.
ping-normal = { $member }: Ein Mitglied braucht eine Helferin oder einen Helfer.
reminder-line = { $words } Wartet noch (Erinnerung { $number } von { $max }):
back-in-queue = { $words } Wieder in der Warteschlange:

## /pitcrew status (and setup's answer), in the server's language like the cards it sets up
status-title = **Einrichtung der Übergabe an Helferinnen und Helfer**
status-role = Helferrolle: { $role }
status-cards = Kanal der Helferinnen und Helfer (Karten): { $place }
status-help = Hilfekanal (private Threads): { $place }
status-renotify = Erinnerung alle: { $number } Min.
status-region = Region: { $region } (Notfallanzeigen sagen: { $emergency } anrufen)
status-region-unset = Region: *nicht festgelegt* (die Discord-Sprache jedes Mitglieds wählt die Notrufnummer, wo sie eindeutig ist, sonst stehen alle nebeneinander; festlegen mit `/pitcrew setup region:`)
status-not-set = *nicht festgelegt*
status-log = Moderatoren-Log (Probleme mit Leitfäden beim Neuladen): { $place }
status-log-unset = Moderatoren-Log: *nicht gesetzt* (Probleme mit Leitfäden beim Neuladen stehen nur im Prozess-Log; festlegen mit `/pitcrew setup log_channel:`)
status-ready = ✅ Bereit: Mitglieder, die fragen, bekommen eine Helferin oder einen Helfer.
status-missing = ⚠️ Es fehlt: { $words }. Bis dahin bekommen Mitglieder nur den Rat der Anleitung. Festlegen mit `/pitcrew setup`.
status-missing-role = die Helferrolle
status-missing-cards = der Kanal der Helferinnen und Helfer (für Übergabekarten)
status-missing-help = der Hilfekanal (für private Threads)
status-permission = ⚠️ Dem Bot fehlt eine Berechtigung: **{ $error }**. Geben Sie ihm diese Berechtigung und versuchen Sie es erneut.

## The terminal (`pitcrew chat`); the keys (y, n, b, r, h, q, v) are the same in every language
chat-no-such-guide = Es gibt keine Anleitung namens `{ $words }`. Die Anleitungen sind:
chat-run-with-id = Starten Sie `pitcrew chat ID` mit einer dieser IDs, oder `pitcrew chat`, um zu wählen.
chat-unfinished = Sie haben eine unfertige Anleitung: { $title } (Schritt { $number }).
chat-resume-prompt = Dort weitermachen, wo Sie aufgehört haben? [y] ja / [n] nein, neu beginnen
chat-yes-or-no = Bitte tippen Sie y oder n.
chat-which-problem = Welches Problem haben Sie?
chat-pick-prompt = Tippen Sie eine Nummer oder beschreiben Sie Ihr Problem in wenigen Worten ({ $words }; q zum Beenden)
chat-number-range = Bitte tippen Sie eine Nummer von 1 bis { $max }.
chat-nothing-fits = Keine unserer Anleitungen passt zu Ihrer Beschreibung.
chat-match-after-all = Falls doch eine davon passt, tippen Sie ihre Nummer:
chat-fit-best = Diese Anleitungen passen am besten:
chat-guide-gone = Diese Anleitung gibt es nicht mehr.
chat-emergency = !!! NOTFALL: Handeln Sie jetzt !!!
chat-escalated = (In Discord wird jetzt eine Helferin oder ein Helfer des Clubs benachrichtigt. Dieses Terminal sendet nichts.)
chat-quit = Beenden
chat-a-number = eine Nummer von 1 bis { $max }
chat-type-keys = Bitte tippen Sie { $words }.
chat-saved = Gespeichert. Starten Sie `pitcrew chat` erneut, um dort weiterzumachen, wo Sie aufgehört haben.
chat-take-care = Passen Sie auf sich auf. Starten Sie `pitcrew chat`, wann immer Sie es wieder brauchen.
## Der Forum-Helfer ($place: ein Kanal; $title: der Titel eines Beitrags; $words: die beobachteten Foren; $emergency: die Notrufnummer)
cmd-pitcrew-forum = Neue Beiträge in einem Forum-Kanal mit passenden Anleitungen beantworten, oder damit aufhören
cmd-pitcrew-forum-channel = Der Forum-Kanal, dessen neue Beiträge pitcrew beantwortet
cmd-pitcrew-forum-watch = on: neue Beiträge dort beantworten; off: aufhören
cmd-pitcrew-forum-nothing-fits = Wenn keine Anleitung passt: Helfer anbieten (Standard) oder schweigen
forum-watching = pitcrew beantwortet jetzt neue Beiträge in { $place } mit den passenden Anleitungen.
forum-stopped = pitcrew beantwortet keine neuen Beiträge in { $place } mehr.
forum-none = Zurzeit wird kein Forum beobachtet.
forum-listed = Beobachtete Foren: { $words }
forum-reply-title = Anleitungen, die helfen könnten
forum-reply-intro = Drücken Sie eine, um sie Schritt für Schritt durchzugehen. Nur Sie sehen sie, und alle mit demselben Problem können ebenfalls drücken.
forum-reply-none = Keine unserer Anleitungen passt zu diesem Beitrag. Eine Helferin oder ein Helfer des Clubs kann helfen: Drücken Sie **{ forum-ask }**.
forum-ask = Helfer fragen
forum-emergency = 🚨 **Wenn jemand in Gefahr ist, rufen Sie jetzt { $emergency } an.**
forum-alerted = Die Helfer des Clubs sind alarmiert.
forum-post-words = Forum-Beitrag „{ $title }“: { $place }
## Live content: /pitcrew setup's log channel and /pitcrew reload
cmd-pitcrew-setup-log = Moderationslog: Hier meldet pitcrew Fehler in Anleitungen beim Neuladen
cmd-pitcrew-reload = Anleitungen jetzt aus dem Inhaltsordner neu laden und das Ergebnis zeigen

# Die eigenen Befehle der Moderatoren und Freiwilligen, in der Sprache des Aufrufenden.
cmd-in-a-server = Dieser Befehl funktioniert nur auf einem Server.
setup-not-allowed = Nur Mitglieder mit der Berechtigung „Server verwalten“ können die Einrichtung von pitcrew ändern.
volunteer-only = Das können nur die Freiwilligen des Clubs nutzen (bitten Sie einen Moderator um die Freiwilligen-Rolle).
duty-on = Sie sind im Dienst: dringende Karten nennen Sie.
duty-off = Sie sind nicht mehr im Dienst. Danke fürs Helfen!
queue-empty = Niemand wartet. 🎉
queue-head = **{ $number } offene Anfrage(n)**, dringende zuerst:
queue-claimed-by = übernommen von { $volunteer }
queue-unclaimed = **nicht übernommen**
queue-waiting-since = wartet seit { $words }
queue-card = Karte
queue-more = …und { $number } weitere.

# /pitcrew status: eine fehlende Berechtigung, in der Sprache des Servers. Die Namen so, wie
# Discords deutsche Servereinstellungen sie zeigen.
perm-lacks = ⚠️ pitcrew fehlt **{ $words }**: { $error }.
perm-lacks-in = ⚠️ pitcrew fehlt **{ $words }** in { $place }: { $error }.
perm-unreadable = ⚠️ pitcrew konnte seine eigenen Berechtigungen hier nicht lesen; führen Sie `pitcrew doctor` aus oder prüfen Sie sie in den Servereinstellungen.
perm-view-channels = Kanäle ansehen
perm-view-channels-breaks = pitcrew sieht den Freiwilligen- oder Hilfekanal nicht: keine Karte und kein Thread entstehen
perm-send-messages = Nachrichten senden
perm-send-messages-breaks = keine Übergabekarte erreicht den Freiwilligenkanal: Mitglieder behalten den Leitfaden, aber kein Freiwilliger erfährt davon
perm-embed-links = Links einbetten
perm-embed-links-breaks = Übergabekarten kommen ohne die Antworten des Mitglieds an
perm-create-private-threads = Private Threads erstellen
perm-create-private-threads-breaks = Mitglieder behalten den Leitfaden, aber kein Freiwilliger wird erreicht (kein privater Thread zum Schreiben)
perm-send-in-threads = Nachrichten in Threads senden
perm-send-in-threads-breaks = in den privaten Threads wird nichts gesagt (die Zusammenfassung, die Frage nach der Bewertung), und Forenbeiträge bekommen keine Leitfäden
perm-manage-threads = Threads verwalten
perm-manage-threads-breaks = Threads erledigter Übergaben lassen sich nicht sperren und bleiben offen für Antworten
perm-mention-everyone = Erwähnung von @everyone, @here und allen Rollen
perm-mention-everyone-breaks = die Freiwilligen-Rolle wird bei neuen Karten nicht angepingt, außer die Rolle selbst erlaubt allen, sie zu erwähnen

# Live-Inhalte: die Antwort auf /pitcrew reload und der Log-Kanal der Moderatoren.
reload-not-allowed = Nur Mitglieder mit der Berechtigung „Server verwalten“ können die Leitfäden von pitcrew neu laden.
reload-done = ✅ Neu geladen: { $number } Leitfaden/Leitfäden sind aktiv. Offene Leitfäden laufen weiter, wo es geht.
reload-refused = ⚠️ Die Leitfäden wurden nicht neu geladen: der Inhalt besteht `pitcrew check` nicht ({ $number } Problem(e)). Die laufenden Leitfäden bleiben, bis es behoben ist.
reload-more = …und { $number } weitere: führen Sie `pitcrew check` aus.

# Die Bildschirme eines Leitfadens: der Notfall-Titel und „Hat das geholfen?“ bei jedem gelösten Ende.
emergency-title = 🚨 Notfall · { $title }
fixed-ask = Hat das geholfen?
fixed-why = Ihre Antwort hilft den Moderatoren des Clubs, diesen Leitfaden zu verbessern.
fixed-yes = Ja, es geht wieder
fixed-no = Nein, ich komme nicht weiter
fixed-thanks = Danke für Ihre Rückmeldung.

chat-fixed-prompt = Hat das geholfen? [j]a / [n]ein

# /forget-me: die Daten des Mitglieds auf Wunsch gelöscht.
# Maschinelle Übersetzung, nicht von Muttersprachlern: bitte prüfen lassen.
cmd-forget-me = Löschen, was pitcrew über Sie speichert (fragt vorher; nur für Sie sichtbar)
forget-me-title = Sie vergessen?
forget-me-removed = **Gelöscht werden:** Ihre Leitfäden und Ihre Antworten darin, Ihre Notizen und Beschreibungen für Freiwillige und Ihr gespeichertes Auto. Noch offene Anfragen bei den Freiwilligen werden abgebrochen.
forget-me-stays = **Bleibt:** anonyme Zahlen (wie oft ein Leitfaden genutzt wurde, wie er endete), ohne Bezug zu Ihnen. Die Karten Ihrer Anfragen bei den Freiwilligen sagen dann, dass die Angaben auf Ihren Wunsch gelöscht wurden.
forget-me-confirm = Mich vergessen
forget-me-keep = Meine Daten behalten
forget-me-kept = Es wurde nichts gelöscht.
forget-me-not-yours = Nur das Mitglied, das gefragt hat, kann hier antworten.
forget-me-done = Erledigt. pitcrew weiß dies nicht mehr über Sie:
forget-me-done-sessions = { $number } Leitfaden-Sitzung(en)
forget-me-done-requests = { $number } Anfrage(n) an Freiwillige (ihre Karten sagen jetzt, dass die Angaben gelöscht wurden)
forget-me-done-released = { $number } Anfrage(n), die Sie als Freiwillige(r) übernommen hatten, wieder in der Warteschlange
forget-me-done-car = Ihr gespeichertes Auto
forget-me-done-nothing = pitcrew hatte nichts über Sie gespeichert.
card-forgotten = Die Angaben dieser Anfrage wurden auf Wunsch des Mitglieds gelöscht.

# Bilder für Moderatorinnen und Moderatoren: der Trichter einer Anleitung und ihr Entscheidungsgraph.
chart-no-data = Noch keine Daten
chart-left = { $number } aufgehört
chart-went-on = erreicht und weitergemacht
chart-left-here = hier aufgehört
graph-step = Schritt
graph-resolved = gelöst
graph-escalate = an Helfer übergeben
graph-emergency = Notfall
graph-edges = dickere Linie: mehr Mitglieder gingen diesen Weg

# /pitcrew stats und /pitcrew graph: Zahlen und Bilder für Moderatoren (maschinell übersetzt, bitte von
# einer Muttersprachlerin oder einem Muttersprachler prüfen lassen).
cmd-pitcrew-stats = Zahlen: Starts, Ergebnisse, wo Mitglieder aufhören, Zeiten der Helfer
cmd-pitcrew-stats-guide = Nur eine Anleitung (leer: alle Anleitungen)
cmd-pitcrew-graph = Ein Bild des Entscheidungsgraphen einer Anleitung und wie Mitglieder ihn gingen
cmd-pitcrew-graph-guide = Die Anleitung, die gezeichnet wird
cmd-pitcrew-since = Wie viele Tage zurück (leer: 30)
stats-title = Zahlen · { $title }
stats-all = Alle Anleitungen
stats-window = Anleitungen, die in den letzten { $number } Tagen begonnen wurden. Das Diagramm zeigt, wo Mitglieder aufgehört haben; die ganze Tabelle steht in der CSV-Datei.
stats-none = In dieser Zeit wurde keine Anleitung begonnen.
stats-not-allowed = Nur Mitglieder mit der Berechtigung „Server verwalten“ können die Zahlen und Bilder von pitcrew sehen.
stats-starts = Begonnen
stats-outcomes = Ergebnisse
stats-resolved = gelöst
stats-escalated = an Helfer
stats-emergency = Notfall
stats-abandoned = ohne Ergebnis verlassen
stats-in-progress = noch offen
stats-fixed = Hat das geholfen?
stats-yes = ja
stats-no = nein
stats-no-answer = keine Antwort
stats-median = Mittlere Zeit bis zum Ergebnis (Median)
stats-handoffs = Anfragen an Helfer
stats-to-claim = Median bis zur Übernahme
stats-to-resolve = Median bis zur Lösung
stats-before-reminder = vor der ersten Erinnerung übernommen
stats-after-last-reminder = nach der letzten Erinnerung noch offen
stats-ratings = gelöst / nicht gelöst
stats-worst = Wo die meisten Mitglieder aufgehört haben
stats-unknown-guide = Keine Anleitung heißt { $title }. Tippen Sie in das Feld „guide“ und wählen Sie eine aus der Liste.
stats-no-picture = Das Bild konnte diesmal nicht gezeichnet werden; die Zahlen sind vollständig.
graph-window = Dickere Linien: mehr Mitglieder gingen in den letzten { $number } Tagen diesen Weg. Roter Rand: hier haben Mitglieder aufgehört.

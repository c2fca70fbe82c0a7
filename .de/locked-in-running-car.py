T = {
"title": "Mit laufendem Motor ausgesperrt, oder das Auto hat sich mit dem Schlüssel innen verriegelt",
"summary": "Türen zu und Motor läuft, oder ein Keyless-Auto mit Schlüssel innen verriegelt: was jetzt tun.",
"start": """Wir holen Sie sicher wieder ins Auto. Zuerst: **Ist jemand in Gefahr?**

- Ein Kind, eine hilfsbedürftige Person oder ein Tier ist im Auto eingeschlossen
- Der Motor läuft in einer Garage oder einem anderen geschlossenen Raum
- Sie stehen nahe an schnellem Verkehr oder fühlen sich unsicher""",
"start>emergency-inside": "Jemand ist im Auto eingeschlossen",
"start>emergency-fumes": "Er läuft in einer Garage oder einem geschlossenen Raum",
"start>emergency-unsafe": "Ich bin hier nicht sicher",
"start>outside": "Niemand ist in Gefahr",
"emergency-inside": """**Rufen Sie jetzt {emergency} an.**

Sagen Sie, dass ein Kind, eine Person oder ein Tier in einem Auto mit laufendem Motor eingeschlossen ist, und nennen Sie Ihren genauen Standort. Ein geschlossenes Auto kann sich schnell aufheizen, auch mit laufendem Motor.

**Ist die Person oder das Tier in Not und die Hilfe noch nicht da, ist es richtig, eine Scheibe einzuschlagen.** Nehmen Sie das Seitenfenster, das am weitesten von ihnen entfernt ist, und halten Sie Hand und Gesicht zurück.

Bleiben Sie beim Auto, sprechen Sie ruhig mit ihnen und folgen Sie der Leitstelle.""",
"emergency-fumes": """**Rufen Sie jetzt {emergency} an.**

Abgase in einem geschlossenen Raum können tödlich sein, und das gefährlichste Gas riecht man nicht.

- Bringen Sie alle aus der Garage, und aus dem Haus, wenn es angebaut ist, an die frische Luft.
- Öffnen Sie das Garagentor nur, wenn es sofort geht, von außen oder direkt am Tor. Bleiben Sie nicht in den Abgasen.
- Gehen Sie nicht wieder hinein. Sagen Sie der Leitstelle, dass der Motor noch läuft.

Kopfschmerzen, Schwindel oder Übelkeit nach den Abgasen: Sagen Sie es.""",
"emergency-unsafe": """**Gehen Sie jetzt weg vom Verkehr.** Stellen Sie sich weit abseits der Fahrbahn hin, hinter eine Schutzplanke, wenn es eine gibt, nie zwischen Auto und vorbeifahrenden Verkehr.

**Rufen Sie {emergency} an**, wenn jemand verletzt ist oder Sie sich in Gefahr fühlen.

Wenn Sie sicher sind, rufen Sie {roadside} an und sagen Sie, dass Sie an einer unsicheren Stelle stehen und das Auto verriegelt mit laufendem Motor ist.""",
"outside": """Gut. Während Sie das klären:

- Steht das Auto an einer Straße, halten Sie Abstand zum Verkehr, hinter einer Schutzplanke, wenn es eine gibt. Stellen Sie sich nie zwischen Auto und vorbeifahrenden Verkehr.
- Halten Sie Abstand zum Auspuff.
- Behalten Sie Kinder und Tiere bei sich.""",
"outside>spare": "OK, wir sind weg vom Auto",
"spare": """Am schnellsten geht es, wenn Sie einen bekommen: einen **Ersatzschlüssel**.

Gibt es einen Ersatzschlüssel, den jemand bringen könnte? Dann fragen Sie jetzt.""",
"spare>spare-coming": "Ein Ersatzschlüssel ist unterwegs",
"spare>app": "Heute kein Ersatzschlüssel",
"spare-coming": """Gut, das ist meist der einfachste Weg zurück ins Auto.

Warten Sie an einem sicheren Ort, geschützt vor dem Wetter und weg vom Auspuff. Versuchen Sie bis dahin nichts mit Gewalt.

Wenn er da ist, drücken Sie **einmal** auf Entriegeln, oder halten Sie den Schlüssel an die Tür und ziehen Sie am Griff.""",
"spare-coming>resolved-in": "Wir sind wieder drin",
"spare-coming>roadside": "Der Ersatzschlüssel hat nicht geöffnet",
"spare-coming>app": "Bis dahin andere Wege versuchen",
"app": """Versuchen Sie die **App Ihres Autoherstellers**. Bei vielen Marken lassen sich die Türen per Handy entriegeln (zum Beispiel My BMW und die MINI App).

Das geht nur, wenn die App **vorher eingerichtet** wurde und das Auto in Ihrem Konto ist. Tippen Sie einmal auf **Entriegeln** und warten Sie auf die Bestätigung, bevor Sie einen Griff anfassen.""",
"app>resolved-in": "Die Türen sind entriegelt",
"app>roadside": "Keine App, oder es ging nicht",
"roadside": """Rufen Sie {roadside} an, oder einen **Schlüsseldienst**.

Sagen Sie:
- der **Motor läuft** und der Schlüssel ist im Auto
- Marke, Modell und Baujahr
- wo genau Sie sind, und ob an einer Straße

Fragen Sie einen Schlüsseldienst vorher nach dem Preis und ob er Ihre Marke schon geöffnet hat.""",
"roadside>waiting": "Hilfe ist unterwegs",
"roadside>volunteer": "Ich erreiche niemanden",
"waiting": """**Bitte während des Wartens nicht:**
- einen Drahtbügel, Draht oder Keil in die Tür stecken
- an einem Fenster oder den Dichtungen hebeln

In modernen Türen sitzen Airbags, Kabel und die Alarmanlage. Gewalt kann Dichtungen und Kabel beschädigen und den Alarm auslösen, und kostet oft mehr als der Einsatz.

Warten Sie an einem sicheren Ort, weg vom Auspuff.""",
"waiting>resolved-in": "Sie haben es geöffnet",
"waiting>volunteer": "Sie konnten es nicht öffnen",
"waiting>engine": "Läuft der Motor einfach weiter?",
"waiting>why": "Warum hat es sich selbst verriegelt?",
"engine": """Ein Motor im Leerlauf verbraucht weiter Kraftstoff und geht aus, wenn der Tank fast leer ist.

Manche Autos schalten den Motor nach einer Weile selbst ab. Nicht alle, verlassen Sie sich also nicht darauf.

Sehen Sie Rauch, riecht es verbrannt oder blinkt eine Warnleuchte, bringen Sie alle weit weg und rufen Sie {emergency} an.""",
"engine>waiting": "OK, zurück zum Warten",
"why": """Keyless-Autos erkennen, wo der Schlüssel ist. Besitzer berichten, dass sie sich mit dem Schlüssel innen verriegeln können, wenn:

- die Batterie des Schlüssels schwach ist und das Auto ihn im Innenraum nicht erkennt
- ein anderer Schlüssel oder Funkstörungen in der Nähe sind
- das Auto sich nach dem Entriegeln wieder verriegelt, weil keine Tür geöffnet wurde

Wie sich Ihr Auto verhält, hängt von Marke und Einstellungen ab; die Betriebsanleitung erklärt es, wenn Sie wieder drin sind.""",
"why>waiting": "OK, zurück zum Warten",
"resolved-in": """Sie sind wieder drin. Schalten Sie den Motor aus, wenn Sie nicht losfahren, und behalten Sie den Schlüssel bei sich.

**Für das nächste Mal:**
- ist die Schlüsselbatterie vielleicht schwach, tauschen Sie sie bald
- bewahren Sie einen Ersatzschlüssel so auf, dass ihn jemand bringen kann
- richten Sie die App Ihres Autoherstellers ein, damit Entriegeln per Handy bereit ist""",
"volunteer": """Ein **Club-Freiwilliger** kann übernehmen, wenn einer verfügbar ist.

**Bis dahin:**
- rufen Sie {roadside} oder einen Schlüsseldienst an – warten Sie nicht auf uns, wenn Sie jetzt Hilfe brauchen
- warten Sie an einem sicheren Ort, weg vom Verkehr und vom Auspuff
- öffnen Sie keine Tür und kein Fenster mit Gewalt

Gerät jemand in Gefahr, rufen Sie {emergency} an.""",
}

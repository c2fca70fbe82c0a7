T = {
"title": "Kraftstoff leer (Benzin, Diesel) oder Akku leer",
"summary": "Das Auto bleibt stehen oder gleich: sicher werden, Hilfe rufen, sicher tanken, Diesel und E-Auto.",
"start": """Zuerst bringen wir Sie in Sicherheit. **Ist jemand in Gefahr?**

- Jemand ist verletzt oder es geht ihm schlecht
- Das Auto steht auf einer Fahrspur und Sie kommen nicht sicher weg
- Sie fühlen sich hier unsicher""",
"start>emergency": "Jemand ist verletzt oder in Gefahr",
"start>emergency-lane": "Ich stehe auf einer befahrenen Spur",
"start>stop": "Niemand ist in Gefahr",
"emergency": """**Rufen Sie jetzt {emergency} an.** Sagen Sie, wo Sie sind (Straße, Richtung, nächste Ausfahrt oder Kilometerangabe) und wer verletzt oder in Gefahr ist.

An einer Straße: Warnblinker an, alle auf der verkehrsabgewandten Seite aussteigen lassen, hinter eine Schutzplanke, wenn es eine gibt. Stellen Sie sich nie zwischen Auto und vorbeifahrenden Verkehr.

Folgen Sie der Leitstelle.""",
"emergency-lane": """**Rufen Sie jetzt {emergency} an** und verlangen Sie die Polizei. Sagen Sie, dass das Auto auf einer befahrenen Spur steht, und wo.

Wenn Sie **nicht** sicher aussteigen und weit weg von Auto und Verkehr kommen:
- bleiben Sie im Auto, angeschnallt
- lassen Sie die Warnblinker an

Können Sie sicher aussteigen, dann auf der verkehrsabgewandten Seite, und gehen Sie weit weg, hinter eine Schutzplanke, wenn es eine gibt.""",
"stop": """Rollen Sie noch, oder stottert der Motor? **Warnblinker an** und raus aus dem Verkehr:

- auf die langsamste Spur, dann runter von der Straße: Ausfahrt, Rastplatz, Parkbucht oder Parkplatz
- geht das nicht, halten Sie auf dem Seitenstreifen oder Bankett, so weit weg vom Verkehr wie möglich

Halten Sie nicht auf einer Spur, wenn Sie noch aus ihr herausrollen können.""",
"stop>where": "Wir stehen abseits der Fahrbahn",
"stop>emergency-lane": "Es ist auf einer Spur stehen geblieben",
"where": """Wo stehen Sie?""",
"where>motorway": "Seitenstreifen von Autobahn oder Schnellstraße",
"where>road": "An einer anderen Straße",
"where>fuel-type": "Parkplatz oder weit abseits der Straße",
"motorway": """Auf der Autobahn oder einer schnellen Straße:

- Warnblinker an. Alle steigen auf der Seite **weg vom Verkehr** aus.
- Stellen Sie sich **hinter die Schutzplanke**, gut die Böschung hinauf, wenn es eine gibt. Nie zwischen Auto und Verkehr.
- **Gehen Sie nicht an der Fahrbahn oder dem Seitenstreifen entlang, um Kraftstoff zu holen**, und reparieren Sie nichts auf dem Seitenstreifen.
- Tiere: lassen Sie sie im Auto, außer im Notfall.

Rufen Sie Hilfe von hinter der Schutzplanke.""",
"motorway>fuel-type": "Wir sind hinter der Schutzplanke",
"road": """An der Straße:

- Warnblinker an; bei Dunkelheit oder Nebel auch das Standlicht.
- Steigen Sie auf der verkehrsabgewandten Seite aus und stellen Sie sich nicht zwischen Auto und Verkehr.
- Ein Warndreieck gehört etwa 45 m hinter das Auto, auf derselben Seite, nur wenn Sie es gefahrlos aufstellen können.""",
"road>fuel-type": "OK, wir sind weg vom Verkehr",
"fuel-type": """Womit fährt Ihr Auto?""",
"fuel-type>petrol": "Benzin",
"fuel-type>diesel": "Diesel",
"fuel-type>electric": "Elektro",
"fuel-type>roadside": "Nicht sicher, ob es am Kraftstoff liegt",
"petrol": """Rufen Sie {roadside} an: Viele bringen Kraftstoff oder schleppen Sie zur nächsten Tankstelle.

Bringt stattdessen jemand Kraftstoff:
- nur in einem **richtigen Kraftstoffkanister**, nie in einer Getränkeflasche oder einem anderen Behälter
- Motor aus, nicht rauchen, langsam einfüllen

Bitte gehen Sie nicht selbst an einer schnellen Straße entlang, um Kraftstoff zu holen. Warten Sie an einem sicheren Ort.""",
"petrol>restart": "Kraftstoff ist im Tank",
"petrol>resolved-help": "Hilfe ist unterwegs",
"petrol>volunteer": "Ich erreiche niemanden",
"diesel": """Rufen Sie {roadside} an und sagen Sie, dass es ein **Diesel ist, der leer gefahren wurde**.

Bringt stattdessen jemand Kraftstoff: nur in einem **richtigen Kraftstoffkanister**, nie in einer Getränkeflasche; Motor aus, nicht rauchen.

**Nachdem ein Diesel leer gefahren wurde**, kann Luft ins Kraftstoffsystem gekommen sein. Es muss dann eventuell entlüftet werden, bevor er anspringt.""",
"diesel>diesel-prime": "Kraftstoff ist im Tank",
"diesel>resolved-help": "Hilfe ist unterwegs",
"diesel>volunteer": "Ich erreiche niemanden",
"diesel-prime": """Diesel sind hier verschieden, also **sehen Sie in der Betriebsanleitung nach** (sie liegt im Auto).

- Manche entlüften sich selbst, wenn Sie die Zündung **einschalten, ohne zu starten**, kurz warten und das einige Male wiederholen.
- Andere brauchen eine Handpumpe oder eine Werkstatt.

Dann starten. Jeder Versuch kurz, mit Pausen dazwischen. Springt er nach einigen Versuchen nicht an, hören Sie auf: langes Orgeln kann Anlasser und Kraftstoffpumpe beschädigen.""",
"diesel-prime>resolved": "Er ist angesprungen",
"diesel-prime>roadside": "Er springt nicht an",
"restart": """Starten Sie. Nach dem Leerfahren kann es etwas länger dauern als sonst, bis er anspringt.

Jeder Versuch kurz, mit Pausen dazwischen. Springt er nach einigen Versuchen nicht an, hören Sie auf und rufen Sie Hilfe.""",
"restart>resolved": "Er ist angesprungen",
"restart>roadside": "Er springt nicht an",
"electric": """Rufen Sie {roadside} an und sagen Sie, dass es ein **Elektroauto mit leerem Akku** ist. Manche Dienste können vor Ort kurz nachladen oder das Auto zu einer Ladesäule bringen.

**Abschleppen:** Viele Elektroautos dürfen nicht mit den Rädern auf der Straße geschleppt werden. Wenn die Betriebsanleitung es nicht erlaubt, verlangen Sie einen Transport auf der Ladefläche oder mit allen Rädern angehoben.

Lassen Sie die Warnblinker an und warten Sie an einem sicheren Ort, weg vom Verkehr.""",
"electric>resolved-help": "Hilfe ist unterwegs",
"electric>volunteer": "Ich erreiche niemanden",
"roadside": """Rufen Sie {roadside} an.

Sagen Sie:
- wo genau Sie sind (Straße, Richtung, nächste Ausfahrt oder Kilometerangabe)
- Benzin, Diesel oder Elektro, und dass das Auto stehen geblieben ist
- ob Sie auf einer Autobahn oder an einer unsicheren Stelle sind

Warten Sie an einem sicheren Ort, weg vom Verkehr.""",
"roadside>resolved-help": "Hilfe ist unterwegs",
"roadside>volunteer": "Ich erreiche niemanden",
"resolved": """Er läuft wieder. Fahren Sie direkt zu einer Tankstelle oder Ladesäule und tanken oder laden Sie richtig.

Vorsicht beim Einfädeln: Beschleunigen Sie auf dem Seitenstreifen und warten Sie auf eine sichere Lücke.

**Für das nächste Mal:** Fahren Sie längere Strecken nur mit mindestens einem Viertel Tank (oder genug Ladung für einen Umweg) los.""",
"resolved-help": """Hilfe ist unterwegs. Warten Sie an einem sicheren Ort, weg vom Verkehr, mit Warnblinker.

Ändert sich etwas oder gerät jemand in Gefahr, rufen Sie {emergency} an.

**Für das nächste Mal:** Fahren Sie längere Strecken nur mit mindestens einem Viertel Tank (oder genug Ladung für einen Umweg) los.""",
"volunteer": """Ein **Club-Freiwilliger** kann übernehmen, wenn einer verfügbar ist.

**Bis dahin:**
- rufen Sie {roadside} an – warten Sie nicht auf uns, wenn Sie jetzt Hilfe brauchen
- bleiben Sie an einem sicheren Ort, weg vom Verkehr, Warnblinker an
- gehen Sie nicht an einer schnellen Straße entlang, um Kraftstoff zu holen

Gerät jemand in Gefahr, rufen Sie {emergency} an.""",
}

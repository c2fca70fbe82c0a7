# pitcrew's own words in English, the language every other file falls back to.
# Keys are listed in src/i18n/mod.rs (`Msg`); a test holds every language to the same keys.

## Buttons on every step of a guide
nav-back = Back
nav-restart = Start over
nav-volunteer = Talk to a volunteer

## Under a step that handed the member to a volunteer
escalated-footer = Volunteers are club members helping in their free time.

## Notes above a step (why the screen is what it is)
notice-guide-updated = This guide was updated since your last step. You are on the same step of the new version.
notice-step-removed = This guide was updated and your step no longer exists. Please start over; it only takes a moment.
notice-old-step = That button was from an earlier step, so nothing changed. Here is where you are now.
notice-unavailable = That option isn't available on this step, so nothing changed.
notice-closed = This guide was closed. Start over, or type /triage, whenever you need it.
notice-resumed = Welcome back. Here is where you left off.

## Slash commands (Discord shows these in the command picker)
cmd-triage = Step-by-step help when you are stuck with your car (private to you)
cmd-triage-guide = What happened? Start typing; leave empty to pick. `cancel` closes your guide.
cmd-pitcrew = Set up the volunteer handoff (moderators)
cmd-pitcrew-setup = Set the volunteer role, the channels and the reminder interval
cmd-pitcrew-setup-role = Members with this role get handoff cards
cmd-pitcrew-setup-cards = Where handoff cards are posted for volunteers
cmd-pitcrew-setup-help = Where private threads with members are opened
cmd-pitcrew-setup-renotify = Remind volunteers this often while nobody has claimed (default 10)
cmd-pitcrew-setup-region = The country whose emergency numbers members are given
cmd-pitcrew-status = Show the current setup and what is missing
cmd-volunteer = For the club's volunteers
cmd-volunteer-queue = Open handoffs: urgent first, then oldest
cmd-volunteer-duty = Go on duty (named on urgent cards) or off
cmd-volunteer-duty-state = on or off
cmd-car = Tell pitcrew your car once, so guides fit it (private to you)
cmd-car-set = Save or change your car
cmd-car-set-make = Who made it
cmd-car-set-model = Model, e.g. Cooper S or 320d
cmd-car-set-year = Model year
cmd-car-set-key = Your key, if you know it: guides skip questions it answers
cmd-car-show = Show the car pitcrew keeps for you
cmd-car-forget = Delete the car pitcrew keeps for you

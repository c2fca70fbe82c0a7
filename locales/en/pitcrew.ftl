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

## The picker: what `/triage` shows without a guide, and the suggestions for a description
picker-title = What happened?
picker-danger = If anyone is in danger, call **{ $emergency }** first.
picker-pick = Pick what happened, or describe it in your own words.
picker-car-saved = Guides for your saved car come first. `/car show` to check it.
picker-car-tip = Tip: `/car set` tells pitcrew your car once, so guides skip what it already answers.
picker-placeholder = Choose what happened
picker-describe = Describe your problem
none-fits = None of these — ask a volunteer
nothing-fits-title = No guide fits that
nothing-fits = None of our guides fits what you described, so we won't send you down one that doesn't. Press **{ none-fits }** and a club volunteer gets your words, or pick a guide below if one does match after all.
suggest-title = These guides fit best
your-words = Your words
resume-title = You have a guide in progress
resume-body = **{ $title }** is still open. Carry on where you left off, or start fresh.
resume-continue = Resume
resume-new-guide = Start the new guide
# A modal input's label: at most 45 characters.
ask-modal-title = Ask a volunteer
ask-modal-label = What is wrong? (volunteers read this)
ask-modal-example = e.g. flat tyre on the A1 and no spare; I'm at a petrol station
describe-modal-example = e.g. my keys are locked in the boot

## What the member reads once a volunteer is (or cannot be) asked
next-title = What happens next
next-add-note = Add a note for the volunteer
next-urgent = **If anyone is in danger, call { $emergency } now; don't wait for us.**
next-guided = **What happens next:** a club volunteer has been told and will join your private thread here. They can already see what you answered, so you won't be asked again.
next-guided-meanwhile = **Meanwhile:** stay somewhere safe, save your phone battery, and call { $roadside } or a locksmith if you need help sooner.
next-unguided = **What happens next:** a club volunteer has been told, with your words, and will join your private thread here.
next-unguided-meanwhile = **Meanwhile:** stay somewhere safe, save your phone battery, and call { $roadside } if you need help sooner. { $in_danger }
no-volunteer-dm = **No volunteer can be reached here** (volunteers help in the club's server, not in direct messages), so nobody has been told. Call { $roadside } or a locksmith now. { $in_danger }
no-volunteer-server = **No volunteer can be reached here** (this server has not set volunteers up), so nobody has been told. Call { $roadside } or a locksmith now. { $in_danger }
not-set-up = Volunteers are not available here yet, so nobody has been told. Follow the advice above, and call { $roadside } or a locksmith if you need help now. { $in_danger }
ask-again = Your earlier request was already closed. Run `/triage` to start again and a volunteer will be asked anew. { $in_danger }
already-open = You already have a request open with the volunteers: carry on in { $place }, and add anything new there. { $in_danger }
already-open-thread = your private thread
no-server = Volunteers help in the club's server: run `/triage` there to reach one. Meanwhile, { $roadside } or a locksmith can help. { $in_danger }
not-delivered = We could not reach the volunteers just now. Follow the advice above, and call { $roadside } or a locksmith if you need help now. { $in_danger }
in-terminal =
    On Discord, a volunteer of the club would be asked now, with these words:
    { $words }

    Here in the terminal nobody is told. Call { $roadside } or a locksmith now. { $in_danger }
in-terminal-nothing = (nothing described yet)
asked-title = A volunteer has been asked
alone-title = No volunteer here
already-open-title = You already have a request open
not-reached-title = No volunteer reached

## Short notes to the member
not-yours = This guide belongs to someone else. Start your own with `/triage`; it is private to you.
gone = That guide is no longer open. Type `/triage` to start again.
broken = That button did not work. Type `/triage` to start again.
unknown-command = That command did not work. Type `/triage` to start again.
trouble = Sorry, something went wrong on our side. Please try again in a moment. { $in_danger }
restarting = pitcrew is restarting. Please try again in a minute. { $in_danger }
cancelled-request = Your request for a volunteer is cancelled, and the volunteers can see that. Type `/triage` whenever you need help again.
cancelled-guide = Your guide is closed. Type `/triage` whenever you need it again.
cancel-nothing = You have no open guide here.
cancel-choice = Cancel my open guide

## The member after a handoff: notes, "Did this solve it?"
only-member = Only the member who asked for help can answer this.
handoff-gone = That handoff no longer exists.
handoff-closed = This handoff is already closed.
note-sent = Thanks. The volunteers can see your note.
note-empty = Your note was empty, so nothing was sent.
note-modal-title = A note for the volunteer
note-modal-label = Anything a volunteer should know?
note-modal-example = e.g. where you are, what's in the trunk, your phone battery
rated-solved = Thanks for telling us. Glad you're sorted. Drive safe!
rated-not-solved = Thanks for telling us. Type `/triage` any time: the guides are there, and where this server has volunteers, you can ask one again.
rated-already = Thanks, we already have your answer.
rated-answered = Did this solve it? Answered.

## /car
car-saved = Saved: { $car }. Guides for it come first in `/triage`, and steps that ask what your car already tells are skipped. Change it with `/car set`, delete it with `/car forget`.
car-not-saved = That car was not saved: { $error }. Try `/car set` again.
car-shown = Your car: { $car }. Volunteers see it on your handoff card. `/car forget` deletes it.
car-none = pitcrew keeps no car for you. `/car set` tells it once, so guides fit your car.
car-forgotten = Your car is deleted. Guides show every step again.
car-nothing-to-forget = pitcrew kept no car for you, so there was nothing to delete.

## The member's private thread (volunteers read it too)
thread-opening = Hi { $member }, this is your private thread with the club's volunteers about **{ $title }**.
still-waiting = Still looking for a volunteer (reminder { $number } sent to the team). Meanwhile, { $roadside } or a licensed locksmith can help without waiting for us.
still-waiting-urgent = **If anyone is in danger, call { $emergency } now.**
still-waiting-danger = If anyone ends up in danger, call { $emergency }.
last-reminder = The volunteers have been reminded several times; one may still answer later. Please don't wait on us if you need help now: call roadside assistance or a locksmith.
volunteer-joined = { $volunteer } (club volunteer) has joined to help you.
volunteer-taking-over = { $volunteer } (club volunteer) is taking over to help you.
stepped-away = The volunteer had to step away; another one will pick this up. Meanwhile, roadside assistance or a locksmith can help.
resolved-by = { $volunteer } marked this as resolved.
resolved-question = { $member }, did this solve it?
# Buttons: at most 80 characters.
rate-solved = Yes, solved
rate-not-solved = No, still stuck
# Under the opening, in the server's language: the volunteers read it before they write.
thread-for-volunteers = **For volunteers:** the member reads { $language }.
# The thread's name (at most 100 characters with the title and the member's name; cut to fit).
thread-name = Help: { $title } · { $member }
# Told to the volunteers in the thread, in the server's language.
thread-member-note = Note from the member:
thread-member-cancelled = The member cancelled this request.
# The title a card and its thread show when no guide led there, or when the guide is gone.
unguided-title = A problem no guide covers
guide-gone = A guide

## The volunteers' card and their refusals, in the server's language
# Modal title at most 45 characters, its label at most 45, a select's placeholder at most 150.
card-title = Needs a volunteer · { $title }
card-title-urgent = 🚨 URGENT: someone may be in danger · { $title }
card-earlier-steps = *…{ $number } earlier steps*
card-no-guide = *No guide fitted their problem; they describe it below.*
card-no-answers = *They asked for a volunteer before answering anything.*
card-waiting = Waiting for a volunteer
card-claimed-by = Claimed by { $volunteer }
card-claimed = Claimed
card-resolved-by = Resolved by { $volunteer }
card-resolved = Resolved
card-cancelled = Cancelled by the member
card-member-left = { $member } (has left the server)
card-member = Member
card-urgency = Urgency
card-urgent = **URGENT**
card-normal = normal
card-waiting-since = Waiting since
card-status = Status
card-reads = Reads
# What "Reads" says: the member's language named in the card's language, then in its own.
card-reads-value = { $language } — write simply, or use a translator
lang-name-en = English
lang-name-de = German
card-car = Member's car
card-own-words = In the member's own words
card-member-note = Member's note
card-volunteer-note = Volunteer's note
card-answer = Member's answer
card-answer-solved = Yes, it solved it
card-answer-not-solved = No, still stuck
card-footer = Handoff #{ $number }
card-claim = Claim
card-resolve = Resolve
card-release = Release
card-open-thread = Open the thread
card-transfer = Transfer to another volunteer
card-not-volunteer = Only the club's volunteers can do that.
card-gone = That handoff no longer exists.
card-closed = This handoff is already closed.
card-taken = { $volunteer } already has this one.
card-picked-not-volunteer = { $volunteer } is not a volunteer here, so this stays with you.
card-nobody-picked = Pick a volunteer to hand over to.
resolve-modal-title = Resolve this handoff
resolve-modal-label = Note for the record (optional)

## Pings and reminders in the volunteers' channel ($member: who is pinged, $words: the ping line, $max: the last reminder's number)
ping-urgent = 🚨 { $member }: urgent, a member may be in danger.
ping-normal = { $member }: a member needs a volunteer.
reminder-line = { $words } Still waiting (reminder { $number } of { $max }):
back-in-queue = { $words } Back in the queue:

## /pitcrew status (and setup's answer), in the server's language like the cards it sets up
status-title = **Volunteer handoff setup**
status-role = Volunteer role: { $role }
status-cards = Volunteers' channel (cards): { $place }
status-help = Help channel (private threads): { $place }
status-renotify = Reminders every: { $number } min
status-region = Region: { $region } (emergency screens say: call { $emergency })
status-region-unset = Region: *not set* (each member's Discord language picks the emergency number where it is clear, else all are listed side by side; set it with `/pitcrew setup region:`)
status-not-set = *not set*
status-log = Moderators' log (guide problems at a reload): { $place }
status-log-unset = Moderators' log: *not set* (guide problems at a reload go to the process log only; set it with `/pitcrew setup log_channel:`)
status-ready = ✅ Ready: members who ask get a volunteer.
status-missing = ⚠️ Missing: { $words }. Until then members get the guide's own advice only. Set it with `/pitcrew setup`.
status-missing-role = the volunteer role
status-missing-cards = the volunteers' channel (for handoff cards)
status-missing-help = the help channel (for private threads)
status-permission = ⚠️ The bot lacks a permission: **{ $error }**. Give it that permission, then try again.

## The terminal (`pitcrew chat`); the keys (y, n, b, r, h, q, v) are the same in every language
chat-no-such-guide = There is no guide called `{ $words }`. The guides are:
chat-run-with-id = Run `pitcrew chat ID` with one of these ids, or `pitcrew chat` to pick.
chat-unfinished = You have an unfinished guide: { $title } (step { $number }).
chat-resume-prompt = Continue where you left off? [y]es / [n]o, start over
chat-yes-or-no = Please type y or n.
chat-which-problem = Which problem do you have?
chat-pick-prompt = Type a number, or describe your problem in a few words ({ $words }; q to quit)
chat-number-range = Please type a number from 1 to { $max }.
chat-nothing-fits = None of our guides fits what you described.
chat-match-after-all = If one of these does match after all, type its number:
chat-fit-best = These guides fit best:
chat-guide-gone = That guide is no longer available.
chat-emergency = !!! EMERGENCY: act on this now !!!
chat-escalated = (In Discord a club volunteer is told now. This terminal sends nothing.)
chat-quit = Quit
chat-a-number = a number from 1 to { $max }
chat-type-keys = Please type { $words }.
chat-saved = Saved. Run `pitcrew chat` again to continue where you left off.
chat-take-care = Take care. Run `pitcrew chat` any time you need it again.
## The forum helper ($place: a channel mention; $title: a post's title; $words: the forums watched; $emergency: what to call)
cmd-pitcrew-forum = Answer new posts in a forum channel with the fitting guides, or stop
cmd-pitcrew-forum-channel = The forum channel whose new posts pitcrew answers
cmd-pitcrew-forum-watch = on: answer new posts there; off: stop
cmd-pitcrew-forum-nothing-fits = When no guide fits a post: offer a volunteer (default), or stay silent
forum-watching = pitcrew now answers new posts in { $place } with the guides that fit them.
forum-stopped = pitcrew no longer answers new posts in { $place }.
forum-none = No forum is watched now.
forum-listed = Watched forums: { $words }
forum-reply-title = Guides that may help
forum-reply-intro = Press one to walk through it step by step. Only you see it, and anyone with the same problem can press too.
forum-reply-none = None of our guides fits this post. A club volunteer can help: press **{ forum-ask }**.
forum-ask = Ask a volunteer
forum-emergency = 🚨 **If anyone is in danger, call { $emergency } now.**
forum-alerted = Club volunteers have been alerted.
forum-post-words = Forum post “{ $title }”: { $place }
## Live content: /pitcrew setup's log channel and /pitcrew reload
cmd-pitcrew-setup-log = Moderators' log: pitcrew posts guide problems found at a reload here
cmd-pitcrew-reload = Reload the guides from the content folder now and show the result

# The moderators' and volunteers' own commands, in the caller's language.
cmd-in-a-server = This command works in a server.
setup-not-allowed = Only members with the Manage Server permission can change pitcrew's setup.
volunteer-only = Only the club's volunteers can use this (ask a moderator for the volunteer role).
duty-on = You are on duty: urgent cards will name you.
duty-off = You are off duty. Thanks for helping!
queue-empty = Nobody is waiting. 🎉
queue-head = **{ $number } open handoff(s)**, urgent first:
queue-claimed-by = claimed by { $volunteer }
queue-unclaimed = **unclaimed**
queue-waiting-since = waiting since { $words }
queue-card = card
queue-more = …and { $number } more.

# /pitcrew status: a permission the bot lacks, in the server's language. The names are
# Discord's own, as its server settings show them.
perm-lacks = ⚠️ pitcrew lacks **{ $words }**: { $error }.
perm-lacks-in = ⚠️ pitcrew lacks **{ $words }** in { $place }: { $error }.
perm-unreadable = ⚠️ pitcrew could not read its own permissions here; run `pitcrew doctor` or check them in the server settings.
perm-view-channels = View Channels
perm-view-channels-breaks = pitcrew cannot see the volunteers' or help channel: no card and no thread is made
perm-send-messages = Send Messages
perm-send-messages-breaks = no handoff card reaches the volunteers' channel: members keep the guide but no volunteer is told
perm-embed-links = Embed Links
perm-embed-links-breaks = handoff cards arrive without the member's answers
perm-create-private-threads = Create Private Threads
perm-create-private-threads-breaks = members keep the guide but no volunteer is reached (no private thread to talk in)
perm-send-in-threads = Send Messages in Threads
perm-send-in-threads-breaks = nothing is said in the private threads (the member's summary, the rating question) and forum posts get no guides
perm-manage-threads = Manage Threads
perm-manage-threads-breaks = resolved handoffs' threads cannot be locked, so they stay open for replies
perm-mention-everyone = Mention @everyone, @here, and All Roles
perm-mention-everyone-breaks = the volunteer role is not pinged for new cards unless the role itself allows anyone to mention it

# Live content: /pitcrew reload's answer and the moderators' log channel.
reload-not-allowed = Only members with the Manage Server permission can reload pitcrew's guides.
reload-done = ✅ Reloaded: { $number } guide(s) are live. Open guides continue where they can.
reload-refused = ⚠️ The guides were not reloaded: the content fails `pitcrew check` with { $number } problem(s). The running guides stay until it is fixed.
reload-more = …and { $number } more: run `pitcrew check`.

# A guide's screens: the emergency title, and "Did this fix it?" on every resolved outcome.
emergency-title = 🚨 Emergency · { $title }
fixed-ask = Did this fix it?
fixed-why = Your answer helps the club's moderators improve this guide.
fixed-yes = Yes, it's fixed
fixed-no = No, I'm still stuck
fixed-thanks = Thanks for telling us.

chat-fixed-prompt = Did this fix it? [y]es / [n]o

# /forget-me: the member's data removed on request. Command description: at most 100 characters;
# buttons: at most 80.
cmd-forget-me = Delete what pitcrew keeps about you (asks first; only you see it)
forget-me-title = Forget me?
forget-me-removed = **Removed:** your guides and your answers in them, your notes and descriptions for volunteers, and your saved car. Requests still open with the volunteers are cancelled.
forget-me-stays = **Stays:** anonymous counts (how often a guide was used, how it ended), with nothing that points to you. The volunteers' cards of your requests are changed to say the details were removed at your request.
forget-me-confirm = Forget me
forget-me-keep = Keep my data
forget-me-kept = Nothing was removed.
forget-me-not-yours = Only the member who asked can answer this.
forget-me-done = Done. pitcrew no longer knows this about you:
forget-me-done-sessions = { $number } guide session(s)
forget-me-done-requests = { $number } request(s) for a volunteer (their cards now say the details were removed)
forget-me-done-released = { $number } request(s) you had taken as a volunteer, back in the queue
forget-me-done-car = your saved car
forget-me-done-nothing = pitcrew had nothing stored about you.
card-forgotten = The details of this request were removed at the member's request.

# Pictures for moderators: a guide's funnel chart and its decision graph.
chart-no-data = No data yet
chart-left = { $number } left
chart-went-on = reached and went on
chart-left-here = left here
graph-step = step
graph-resolved = resolved
graph-escalate = to a volunteer
graph-emergency = emergency
graph-edges = thicker line: more members went this way

# /pitcrew stats and /pitcrew graph: figures and pictures for moderators. Command and option
# descriptions: at most 100 characters; embed field names: at most 256.
cmd-pitcrew-stats = Figures: starts, outcomes, where members leave, volunteer times
cmd-pitcrew-stats-guide = One guide only (all guides when empty)
cmd-pitcrew-graph = A picture of a guide's decision graph and how members walked it
cmd-pitcrew-graph-guide = The guide to draw
cmd-pitcrew-since = How many days back (30 when empty)
stats-title = Figures · { $title }
stats-all = All guides
stats-window = Guides started in the last { $number } days. The chart shows where members left; the full table is the CSV file.
stats-none = No guide was started in this time.
stats-not-allowed = Only members with the Manage Server permission can see pitcrew's figures and pictures.
stats-starts = Started
stats-outcomes = Outcomes
stats-resolved = resolved
stats-escalated = to a volunteer
stats-emergency = emergency
stats-abandoned = left without an outcome
stats-in-progress = still going
stats-fixed = Did this fix it?
stats-yes = yes
stats-no = no
stats-no-answer = no answer
stats-median = Median time to an outcome
stats-handoffs = Requests for a volunteer
stats-to-claim = median time to claim
stats-to-resolve = median time to resolve
stats-before-reminder = claimed before the first reminder
stats-after-last-reminder = unclaimed after the last reminder
stats-ratings = solved / not solved
stats-worst = Where most members left
stats-unknown-guide = No guide is called { $title }. Start typing in the guide option and pick one from the list.
stats-no-picture = The picture could not be drawn this time; the figures are complete.
graph-window = Thicker lines: more members went that way in the last { $number } days. A red outline: members left there.

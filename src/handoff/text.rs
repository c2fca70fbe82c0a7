//! The words members and volunteers read around a handoff. Kept here, away from Discord, so
//! the terminal and tests read the same sentences.

use crate::domain::{Region, UserId, RENOTIFY_MAX};

/// Shown to the member as soon as the handoff is opened.
pub fn member_next(urgent: bool, region: Region) -> String {
    let mut s = String::new();
    if urgent {
        s.push_str(&format!(
            "**If anyone is in danger, call {} now; don't wait for us.**\n\n",
            region.emergency()
        ));
    }
    s.push_str(&format!(
        "**What happens next:** a club volunteer has been told and will join your private \
         thread here. They can already see what you answered, so you won't be asked again.\n\n\
         **Meanwhile:** stay somewhere safe, save your phone battery, and call {} or a \
         locksmith if you need help sooner.",
        region.numbers().roadside
    ));
    s
}

/// The button (and terminal choice) that always leads to a person when no guide fits.
pub const NONE_FITS: &str = "None of these — ask a volunteer";

/// A card's (and thread's) title when no guide led to it.
pub const UNGUIDED_TITLE: &str = "A problem no guide covers";

/// Said plainly when a description fits none of the guides, instead of offering the nearest.
pub const NOTHING_FITS: &str = "None of our guides fits what you described, so we won't send \
    you down one that doesn't. Press **None of these — ask a volunteer** and a club volunteer \
    gets your words, or pick a guide below if one does match after all.";

/// Shown when the member asked for a person with their own words and a volunteer was told.
pub fn unguided_next(region: Region) -> String {
    format!(
        "**What happens next:** a club volunteer has been told, with your words, and will join \
         your private thread here.\n\n**Meanwhile:** stay somewhere safe, save your phone \
         battery, and call {} if you need help sooner. {}",
        region.numbers().roadside,
        region.in_danger()
    )
}

/// Shown instead of a promise when no volunteer can be reached here: in a DM (`in_dm`) or a
/// server whose volunteers are not set up.
pub fn no_volunteer_here(in_dm: bool, region: Region) -> String {
    let why = if in_dm {
        "volunteers help in the club's server, not in direct messages"
    } else {
        "this server has not set volunteers up"
    };
    format!(
        "**No volunteer can be reached here** ({why}), so nobody has been told. Call {} or a \
         locksmith now. {}",
        region.numbers().roadside,
        region.in_danger()
    )
}

/// The terminal's "None of these": what Discord would do with `words`, and what to do now.
pub fn unguided_in_terminal(words: &str, region: Region) -> String {
    let words = if words.trim().is_empty() {
        "> (nothing described yet)".to_string()
    } else {
        quote(words.trim())
    };
    format!(
        "On Discord, a volunteer of the club would be asked now, with these words:\n{words}\n\n\
         Here in the terminal nobody is told. Call {} or a locksmith now. {}",
        region.numbers().roadside,
        region.in_danger()
    )
}

/// Shown when this server has no volunteers set up: the guide's own advice stands.
pub fn not_set_up(region: Region) -> String {
    format!(
        "Volunteers are not available here yet, so nobody has been told. Follow the advice \
         above, and call {} or a locksmith if you need help now. {}",
        region.numbers().roadside,
        region.in_danger()
    )
}

/// Shown when this walk's handoff is already over.
pub fn ask_again(region: Region) -> String {
    format!(
        "Your earlier request was already closed. Run `/triage` to start again and a volunteer \
         will be asked anew. {}",
        region.in_danger()
    )
}

/// Shown when the member already has a request open with the volunteers.
pub fn already_open(thread: Option<crate::domain::ChannelId>, region: Region) -> String {
    let place = match thread {
        Some(t) => format!("your private thread <#{t}>"),
        None => "your private thread".to_string(),
    };
    format!(
        "You already have a request open with the volunteers: carry on in {place}, and add \
         anything new there. {}",
        region.in_danger()
    )
}

/// Shown in a DM: volunteers are reached from the club's server.
pub fn no_server(region: Region) -> String {
    format!(
        "Volunteers help in the club's server: run `/triage` there to reach one. Meanwhile, \
         {} or a locksmith can help. {}",
        region.numbers().roadside,
        region.in_danger()
    )
}

/// Shown when the handoff could not be delivered (a missing permission, Discord trouble).
pub fn not_delivered(region: Region) -> String {
    format!(
        "We could not reach the volunteers just now. Follow the advice above, and call {} or a \
         locksmith if you need help now. {}",
        region.numbers().roadside,
        region.in_danger()
    )
}

/// Posted to the member each time nobody has claimed the handoff yet.
pub fn still_waiting(urgent: bool, notice: u32, region: Region) -> String {
    let mut s = format!(
        "Still looking for a volunteer (reminder {notice} sent to the team). Meanwhile, {} or \
         a licensed locksmith can help without waiting for us.",
        region.numbers().roadside
    );
    let emergency = region.emergency();
    s.push_str(&if urgent {
        format!("\n\n**If anyone is in danger, call {emergency} now.**")
    } else {
        format!("\n\nIf anyone ends up in danger, call {emergency}.")
    });
    s
}

/// Posted to the member after the last reminder went unanswered.
pub const LAST_REMINDER: &str = "The volunteers have been reminded several times; one may still \
    answer later. Please don't wait on us if you need help now: call roadside assistance or a \
    locksmith.";

/// Posted in the member's thread when a volunteer joins it (`what`: "has joined to help you").
pub fn volunteer_joined(volunteer: UserId, what: &str) -> String {
    format!("<@{volunteer}> (club volunteer) {what}.")
}

/// Said in the thread when a volunteer claims the handoff.
pub const JOINED: &str = "has joined to help you";
/// Said in the thread when a handoff is transferred to another volunteer.
pub const TAKING_OVER: &str = "is taking over to help you";

/// Posted in the member's thread when the volunteer gives the handoff back to the queue.
pub const STEPPED_AWAY: &str = "The volunteer had to step away; another one will pick this up. Meanwhile, roadside assistance or a locksmith can help.";

/// Posted in the thread after the member's `/triage cancel`.
pub const MEMBER_CANCELLED: &str = "The member cancelled this request.";

/// The first message in the member's private thread.
pub fn opening(member: UserId, guide_title: &str, urgent: bool, region: Region) -> String {
    format!(
        "Hi <@{member}>, this is your private thread with the club's volunteers about **{guide_title}**.\n\n{}",
        member_next(urgent, region)
    )
}

/// The private thread's name.
pub fn thread_name(guide_title: &str, member_name: &str) -> String {
    format!("Help: {guide_title} · {member_name}")
}

/// The volunteer's resolution, and the question the member answers with a button.
pub fn resolved(volunteer: UserId, member: UserId, quoted_note: Option<&str>) -> String {
    let mut text = format!("<@{volunteer}> marked this as resolved.");
    if let Some(note) = quoted_note {
        text.push_str(&format!("\n{note}"));
    }
    text.push_str(&format!("\n\n<@{member}>, did this solve it?"));
    text
}

/// The member's note as posted in the thread.
pub fn member_note(quoted: &str) -> String {
    format!("Note from the member:\n{quoted}")
}

/// Member text shown as a quote, one `> ` per line, so it cannot pass for our own words.
pub fn quote(text: &str) -> String {
    text.lines()
        .map(|l| format!("> {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// What goes above a card or a reminder: the names of whoever is pinged, and why.
pub fn ping_line(urgent: bool, pinged: &str) -> String {
    if urgent {
        format!("🚨 {pinged}: urgent, a member may be in danger.")
    } else {
        format!("{pinged}: a member needs a volunteer.")
    }
}

/// A reminder to the volunteers' channel (`link` to the card, if posted).
pub fn reminder(ping_line: &str, number: u32, link: Option<&str>) -> String {
    let link = link.map(|u| format!(" {u}")).unwrap_or_default();
    format!("{ping_line} Still waiting (reminder {number} of {RENOTIFY_MAX}):{link}")
}

/// The re-ping after a release.
pub fn back_in_queue(ping_line: &str, link: Option<&str>) -> String {
    let link = link.map(|u| format!(" {u}")).unwrap_or_default();
    format!("{ping_line} Back in the queue:{link}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_a_volunteer_nothing_is_promised_and_danger_is_named() {
        let gb = Region::Gb;
        for said in [no_volunteer_here(true, gb), no_volunteer_here(false, gb)] {
            assert!(said.contains("No volunteer can be reached here"), "{said}");
            assert!(!said.contains("has been told,"), "{said}");
            assert!(said.contains(&gb.in_danger()), "{said}");
            assert!(said.contains("999"), "{said}");
        }
        let terminal = unguided_in_terminal("@everyone flat tyre\nno spare", gb);
        assert!(
            terminal.contains("> @everyone flat tyre\n> no spare"),
            "{terminal}"
        );
        assert!(terminal.contains(&gb.in_danger()));
    }

    #[test]
    fn urgent_texts_lead_with_the_emergency_number() {
        let us = Region::Us;
        assert!(member_next(true, us).starts_with("**If anyone is in danger, call 911"));
        assert!(!member_next(false, us).contains("don't wait for us"));
        assert!(still_waiting(true, 2, us).contains("call 911"));
        assert!(still_waiting(false, 1, us).contains("reminder 1"));
    }

    #[test]
    fn every_member_text_gives_the_number_of_its_region() {
        for region in Region::ALL {
            let number = region.emergency();
            let texts = [
                member_next(true, region),
                not_set_up(region),
                ask_again(region),
                already_open(None, region),
                no_server(region),
                not_delivered(region),
                still_waiting(true, 1, region),
                still_waiting(false, 1, region),
                opening(UserId(1), "A guide", true, region),
            ];
            for text in texts {
                assert!(text.contains(&number), "{region}: {text}");
                if region != Region::Us && region != Region::Ca && region != Region::Other {
                    assert!(!text.contains("911"), "{region}: {text}");
                }
            }
        }
        assert!(member_next(true, Region::Gb).starts_with("**If anyone is in danger, call 999"));
        assert!(no_server(Region::Gb).contains("a breakdown service (AA"));
    }
}

//! The words members and volunteers read around a handoff. Kept here, away from Discord, so
//! the terminal and tests read the same sentences. What a member reads on their own screen is
//! in their language (from `i18n`), and so is what the thread says to the member; what is said
//! to the volunteers (the card, reminders, notes about the member) is in the server's
//! (`card::server_lang`): the card names the member's language.

use crate::domain::{ChannelId, Region, UserId, RENOTIFY_MAX};
use crate::guide::Lang;
use crate::i18n::{self, Arg, Msg};

/// A member text in `lang`, with the region's numbers and roadside help put in, in the same
/// language (`Arg::Emergency`, `Arg::Roadside`, `Arg::InDanger`).
fn said(msg: Msg, region: Region, lang: Lang) -> String {
    said_with(msg, region, lang, &[])
}

fn said_with(msg: Msg, region: Region, lang: Lang, more: &[(Arg, &str)]) -> String {
    let speech = lang.into();
    let emergency = region.emergency_in(speech);
    let in_danger = region.in_danger_in(speech);
    let mut args = vec![
        (Arg::Emergency, emergency.as_str()),
        (Arg::Roadside, region.roadside_in(speech)),
        (Arg::InDanger, in_danger.as_str()),
    ];
    args.extend_from_slice(more);
    i18n::text_with(lang, msg, &args)
}

/// Shown to the member as soon as the handoff is opened, in the member's `lang`.
pub fn member_next(urgent: bool, region: Region, lang: Lang) -> String {
    let mut s = String::new();
    if urgent {
        s.push_str(&said(Msg::NextUrgent, region, lang));
        s.push_str("\n\n");
    }
    s.push_str(&paragraphs(
        &[Msg::NextGuided, Msg::NextGuidedMeanwhile],
        region,
        lang,
    ));
    s
}

/// Messages said one after the other, a blank line between them (Fluent cannot start a line
/// of a message with the `**` that opens each paragraph, so each is a message of its own).
fn paragraphs(msgs: &[Msg], region: Region, lang: Lang) -> String {
    let said: Vec<String> = msgs.iter().map(|&m| said(m, region, lang)).collect();
    said.join("\n\n")
}

/// The button (and terminal choice) that always leads to a person when no guide fits.
pub fn none_fits(lang: Lang) -> String {
    i18n::text(lang, Msg::NoneFits).into_owned()
}

/// A card's (and thread's) title when no guide led to it, in `lang`.
pub fn unguided_title(lang: Lang) -> String {
    i18n::text(lang, Msg::UnguidedTitle).into_owned()
}

/// Said plainly when a description fits none of the guides, instead of offering the nearest.
pub fn nothing_fits(lang: Lang) -> String {
    i18n::text(lang, Msg::NothingFits).into_owned()
}

/// Shown when the member asked for a person with their own words and a volunteer was told.
pub fn unguided_next(region: Region, lang: Lang) -> String {
    paragraphs(
        &[Msg::NextUnguided, Msg::NextUnguidedMeanwhile],
        region,
        lang,
    )
}

/// Shown instead of a promise when no volunteer can be reached here: in a DM (`in_dm`) or a
/// server whose volunteers are not set up.
pub fn no_volunteer_here(in_dm: bool, region: Region, lang: Lang) -> String {
    let msg = if in_dm {
        Msg::NoVolunteerDm
    } else {
        Msg::NoVolunteerServer
    };
    said(msg, region, lang)
}

/// The terminal's "None of these": what Discord would do with `words`, and what to do now.
pub fn unguided_in_terminal(words: &str, region: Region, lang: Lang) -> String {
    let words = if words.trim().is_empty() {
        format!("> {}", i18n::text(lang, Msg::InTerminalNothing))
    } else {
        quote(words.trim())
    };
    said_with(Msg::InTerminal, region, lang, &[(Arg::Words, &words)])
}

/// Shown when this server has no volunteers set up: the guide's own advice stands.
pub fn not_set_up(region: Region, lang: Lang) -> String {
    said(Msg::NotSetUp, region, lang)
}

/// Shown when this walk's handoff is already over.
pub fn ask_again(region: Region, lang: Lang) -> String {
    said(Msg::AskAgain, region, lang)
}

/// Shown when the member already has a request open with the volunteers.
pub fn already_open(thread: Option<ChannelId>, region: Region, lang: Lang) -> String {
    let thread_words = i18n::text(lang, Msg::AlreadyOpenThread);
    let place = match thread {
        Some(t) => format!("{thread_words} <#{t}>"),
        None => thread_words.into_owned(),
    };
    said_with(Msg::AlreadyOpen, region, lang, &[(Arg::Place, &place)])
}

/// Shown in a DM: volunteers are reached from the club's server.
pub fn no_server(region: Region, lang: Lang) -> String {
    said(Msg::NoServer, region, lang)
}

/// Shown when the handoff could not be delivered (a missing permission, Discord trouble).
pub fn not_delivered(region: Region, lang: Lang) -> String {
    said(Msg::NotDelivered, region, lang)
}

/// Posted to the member each time nobody has claimed the handoff yet, in the member's `lang`.
pub fn still_waiting(urgent: bool, notice: u32, region: Region, lang: Lang) -> String {
    let number = notice.to_string();
    let mut s = said_with(Msg::StillWaiting, region, lang, &[(Arg::Number, &number)]);
    s.push_str("\n\n");
    s.push_str(&said(
        if urgent {
            Msg::StillWaitingUrgent
        } else {
            Msg::StillWaitingDanger
        },
        region,
        lang,
    ));
    s
}

/// Posted to the member after the last reminder went unanswered.
pub fn last_reminder(lang: Lang) -> String {
    i18n::text(lang, Msg::LastReminder).into_owned()
}

/// Posted in the member's thread when a volunteer joins it (`msg`: joined, or taking over),
/// in the member's `lang`.
pub fn volunteer_joined(volunteer: UserId, msg: Msg, lang: Lang) -> String {
    let volunteer = format!("<@{volunteer}>");
    i18n::text_with(lang, msg, &[(Arg::Volunteer, &volunteer)])
}

/// Posted in the member's thread when the volunteer gives the handoff back to the queue.
pub fn stepped_away(lang: Lang) -> String {
    i18n::text(lang, Msg::SteppedAway).into_owned()
}

/// Posted in the thread after the member's `/triage cancel`: to the volunteers, so in the
/// server's language.
pub fn member_cancelled(server: Lang) -> String {
    i18n::text(server, Msg::ThreadMemberCancelled).into_owned()
}

/// The first message in the member's private thread, in the member's `lang`.
pub fn opening(
    member: UserId,
    guide_title: &str,
    urgent: bool,
    region: Region,
    lang: Lang,
) -> String {
    let member = format!("<@{member}>");
    let hello = i18n::text_with(
        lang,
        Msg::ThreadOpening,
        &[(Arg::Member, &member), (Arg::Title, guide_title)],
    );
    format!("{hello}\n\n{}", member_next(urgent, region, lang))
}

/// The line under the thread's opening that tells the volunteers which language the member
/// reads (`reads`, from [`super::card::reads`]), in the server's language like the card.
pub fn for_volunteers(reads: &str, server: Lang) -> String {
    i18n::text_with(server, Msg::ThreadForVolunteers, &[(Arg::Language, reads)])
}

/// The private thread's name, in the server's language: the volunteers find it by it.
pub fn thread_name(guide_title: &str, member_name: &str, server: Lang) -> String {
    i18n::text_with(
        server,
        Msg::ThreadName,
        &[(Arg::Title, guide_title), (Arg::Member, member_name)],
    )
}

/// The volunteer's resolution, and the question the member answers with a button, in the
/// member's `lang` (the volunteer's note stays as written).
pub fn resolved(
    volunteer: UserId,
    member: UserId,
    quoted_note: Option<&str>,
    lang: Lang,
) -> String {
    let volunteer = format!("<@{volunteer}>");
    let member = format!("<@{member}>");
    let mut text = i18n::text_with(lang, Msg::ResolvedBy, &[(Arg::Volunteer, &volunteer)]);
    if let Some(note) = quoted_note {
        text.push_str(&format!("\n{note}"));
    }
    text.push_str("\n\n");
    text.push_str(&i18n::text_with(
        lang,
        Msg::ResolvedQuestion,
        &[(Arg::Member, &member)],
    ));
    text
}

/// The member's note as posted in the thread, for the volunteers: in the server's language.
pub fn member_note(quoted: &str, server: Lang) -> String {
    let said = i18n::text(server, Msg::ThreadMemberNote);
    format!("{said}\n{quoted}")
}

/// Member text shown as a quote, one `> ` per line, so it cannot pass for our own words.
pub fn quote(text: &str) -> String {
    text.lines()
        .map(|l| format!("> {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// What goes above a card or a reminder: the names of whoever is pinged, and why, in the
/// server's language (volunteers read it).
pub fn ping_line(urgent: bool, pinged: &str, server: Lang) -> String {
    let msg = if urgent {
        Msg::PingUrgent
    } else {
        Msg::PingNormal
    };
    i18n::text_with(server, msg, &[(Arg::Member, pinged)])
}

/// A reminder to the volunteers' channel (`link` to the card, if posted).
pub fn reminder(ping_line: &str, number: u32, link: Option<&str>, server: Lang) -> String {
    let link = link.map(|u| format!(" {u}")).unwrap_or_default();
    let (number, max) = (number.to_string(), RENOTIFY_MAX.to_string());
    let said = i18n::text_with(
        server,
        Msg::ReminderLine,
        &[
            (Arg::Words, ping_line),
            (Arg::Number, &number),
            (Arg::Max, &max),
        ],
    );
    format!("{said}{link}")
}

/// The re-ping after a release.
pub fn back_in_queue(ping_line: &str, link: Option<&str>, server: Lang) -> String {
    let link = link.map(|u| format!(" {u}")).unwrap_or_default();
    let said = i18n::text_with(server, Msg::BackInQueue, &[(Arg::Words, ping_line)]);
    format!("{said}{link}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_a_volunteer_nothing_is_promised_and_danger_is_named() {
        let gb = Region::Gb;
        for said in [
            no_volunteer_here(true, gb, Lang::En),
            no_volunteer_here(false, gb, Lang::En),
        ] {
            assert!(said.contains("No volunteer can be reached here"), "{said}");
            assert!(!said.contains("has been told,"), "{said}");
            assert!(said.contains(&gb.in_danger()), "{said}");
            assert!(said.contains("999"), "{said}");
        }
        let terminal = unguided_in_terminal("@everyone flat tyre\nno spare", gb, Lang::En);
        assert!(
            terminal.contains("> @everyone flat tyre\n> no spare"),
            "{terminal}"
        );
        assert!(terminal.contains(&gb.in_danger()));
    }

    #[test]
    fn urgent_texts_lead_with_the_emergency_number() {
        let us = Region::Us;
        assert!(member_next(true, us, Lang::En).starts_with("**If anyone is in danger, call 911"));
        assert!(!member_next(false, us, Lang::En).contains("don't wait for us"));
        assert!(still_waiting(true, 2, us, Lang::En).contains("call 911"));
        assert!(still_waiting(false, 1, us, Lang::En).contains("reminder 1"));
    }

    #[test]
    fn every_member_text_gives_the_number_of_its_region() {
        for region in Region::ALL {
            let number = region.emergency();
            let texts = [
                member_next(true, region, Lang::En),
                not_set_up(region, Lang::En),
                ask_again(region, Lang::En),
                already_open(None, region, Lang::En),
                no_server(region, Lang::En),
                not_delivered(region, Lang::En),
                still_waiting(true, 1, region, Lang::En),
                still_waiting(false, 1, region, Lang::En),
                opening(UserId(1), "A guide", true, region, Lang::En),
            ];
            for text in texts {
                assert!(text.contains(&number), "{region}: {text}");
                if region != Region::Us && region != Region::Ca && region != Region::Other {
                    assert!(!text.contains("911"), "{region}: {text}");
                }
            }
        }
        assert!(member_next(true, Region::Gb, Lang::En)
            .starts_with("**If anyone is in danger, call 999"));
        assert!(no_server(Region::Gb, Lang::En).contains("a breakdown service (AA"));
    }

    #[test]
    fn a_german_member_reads_german_with_the_regions_numbers_and_help_in_german() {
        let de = Region::De;
        let next = member_next(true, de, Lang::De);
        assert!(
            next.starts_with("**Wenn jemand in Gefahr ist, rufen Sie jetzt 112"),
            "{next}"
        );
        assert!(next.contains("einen Pannendienst (ADAC"), "{next}");
        assert!(!next.contains("What happens next"), "{next}");
        let alone = no_volunteer_here(false, de, Lang::De);
        assert!(alone.contains(&de.in_danger_in(Lang::De.into())), "{alone}");
        assert!(!alone.contains("breakdown"), "{alone}");
        assert!(none_fits(Lang::De).starts_with("Nichts davon"));
        assert_eq!(none_fits(Lang::En), "None of these — ask a volunteer");
        let terminal = unguided_in_terminal("", de, Lang::De);
        assert!(
            terminal.contains("> (noch nichts beschrieben)"),
            "{terminal}"
        );
    }

    #[test]
    fn the_thread_speaks_german_to_a_german_member() {
        let opening = opening(UserId(1), "Kofferraum", false, Region::Gb, Lang::De);
        assert!(
            opening.starts_with("Hallo <@1>, dies ist Ihr privater Thread"),
            "{opening}"
        );
        let waiting = still_waiting(true, 2, Region::Gb, Lang::De);
        assert!(waiting.starts_with("Wir suchen noch"), "{waiting}");
        assert!(
            waiting.contains("rufen Sie jetzt 999 (oder 112) an"),
            "{waiting}"
        );
        let resolved = resolved(UserId(2), UserId(1), Some("> ok"), Lang::De);
        assert_eq!(
            resolved,
            "<@2> hat dies als gelöst markiert.\n> ok\n\n<@1>, hat das Ihr Problem gelöst?"
        );
        assert!(volunteer_joined(UserId(2), Msg::VolunteerJoined, Lang::De)
            .starts_with("<@2> (Helferin"));
    }
}

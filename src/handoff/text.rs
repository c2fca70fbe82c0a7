//! The words members and volunteers read around a handoff. Kept here, away from Discord, so
//! the terminal and tests read the same sentences.

/// Shown to the member as soon as the handoff is opened.
pub fn member_next(urgent: bool) -> String {
    let mut s = String::new();
    if urgent {
        s.push_str("**If anyone is in danger, call 911 (or your local emergency number) now; don't wait for us.**\n\n");
    }
    s.push_str(
        "**What happens next:** a club volunteer has been told and will join your private \
         thread here. They can already see what you answered, so you won't be asked again.\n\n\
         **Meanwhile:** stay somewhere safe, save your phone battery, and call roadside \
         assistance or a locksmith if you need help sooner.",
    );
    s
}

/// Shown when this server has no volunteers set up: the guide's own advice stands.
pub const NOT_SET_UP: &str = "Volunteers are not available here yet, so nobody has been told. \
    Follow the advice above, and call roadside assistance or a locksmith if you need help now. \
    If anyone is in danger, call 911 (or your local emergency number).";

/// Shown when this walk's handoff is already over.
pub const ASK_AGAIN: &str = "Your earlier request was already closed. Run `/triage` to start \
    again and a volunteer will be asked anew. If anyone is in danger, call 911 (or your local \
    emergency number).";

/// Shown when the member already has a request open with the volunteers.
pub fn already_open(thread: Option<crate::domain::ChannelId>) -> String {
    let place = match thread {
        Some(t) => format!("your private thread <#{t}>"),
        None => "your private thread".to_string(),
    };
    format!(
        "You already have a request open with the volunteers: carry on in {place}, and add \
         anything new there. If anyone is in danger, call 911 (or your local emergency number)."
    )
}

/// Shown in a DM: volunteers are reached from the club's server.
pub const NO_SERVER: &str = "Volunteers help in the club's server: run `/triage` there to reach \
    one. Meanwhile, roadside assistance or a locksmith can help. If anyone is in danger, call 911 \
    (or your local emergency number).";

/// Shown when the handoff could not be delivered (a missing permission, Discord trouble).
pub const NOT_DELIVERED: &str = "We could not reach the volunteers just now. Follow the advice \
    above, and call roadside assistance or a locksmith if you need help now. If anyone is in \
    danger, call 911 (or your local emergency number).";

/// Posted to the member each time nobody has claimed the handoff yet.
pub fn still_waiting(urgent: bool, notice: u32) -> String {
    let mut s = format!(
        "Still looking for a volunteer (reminder {notice} sent to the team). Meanwhile, \
         roadside assistance (AAA, your insurer or your carmaker's program) or a licensed \
         locksmith can help without waiting for us."
    );
    s.push_str(if urgent {
        "\n\n**If anyone is in danger, call 911 (or your local emergency number) now.**"
    } else {
        "\n\nIf anyone ends up in danger, call 911 (or your local emergency number)."
    });
    s
}

/// Posted to the member after the last reminder went unanswered.
pub const LAST_REMINDER: &str = "The volunteers have been reminded several times; one may still \
    answer later. Please don't wait on us if you need help now: call roadside assistance or a \
    locksmith.";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urgent_texts_lead_with_the_emergency_number() {
        assert!(member_next(true).starts_with("**If anyone is in danger, call 911"));
        assert!(!member_next(false).contains("don't wait for us"));
        assert!(still_waiting(true, 2).contains("call 911"));
        assert!(still_waiting(false, 1).contains("reminder 1"));
    }
}

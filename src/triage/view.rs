//! What a front end draws: transport-free, already decided. Discord and the terminal render the
//! same `View`, so a guide behaves identically in both.

use serde::Serialize;

use crate::region::{fill_in, Region, Speech};

/// The built-in actions every step may offer besides the guide's own choices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Nav {
    Back,
    Restart,
    Volunteer,
}

impl Nav {
    /// The words a member sees and the answer log records.
    pub fn label(self) -> &'static str {
        match self {
            Nav::Back => "Back",
            Nav::Restart => "Start over",
            Nav::Volunteer => "Talk to a volunteer",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChoiceView {
    /// Position in the node's choices; what a button carries back.
    pub index: usize,
    pub label: String,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Flags {
    /// A person may be in danger: the handoff is urgent and jumps the queue.
    pub urgent: bool,
    /// The screen is emergency instructions: draw it so it cannot be mistaken.
    pub emergency: bool,
    /// The guide handed the member to a volunteer.
    pub escalated: bool,
    /// The member's problem is solved.
    pub resolved: bool,
}

/// Something the member should know about this screen besides the step itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Notice {
    /// The guide file changed; the member continues on the new version at the same step.
    GuideUpdated,
    /// The guide changed and the member's step no longer exists: only Start over is offered.
    StepRemoved,
    /// The press came from an older screen; this is the current one.
    OldStep,
    /// The press named something this step does not offer (a forged or garbled button).
    Unavailable,
    /// The guide was closed (cancelled, or replaced by a newer one).
    Closed,
    /// The member came back to a guide left open earlier.
    Resumed,
}

impl Notice {
    pub fn text(self) -> &'static str {
        match self {
            Notice::GuideUpdated => "This guide was updated since your last step. You are on the same step of the new version.",
            Notice::StepRemoved => "This guide was updated and your step no longer exists. Please start over; it only takes a moment.",
            Notice::OldStep => "That button was from an earlier step, so nothing changed. Here is where you are now.",
            Notice::Unavailable => "That option isn't available on this step, so nothing changed.",
            Notice::Closed => "This guide was closed. Start over, or type /triage, whenever you need it.",
            Notice::Resumed => "Welcome back. Here is where you left off.",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct View {
    pub guide_id: String,
    pub guide_title: String,
    pub node_id: String,
    /// The step counter of the state this view was drawn from; buttons carry it back.
    pub step: u32,
    pub text: String,
    pub choices: Vec<ChoiceView>,
    /// Built-in actions that apply here, in display order.
    pub nav: Vec<Nav>,
    pub flags: Flags,
    pub notice: Option<Notice>,
}

impl View {
    pub fn offers(&self, nav: Nav) -> bool {
        self.nav.contains(&nav)
    }

    /// True when the guide has ended (solved, handed over, or emergency).
    pub fn is_terminal(&self) -> bool {
        self.flags.resolved || self.flags.escalated || self.flags.emergency
    }

    pub fn with_notice(mut self, notice: Notice) -> View {
        self.notice = Some(notice);
        self
    }

    /// This view as a member in `region` reads it: the guide's placeholders (`{emergency}`,
    /// `{roadside}` …) filled in its text and labels. The engine leaves them in, since a
    /// session outlives any one screen and its reader's region is only known when drawing;
    /// both front ends draw through here, so they can never say different numbers.
    pub fn in_region(&self, region: Region) -> View {
        self.read_in(region, Speech::En)
    }

    /// [`View::in_region`] with the words around the numbers ("police: 110") in `speech`, the
    /// language the view was localized to.
    pub fn read_in(&self, region: Region, speech: Speech) -> View {
        View {
            text: fill_in(&self.text, region, speech),
            choices: self
                .choices
                .iter()
                .map(|c| ChoiceView {
                    index: c.index,
                    label: fill_in(&c.label, region, speech),
                })
                .collect(),
            ..self.clone()
        }
    }
}

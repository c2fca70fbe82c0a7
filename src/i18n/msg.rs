//! [`Msg`]: every message pitcrew's own code shows, each named once with its Fluent key.

/// Writes the enum, its list and its keys from one table, so the three cannot drift apart.
macro_rules! messages {
    ($($variant:ident => $key:literal,)*) => {
        /// Every message pitcrew's own code shows, by its Fluent key.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Msg {
            $($variant,)*
        }

        impl Msg {
            pub const ALL: &'static [Msg] = &[$(Msg::$variant,)*];

            /// The message's key in the `.ftl` files.
            pub fn key(self) -> &'static str {
                match self {
                    $(Msg::$variant => $key,)*
                }
            }
        }
    };
}

messages! {
    NavBack => "nav-back",
    NavRestart => "nav-restart",
    NavVolunteer => "nav-volunteer",
    EscalatedFooter => "escalated-footer",
    NoticeGuideUpdated => "notice-guide-updated",
    NoticeStepRemoved => "notice-step-removed",
    NoticeOldStep => "notice-old-step",
    NoticeUnavailable => "notice-unavailable",
    NoticeClosed => "notice-closed",
    NoticeResumed => "notice-resumed",
    CmdTriage => "cmd-triage",
    CmdTriageGuide => "cmd-triage-guide",
    CmdPitcrew => "cmd-pitcrew",
    CmdPitcrewSetup => "cmd-pitcrew-setup",
    CmdPitcrewSetupRole => "cmd-pitcrew-setup-role",
    CmdPitcrewSetupCards => "cmd-pitcrew-setup-cards",
    CmdPitcrewSetupHelp => "cmd-pitcrew-setup-help",
    CmdPitcrewSetupRenotify => "cmd-pitcrew-setup-renotify",
    CmdPitcrewStatus => "cmd-pitcrew-status",
    CmdVolunteer => "cmd-volunteer",
    CmdVolunteerQueue => "cmd-volunteer-queue",
    CmdVolunteerDuty => "cmd-volunteer-duty",
    CmdVolunteerDutyState => "cmd-volunteer-duty-state",
    CmdPitcrewSetupRegion => "cmd-pitcrew-setup-region",
    CmdCar => "cmd-car",
    CmdCarSet => "cmd-car-set",
    CmdCarSetMake => "cmd-car-set-make",
    CmdCarSetModel => "cmd-car-set-model",
    CmdCarSetYear => "cmd-car-set-year",
    CmdCarSetKey => "cmd-car-set-key",
    CmdCarShow => "cmd-car-show",
    CmdCarForget => "cmd-car-forget",
    PickerTitle => "picker-title",
    PickerDanger => "picker-danger",
    PickerPick => "picker-pick",
    PickerCarSaved => "picker-car-saved",
    PickerCarTip => "picker-car-tip",
    PickerPlaceholder => "picker-placeholder",
    PickerDescribe => "picker-describe",
    NoneFits => "none-fits",
    NothingFitsTitle => "nothing-fits-title",
    NothingFits => "nothing-fits",
    SuggestTitle => "suggest-title",
    YourWords => "your-words",
    ResumeTitle => "resume-title",
    ResumeBody => "resume-body",
    ResumeContinue => "resume-continue",
    ResumeNewGuide => "resume-new-guide",
    AskModalTitle => "ask-modal-title",
    AskModalLabel => "ask-modal-label",
    AskModalExample => "ask-modal-example",
    DescribeModalExample => "describe-modal-example",
    NextUrgent => "next-urgent",
    NextGuided => "next-guided",
    NextGuidedMeanwhile => "next-guided-meanwhile",
    NextUnguided => "next-unguided",
    NextUnguidedMeanwhile => "next-unguided-meanwhile",
    NextTitle => "next-title",
    NextAddNote => "next-add-note",
    NoVolunteerDm => "no-volunteer-dm",
    NoVolunteerServer => "no-volunteer-server",
    NotSetUp => "not-set-up",
    AskAgain => "ask-again",
    AlreadyOpen => "already-open",
    AlreadyOpenThread => "already-open-thread",
    NoServer => "no-server",
    NotDelivered => "not-delivered",
    InTerminal => "in-terminal",
    InTerminalNothing => "in-terminal-nothing",
    AskedTitle => "asked-title",
    AloneTitle => "alone-title",
    AlreadyOpenTitle => "already-open-title",
    NotReachedTitle => "not-reached-title",
    NotYours => "not-yours",
    Gone => "gone",
    Broken => "broken",
    UnknownCommand => "unknown-command",
    Trouble => "trouble",
    Restarting => "restarting",
    CancelledRequest => "cancelled-request",
    CancelledGuide => "cancelled-guide",
    CancelNothing => "cancel-nothing",
    CancelChoice => "cancel-choice",
    OnlyMember => "only-member",
    HandoffGone => "handoff-gone",
    HandoffClosed => "handoff-closed",
    NoteSent => "note-sent",
    NoteEmpty => "note-empty",
    NoteModalTitle => "note-modal-title",
    NoteModalLabel => "note-modal-label",
    NoteModalExample => "note-modal-example",
    RatedSolved => "rated-solved",
    RatedNotSolved => "rated-not-solved",
    RatedAlready => "rated-already",
    RatedAnswered => "rated-answered",
    CarSaved => "car-saved",
    CarNotSaved => "car-not-saved",
    CarShown => "car-shown",
    CarNone => "car-none",
    CarForgotten => "car-forgotten",
    CarNothingToForget => "car-nothing-to-forget",
}

//! The bot's own words (buttons, command descriptions, notices) per language, from Fluent
//! files embedded in the binary (`locales/LANG/pitcrew.ftl`). Guides are not here: their
//! translations sit beside them in `content/` (see `guide::translate`).
//!
//! [`Msg`] names every message, so a caller cannot ask for a key that does not exist; the
//! tests hold every language to exactly the keys of English and format every message. At run
//! time nothing here panics: a message missing or broken in one language falls back to
//! English, and in English to its key, which a test makes impossible to ship.

use std::borrow::Cow;
use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::FluentResource;
use unic_langid::LanguageIdentifier;

use crate::guide::Lang;

/// Every message pitcrew's own code shows, by its Fluent key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Msg {
    NavBack,
    NavRestart,
    NavVolunteer,
    EscalatedFooter,
    NoticeGuideUpdated,
    NoticeStepRemoved,
    NoticeOldStep,
    NoticeUnavailable,
    NoticeClosed,
    NoticeResumed,
    CmdTriage,
    CmdTriageGuide,
    CmdPitcrew,
    CmdPitcrewSetup,
    CmdPitcrewSetupRole,
    CmdPitcrewSetupCards,
    CmdPitcrewSetupHelp,
    CmdPitcrewSetupRenotify,
    CmdPitcrewStatus,
    CmdVolunteer,
    CmdVolunteerQueue,
    CmdVolunteerDuty,
    CmdVolunteerDutyState,
    CmdPitcrewSetupRegion,
    CmdCar,
    CmdCarSet,
    CmdCarSetMake,
    CmdCarSetModel,
    CmdCarSetYear,
    CmdCarSetKey,
    CmdCarShow,
    CmdCarForget,
}

impl Msg {
    pub const ALL: [Msg; 32] = [
        Msg::NavBack,
        Msg::NavRestart,
        Msg::NavVolunteer,
        Msg::EscalatedFooter,
        Msg::NoticeGuideUpdated,
        Msg::NoticeStepRemoved,
        Msg::NoticeOldStep,
        Msg::NoticeUnavailable,
        Msg::NoticeClosed,
        Msg::NoticeResumed,
        Msg::CmdTriage,
        Msg::CmdTriageGuide,
        Msg::CmdPitcrew,
        Msg::CmdPitcrewSetup,
        Msg::CmdPitcrewSetupRole,
        Msg::CmdPitcrewSetupCards,
        Msg::CmdPitcrewSetupHelp,
        Msg::CmdPitcrewSetupRenotify,
        Msg::CmdPitcrewStatus,
        Msg::CmdVolunteer,
        Msg::CmdVolunteerQueue,
        Msg::CmdVolunteerDuty,
        Msg::CmdVolunteerDutyState,
        Msg::CmdPitcrewSetupRegion,
        Msg::CmdCar,
        Msg::CmdCarSet,
        Msg::CmdCarSetMake,
        Msg::CmdCarSetModel,
        Msg::CmdCarSetYear,
        Msg::CmdCarSetKey,
        Msg::CmdCarShow,
        Msg::CmdCarForget,
    ];

    /// The message's key in the `.ftl` files.
    pub fn key(self) -> &'static str {
        match self {
            Msg::NavBack => "nav-back",
            Msg::NavRestart => "nav-restart",
            Msg::NavVolunteer => "nav-volunteer",
            Msg::EscalatedFooter => "escalated-footer",
            Msg::NoticeGuideUpdated => "notice-guide-updated",
            Msg::NoticeStepRemoved => "notice-step-removed",
            Msg::NoticeOldStep => "notice-old-step",
            Msg::NoticeUnavailable => "notice-unavailable",
            Msg::NoticeClosed => "notice-closed",
            Msg::NoticeResumed => "notice-resumed",
            Msg::CmdTriage => "cmd-triage",
            Msg::CmdTriageGuide => "cmd-triage-guide",
            Msg::CmdPitcrew => "cmd-pitcrew",
            Msg::CmdPitcrewSetup => "cmd-pitcrew-setup",
            Msg::CmdPitcrewSetupRole => "cmd-pitcrew-setup-role",
            Msg::CmdPitcrewSetupCards => "cmd-pitcrew-setup-cards",
            Msg::CmdPitcrewSetupHelp => "cmd-pitcrew-setup-help",
            Msg::CmdPitcrewSetupRenotify => "cmd-pitcrew-setup-renotify",
            Msg::CmdPitcrewStatus => "cmd-pitcrew-status",
            Msg::CmdVolunteer => "cmd-volunteer",
            Msg::CmdVolunteerQueue => "cmd-volunteer-queue",
            Msg::CmdVolunteerDuty => "cmd-volunteer-duty",
            Msg::CmdVolunteerDutyState => "cmd-volunteer-duty-state",
            Msg::CmdPitcrewSetupRegion => "cmd-pitcrew-setup-region",
            Msg::CmdCar => "cmd-car",
            Msg::CmdCarSet => "cmd-car-set",
            Msg::CmdCarSetMake => "cmd-car-set-make",
            Msg::CmdCarSetModel => "cmd-car-set-model",
            Msg::CmdCarSetYear => "cmd-car-set-year",
            Msg::CmdCarSetKey => "cmd-car-set-key",
            Msg::CmdCarShow => "cmd-car-show",
            Msg::CmdCarForget => "cmd-car-forget",
        }
    }
}

/// The Fluent source of `lang`, embedded at build time.
pub fn source(lang: Lang) -> &'static str {
    match lang {
        Lang::En => include_str!("../../locales/en/pitcrew.ftl"),
        Lang::De => include_str!("../../locales/de/pitcrew.ftl"),
    }
}

type Bundle = FluentBundle<FluentResource>;

/// One bundle per language, built on first use.
fn bundles() -> &'static [(Lang, Bundle)] {
    static BUNDLES: OnceLock<Vec<(Lang, Bundle)>> = OnceLock::new();
    BUNDLES.get_or_init(|| Lang::ALL.into_iter().map(|l| (l, bundle(l))).collect())
}

/// A bundle for `lang`. A resource with syntax errors keeps the messages Fluent could read
/// (the tests refuse such a file before it ships).
fn bundle(lang: Lang) -> Bundle {
    let id: LanguageIdentifier = lang.tag().parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Isolation marks (U+2068/U+2069) around arguments show as stray boxes in Discord.
    bundle.set_use_isolating(false);
    let resource = match FluentResource::try_new(source(lang).to_string()) {
        Ok(r) => r,
        Err((r, _errors)) => r,
    };
    // Only a duplicate key can fail here, and the first definition is then kept.
    let _ = bundle.add_resource(resource);
    bundle
}

fn format(lang: Lang, msg: Msg) -> Option<String> {
    let (_, bundle) = bundles().iter().find(|(l, _)| *l == lang)?;
    let pattern = bundle.get_message(msg.key())?.value()?;
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, None, &mut errors);
    errors.is_empty().then(|| text.into_owned())
}

/// `msg` in `lang`; English when `lang` lacks it, the key when English does too.
pub fn text(lang: Lang, msg: Msg) -> Cow<'static, str> {
    format(lang, msg)
        .or_else(|| format(Lang::En, msg))
        .map(Cow::Owned)
        .unwrap_or(Cow::Borrowed(msg.key()))
}

#[cfg(test)]
mod tests;

//! The engine's view in the member's language. The engine decides in the guide's own words
//! (the answer log and the volunteers' card keep those); this swaps in the translation text by
//! text, keeping the guide's own words wherever the translation lacks one, so a member never
//! sees a blank. The engine's own words (navigation, notices) come in the member's language
//! from `i18n`, for both front ends.

use super::view::{Nav, Notice, View};
use crate::guide::Guide;
use crate::guide::Lang;
use crate::i18n::{self, Msg};

/// The label of a navigation button in `lang`.
pub fn nav_label(nav: Nav, lang: Lang) -> String {
    let msg = match nav {
        Nav::Back => Msg::NavBack,
        Nav::Restart => Msg::NavRestart,
        Nav::Volunteer => Msg::NavVolunteer,
    };
    i18n::text(lang, msg).into_owned()
}

/// A notice above a step in `lang` (the engine's own `Notice::text` is the English).
pub fn notice_text(notice: Notice, lang: Lang) -> String {
    let msg = match notice {
        Notice::GuideUpdated => Msg::NoticeGuideUpdated,
        Notice::StepRemoved => Msg::NoticeStepRemoved,
        Notice::OldStep => Msg::NoticeOldStep,
        Notice::Unavailable => Msg::NoticeUnavailable,
        Notice::Closed => Msg::NoticeClosed,
        Notice::Resumed => Msg::NoticeResumed,
    };
    i18n::text(lang, msg).into_owned()
}

/// `view` (drawn from `guide`) with its title, text and choice labels in `lang`.
pub fn localize(guide: &Guide, mut view: View, lang: Lang) -> View {
    if lang == Lang::GUIDES || guide.id != view.guide_id {
        return view;
    }
    view.guide_title = guide.title_in(lang).to_string();
    if let Some(text) = guide.text_in(&view.node_id, lang) {
        view.text = text.to_string();
    }
    for choice in &mut view.choices {
        if let Some(label) = guide.label_in(&view.node_id, choice.index, lang) {
            choice.label = label.to_string();
        }
    }
    view
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::guide::check::check_dir;
    use crate::guide::load_library;
    use crate::triage::{apply, start, Input};
    use std::fs;

    const GUIDE: &str = r#"
id = "g"
title = "Stuck"
summary = "Stuck somewhere."
start = "safe"
[[node]]
id = "safe"
text = "Are you safe?"
choices = [
  { label = "Yes", goto = "help" },
  { label = "No", goto = "danger" },
]
[[node]]
id = "danger"
outcome = "emergency"
text = "Call {emergency} now."
[[node]]
id = "help"
outcome = "escalate"
text = "A volunteer is coming."

[[source]]
title = "Test"
publisher = "pitcrew tests"
"#;

    /// Translates the start node's text and its first label only.
    fn translation() -> String {
        use crate::guide::translate::SourceHash;
        format!(
            "guide = \"g\"\n[[node]]\nid = \"safe\"\nsource = \"{}\"\ntext = \"Sind Sie sicher?\"\nchoices = [ {{ goto = \"help\", source = \"{}\", label = \"Ja\" }} ]\n",
            SourceHash::of("Are you safe?"),
            SourceHash::of("Yes"),
        )
    }

    #[test]
    fn a_missing_translation_falls_back_node_by_node_and_label_by_label() {
        let dir = tempfile::tempdir().expect("tempdir");
        fs::write(dir.path().join("g.toml"), GUIDE).expect("write");
        fs::write(dir.path().join("g.de.toml"), translation()).expect("write");
        let report = check_dir(dir.path());
        assert!(report.is_ok(), "{report}");
        let library = load_library(dir.path()).expect("loads");
        let guide = library.get("g").expect("guide");

        let (state, view) = start(guide);
        let de = localize(guide, view.clone(), Lang::De);
        assert_eq!(de.text, "Sind Sie sicher?");
        assert_eq!(de.choices[0].label, "Ja");
        // Not translated: the guide's own words, never a blank.
        assert_eq!(de.choices[1].label, "No");
        assert_eq!(de.guide_title, "Stuck");
        assert_eq!(localize(guide, view.clone(), Lang::En), view);

        let next = apply(guide, &state, Input::Choose(1)).expect("applies");
        let de = localize(guide, next.view, Lang::De);
        assert_eq!(de.text, "Call {emergency} now.");
        assert!(
            de.flags.emergency,
            "flags are the engine's, whatever the language"
        );
    }

    #[test]
    fn english_notices_match_the_engines_own_words() {
        // The engine's `Notice::text` stays the English source (logs); both front ends read
        // Fluent through `notice_text`. The two must not drift apart.
        for notice in [
            Notice::GuideUpdated,
            Notice::StepRemoved,
            Notice::OldStep,
            Notice::Unavailable,
            Notice::Closed,
            Notice::Resumed,
        ] {
            assert_eq!(notice_text(notice, Lang::En), notice.text(), "{notice:?}");
        }
        assert_eq!(nav_label(Nav::Back, Lang::De), "Zurück");
    }
}

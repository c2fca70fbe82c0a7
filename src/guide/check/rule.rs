//! The rules `check` applies, by name, and which of them only warn.

/// Which rule a problem breaks. Tests and tools match on this; people read the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Rule {
    /// The guide folder cannot be read (missing, not a folder, no permission).
    Folder,
    /// The guide folder holds no `*.toml` file.
    NoGuides,
    /// A guide file cannot be read.
    FileUnreadable,
    /// A guide file is not UTF-8.
    NotUtf8,
    /// Not valid TOML.
    Syntax,
    UnknownField,
    MissingField,
    /// Valid TOML, wrong kind of value (a number for a title, an unknown outcome).
    InvalidValue,
    /// The same guide id in two files.
    DuplicateGuideId,
    DuplicateNodeId,
    /// A `goto` that names no node.
    UnknownTarget,
    UnknownStart,
    UnknownVolunteer,
    /// `volunteer` names a node whose outcome is not `escalate`.
    VolunteerNotEscalate,
    /// The guide has no `[[node]]` at all.
    NoNodes,
    Unreachable,
    /// A node with neither outcome nor choices: the member would be stuck.
    DeadEnd,
    /// A node with an outcome and choices: the choices would never show.
    TerminalWithChoices,
    DuplicateLabel,
    LabelTooLong,
    TextTooLong,
    TooManyChoices,
    /// An id, title, summary, node text or label that is empty or only spaces.
    EmptyField,
    TitleTooLong,
    SummaryTooLong,
    /// An id with characters other than `a-z`, `0-9` and `-`.
    InvalidId,
    IdTooLong,
    /// No reachable `escalate` node: no path to a human.
    NoVolunteerPath,
    /// No `emergency` node within two choices of `start`.
    NoEmergencyNearStart,
    /// A `{word}` in text or a label that is not one of the placeholders pitcrew fills.
    UnknownPlaceholder,
    /// An emergency number (911, 999, 112, 000, 111) written out instead of `{emergency}`.
    LiteralNumber,
    /// The guide lists no `[[source]]`, or a source has no title or no way to find it.
    NoSources,
    /// Guide text promises that a volunteer was told: only pitcrew knows whether one was.
    PromisesVolunteer,
    /// A `when` names a field cars do not have (`colour`, a typo of `key`).
    UnknownConditionField,
    /// A `when` names a make or key type pitcrew does not know, or years it cannot read.
    UnknownConditionValue,
    /// A translation file names a guide id no guide has.
    TranslationUnknownGuide,
    /// A translation file's name carries a language pitcrew does not speak (`x.fr.toml`).
    TranslationUnknownLanguage,
    /// Warning: a node, choice, title or summary of the guide has no translation.
    TranslationMissing,
    /// Warning: a translation for a node or choice the guide no longer has.
    TranslationOrphan,
    /// Warning: the source text changed since the translation was stamped.
    TranslationStale,
}

impl Rule {
    /// Warnings are listed by `check` but never stop the bot: they are translations lagging
    /// behind an edit of the guide (see `translations.rs` for why).
    pub fn is_warning(self) -> bool {
        matches!(
            self,
            Rule::TranslationMissing | Rule::TranslationOrphan | Rule::TranslationStale
        )
    }
}

//! The language a member reads, as a handoff keeps it. The language set itself is
//! `guide::Lang`, which sits above the domain (guides use the domain's car), so the domain
//! holds this mirror and `handoff::card` maps one onto the other with exhaustive `match`es:
//! a language added there does not compile until it is added here too.

/// A language a member can read pitcrew in, as stored with their handoff.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LangCode {
    /// English, the volunteers' cards' language where no server language is recorded.
    En,
    /// German.
    De,
}

impl LangCode {
    /// The code as stored (`handoffs.member_lang`): the primary language subtag.
    pub fn code(self) -> &'static str {
        match self {
            LangCode::En => "en",
            LangCode::De => "de",
        }
    }

    /// The language of a stored code; `None` for one this build does not know.
    pub fn parse(code: &str) -> Option<LangCode> {
        match code {
            "en" => Some(LangCode::En),
            "de" => Some(LangCode::De),
            _ => None,
        }
    }

    /// The language's English name, for the volunteers who write in English.
    pub fn english_name(self) -> &'static str {
        match self {
            LangCode::En => "English",
            LangCode::De => "German",
        }
    }

    /// The language's name in itself, which a volunteer can give a translator.
    pub fn own_name(self) -> &'static str {
        match self {
            LangCode::En => "English",
            LangCode::De => "Deutsch",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_unknown_ones_are_refused() {
        for lang in [LangCode::En, LangCode::De] {
            assert_eq!(LangCode::parse(lang.code()), Some(lang));
        }
        assert_eq!(LangCode::parse("DE"), None);
        assert_eq!(LangCode::parse("fr"), None);
    }
}

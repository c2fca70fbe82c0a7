//! Two rules about what a guide may claim: every guide names the public sources of its facts
//! (a moderator must be able to check each one), and no guide text promises that a volunteer
//! was told, because only pitcrew knows whether one was (the server may have none set up, or
//! the member may be in a DM); pitcrew's own words after an outcome say what really happened.

use toml::Spanned;

use super::placeholders::check_region_words;
use super::report::Report;
use super::Rule;
use crate::guide::raw::RawGuide;

/// Phrases that tell a member a person is already on the case. Compared in lower case, within
/// a sentence that names a volunteer (or helper), so "a volunteer can help if you ask" passes.
const PROMISES: &[&str] = &[
    "has been alerted",
    "have been alerted",
    "has been told",
    "have been told",
    "has been notified",
    "have been notified",
    "is on the way",
    "is on their way",
    "are on their way",
    "will pick this up",
    "is picking this up",
    "is taking over",
    "will take over",
    "will take it from here",
    "will join",
    "will contact you",
    "will be in touch",
    "alerted too",
];

/// `[[source]]` present, each with a title and a URL or publisher.
pub(super) fn check_sources(r: &mut Report, raw: &RawGuide) {
    if raw.sources.is_empty() {
        r.at(
            raw.id.span(),
            Rule::NoSources,
            format!("guide `{}` lists no sources", raw.id.get_ref()),
            "add a `[[source]]` with `title` and `url` (or `publisher`) for each public document its facts come from",
        );
    }
    for source in &raw.sources {
        let s = source.get_ref();
        // A title is shown to moderators, not members, but a number in it is copied into
        // guides as easily as any other: the same rule as text.
        check_region_words(r, "a source's title", &s.title);
        if s.title.get_ref().trim().is_empty() {
            r.at(
                s.title.span(),
                Rule::NoSources,
                "a source has an empty title".into(),
                "write the document's title as its publisher gives it",
            );
        }
        let filled = |f: &Option<Spanned<String>>| {
            f.as_ref().is_some_and(|v| !v.get_ref().trim().is_empty())
        };
        if !filled(&s.url) && !filled(&s.publisher) {
            r.at(
                source.span(),
                Rule::NoSources,
                format!(
                    "source \"{}\" says neither where it is nor who published it",
                    s.title.get_ref().trim()
                ),
                "add `url = \"https://…\"`, or `publisher = \"…\"` for a printed source",
            );
        }
        if let Some(url) = &s.url {
            let u = url.get_ref().trim();
            let web = u.starts_with("https://") || u.starts_with("http://");
            if !u.is_empty() && !web {
                r.at(
                    url.span(),
                    Rule::NoSources,
                    format!("source url `{u}` is not a web address"),
                    "write the full address starting with https://, or use `publisher` instead",
                );
            }
        }
    }
}

/// Refuses text (`what` names it) that tells the member a volunteer was reached.
pub(super) fn check_no_promise(r: &mut Report, what: &str, text: &Spanned<String>) {
    if let Some(phrase) = promise_in(text.get_ref()) {
        r.at(
            text.span(),
            Rule::PromisesVolunteer,
            format!("{what} says a volunteer \"{phrase}\", which may not be true"),
            "remove it: after an emergency or escalate outcome pitcrew says itself whether a volunteer was told (it depends on the server's setup)",
        );
    }
}

/// The first promise phrase in a sentence of `text` that names a volunteer or helper.
fn promise_in(text: &str) -> Option<&'static str> {
    let lower = text.to_lowercase();
    lower
        .split(['.', '!', '?', '\n'])
        .filter(|s| s.contains("volunteer") || s.contains("helper"))
        .find_map(|s| PROMISES.iter().copied().find(|p| s.contains(p)))
}

#[cfg(test)]
mod tests {
    use super::promise_in;

    #[test]
    fn a_promise_of_a_volunteer_is_found_and_an_offer_is_not() {
        assert_eq!(
            promise_in("Stay by the car. A club volunteer has been alerted too."),
            Some("has been alerted")
        );
        assert_eq!(
            promise_in("A club volunteer will pick this up."),
            Some("will pick this up")
        );
        assert_eq!(
            promise_in("A club volunteer is picking this up now."),
            Some("is picking this up")
        );
        assert_eq!(promise_in("A volunteer can help if you ask."), None);
        // A promise about someone else (the dispatcher) is not ours to police.
        assert_eq!(promise_in("Help is on the way once you call."), None);
    }
}

//! Ranking guides for what a member typed ("fob is in the boot", "meds locked in trunk").
//!
//! Deliberately small: words are lowercased, split on punctuation, stripped of stop words and
//! of common English endings, then compared with each guide's id, title, tags, synonyms,
//! summary and cars. A guide's own synonyms carry regional words (boot/trunk, fob/remote), so
//! the ranking needs no dictionary of its own. A synonym found as a whole phrase outweighs any
//! single word; a word few guides have counts more than one they all have. It runs on every
//! autocomplete keystroke, so each guide's words are prepared once when the library is built.

use std::cmp::Reverse;

use crate::domain::Car;

use super::index::{
    is_apostrophe, meaningful, stem, tokens, Entry, Word, NOT, PHRASE_PER_WORD, STRONGEST,
};
use super::library::Library;
use super::model::Guide;

/// How to read the member's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Whole words: a description typed and sent.
    Words,
    /// Autocomplete: the last word may be unfinished ("tru" for "trunk").
    Prefix,
}

/// A guide that matched, with its score: always positive, higher is better, and only
/// comparable with the other matches of the same query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    pub guide_id: String,
    pub score: u32,
    /// Whether the guide fits the text well enough to be offered as the answer, not merely as
    /// the closest one (see `fits` below for the rule).
    pub fits: bool,
}

/// Share of the member's words a guide must explain, weighted by where the guide has them,
/// to fit when no phrase of it was found whole: 3/5. Scores only compare within one query, so
/// the threshold is on this share, which means the same for every query. "Door lock is
/// frozen" earns 10/18 from the BMW lockout guide (door and lock, but nothing for frozen) and
/// is refused; "mini remote stopped working" earns 20/24 and fits. The phrasings that tune
/// it are the tests below and in `search_tests.rs`.
const FIT_SHARE: (u32, u32) = (3, 5);

/// Ranks the library's guides for `text`: best first, only positive scores, at most `limit`.
/// Equal scores keep the library's title order. Scores compare matches of one query only.
pub fn rank(library: &Library, text: &str, mode: Mode, limit: usize) -> Vec<Match> {
    let terms = terms(text, mode);
    // Each distinct meaningful word once; negations only count inside phrases.
    let mut words: Vec<&Term> = Vec::new();
    for term in &terms {
        if term.stem != NOT && !words.iter().any(|w| w.stem == term.stem) {
            words.push(term);
        }
    }
    let entries = &library.index().entries;
    if terms.is_empty() || limit == 0 || entries.is_empty() {
        return Vec::new();
    }
    let hits: Vec<Vec<u32>> = entries
        .iter()
        .map(|e| words.iter().map(|t| best(e, t)).collect())
        .collect();
    // A word found in few guides tells them apart better than one found in all ("meds" versus
    // "locked"): its weight is scaled by 2n-df for n guides of which df have it, i.e. between
    // 1x and nearly 2x. Phrases are scaled by n so they keep outweighing single words.
    let n = entries.len() as u32;
    let df: Vec<u32> = (0..words.len())
        .map(|t| hits.iter().filter(|h| h[t] > 0).count() as u32)
        .collect();
    let mut scored: Vec<(u32, usize, bool)> = entries
        .iter()
        .zip(&hits)
        .enumerate()
        .map(|(i, (entry, hits))| {
            let words: u32 = hits.iter().zip(&df).map(|(h, df)| h * (2 * n - df)).sum();
            let phrases = phrase_score(entry, &terms);
            (words + phrases * n, i, fits(hits, phrases))
        })
        .filter(|&(score, _, _)| score > 0)
        .collect();
    // The index is in title order, so the position breaks ties by title.
    scored.sort_by_key(|&(score, i, _)| (Reverse(score), i));
    let guides = library.iter().as_slice();
    scored
        .into_iter()
        .take(limit)
        .filter_map(|(score, i, fits)| {
            guides.get(i).map(|g| Match {
                guide_id: g.id.clone(),
                score,
                fits,
            })
        })
        .collect()
}

/// Whether a guide explains the member's text: one of its phrases was found whole ("trunk
/// won't open"), or its words cover [`FIT_SHARE`] of the member's, each word counted by the
/// weight the guide gives it against the strongest weight. A description whose words the
/// guide mostly lacks ("flat tyre no spare") is only near it, whatever the ranking says.
/// `hits` are the guide's weights for each distinct word of the text (negations aside).
fn fits(hits: &[u32], phrases: u32) -> bool {
    if phrases > 0 {
        return true;
    }
    let (num, den) = FIT_SHARE;
    let earned: u32 = hits.iter().map(|&h| h.min(STRONGEST)).sum();
    let possible = STRONGEST * hits.len() as u32;
    possible > 0 && earned * den >= possible * num
}

/// Reorders `guides` so those written for the member's `car` come first, then those for any
/// car, then those for other cars; within each group the order given (relevance, or title) is
/// kept. No car: unchanged, as before cars were known.
pub fn fitting_first(guides: &mut [&Guide], car: Option<&Car>) {
    let Some(car) = car else {
        return;
    };
    guides.sort_by_key(|g| match &g.applies_to {
        Some(cars) if cars.fits(car) => 0,
        None => 1,
        Some(_) => 2,
    });
}

/// The best weight a guide gives one term.
fn best(entry: &Entry, term: &Term) -> u32 {
    entry.words.iter().map(|w| term.hit(w)).max().unwrap_or(0)
}

/// Bonus for each phrase of a guide found whole, word after word, in the member's text.
fn phrase_score(entry: &Entry, terms: &[Term]) -> u32 {
    entry
        .phrases
        .iter()
        .filter(|phrase| {
            terms
                .windows(phrase.len())
                .any(|window| window.iter().zip(*phrase).all(|(t, w)| t.hit(w) > 0))
        })
        .map(|phrase| PHRASE_PER_WORD * phrase.len() as u32)
        .sum()
}

/// A word of the member's text.
#[derive(Debug)]
struct Term {
    raw: String,
    stem: String,
    /// The last word in [`Mode::Prefix`] while still being typed.
    partial: bool,
}

impl Term {
    /// The weight this term earns from a guide word: full for the same word; half when the
    /// guide's word starts with it, for a word still being typed ("tru") or a short form
    /// ("meds" finds "medication").
    fn hit(&self, word: &Word) -> u32 {
        if self.stem == word.stem {
            word.weight
        } else if (self.partial && word.raw.starts_with(&self.raw))
            || (self.stem.chars().count() >= 3 && word.raw.starts_with(&self.stem))
        {
            word.weight.div_ceil(2)
        } else {
            0
        }
    }
}

/// The member's text as terms, in order. In prefix mode an unfinished last word is kept
/// even when it looks like a stop word: "i" may be the start of "ignition".
fn terms(text: &str, mode: Mode) -> Vec<Term> {
    let unfinished = mode == Mode::Prefix
        && text
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || is_apostrophe(c));
    let mut tokens: Vec<String> = tokens(text).collect();
    let last = if unfinished { tokens.pop() } else { None };
    let mut terms: Vec<Term> = tokens
        .iter()
        .filter_map(|t| meaningful(t))
        .map(|raw| Term {
            stem: stem(&raw),
            raw,
            partial: false,
        })
        .collect();
    if let Some(raw) = last {
        terms.push(Term {
            stem: stem(&raw),
            raw,
            partial: true,
        });
    }
    terms
}

#[cfg(test)]
#[path = "search_tests.rs"]
mod fit_tests;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negations_are_one_word_and_kept_in_order() {
        let t: Vec<String> = terms("Trunk doesn't open", Mode::Words)
            .into_iter()
            .map(|t| t.stem)
            .collect();
        assert_eq!(t, ["trunk", "not", "open"]);
    }

    #[test]
    fn prefix_mode_keeps_the_unfinished_word() {
        let t = terms("fob in the tru", Mode::Prefix);
        assert_eq!(t.len(), 2);
        assert!(t[1].partial && t[1].raw == "tru");
        // A trailing space means the word is finished.
        assert!(terms("fob in the tru ", Mode::Prefix)
            .iter()
            .all(|t| !t.partial));
        assert!(terms("fob in the tru", Mode::Words)
            .iter()
            .all(|t| !t.partial));
        // A finished stop word is dropped; an unfinished one may start a real word.
        assert_eq!(terms("the", Mode::Words).len(), 0);
        assert_eq!(terms("i", Mode::Prefix).len(), 1);
    }
}

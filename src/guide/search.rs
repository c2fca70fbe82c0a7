//! Ranking guides for what a member typed ("fob is in the boot", "meds locked in trunk").
//!
//! Deliberately small: words are lowercased, split on punctuation, stripped of stop words and
//! of common English endings, then compared with each guide's id, title, tags, synonyms,
//! summary and cars. A guide's own synonyms carry regional words (boot/trunk, fob/remote), so
//! the ranking needs no dictionary of its own. A synonym found as a whole phrase outweighs any
//! single word; a word few guides have counts more than one they all have. It runs on every
//! autocomplete keystroke, so each guide's words are prepared once when the library is built.

use std::cmp::Reverse;

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
}

/// Weight of a word by where the guide has it. Title, id and tags are chosen words; synonym
/// words are a moderator's guess at members' wording; summary and cars are background.
const TITLE: u32 = 6;
const TAG: u32 = 6;
const SYNONYM_WORD: u32 = 4;
const SUMMARY: u32 = 2;
const CAR: u32 = 2;
/// Per word of a synonym of two or more words found whole in the member's text. After the
/// rarity scaling in [`rank`] a two-word phrase scores 16n for n guides, any single word less
/// than 12n: the phrase always wins.
const PHRASE_PER_WORD: u32 = 8;

/// Words that carry no meaning for choosing a guide. "car" is not one of them: "keys in the
/// car" and "keys in the trunk" are different guides.
const STOP_WORDS: &[&str] = &[
    "a", "about", "after", "again", "all", "am", "an", "and", "any", "are", "as", "at", "be",
    "been", "but", "by", "can", "could", "did", "do", "does", "for", "from", "get", "got", "had",
    "has", "have", "hello", "help", "hey", "hi", "how", "i", "if", "im", "in", "into", "is", "it",
    "its", "ive", "just", "me", "my", "now", "of", "on", "or", "our", "please", "so", "some",
    "still", "that", "the", "their", "them", "then", "there", "they", "this", "to", "too", "was",
    "we", "were", "what", "when", "where", "which", "while", "who", "why", "will", "with", "would",
    "you", "your",
];

/// Negations are no single word's meaning ("won't" is in nearly every description), but they
/// are part of a phrase: "key won't lock" is not "keys locked". They all become [`NOT`], so
/// "trunk doesn't open" still finds the synonym "trunk won't open".
const NEGATIONS: &[&str] = &[
    "aint", "arent", "cannot", "cant", "couldnt", "didnt", "doesnt", "dont", "hasnt", "havent",
    "isnt", "never", "no", "not", "wasnt", "wont", "wouldnt",
];
const NOT: &str = "not";

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
        .map(|e| words.iter().map(|t| e.best(t)).collect())
        .collect();
    // A word found in few guides tells them apart better than one found in all ("meds" versus
    // "locked"): its weight is scaled by 2n-df for n guides of which df have it, i.e. between
    // 1x and nearly 2x. Phrases are scaled by n so they keep outweighing single words.
    let n = entries.len() as u32;
    let df: Vec<u32> = (0..words.len())
        .map(|t| hits.iter().filter(|h| h[t] > 0).count() as u32)
        .collect();
    let mut scored: Vec<(u32, usize)> = entries
        .iter()
        .zip(&hits)
        .enumerate()
        .map(|(i, (entry, hits))| {
            let words: u32 = hits.iter().zip(&df).map(|(h, df)| h * (2 * n - df)).sum();
            (words + entry.phrase_score(&terms) * n, i)
        })
        .filter(|&(score, _)| score > 0)
        .collect();
    // The index is in title order, so the position breaks ties by title.
    scored.sort_by_key(|&(score, i)| (Reverse(score), i));
    let guides = library.iter().as_slice();
    scored
        .into_iter()
        .take(limit)
        .filter_map(|(score, i)| {
            guides.get(i).map(|g| Match {
                guide_id: g.id.clone(),
                score,
            })
        })
        .collect()
}

/// Each guide's prepared words, in the library's order.
#[derive(Debug, Clone, Default)]
pub(crate) struct Index {
    entries: Vec<Entry>,
}

#[derive(Debug, Clone)]
struct Entry {
    /// Distinct words with the best weight each has in this guide.
    words: Vec<Word>,
    /// Synonyms and tags of two or more words (after stop words, negations kept).
    phrases: Vec<Vec<Word>>,
}

#[derive(Debug, Clone)]
struct Word {
    /// Lowercased as written, for prefix matching.
    raw: String,
    stem: String,
    weight: u32,
}

/// A word of the member's text.
#[derive(Debug)]
struct Term {
    raw: String,
    stem: String,
    /// The last word in [`Mode::Prefix`] while still being typed.
    partial: bool,
}

impl Index {
    pub(crate) fn new(guides: &[Guide]) -> Index {
        Index {
            entries: guides.iter().map(Entry::new).collect(),
        }
    }
}

impl Entry {
    fn new(guide: &Guide) -> Entry {
        let mut entry = Entry {
            words: Vec::new(),
            phrases: Vec::new(),
        };
        entry.add(&guide.id, TITLE);
        entry.add(&guide.title, TITLE);
        entry.add(&guide.summary, SUMMARY);
        for tag in &guide.tags {
            entry.add(tag, TAG);
            entry.add_phrase(tag);
        }
        for synonym in &guide.synonyms {
            entry.add(synonym, SYNONYM_WORD);
            entry.add_phrase(synonym);
        }
        if let Some(cars) = &guide.applies_to {
            for car in cars.makes.iter().chain(&cars.models) {
                entry.add(car, CAR);
            }
        }
        entry
    }

    fn add(&mut self, text: &str, weight: u32) {
        for raw in words(text).filter(|w| w != NOT) {
            match self.words.iter_mut().find(|w| w.raw == raw) {
                Some(known) => known.weight = known.weight.max(weight),
                None => self.words.push(Word {
                    stem: stem(&raw),
                    raw,
                    weight,
                }),
            }
        }
    }

    fn add_phrase(&mut self, text: &str) {
        let phrase: Vec<Word> = words(text)
            .map(|raw| Word {
                stem: stem(&raw),
                raw,
                weight: PHRASE_PER_WORD,
            })
            .collect();
        if phrase.len() >= 2 {
            self.phrases.push(phrase);
        }
    }

    /// The best weight this guide gives one term.
    fn best(&self, term: &Term) -> u32 {
        self.words.iter().map(|w| term.hit(w)).max().unwrap_or(0)
    }

    /// Bonus for each phrase found whole, word after word, in the member's text.
    fn phrase_score(&self, terms: &[Term]) -> u32 {
        self.phrases
            .iter()
            .filter(|phrase| {
                terms
                    .windows(phrase.len())
                    .any(|window| window.iter().zip(*phrase).all(|(t, w)| t.hit(w) > 0))
            })
            .map(|phrase| PHRASE_PER_WORD * phrase.len() as u32)
            .sum()
    }
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

/// Lowercased words without stop words, negations as [`NOT`].
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    tokens(text).filter_map(|t| meaningful(&t))
}

fn meaningful(token: &str) -> Option<String> {
    if NEGATIONS.binary_search(&token).is_ok() {
        Some(NOT.to_string())
    } else if STOP_WORDS.binary_search(&token).is_ok() {
        None
    } else {
        Some(token.to_string())
    }
}

/// Lowercased runs of letters and digits. Apostrophes join ("won't" is "wont"); any other
/// character separates ("flat-fob" is "flat fob").
fn tokens(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !(c.is_alphanumeric() || is_apostrophe(c)))
        .map(|t| {
            t.chars()
                .filter(|&c| !is_apostrophe(c))
                .flat_map(char::to_lowercase)
                .collect::<String>()
        })
        .filter(|t| !t.is_empty())
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’')
}

/// A light English stemmer: enough that "keys" finds "key" and "locked" finds "lock". Both
/// sides go through it, so an odd stem ("stopp") still matches its own word.
fn stem(word: &str) -> String {
    if word == NOT {
        return NOT.to_string();
    }
    let len = word.chars().count();
    let cut = |suffix: &str| word.strip_suffix(suffix).map(str::to_string);
    let stemmed = if len > 4 && word.ends_with("ies") {
        cut("ies").map(|s| s + "y")
    } else if len > 4 && word.ends_with("ing") {
        cut("ing")
    } else if len > 4 && word.ends_with("ed") {
        cut("ed")
    } else if len > 3 && word.ends_with('s') && !word.ends_with("ss") && !word.ends_with("us") {
        cut("s")
    } else {
        None
    };
    stemmed.unwrap_or_else(|| word.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_lists_are_sorted_for_binary_search() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
        assert!(NEGATIONS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn negations_are_one_word_and_kept_in_order() {
        let t: Vec<String> = terms("Trunk doesn't open", Mode::Words)
            .into_iter()
            .map(|t| t.stem)
            .collect();
        assert_eq!(t, ["trunk", "not", "open"]);
    }

    #[test]
    fn tokens_normalise_case_and_punctuation() {
        let t: Vec<String> = tokens("My MINI's fob won't work—at ALL!").collect();
        assert_eq!(t, ["my", "minis", "fob", "wont", "work", "at", "all"]);
    }

    #[test]
    fn stems_join_inflections() {
        assert_eq!(stem("keys"), "key");
        assert_eq!(stem("locked"), "lock");
        assert_eq!(stem("batteries"), "battery");
        assert_eq!(stem("working"), "work");
        assert_eq!(stem("glass"), "glass");
        assert_eq!(stem("bus"), "bus");
        assert_eq!(stem("fob"), "fob");
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

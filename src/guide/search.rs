//! Ranking guides for what a member typed ("fob is in the boot", "meds locked in trunk").
//!
//! Deliberately small: words are lowercased, split on punctuation, stripped of stop words and
//! of common English endings, then compared with each guide's id, title, tags, synonyms,
//! summary and cars. A guide's own synonyms carry regional words (boot/trunk, fob/remote), so
//! the ranking needs no dictionary of its own. A synonym found as a whole phrase outweighs any
//! single word. It runs on every autocomplete keystroke, so each guide's words are prepared
//! once when the library is built.

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

/// A guide that matched, with its score (higher is better, always positive).
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
/// Per word of a synonym of two or more words found whole in the member's text: a two-word
/// phrase (16) beats any single word (at most 6) plus change.
const PHRASE_PER_WORD: u32 = 8;

/// Words that carry no meaning for choosing a guide. Negations are here too: "won't" and
/// "doesn't" appear in nearly every description. "car" says nothing in a car club.
const STOP_WORDS: &[&str] = &[
    "a", "about", "after", "again", "all", "am", "an", "and", "any", "are", "as", "at", "be",
    "been", "but", "by", "can", "cant", "car", "could", "did", "didnt", "do", "does", "doesnt",
    "dont", "for", "from", "get", "got", "had", "has", "have", "hello", "help", "hey", "hi", "how",
    "i", "if", "im", "in", "into", "is", "isnt", "it", "its", "ive", "just", "me", "my", "no",
    "not", "now", "of", "on", "or", "our", "please", "so", "some", "still", "that", "the", "their",
    "them", "then", "there", "they", "this", "to", "too", "was", "wasnt", "we", "were", "what",
    "when", "where", "which", "while", "who", "why", "will", "with", "wont", "would", "you",
    "your",
];

/// Ranks the library's guides for `text`: best first, only positive scores, at most `limit`.
/// Equal scores keep the library's title order.
pub fn rank(library: &Library, text: &str, mode: Mode, limit: usize) -> Vec<Match> {
    let terms = terms(text, mode);
    if terms.is_empty() || limit == 0 {
        return Vec::new();
    }
    let mut scored: Vec<(u32, usize)> = library
        .index()
        .entries
        .iter()
        .enumerate()
        .map(|(i, entry)| (entry.score(&terms), i))
        .filter(|&(score, _)| score > 0)
        .collect();
    // The index is in title order, so the position breaks ties by title.
    scored.sort_by_key(|&(score, i)| (Reverse(score), i));
    scored
        .into_iter()
        .take(limit)
        .filter_map(|(score, i)| {
            library.iter().as_slice().get(i).map(|g| Match {
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
    /// Synonyms and tags of two or more words (after stop words).
    phrases: Vec<Vec<Word>>,
}

#[derive(Debug, Clone)]
struct Word {
    /// Lowercased as written, for prefix matching an unfinished word.
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
        for raw in words(text) {
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

    fn score(&self, terms: &[Term]) -> u32 {
        let mut total = 0;
        for (i, term) in terms.iter().enumerate() {
            // A word typed twice counts once.
            if terms[..i].iter().any(|t| t.stem == term.stem) {
                continue;
            }
            total += self.words.iter().map(|w| term.hit(w)).max().unwrap_or(0);
        }
        for phrase in &self.phrases {
            let found = terms
                .windows(phrase.len())
                .any(|window| window.iter().zip(phrase).all(|(t, w)| t.hit(w) > 0));
            if found {
                total += PHRASE_PER_WORD * phrase.len() as u32;
            }
        }
        total
    }
}

impl Term {
    /// The weight this term earns from a guide word: full for the same word, half for the
    /// start of a word still being typed.
    fn hit(&self, word: &Word) -> u32 {
        if self.stem == word.stem {
            word.weight
        } else if self.partial && word.raw.starts_with(&self.raw) {
            word.weight.div_ceil(2)
        } else {
            0
        }
    }
}

/// The member's text as terms. In prefix mode an unfinished last word is kept even when it
/// looks like a stop word: "i" may be the start of "ignition".
fn terms(text: &str, mode: Mode) -> Vec<Term> {
    let unfinished = mode == Mode::Prefix
        && text
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || is_apostrophe(c));
    let mut tokens: Vec<String> = tokens(text).collect();
    let last = if unfinished { tokens.pop() } else { None };
    let mut terms: Vec<Term> = tokens
        .into_iter()
        .filter(|t| !is_stop_word(t))
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

/// Lowercased words without stop words.
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    tokens(text).filter(|t| !is_stop_word(t))
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

fn is_stop_word(word: &str) -> bool {
    STOP_WORDS.binary_search(&word).is_ok()
}

/// A light English stemmer: enough that "keys" finds "key" and "locked" finds "lock". Both
/// sides go through it, so an odd stem ("stopp") still matches its own word.
fn stem(word: &str) -> String {
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
    fn stop_words_are_sorted_for_binary_search() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
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

//! Each guide's words, prepared once when the library is built, and the normalising both a
//! guide's words and a member's text go through (lowercase, split on punctuation, stop words
//! out, negations as one word, common English endings off). Below both the library, which
//! holds the index, and the ranking, which reads it.

use super::model::Guide;

/// Weight of a word by where the guide has it. Title, id and tags are chosen words; synonym
/// words are a moderator's guess at members' wording; summary and cars are background.
const TITLE: u32 = 6;
const TAG: u32 = 6;
const SYNONYM_WORD: u32 = 4;
const SUMMARY: u32 = 2;
const CAR: u32 = 2;
/// The most one word can earn from a guide (a title, id or tag word): the unit of the share
/// of a member's words a guide must explain to fit (see `search::fits`).
pub(super) const STRONGEST: u32 = TITLE;
/// Per word of a synonym of two or more words found whole in the member's text. After the
/// rarity scaling in [`rank`](super::search::rank) a two-word phrase scores 16n for n guides, any single word less
/// than 12n: the phrase always wins.
pub(super) const PHRASE_PER_WORD: u32 = 8;

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
pub(super) const NOT: &str = "not";

/// Each guide's prepared words, in the library's order.
#[derive(Debug, Clone, Default)]
pub(crate) struct Index {
    pub(super) entries: Vec<Entry>,
}

#[derive(Debug, Clone)]
pub(super) struct Entry {
    /// Distinct words with the best weight each has in this guide.
    pub(super) words: Vec<Word>,
    /// Synonyms and tags of two or more words (after stop words, negations kept).
    pub(super) phrases: Vec<Vec<Word>>,
}

#[derive(Debug, Clone)]
pub(super) struct Word {
    /// Lowercased as written, for prefix matching.
    pub(super) raw: String,
    pub(super) stem: String,
    pub(super) weight: u32,
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
}

/// Lowercased words without stop words, negations as [`NOT`].
pub(super) fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    tokens(text).filter_map(|t| meaningful(&t))
}

pub(super) fn meaningful(token: &str) -> Option<String> {
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
pub(super) fn tokens(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !(c.is_alphanumeric() || is_apostrophe(c)))
        .map(|t| {
            t.chars()
                .filter(|&c| !is_apostrophe(c))
                .flat_map(char::to_lowercase)
                .collect::<String>()
        })
        .filter(|t| !t.is_empty())
}

pub(super) fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’')
}

/// A light English stemmer: enough that "keys" finds "key" and "locked" finds "lock". Both
/// sides go through it, so an odd stem ("stopp") still matches its own word.
pub(super) fn stem(word: &str) -> String {
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
}

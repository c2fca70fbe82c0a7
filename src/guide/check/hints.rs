//! Small text helpers for messages: suggested ids, previews and "did you mean"; and the
//! characters an id may hold, which both the id rule and the suggested id follow.

/// Ids are `a-z`, `0-9` and `-` only.
pub(super) fn is_id_char(c: char) -> bool {
    c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'
}

/// A suggested id: lowercase, runs of anything else become one dash.
pub(super) fn slug(value: &str) -> String {
    let mut out = String::new();
    for c in value.trim().to_lowercase().chars() {
        if is_id_char(c) && c != '-' {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// The first characters of a long value, for messages.
pub(super) fn preview(value: &str) -> String {
    const SHOWN: usize = 40;
    if value.chars().count() <= SHOWN {
        value.to_string()
    } else {
        let mut s: String = value.chars().take(SHOWN).collect();
        s.push('…');
        s
    }
}

/// The known name nearest to a misspelt one, if it is close enough to be a likely typo.
pub(super) fn closest<'a>(wrong: &str, known: &[&'a str]) -> Option<&'a str> {
    known
        .iter()
        .copied()
        .filter(|k| similar(wrong, k))
        .min_by_key(|k| (distance(wrong, k), *k))
}

/// Close enough to suggest: same ignoring case and spaces, or a few edits apart.
pub(super) fn similar(a: &str, b: &str) -> bool {
    if a.trim().eq_ignore_ascii_case(b.trim()) {
        return true;
    }
    let allowed = (a.chars().count().max(b.chars().count()) / 4).clamp(1, 3);
    distance(a, b) <= allowed
}

/// Levenshtein distance in characters.
pub(super) fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let next = (diagonal + usize::from(ca != cb))
                .min(row[j] + 1)
                .min(row[j + 1] + 1);
            diagonal = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_suggest_valid_ids() {
        assert_eq!(slug("Ask Human!"), "ask-human");
        assert_eq!(slug("  --Fob_2  "), "fob-2");
        assert_eq!(slug("ÄÖ"), "");
    }

    #[test]
    fn distance_and_suggestions() {
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(
            closest("ask-humn", &["ask-human", "safe"]),
            Some("ask-human")
        );
        assert_eq!(closest("Safe", &["ask-human", "safe"]), Some("safe"));
        assert_eq!(closest("zzz", &["ask-human", "safe"]), None);
    }

    #[test]
    fn previews_cut_long_values() {
        assert_eq!(preview("short"), "short");
        assert_eq!(preview(&"x".repeat(50)).chars().count(), 41);
    }
}

//! Text that goes into our SVG: guide titles, node ids and labels are written by moderators,
//! so every one is escaped for XML, stripped of characters XML forbids, and shortened.

/// The one font embedded in the binary (see [`super::raster`]); every text names it.
pub(crate) const FONT_FAMILY: &str = "DejaVu Sans";

/// `s` made safe as XML character data or an attribute value in double or single quotes.
/// Control characters other than tab and newline are not allowed in XML 1.0 at all (even
/// escaped), so they are dropped rather than letting a title break the whole picture.
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// `s` on one line and at most `max` characters (not bytes: umlauts count once), ending in
/// "…" when it was cut.
pub(crate) fn shorten(s: &str, max: usize) -> String {
    let one_line: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= max {
        return one_line;
    }
    let mut cut: String = one_line.chars().take(max.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_makes_markup_and_controls_harmless() {
        assert_eq!(
            escape("a<b>&\"c'\u{0}\u{1b}d"),
            "a&lt;b&gt;&amp;&quot;c&apos;d"
        );
    }

    #[test]
    fn shorten_counts_characters_and_marks_the_cut() {
        assert_eq!(shorten("Zündschlüssel", 20), "Zündschlüssel");
        assert_eq!(shorten("Zündschlüssel", 5), "Zünd…");
        assert_eq!(shorten("a\n  b", 5), "a b");
    }
}

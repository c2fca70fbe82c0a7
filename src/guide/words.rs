//! Guide text made short for a small space: the first line of a node's text as its headline,
//! and a cut at a word with an ellipsis. Here, below everything that shows guide text, so the
//! volunteers' card, the figures' node titles and Discord's limits all cut the same way.

/// Fits `text` into `max` characters (not bytes), breaking at the last whitespace before the
/// limit and marking the cut with an ellipsis; a text without a space is cut mid-word.
pub fn cut(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let head: String = text.chars().take(max.saturating_sub(1)).collect();
    let kept = match head.rfind(char::is_whitespace) {
        Some(i) if i > 0 => head[..i].trim_end(),
        _ => head.as_str(),
    };
    format!("{kept}…")
}

/// The first non-empty line of a node's text without markdown emphasis or list markers, at
/// most `max` characters: what a step is called where there is no room for all of it.
pub fn headline(text: &str, max: usize) -> String {
    let line = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or_default();
    let plain = line
        .replace("**", "")
        .replace("__", "")
        .trim_start_matches(['-', '*', '#', ' '])
        .to_string();
    cut(&plain, max)
}

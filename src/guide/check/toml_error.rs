//! Turns toml's errors into problems a moderator can act on. toml's own messages are precise
//! but terse ("missing field `text`"); we keep their facts and add the fix.

use super::{Problem, Rule};
use crate::guide::load::{Position, SourceFile};

/// `syntax` is true when the text is not valid TOML at all, false when it is TOML but not the
/// shape of a guide (unknown or missing field, wrong value).
pub(super) fn problem(src: &SourceFile, err: &toml::de::Error, syntax: bool) -> Problem {
    let position = match err.span() {
        Some(span) => src.at(&span),
        None => Position { line: 1, column: 1 },
    };
    // toml sometimes spreads its message over lines ("invalid table header\nexpected ...").
    let said = err
        .message()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("; ");
    let names = backticked(&said);
    let (rule, message, fix) = if syntax {
        (
            Rule::Syntax,
            format!("invalid TOML: {said}"),
            syntax_fix(&said),
        )
    } else if said.starts_with("unknown field") {
        let field = names.first().copied().unwrap_or("?");
        let allowed = names.get(1..).unwrap_or_default();
        (
            Rule::UnknownField,
            format!("unknown field `{field}`"),
            unknown_field_fix(field, allowed),
        )
    } else if said.starts_with("missing field") {
        let field = names.first().copied().unwrap_or("?");
        // toml points at the table missing the field; say which kind it is.
        let top = "at the top of the file, before the first `[[node]]`";
        let table = match (field, src.text.get(err.span().unwrap_or_default())) {
            ("title" | "summary" | "start", _) => top,
            ("text", _) => "to this node",
            ("label" | "goto", _) => "to this choice",
            (_, Some(t)) if t.starts_with("[[") => "to this node",
            (_, Some(t)) if t.starts_with('{') => "to this choice",
            _ => top,
        };
        (
            Rule::MissingField,
            format!("missing required field `{field}`"),
            format!("add `{field} = \"…\"` {table}"),
        )
    } else if said.starts_with("unknown variant") {
        let allowed = names.get(1..).unwrap_or_default();
        (
            Rule::InvalidValue,
            format!(
                "`{}` is not allowed here",
                names.first().copied().unwrap_or("?")
            ),
            format!("use one of {}", list(allowed)),
        )
    } else {
        (
            Rule::InvalidValue,
            format!("wrong kind of value: {said}"),
            "write it as in the example in content/README.md (text in double quotes, lists in [ ])"
                .into(),
        )
    };
    Problem::at(&src.path, position, rule, message, fix)
}

/// The words toml quotes in backticks, in order: the offending name first, then the allowed.
fn backticked(message: &str) -> Vec<&str> {
    message.split('`').skip(1).step_by(2).collect()
}

fn list(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn unknown_field_fix(field: &str, allowed: &[&str]) -> String {
    let close = allowed
        .iter()
        .copied()
        .filter(|a| super::hints::similar(field, a))
        .min_by_key(|a| super::hints::distance(field, a));
    match close {
        Some(name) => format!(
            "did you mean `{name}`? Fields allowed here: {}",
            list(allowed)
        ),
        None if allowed.is_empty() => "remove it".into(),
        None => format!("remove it; fields allowed here: {}", list(allowed)),
    }
}

fn syntax_fix(message: &str) -> String {
    let fix = if message.contains("duplicate key") {
        "keep only one of the two; in a node, each `[[node]]` header starts a new node"
    } else if message.contains("string") {
        "close the text with `\"` on the same line, or use `\"\"\"` around text over several lines"
    } else if message.contains("table header") {
        "write each node's header as `[[node]]` on its own line"
    } else if message.contains("expected newline") || message.contains("key with no value") {
        "put one `key = value` per line, with text in double quotes"
    } else {
        "compare this line with the example in content/README.md"
    };
    fix.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backticked_names_in_order() {
        assert_eq!(
            backticked("unknown field `sumary`, expected one of `id`, `summary`"),
            vec!["sumary", "id", "summary"]
        );
        assert!(backticked("no names").is_empty());
    }

    #[test]
    fn unknown_field_suggests_the_close_one() {
        let fix = unknown_field_fix("sumary", &["id", "title", "summary"]);
        assert!(fix.starts_with("did you mean `summary`?"), "{fix}");
        let fix = unknown_field_fix("colour", &["label", "goto"]);
        assert!(fix.starts_with("remove it;"), "{fix}");
    }
}

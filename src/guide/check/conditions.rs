//! Car conditions (`when = { key = "clamshell" }`) on nodes and choices: every field and value
//! must be one pitcrew knows, or the condition would silently never fit anyone.

use std::ops::Range;

use toml::Spanned;

use super::hints::closest;
use super::report::Report;
use super::Rule;
use crate::domain::{KeyType, Make};
use crate::guide::fit::{When, Years, WHEN_FIELDS};
use crate::guide::raw::{RawWhen, RawWhenValue};

/// One thing wrong in a condition, before it is given a file and line.
struct Bad {
    span: Range<usize>,
    rule: Rule,
    message: String,
    fix: String,
}

/// Reports every problem in `when` (on `what`, e.g. "node `key-type`").
pub(super) fn check_when(r: &mut Report, what: &str, when: &Spanned<RawWhen>) {
    let (_, bad) = read(when);
    if when.get_ref().is_empty() {
        r.at(
            when.span(),
            Rule::EmptyField,
            format!("the `when` of {what} names no field"),
            format!("name at least one of {}, or remove `when`", fields()),
        );
    }
    for b in bad {
        r.at(
            b.span,
            b.rule,
            format!("the `when` of {what}: {}", b.message),
            b.fix,
        );
    }
}

/// The condition as the engine uses it; values the checker refused are left out (a guide with
/// problems is never served, so this only matters for one that passed).
pub(super) fn build_when(when: Option<Spanned<RawWhen>>) -> Option<When> {
    when.map(|w| read(&w).0)
}

fn read(when: &Spanned<RawWhen>) -> (When, Vec<Bad>) {
    let mut out = When::default();
    let mut bad = Vec::new();
    for (field, value) in when.get_ref() {
        let values: Vec<&str> = match value.get_ref() {
            RawWhenValue::One(v) => vec![v.as_str()],
            RawWhenValue::Many(vs) => vs.iter().map(String::as_str).collect(),
        };
        let span = value.span();
        match field.get_ref().as_str() {
            "make" => {
                for v in values {
                    match v.parse::<Make>() {
                        Ok(make) => out.makes.push(make),
                        Err(_) => bad.push(unknown_value(span.clone(), "make", v, &makes())),
                    }
                }
            }
            "key" => {
                for v in values {
                    match v.parse::<KeyType>() {
                        Ok(key) => out.keys.push(key),
                        Err(_) => bad.push(unknown_value(span.clone(), "key", v, &keys())),
                    }
                }
            }
            "years" => match values.as_slice() {
                [one] => match one.parse::<Years>() {
                    Ok(years) => out.years = Some(years),
                    Err(_) => bad.push(Bad {
                        span,
                        rule: Rule::UnknownConditionValue,
                        message: format!("`{one}` is not a range of years"),
                        fix: "write years as `2002-2004`, `2009-` (and later) or `2006`".into(),
                    }),
                },
                _ => bad.push(Bad {
                    span,
                    rule: Rule::UnknownConditionValue,
                    message: "`years` takes one range, not a list".into(),
                    fix: "write one range such as `2002-2008`, or split the choice in two".into(),
                }),
            },
            other => {
                let fix = match closest(other, &WHEN_FIELDS) {
                    Some(near) => format!("did you mean `{near}`? Known fields: {}", fields()),
                    None => format!("a condition may name {}", fields()),
                };
                bad.push(Bad {
                    span: field.span(),
                    rule: Rule::UnknownConditionField,
                    message: format!("`{other}` is not a car field pitcrew knows"),
                    fix,
                });
            }
        }
    }
    (out, bad)
}

fn unknown_value(span: Range<usize>, field: &str, value: &str, known: &[&str]) -> Bad {
    let fix = match closest(value, known) {
        Some(near) => format!("did you mean `{near}`? Known values: {}", quoted(known)),
        None => format!("use one of {}", quoted(known)),
    };
    Bad {
        span,
        rule: Rule::UnknownConditionValue,
        message: format!("`{value}` is not a {field} pitcrew knows"),
        fix,
    }
}

fn makes() -> Vec<&'static str> {
    Make::ALL.iter().map(|m| m.as_str()).collect()
}

fn keys() -> Vec<&'static str> {
    KeyType::ALL.iter().map(|k| k.as_str()).collect()
}

fn fields() -> String {
    quoted(&WHEN_FIELDS)
}

fn quoted(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

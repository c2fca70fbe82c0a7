//! Action rows and their components, in messages and in modals.

use std::collections::HashSet;

use serde_json::Value;

use super::Checker;

const SELECTS: [u64; 5] = [3, 5, 6, 7, 8];

/// Action rows of a message (`modal == false`) or of a modal.
pub(super) fn rows(c: &mut Checker, body: &Value, modal: bool, ids: &mut HashSet<String>) {
    let list = c.array(body, "components", if modal { 1 } else { 0 }, 5);
    c.at("components", |c| {
        for (i, row) in list.iter().enumerate() {
            c.at(i, |c| row_of(c, row, modal, ids));
        }
    });
}

fn row_of(c: &mut Checker, row: &Value, modal: bool, ids: &mut HashSet<String>) {
    if row.get("type").and_then(Value::as_u64) != Some(1) {
        c.err_at(
            "type",
            "COMPONENT_TYPE_INVALID",
            "Top-level components must be action rows.",
        );
        return;
    }
    let children = c.array(row, "components", 1, 5);
    let kinds: Vec<u64> = children
        .iter()
        .filter_map(|x| x.get("type")?.as_u64())
        .collect();
    // A select menu, like a text input, takes the whole width of its row.
    let wide = kinds.iter().any(|k| SELECTS.contains(k) || *k == 4);
    if wide && children.len() > 1 {
        c.err_at(
            "components",
            "COMPONENT_LAYOUT_WIDTH_EXCEEDED",
            "The specified component exceeds the maximum width",
        );
    }
    c.at("components", |c| {
        for (j, child) in children.iter().enumerate() {
            c.at(j, |c| component(c, child, modal, ids));
        }
    });
}

fn custom_id(c: &mut Checker, comp: &Value, ids: &mut HashSet<String>) {
    c.len(comp, "custom_id", 1, 100, true);
    if let Some(id) = comp.get("custom_id").and_then(Value::as_str) {
        if !ids.insert(id.to_string()) {
            c.err_at(
                "custom_id",
                "COMPONENT_CUSTOM_ID_DUPLICATED",
                "Component custom id cannot be duplicated",
            );
        }
    }
}

fn component(c: &mut Checker, comp: &Value, modal: bool, ids: &mut HashSet<String>) {
    let kind = comp.get("type").and_then(Value::as_u64).unwrap_or(0);
    match (kind, modal) {
        (2, false) => button(c, comp, ids),
        (3 | 5 | 6 | 7 | 8, false) => select(c, comp, kind, ids),
        (4, true) => text_input(c, comp, ids),
        _ => {
            let allowed = if modal { "(4)" } else { "(2, 3, 5, 6, 7, 8)" };
            let msg = format!("Value of field \"type\" must be one of {allowed}.");
            c.err_at("type", "UNION_TYPE_CHOICES", msg);
        }
    }
}

fn button(c: &mut Checker, b: &Value, ids: &mut HashSet<String>) {
    c.len(b, "label", 0, 80, false);
    let style = b.get("style").and_then(Value::as_u64);
    let present = |k: &str| b.get(k).is_some_and(|v| !v.is_null());
    match style {
        Some(1..=4) => {
            custom_id(c, b, ids);
            if present("url") {
                c.err_at(
                    "url",
                    "BUTTON_COMPONENT_URL_NOT_ALLOWED",
                    "A non-link button cannot have a url.",
                );
            }
            if !present("label") && !present("emoji") {
                c.err_at(
                    "label",
                    "BUTTON_COMPONENT_LABEL_REQUIRED",
                    "A button needs a label or an emoji.",
                );
            }
        }
        Some(5) => {
            c.len(b, "url", 1, 512, true);
            if present("custom_id") {
                let msg = "A link button cannot have a custom id.";
                c.err_at("custom_id", "BUTTON_COMPONENT_CUSTOM_ID_NOT_ALLOWED", msg);
            }
        }
        Some(6) => {
            if !present("sku_id") {
                c.err_at("sku_id", "BASE_TYPE_REQUIRED", "This field is required");
            }
        }
        _ => c.err_at(
            "style",
            "BASE_TYPE_CHOICES",
            "Value must be one of (1, 2, 3, 4, 5, 6).",
        ),
    }
}

fn select(c: &mut Checker, s: &Value, kind: u64, ids: &mut HashSet<String>) {
    custom_id(c, s, ids);
    c.len(s, "placeholder", 0, 150, false);
    let min = c.int_range(s, "min_values", 0, 25);
    let max = c.int_range(s, "max_values", 1, 25);
    if let (Some(lo), Some(hi)) = (min, max) {
        if lo > hi {
            c.err_at(
                "min_values",
                "SELECT_COMPONENT_MIN_MAX",
                "min_values must not exceed max_values.",
            );
        }
    }
    if kind == 3 {
        let options = c.array(s, "options", 1, 25);
        if s.get("options").is_none() {
            c.err_at("options", "BASE_TYPE_REQUIRED", "This field is required");
        }
        if max.is_some_and(|hi| hi as usize > options.len()) {
            c.err_at(
                "max_values",
                "SELECT_COMPONENT_MAX_VALUES",
                "max_values exceeds the number of options.",
            );
        }
        let mut values = HashSet::new();
        c.at("options", |c| {
            for (i, o) in options.iter().enumerate() {
                c.at(i, |c| {
                    c.len(o, "label", 1, 100, true);
                    c.len(o, "value", 1, 100, true);
                    c.len(o, "description", 0, 100, false);
                    let v = o.get("value").and_then(Value::as_str).unwrap_or_default();
                    if !values.insert(v.to_string()) {
                        c.err_at(
                            "value",
                            "SELECT_COMPONENT_OPTION_VALUE_DUPLICATED",
                            "Option values must be unique.",
                        );
                    }
                });
            }
        });
    } else if s
        .get("options")
        .and_then(Value::as_array)
        .is_some_and(|a| !a.is_empty())
    {
        c.err_at(
            "options",
            "SELECT_COMPONENT_OPTIONS_NOT_ALLOWED",
            "Only string selects have options.",
        );
    }
}

fn text_input(c: &mut Checker, t: &Value, ids: &mut HashSet<String>) {
    custom_id(c, t, ids);
    c.len(t, "label", 1, 45, true);
    if !matches!(t.get("style").and_then(Value::as_u64), Some(1 | 2)) {
        c.err_at("style", "BASE_TYPE_CHOICES", "Value must be one of (1, 2).");
    }
    let min = c.int_range(t, "min_length", 0, 4000);
    let max = c.int_range(t, "max_length", 1, 4000);
    if let (Some(lo), Some(hi)) = (min, max) {
        if lo > hi {
            c.err_at(
                "min_length",
                "TEXT_INPUT_MIN_MAX",
                "min_length must not exceed max_length.",
            );
        }
    }
    c.len(t, "value", 0, max.unwrap_or(4000) as usize, false);
    c.len(t, "placeholder", 0, 100, false);
}

//! Reading a message the bot drew: labels, custom ids, the embed, and which session and step
//! its buttons are for (decoded with the bot's own parser, so the tests and the bot agree on
//! the format by construction).

use pitcrew::discord::ids::Action;
use pitcrew::domain::SessionId;
use serde_json::Value;

use crate::fake::StoredMessage;

/// The custom_id of the component labelled `label`; panics with the labels there are.
#[track_caller]
pub fn id_of(msg: &StoredMessage, label: &str) -> String {
    msg.components()
        .iter()
        .find(|c| c["label"] == label)
        .and_then(|c| c["custom_id"].as_str())
        .map(str::to_string)
        .unwrap_or_else(|| panic!("no `{label}` on the message; it has {:?}", labels(msg)))
}

/// Every button label, in order.
pub fn labels(msg: &StoredMessage) -> Vec<String> {
    msg.components()
        .iter()
        .filter_map(|c| c["label"].as_str().map(str::to_string))
        .collect()
}

pub fn embed(msg: &StoredMessage) -> Value {
    let embeds = msg.embeds();
    assert_eq!(embeds.len(), 1, "one embed per screen: {:#}", msg.json);
    embeds[0].clone()
}

pub fn description(msg: &StoredMessage) -> String {
    embed(msg)["description"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

pub fn title(msg: &StoredMessage) -> String {
    embed(msg)["title"].as_str().unwrap_or_default().to_string()
}

/// The (session, step) every step button on the message carries; panics if they disagree or
/// there are none.
#[track_caller]
pub fn step_of(msg: &StoredMessage) -> (SessionId, u32) {
    let steps: Vec<(SessionId, u32)> = msg
        .custom_ids()
        .iter()
        .filter_map(|id| match Action::parse(id) {
            Some(Action::Step { session, step, .. }) => Some((session, step)),
            _ => None,
        })
        .collect();
    assert!(!steps.is_empty(), "no step buttons on {:#}", msg.json);
    assert!(
        steps.iter().all(|s| *s == steps[0]),
        "buttons of one screen disagree: {steps:?}"
    );
    steps[0]
}

/// The action rows' sizes, to check the layout.
pub fn row_sizes(msg: &StoredMessage) -> Vec<usize> {
    msg.json["components"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|r| r["components"].as_array().map_or(0, Vec::len))
        .collect()
}

/// The value of the embed field named `name`, if the message's embed has one.
pub fn field(msg: &StoredMessage, name: &str) -> Option<String> {
    embed(msg)["fields"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|f| f["name"] == name)
        .and_then(|f| f["value"].as_str().map(str::to_string))
}

/// The names of the embed's fields, in order.
pub fn field_names(msg: &StoredMessage) -> Vec<String> {
    embed(msg)["fields"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|f| f["name"].as_str().map(str::to_string))
        .collect()
}

//! What a member's car changes in a walk: choices that are not for their car are hidden, and a
//! question the car already answers is taken for them. Pure, like the rest of the engine.
//!
//! A step "the car already answers" is a node whose every choice carries a condition (on the
//! choice or on the node it leads to) and of which exactly one fits the car: a pure "which one
//! is yours?" question. Such a node is still pushed on the path, so Back, resume and the step
//! guard see one ordinary transition; Back passes over it again (see [`back_to`]).

use crate::domain::Car;
use crate::guide::{Choice, Guide, Node};

/// Whether `choice` is for `car`: its own condition and that of the node it leads to.
pub(crate) fn choice_fits(guide: &Guide, choice: &Choice, car: &Car) -> bool {
    let own = choice.when.as_ref().map_or(true, |w| w.fits(car));
    let target = guide
        .node(&choice.target)
        .and_then(|n| n.when.as_ref())
        .map_or(true, |w| w.fits(car));
    own && target
}

/// The positions of the choices `car` sees on `node`. When none fits (a car the guide was not
/// written for), all show: hiding every way forward would strand the member.
pub(crate) fn visible(guide: &Guide, node: &Node, car: Option<&Car>) -> Vec<usize> {
    let all = || (0..node.choices.len()).collect();
    let Some(car) = car else {
        return all();
    };
    let fitting: Vec<usize> = node
        .choices
        .iter()
        .enumerate()
        .filter(|(_, c)| choice_fits(guide, c, car))
        .map(|(i, _)| i)
        .collect();
    if fitting.is_empty() {
        all()
    } else {
        fitting
    }
}

/// The choice the car makes on `node` by itself, if `node` is a question it answers.
pub(crate) fn answered_by_car(guide: &Guide, node: &Node, car: Option<&Car>) -> Option<usize> {
    let car = car?;
    let conditional =
        |c: &Choice| c.when.is_some() || guide.node(&c.target).is_some_and(|n| n.when.is_some());
    if node.is_terminal() || node.choices.len() < 2 || !node.choices.iter().all(conditional) {
        return None;
    }
    let mut fitting = node
        .choices
        .iter()
        .enumerate()
        .filter(|(_, c)| choice_fits(guide, c, car));
    match (fitting.next(), fitting.next()) {
        (Some((i, _)), None) => Some(i),
        _ => None,
    }
}

/// From arriving at `node`, follows the questions the car answers: each one passed is pushed on
/// `path`. Bounded by the guide's size, so a cycle of such questions cannot spin for ever.
pub(crate) fn settle(
    guide: &Guide,
    mut node: String,
    path: &mut Vec<String>,
    car: Option<&Car>,
) -> String {
    for _ in 0..guide.nodes().len() {
        let Some(current) = guide.node(&node) else {
            break;
        };
        let Some(i) = answered_by_car(guide, current, car) else {
            break;
        };
        let Some(choice) = current.choices.get(i) else {
            break;
        };
        path.push(node);
        node = choice.target.clone();
    }
    node
}

/// Where Back lands: the last step the member answered themselves, passing over questions the
/// car answered (landing on one would only move forward again). `None` when there is nothing
/// to go back to.
pub(crate) fn back_to(guide: &Guide, path: &mut Vec<String>, car: Option<&Car>) -> Option<String> {
    let mut previous = path.pop()?;
    while !path.is_empty()
        && guide
            .node(&previous)
            .is_some_and(|n| answered_by_car(guide, n, car).is_some())
    {
        previous = path.pop()?;
    }
    Some(previous)
}

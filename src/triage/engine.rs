//! Transitions. Every function here is pure: same guide, state and input, same result. The
//! caller persists the new state before showing the view (see `desk`).

use thiserror::Error;

use super::fit::{back_to, settle, visible};
use super::state::{State, Status};
use super::view::{ChoiceView, Flags, Nav, Notice, View};
use crate::domain::Car;
use crate::guide::{Guide, GuideVersion, Node, Outcome};

/// What a member can do on a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Input {
    /// One of the node's own choices, by position.
    Choose(usize),
    Back,
    Restart,
    /// "Talk to a volunteer": allowed from any step of an open guide and after a resolution.
    Escalate,
}

impl Input {
    pub fn from_nav(nav: Nav) -> Input {
        match nav {
            Nav::Back => Input::Back,
            Nav::Restart => Input::Restart,
            Nav::Volunteer => Input::Escalate,
        }
    }
}

/// The input does not apply to the state: an old button, or a forged one. Nothing changes.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum Refused {
    #[error("this step has no choice number {0}")]
    NoSuchChoice(usize),
    #[error("{} is not available on this step", .0.label())]
    NotOffered(Nav),
    #[error("the current step `{0}` is not in this version of the guide")]
    NodeMissing(String),
}

/// The result of a successful input: the state to persist, what the member pressed (for the
/// answer log) and the view to show once the state is stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transition {
    pub state: State,
    pub pressed: String,
    pub view: View,
}

/// A fresh walk through `guide` for a member who has not told their car: every step shows.
pub fn start(guide: &Guide) -> (State, View) {
    start_for(guide, None)
}

/// A fresh walk through `guide` for `car` (see `triage/fit.rs`): questions the car answers are
/// already passed, and recorded on the path.
pub fn start_for(guide: &Guide, car: Option<&Car>) -> (State, View) {
    let mut path = Vec::new();
    let node = settle(guide, guide.start.clone(), &mut path, car);
    let state = State {
        status: guide.node(&node).map_or(Status::Active, status_of),
        node,
        path,
        step: 0,
    };
    let view = view_for(guide, &state, car);
    (state, view)
}

/// [`apply_for`] for a member with no car told.
pub fn apply(guide: &Guide, state: &State, input: Input) -> Result<Transition, Refused> {
    apply_for(guide, state, input, None)
}

/// Applies `input` to `state`. The step counter always moves forward, even for Back, so a
/// button drawn before the transition can never be replayed after it. A choice hidden from
/// `car` is refused like one the node does not have; questions the car answers are passed in
/// the same transition (one step, one stored write).
pub fn apply_for(
    guide: &Guide,
    state: &State,
    input: Input,
    car: Option<&Car>,
) -> Result<Transition, Refused> {
    let node = guide.node(&state.node);
    // On a step an edited guide removed, Start over is the one way forward.
    let nav = match node {
        Some(_) => available_nav(state),
        None => vec![Nav::Restart],
    };
    let (next_node, path, pressed) = match input {
        Input::Choose(i) => {
            let node = node.ok_or_else(|| Refused::NodeMissing(state.node.clone()))?;
            if state.status != Status::Active {
                return Err(Refused::NoSuchChoice(i));
            }
            if !visible(guide, node, car).contains(&i) {
                return Err(Refused::NoSuchChoice(i));
            }
            let choice = node.choices.get(i).ok_or(Refused::NoSuchChoice(i))?;
            let mut path = state.path.clone();
            path.push(state.node.clone());
            let next = settle(guide, choice.target.clone(), &mut path, car);
            (next, path, choice.label.clone())
        }
        Input::Back => {
            if !nav.contains(&Nav::Back) {
                return Err(Refused::NotOffered(Nav::Back));
            }
            let mut path = state.path.clone();
            let previous = back_to(guide, &mut path, car).ok_or(Refused::NotOffered(Nav::Back))?;
            (previous, path, Nav::Back.label().to_string())
        }
        Input::Restart => {
            if !nav.contains(&Nav::Restart) {
                return Err(Refused::NotOffered(Nav::Restart));
            }
            let mut path = Vec::new();
            let next = settle(guide, guide.start.clone(), &mut path, car);
            (next, path, Nav::Restart.label().to_string())
        }
        Input::Escalate => {
            if !nav.contains(&Nav::Volunteer) {
                return Err(Refused::NotOffered(Nav::Volunteer));
            }
            let mut path = state.path.clone();
            path.push(state.node.clone());
            (
                guide.volunteer.clone(),
                path,
                Nav::Volunteer.label().to_string(),
            )
        }
    };
    let target = guide
        .node(&next_node)
        .ok_or_else(|| Refused::NodeMissing(next_node.clone()))?;
    let next = State {
        status: status_of(target),
        node: next_node,
        path,
        step: state.step.wrapping_add(1),
    };
    let view = view_for(guide, &next, car);
    Ok(Transition {
        state: next,
        pressed,
        view,
    })
}

/// [`view_for`] for a member with no car told: every choice shows.
pub fn view(guide: &Guide, state: &State) -> View {
    view_for(guide, state, None)
}

/// Draws `state` as it stands for `car`: choices not for the car are left out, each keeping its
/// position in the node so the button still names the choice [`apply_for`] takes. A state whose
/// node is missing (an edited guide) is drawn as a "please start over" screen rather than an
/// empty one.
pub fn view_for(guide: &Guide, state: &State, car: Option<&Car>) -> View {
    let Some(node) = guide.node(&state.node) else {
        return step_removed(guide, state);
    };
    let flags = Flags {
        urgent: node.outcome == Some(Outcome::Emergency),
        emergency: node.outcome == Some(Outcome::Emergency),
        escalated: state.status == Status::Escalated,
        resolved: state.status == Status::Resolved,
    };
    let choices = if state.status == Status::Active {
        visible(guide, node, car)
            .into_iter()
            .filter_map(|index| {
                node.choices.get(index).map(|c| ChoiceView {
                    index,
                    label: c.label.clone(),
                })
            })
            .collect()
    } else {
        Vec::new()
    };
    View {
        guide_id: guide.id.clone(),
        guide_title: guide.title.clone(),
        node_id: node.id.clone(),
        step: state.step,
        text: node.text.clone(),
        choices,
        nav: available_nav(state),
        flags,
        notice: None,
    }
}

/// How a stored session meets the guide as it is now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reconciled {
    /// Same version: carry on.
    Unchanged(State),
    /// The guide changed but the member's step still exists: carry on there. Steps of the path
    /// that were removed are dropped so Back never lands on a missing node.
    Continued(State),
    /// The member's step is gone: only Start over is possible.
    StepRemoved(State),
}

pub fn reconcile(guide: &Guide, stored: &GuideVersion, state: &State) -> Reconciled {
    if *stored == guide.version {
        return Reconciled::Unchanged(state.clone());
    }
    if guide.node(&state.node).is_none() {
        return Reconciled::StepRemoved(state.clone());
    }
    let mut kept = state.clone();
    kept.path.retain(|id| guide.node(id).is_some());
    Reconciled::Continued(kept)
}

fn status_of(node: &Node) -> Status {
    match node.outcome {
        None => Status::Active,
        Some(Outcome::Resolved) => Status::Resolved,
        Some(Outcome::Escalate) => Status::Escalated,
        Some(Outcome::Emergency) => Status::Emergency,
    }
}

/// The built-in navigation a state offers. Back only where there is somewhere to go back to;
/// no Start over on the first step (it would do nothing); a volunteer from every open step and
/// after a resolution ("still stuck?"), but not once the member is already with volunteers.
fn available_nav(state: &State) -> Vec<Nav> {
    match state.status {
        Status::Active => {
            let mut nav = Vec::with_capacity(3);
            if !state.path.is_empty() {
                nav.push(Nav::Back);
                nav.push(Nav::Restart);
            }
            nav.push(Nav::Volunteer);
            nav
        }
        Status::Resolved => vec![Nav::Restart, Nav::Volunteer],
        Status::Escalated | Status::Emergency | Status::Abandoned => vec![Nav::Restart],
    }
}

fn step_removed(guide: &Guide, state: &State) -> View {
    View {
        guide_id: guide.id.clone(),
        guide_title: guide.title.clone(),
        node_id: state.node.clone(),
        step: state.step,
        text: Notice::StepRemoved.text().to_string(),
        choices: Vec::new(),
        nav: vec![Nav::Restart],
        flags: Flags::default(),
        notice: Some(Notice::StepRemoved),
    }
}

//! The house rules about who may know whom, read from the source itself (`src/**/*.rs`):
//!
//! - arrows point down: no two sibling modules use each other, directly or round a longer loop;
//! - serenity only in `discord/`, sqlx only in `store/`;
//! - `guide/`, `triage/` and `picture/` know nothing of the store, Discord, the desk or the handoff service.
//!
//! A small tokenizer, not a parser: comments and literals are skipped, `use` trees (braces,
//! `self`, `as`) and inline paths starting with `crate::`, `super::` or `self::` are read, and
//! each is resolved against the module tree the files spell out. Two modules are compared as
//! the children of their lowest common ancestor, so `store::writer::tx` using
//! `store::write_conn` is an arrow from `writer` to `write_conn`; a module using its own
//! ancestor (`super::Store` from the parent's `mod.rs`) is not an arrow between siblings. An
//! inherent impl of a sibling's type (`impl Handler { … }` away from `Handler`) ties the two
//! both ways: the type's own module calls those methods without naming where they live.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

#[path = "architecture/tokens.rs"]
mod tokens;

use tokens::{references, tokenize, Tok};

/// Cycles that other branches of issue 9 are removing. The lead deletes each entry as its fix
/// merges; the test fails on an entry whose cycle is gone, so none outlives its fix.
const KNOWN_CYCLES: &[&[&str]] = &[];

/// Modules `guide/` and `triage/` must not name: they sit above them.
const ABOVE_THE_ENGINE: &[&str] = &["store", "discord", "desk", "handoff", "reload"];

/// One source file: its path under `src/`, and its module in the library crate (`None` for
/// `main.rs`, which is a crate of its own and only uses the library by name).
struct File {
    rel: String,
    module: Option<Vec<String>>,
    tokens: Vec<(Tok, usize)>,
}

/// `guide/check/mod.rs` is `guide::check`; `lib.rs` the crate root.
fn module_of(rel: &str) -> Option<Vec<String>> {
    let stem = rel.strip_suffix(".rs")?;
    if stem == "main" {
        return None;
    }
    let mut parts: Vec<String> = stem.split('/').map(str::to_string).collect();
    if matches!(parts.last().map(String::as_str), Some("mod" | "lib")) {
        parts.pop();
    }
    Some(parts)
}

fn parse(files: &[(String, String)]) -> Vec<File> {
    files
        .iter()
        .map(|(rel, text)| File {
            rel: rel.clone(),
            module: module_of(rel),
            tokens: tokenize(text),
        })
        .collect()
}

/// A module-to-module arrow found in the source, with where it was found.
struct Arrow {
    from: Vec<String>,
    to: Vec<String>,
    at: String,
}

/// Every reference of every library file, resolved to the deepest module its path names.
fn arrows(files: &[File]) -> Vec<Arrow> {
    let mut known: BTreeSet<Vec<String>> = BTreeSet::new();
    for file in files {
        let Some(module) = &file.module else { continue };
        known.insert(module.clone());
        // `mod name;` and `mod name { … }`, so a module is known even without a file of its own.
        for pair in file.tokens.windows(2) {
            if let (Tok::Ident(k), Tok::Ident(name)) = (&pair[0].0, &pair[1].0) {
                if k == "mod" {
                    known.insert(module.iter().chain([name]).cloned().collect());
                }
            }
        }
    }
    let mut out = Vec::new();
    for file in files {
        let Some(module) = &file.module else { continue };
        for r in references(&file.tokens, module) {
            if let Some(to) = resolve(&known, &r.from, &r.path) {
                let how = if r.back { " (methods of its type)" } else { "" };
                let at = format!("src/{}:{}{how}", file.rel, r.line);
                let (from, to) = if r.back { (to, r.from) } else { (r.from, to) };
                out.push(Arrow { from, to, at });
            }
        }
    }
    out
}

/// The module a `crate::`/`super::`/`self::` path lands in, descending while its segments name
/// known modules (`crate::guide::search::rank` is `guide::search`). Other paths are extern
/// crates or names in scope, which can only point down.
fn resolve(known: &BTreeSet<Vec<String>>, here: &[String], path: &[String]) -> Option<Vec<String>> {
    let (first, rest) = path.split_first()?;
    let mut at = match first.as_str() {
        "crate" => Vec::new(),
        "self" => here.to_vec(),
        "super" => here.split_last()?.1.to_vec(),
        _ => return None,
    };
    let mut rest = rest.iter().peekable();
    while rest.peek().is_some_and(|s| *s == "super") {
        at.pop()?;
        rest.next();
    }
    for segment in rest {
        at.push(segment.clone());
        if !known.contains(&at) {
            at.pop();
            break;
        }
    }
    Some(at)
}

/// An arrow as one between siblings: the children of the two modules' lowest common ancestor,
/// and that ancestor. `None` when one module is the other's ancestor.
fn between_siblings(arrow: &Arrow) -> Option<(Vec<String>, String, String)> {
    let common = arrow
        .from
        .iter()
        .zip(&arrow.to)
        .take_while(|(a, b)| a == b)
        .count();
    let from = arrow.from.get(common)?;
    let to = arrow.to.get(common)?;
    Some((arrow.from[..common].to_vec(), from.clone(), to.clone()))
}

fn name(parent: &[String], child: &str) -> String {
    parent
        .iter()
        .map(String::as_str)
        .chain([child])
        .collect::<Vec<_>>()
        .join("::")
}

/// Every cycle among siblings, as its sorted module names and the arrows that make it.
fn cycles(files: &[File]) -> Vec<(Vec<String>, Vec<String>)> {
    // parent -> child -> (child it uses -> where)
    type Graph = BTreeMap<String, BTreeMap<String, Vec<String>>>;
    let mut graphs: BTreeMap<Vec<String>, Graph> = BTreeMap::new();
    for arrow in arrows(files) {
        if let Some((parent, from, to)) = between_siblings(&arrow) {
            let places = graphs
                .entry(parent)
                .or_default()
                .entry(from)
                .or_default()
                .entry(to)
                .or_default();
            if !places.contains(&arrow.at) {
                places.push(arrow.at);
            }
        }
    }
    let mut found = Vec::new();
    for (parent, graph) in &graphs {
        let reach = |start: &str| -> BTreeSet<String> {
            let mut seen = BTreeSet::new();
            let mut todo = vec![start.to_string()];
            while let Some(m) = todo.pop() {
                for next in graph.get(&m).into_iter().flat_map(|g| g.keys()) {
                    if seen.insert(next.clone()) {
                        todo.push(next.clone());
                    }
                }
            }
            seen
        };
        let mut done = BTreeSet::new();
        for start in graph.keys() {
            if done.contains(start) || !reach(start).contains(start) {
                continue;
            }
            let ring: BTreeSet<String> = graph
                .keys()
                .filter(|m| reach(start).contains(*m) && reach(m).contains(start))
                .cloned()
                .collect();
            let mut evidence = Vec::new();
            for m in &ring {
                for (to, places) in graph.get(m).into_iter().flatten() {
                    if ring.contains(to) {
                        let (a, b) = (name(parent, m), name(parent, to));
                        evidence.extend(places.iter().map(|at| format!("{at}: {a} -> {b}")));
                    }
                }
            }
            done.extend(ring.iter().cloned());
            found.push((ring.iter().map(|m| name(parent, m)).collect(), evidence));
        }
    }
    found
}

/// A listed cycle is the found one when it names the same modules, in any order.
fn same(listed: &[&str], ring: &[String]) -> bool {
    let listed: BTreeSet<&str> = listed.iter().copied().collect();
    listed.len() == ring.len() && ring.iter().all(|m| listed.contains(m.as_str()))
}

/// Problems with the arrows: cycles not on the known list, and known entries that are gone.
fn cycle_problems(files: &[File], known: &[&[&str]]) -> Vec<String> {
    let found = cycles(files);
    let mut problems = Vec::new();
    for (ring, evidence) in &found {
        if !known.iter().any(|k| same(k, ring)) {
            problems.push(format!(
                "cycle among {}: move what they share below them\n  {}",
                ring.join(", "),
                evidence.join("\n  ")
            ));
        }
    }
    for k in known {
        if !found.iter().any(|(ring, _)| same(k, ring)) {
            problems.push(format!(
                "the cycle {} is gone: delete it from KNOWN_CYCLES",
                k.join(", ")
            ));
        }
    }
    problems
}

/// `crate_name::` paths (`serenity::`, `sqlx::`) in files outside `allowed/`.
fn crate_outside(files: &[File], crate_name: &str, allowed: &str) -> Vec<String> {
    let mut problems = Vec::new();
    for file in files.iter().filter(|f| !f.rel.starts_with(allowed)) {
        for pair in file.tokens.windows(2) {
            if pair[0].0 == Tok::Ident(crate_name.into()) && pair[1].0 == Tok::PathSep {
                let (rel, line) = (&file.rel, pair[0].1);
                problems.push(format!(
                    "src/{rel}:{line}: `{crate_name}::` outside src/{allowed}"
                ));
            }
        }
    }
    problems
}

/// `guide/`, `triage/` or `picture/` (pure too: figures in, pictures out) naming a module
/// above the engine.
fn engine_reaching_up(files: &[File]) -> Vec<String> {
    arrows(files)
        .into_iter()
        .filter(|a| {
            matches!(
                a.from.first().map(String::as_str),
                Some("guide" | "triage" | "picture")
            )
        })
        .filter(|a| {
            a.to.first()
                .is_some_and(|m| ABOVE_THE_ENGINE.contains(&m.as_str()))
        })
        .map(|a| format!("{}: {} uses {}", a.at, a.from.join("::"), a.to.join("::")))
        .collect()
}

fn source_tree() -> Vec<File> {
    fn walk(dir: &Path, root: &Path, out: &mut Vec<(String, String)>) {
        let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        for entry in entries {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                walk(&path, root, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let rel = path
                    .strip_prefix(root)
                    .expect("under src")
                    .to_string_lossy();
                let text = std::fs::read_to_string(&path).expect("a UTF-8 source file");
                out.push((rel.replace('\\', "/"), text));
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    walk(&root, &root, &mut files);
    assert!(
        files.len() > 20,
        "found only {} files under src/",
        files.len()
    );
    parse(&files)
}

fn assert_none(what: &str, problems: Vec<String>) {
    assert!(problems.is_empty(), "{what}:\n{}", problems.join("\n"));
}

#[test]
fn arrows_point_down_between_sibling_modules() {
    assert_none(
        "modules that use each other",
        cycle_problems(&source_tree(), KNOWN_CYCLES),
    );
}

#[test]
fn serenity_only_in_discord() {
    assert_none(
        "serenity outside discord/",
        crate_outside(&source_tree(), "serenity", "discord/"),
    );
}

#[test]
fn sql_only_in_store() {
    assert_none(
        "sqlx outside store/",
        crate_outside(&source_tree(), "sqlx", "store/"),
    );
}

#[test]
fn guide_and_triage_know_nothing_above_them() {
    assert_none(
        "guide/ or triage/ reaching up",
        engine_reaching_up(&source_tree()),
    );
}

#[path = "architecture/selftest.rs"]
mod selftest;

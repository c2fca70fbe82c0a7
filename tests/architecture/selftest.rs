//! The checks above, on small made-up trees: each must catch what it is for and nothing else.

use super::*;

fn tree(files: &[(&str, &str)]) -> Vec<File> {
    let owned: Vec<(String, String)> = files
        .iter()
        .map(|(p, t)| (p.to_string(), t.to_string()))
        .collect();
    parse(&owned)
}

fn rings(files: &[File]) -> Vec<Vec<String>> {
    cycles(files).into_iter().map(|(ring, _)| ring).collect()
}

#[test]
fn a_use_tree_with_braces_and_self_makes_a_cycle_naming_both_files() {
    let files = tree(&[
        ("lib.rs", "pub mod a; pub mod b;"),
        ("a.rs", "use crate::{b::{self, f as g}, c};\nfn x() {}"),
        ("b.rs", "//! b\n\npub use super::a::A;"),
    ]);
    assert_eq!(rings(&files), [["a", "b"]]);
    let problems = cycle_problems(&files, &[]);
    assert!(
        problems[0].contains("src/a.rs:1: a -> b"),
        "{}",
        problems[0]
    );
    assert!(
        problems[0].contains("src/b.rs:3: b -> a"),
        "{}",
        problems[0]
    );
}

#[test]
fn a_longer_loop_through_inline_paths_is_one_cycle() {
    let files = tree(&[
        ("lib.rs", "mod x;"),
        ("x/mod.rs", "mod a; mod b; mod c; mod d;"),
        ("x/a.rs", "fn f() { crate::x::b::go(1); }"),
        ("x/b.rs", "fn f() -> super::c::T { todo!() }"),
        ("x/c.rs", "use super::{a::A, d};"),
        ("x/d.rs", "use self::inner::Y; mod inner {}"),
    ]);
    assert_eq!(rings(&files), [["x::a", "x::b", "x::c"]]);
}

#[test]
fn methods_given_to_a_siblings_type_tie_the_two_but_trait_impls_do_not() {
    let files = tree(&[
        ("lib.rs", "mod a; mod b; mod c;"),
        (
            "a.rs",
            "pub struct H;\npub trait T {}\nimpl H {\n    fn f(&self) { self.g() }\n}",
        ),
        (
            "b.rs",
            "use crate::a::H;\n\nimpl H {\n    fn g(&self) {}\n}",
        ),
        (
            "c.rs",
            concat!(
                "use crate::a::{H, T};\nimpl Clone for H { fn clone(&self) -> H { H } }\n",
                "impl<'a> From<&'a str> for H { fn from(_: &str) -> H { H } }\n",
                "impl T for H {}\nfn f(x: impl T) -> impl T { x }",
            ),
        ),
    ]);
    assert_eq!(rings(&files), [["a", "b"]]);
    let problems = cycle_problems(&files, &[]);
    assert!(
        problems[0].contains("src/b.rs:3 (methods of its type): a -> b"),
        "{}",
        problems[0]
    );
}

#[test]
fn super_super_and_test_modules_resolve_from_where_they_are() {
    let files = tree(&[
        ("lib.rs", "mod w; mod x;"),
        ("x/mod.rs", "mod y;"),
        (
            "x/y.rs",
            "#[cfg(test)]\nmod tests {\n    use super::super::super::w::T;\n}",
        ),
        ("w.rs", "fn f() { crate::x::y::go() }"),
    ]);
    let problems = cycle_problems(&files, &[]);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].contains("src/x/y.rs:3: x -> w"),
        "{}",
        problems[0]
    );
}

#[test]
fn a_child_using_its_parent_comments_and_literals_are_no_arrows() {
    let files = tree(&[
        ("lib.rs", "mod a; mod b; mod store;"),
        (
            "store/mod.rs",
            "mod w;\npub struct Store;\nfn f() { self::w::go() }",
        ),
        (
            "store/w.rs",
            "use super::Store;\nfn g() -> crate::store::Store { super::Store }",
        ),
        (
            "a.rs",
            concat!(
                "// use crate::b::X;\n/* crate::b::f() /* nested */ super::b::g */\n",
                "const S: &str = \"crate::b::f() \\\" super::b::x\";\n",
                "const R: &str = r#\"a \"crate::b::x\" b\"#;\n",
                "fn q<'a>(x: &'a str) -> char { let _ = b\"crate::b\"; '\"' }\n",
                "const T: &str = \"crate::b::y\";\n",
                "fn z() -> char { '\\'' }\n",
                "const U: &str = \"a\";\nconst V: &str = \"crate::b::z\";\n",
            ),
        ),
        ("b.rs", "use crate::a::A;"),
    ]);
    assert!(rings(&files).is_empty(), "{:?}", rings(&files));
}

#[test]
fn known_cycles_pass_and_known_cycles_that_are_gone_fail() {
    let files = tree(&[
        ("lib.rs", "mod s;"),
        ("s/mod.rs", "mod p; mod q;"),
        ("s/p.rs", "use super::q::Q;"),
        ("s/q.rs", "use super::p::P;"),
    ]);
    assert!(cycle_problems(&files, &[&["s::q", "s::p"]]).is_empty());
    let gone = cycle_problems(&files, &[&["s::q", "s::p"], &["s::x", "s::y"]]);
    assert_eq!(gone.len(), 1, "{gone:?}");
    assert!(gone[0].contains("s::x, s::y is gone"), "{}", gone[0]);
}

#[test]
fn serenity_and_sqlx_are_found_in_code_outside_their_folder_only() {
    let files = tree(&[
        ("lib.rs", "mod discord; mod guide; mod store;"),
        ("discord/mod.rs", "use serenity::all::Http;"),
        ("store/mod.rs", "fn f() { sqlx::query(\"SELECT 1\"); }"),
        (
            "guide/mod.rs",
            "// serenity::x\nconst S: &str = \"sqlx::query\";\nuse serenity::{all::Http};\nfn f() { ::sqlx::query(\"\") }",
        ),
        ("main.rs", "fn main() { serenity::x() }"),
    ]);
    assert_eq!(
        crate_outside(&files, "serenity", "discord/"),
        [
            "src/guide/mod.rs:3: `serenity::` outside src/discord/",
            "src/main.rs:1: `serenity::` outside src/discord/",
        ]
    );
    assert_eq!(
        crate_outside(&files, "sqlx", "store/"),
        ["src/guide/mod.rs:4: `sqlx::` outside src/store/"]
    );
}

#[test]
fn guide_and_triage_reaching_up_are_named() {
    let files = tree(&[
        (
            "lib.rs",
            "mod desk; mod domain; mod guide; mod handoff; mod store; mod triage;",
        ),
        ("guide/mod.rs", "mod a;\nuse crate::domain::Timestamp;"),
        ("guide/a.rs", "use crate::{domain, store::Store};"),
        (
            "triage/mod.rs",
            "fn f() {\n    super::desk::Desk::new();\n}",
        ),
        ("desk.rs", "use crate::{guide, store, triage};"),
    ]);
    assert_eq!(
        engine_reaching_up(&files),
        [
            "src/guide/a.rs:1: guide::a uses store",
            "src/triage/mod.rs:2: triage uses desk",
        ]
    );
}

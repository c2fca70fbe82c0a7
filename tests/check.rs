//! The guide checker, loader and ranking, driven through fixture folders under
//! `tests/fixtures/guides/<case>/`. Each failing case breaks one rule of a small clean guide
//! (`clean/stuck-key.toml`), so each test can say exactly which problem, in which file, on
//! which line.

use std::path::{Path, PathBuf};

use pitcrew::guide::{
    check_dir, check_source, load_library, rank, CheckReport, Library, LoadError, Mode, Outcome,
    Problem, Rule,
};

fn fixture(case: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/guides")
        .join(case)
}

fn file_name(p: &Problem) -> String {
    p.file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Checks `case` and asserts it has exactly these problems, as (file name, line, rule), in
/// report order.
fn assert_problems(case: &str, expected: &[(&str, usize, Rule)]) -> CheckReport {
    let report = check_dir(&fixture(case));
    let got: Vec<(String, usize, Rule)> = report
        .problems
        .iter()
        .map(|p| (file_name(p), p.line, p.rule))
        .collect();
    let want: Vec<(String, usize, Rule)> = expected
        .iter()
        .map(|(f, l, r)| (f.to_string(), *l, *r))
        .collect();
    assert_eq!(got, want, "\n{report}");
    for p in &report.problems {
        assert!(!p.message.is_empty() && !p.fix.is_empty(), "{p}");
    }
    report
}

/// The one problem of a case that breaks one rule in `stuck-key.toml`.
fn only(case: &str, line: usize, rule: Rule) -> Problem {
    let report = assert_problems(case, &[("stuck-key.toml", line, rule)]);
    report.problems[0].clone()
}

fn assert_mentions(p: &Problem, words: &[&str]) {
    let text = p.to_string();
    for w in words {
        assert!(text.contains(w), "expected {w:?} in: {text}");
    }
}

// ----- clean content -----

#[test]
fn clean_fixture_passes_and_other_files_are_ignored() {
    let report = assert_problems("clean", &[]);
    // README.md and the hidden `.editor-lock.toml` are not guides.
    assert_eq!((report.guides, report.nodes), (1, 5));
    assert_eq!(report.to_string(), "1 guide, 5 nodes: all good");
}

#[test]
fn limits_are_inclusive_and_counted_in_characters() {
    // Title and summary of exactly 100, a label of 80, text of 1800 (all multi-byte), an id of
    // 64 and 20 choices on one node.
    assert_problems("at-limits", &[]);
}

#[test]
fn readme_example_passes() {
    let report = assert_problems("readme-example", &[]);
    assert_eq!((report.guides, report.nodes), (1, 5));
}

/// The example in content/README.md itself (not only our copy of it) must stay valid.
#[test]
fn example_in_content_readme_is_a_valid_guide() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("content/README.md"))
            .expect("content/README.md");
    let example = readme
        .split("```toml\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("a ```toml block in content/README.md");
    let guide = check_source(Path::new("content/README.md"), example)
        .unwrap_or_else(|problems| panic!("{problems:#?}"));
    assert_eq!(guide.id, "flat-fob");
}

#[test]
fn loaded_guide_has_what_the_engine_relies_on() {
    let library = load_library(&fixture("readme-example")).expect("loads");
    let guide = library.get("flat-fob").expect("flat-fob");
    assert_eq!(guide.title, "Fob battery is flat");
    assert_eq!(guide.start, "safe");
    assert_eq!(guide.volunteer, "ask-human");
    assert_eq!(guide.synonyms, ["remote dead", "key does nothing"]);
    assert_eq!(
        guide.applies_to.as_ref().map(|a| a.makes.clone()),
        Some(vec!["MINI".to_string()])
    );
    assert_eq!(guide.nodes().len(), 5);
    assert_eq!(guide.start_node().choices.len(), 2);
    assert_eq!(
        guide.node("danger").and_then(|n| n.outcome),
        Some(Outcome::Emergency)
    );
    assert_eq!(guide.version.0.len(), 16);
    assert!(guide.version.0.chars().all(|c| c.is_ascii_hexdigit()));
    assert_eq!(
        guide.source,
        fixture("readme-example").join("flat-fob.toml")
    );
}

#[test]
fn volunteer_defaults_to_the_first_escalate_node_and_text_is_trimmed() {
    let library = load_library(&fixture("at-limits")).expect("loads");
    let guide = library.get("stuck-key").expect("stuck-key");
    assert_eq!(guide.volunteer, "ask-human");
    // Written as """ on its own lines; the newlines around it are not part of the text.
    let long = guide
        .nodes()
        .iter()
        .find(|n| n.text.starts_with('Ü'))
        .expect("long node");
    assert_eq!(long.text.chars().count(), 1800);
}

#[test]
fn version_changes_with_the_file_and_only_with_it() {
    let text = std::fs::read_to_string(fixture("clean").join("stuck-key.toml")).expect("read");
    let a = check_source(Path::new("a.toml"), &text).expect("clean");
    let b = check_source(Path::new("b.toml"), &text).expect("clean");
    let edited = text.replace("Glad it worked.", "Glad it worked!");
    let c = check_source(Path::new("a.toml"), &edited).expect("clean");
    assert_eq!(a.version, b.version);
    assert_ne!(a.version, c.version);
    // The same bytes from disk give the same version as from memory.
    let from_disk = load_library(&fixture("clean")).expect("loads");
    assert_eq!(
        from_disk.get("stuck-key").map(|g| &g.version),
        Some(&a.version)
    );
}

// ----- one failing fixture per rule -----

#[test]
fn toml_syntax_error() {
    let p = only("syntax", 2, Rule::Syntax);
    assert_mentions(&p, &["invalid TOML", "close the text"]);
}

#[test]
fn unknown_field() {
    let p = only("unknown-field", 3, Rule::UnknownField);
    assert_eq!(p.column, 1);
    assert_mentions(&p, &["unknown field `sumary`", "did you mean `summary`?"]);
}

#[test]
fn missing_required_field() {
    // Node `fixed` lost its text; toml points at the node's `[[node]]` header.
    let p = only("missing-field", 29, Rule::MissingField);
    assert_mentions(&p, &["missing required field `text`", "to this node"]);
}

#[test]
fn invalid_value() {
    let p = only("invalid-value", 31, Rule::InvalidValue);
    assert_mentions(&p, &["`solved`", "`resolved`, `escalate`, `emergency`"]);
}

#[test]
fn duplicate_node_id_points_at_the_second() {
    let p = only("duplicate-node-id", 40, Rule::DuplicateNodeId);
    assert_mentions(&p, &["`fixed`", "line 30"]);
}

#[test]
fn unknown_target() {
    let p = only("unknown-target", 22, Rule::UnknownTarget);
    // The column is the `goto` value's.
    assert_eq!(p.column, 38);
    assert_mentions(
        &p,
        &[
            "`Something else`",
            "`wiggle`",
            "`ask-humn`",
            "did you mean `ask-human`?",
        ],
    );
}

#[test]
fn unknown_start() {
    let p = only("unknown-start", 6, Rule::UnknownStart);
    assert_mentions(&p, &["`saf`", "did you mean `safe`?"]);
}

#[test]
fn unknown_volunteer() {
    let p = only("unknown-volunteer", 7, Rule::UnknownVolunteer);
    assert_mentions(&p, &["`helper`"]);
}

#[test]
fn volunteer_that_is_not_an_escalate_node() {
    let p = only("volunteer-not-escalate", 7, Rule::VolunteerNotEscalate);
    assert_mentions(&p, &["`fixed`", "outcome `resolved`", "escalate"]);
}

#[test]
fn unreachable_node() {
    let p = only("unreachable", 40, Rule::Unreachable);
    assert_mentions(&p, &["`orphan`", "start `safe`"]);
}

#[test]
fn dead_end_node() {
    let p = only("dead-end", 30, Rule::DeadEnd);
    assert_mentions(&p, &["`fixed`", "no choices and no outcome"]);
}

#[test]
fn terminal_node_with_choices() {
    let p = only("terminal-with-choices", 33, Rule::TerminalWithChoices);
    assert_mentions(&p, &["`fixed`", "`resolved`"]);
}

#[test]
fn duplicate_label_ignores_case_and_spaces() {
    let p = only("duplicate-label", 21, Rule::DuplicateLabel);
    assert_mentions(&p, &["`wiggle`", "`it came out`", "line 20"]);
}

#[test]
fn label_over_80_characters() {
    // 81 "ß": 162 bytes, but characters are what Discord counts.
    let p = only("label-too-long", 21, Rule::LabelTooLong);
    assert_mentions(&p, &["81 characters", "80", "`wiggle`"]);
}

#[test]
fn node_text_over_1800_characters() {
    let p = only("text-too-long", 32, Rule::TextTooLong);
    assert_mentions(&p, &["`fixed`", "1801 characters"]);
}

#[test]
fn more_than_20_choices_points_at_the_21st() {
    let p = only("too-many-choices", 40, Rule::TooManyChoices);
    assert_mentions(&p, &["`wiggle`", "21 choices"]);
}

#[test]
fn empty_id_title_summary_label_and_text() {
    let report = assert_problems(
        "empty-fields",
        &[
            ("stuck-key.toml", 1, Rule::EmptyField),
            ("stuck-key.toml", 2, Rule::EmptyField),
            ("stuck-key.toml", 3, Rule::EmptyField),
            ("stuck-key.toml", 21, Rule::EmptyField),
            ("stuck-key.toml", 32, Rule::EmptyField),
        ],
    );
    let said: Vec<&str> = report.problems.iter().map(|p| p.message.as_str()).collect();
    assert_eq!(
        said,
        [
            "guide id is empty",
            "`title` is empty",
            "`summary` is empty",
            "a choice in node `wiggle` has an empty label",
            "node `fixed` has empty text",
        ]
    );
}

#[test]
fn title_over_100_characters() {
    let p = only("title-too-long", 2, Rule::TitleTooLong);
    assert_mentions(&p, &["101 characters"]);
}

#[test]
fn summary_over_100_characters() {
    let p = only("summary-too-long", 3, Rule::SummaryTooLong);
    assert_mentions(&p, &["101 characters"]);
}

#[test]
fn ids_only_lowercase_digits_and_dashes() {
    let report = assert_problems(
        "invalid-id",
        &[
            ("stuck-key.toml", 1, Rule::InvalidId),
            ("stuck-key.toml", 35, Rule::InvalidId),
        ],
    );
    assert_mentions(&report.problems[0], &["`Stuck Key`", "use `stuck-key`"]);
    assert_mentions(
        &report.problems[1],
        &["`Ask_Human`", "use `ask-human`", "every `goto`"],
    );
}

#[test]
fn ids_at_most_64_characters() {
    let p = only("id-too-long", 35, Rule::IdTooLong);
    assert_mentions(&p, &["65 characters", "64"]);
}

#[test]
fn no_path_to_a_volunteer() {
    let p = only("no-volunteer-path", 6, Rule::NoVolunteerPath);
    assert_mentions(&p, &["`safe`", "escalate"]);
}

#[test]
fn emergency_must_be_within_two_choices_of_start() {
    // Here it is three choices away: safe -> check -> check-again -> danger.
    let p = only("no-emergency-near-start", 6, Rule::NoEmergencyNearStart);
    assert_mentions(&p, &["`safe`", "3 choices away"]);
}

#[test]
fn unknown_placeholder_names_the_known_ones() {
    let p = only("unknown-placeholder", 27, Rule::UnknownPlaceholder);
    assert_mentions(
        &p,
        &["`{emergancy}`", "did you mean `{emergency}`?", "`danger`"],
    );
    assert_eq!(p.column, 16, "points at the brace itself: {p}");
}

#[test]
fn literal_emergency_numbers_point_at_their_line_and_name_the_placeholder() {
    // The label's 112 and the text's 999 (on the text's second line); not 2000 or 1,000.
    let report = assert_problems(
        "literal-number",
        &[
            ("stuck-key.toml", 21, Rule::LiteralNumber),
            ("stuck-key.toml", 28, Rule::LiteralNumber),
        ],
    );
    assert_mentions(&report.problems[0], &["112", "`{emergency}`"]);
    assert_mentions(&report.problems[1], &["999", "`danger`", "`{emergency}`"]);
}

#[test]
fn a_label_that_only_fits_before_its_placeholder_is_filled_is_too_long() {
    // "Still stuck, I called {roadside}" is 32 characters as written, over 80 filled in.
    let p = only("placeholder-too-long", 21, Rule::LabelTooLong);
    assert_mentions(
        &p,
        &[
            "once its placeholders are filled in",
            "France",
            "at most 80",
        ],
    );
}

#[test]
fn guide_without_nodes() {
    let p = only("no-nodes", 6, Rule::NoNodes);
    assert_mentions(&p, &["no nodes", "[[node]]"]);
}

#[test]
fn file_that_is_not_utf8() {
    let p = only("not-utf8", 2, Rule::NotUtf8);
    // The bad byte follows `title = "Key stuck in the `.
    assert_eq!(p.column, 27);
}

#[test]
fn same_guide_id_in_two_files_points_at_the_second_and_names_the_first() {
    let report = assert_problems(
        "duplicate-guide-id",
        &[("b-second.toml", 1, Rule::DuplicateGuideId)],
    );
    assert_mentions(&report.problems[0], &["`stuck-key`", "a-first.toml:1"]);
}

// ----- the folder -----

#[test]
fn every_problem_of_every_file_at_once() {
    // a-syntax.toml stops at its syntax error; b-clean.toml is fine; c-rules.toml has two
    // rule problems. All three are reported in one run, in file order.
    let report = assert_problems(
        "two-broken",
        &[
            ("a-syntax.toml", 29, Rule::Syntax),
            ("c-rules.toml", 7, Rule::VolunteerNotEscalate),
            ("c-rules.toml", 31, Rule::DeadEnd),
        ],
    );
    assert_eq!(report.guides, 3);
    assert!(report
        .to_string()
        .ends_with("3 guides, 10 nodes: 3 problems"));
}

#[test]
fn problem_display_is_file_line_column_what_dash_fix() {
    let p = only("dead-end", 30, Rule::DeadEnd);
    let path = fixture("dead-end").join("stuck-key.toml");
    assert_eq!(
        p.to_string(),
        format!(
            "{}:30:6: node `fixed` has no choices and no outcome, so a member would be stuck there — {}",
            path.display(),
            p.fix
        )
    );
}

#[test]
fn missing_folder_names_it_and_the_setting() {
    let dir = fixture("does-not-exist");
    let report = check_dir(&dir);
    assert_eq!(report.problems.len(), 1);
    assert_eq!(report.problems[0].rule, Rule::Folder);
    assert_mentions(&report.problems[0], &["does not exist", "CONTENT_DIR"]);

    match load_library(&dir) {
        Err(e @ LoadError::Io { .. }) => {
            let said = e.to_string();
            assert!(said.contains("does-not-exist"), "{said}");
            assert!(said.contains("does not exist"), "{said}");
            assert!(said.contains("CONTENT_DIR"), "{said}");
        }
        other => panic!("expected an I/O error, got {other:?}"),
    }
}

#[test]
fn folder_without_guides_is_a_problem() {
    assert_problems("only-readme", &[("only-readme", 0, Rule::NoGuides)]);
    let empty = tempfile::tempdir().expect("temp dir");
    match load_library(empty.path()) {
        Err(LoadError::Invalid(problems)) => {
            assert_eq!(problems.len(), 1);
            assert_eq!(problems[0].rule, Rule::NoGuides);
        }
        other => panic!("expected no guides, got {other:?}"),
    }
}

#[test]
fn library_refuses_a_folder_with_problems_and_lists_them() {
    match load_library(&fixture("two-broken")) {
        Err(e @ LoadError::Invalid(_)) => {
            let said = e.to_string();
            assert!(said.starts_with("the guides have 3 problems"), "{said}");
            assert!(said.contains("c-rules.toml:31:6: node `fixed`"), "{said}");
        }
        other => panic!("expected problems, got {other:?}"),
    }
}

#[test]
fn check_source_reports_what_check_dir_would() {
    let text = std::fs::read_to_string(fixture("dead-end").join("stuck-key.toml")).expect("read");
    let problems = check_source(Path::new("x.toml"), &text).expect_err("dead end");
    assert_eq!(problems.len(), 1);
    assert_eq!((problems[0].line, problems[0].rule), (30, Rule::DeadEnd));
    assert_eq!(problems[0].file, PathBuf::from("x.toml"));
}

// ----- library and search -----

fn search_library() -> Library {
    load_library(&fixture("search")).unwrap_or_else(|e| panic!("{e}"))
}

fn ids(library: &Library, text: &str, mode: Mode, limit: usize) -> Vec<String> {
    rank(library, text, mode, limit)
        .into_iter()
        .map(|m| m.guide_id)
        .collect()
}

fn first(library: &Library, text: &str, mode: Mode) -> String {
    ids(library, text, mode, 25)
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("no match for {text:?}"))
}

#[test]
fn library_is_sorted_by_title_and_looked_up_by_id() {
    let library = search_library();
    assert_eq!(library.len(), 4);
    assert!(!library.is_empty());
    let titles: Vec<&str> = library.iter().map(|g| g.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Fob battery is flat",
            "Fob locked in the trunk",
            "Keys locked inside the car",
            "Trunk will not open",
        ]
    );
    assert_eq!(
        library.ids().collect::<Vec<_>>(),
        ["flat-fob", "fob-in-trunk", "keys-in-cabin", "trunk-release"]
    );
    assert_eq!(
        library.get("trunk-release").map(|g| g.title.as_str()),
        Some("Trunk will not open")
    );
    assert!(library.get("nope").is_none());
}

#[test]
fn members_own_words_find_the_right_guide() {
    let library = search_library();
    // "boot" is only in the trunk guides' synonyms; the whole phrase picks the fob one.
    assert_eq!(
        first(&library, "fob is in the boot", Mode::Words),
        "fob-in-trunk"
    );
    assert_eq!(
        first(&library, "My MINI remote stopped working!", Mode::Words),
        "flat-fob"
    );
    assert_eq!(
        first(&library, "meds locked in trunk", Mode::Words),
        "trunk-release"
    );
    assert_eq!(
        first(&library, "keys locked in car", Mode::Words),
        "keys-in-cabin"
    );
    // A different negation still finds the synonym "trunk won't open".
    assert_eq!(
        first(&library, "trunk doesn't open", Mode::Words),
        "trunk-release"
    );
}

#[test]
fn whole_phrase_outweighs_single_words() {
    let library = search_library();
    let matches = rank(&library, "fob is in the boot", Mode::Words, 25);
    // flat-fob has "fob", trunk-release has "boot": one word each, far behind the phrase.
    assert_eq!(matches[0].guide_id, "fob-in-trunk");
    assert!(matches.len() >= 3);
    assert!(matches[0].score > 2 * matches[1].score, "{matches:?}");
}

#[test]
fn prefix_mode_completes_the_last_word() {
    let library = search_library();
    // Both trunk guides have "trunk" in the title: equal scores, so title order.
    assert_eq!(
        ids(&library, "tru", Mode::Prefix, 25),
        ["fob-in-trunk", "trunk-release"]
    );
    assert_eq!(
        first(&library, "fob in the bo", Mode::Prefix),
        "fob-in-trunk"
    );
    assert_eq!(first(&library, "batt", Mode::Prefix), "flat-fob");
    // A word shorter than three letters only completes in prefix mode.
    assert!(ids(&library, "ba", Mode::Words, 25).is_empty());
    assert_eq!(first(&library, "ba", Mode::Prefix), "flat-fob");
    // A trailing space ends the word: "bo " is not "boot".
    assert!(ids(&library, "bo ", Mode::Prefix, 25).is_empty());
}

#[test]
fn limit_is_respected() {
    let library = search_library();
    let all = ids(&library, "fob key trunk", Mode::Words, 25);
    assert!(all.len() >= 3, "{all:?}");
    assert_eq!(ids(&library, "fob key trunk", Mode::Words, 2), all[..2]);
    assert!(ids(&library, "fob", Mode::Prefix, 0).is_empty());
}

#[test]
fn nonsense_and_stop_words_match_nothing() {
    let library = search_library();
    for text in ["", "   ", "xyzzy plugh", "the of and is", "?!…"] {
        assert!(rank(&library, text, Mode::Words, 25).is_empty(), "{text:?}");
    }
    assert!(rank(&library, "zq", Mode::Prefix, 25).is_empty());
}

#[test]
fn scores_are_positive_and_ranking_is_deterministic() {
    let library = search_library();
    let a = rank(&library, "key", Mode::Words, 25);
    assert!(a.iter().all(|m| m.score > 0));
    assert!(a.windows(2).all(|w| w[0].score >= w[1].score));
    for _ in 0..3 {
        assert_eq!(rank(&library, "key", Mode::Words, 25), a);
    }
}

#[test]
fn the_cancel_id_is_reserved_for_triage_cancel() {
    let text = std::fs::read_to_string(fixture("clean").join("stuck-key.toml"))
        .expect("clean fixture")
        .replacen(r#"id = "stuck-key""#, r#"id = "cancel""#, 1);
    let problems = check_source(Path::new("cancel.toml"), &text).expect_err("refused");
    assert!(
        problems
            .iter()
            .any(|p| p.rule == Rule::InvalidId && p.message.contains("reserved") && p.line == 1),
        "{problems:?}"
    );
}

// ----- car conditions (`when`) -----

#[test]
fn a_condition_naming_an_unknown_field() {
    let p = only("condition-unknown-field", 21, Rule::UnknownConditionField);
    // The column is the field's own, inside the inline table.
    assert_eq!(p.column, 57);
    assert_mentions(
        &p,
        &[
            "`Still stuck`",
            "`wiggle`",
            "`keys` is not a car field",
            "did you mean `key`?",
            "`make`, `key`, `years`",
        ],
    );
}

#[test]
fn a_condition_naming_an_unknown_value_or_unreadable_years() {
    let report = assert_problems(
        "condition-unknown-value",
        &[
            ("stuck-key.toml", 21, Rule::UnknownConditionValue),
            ("stuck-key.toml", 31, Rule::UnknownConditionValue),
        ],
    );
    // A make in another case ("Mini") is the same make, so only the years are wrong there.
    assert_mentions(
        &report.problems[0],
        &["`flatkey` is not a key", "did you mean `flat-key`?"],
    );
    assert_mentions(
        &report.problems[1],
        &[
            "node `fixed`",
            "`soon` is not a range of years",
            "`2002-2004`",
        ],
    );
}

// ----- translations (`NAME.LANG.toml` beside the guide) -----

/// The warnings of `case`, as (file name, line, rule), in report order; and no error.
fn assert_warnings(case: &str, expected: &[(&str, usize, Rule)]) -> CheckReport {
    let report = check_dir(&fixture(case));
    assert!(report.problems.is_empty(), "no errors expected:\n{report}");
    let got: Vec<(String, usize, Rule)> = report
        .warnings
        .iter()
        .map(|p| (file_name(p), p.line, p.rule))
        .collect();
    let want: Vec<(String, usize, Rule)> = expected
        .iter()
        .map(|(f, l, r)| (f.to_string(), *l, *r))
        .collect();
    assert_eq!(got, want, "\n{report}");
    for p in &report.warnings {
        assert!(p.rule.is_warning(), "{p}");
        assert!(p.to_string().contains(": warning: "), "{p}");
    }
    report
}

#[test]
fn a_complete_current_translation_passes_and_is_not_taken_for_a_guide() {
    let report = assert_warnings("translated", &[]);
    assert_eq!((report.guides, report.nodes), (1, 5), "one guide, not two");
    assert_eq!(report.to_string(), "1 guide, 5 nodes: all good");
    let library = load_library(&fixture("translated")).expect("loads");
    let guide = library.get("stuck-key").expect("guide");
    let de = pitcrew::guide::Lang::De;
    assert_eq!(guide.title_in(de), "Schlüssel steckt im Zündschloss");
    assert_eq!(guide.label_in("wiggle", 1, de), Some("Steckt immer noch"));
}

#[test]
fn translation_missing_a_node_and_a_choice_warns_at_the_guide_line_and_the_node() {
    let report = assert_warnings(
        "translation-missing",
        &[
            ("stuck-key.de.toml", 2, Rule::TranslationMissing),
            ("stuck-key.de.toml", 16, Rule::TranslationMissing),
        ],
    );
    assert_mentions(
        &report.warnings[0],
        &["node `fixed`", "pitcrew translate --stamp"],
    );
    assert_mentions(
        &report.warnings[1],
        &["Still stuck", "goto = \"ask-human\""],
    );
    // Drift never refuses the content: the member reads the guide's own words there.
    let library = load_library(&fixture("translation-missing")).expect("loads");
    let guide = library.get("stuck-key").expect("guide");
    let de = pitcrew::guide::Lang::De;
    assert_eq!(guide.text_in("fixed", de), Some("Glad it worked."));
    assert_eq!(guide.label_in("wiggle", 1, de), Some("Still stuck"));
    assert_eq!(guide.label_in("wiggle", 0, de), Some("Er ist draußen"));
}

#[test]
fn orphan_translation_of_a_node_the_guide_no_longer_has() {
    let report = assert_warnings(
        "translation-orphan",
        &[("stuck-key.de.toml", 40, Rule::TranslationOrphan)],
    );
    assert_mentions(&report.warnings[0], &["old-step", "delete this entry"]);
}

#[test]
fn stale_translation_names_the_source_and_the_stamp_command() {
    let report = assert_warnings(
        "translation-stale",
        &[("stuck-key.de.toml", 17, Rule::TranslationStale)],
    );
    assert_mentions(
        &report.warnings[0],
        &[
            "node `wiggle`",
            "0badf00d",
            "pitcrew translate --stamp",
            "stuck-key.de.toml",
        ],
    );
    // A stale translation is still shown: German one edit behind beats English for a German
    // reader, and check keeps flagging it until it is re-stamped.
    let library = load_library(&fixture("translation-stale")).expect("loads");
    let guide = library.get("stuck-key").expect("guide");
    assert!(guide
        .text_in("wiggle", pitcrew::guide::Lang::De)
        .is_some_and(|t| t.starts_with("Wählhebel")));
}

#[test]
fn stamping_a_stale_translation_makes_it_current_and_keeps_everything_else() {
    let dir = tempfile::tempdir().expect("tempdir");
    for name in ["stuck-key.toml", "stuck-key.de.toml"] {
        std::fs::copy(
            fixture("translation-stale").join(name),
            dir.path().join(name),
        )
        .expect("copy");
    }
    let file = dir.path().join("stuck-key.de.toml");
    let before = std::fs::read_to_string(&file).expect("read");
    assert_eq!(pitcrew::guide::stamp::stamp_file(&file).expect("stamps"), 1);
    let after = std::fs::read_to_string(&file).expect("read");
    assert_eq!(after.lines().count(), before.lines().count());
    assert!(!after.contains("0badf00d"));
    let report = check_dir(dir.path());
    assert!(report.is_ok() && report.warnings.is_empty(), "{report}");
}

#[test]
fn translation_for_an_unknown_guide_or_language_is_an_error() {
    let report = assert_problems(
        "translation-unknown-guide",
        &[("stuck-key.de.toml", 2, Rule::TranslationUnknownGuide)],
    );
    assert_mentions(
        &report.problems[0],
        &["stuck-keys", "did you mean `stuck-key`?"],
    );
    let report = assert_problems(
        "translation-unknown-language",
        &[("stuck-key.fr.toml", 1, Rule::TranslationUnknownLanguage)],
    );
    assert_mentions(&report.problems[0], &["`fr`", "en, de"]);
}

#[test]
fn shipped_guides_have_german_translations_without_errors() {
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let report = check_dir(&content);
    assert!(report.is_ok(), "{report}");
    let library = load_library(&content).expect("shipped content loads");
    for guide in &library {
        assert!(
            guide.translation(pitcrew::guide::Lang::De).is_some(),
            "{} has no German translation",
            guide.id
        );
    }
}

// ----- what a guide may claim -----

#[test]
fn a_guide_without_sources_is_refused_at_its_id() {
    let p = only("no-sources", 1, Rule::NoSources);
    assert_mentions(&p, &["`stuck-key`", "lists no sources", "[[source]]"]);
}

#[test]
fn a_promise_of_a_volunteer_a_number_in_a_source_title_and_a_source_without_an_address_are_refused()
{
    let report = assert_problems(
        "promises-volunteer",
        &[
            ("stuck-key.toml", 37, Rule::PromisesVolunteer),
            ("stuck-key.toml", 41, Rule::LiteralNumber),
            ("stuck-key.toml", 42, Rule::NoSources),
        ],
    );
    let text = report.to_string();
    for w in ["has been alerted", "`ask-human`", "not a web address"] {
        assert!(text.contains(w), "expected {w:?} in: {text}");
    }
}

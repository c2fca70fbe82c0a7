//! The report's shape: positions, ordering and the summary line.

use super::*;

fn problem(line: usize) -> Problem {
    Problem {
        file: PathBuf::from("content/a.toml"),
        line,
        column: 3,
        rule: Rule::DeadEnd,
        message: "node `x` is stuck".into(),
        fix: "add a choice".into(),
    }
}

#[test]
fn problem_display_is_file_line_col_message_dash_fix() {
    assert_eq!(
        problem(7).to_string(),
        "content/a.toml:7:3: node `x` is stuck — add a choice"
    );
    assert_eq!(
        problem(0).to_string(),
        "content/a.toml: node `x` is stuck — add a choice"
    );
}

#[test]
fn report_summary_line() {
    let clean = CheckReport {
        problems: vec![],
        warnings: vec![],
        guides: 3,
        nodes: 41,
    };
    assert_eq!(clean.to_string(), "3 guides, 41 nodes: all good");
    let broken = CheckReport {
        problems: vec![problem(7)],
        warnings: vec![],
        guides: 1,
        nodes: 1,
    };
    assert_eq!(
        broken.to_string(),
        "content/a.toml:7:3: node `x` is stuck — add a choice\n1 guide, 1 node: 1 problem"
    );
}

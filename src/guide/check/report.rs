//! Where the rules of one file put their problems: below the rules and the graph checks,
//! which both report through it.

use std::ops::Range;

use super::{Problem, Rule};
use crate::guide::load::SourceFile;

/// Collects problems for one file, turning spans into positions.
pub(super) struct Report<'a> {
    pub(super) src: &'a SourceFile,
    pub(super) problems: &'a mut Vec<Problem>,
}

impl Report<'_> {
    pub(super) fn at(
        &mut self,
        span: Range<usize>,
        rule: Rule,
        message: String,
        fix: impl Into<String>,
    ) {
        let position = self.src.at(&span);
        self.problems.push(Problem::at(
            &self.src.path,
            position,
            rule,
            message,
            fix.into(),
        ));
    }
}

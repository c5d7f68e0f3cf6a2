//! Statement extraction: finds the main statement and every teaser of a page.
use crate::model::{Page, Statement};
use crate::diag::Diagnostics;

/// Extracts statements from pages.
pub fn extract(_pages: &[Page], _diags: &mut Diagnostics) -> Vec<Statement> {
    Vec::new()
}

//! Gap audit: coverage matrix and findings inside each group; [`html`] renders the report page.

pub mod html;

use crate::model::{CoverageRow, Finding};

/// Everything the audit found.
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct AuditReport {
    pub coverage: Vec<CoverageRow>,
    pub findings: Vec<Finding>,
}

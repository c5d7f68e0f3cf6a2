//! The self-contained `report.html` (skeleton).

use crate::audit::AuditReport;
use crate::model::{Group, Statement, Unit};

/// Renders the report page.
pub fn render(_report: &AuditReport, _groups: &[Group], _statements: &[Statement], _units: &[Unit]) -> String {
    String::new()
}
